"""Single values of a case file — money, times, the 统一社会信用代码 — read strictly, and the
errors reading a case reports (FieldError, CaseError). weiquan.case re-exports every name here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

CENT = Decimal("0.01")
_MONEY_RE = re.compile(r"^(\d+)(?:\.(\d+))?$")
_TIME_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
_OFFSET_RE = re.compile(r"(Z|[+-]\d{2}:?\d{2})$")
_MIN_YEAR, _MAX_YEAR = 2000, 2099


@dataclass(frozen=True)
class FieldError:
    field: str  # "case.order.amount"; "" when the whole file is wrong
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"field": self.field, "message": self.message}

    def __str__(self) -> str:
        return f"{self.field or '整个文件'}：{self.message}"


class CaseError(ValueError):
    """The case file cannot be used; `errors` lists every problem found."""

    def __init__(self, errors: list[FieldError]):
        self.errors = list(errors)
        super().__init__("\n".join(str(e) for e in self.errors))


def one_error(field: str, message: str) -> CaseError:
    """A case file that fails on one field (or on the whole file, field "")."""
    return CaseError([FieldError(field, message)])


# ---------------------------------------------------------------- money and time


def parse_money(value: object, field: str = "金额") -> Decimal:
    """A money string ("300", "300.5", "300.50") as an exact Decimal; ValueError in Chinese."""
    if isinstance(value, bool) or not isinstance(value, str):
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            raise ValueError(
                f'金额要写成带引号的文字，如 "{_hint_money(value)}"，'
                f"不能直接写数字 {value}（数字在传递中可能失去精度）"
            )
        raise ValueError('金额应为文字，如 "300.00"')
    text = value.strip()
    if text.startswith("-"):
        raise ValueError(f"金额“{text}”不能是负数")
    match = _MONEY_RE.match(text)
    if not match:
        raise ValueError(
            f'金额“{text}”格式不对：只写数字和小数点，如 "300.00"（不要带 ¥、元或逗号）'
        )
    if match.group(2) is not None and len(match.group(2)) > 2:
        raise ValueError(f"金额“{text}”最多两位小数（元、角、分）")
    try:
        amount = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the regex already guarantees digits
        raise ValueError(f"金额“{text}”不是数字") from None
    if amount >= Decimal("1e10"):
        raise ValueError(f"金额“{text}”过大，请检查是否多写了数字")
    return amount.quantize(CENT)


def _hint_money(value: object) -> str:
    try:
        return str(Decimal(str(value)).quantize(CENT))
    except (InvalidOperation, ValueError):
        return "300.00"


def format_money(amount: Decimal) -> str:
    return str(amount.quantize(CENT))


def money(value: str) -> Decimal | None:
    """A normalised money string as Decimal; None when unknown ("")."""
    return parse_money(value) if value else None


def parse_time(value: object) -> str:
    """Check a local ISO-8601 time and return it normalised ("T" separator, zero-padded).

    Accepted: "2026-10-01", "2026-10-01T14:30", "2026-10-01T14:30:05" (a space may stand
    for the T). Raises ValueError with a Chinese message for anything else.
    """
    if not isinstance(value, str):
        raise ValueError('时间应为文字，如 "2026-10-01" 或 "2026-10-01T14:30"')
    text = value.strip()
    if _OFFSET_RE.search(text) and "T" in text:
        raise ValueError(
            f"时间“{text}”带了时区，请去掉末尾的 Z 或 +08:00，直接写北京时间，如 2026-10-01T14:30"
        )
    match = _TIME_RE.match(text)
    if not match:
        if re.match(r"^\d{4}-\d{1,2}-\d{1,2}[T ]\d{1,2}:\d{2}:\d{2}\.\d+$", text):
            raise ValueError(f"时间“{text}”精确到秒即可，秒后面不要带小数")
        raise ValueError(
            f"时间“{text}”格式不对，请写成 2026-10-01（只有日期）或 2026-10-01T14:30（日期和时间）"
        )
    year, month, day = (int(match.group(i)) for i in (1, 2, 3))
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        raise ValueError(
            f"时间“{text}”的年份 {year} 看起来不对（应在 {_MIN_YEAR}–{_MAX_YEAR} 之间）"
        )
    if not 1 <= month <= 12:
        raise ValueError(f"时间“{text}”的月份 {month} 不存在（应为 1–12）")
    try:
        parsed_day = date(year, month, day)
    except ValueError:
        raise ValueError(f"日期“{text}”不存在：{year}年{month}月没有{day}日") from None
    if match.group(4) is None:
        return parsed_day.isoformat()
    hour, minute = int(match.group(4)), int(match.group(5))
    second = match.group(6)
    if hour > 23 or minute > 59 or (second is not None and int(second) > 59):
        raise ValueError(f"时间“{text}”的时分秒不存在（时 0–23，分和秒 0–59）")
    clock = f"{hour:02d}:{minute:02d}" + (f":{int(second):02d}" if second is not None else "")
    return f"{parsed_day.isoformat()}T{clock}"


def has_time(value: str) -> bool:
    """Whether a normalised case time carries a clock time (not only a date)."""
    return "T" in value


def when(value: str) -> datetime | None:
    """A normalised case time as a naive local datetime (midnight for date-only)."""
    if not value:
        return None
    return datetime.fromisoformat(value)


def when_date(value: str) -> date | None:
    moment = when(value)
    return moment.date() if moment else None


# ---------------------------------------------------------------- unified social credit code

_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_problem(code: str) -> str | None:
    """Why a 统一社会信用代码 looks wrong (GB 32100 format and check digit), or None."""
    if not code:
        return None
    if len(code) != 18 or any(ch not in _USCC_CHARS for ch in code):
        return "统一社会信用代码应为 18 位数字或大写字母（不含 I、O、S、V、Z），请对照营业执照核对"
    total = sum(_USCC_CHARS.index(ch) * w for ch, w in zip(code, _USCC_WEIGHTS, strict=False))
    expected = _USCC_CHARS[(31 - total % 31) % 31]
    if code[-1] != expected:
        return "统一社会信用代码的校验位对不上，可能抄错了一位，请在国家企业信用信息公示系统核对"
    return None
