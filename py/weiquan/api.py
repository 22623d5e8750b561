"""JSON in, JSON out: the only surface the browser worker calls.

`dispatch(call, args_json)` never raises. It answers
{"ok": true, "result": ...} or
{"ok": false, "error": {"code", "message" (Chinese), "fields": [{"field", "message"}]}}.
The CLI uses the same functions, so the browser and the command line cannot disagree.
"""

from __future__ import annotations

import json
from datetime import date

from weiquan import case as case_model
from weiquan import evidence, flow, rules, tone
from weiquan.case import PROBLEMS, CaseError, FieldError, credit_code_problem, when


class ApiError(Exception):
    """A request the core cannot serve, with a Chinese message and the fields at fault."""

    def __init__(self, code: str, message: str, fields: list[FieldError] | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.fields = fields or []

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "message": self.message,
            "fields": [f.to_dict() for f in self.fields],
        }


def parse_today(value: object, field: str = "today") -> date:
    """`today` from a request: None → the real date; otherwise strictly YYYY-MM-DD."""
    if value is None or value == "":
        return date.today()
    if isinstance(value, str):
        try:
            if len(value) == 10:
                return date.fromisoformat(value)
        except ValueError:
            pass
    message = (
        f"{field} 的日期“{value}”无效，请写成 2026-10-01 这样的格式（年-月-日，且日期真实存在）"
    )
    raise ApiError("bad-args", message, [FieldError(field, message)])


def invalid_case(error: CaseError) -> ApiError:
    count = len(error.errors)
    first = str(error.errors[0]) if error.errors else ""
    summary = f"案件文件有 {count} 处问题，需要先改正" + (
        f"：{first}" if count == 1 else f"。第一处：{first}"
    )
    return ApiError("invalid-case", summary, error.errors)


def _read_case(value: object) -> dict:
    if value is None:
        raise ApiError("bad-args", "缺少案件内容（case）", [FieldError("case", "缺少案件内容")])
    doc = case_model.parse_json(value) if isinstance(value, str) else value
    return case_model.normalise(doc)


# ------------------------------------------------------------------ checks


def _consistency(case: dict, today: date) -> list[dict]:
    """Things that are allowed but probably typos: dates out of order or in the future."""
    found = []
    order = case["order"]
    ordered, problem = when(order["ordered_at"]), when(order["problem_found_at"])
    if ordered and problem and problem.date() < ordered.date():
        found.append(
            {
                "code": "date-order",
                "field": "case.order.problem_found_at",
                "message": "发现问题的时间早于下单时间，请核对。",
            }
        )
    dated = [("case.order.ordered_at", ordered), ("case.order.problem_found_at", problem)]
    for i, contact in enumerate(case["contacts"]):
        at = when(contact["at"])
        dated.append((f"case.contacts[{i}].at", at))
        if at and ordered and at.date() < ordered.date():
            found.append(
                {
                    "code": "date-order",
                    "field": f"case.contacts[{i}].at",
                    "message": "这次联系早于下单时间，请核对。",
                }
            )
        due = when(contact["promise_due"])
        if at and due and due < at:
            found.append(
                {
                    "code": "date-order",
                    "field": f"case.contacts[{i}].promise_due",
                    "message": "承诺的期限早于这次联系的时间，请核对。",
                }
            )
    for field, moment in dated:
        if moment and moment.date() > today:
            found.append(
                {
                    "code": "future-date",
                    "field": field,
                    "message": f"这个时间晚于今天（{today.isoformat()}），请核对。",
                }
            )
    problem_text = credit_code_problem(case["merchant"]["credit_code"])
    if problem_text:
        found.append(
            {"code": "credit-code", "field": "case.merchant.credit_code", "message": problem_text}
        )
    return found


def _tone_warnings(case: dict) -> list[dict]:
    return tone.check_case(case)


def _cited(result: dict) -> dict[str, dict]:
    ids: list[str] = []
    for item in result["next_steps"] + result["deadlines"]:
        ids += item.get("rules", [])
    return {rule_id: rules.public(rule_id) for rule_id in dict.fromkeys(ids)}


def check_case(case: dict, today: date) -> dict:
    """The full check of a normalised case (what `python -m weiquan check` prints)."""
    planned = flow.plan(case, today)
    assessed = planned["evidence"]
    result = {
        "stage": planned["stage"],
        "stage_label": planned["stage_label"],
        "next_steps": planned["next_steps"],
        "evidence": {
            "missing": assessed["missing"],
            "missing_titles": assessed["missing_titles"],
            "chain_complete": assessed["chain_complete"],
            "chain": assessed["chain"],
            "gap": assessed["gap"],
        },
        "deadlines": planned["deadlines"],
        "warnings": planned["warnings"] + _tone_warnings(case) + _consistency(case, today),
        "resolved": planned["resolved"],
        "channels": planned["channels"],
        "problem": case["problem"],
        "problem_label": PROBLEMS[case["problem"]],
        "today": today.isoformat(),
        "checklist": evidence.checklist(case["problem"]),
    }
    result["rules"] = _cited(result)
    return result


def draft_case(case: dict, kind: str, today: date) -> dict:
    """A letter for a normalised case: {text, missing, warnings, ...}."""
    try:
        from weiquan import letters
    except ImportError:
        raise ApiError(
            "letters-unavailable", "文书模块（weiquan.letters）不可用，暂时无法起草文书"
        ) from None
    kinds = tuple(getattr(letters, "LETTER_KINDS", ()))
    if kind not in kinds:
        message = f"不认识的文书类型“{kind}”，可选：{'、'.join(kinds)}"
        raise ApiError("unknown-letter", message, [FieldError("letter", message)])
    made = letters.draft(case, kind, today)
    result = {
        "kind": kind,
        "text": made.text,
        "missing": list(made.missing),
        "warnings": list(made.warnings),
    }
    sections = getattr(made, "sections", None)
    if sections:
        result["sections"] = list(sections)
    return result


# ------------------------------------------------------------------ calls


def _problems(_: dict) -> list[dict]:
    return [{"id": key, "label": label} for key, label in PROBLEMS.items()]


def _checklist(args: dict) -> dict:
    problem = args.get("problem")
    if not isinstance(problem, str) or problem not in PROBLEMS:
        allowed = "、".join(f"{k}（{v}）" for k, v in PROBLEMS.items())
        message = f"不认识的问题类型 {json.dumps(problem, ensure_ascii=False)}，可选：{allowed}"
        raise ApiError("bad-args", message, [FieldError("problem", message)])
    return evidence.checklist(problem)


def _check(args: dict) -> dict:
    today = parse_today(args.get("today"))
    return check_case(_read_case(args.get("case")), today)


def _validate(args: dict) -> dict:
    value = args.get("case")
    try:
        doc = case_model.parse_json(value) if isinstance(value, str) else value
    except CaseError as exc:
        return {"errors": [e.to_dict() for e in exc.errors]}
    if doc is None:
        return {"errors": [FieldError("case", "缺少案件内容").to_dict()]}
    return {"errors": [e.to_dict() for e in case_model.validate(doc)]}


def _draft(args: dict) -> dict:
    today = parse_today(args.get("today"))
    kind = args.get("letter")
    if not isinstance(kind, str) or not kind:
        raise ApiError("bad-args", "缺少文书类型（letter）", [FieldError("letter", "缺少文书类型")])
    return draft_case(_read_case(args.get("case")), kind, today)


def _ics(args: dict) -> dict:
    """Upcoming deadlines as an iCalendar file for the phone's own calendar."""
    today = parse_today(args.get("today"))
    try:
        from weiquan.ics import deadlines_calendar
    except ImportError:
        raise ApiError("ics-unavailable", "日历导出模块（weiquan.ics）不可用") from None
    checked = check_case(_read_case(args.get("case")), today)
    upcoming = [d for d in checked["deadlines"] if d["status"] == "upcoming"]
    return {
        "text": deadlines_calendar(upcoming, today),
        "count": len(upcoming),
        "filename": "weiquan-deadlines.ics",
    }


def _rules(_: dict) -> list[dict]:
    return [rules.public(rule["id"]) for rule in rules.load_rules()]


def _bundle(args: dict) -> dict:
    """The 证据包 zip from files already on disk (the worker writes the person's files first)."""
    from weiquan.bundle import BundleError, build_bundle

    case = _read_case(args.get("case"))
    today = parse_today(args.get("today"))
    files = args.get("files") or []
    out_path = args.get("out_path")
    if not isinstance(files, list) or not isinstance(out_path, str) or not out_path:
        raise ApiError("bad-args", "打包需要文件列表（files）和输出位置（out_path）")
    try:
        return build_bundle(case, today, files, out_path)
    except BundleError as exc:
        raise ApiError("bad-file", exc.message, [FieldError(exc.field, exc.message)]) from None


CALLS = {
    "bundle": _bundle,
    "problems": _problems,
    "checklist": _checklist,
    "check": _check,
    "validate": _validate,
    "draft": _draft,
    "rules": _rules,
    "ics": _ics,
    # Imported on first use, not at boot: start-up stays as fast as before.
    "paste": lambda args: __import__("weiquan.paste").paste.api_paste(args),
    "agenda": lambda args: __import__("weiquan.agenda").agenda.api_agenda(args),
    "timeline": lambda args: __import__("weiquan.timeline_svg").timeline_svg.api_timeline(args),
    "import_bundle": lambda args: __import__("weiquan.bundle").bundle.api_import_bundle(args),
}


def _answer(payload: dict) -> str:
    return json.dumps(payload, ensure_ascii=False)


def dispatch(call: str, args_json: str) -> str:
    """Run one call for the worker; always returns a JSON string, never raises."""
    try:
        try:
            args = json.loads(args_json) if args_json else {}
        except (TypeError, ValueError):
            raise ApiError("bad-json", "请求参数不是有效的 JSON") from None
        if not isinstance(args, dict):
            raise ApiError("bad-args", "请求参数应是一个 JSON 对象")
        handler = CALLS.get(call)
        if handler is None:
            raise ApiError("unknown-call", f"不认识的调用“{call}”，可用：{'、'.join(CALLS)}")
        return _answer({"ok": True, "result": handler(args)})
    except CaseError as exc:
        return _answer({"ok": False, "error": invalid_case(exc).to_dict()})
    except ApiError as exc:
        return _answer({"ok": False, "error": exc.to_dict()})
    except Exception as exc:  # the worker must always get an answer it can show
        message = f"内部错误（{type(exc).__name__}）：请导出案件文件并反馈给维护者"
        return _answer(
            {"ok": False, "error": {"code": "internal", "message": message, "fields": []}}
        )
