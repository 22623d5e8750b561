"""site/protocol.js's tables, written from weiquan.protocol: the Python module is the one place a
call or an error code is declared.

The block between BEGIN and END in site/protocol.js is generated. The build replaces it in
dist/ on every build, so the page always carries the core's tables; the copy in site/ is kept
equal (tests/unit/test_protocol.py) so the type checker and the node tests read the same
tables. After changing weiquan/protocol.py, rewrite it with

    python -m buildtools.protocol_tables
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from types import ModuleType

from buildtools.errors import BuildError

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "site" / "protocol.js"
BEGIN = "// BEGIN generated from weiquan/protocol.py by buildtools/protocol_tables.py: do not edit"
END = "// END generated"
_BLOCK = re.compile(rf"^{re.escape(BEGIN)}\n.*?^{re.escape(END)}\n", re.S | re.M)


def _key(name: str) -> str:
    """An object key as the formatter writes it: bare when it is an identifier."""
    return name if re.fullmatch(r"[A-Za-z_$][\w$]*", name) else json.dumps(name)


def _string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def generate(protocol: ModuleType) -> str:
    """The generated block (markers included) for weiquan.protocol's CALLS and ERRORS."""
    names = list(protocol.CALLS)
    union = "|".join(_string(n) for n in names)
    args = [
        f" *   {name}: {', '.join(a for a in protocol.CALLS[name]) or '(none)'}" for name in names
    ]
    calls = "".join(f"  {_string(n)},\n" for n in names)
    errors = "".join(f"  {_key(c)}: {_string(m)},\n" for c, m in protocol.ERRORS.items())
    templates = "".join(f"  {_string(n)},\n" for n in protocol.TEMPLATE_CALLS)
    return (
        f"{BEGIN}\n"
        "/**\n"
        f" * @typedef {{{union}}} CallName\n"
        " *\n"
        ' * The arguments each call reads (weiquan.protocol.CALLS; "?" = optional):\n'
        + "\n".join(args)
        + "\n */\n\n"
        "/** @type {CallName[]} — weiquan.protocol.CALLS */\n"
        f"export const CALLS = [\n{calls}];\n\n"
        "/** @type {CallName[]} — weiquan.protocol.TEMPLATE_CALLS (wait for Jinja2) */\n"
        f"export const TEMPLATE_CALLS = [\n{templates}];\n\n"
        "/**\n"
        " * Error codes Python answers with, and what each means for the person —\n"
        " * weiquan.protocol.ERRORS. A Python reply's own message is more specific and is shown\n"
        " * first.\n"
        " */\n"
        f"export const PY_ERRORS = {{\n{errors}}};\n"
        f"{END}\n"
    )


def splice(source: str, block: str, where: Path = SOURCE) -> str:
    """`source` with its generated block replaced by `block`."""
    found = _BLOCK.findall(source)
    if len(found) != 1:
        raise BuildError(
            f"{where}: needs exactly one block from “{BEGIN}” to “{END}” "
            f"(found {len(found)}); the protocol tables are written into it."
        )
    return _BLOCK.sub(lambda _: block, source)


def current_protocol() -> ModuleType:
    """weiquan.protocol from this checkout's py/ (not whatever weiquan is installed)."""
    sys.path.insert(0, str(ROOT / "py"))
    try:
        from weiquan import protocol
    finally:
        sys.path.pop(0)
    return protocol


def main() -> int:
    text = SOURCE.read_text("utf-8")
    updated = splice(text, generate(current_protocol()))
    if updated != text:
        SOURCE.write_text(updated, "utf-8")
        print(f"{SOURCE}: protocol tables rewritten")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
