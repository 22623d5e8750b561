"""The .ics download: every deadline becomes an all-day event a phone calendar accepts."""

from __future__ import annotations

from datetime import date

import pytest
from weiquan.ics import deadlines_calendar

DEADLINES = [
    {
        "id": "regulator-reply",
        "title": "市场监管部门应告知是否受理",
        "date": "2026-10-14",
        "basis": "消费者权益保护法第四十六条：7个工作日, 自收到投诉之日起",
    },
    {
        "id": "limitation",
        "title": "诉讼时效届满",
        "date": "2029-09-29",
        "basis": "民法典第一百八十八条",
        "estimated": True,
    },
]


def unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


def test_each_deadline_is_an_all_day_event_with_a_reminder():
    text = deadlines_calendar(DEADLINES, date(2026, 9, 29))
    lines = unfold(text)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR" and lines[-1] == ""
    assert lines.count("BEGIN:VEVENT") == 2 and lines.count("TRIGGER:-P1D") == 2
    assert "DTSTART;VALUE=DATE:20261014" in lines and "DTEND;VALUE=DATE:20261015" in lines
    assert "SUMMARY:维权期限：市场监管部门应告知是否受理" in lines


def test_text_is_escaped_and_estimates_are_labelled():
    lines = unfold(deadlines_calendar(DEADLINES, date(2026, 9, 29)))
    first = next(ln for ln in lines if ln.startswith("DESCRIPTION:消费者"))
    assert "7个工作日\\, 自收到" in first
    assert any("估算" in ln for ln in lines if ln.startswith("DESCRIPTION:民法典"))


@pytest.mark.parametrize("title", ["短", "很长的标题" * 30, "a;b,c\\d\n下一行" * 10])
def test_lines_are_folded_at_75_octets_without_breaking_characters(title):
    text = deadlines_calendar([{**DEADLINES[0], "title": title}], date(2026, 1, 1))
    for line in text.split("\r\n"):
        assert len(line.encode()) <= 75
        line.encode().decode()  # every physical line is valid UTF-8 on its own
    assert "\n" not in text.replace("\r\n", "")
