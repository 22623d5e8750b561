"""JSON in, JSON out: the only surface the browser worker calls.

`dispatch(call, args_json)` never raises. It answers
{"ok": true, "result": ...} or
{"ok": false, "error": {"code", "message" (Chinese), "fields": [{"field", "message"}]}}.
The calls, their arguments and the error codes are declared once in weiquan.protocol; CALLS
below maps each to its implementation, in the same order. `site/protocol.js` documents every
message shape; its tables are generated from weiquan.protocol (buildtools/protocol_tables.py).
The CLI uses the same functions, so the browser and the command line cannot disagree.
"""

from __future__ import annotations

import json
from datetime import date

from weiquan import case as case_model
from weiquan import (
    claim_checks,
    describe,
    evidence,
    flow,
    protocol,
    rules,
    situation,
    theory,
    tone,
    urgent,
)
from weiquan.case import PROBLEMS, CaseError, FieldError
from weiquan.ics import deadlines_calendar
from weiquan.protocol import ApiError, invalid_case, parse_today, read_case, staged_paths

# The error table lives in weiquan.protocol; `api.ERRORS` and `api.field_dict` stay for the
# callers that have always found them here.
ERRORS = protocol.ERRORS
field_dict = protocol.field_dict


# ------------------------------------------------------------------ checks


def _tone_warnings(case: dict) -> list[dict]:
    return tone.check_case(case)


RULE_STATUS_LABELS = {"verified": "已核实", "reference": f"仅供参考，{rules.REFERENCE_NOTE}"}


def _public_rule(rule_id: str) -> dict:
    rule = rules.public(rule_id)
    # The citation without the reference note: the page shows the status as its own badge.
    rule["name"] = rule["citation"].removesuffix(f"（{rules.REFERENCE_NOTE}）")
    rule["status_label"] = RULE_STATUS_LABELS.get(rule["status"], rule["status"])
    return rule


def _cited(result: dict) -> dict[str, dict]:
    ids: list[str] = []
    for item in result["next_steps"] + result["deadlines"]:
        ids += item.get("rules", [])
    ids += result.get("theory", {}).get("grounds", [])
    return {rule_id: _public_rule(rule_id) for rule_id in dict.fromkeys(ids)}


def _with_date_labels(items: list[dict], key: str) -> list[dict]:
    return [
        {**item, f"{key}_label": describe.date_label(item[key])} if item.get(key) else item
        for item in items
    ]


def check_case(case: dict, today: date) -> dict:
    """The full check of a normalised case (what `python -m weiquan check` prints)."""
    planned = flow.plan(case, today)
    assessed = planned["evidence"]
    derived = situation.derive(case, today)
    result = {
        # First: what must be done within the hour (a fraud victim's 止付), shown above all.
        "urgent": urgent.cards(case, today),
        "stage": planned["stage"],
        "stage_label": planned["stage_label"],
        "stage_index": describe.stage_index(planned["stage"]),
        "next_steps": _with_date_labels(planned["next_steps"], "due"),
        "evidence": {
            "missing": assessed["missing"],
            "missing_titles": assessed["missing_titles"],
            "chain_complete": assessed["chain_complete"],
            "chain": assessed["chain"],
            "gap": assessed["gap"],
        },
        "deadlines": _with_date_labels(planned["deadlines"], "date"),
        "warnings": protocol.placed(
            planned["warnings"]
            + _tone_warnings(case)
            + case_model.consistency(case, today)
            + claim_checks.check(case)
        ),
        "resolved": planned["resolved"],
        "channels": planned["channels"],
        "problem": case["problem"],
        "problem_label": PROBLEMS[case["problem"]],
        "today": today.isoformat(),
        "checklist": evidence.checklist(case["problem"]),
        "situation": describe.situation_reply(case, derived),
        "theory": theory.public(case, derived),
    }
    result["rules"] = _cited(result)
    return result


# Letters printed with the case's timeline picture beside them (the page asks `timeline`).
TIMELINE_LETTERS = ("lawyer-brief",)


def draft_case(case: dict, kind: str, today: date, docx_path: str = "") -> dict:
    """A letter for a normalised case: {text, missing, warnings, ...}; with `docx_path`, the
    same letter is also written there as a Word file (weiquan.docx) and named in `docx_name`."""
    # On the first letter, not at boot: the first screen (check, validate) needs no letter, and
    # letters with what it imports is about a quarter of importing this module.
    from weiquan import letters

    kinds = letters.LETTER_KINDS
    if kind not in kinds:
        message = f"不认识的文书类型“{kind}”，可选：{'、'.join(kinds)}"
        raise ApiError("unknown-letter", message, [FieldError("letter", message)])
    made = letters.draft(case, kind, today)
    result = {
        "kind": kind,
        "text": made.text,
        "missing": list(made.missing),
        "warnings": protocol.placed(list(made.warnings)),
        # The letter's structure, for printing it on A4 the way the Word file lays it out.
        "blocks": list(made.blocks),
    }
    if made.sections:
        result["sections"] = list(made.sections)
    caution = urgent.letter_caution(case, kind, today)
    if caution:
        result["caution"] = caution
    if kind in TIMELINE_LETTERS:
        result["timeline"] = True
    if docx_path:
        from weiquan import docx  # on first use: start-up does not pay for it

        label = letters.LETTER_LABELS[kind]
        try:
            with open(docx_path, "wb") as out:
                out.write(docx.write(made.blocks, label, today))
        except OSError as exc:
            message = f"无法写入 Word 文件 {docx_path}（{exc.strerror or exc}）：请换一个可写的位置"
            raise ApiError("bad-args", message, [FieldError("docx", message)]) from None
        result["docx_name"] = f"{label}.docx"
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
    return check_case(read_case(args.get("case")), today)


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
    case = read_case(args.get("case"))
    if not args.get("docx"):
        return draft_case(case, kind, today)
    # The Word file leaves through the staged channel: the page sends no files, only asks.
    _, out = staged_paths(args, 0, "Word 文件需要由页面给出输出位置（staged.output）")
    return {**draft_case(case, kind, today, out), "output": out}


def _ics(args: dict) -> dict:
    """Upcoming deadlines as an iCalendar file for the phone's own calendar."""
    today = parse_today(args.get("today"))
    checked = check_case(read_case(args.get("case")), today)
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
    case = read_case(args.get("case"))
    today = parse_today(args.get("today"))
    files = args.get("files")
    if files is None:
        files = []
    if not isinstance(files, list) or not all(isinstance(f, dict) for f in files):
        raise ApiError("bad-args", "打包需要文件列表（files）")
    message = "打包需要由页面传入的文件（staged.inputs）和输出位置（staged.output）"
    paths, out = staged_paths(args, len(files), message)
    described = [{**meta, "path": path} for meta, path in zip(files, paths, strict=True)]
    # Imported on first use: zipfile and the bundle's letters are not needed to start.
    from weiquan.bundle import BundleError, build_bundle

    try:
        made = build_bundle(case, today, described, out)
    except BundleError as exc:
        raise ApiError("bad-file", exc.message, [FieldError(exc.field, exc.message)]) from None
    made.pop("file_path", None)
    return {**made, "output": out}


def _migrate(args: dict) -> dict:
    """A stored case file of an older format version, brought up to the current one. Only the
    version changes what it must; nothing else is validated or rewritten (a draft may be
    incomplete)."""
    doc = args.get("case")
    if doc is None:
        raise ApiError("bad-args", "缺少案件内容（case）", [FieldError("case", "缺少案件内容")])
    migrated = case_model.migrate(doc)
    if not isinstance(migrated.get("case"), dict):
        message = "缺少案件内容：case 应为一组字段（JSON 对象）"
        raise CaseError([FieldError("case", message)])
    return {"case": migrated["case"], "version": migrated["version"]}


CALLS = {
    "bundle": _bundle,
    "migrate": _migrate,
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
    "redact_targets": lambda args: __import__("weiquan.redact").redact.api_redact_targets(args),
    "warm_letters": lambda args: _warm_letters(),
    "review": lambda args: __import__("weiquan.review").review.api_review(args),
}
# In protocol's order; a call declared there without an implementation here fails at import.
CALLS = {name: CALLS[name] for name in protocol.CALLS}


def _warm_letters() -> dict:
    """Import the template engine and compile the wording every letter shares, while the page
    is idle. A first letter otherwise pays for both: 0.3 s here, seconds in the browser on a
    busy phone, with an empty letter box meanwhile (issue 23)."""
    from weiquan import letters

    letters.warm()
    return {"warmed": True}


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
