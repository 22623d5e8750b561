"""The case as a picture: a vertical timeline in SVG, with the same content as plain lines.

The order, the discovery, each contact (channel and outcome), promises with their due dates
(kept or broken), today, and the deadlines ahead. The drawing takes a neutral list of events
so it can be fed by whatever orders events for the letters; `events_from_case` is the one
place that turns a case into that list (swap it for the letters' own timeline later).

Made for a 360 px phone: the picture is 360 units wide and scales with its container, text is
never smaller than 12 units, long Chinese text wraps and is cut with "…" rather than running
off the edge. Every string from the case is XML-escaped; there are no external fonts or URLs.
Dates are written by zhformat, as in the letters, so the picture cannot disagree with them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from weiquan import case as case_model
from weiquan import deadlines, timeline
from weiquan.protocol import parse_today, read_case
from weiquan.zhformat import date_zh, money, when_zh

_XML_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def escape(text: str) -> str:
    # xml.sax.saxutils would pull urllib and email into the browser's import of weiquan.
    return text.translate(_XML_TEXT)


WIDTH = 360
AXIS_X = 22
TEXT_X = 40
RIGHT = WIDTH - 10
DATE_SIZE, LABEL_SIZE, DETAIL_SIZE = 12, 14, 13
LABEL_LINES, DETAIL_LINES = 2, 3
STATES = {
    # state: (colour, word said in the text, filled?)
    "neutral": ("#455a64", "", True),
    "alert": ("#c62828", "", True),
    "ok": ("#2e7d32", "", True),
    "kept": ("#2e7d32", "已兑现", True),
    "broken": ("#c62828", "未兑现", True),
    "refused": ("#c62828", "", True),
    "waiting": ("#ef6c00", "", True),
    "pending": ("#ef6c00", "待兑现", False),
    "upcoming": ("#1565c0", "", False),
    "passed": ("#c62828", "已过期", True),
    "met": ("#2e7d32", "已做到", True),
}
KINDS = ("order", "discovery", "contact", "promise", "deadline")
_XML_BAD = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Timeline:
    svg: str
    lines: list[str]  # the text equivalent, one line per mark, in drawing order


# ------------------------------------------------------------------ the one adapter


def _promise_state(case: dict, index: int, today: date) -> str:
    contact = case["contacts"][index]
    due = case_model.when(contact["promise_due"])
    start = case_model.when(contact["at"]) or datetime.min
    for later in case["contacts"]:
        at = case_model.when(later["at"])
        if later["outcome"] == "resolved" and at and start <= at and at.date() <= due.date():
            return "kept"
    return "broken" if due.date() < today else "pending"


def events_from_case(case: dict, today: date) -> tuple[list[dict], list[dict]]:
    """(events, deadlines) for `render`, from a normalised case.

    The events come in `weiquan.timeline`'s order, the one the letters and deadlines use;
    `render` only moves them by date, never within a day, so the picture and the letters agree.
    """
    order = case["order"]
    built: dict[tuple[str, int | None], list[dict]] = {}
    events: list[dict] = []
    if order["ordered_at"]:
        detail = "　".join(
            part
            for part in (
                f"订单号 {order['id']}" if order["id"] else "",
                money(order["amount"]) if order["amount"] else "",
                case["merchant"]["name"],
            )
            if part
        )
        built[("ordered", None)] = events = []
        events.append(
            {
                "date": order["ordered_at"],
                "kind": "order",
                "label": "下单" + (f"：{order['item']}" if order["item"] else ""),
                "detail": detail,
                "state": "neutral",
            }
        )
    if order["problem_found_at"]:
        built[("found", None)] = events = []
        events.append(
            {
                "date": order["problem_found_at"],
                "kind": "discovery",
                "label": f"发现问题：{case_model.PROBLEMS[case['problem']]}",
                "detail": "",
                "state": "alert",
            }
        )
    outcome_state = {
        "resolved": "ok",
        "partial": "waiting",
        "refused": "refused",
        "promised": "waiting",
        "agreed": "waiting",
        "no_reply": "waiting",
        "": "waiting",
    }
    for index, contact in enumerate(case["contacts"]):
        outcome = case_model.OUTCOMES.get(contact["outcome"] or "no_reply", "")
        channel = case_model.CHANNELS[contact["channel"]]
        ticket = f"（单号 {contact['ticket']}）" if contact["ticket"] else ""
        built[("contact", index)] = events = []
        events.append(
            {
                "date": contact["at"],
                "kind": "contact",
                "label": f"{channel}{ticket}：{outcome}",
                "detail": contact["summary"],
                "state": outcome_state[contact["outcome"]],
            }
        )
        if contact["promise_due"]:
            events.append(
                {
                    "date": contact["promise_due"],
                    "kind": "promise",
                    "label": "承诺期限" + (f"：{contact['promise']}" if contact["promise"] else ""),
                    "detail": "",
                    "state": _promise_state(case, index, today),
                }
            )
    ahead = [
        {
            "date": entry.get("datetime") or entry["date"],
            "label": entry["title"],
            "detail": "",
            "state": entry["status"],  # upcoming · passed · met
        }
        for entry in deadlines.compute(case, today)
    ]
    return [e for key in timeline.events(case) for e in built.get(key, [])], ahead


# ------------------------------------------------------------------ drawing


def _clean(text: object) -> str:
    return _XML_BAD.sub("", str(text or "")).strip()


def _em(ch: str) -> float:
    return 1.0 if unicodedata.east_asian_width(ch) in ("W", "F") else 0.6


def wrap(text: str, size: int, max_lines: int, width: float = RIGHT - TEXT_X) -> list[str]:
    """Lines that fit `width` at font `size`; the last one ends in "…" when text was cut."""
    text = " ".join(_clean(text).split())
    limit = width / size
    lines: list[str] = []
    current, used = "", 0.0
    for ch in text:
        if used + _em(ch) > limit:
            lines.append(current)
            current, used = "", 0.0
        current += ch
        used += _em(ch)
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and sum(_em(c) for c in last) + 1.0 > limit:
            last = last[:-1]
        lines = [*lines[: max_lines - 1], last + "…"]
    return lines


def _date_text(value: str) -> str:
    return when_zh(value) if value else "时间未记录"


def _sort_key(event: dict) -> tuple:
    # By day only: within a day the given order stands (weiquan.timeline's order of events).
    moment = case_model.when(event["date"]) if event["date"] else None
    return (moment is None, moment.date() if moment else date.min)


def _row_height(label: list[str], detail: list[str]) -> int:
    return 10 + 16 + 19 * len(label) + 17 * len(detail) + 8


def _label_text(event: dict, kind: str) -> str:
    word = STATES.get(event.get("state", ""), STATES["neutral"])[1]
    prefix = "期限：" if kind == "deadline" else ""
    return f"{prefix}{_clean(event.get('label'))}" + (f"（{word}）" if word else "")


def _text(x: int, y: int, size: int, content: str, fill: str, weight: str = "normal") -> str:
    return (
        f'<text x="{x}" y="{y}" font-size="{size}" fill="{fill}" font-weight="{weight}">'
        f"{escape(content)}</text>"
    )


def render(
    events: list[dict],
    deadlines_ahead: list[dict],
    today: date,
    *,
    title: str = "案件时间线",
    id_prefix: str = "timeline",
) -> Timeline:
    """Draw events (past and future) and deadlines around a "today" line."""
    marks = [dict(e, kind=e.get("kind", "contact")) for e in events]
    marks += [dict(d, kind="deadline") for d in deadlines_ahead]
    dated = sorted((m for m in marks if m.get("date")), key=_sort_key)
    undated = [m for m in marks if not m.get("date")]
    past = [m for m in dated if case_model.when(m["date"]).date() <= today] + undated
    future = [m for m in dated if case_model.when(m["date"]).date() > today]

    body: list[str] = []
    lines: list[str] = []
    y = 12

    def draw(mark: dict) -> None:
        nonlocal y
        kind = mark["kind"]
        colour, _, filled = STATES.get(mark.get("state", ""), STATES["neutral"])
        date_text = _date_text(mark.get("date", ""))
        label = wrap(_label_text(mark, kind), LABEL_SIZE, LABEL_LINES)
        detail = wrap(mark.get("detail", ""), DETAIL_SIZE, DETAIL_LINES)
        top = y
        cy = top + 20
        fill = colour if filled else "#ffffff"
        if kind in ("deadline", "promise"):
            body.append(
                f'<rect x="{AXIS_X - 6}" y="{cy - 6}" width="12" height="12" '
                f'transform="rotate(45 {AXIS_X} {cy})" fill="{fill}" stroke="{colour}" '
                'stroke-width="2"/>'
            )
        else:
            body.append(
                f'<circle cx="{AXIS_X}" cy="{cy}" r="6" fill="{fill}" stroke="{colour}" '
                'stroke-width="2"/>'
            )
        line_y = top + 24
        body.append(_text(TEXT_X, line_y, DATE_SIZE, date_text, "#555555"))
        for part in label:
            line_y += 19
            body.append(_text(TEXT_X, line_y, LABEL_SIZE, part, colour, "bold"))
        for part in detail:
            line_y += 17
            body.append(_text(TEXT_X, line_y, DETAIL_SIZE, part, "#333333"))
        full = _label_text(mark, kind)
        detail_full = " ".join(_clean(mark.get("detail")).split())
        lines.append(f"{date_text}　{full}" + (f"，{detail_full}" if detail_full else ""))
        y = top + _row_height(label, detail)

    for mark in past:
        draw(mark)
    today_y = y + 14
    body.append(
        f'<line x1="6" y1="{today_y}" x2="{RIGHT}" y2="{today_y}" stroke="#6a1b9a" '
        'stroke-width="2" stroke-dasharray="6 4"/>'
    )
    today_text = f"今天　{date_zh(today)}"
    pill = round(sum(_em(ch) for ch in today_text) * LABEL_SIZE) + 22
    body.append(
        f'<rect x="{TEXT_X - 4}" y="{today_y - 13}" width="{pill}" height="24" rx="4" '
        'fill="#6a1b9a"/>'
    )
    body.append(_text(TEXT_X + 2, today_y + 5, LABEL_SIZE, today_text, "#ffffff", "bold"))
    lines.append(today_text)
    y = today_y + 20
    for mark in future:
        draw(mark)
    height = y + 8
    axis = (
        f'<line x1="{AXIS_X}" y1="8" x2="{AXIS_X}" y2="{height - 8}" stroke="#b0bec5" '
        'stroke-width="2"/>'
    )
    upcoming = [m for m in future if m["kind"] == "deadline"]
    description = f"共 {len(past) + len(future)} 项记录，今天是{date_zh(today)}。" + (
        f"下一个期限：{_date_text(upcoming[0]['date'])}，{_clean(upcoming[0]['label'])}。"
        if upcoming
        else "今天之后没有期限。"
    )
    clean_title = _clean(title) or "案件时间线"
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'role="img" aria-labelledby="{id_prefix}-title {id_prefix}-desc" '
        'font-family="sans-serif">'
        f'<title id="{id_prefix}-title">{escape(clean_title)}</title>'
        f'<desc id="{id_prefix}-desc">{escape(description)}</desc>'
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>'
        f"{axis}{''.join(body)}</svg>"
    )
    return Timeline(svg, [clean_title, description, *lines])


def case_timeline(case: dict, today: date) -> Timeline:
    """The picture of a normalised case."""
    events, ahead = events_from_case(case, today)
    name = case["merchant"]["name"] or case["order"]["id"]
    title = "案件时间线" + (f"：{name}" if name else "")
    return render(events, ahead, today, title=title)


def api_timeline(args: dict) -> dict:
    """The worker's `timeline` call: {"case", "today"?} → {"svg", "lines"}."""
    made = case_timeline(read_case(args.get("case")), parse_today(args.get("today")))
    return {"svg": made.svg, "lines": made.lines}
