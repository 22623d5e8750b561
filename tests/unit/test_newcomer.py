"""What a newcomer tripped over (issue 23), each pinned by a test that failed before its fix."""

from __future__ import annotations

import json
from datetime import date

import pytest
from weiquan import api, case

TODAY = date(2026, 11, 24)


def call(name: str, **args) -> dict:
    return json.loads(api.dispatch(name, json.dumps(args, ensure_ascii=False)))


# ------------------------------------------------- an emptied optional box is simply absent


@pytest.mark.parametrize("emptied", ["", "  "])
def test_an_emptied_optional_number_blocks_nothing(make_case, emptied):
    raw = case.dumps(make_case())
    doc = json.loads(raw)
    doc["case"]["platform_window_days"] = emptied
    checked = call("check", case=doc, today=TODAY.isoformat())
    assert checked["ok"], checked
    assert checked["result"]["next_steps"]
    drafted = call("draft", case=doc, letter="platform-ticket", today=TODAY.isoformat())
    assert drafted["ok"] and "先把" not in drafted["result"]["text"]
    assert case.normalise(doc)["platform_window_days"] is None


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("-3", "1 到 365 之间"),
        ("0", "1 到 365 之间"),
        ("七天", "不是整数"),
        ("3.5", "不是整数"),
    ],
)
def test_a_wrong_number_is_explained_to_a_person(make_case, typed, says):
    doc = json.loads(case.dumps(make_case()))
    doc["case"]["platform_window_days"] = typed
    (error,) = case.validate(doc)
    assert error.field == "case.platform_window_days"
    assert says in error.message
    for jargon in ("不带引号", "integer", "字符串", "应为整数"):
        assert jargon not in error.message


def test_a_whole_number_typed_as_text_is_that_number(make_case):
    doc = json.loads(case.dumps(make_case()))
    doc["case"]["platform_window_days"] = " 7 "
    assert case.normalise(doc)["platform_window_days"] == 7


# ------------------------------------------------- the first letter no longer waits on templates


def test_warm_letters_compiles_the_shared_wording_ahead_of_the_first_letter(monkeypatch):
    from weiquan import letters

    monkeypatch.setattr(letters, "_ENV", None)
    answer = call("warm_letters")
    assert answer == {"ok": True, "result": {"warmed": True}}
    shared = letters._ENV.get_template("_common.j2")
    assert letters._ENV.get_template("_common.j2") is shared  # compiled once, kept


# ------------------------------------------------- a chat is written; only a call is not


@pytest.mark.parametrize(("channel", "tip"), [("phone", True), ("chat", False), ("ticket", False)])
def test_the_promise_tip_asks_for_writing_only_where_nothing_was_written(channel, tip):
    from weiquan import describe

    assert (channel in describe.shell_data()["unwritten_channels"]) is tip


# ------------------------------------------------- 平台 names the marketplace, never the shop

SHOP_AS_PLATFORM = (
    "联系平台",
    "向平台",
    "平台投诉",
    "跟进平台",
    "平台答复",
    "平台承诺",
    "在平台规定",
)


def _texts(result: dict) -> list[str]:
    out = []
    for step in result["next_steps"]:
        out += [step["title"], step["why"], *step.get("how", [])]
    for line in result["deadlines"]:
        out += [line["title"], line["basis"], line.get("passed_message", "")]
    return out


@pytest.mark.parametrize(
    ("name", "today"),
    [
        ("02_invalid_key_taobao_refused_guoqing.json", "2026-10-09"),
        ("04_not_delivered_chunjie_promise_broken.json", "2026-02-26"),
        ("09_vanished_taobao_small_claims.json", "2026-09-01"),
        ("03_not_delivered_ticket_pending.json", "2026-11-20"),
        ("18_game_topup_window_passed.json", "2026-10-12"),
    ],
)
def test_the_dashboard_says_shop_for_the_shop(name, today):
    from pathlib import Path

    doc = json.loads((Path(__file__).parent / "cases" / name).read_text("utf-8"))
    doc.pop("expect")
    result = call("check", case=doc, today=today)["result"]
    for text in _texts(result):
        for words in SHOP_AS_PLATFORM:
            assert words not in text, (words, text)


def test_a_marketplace_rule_is_named_by_the_marketplace(make_case):
    result = api.check_case(
        make_case(merchant={"marketplace": "taobao"}, platform_window_days=7), TODAY
    )
    (window,) = [d for d in result["deadlines"] if d["id"] == "platform-window"]
    assert "淘宝" in window["title"] and "淘宝" in window["basis"]


# ------------------------------------------------- an impossible date is named, once per field


@pytest.mark.parametrize(
    ("order", "field", "says"),
    [
        (
            {"ordered_at": "2026-12-01T10:00", "problem_found_at": ""},
            "case.order.ordered_at",
            "下单时间晚于今天（2026年11月24日）",
        ),
        (
            {"ordered_at": "2026-11-20", "problem_found_at": "2026-11-18"},
            "case.order.problem_found_at",
            "发现问题的时间早于下单时间",
        ),
    ],
)
def test_an_impossible_date_is_reported_on_its_field_by_name(make_case, order, field, says):
    found = [
        w
        for w in case.consistency(make_case(order=order), TODAY)
        if w["code"] in ("future-date", "date-order")
    ]
    assert [(w["field"], says in w["message"]) for w in found] == [(field, True)]
