"""api.dispatch: the browser worker's only entry point. It answers every call with JSON."""

from __future__ import annotations

import json
import types
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from weiquan import api, letters

CASE_FILE = Path(__file__).parent / "cases" / "23_worked_example_12315_guoqing.json"


def call(name: str, args) -> dict:
    text = api.dispatch(name, args if isinstance(args, str) else json.dumps(args))
    assert isinstance(text, str)
    return json.loads(text)


def envelope() -> dict:
    raw = json.loads(CASE_FILE.read_text(encoding="utf-8"))
    raw.pop("expect")
    return raw


def test_problems_lists_chinese_labels():
    answer = call("problems", {})
    assert answer["ok"] is True
    assert answer["result"] == [
        {"id": "invalid_key", "label": "卡密无效"},
        {"id": "not_delivered", "label": "未发货"},
        {"id": "late_reissue", "label": "补单迟迟不到"},
        {"id": "not_as_described", "label": "货不对板"},
        {"id": "refund_refused", "label": "拒绝退款"},
        {"id": "vanished", "label": "平台跑路"},
        {"id": "revoked", "label": "到账后被追回或封号"},
        {"id": "scammed", "label": "付了钱被拉黑、联系不上，或被要求继续交钱"},
        {"id": "service_ended", "label": "服务或游戏提前终止，余额或会员没用完"},
        {"id": "account_locked", "label": "账号或余额被限制、冻结"},
    ]


def test_checklist():
    result = call("checklist", {"problem": "late_reissue"})["result"]
    assert result["problem"] == "late_reissue" and result["label"] == "补单迟迟不到"
    assert {"kind", "title", "must_show", "how", "required"} <= set(result["items"][0])
    assert result["chain"] and result["hints"]


def test_checklist_unknown_problem_names_the_field():
    error = call("checklist", {"problem": "lost"})["error"]
    assert error["code"] == "bad-args"
    assert error["fields"][0]["field"] == "problem"
    assert "invalid_key" in error["message"]


def test_check_matches_the_cli_shape():
    answer = call("check", {"case": envelope(), "today": "2026-09-30"})
    result = answer["result"]
    assert result["stage"] == "third_party"
    assert {d["id"]: d["date"] for d in result["deadlines"]}["regulator-reply"] == "2026-10-14"
    assert result["checklist"]["problem"] == "invalid_key"
    assert result["rules"]["cpl-46"]["source"].startswith("https://")


def test_check_accepts_the_case_as_json_text():
    answer = call("check", {"case": json.dumps(envelope()), "today": "2026-09-30"})
    assert answer["ok"] and answer["result"]["today"] == "2026-09-30"


def test_check_today_defaults_to_the_real_date():
    from datetime import date

    assert call("check", {"case": envelope()})["result"]["today"] == date.today().isoformat()


def test_invalid_case_lists_every_field():
    doc = envelope()
    doc["case"]["order"]["amount"] = 300.5
    doc["case"]["contacts"][0]["at"] = "2026-02-30"
    error = call("check", {"case": doc})["error"]
    assert error["code"] == "invalid-case"
    assert [f["field"] for f in error["fields"]] == [
        "case.order.amount",
        "case.contacts[0].at",
    ]
    assert "2 处问题" in error["message"]


@pytest.mark.parametrize(
    ("name", "args", "code", "field"),
    [
        ("check", {"case": envelope(), "today": "2026-02-30"}, "bad-args", "today"),
        ("check", {"case": envelope(), "today": "20260101"}, "bad-args", "today"),
        ("check", {}, "bad-args", "case"),
        ("check", {"case": "{oops"}, "invalid-case", ""),
        (
            "check",
            {"case": {"format": "weiquan-case", "version": 7, "case": {}}},
            "invalid-case",
            "version",
        ),
        ("draft", {"case": envelope()}, "bad-args", "letter"),
        ("draft", {"case": envelope(), "letter": "poem"}, "unknown-letter", "letter"),
        ("explode", {}, "unknown-call", None),
        ("check", "[1, 2]", "bad-args", None),
        ("check", "{not json", "bad-json", None),
    ],
)
def test_errors_are_answers_not_exceptions(name, args, code, field):
    answer = call(name, args)
    assert answer["ok"] is False
    assert answer["error"]["code"] == code
    assert any("\u4e00" <= ch <= "\u9fff" for ch in answer["error"]["message"])
    if field is not None:
        assert answer["error"]["fields"][0]["field"] == field


def test_validate_returns_errors_as_data():
    assert call("validate", {"case": envelope()})["result"] == {"errors": []}
    doc = envelope()
    doc["case"]["problem"] = "??"
    errors = call("validate", {"case": doc})["result"]["errors"]
    assert errors[0]["field"] == "case.problem"
    assert call("validate", {"case": "not json"})["result"]["errors"][0]["field"] == ""
    assert call("validate", {})["result"]["errors"][0]["field"] == "case"


def test_internal_errors_are_caught(monkeypatch):
    def boom(case, today):
        raise RuntimeError("kaput")

    monkeypatch.setattr(api, "check_case", boom)
    answer = call("check", {"case": envelope()})
    assert answer == {
        "ok": False,
        "error": {
            "code": "internal",
            "message": "内部错误（RuntimeError）：请导出案件文件并反馈给维护者",
            "fields": [],
        },
    }


def test_draft_is_wired_to_letters(monkeypatch):
    seen = {}

    def fake_draft(case, kind, today):
        seen.update(case=case, kind=kind, today=today)
        return types.SimpleNamespace(
            text="正文",
            missing=["case.consumer.name"],
            warnings=[
                {"code": "tone", "message": "语气", "place": "wording"},
                {"code": "missing-field", "message": "缺姓名"},
            ],
            sections=[],
            blocks=[{"type": "paragraph", "text": "正文", "space_before": False}],
        )

    monkeypatch.setattr(letters, "draft", fake_draft)
    answer = call("draft", {"case": envelope(), "letter": "12315", "today": "2026-10-01"})
    assert answer["result"] == {
        "kind": "12315",
        "text": "正文",
        "missing": ["case.consumer.name"],
        # Each warning says where it belongs; one that does not say goes in the list.
        "warnings": [
            {"code": "tone", "message": "语气", "place": "wording"},
            {"code": "missing-field", "message": "缺姓名", "place": "list"},
        ],
        "blocks": [{"type": "paragraph", "text": "正文", "space_before": False}],
    }
    assert seen["kind"] == "12315" and seen["today"].isoformat() == "2026-10-01"
    assert seen["case"]["order"]["amount"] == "300.00"  # letters get the normalised case


def test_draft_docx_comes_back_through_the_staged_output(tmp_path):
    out = tmp_path / "out"
    args = {"case": envelope(), "letter": "evidence-list", "today": "2026-10-01", "docx": True}
    answer = call("draft", {**args, "staged": {"inputs": [], "output": str(out)}})
    assert answer["ok"], answer
    assert answer["result"]["output"] == str(out)
    assert answer["result"]["docx_name"] == "证据清单.docx"
    with zipfile.ZipFile(out) as zf:
        assert "word/document.xml" in zf.namelist()
    # Without a place to write, the page is told what is missing (never a traceback).
    refused = call("draft", args)
    assert not refused["ok"] and refused["error"]["code"] == "bad-args"


def test_real_letter():
    answer = call("draft", {"case": envelope(), "letter": "12315", "today": "2026-10-01"})
    assert answer["ok"], answer
    assert "TT-0925-300" in answer["result"]["text"]


def test_rules_call_lists_every_rule_with_status():
    result = call("rules", {})["result"]
    assert len(result) >= 10
    for rule in result:
        assert {"id", "law", "article", "status", "checked", "source"} <= set(rule), rule


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(["check", "validate", "draft", "checklist", "problems", "ics", "", "x"]),
    st.one_of(
        st.text(max_size=30),
        st.recursive(
            st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=8)),
            lambda inner: (
                st.lists(inner, max_size=3)
                | st.dictionaries(
                    st.sampled_from(
                        [
                            "case",
                            "today",
                            "letter",
                            "problem",
                            "format",
                            "version",
                            "order",
                            "amount",
                        ]
                    ),
                    inner,
                    max_size=4,
                )
            ),
            max_leaves=10,
        ).map(lambda v: json.dumps(v)),
    ),
)
def test_dispatch_never_raises(name, args_json):
    answer = json.loads(api.dispatch(name, args_json))
    assert answer["ok"] in (True, False)
    if not answer["ok"]:
        assert answer["error"]["code"] != "internal", answer


def test_ics_exports_only_upcoming_deadlines():
    answer = call("ics", {"case": envelope(), "today": "2026-10-12"})
    result = answer["result"]
    assert result["text"].startswith("BEGIN:VCALENDAR")
    # 2026-10-12: the 12315 reply (10-14) and the limitation are ahead; the rest are past or met.
    assert result["count"] == 2
    assert "DTSTART;VALUE=DATE:20261014" in result["text"]
    assert "DTSTART;VALUE=DATE:20261010" not in result["text"]


def test_check_reply_carries_structured_fields_the_page_shows_without_parsing():
    result = call("check", {"case": envelope(), "today": "2026-09-30"})["result"]
    assert result["stage"] == "third_party" and result["stage_index"] == 3
    dated = {d["id"]: d for d in result["deadlines"]}
    assert dated["regulator-reply"]["date_label"] == "2026年10月14日"
    assert all(d["date_label"] for d in result["deadlines"])
    cited = list(result["rules"].values())
    assert cited
    for rule in cited:
        assert "请以官方最新文本为准" not in rule["name"]
        assert rule["status_label"] in ("已核实", "仅供参考，请以官方最新文本为准")


def test_a_choice_error_offers_the_sentence_without_the_list():
    doc = envelope()
    doc["case"]["order"]["paid_via"] = "cash"
    (field,) = call("check", {"case": doc})["error"]["fields"]
    assert field["field"] == "case.order.paid_via"
    assert field["message"].startswith(field["brief"].removesuffix("。"))
    assert "可选" not in field["brief"] and "alipay" in field["allowed"]


def test_ics_names_its_file():
    result = call("ics", {"case": envelope(), "today": "2026-10-12"})["result"]
    assert result["filename"].endswith(".ics")


def test_migrate_returns_the_case_untouched_at_the_current_version():
    from weiquan import case as case_model

    doc = envelope()
    answer = call("migrate", {"case": doc})
    assert answer["ok"], answer
    assert answer["result"]["version"] == case_model.CURRENT_VERSION
    if doc["version"] == case_model.CURRENT_VERSION:
        assert answer["result"]["case"] == doc["case"]


def test_migrate_keeps_a_draft_that_would_not_validate():
    from weiquan import case as case_model

    draft = {"problem": "", "order": {"amount": "3OO"}}
    doc = {"format": "weiquan-case", "version": case_model.CURRENT_VERSION, "case": draft}
    assert call("migrate", {"case": doc})["result"]["case"] == draft


def test_migrate_refuses_a_newer_version_by_name():
    from weiquan import case as case_model

    doc = {"format": "weiquan-case", "version": case_model.CURRENT_VERSION + 1, "case": {}}
    error = call("migrate", {"case": doc})["error"]
    assert error["code"] == "invalid-case" and error["fields"][0]["field"] == "version"


def test_bundle_needs_the_staged_files_the_protocol_declares():
    error = call("bundle", {"case": envelope(), "files": [], "out_path": "/tmp/x.zip"})["error"]
    assert error["code"] == "bad-args" and "staged" in error["message"]


def test_every_warning_of_a_check_says_where_it_belongs():
    kase = envelope()
    kase["case"]["facts"] = "这个骗子商家太恶心了，我要让你们倒闭"
    kase["case"]["demands"] = [{"kind": "other", "note": "给个说法"}]
    warnings = call("check", {"case": kase, "today": "2026-10-01"})["result"]["warnings"]
    places = {w["code"]: w["place"] for w in warnings}
    assert places.get("tone") == "wording"
    assert set(places.values()) <= {"wording", "list"} and "list" in places.values()
