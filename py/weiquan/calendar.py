"""Working days under the official holiday schedule, and statutory period counting.

The schedule (holidays and 调休 make-up working days) is data in `content/holidays.toml`,
one year per State Council notice. For a year without data only weekends are known, so
every result that depends on such a year says `estimated=True` and the UI must say so.

Counting follows 民法典: Art. 201 — the day the period starts is not counted;
Art. 203 — a period whose last day is a holiday or rest day ends on the next working day.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import lru_cache

from weiquan.datafiles import read_text

_DATA_FILE = "holidays.toml"
_ONE_DAY = dt.timedelta(days=1)
# Far beyond any consumer deadline; stops a typo like n=10**9 from spinning forever.
_MAX_DAYS = 20_000


@dataclass(frozen=True)
class WorkdayResult:
    """A computed date; `estimated` when a year without official schedule was involved."""

    date: dt.date
    estimated: bool

    def isoformat(self) -> str:
        return self.date.isoformat()


@dataclass(frozen=True)
class YearSchedule:
    year: int
    notice: str
    number: str
    published: dt.date
    source: str
    off: dict[dt.date, str]  # holiday date -> holiday name
    work: dict[dt.date, str]  # weekend make-up working day -> holiday it belongs to


class ScheduleError(ValueError):
    """The holiday data file is inconsistent (a maintainer error, caught by tests)."""


def _as_date(value: object, where: str) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    raise ScheduleError(f"{_DATA_FILE}：{where} 应为日期（如 2026-10-01），实际是 {value!r}")


def _parse_year(raw: dict) -> YearSchedule:
    year = raw.get("year")
    if not isinstance(year, int):
        raise ScheduleError(f"{_DATA_FILE}：[[year]] 缺少整数 year")
    where = f"{year} 年"
    off: dict[dt.date, str] = {}
    work: dict[dt.date, str] = {}
    for holiday in raw.get("holiday", []):
        name = holiday.get("name", "")
        span = holiday.get("off", [])
        if len(span) != 2:
            raise ScheduleError(f"{_DATA_FILE}：{where}{name} 的 off 应为 [开始, 结束]")
        first, last = (_as_date(d, f"{where}{name}.off") for d in span)
        if first > last or first.year != year or last.year != year:
            raise ScheduleError(f"{_DATA_FILE}：{where}{name} 的放假区间不在本年内或首尾颠倒")
        day = first
        while day <= last:
            off[day] = name
            day += _ONE_DAY
        for item in holiday.get("work", []):
            day = _as_date(item, f"{where}{name}.work")
            # 调休上班 is always a weekend day; anything else is a typo in the data.
            if day.weekday() < 5:
                raise ScheduleError(f"{_DATA_FILE}：{where}{name} 的调休上班日 {day} 不是周末")
            work[day] = name
    clash = set(off) & set(work)
    if clash:
        raise ScheduleError(f"{_DATA_FILE}：{where} 的日期既放假又上班：{sorted(clash)}")
    return YearSchedule(
        year=year,
        notice=str(raw.get("notice", "")),
        number=str(raw.get("number", "")),
        published=_as_date(raw.get("published"), f"{where}.published"),
        source=str(raw.get("source", "")),
        off=off,
        work=work,
    )


@lru_cache(maxsize=1)
def schedules() -> dict[int, YearSchedule]:
    """All years with official data, keyed by year (read once)."""
    data = tomllib.loads(read_text(_DATA_FILE))
    result: dict[int, YearSchedule] = {}
    for raw in data.get("year", []):
        parsed = _parse_year(raw)
        if parsed.year in result:
            raise ScheduleError(f"{_DATA_FILE}：{parsed.year} 年出现了两次")
        result[parsed.year] = parsed
    return result


def has_data(year: int) -> bool:
    """Whether the official holiday schedule for `year` is in the data."""
    return year in schedules()


def years_with_data() -> tuple[int, ...]:
    return tuple(sorted(schedules()))


def notice_for(year: int) -> str | None:
    """The name of the notice the year's schedule comes from, e.g. for a basis line."""
    found = schedules().get(year)
    return found.notice if found else None


def holiday_name(day: dt.date) -> str | None:
    """Name of the public holiday covering `day` (None on ordinary days)."""
    found = schedules().get(day.year)
    return found.off.get(day) if found else None


def is_working_day(day: dt.date) -> bool:
    found = schedules().get(day.year)
    if found is not None:
        if day in found.off:
            return False
        if day in found.work:
            return True
    return day.weekday() < 5


def _check_count(n: int) -> None:
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError("天数应为整数")
    if n < 0 or n > _MAX_DAYS:
        raise ValueError(f"天数应在 0 到 {_MAX_DAYS} 之间，实际是 {n}")


def add_working_days(start: dt.date, n: int) -> WorkdayResult:
    """The day on which a period of `n` working days starting on `start` ends.

    `start` itself is not counted (Art. 201): received Tuesday 2026-09-29, 7 working days
    end on 2026-10-14 because of the 国庆 holiday and the 10-10 make-up day.
    """
    _check_count(n)
    day, counted, estimated = start, 0, False
    while counted < n:
        day += _ONE_DAY
        estimated = estimated or not has_data(day.year)
        if is_working_day(day):
            counted += 1
    return WorkdayResult(day, estimated)


def next_working_day(day: dt.date) -> WorkdayResult:
    """`day` itself when it is a working day, otherwise the first working day after it."""
    estimated = not has_data(day.year)
    while not is_working_day(day):
        day += _ONE_DAY
        estimated = estimated or not has_data(day.year)
    return WorkdayResult(day, estimated)


def roll_forward(last_day: dt.date) -> WorkdayResult:
    """Art. 203: a period ending on a holiday or rest day ends on the next working day."""
    return next_working_day(last_day)


def add_days(start: dt.date, n: int) -> WorkdayResult:
    """End of a period of `n` calendar days from `start` (start not counted, Art. 203 roll)."""
    _check_count(n)
    return roll_forward(start + dt.timedelta(days=n))


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days in (start, end] — the count that add_working_days inverts."""
    if end <= start:
        return 0
    count, day = 0, start
    while day < end:
        day += _ONE_DAY
        count += is_working_day(day)
    return count
