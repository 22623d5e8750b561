"""Deadlines as an iCalendar file (RFC 5545), so they land in the phone's own calendar."""

from __future__ import annotations

from datetime import date, timedelta


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """Lines longer than 75 octets continue on the next line after one space (RFC 5545 3.1),
    split between characters, never inside a UTF-8 sequence."""
    out, current, size = [], "", 0
    for ch in line:
        width = len(ch.encode())
        limit = 75 if not out else 74
        if size + width > limit:
            out.append(current)
            current, size = "", 0
        current += ch
        size += width
    out.append(current)
    return [out[0], *(" " + part for part in out[1:])]


def deadlines_calendar(deadlines: list[dict], today: date) -> str:
    """One all-day event per deadline, with a reminder the day before."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//weiquan//weiquan//ZH",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:维权期限",
    ]
    stamp = today.strftime("%Y%m%dT000000Z")
    for d in deadlines:
        day = date.fromisoformat(str(d["date"])[:10])
        basis = d.get("basis", "")
        if d.get("estimated"):
            basis += "（该年节假日安排尚未公布，日期为估算）"
        lines += [
            "BEGIN:VEVENT",
            f"UID:{d['id']}-{day:%Y%m%d}@weiquan.invalid",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_escape('维权期限：' + d['title'])}",
            f"DESCRIPTION:{_escape(basis)}",
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            "TRIGGER:-P1D",
            f"DESCRIPTION:{_escape('明天到期：' + d['title'])}",
            "END:VALARM",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(part + "\r\n" for line in lines for part in _fold(line))
