"""The 12315 letter and the dashboard agree on 处罚办法 Art. 8's fifteen days.

Both read deadlines.delay_period: the letter cites Art. 8 exactly when the dashboard's
delay-15d deadline has passed, and names the same first request as the deadline's basis.
Dates around 国庆 2026 (1–7 October off) are where a raw day count and the 民法典 Art. 203
roll-forward disagree.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from weiquan import api

ART_8 = "《侵害消费者权益行为处罚办法》第八条"
STARTED = re.compile(r"本人于(\d{4}年\d{1,2}月\d{1,2}日)首次提出要求，至今已超过十五日")
BASIS_START = re.compile(r"第一次提出要求（(\d{4}年\d{1,2}月\d{1,2}日)）")


def contact(at: str, channel: str = "chat", outcome: str = "no_reply") -> dict:
    return {"at": at, "channel": channel, "summary": "要求退款", "outcome": outcome}


# (label, problem, contacts, today, delay-15d date or None, letter cites Art. 8, start named)
CASES = [
    (
        "15th day in 国庆: still open before the rolled last day",
        "invalid_key",
        [contact("2026-09-20T10:00")],
        date(2026, 10, 6),
        "2026-10-08",
        False,
        "",
    ),
    (
        "the rolled last day itself still counts in full",
        "invalid_key",
        [contact("2026-09-20T10:00")],
        date(2026, 10, 8),
        "2026-10-08",
        False,
        "",
    ),
    (
        "the day after the rolled last day",
        "invalid_key",
        [contact("2026-09-20T10:00")],
        date(2026, 10, 9),
        "2026-10-08",
        True,
        "2026年9月20日",
    ),
    (
        "no holiday: the 15th day is the last day",
        "refund_refused",
        [contact("2026-11-02T09:00", "ticket", "refused")],
        date(2026, 11, 17),
        "2026-11-17",
        False,
        "",
    ),
    (
        "no holiday: passed from the 16th day",
        "refund_refused",
        [contact("2026-11-02T09:00", "ticket", "refused")],
        date(2026, 11, 18),
        "2026-11-17",
        True,
        "2026年11月2日",
    ),
    (
        "asking the marketplace first starts the clock",
        "invalid_key",
        [contact("2026-09-25T09:00"), contact("2026-09-20T09:00", "marketplace")],
        date(2026, 10, 9),
        "2026-10-08",
        True,
        "2026年9月20日",
    ),
    (
        "an undated contact does not start the clock",
        "invalid_key",
        [contact(""), contact("2026-09-25T09:00")],
        date(2026, 10, 9),
        "2026-10-10",
        False,
        "",
    ),
    (
        "a refund asked for goods never delivered",
        "not_delivered",
        [contact("2026-11-02T09:00", "email")],
        date(2026, 11, 24),
        "2026-11-17",
        True,
        "2026年11月2日",
    ),
    (
        "resolved: no deadline and nothing to cite",
        "invalid_key",
        [contact("2026-09-01T09:00"), contact("2026-09-05T09:00", "chat", "resolved")],
        date(2026, 10, 9),
        None,
        False,
        "",
    ),
]


@pytest.mark.parametrize(
    ("problem", "contacts", "today", "due", "cites", "start"),
    [row[1:] for row in CASES],
    ids=[row[0] for row in CASES],
)
def test_letter_cites_article_8_exactly_when_the_dashboard_deadline_has_passed(
    make_case, problem, contacts, today, due, cites, start
):
    # The order came in on the morning of the first dated contact, as a timeline would have it.
    first = min(c["at"] for c in contacts if c["at"])[:10]
    order = {"ordered_at": f"{first}T07:00", "problem_found_at": f"{first}T08:00"}
    # A business (the stalling rule binds a 经营者; an unknown seller is never accused under it).
    merchant = {"kind": "business"}
    case = make_case(problem=problem, contacts=contacts, order=order, merchant=merchant)
    checked = api.check_case(case, today)
    text = api.draft_case(case, "12315", today)["text"]

    delay = {d["id"]: d for d in checked["deadlines"]}.get("delay-15d")
    assert (delay and delay["date"]) == due
    warned = any(w.get("deadline") == "delay-15d" for w in checked["warnings"])
    assert warned is cites
    assert (delay is not None and delay["passed"]) is cites
    assert (ART_8 in text) is cites
    named = STARTED.findall(text)
    assert named == ([start] if cites else [])
    if cites:
        assert BASIS_START.findall(delay["basis"]) == [start]


@pytest.mark.parametrize("kind", ["platform-email", "marketplace", "association"])
def test_only_the_regulator_letter_raises_article_8(make_case, kind):
    order = {"ordered_at": "2026-09-20T07:00", "problem_found_at": "2026-09-20T08:00"}
    case = make_case(contacts=[contact("2026-09-20T10:00")], order=order)
    assert ART_8 not in api.draft_case(case, kind, date(2026, 10, 9))["text"]
