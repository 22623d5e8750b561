"""今天要做的: the deadlines of every saved case that are due within a week or already overdue.

The home screen asks once for all cases (one worker round trip, not twenty). A case that
cannot be read is reported on its own line and the others are still listed: one broken file
must never hide the deadlines of the rest.
"""

from __future__ import annotations

from datetime import date, datetime

from weiquan import case as case_model
from weiquan import deadlines, describe, urgent
from weiquan.case import FieldError
from weiquan.protocol import ApiError, parse_today

HORIZON_DAYS = 7
MAX_CASES = 500


def _resolved(case: dict) -> bool:
    # Same rule as the dashboard (flow.plan): the latest dated contact settled the matter.
    dated = sorted(
        enumerate(case["contacts"]),
        key=lambda pair: (case_model.when(pair[1]["at"]) or datetime.min, pair[0]),
    )
    return bool(dated) and dated[-1][1]["outcome"] == "resolved"


def _status(days_left: int) -> str:
    if days_left < 0:
        return "overdue"
    return "today" if days_left == 0 else "soon"


def _when(days_left: int) -> str:
    if days_left < 0:
        return f"已逾期 {-days_left} 天"
    return "今天到期" if days_left == 0 else f"还剩 {days_left} 天"


def _entries(case_id: str, title: str, case: dict, today: date) -> list[dict]:
    items = []
    for entry in deadlines.compute(case, today):
        if entry["status"] == "met":
            continue
        due = date.fromisoformat(entry["date"])
        days_left = (due - today).days
        if entry["status"] == "upcoming" and days_left > HORIZON_DAYS:
            continue
        item = {
            "case_id": case_id,
            "case_title": title,
            "deadline_id": entry["id"],
            "title": entry["title"],
            "date": entry["date"],
            "days_left": max(days_left, 0),
            "days_overdue": max(-days_left, 0),
            "status": _status(days_left),
            "when_label": _when(days_left),
            "date_label": describe.date_label(entry["date"]),
            "estimated": entry["estimated"],
        }
        if "datetime" in entry:
            item["datetime"] = entry["datetime"]
        items.append(item)
    return items + _urgent(case_id, title, case, today, {i["deadline_id"] for i in items})


def _urgent(case_id: str, title: str, case: dict, today: date, listed: set[str]) -> list[dict]:
    # The dashboard's urgent card (a fraud victim's 止付) is due today, every day until the
    # case is settled; a deadline of the same id already listed is not repeated.
    return [
        {
            "case_id": case_id,
            "case_title": title,
            "deadline_id": card["id"],
            "title": card["title"],
            "date": card["due"],
            "days_left": 0,
            "days_overdue": 0,
            "status": "today",
            "when_label": "今天就做",
            "date_label": describe.date_label(card["due"]),
            "estimated": False,
            "urgent": True,
        }
        for card in urgent.cards(case, today)
        if card["id"] not in listed
    ]


def _error(case_id: str, title: str, message: str, fields: list[dict] | None = None) -> dict:
    error = {"case_id": case_id, "case_title": title, "message": message}
    if fields:
        error["fields"] = fields
    return error


def _one(raw: object, index: int, today: date) -> tuple[list[dict], dict | None, bool]:
    """(items, error, resolved) for one saved case."""
    if not isinstance(raw, dict):
        message = f"第 {index + 1} 个案件的格式不对（应为包含 id、title、case 的对象）"
        return [], _error("", "", message), False
    case_id, title = str(raw.get("id") or ""), str(raw.get("title") or "")
    if not case_id:
        return [], _error("", title, f"第 {index + 1} 个案件缺少 id"), False
    name = title or case_id
    try:
        case = case_model.normalise(raw.get("case"))
        if _resolved(case):
            return [], None, True
        return _entries(case_id, title, case, today), None, False
    except case_model.CaseError as exc:
        first = exc.errors[0] if exc.errors else "内容不完整"
        message = f"案件“{name}”无法读取，期限没有计算：{first}"
        return [], _error(case_id, title, message, [e.to_dict() for e in exc.errors]), False
    except Exception as exc:  # one broken case must not hide the others' deadlines
        message = f"案件“{name}”计算期限时出错（{type(exc).__name__}），请打开这个案件检查"
        return [], _error(case_id, title, message), False


def today_tasks(cases: list[object], today: date) -> dict:
    """For [{id, title, case}] → {"items": [...soonest first], "errors": [...], ...}.

    An item: case_id, case_title, deadline_id, title, date, days_left, days_overdue,
    status (overdue · today · soon), estimated, and datetime when the deadline has a clock time.
    """
    items: list[dict] = []
    errors: list[dict] = []
    resolved: list[str] = []
    for index, raw in enumerate(cases):
        found, error, done = _one(raw, index, today)
        items += found
        if error:
            errors.append(error)
        if done:
            resolved.append(raw["id"])
    items.sort(key=lambda i: (i["date"], i.get("datetime", ""), i["case_title"], i["case_id"]))
    return {
        "today": today.isoformat(),
        "horizon_days": HORIZON_DAYS,
        "items": items,
        "errors": errors,
        "resolved": resolved,
        "cases": len(cases),
    }


def api_agenda(args: dict) -> dict:
    """The worker's `agenda` call: {"cases": [{id, title, case}], "today"?} → today_tasks."""

    today = parse_today(args.get("today"))
    cases = args.get("cases")
    if not isinstance(cases, list):
        message = "缺少案件列表（cases）：应为 [{id, title, case}, …]"
        raise ApiError("bad-args", message, [FieldError("cases", message)])
    if len(cases) > MAX_CASES:
        message = f"案件太多（{len(cases)} 个），一次最多 {MAX_CASES} 个"
        raise ApiError("bad-args", message, [FieldError("cases", message)])
    return today_tasks(cases, today)
