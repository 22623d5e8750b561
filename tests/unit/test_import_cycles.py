"""py/weiquan has no import cycle.

Module-level imports (anything that runs while a module loads, including under `if`/`try`)
must form a graph without cycles: a cycle there is what made `api` and the call modules import
each other inside functions. Imports inside a function run when it is called, after every
module has loaded, so they cannot meet a half-initialised module; they are how start-up stays
small (letters, docx, zipfile load on first use). A function-level import that closes a cycle
is still a design smell, so each one is listed in DEFERRED_CYCLES with its reason, and a new one
fails the test until it is either removed or listed.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "py" / "weiquan"
MODULES = {p.stem for p in PACKAGE.glob("*.py")}

# (importer, imported) for a function-level import whose module-level reverse path exists.
DEFERRED_CYCLES = {
    # The claims are the theory's: theory builds on claims' arithmetic, claims.pleading asks
    # the theory which claims there are.
    ("claims", "theory"),
    # routes.situation is the derived situation, which is built from the deadlines' routes.
    ("routes", "situation"),
}


def _imported(node: ast.AST, importer: str) -> set[str]:
    """The weiquan modules one import statement names."""
    found: set[str] = set()
    if isinstance(node, ast.Import):
        for alias in node.names:
            parts = alias.name.split(".")
            if parts[0] == "weiquan" and len(parts) > 1:
                found.add(parts[1])
    elif isinstance(node, ast.ImportFrom):
        base = node.module or ""
        if node.level:  # relative: from . import x / from .x import y
            base = "weiquan" + ("." + base if base else "")
        parts = base.split(".")
        if parts[0] != "weiquan":
            return found
        if len(parts) > 1:
            found.add(parts[1])
        else:
            found |= {alias.name for alias in node.names if alias.name in MODULES}
    return found & MODULES - {importer}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports(module: str) -> tuple[set[str], set[str]]:
    """(module-level, function-level) weiquan imports of one module."""
    tree = ast.parse((PACKAGE / f"{module}.py").read_text("utf-8"))
    top: set[str] = set()
    deferred: set[str] = set()

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                continue  # never runs
            inner = in_function or isinstance(
                child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda
            )
            (deferred if inner else top).update(_imported(child, module))
            visit(child, inner)

    visit(tree, False)
    return top, deferred


GRAPH = {m: imports(m) for m in sorted(MODULES)}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph as a path a → … → a, or None."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    path: list[str] = []

    def dfs(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := dfs(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := dfs(start)):
            return found
    return None


def _reaches(graph: dict[str, set[str]], start: str, goal: str) -> bool:
    seen, todo = set(), [start]
    while todo:
        node = todo.pop()
        if node == goal:
            return True
        if node not in seen:
            seen.add(node)
            todo += graph.get(node, ())
    return False


def test_the_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None


def test_the_walker_sees_module_and_function_level_imports():
    top, deferred = GRAPH["api"]
    assert {"case", "protocol"} <= top
    assert {"docx", "letters"} <= deferred and not {"docx", "letters"} & top


def test_module_level_imports_have_no_cycle():
    cycle = _cycle({m: top for m, (top, _) in GRAPH.items()})
    assert cycle is None, "import cycle: " + " → ".join(cycle)


def test_no_module_imports_the_api():
    # api is the surface; everything it calls raises weiquan.protocol's ApiError instead. The
    # CLI and the worker's entry (which defers it past the ready signal) are its only users.
    users = sorted(m for m, (top, deferred) in GRAPH.items() if "api" in top | deferred)
    assert users == ["__main__", "entry"]


def test_every_deferred_import_that_closes_a_cycle_is_known():
    top_graph = {m: top for m, (top, _) in GRAPH.items()}
    closing = {
        (m, dep)
        for m, (_, deferred) in GRAPH.items()
        for dep in deferred
        if _reaches(top_graph, dep, m)
    }
    assert closing == DEFERRED_CYCLES
