"""今天要做的: every saved case's deadlines due within a week or overdue, in one call."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from weiquan import agenda, api

CASES = Path(__file__).parent / "cases"


def saved(name: str, title: str = "") -> dict:
    doc = json.loads((CASES / name).read_text("utf-8"))
    doc.pop("expect", None)
    return {"id": name.split("_")[0], "title": title or name, "case": doc}


def twenty() -> list[dict]:
    return [saved(p.name) for p in sorted(CASES.glob("*.json"))[:20]]


def test_a_broken_promise_case_lists_what_is_overdue_and_what_is_due_this_week():
    result = agenda.today_tasks(
        [saved("04_not_delivered_chunjie_promise_broken.json", "春节补发")], date(2026, 2, 26)
    )
    rows = [
        (i["deadline_id"], i["date"], i["status"], i["days_left"], i["days_overdue"])
        for i in result["items"]
    ]
    assert rows == [
        ("platform-window", "2026-02-20", "overdue", 0, 6),
        ("promise-due", "2026-02-24", "overdue", 0, 2),
        ("delay-15d", "2026-02-28", "soon", 2, 0),
        ("termination-cure", "2026-03-05", "soon", 7, 0),  # day 7: still this week
    ]  # the three-year limitation (2029) is not this week's business
    assert {i["case_id"] for i in result["items"]} == {"04"}
    assert result["items"][0]["case_title"] == "春节补发"
    assert result["items"][0]["title"]


def test_the_week_ends_on_day_seven(make_case):
    kase = make_case(order={"problem_found_at": "2026-11-02T10:00"})  # window ends 11-09

    def ids(today):
        found = agenda.today_tasks([{"id": "a", "title": "A", "case": kase}], today)
        return {i["deadline_id"]: i for i in found["items"]}

    assert "platform-window" not in ids(date(2026, 11, 1))
    assert ids(date(2026, 11, 2))["platform-window"]["days_left"] == 7
    assert ids(date(2026, 11, 9))["platform-window"]["status"] == "today"
    assert ids(date(2026, 11, 10))["platform-window"]["status"] == "overdue"


def test_a_met_deadline_is_not_a_task(make_case):
    kase = make_case(
        order={"problem_found_at": "2026-11-02T10:00"},
        contacts=[{"at": "2026-11-03T10:00", "channel": "ticket", "outcome": "no_reply"}],
    )
    found = agenda.today_tasks([{"id": "a", "title": "A", "case": kase}], date(2026, 11, 20))
    assert "platform-window" not in {i["deadline_id"] for i in found["items"]}
    assert "platform-reply" in {i["deadline_id"] for i in found["items"]}


def test_twenty_cases_soonest_first_and_a_resolved_case_has_no_tasks():
    cases = twenty()
    result = agenda.today_tasks(cases, date(2026, 11, 25))
    assert result["errors"] == [] and result["cases"] == 20
    assert result["resolved"] == ["13"]  # 13_resolved_by_jd
    dates = [i["date"] for i in result["items"]]
    assert dates == sorted(dates) and len({i["case_id"] for i in result["items"]}) >= 10
    for item in result["items"]:
        assert item["status"] in ("overdue", "today", "soon")
        assert (item["days_overdue"] > 0) == (item["status"] == "overdue")
        assert item["days_left"] <= agenda.HORIZON_DAYS


def test_one_broken_case_is_reported_and_the_others_still_count():
    cases = twenty()
    broken = saved("01_invalid_key_fresh_steam.json", "坏掉的")
    broken["id"] = "bad"
    broken["case"]["case"]["order"]["amount"] = "三百"
    cases[5:5] = [broken, "not a case", {"title": "没有编号", "case": {}}]
    result = agenda.today_tasks(cases, date(2026, 11, 25))
    alone = agenda.today_tasks(twenty(), date(2026, 11, 25))
    assert result["items"] == alone["items"]
    errors = {e["case_id"]: e for e in result["errors"]}
    assert set(errors) == {"bad", ""} and len(result["errors"]) == 3
    assert "坏掉的" in errors["bad"]["message"] and "case.order.amount" in errors["bad"]["message"]
    assert errors["bad"]["fields"][0]["field"] == "case.order.amount"


def test_api_agenda():
    answer = json.loads(
        api.dispatch("agenda", json.dumps({"cases": twenty(), "today": "2026-11-25"}))
    )
    assert answer["ok"] and answer["result"]["items"]
    bad = json.loads(api.dispatch("agenda", json.dumps({"today": "2026-11-25"})))
    assert not bad["ok"] and bad["error"]["fields"][0]["field"] == "cases"


def test_each_item_says_when_in_words():
    result = agenda.today_tasks(
        [saved("04_not_delivered_chunjie_promise_broken.json", "春节补发")], date(2026, 2, 26)
    )
    words = [(i["when_label"], i["date_label"]) for i in result["items"]][:3]
    assert words == [
        ("已逾期 6 天", "2026年2月20日"),
        ("已逾期 2 天", "2026年2月24日"),
        ("还剩 2 天", "2026年2月28日"),
    ]
