"""Working days under the official holiday schedule, and statutory period counting."""

from __future__ import annotations

import tomllib
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from weiquan import calendar, datafiles
from weiquan.datafiles import read_text

D = date.fromisoformat


@pytest.mark.parametrize(
    ("day", "working", "why"),
    [
        ("2026-10-01", False, "国庆"),
        ("2026-10-07", False, "国庆最后一天"),
        ("2026-10-08", True, "节后第一天"),
        ("2026-10-10", True, "周六调休上班"),
        ("2026-10-11", False, "普通周日"),
        ("2026-09-20", True, "周日调休上班"),
        ("2026-09-25", False, "中秋（周五）"),
        ("2026-02-14", True, "春节前周六上班"),
        ("2026-02-15", False, "春节第一天"),
        ("2026-02-23", False, "春节最后一天（周一）"),
        ("2026-02-24", True, "春节后第一天"),
        ("2026-02-28", True, "春节后周六上班"),
        ("2026-01-04", True, "元旦后周日上班"),
        ("2026-05-05", False, "劳动节（周二）"),
        ("2026-05-09", True, "劳动节后周六上班"),
        ("2026-06-19", False, "端午（周五）"),
        ("2025-01-01", False, "2025元旦"),
        ("2025-01-26", True, "2025春节前周日上班"),
        ("2025-02-04", False, "2025春节最后一天"),
        ("2025-02-08", True, "2025春节后周六上班"),
        ("2025-04-27", True, "2025劳动节前周日上班"),
        ("2025-06-02", False, "2025端午（周一）"),
        ("2025-10-08", False, "2025国庆中秋第八天"),
        ("2025-09-28", True, "2025国庆前周日上班"),
        ("2025-10-11", True, "2025国庆后周六上班"),
        ("2026-11-24", True, "普通周二"),
        # 2027 has no notice yet: the statutory days (放假办法 Art. 2) and weekends are off.
        ("2027-01-01", False, "2027元旦（周五）：法定节日"),
        ("2027-02-05", False, "2027除夕（周五）"),
        ("2027-02-08", False, "2027正月初三（周一）"),
        ("2027-02-09", True, "2027春节后周二：通知未出，按工作日估算"),
        ("2027-04-05", False, "2027清明（周一）"),
        ("2027-10-01", False, "2027国庆（周五）"),
        ("2027-10-04", True, "2027国庆后周一：调休未知，按工作日估算"),
    ],
)
def test_is_working_day(day, working, why):
    assert calendar.is_working_day(D(day)) is working, why


@pytest.mark.parametrize(
    ("start", "n", "end", "estimated"),
    [
        ("2026-09-29", 7, "2026-10-14", False),  # legal-facts worked example
        ("2026-09-29", 0, "2026-09-29", False),
        ("2026-09-30", 1, "2026-10-08", False),
        ("2026-10-09", 1, "2026-10-10", False),  # Saturday make-up day counts
        ("2026-02-13", 1, "2026-02-14", False),
        ("2026-02-14", 1, "2026-02-24", False),
        ("2025-09-30", 7, "2025-10-16", False),
        # Runs into 2027 (no notice): its 元旦, a Friday, is skipped.
        ("2026-12-28", 7, "2027-01-07", True),
        ("2027-02-04", 1, "2027-02-09", True),  # 2027 春节: 除夕 (Fri) to 初三 (Mon) skipped
        ("2027-03-01", 5, "2027-03-08", True),
    ],
)
def test_add_working_days(start, n, end, estimated):
    result = calendar.add_working_days(D(start), n)
    assert result == calendar.WorkdayResult(D(end), estimated)


@pytest.mark.parametrize(
    ("start", "n", "end", "estimated"),
    [
        ("2026-09-16", 15, "2026-10-08", False),  # 10-01 falls in 国庆 → next working day
        ("2026-09-25", 15, "2026-10-10", False),  # make-up Saturday is a working day
        ("2026-02-13", 15, "2026-02-28", False),
        ("2026-10-05", 15, "2026-10-20", False),
        ("2026-10-02", 2, "2026-10-08", False),  # 10-04 holiday
        ("2026-11-06", 1, "2026-11-09", False),  # plain Saturday rolls to Monday
        ("2026-12-20", 15, "2027-01-04", True),
    ],
)
def test_add_days_rolls_off_holidays(start, n, end, estimated):
    assert calendar.add_days(D(start), n) == calendar.WorkdayResult(D(end), estimated)


def test_years_with_data_name_their_notice():
    assert calendar.years_with_data() == (2025, 2026)
    assert calendar.notice_for(2026) == "国务院办公厅关于2026年部分节假日安排的通知"
    assert calendar.notice_for(2025) == "国务院办公厅关于2025年部分节假日安排的通知"
    assert calendar.notice_for(2027) is None
    assert calendar.has_data(2026) and not calendar.has_data(2027)
    assert calendar.schedules()[2025].number == "国办发明电〔2024〕12号"
    assert calendar.holiday_name(D("2026-10-03")) == "国庆节"
    assert calendar.holiday_name(D("2026-10-10")) is None


def test_holiday_counts_match_the_notices():
    # Days off per notice (2025: 元旦1 春节8 清明3 劳动5 端午3 国庆中秋8; 2026: 3 9 3 5 3 3 7).
    counts = {y: len(s.off) for y, s in calendar.schedules().items()}
    assert counts == {2025: 28, 2026: 33}
    work = {y: sorted(d.isoformat() for d in s.work) for y, s in calendar.schedules().items()}
    assert work[2026] == [
        "2026-01-04",
        "2026-02-14",
        "2026-02-28",
        "2026-05-09",
        "2026-09-20",
        "2026-10-10",
    ]


def test_data_errors_are_caught():
    bad = read_text("holidays.toml").replace(
        "work = [2026-09-20, 2026-10-10]", "work = [2026-09-21, 2026-10-10]"
    )
    line = bad.splitlines().index("  work = [2026-09-21, 2026-10-10]") + 1
    calendar.schedules.cache_clear()
    try:
        with (
            datafiles.replaced("holidays.toml", bad),
            pytest.raises(calendar.ScheduleError, match="不是周末") as raised,
        ):
            calendar.schedules()
    finally:
        calendar.schedules.cache_clear()
    assert str(raised.value).startswith(f"content/holidays.toml:{line} year[1].holiday[6].work:")
    assert calendar.has_data(2026)


def test_data_file_parses_as_toml_with_sources():
    data = tomllib.loads(read_text("holidays.toml"))
    for year in data["year"]:
        assert year["notice"].startswith("国务院办公厅关于")
        assert year["source"].startswith("https://")


def test_bad_counts_are_refused():
    with pytest.raises(ValueError):
        calendar.add_working_days(D("2026-01-01"), -1)
    with pytest.raises(TypeError):
        calendar.add_days(D("2026-01-01"), 1.5)


days = st.dates(min_value=date(2024, 12, 1), max_value=date(2027, 12, 31))
counts = st.integers(min_value=0, max_value=40)


@settings(max_examples=60, deadline=None)
@given(days, st.integers(min_value=1, max_value=40))
def test_result_is_a_working_day_with_exactly_n_between(start, n):
    result = calendar.add_working_days(start, n)
    assert calendar.is_working_day(result.date)
    assert calendar.working_days_between(start, result.date) == n
    # The day before the result still lacks one working day: the result is the earliest.
    assert calendar.working_days_between(start, result.date - timedelta(days=1)) == n - 1


@settings(max_examples=60, deadline=None)
@given(days, counts, counts)
def test_monotonic(start, a, b):
    lo, hi = sorted((a, b))
    assert calendar.add_working_days(start, lo).date <= calendar.add_working_days(start, hi).date
    assert calendar.add_days(start, lo).date <= calendar.add_days(start, hi).date


@settings(max_examples=60, deadline=None)
@given(days, counts)
def test_add_days_lands_on_first_working_day_at_or_after(start, n):
    result = calendar.add_days(start, n).date
    plain = start + timedelta(days=n)
    assert result >= plain and calendar.is_working_day(result)
    day = plain
    while day < result:
        assert not calendar.is_working_day(day)
        day += timedelta(days=1)


@settings(max_examples=60, deadline=None)
@given(days, st.integers(min_value=1, max_value=40))
def test_estimated_exactly_when_a_year_without_data_is_crossed(start, n):
    result = calendar.add_working_days(start, n)
    years = {start.year + k for k in range(result.date.year - start.year + 1)}
    touched = {(start + timedelta(days=i)).year for i in range(1, (result.date - start).days + 1)}
    assert touched <= years
    assert result.estimated == any(not calendar.has_data(y) for y in touched)
