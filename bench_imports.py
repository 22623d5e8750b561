"""What importing the app costs inside the browser's Python (part of `make bench`).

A page added to the bench's temporary site boots the same runtime with the app's wheels and
Python's own import profiler switched on (PYTHONPROFILEIMPORTTIME), then times, one after the
other, what the worker does: import `weiquan.entry` (before it says ready), `entry.warm()`
(right after), and the letters with their templates (the first draft, or the dashboard's idle
`warm_letters`). The profiler's lines give each module's own and cumulative cost in wasm.
"""

from __future__ import annotations

import re
import statistics
from pathlib import Path

PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>import costs (bench)</title>
<script type="module" src="imports.js"></script></head><body></body></html>
"""
PAGE_JS = """const worker = new Worker("imports-worker.js", { type: "module" });
worker.onmessage = (e) => { window.__imports = e.data; };
"""
WORKER_JS = """import { loadPyodide } from "%%RUNTIME%%pyodide.mjs";
const lines = [];
try {
  const py = await loadPyodide({
    indexURL: new URL("%%RUNTIME%%", location.href).href,
    lockFileURL: new URL("%%LOCK%%", location.href).href,
    packageBaseUrl: new URL("/pyodide/", location.href).href,
    packages: ["weiquan", "jinja2"],
    env: { PYTHONPROFILEIMPORTTIME: "1" },
    stdout: () => {},
    stderr: (line) => lines.push(line),
  });
  lines.length = 0; // the runtime's own start-up imports
  const times = {};
  for (const [name, code] of [
    ["entry", "import weiquan.entry"],
    ["app", "weiquan.entry.warm()"],
    ["letters", "from weiquan import letters; letters.warm()"],
  ]) {
    const start = performance.now();
    py.runPython(code);
    times[name] = performance.now() - start;
  }
  self.postMessage({ times, lines });
} catch (err) {
  self.postMessage({ error: String((err && err.message) || err) });
}
"""
# "import time:   self [us] | cumulative | imported package", nesting shown by indentation.
LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")
TOP = 8


def add_page(dist: Path) -> str:
    """Writes the page into the built site; returns its path."""
    (runtime,) = (dist / "pyodide").glob("runtime-*")
    (lock,) = (dist / "pyodide").glob("app-lock.*.json")
    folder = dist / "imports"
    folder.mkdir()
    (folder / "index.html").write_text(PAGE, "utf-8")
    (folder / "imports.js").write_text(PAGE_JS, "utf-8")
    worker = WORKER_JS.replace("%%RUNTIME%%", f"/pyodide/{runtime.name}/")
    (folder / "imports-worker.js").write_text(worker.replace("%%LOCK%%", f"/pyodide/{lock.name}"))
    return "/imports/"


def visit(browser, base: str, new_context, timeout_ms: int) -> dict:
    context = new_context(browser)
    try:
        page = context.new_page()
        page.goto(base + "/imports/")
        page.wait_for_function("() => window.__imports", timeout=timeout_ms)
        result = page.evaluate("() => window.__imports")
    finally:
        context.close()
    if "error" in result:
        raise RuntimeError(f"the import page failed: {result['error']}")
    return result


def costs(lines: list[str]) -> list[tuple[str, float, float]]:
    """(module, self ms, cumulative ms) of every import the profiler reported."""
    found = []
    for line in lines:
        m = LINE.search(line)
        if m:
            found.append((m.group(4), int(m.group(1)) / 1000, int(m.group(2)) / 1000))
    return found


def summarise(results: list[dict]) -> dict:
    med = {k: statistics.median(r["times"][k] for r in results) for k in results[0]["times"]}
    per_module: dict[str, list[float]] = {}
    for r in results:
        for name, own, _ in costs(r["lines"]):
            per_module.setdefault(name, []).append(own)
    heaviest = sorted(
        ((name, statistics.median(v)) for name, v in per_module.items()), key=lambda x: -x[1]
    )[:TOP]
    return {
        "import_entry_ms": med["entry"],
        "import_app_ms": med["app"],
        "import_letters_ms": med["letters"],
        "import_heaviest": [[name, round(ms, 1)] for name, ms in heaviest],
    }


def lines_for(m: dict) -> str:
    heavy = ", ".join(f"{name} {ms:.0f}" for name, ms in m["import_heaviest"])
    return (
        f"imports in wasm (desktop, median): weiquan.entry {m['import_entry_ms']:.0f} ms before "
        f"ready; the app {m['import_app_ms']:.0f} ms right after; letters and templates "
        f"{m['import_letters_ms']:.0f} ms on the first draft.\n"
        f"  heaviest modules (own ms): {heavy}"
    )
