"""Working days under the official holiday schedule, and statutory period counting.

The schedule (holidays and 调休 make-up working days) is data in `content/holidays.toml`,
one year per State Council notice. For a year without a notice, the statutory days off of
every year (the national holidays regulation, Art. 2; `content/holidays-statutory.toml`,
generated at build time from an astronomical calendar library) and the weekends are
certainly off; the notice's 调休 and make-up days are not known yet, so every result that
depends on such a year says `estimated=True` and the UI must say so.

Counting follows the Civil Code (rules cc-201 and cc-203 in content/rules.toml): the day the
period starts is not counted; a period whose last day is a holiday or rest day ends on the
next working day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from weiquan import datafiles

_DATA_FILE = "holidays.toml"
_STATUTORY_FILE = "holidays-statutory.toml"
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


# The one content error type (datafiles.ContentError); the old name stays for callers.
ScheduleError = datafiles.ContentError


def _fail(key: str, message: str, value: object = None, file: str = _DATA_FILE) -> ScheduleError:
    return datafiles.error(file, key, message, value=value)


def _as_date(value: object, key: str, file: str = _DATA_FILE) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    raise _fail(key, f"应为日期（如 2026-10-01），实际是 {value!r}", file=file)


def _parse_year(raw: dict, index: int) -> YearSchedule:
    year = raw.get("year")
    where = f"year[{index}]"
    if not isinstance(year, int):
        raise _fail(where, "[[year]] 缺少整数 year")
    off: dict[dt.date, str] = {}
    work: dict[dt.date, str] = {}
    for number, holiday in enumerate(raw.get("holiday", [])):
        name = holiday.get("name", "")
        key = f"{where}.holiday[{number}]"
        span = holiday.get("off", [])
        if len(span) != 2:
            raise _fail(f"{key}.off", f"{year} 年{name}的 off 应为 [开始, 结束]")
        first, last = (_as_date(d, f"{key}.off") for d in span)
        if first > last or first.year != year or last.year != year:
            raise _fail(f"{key}.off", f"{year} 年{name}的放假区间不在本年内或首尾颠倒")
        day = first
        while day <= last:
            off[day] = name
            day += _ONE_DAY
        for item in holiday.get("work", []):
            day = _as_date(item, f"{key}.work")
            # 调休上班 is always a weekend day; anything else is a typo in the data.
            if day.weekday() < 5:
                raise _fail(f"{key}.work", f"{year} 年{name}的调休上班日 {day} 不是周末")
            work[day] = name
    clash = set(off) & set(work)
    if clash:
        raise _fail(where, f"{year} 年的日期既放假又上班：{sorted(clash)}")
    return YearSchedule(
        year=year,
        notice=str(raw.get("notice", "")),
        number=str(raw.get("number", "")),
        published=_as_date(raw.get("published"), f"{where}.published"),
        source=str(raw.get("source", "")),
        off=off,
        work=work,
    )


@datafiles.loader(_DATA_FILE)
@lru_cache(maxsize=1)
def schedules() -> dict[int, YearSchedule]:
    """All years with official data, keyed by year (read once). Every statutory day of such
    a year must be off in its notice: a notice typed in with one missing fails here."""
    data = datafiles.load_toml(_DATA_FILE)
    result: dict[int, YearSchedule] = {}
    for index, raw in enumerate(data.get("year", [])):
        parsed = _parse_year(raw, index)
        if parsed.year in result:
            raise _fail(f"year[{index}].year", f"{parsed.year} 年出现了两次")
        for day, name in statutory().get(parsed.year, {}).items():
            if day not in parsed.off:
                raise _fail(
                    f"year[{index}]",
                    f"{day}（{name}）是放假办法规定的法定节日，但 {parsed.year} 年的安排里没有放假",
                )
        result[parsed.year] = parsed
    return result


@datafiles.loader(_STATUTORY_FILE)
@lru_cache(maxsize=1)
def statutory() -> dict[int, dict[dt.date, str]]:
    """The days off by law in every year (放假办法 Art. 2), by year: date -> holiday name."""
    data = datafiles.load_toml(_STATUTORY_FILE)
    result: dict[int, dict[dt.date, str]] = {}
    for index, raw in enumerate(data.get("year", [])):
        year, days = raw.get("year"), raw.get("days")
        if not isinstance(year, int) or not isinstance(days, list):
            raise _fail(f"year[{index}]", "应有整数 year 和 days 列表", file=_STATUTORY_FILE)
        named: dict[dt.date, str] = {}
        for item in days:
            day = _as_date(item.get("day"), f"year[{index}].days", file=_STATUTORY_FILE)
            if day.year != year:
                key = f"year[{index}].days"
                raise _fail(key, f"{day} 不在 {year} 年内", day.isoformat(), _STATUTORY_FILE)
            named[day] = str(item.get("name", ""))
        result[year] = named
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
    """Name of the public holiday covering `day` (None on ordinary days). In a year without
    a notice, only the statutory days are known."""
    found = schedules().get(day.year)
    if found is not None:
        return found.off.get(day)
    return statutory().get(day.year, {}).get(day)


def is_working_day(day: dt.date) -> bool:
    found = schedules().get(day.year)
    if found is not None:
        if day in found.off:
            return False
        if day in found.work:
            return True
    elif day in statutory().get(day.year, {}):
        return False
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
