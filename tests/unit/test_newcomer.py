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
