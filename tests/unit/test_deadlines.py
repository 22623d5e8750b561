"""Deadlines: dates, bases that say whether they are law or habit, and passed warnings."""

from __future__ import annotations

from datetime import date

import pytest
from weiquan import deadlines


def by_id(case: dict, today: date) -> dict[str, dict]:
    shown, _ = deadlines.split_warnings(deadlines.compute(case, today))
    return {d["id"]: d for d in shown}


def test_platform_window_defaults_to_common_practice(make_case):
    found = by_id(make_case(), date(2026, 11, 3))["platform-window"]
    assert found["date"] == "2026-11-09"
    assert "常见做法，非法律规定" in found["basis"]
    assert found["rules"] == []


def test_platform_window_uses_the_users_number(make_case):
    found = by_id(make_case(platform_window_days=15), date(2026, 11, 3))["platform-window"]
    assert found["date"] == "2026-11-17"
    assert "15天" in found["title"] and "你填写的商家网站规则" in found["basis"]


def test_limitation_from_29_february_ends_on_28_february():
    from weiquan import case

    normal = case.normalise({"problem": "invalid_key", "order": {"problem_found_at": "2028-02-29"}})
    found = by_id(normal, date(2028, 3, 1))["limitation-3y"]
    assert found["date"] == "2031-02-28" and found["estimated"] is True
    assert "估算" in found["basis"]
    assert {"cc-188", "cc-203"} <= set(found["rules"])


def test_regulator_reply_counts_working_days_and_names_the_notice(make_case):
    case = make_case(
        contacts=[{"at": "2026-09-29T16:00", "channel": "12315", "outcome": "no_reply"}]
    )
    found = by_id(case, date(2026, 9, 30))["regulator-reply"]
    assert found["date"] == "2026-10-14" and found["estimated"] is False
    assert "第四十六条" in found["basis"]
    assert "国务院办公厅关于2026年部分节假日安排的通知" in found["basis"]
    assert found["rules"] == ["cpl-46", "cc-201", "holidays-2026"]


def test_regulator_reply_into_a_year_without_data_is_estimated(make_case):
    case = make_case(contacts=[{"at": "2026-12-28", "channel": "12315", "outcome": "no_reply"}])
    found = by_id(case, date(2026, 12, 29))["regulator-reply"]
    # 2027-01-01 (a Friday) is 元旦 by law even before 2027's notice is out: skipped.
    assert found["date"] == "2027-01-07" and found["estimated"] is True
    assert "估算" in found["basis"]


def test_regulator_reply_only_while_no_answer(make_case):
    case = make_case(contacts=[{"at": "2026-09-29", "channel": "12315", "outcome": "refused"}])
    assert "regulator-reply" not in by_id(case, date(2026, 9, 30))


def test_delay_line_starts_with_the_first_request(make_case):
    case = make_case(
        contacts=[
            {
                "at": "2026-09-20T09:00",
                "channel": "chat",
                "outcome": "promised",
                "promise_due": "2026-09-21",
            },
            {"at": "2026-09-25", "channel": "ticket", "outcome": "no_reply"},
        ]
    )
    found = by_id(case, date(2026, 9, 26))["delay-15d"]
    # 09-20 + 15 = 10-05, inside 国庆 → the first working day after it.
    assert found["date"] == "2026-10-08"
    assert "第八条" in found["basis"] and "penalty-8" in found["rules"]


def test_no_delay_line_without_a_refund_or_reissue_request(make_case):
    case = make_case(
        demands=[{"kind": "apology"}],
        contacts=[{"at": "2026-11-02", "channel": "chat", "outcome": "refused"}],
    )
    assert "delay-15d" not in by_id(case, date(2026, 11, 3))


@pytest.mark.parametrize(
    ("item", "problem", "expected"),
    [
        ("王者荣耀 点券", "not_delivered", True),
        ("游戏充值 648", "invalid_key", True),
        ("Q币 100", "late_reissue", True),
        ("爱奇艺会员年卡", "invalid_key", False),
        ("游戏充值 648", "not_as_described", False),
        # A wallet or gift card, a phone or fuel top-up is no game top-up (issue 23).
        ("Steam 充值卡 50元面值", "invalid_key", False),
        ("中国移动话费充值卡 300元", "invalid_key", False),
        ("中石化加油卡充值 100元", "invalid_key", False),
    ],
)
def test_game_topup_24_hours_is_practical_advice(make_case, item, problem, expected):
    found = by_id(make_case(problem=problem, order={"item": item}), date(2026, 11, 2))
    assert ("topup-24h" in found) is expected
    if expected:
        assert found["topup-24h"]["datetime"] == "2026-11-03T10:00"
        assert "实践建议，非法律规定" in found["topup-24h"]["basis"]


def test_passed_deadlines_become_warnings(make_case):
    case = make_case(
        contacts=[{"at": "2026-11-02T12:00", "channel": "ticket", "outcome": "no_reply"}]
    )
    shown, warnings = deadlines.split_warnings(deadlines.compute(case, date(2026, 11, 20)))
    passed = {w["deadline"]: w for w in warnings}
    assert set(passed) == {"platform-reply", "delay-15d"}
    assert all(w["code"] == "deadline-passed" for w in warnings)
    assert "可以升级投诉" in passed["platform-reply"]["message"]
    assert "故意拖延" in passed["delay-15d"]["message"]
    assert all("_passed_message" not in d for d in shown)


def test_met_deadline_is_not_a_warning(make_case):
    case = make_case(
        contacts=[{"at": "2026-11-03", "channel": "order_complaint", "outcome": "refused"}]
    )
    found = by_id(case, date(2026, 12, 1))["platform-window"]
    assert found["status"] == "met" and found["passed"] is False
