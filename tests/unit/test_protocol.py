"""The protocol is declared once, in weiquan.protocol: api implements exactly its calls, and
site/protocol.js's tables (CALLS, PY_ERRORS, CallName) are generated from it — in dist/ by the
build, and in site/ by `python -m buildtools.protocol_tables` (checked here, so the type checker
and the node tests read the same tables the page ships)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from weiquan import api, protocol

from buildtools import protocol_tables
from buildtools.errors import BuildError

PROTOCOL_JS = Path(__file__).resolve().parents[2] / "site" / "protocol.js"
GENERATED = protocol_tables.generate(protocol)


def js_constant(text: str, name: str) -> str:
    found = re.search(rf"export const {name} = ([\[{{].*?^[\]}}]);", text, re.S | re.M)
    assert found, f"no `export const {name}`"
    return found[1]


def js_object(text: str, name: str) -> dict[str, str]:
    """A flat object literal of string values, keys quoted or bare, values possibly on the
    next line (as the formatter wraps them)."""
    body = js_constant(text, name)
    pairs = re.findall(r'^\s*"?([\w-]+)"?:\s*"((?:[^"\\]|\\.)*)"', body, re.M)
    assert pairs, f"{name} is empty"
    return dict(pairs)


def test_api_implements_exactly_the_declared_calls_in_their_order():
    assert list(api.CALLS) == list(protocol.CALLS)
    assert api.ERRORS is protocol.ERRORS and api.ApiError is protocol.ApiError


def test_the_generated_calls_are_python_s():
    assert json.loads(re.sub(r",\s*\]", "]", js_constant(GENERATED, "CALLS"))) == list(
        protocol.CALLS
    )


def test_the_generated_call_name_type_lists_every_call():
    union = re.search(r"@typedef \{([^}]*)\} CallName", GENERATED)[1]
    assert [json.loads(c) for c in union.split("|")] == list(protocol.CALLS)


def test_the_generated_error_table_is_python_s():
    table = js_object(GENERATED, "PY_ERRORS")
    assert {code: json.loads(f'"{text}"') for code, text in table.items()} == protocol.ERRORS


def test_the_generated_comment_names_each_call_s_arguments():
    for name, args in protocol.CALLS.items():
        assert f" *   {name}: {', '.join(args) or '(none)'}\n" in GENERATED


def test_site_protocol_js_carries_the_generated_tables():
    # Stale after a change to weiquan/protocol.py: run `python -m buildtools.protocol_tables`.
    text = PROTOCOL_JS.read_text("utf-8")
    assert GENERATED in text
    assert protocol_tables.splice(text, GENERATED) == text


def test_the_build_ships_python_s_tables_even_from_a_stale_copy():
    import build

    stale = PROTOCOL_JS.read_text("utf-8").replace('  "warm_letters",\n', "")
    assert '"warm_letters",' not in js_constant(stale, "CALLS")
    assert build.protocol_js(stale.encode()).decode() == PROTOCOL_JS.read_text("utf-8")


@pytest.mark.parametrize("markers", [0, 2])
def test_a_missing_or_doubled_block_is_a_build_error_that_names_the_file(markers):
    text = "export const X = 1;\n" + GENERATED * markers
    with pytest.raises(BuildError, match=r"protocol\.js"):
        protocol_tables.splice(text, GENERATED)


def test_every_error_has_a_chinese_message():
    text = PROTOCOL_JS.read_text("utf-8")
    for code, message in {**protocol.ERRORS, **js_object(text, "SHELL_ERRORS")}.items():
        assert any("\u4e00" <= ch <= "\u9fff" for ch in message), code


def test_shell_only_codes_do_not_shadow_python_codes():
    assert not set(js_object(PROTOCOL_JS.read_text("utf-8"), "SHELL_ERRORS")) & set(protocol.ERRORS)


def test_every_code_python_raises_is_in_the_table():
    source = "\n".join(p.read_text("utf-8") for p in Path(api.__file__).parent.glob("*.py"))
    raised = set(re.findall(r'ApiError\(\s*"([\w-]+)"', source))
    raised |= {"invalid-case", "internal"}  # built in dispatch / invalid_case()
    assert raised <= set(protocol.ERRORS), raised - set(protocol.ERRORS)


# Run in a fresh interpreter where Jinja2 cannot be imported, as the worker is between ready
# and the template engine's install: each call with arguments good enough to do its work.
WITHOUT_TEMPLATES = r"""
import json, sys, tempfile
sys.modules["jinja2"] = None
from weiquan import api, protocol
kase = json.load(open(sys.argv[1], encoding="utf-8"))
kase.pop("expect", None)
out = tempfile.mkdtemp() + "/out"
args = {
    "problems": {}, "rules": {}, "warm_letters": {}, "checklist": {"problem": "invalid_key"},
    "paste": {"text": "订单号：123456789012\n实付款：300.00"},
    "agenda": {"cases": [{"id": "a", "title": "案件", "case": kase}]},
    "redact_targets": {"boxes": []},
    "import_bundle": {"staged": {"inputs": [sys.argv[1]], "output": out}},
    "bundle": {"case": kase, "files": [], "staged": {"inputs": [], "output": out}},
    "draft": {"case": kase, "letter": "12315"},
}
replies = {}
for call in protocol.CALLS:
    request = args.get(call, {"case": kase, "today": "2026-11-24"})
    replies[call] = json.loads(api.dispatch(call, json.dumps({"today": "2026-11-24", **request})))
print(json.dumps(replies, ensure_ascii=False))
"""


def test_exactly_the_template_calls_need_the_template_engine():
    import subprocess
    import sys

    case_file = Path(__file__).parent / "cases" / "02_invalid_key_taobao_refused_guoqing.json"
    py = Path(__file__).resolve().parents[2] / "py"
    done = subprocess.run(
        [sys.executable, "-c", WITHOUT_TEMPLATES, str(case_file)],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(py)},
    )
    assert done.returncode == 0, done.stderr
    replies = json.loads(done.stdout)
    for call, reply in replies.items():
        failed_import = not reply["ok"] and reply["error"]["code"] == "internal"
        assert failed_import == (call in protocol.TEMPLATE_CALLS), (call, reply)
