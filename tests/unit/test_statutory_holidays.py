"""Years without a State Council notice: the statutory days (放假办法 Art. 2) are still off.

content/holidays-statutory.toml is generated at build time from an astronomical calendar
library (buildtools/statutory_holidays.py); these tests regenerate it, check it against the
official notices already in holidays.toml, and count a deadline across 2027's holidays.
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from weiquan import api, calendar, datafiles

from buildtools import statutory_holidays

D = date.fromisoformat


def test_the_committed_file_is_what_the_library_computes_now():
    assert statutory_holidays.stale() is None


def test_every_year_from_2025_to_2036_is_covered():
    assert set(calendar.statutory()) >= set(range(2025, 2037))


@pytest.mark.parametrize("year", [2025, 2026])
def test_every_statutory_day_is_off_in_the_official_notice(year):
    official = calendar.schedules()[year]
    days = calendar.statutory()[year]
    assert len(days) == 13  # 元旦1 春节4 清明1 劳动2 端午1 中秋1 国庆3
    missing = {d: n for d, n in days.items() if d not in official.off}
    assert missing == {}


@pytest.mark.parametrize("year", range(2025, 2037))
def test_lunar_and_solar_term_days_fall_in_their_seasons(year):
    # Bounds any almanac shows, independent of the library: a wrong month or a day slip
    # beyond them would mean the library was called wrongly.
    by_name: dict[str, list[date]] = {}
    for day, name in calendar.statutory()[year].items():
        for part in name.split("、"):
            by_name.setdefault(part, []).append(day)
    spring = sorted(by_name["春节"])
    assert [b - a for a, b in itertools.pairwise(spring)] == [timedelta(days=1)] * 3
    assert D(f"{year}-01-20") <= spring[1] <= D(f"{year}-02-20")  # 正月初一
    assert D(f"{year}-04-04") <= by_name["清明节"][0] <= D(f"{year}-04-06")
    assert D(f"{year}-05-28") <= by_name["端午节"][0] <= D(f"{year}-06-25")
    assert D(f"{year}-09-07") <= by_name["中秋节"][0] <= D(f"{year}-10-08")
    assert by_name["元旦"] == [D(f"{year}-01-01")]
    assert by_name["劳动节"] == [D(f"{year}-05-01"), D(f"{year}-05-02")]


def test_2027_days_are_off_and_named():
    assert not calendar.has_data(2027)
    assert calendar.holiday_name(D("2027-01-01")) == "元旦"
    for day in ("2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08"):
        assert calendar.holiday_name(D(day)) == "春节", day
        assert not calendar.is_working_day(D(day)), day


def test_a_notice_that_leaves_out_a_statutory_day_is_refused():
    good = datafiles.read_text("holidays.toml")
    bad = good.replace("off = [2026-01-01, 2026-01-03]", "off = [2026-01-02, 2026-01-03]")
    calendar.schedules.cache_clear()
    try:
        with (
            datafiles.replaced("holidays.toml", bad),
            pytest.raises(datafiles.ContentError, match="2026-01-01（元旦）") as raised,
        ):
            calendar.schedules()
    finally:
        calendar.schedules.cache_clear()
    assert raised.value.file == "holidays.toml" and raised.value.line


@pytest.mark.parametrize(
    ("submitted", "due"),
    [
        # Tue 12-29, Wed, Thu, then 2027-01-01 (Fri) is 元旦: Mon 01-04 … Thu 01-07.
        ("2026-12-28", "2027-01-07"),
        # Wed 02-03: Thu 02-04, then 除夕 (Fri 02-05) to 初三 (Mon 02-08) skipped: … Tue 02-16.
        ("2027-02-03", "2027-02-16"),
    ],
)
def test_a_deadline_across_2027_holidays_skips_them_and_is_an_estimate(make_case, submitted, due):
    case = make_case(contacts=[{"at": submitted, "channel": "12315", "outcome": "no_reply"}])
    reply = api.check_case(case, D(submitted) + timedelta(days=1))
    (found,) = [d for d in reply["deadlines"] if d["id"] == "regulator-reply"]
    assert found["date"] == due and found["estimated"] is True
