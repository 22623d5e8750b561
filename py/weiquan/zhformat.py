"""Chinese formatting used in letters: dates, money and capital numerals.

Formal documents (起诉状, receipts) write money twice — in figures and in the capital
numerals banks use (壹贰叁…) — so that a figure cannot be altered by adding a stroke.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

from weiquan import case

_CAPITAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_CAPITAL_PLACES = ("", "拾", "佰", "仟")
_CAPITAL_GROUPS = ("", "万", "亿")


def to_decimal(amount: str | Decimal) -> Decimal:
    """A money string read exactly by the case file's own rules (case.parse_money), or a sum
    the letters computed."""
    return amount.quantize(case.CENT) if isinstance(amount, Decimal) else case.parse_money(amount)


def money(amount: str | Decimal) -> str:
    """300 → "300.00元" — the figure style used in every letter."""
    return f"{to_decimal(amount)}元"


def _group_to_capital(n: int) -> str:
    """0 < n < 10000, zeros inside the group collapsed to one 零, none at the end."""
    out, pending_zero = [], False
    for place in range(3, -1, -1):
        digit = n // 10**place % 10
        if digit == 0:
            pending_zero = pending_zero or bool(out)
            continue
        if pending_zero:
            out.append("零")
            pending_zero = False
        out.append(_CAPITAL_DIGITS[digit] + _CAPITAL_PLACES[place])
    return "".join(out)


def capital_amount(amount: str | Decimal) -> str:
    """Amount in capital numerals as written on bank slips: 300 → "人民币叁佰元整".

    Follows the People's Bank rules for 中文大写金额: 拾 always carries its digit (壹拾),
    a run of zeros inside the number is one 零, 元 is followed by 零 when only 分 remain,
    and 整 closes amounts with no 角 or 分.
    """
    value = to_decimal(amount)
    if value < 0:
        raise ValueError(f"金额“{amount}”不能为负数")
    cents = int(value * 100)
    yuan, jiao, fen = cents // 100, cents // 10 % 10, cents % 10
    if yuan >= 10**12:
        raise ValueError(f"金额“{amount}”过大（超过万亿元）")

    parts: list[str] = []
    groups = [yuan // 10 ** (4 * i) % 10000 for i in range(3)]
    pending_zero = False
    for index in range(2, -1, -1):
        group = groups[index]
        if group == 0:
            pending_zero = pending_zero or bool(parts)
            continue
        if parts and (pending_zero or group < 1000):
            parts.append("零")
        parts.append(_group_to_capital(group) + _CAPITAL_GROUPS[index])
        pending_zero = False

    text = "".join(parts)
    if yuan:
        text += "元"
    if jiao == 0 and fen == 0:
        return "人民币" + (text or "零元") + "整"
    if jiao:
        text += _CAPITAL_DIGITS[jiao] + "角"
    elif yuan:
        text += "零"
    if fen:
        text += _CAPITAL_DIGITS[fen] + "分"
    return "人民币" + text


def date_zh(value: date | datetime) -> str:
    """2026-11-24 → "2026年11月24日" (no zero padding, as Chinese documents write dates)."""
    return f"{value.year}年{value.month}月{value.day}日"


def moment_zh(moment: datetime, with_time: bool) -> str:
    """The date, plus "9时05分" when `with_time`."""
    text = date_zh(moment)
    return text + f"{moment.hour}时{moment.minute:02d}分" if with_time else text


def when_zh(value: str) -> str:
    """A normalised case time: the date, plus the clock time when the user recorded one."""
    moment = case.when(value)
    if moment is None:
        raise ValueError("时间为空")
    return moment_zh(moment, case.has_time(value))


_TIME_LABEL = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[T ]([0-9]{1,2}):([0-9]{2}))?")


def time_label(value: str) -> str:
    """A case time as the page shows it (the dashboard, the review): "2026年12月3日",
    "2026年12月3日 20:15"; anything else (a half-typed value) as typed."""
    m = _TIME_LABEL.match(value or "")
    if not m:
        return value or ""
    day = f"{m[1]}年{int(m[2])}月{int(m[3])}日"
    return day if m[4] is None else f"{day} {m[4].zfill(2)}:{m[5]}"
