"""One value as a page prints it — an amount, a time, an id, a choice — read into the case's
own form, or None when it is not of that shape (never a guess). weiquan.paste re-exports the
public names here.
"""

from __future__ import annotations

import re

from weiquan import case as case_model
from weiquan.paste_layouts import Label

_ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_\-]{5,63}")
# A sign (bills print "-300.00"), a currency mark, the figure; "300.001" or "1,2345" are not
# amounts, so the figure must end there.
_MONEY_RE = re.compile(
    r"[-+]?\s*(?:¥|RMB|CNY)?\s*[-+]?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?(?![\d.,])"
)
# Letters a recogniser reads for digits in a printed number (O for 0, l/I/| for 1). They are
# read as digits only inside a run that is otherwise digits, in a field that holds only digits
# there (amounts, times, ids a page prints in digits): never a guess about a real digit.
_LOOKALIKES = str.maketrans("OoIl|", "00111")
_NUMBER_RUNS = {
    "id": re.compile(r"[0-9OoIl|][0-9OoIl|\-]*"),
    "money": re.compile(r"[0-9OoIl|][0-9OoIl|.,]*"),
    "time": re.compile(r"[0-9OoIl|][0-9OoIl|.:\-/年月日时分 ]*"),
}
_MONEY_PREFIX = re.compile(r"[-+]?\s*(?:¥|RMB|CNY)?\s*[-+]?\s*")
_TIME_RE = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:\s*(\d{1,2})\s*[:时]\s*(\d{2})(?:\s*[:分]\s*(\d{2}))?)?"
)


# ------------------------------------------------------------------ reading values


def read_money(value: str) -> str | None:
    match = _MONEY_RE.match(value)
    if not match:
        return None
    whole = match.group(1).replace(",", "")
    cents = (match.group(2) or "").ljust(2, "0")
    try:
        amount = case_model.parse_money(f"{whole}.{cents}")
    except ValueError:
        return None
    return case_model.format_money(amount) if amount > 0 else None


def _time(value: str) -> str | None:
    match = _TIME_RE.match(value)
    if not match:
        return None
    y, mo, d, h, mi = (match.group(i) for i in range(1, 6))
    text = f"{y}-{int(mo):02d}-{int(d):02d}" + (f"T{int(h):02d}:{mi}" if h else "")
    try:
        return case_model.parse_time(text)
    except ValueError:
        return None


def _id(value: str) -> str | None:
    match = _ID_RE.match(value)
    if not match or sum(ch.isdigit() for ch in match.group(0)) < 6:
        return None
    rest = value[match.end() :]
    # "3012…567 复制" is fine; "3012…567号楼" is not an order number.
    if rest and not rest[0].isspace() and rest[:2] != "复制":
        return None
    return match.group(0)


def _text(value: str) -> str | None:
    value = value.strip()
    return value if 0 < len(value) <= 120 else None


def digits_read(kind: str, value: str) -> tuple[str, bool]:
    """The value with look-alike letters read as digits inside its number, and whether any was.

    Only the number at the value's start, only when the run holds at least two digits and no
    fewer digits than look-alikes, and only when a letter or CJK character does not follow
    (then it was a word, not a number)."""
    pattern = _NUMBER_RUNS.get(kind)
    if pattern is None:
        return value, False
    start = _MONEY_PREFIX.match(value).end() if kind == "money" else 0
    match = pattern.match(value, start)
    if not match:
        return value, False
    run = match.group(0).rstrip(" .,:-/")
    end = start + len(run)
    after = value[end : end + 1]
    if after.isalpha() and after not in "年月日时分":
        return value, False
    lookalikes = sum(ch in "OoIl|" for ch in run)
    digits = sum(ch.isdigit() for ch in run)
    if not lookalikes or digits < 2 or digits < lookalikes:
        return value, False
    return value[:start] + run.translate(_LOOKALIKES) + value[end:], True


def read_value(label: Label, value: str) -> str | None:
    """The field's value from the text after the label, or None when it has the wrong shape."""
    value = value.strip()
    if not value:
        return None
    if label.kind == "id":
        return _id(value)
    if label.kind == "time":
        return _time(value)
    if label.kind == "money":
        return read_money(value)
    if label.kind == "text":
        return _text(value)
    if label.kind == "fixed":
        return label.value
    for word, target in label.choices:
        if word in value:
            return target
    return None
