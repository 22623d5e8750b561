"""The urgent card: what must be done in the next hour, shown above everything else.

A fraud victim's money can still be stopped only while it has not moved on, so the
dashboard's first card (and the home screen's 今天要做的) says so before any other advice.
The words and the conditions live in `content/urgent.toml`; this module only matches a
card's `when` against the case's situation and fills in the payment-app line.
"""

from __future__ import annotations

from datetime import date

from weiquan import datafiles, situation

FILE = "urgent.toml"
_SLOT = "{payment_complaint}"


# The one content error type; the old name stays for callers.
UrgentError = datafiles.ContentError


def _fail(key: str, message: str) -> None:
    raise datafiles.error(FILE, key, message)


def _check_when(key: str, when: object) -> None:
    if not isinstance(when, dict):
        _fail(key, "应为条件表")
    for dimension, value in when.items():
        if value not in situation.DIMENSIONS.get(dimension, ()):
            _fail(key, f"未知的情形 {dimension} = {value!r}")


def _check(data: dict) -> None:
    for index, card in enumerate(data.get("card", [])):
        for key in ("id", "title", "lines", "when"):
            if key not in card:
                _fail(f"card[{index}]", f"缺少 {key}")
        _check_when(f"card[{index}].when", card["when"])
    if "unknown" not in data.get("payment_complaint", {}):
        _fail("payment_complaint", "缺少 unknown")
    for key in ("kinds", "when", "title", "lines"):
        if key not in data.get("letter_caution", {}):
            _fail("letter_caution", f"缺少 {key}")
    _check_when("letter_caution.when", data["letter_caution"]["when"])


_data = datafiles.checked(FILE, _check)


def _ways_paid(case: dict) -> list[str]:
    order = case["order"]
    ways = [order.get("paid_via", "")] + [p.get("paid_via", "") for p in order["payments"]]
    return list(dict.fromkeys(w for w in ways if w)) or ["unknown"]


def _lines(card: dict, case: dict) -> list[str]:
    complaint = _data()["payment_complaint"]
    out: list[str] = []
    for line in card["lines"]:
        if line == _SLOT:
            out += [complaint.get(way, complaint["unknown"]) for way in _ways_paid(case)]
        else:
            out.append(line)
    return list(dict.fromkeys(out))


def cards(case: dict, today: date) -> list[dict]:
    """[{id, title, lines, due}] for a normalised case; due is today (ISO)."""
    sit = situation.derive(case, today)
    if sit["stance"] == "resolved":
        return []  # the money came back: nothing left to stop
    return [
        {
            "id": card["id"],
            "title": card["title"],
            "lines": _lines(card, case),
            "due": today.isoformat(),
        }
        for card in _data().get("card", [])
        if all(sit.get(key) == value for key, value in card["when"].items())
    ]


def letter_caution(case: dict, kind: str, today: date) -> dict | None:
    """{title, lines} to show above letter `kind` when it is addressed to someone suspected of
    fraud; None otherwise. Never part of the letter's text."""
    caution = _data()["letter_caution"]
    if kind not in caution["kinds"]:
        return None
    sit = situation.derive(case, today)
    if not all(sit.get(key) == value for key, value in caution["when"].items()):
        return None
    return {"title": caution["title"], "lines": list(caution["lines"])}
