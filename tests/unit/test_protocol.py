"""site/protocol.js and weiquan/api.py describe the same protocol: same calls, same error codes
with the same Chinese messages, and every code Python answers with is declared."""

from __future__ import annotations

import json
import re
from pathlib import Path

from weiquan import api

PROTOCOL = Path(__file__).resolve().parents[2] / "site" / "protocol.js"


def js_constant(name: str) -> str:
    text = PROTOCOL.read_text("utf-8")
    found = re.search(rf"export const {name} = ([\[{{].*?^[\]}}]);", text, re.S | re.M)
    assert found, f"protocol.js has no `export const {name}`"
    return found[1]


def js_object(name: str) -> dict[str, str]:
    """A flat object literal of string values, keys quoted or bare, values possibly on the
    next line (as the formatter wraps them)."""
    body = js_constant(name)
    pairs = re.findall(r'^\s*"?([\w-]+)"?:\s*"((?:[^"\\]|\\.)*)"', body, re.M)
    assert pairs, f"{name} is empty"
    return dict(pairs)


def test_calls_are_the_same_list():
    assert json.loads(re.sub(r",\s*\]", "]", js_constant("CALLS"))) == list(api.CALLS)


def test_the_call_name_type_lists_every_call():
    union = re.search(r"@typedef \{([^}]*)\} CallName", PROTOCOL.read_text("utf-8"))[1]
    assert [c.strip().strip('"') for c in union.split("|")] == list(api.CALLS)


def test_error_codes_and_their_messages_are_the_same():
    assert js_object("PY_ERRORS") == api.ERRORS


def test_every_error_has_a_chinese_message():
    for code, message in {**api.ERRORS, **js_object("SHELL_ERRORS")}.items():
        assert any("\u4e00" <= ch <= "\u9fff" for ch in message), code


def test_shell_only_codes_do_not_shadow_python_codes():
    assert not set(js_object("SHELL_ERRORS")) & set(api.ERRORS)


def test_every_code_python_raises_is_in_the_table():
    source = "\n".join(p.read_text("utf-8") for p in Path(api.__file__).parent.glob("*.py"))
    raised = set(re.findall(r'ApiError\(\s*"([\w-]+)"', source))
    raised |= {"invalid-case", "internal"}  # built in dispatch / invalid_case()
    assert raised <= set(api.ERRORS), raised - set(api.ERRORS)
