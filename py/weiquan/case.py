"""The case file: loading, schema migration, validation and normalisation.

A case file is JSON: {"format": "weiquan-case", "version": 2, "case": {...}} (see DESIGN.md,
"Case file" and "Version 2"). Version 1 files are upgraded by `migrate` (UPGRADES[1]).
Everything else in the core works on the *normalised* case: a plain dict in which every
documented key is present, money is a "300.00" string, times are local ISO-8601 without
offset, and anything the user did not say is "" (or None for numbers) — never guessed.

Validation collects every problem at once, each naming its field path
(`case.order.amount`, `case.contacts[2].at`) with a Chinese message saying what to fix.

This module is the envelope (format, version, migration), the public API and the plausibility
warnings; the parts live beside it and are re-exported here:
  case_vocab     what each field may hold (PROBLEMS, CHANNELS, …)
  case_values    single values read strictly (money, times, credit codes) and FieldError/CaseError
  case_validate  reading a raw case into the normalised one, every problem in one pass
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

from weiquan.case_validate import build_case
from weiquan.case_values import (
    CENT,
    CaseError,
    FieldError,
    credit_code_problem,
    format_money,
    has_time,
    money,
    one_error,
    parse_money,
    parse_time,
    when,
    when_date,
)
from weiquan.case_vocab import (
    CHANNEL_PARTY,
    CHANNELS,
    DELIVERED,
    DEMAND_KINDS,
    E_SERVICE,
    EVIDENCE_KINDS,
    MARKETPLACES,
    MERCHANT_KINDS,
    ORDER_PURPOSES,
    OUTCOMES,
    PAID_TO,
    PAID_VIA,
    PARTIES,
    PROBLEMS,
    REFUND_OFFERS,
    STANCES,
    UNWRITTEN_CHANNELS,
    VERBAL_CHANNELS,
    VOCABULARIES,
    WHO,
    YES_NO,
    party_of_channel,
)

# The case's vocabularies (weiquan.case_vocab) and single values (weiquan.case_values) are
# imported from here by the rest of the core: weiquan.case is the case file's one front door.
__all__ = [
    "CENT",
    "CHANNELS",
    "CHANNEL_PARTY",
    "CURRENT_VERSION",
    "DELIVERED",
    "DEMAND_KINDS",
    "EVIDENCE_KINDS",
    "E_SERVICE",
    "FORMAT",
    "MARKETPLACES",
    "MERCHANT_KINDS",
    "ORDER_PURPOSES",
    "OUTCOMES",
    "PAID_TO",
    "PAID_VIA",
    "PARTIES",
    "PROBLEMS",
    "REFUND_OFFERS",
    "STANCES",
    "UNWRITTEN_CHANNELS",
    "UPGRADES",
    "VERBAL_CHANNELS",
    "VOCABULARIES",
    "WHO",
    "YES_NO",
    "CaseError",
    "FieldError",
    "blank",
    "consistency",
    "credit_code_problem",
    "dump",
    "dumps",
    "format_money",
    "has_evidence",
    "has_time",
    "load",
    "load_file",
    "migrate",
    "money",
    "normalise",
    "parse_json",
    "parse_money",
    "parse_time",
    "party_of_channel",
    "validate",
    "when",
    "when_date",
]

FORMAT = "weiquan-case"
CURRENT_VERSION = 2

# ---------------------------------------------------------------- migration

# One step per old version: UPGRADES[n] turns a version-n document into version n+1.
# Each step copies what it changes, so `migrate` never mutates the caller's document.


def _v1_merchant_kind(merchant: dict) -> str:
    # Conservative: only a 统一社会信用代码 proves a registered 经营者 (a company or an
    # individual business — both are bound by 消法). A 闲鱼 or QQ seller may still be a shop
    # in disguise, so nothing else in a v1 file is taken as proof either way.
    code = merchant.get("credit_code")
    if isinstance(code, str) and code.strip() and credit_code_problem(code.strip().upper()) is None:
        return "business"
    return "unknown"


def _v1_to_v2(doc: dict) -> dict:
    """v1 → v2: every v1 field keeps its name and meaning; v2 fields are derived only where
    v1 already said it — `contacts[].party` from the channel, `merchant.kind` from a valid
    credit code (else "unknown"). `small_claims_limit`, `merchant.legal_name` and
    `merchant.legal_rep` were read by v1 apps as extra fields under these same names, so
    they stay where they are and are now part of the format."""
    raw = doc.get("case")
    if isinstance(raw, dict):
        raw = dict(raw)
        merchant = raw.get("merchant")
        if isinstance(merchant, dict) and "kind" not in merchant:
            raw["merchant"] = {**merchant, "kind": _v1_merchant_kind(merchant)}
        elif merchant is None:
            raw["merchant"] = {"kind": "unknown"}
        contacts = raw.get("contacts")
        if isinstance(contacts, list):
            raw["contacts"] = [
                {**c, "party": party_of_channel(c.get("channel"))}
                if isinstance(c, dict) and "party" not in c
                else c
                for c in contacts
            ]
    return {**doc, "version": 2, "case": raw}


UPGRADES: dict[int, Callable[[dict], dict]] = {1: _v1_to_v2}


def migrate(doc: object) -> dict:
    """Bring a parsed case file (the envelope) up to CURRENT_VERSION. Never mutates `doc`."""
    if not isinstance(doc, dict):
        raise one_error("", "文件内容应是一个 JSON 对象（以 { 开头），这不是维权助手导出的案件文件")
    fmt = doc.get("format")
    if fmt != FORMAT:
        shown = "缺失" if fmt is None else f"“{fmt}”"
        raise one_error("format", f'不是维权助手的案件文件：format 应为 "{FORMAT}"，实际{shown}')
    version = doc.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        shown = "缺失" if version is None else f"是 {json.dumps(version, ensure_ascii=False)}"
        raise one_error("version", f"版本号应为整数（当前为 {CURRENT_VERSION}），实际{shown}")
    if version > CURRENT_VERSION:
        raise one_error(
            "version",
            f"这个文件来自更新的维权助手（格式第 {version} 版），本程序只能读取到第 "
            f"{CURRENT_VERSION} 版，请更新维权助手后再打开",
        )
    if version < 1:
        raise one_error("version", f"不认识的版本号 {version}，支持的版本：1–{CURRENT_VERSION}")
    result = dict(doc)
    while result["version"] < CURRENT_VERSION:
        step = UPGRADES.get(result["version"])
        if step is None:
            raise one_error("version", f"无法把第 {result['version']} 版的文件升级，请联系维护者")
        result = step(dict(result))
    return result


def _inner(doc: object) -> dict:
    """The raw case object from an envelope (migrated) or from a bare case dict."""
    if isinstance(doc, dict) and ("format" in doc or "version" in doc or "case" in doc):
        doc = migrate(doc)
        raw = doc.get("case")
        if not isinstance(raw, dict):
            raise one_error("case", "缺少案件内容：case 应为一组字段（JSON 对象）")
        return raw
    if not isinstance(doc, dict):
        raise one_error("", "文件内容应是一个 JSON 对象（以 { 开头）")
    return doc


# ---------------------------------------------------------------- public API


def parse_json(text: str | bytes) -> object:
    """Parse JSON text, turning syntax errors into a CaseError a person can act on."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise one_error("", "文件不是 UTF-8 编码的文字，请用维权助手重新导出") from None
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise one_error("", "文件是空的")

    def no_constants(name: str) -> object:
        raise ValueError(name)

    try:
        return json.loads(text, parse_constant=no_constants)
    except json.JSONDecodeError as exc:
        raise one_error(
            "", f"不是有效的 JSON：第 {exc.lineno} 行第 {exc.colno} 列附近有错（{_json_hint(exc)}）"
        ) from None
    except ValueError as exc:
        raise one_error("", f"不是有效的 JSON：不支持 {exc}") from None


def _json_hint(exc: json.JSONDecodeError) -> str:
    msg = exc.msg
    if "Expecting property name" in msg:
        return "键名要用英文双引号，最后一项后面不要多逗号"
    if "Expecting ',' delimiter" in msg:
        return "可能少了逗号"
    if "Expecting value" in msg:
        return "这里缺少值，或多了逗号"
    if "Unterminated string" in msg:
        return "引号没有配对"
    if "Extra data" in msg:
        return "JSON 结束后还有多余内容"
    if "Invalid control character" in msg:
        return "文字里有换行等控制字符，请写成 \\n"
    return msg


def validate(doc: object) -> list[FieldError]:
    """Every problem in a case file (envelope or bare case dict); [] when it is usable."""
    try:
        raw = _inner(doc)
    except CaseError as exc:
        return exc.errors
    return build_case(raw)[1]


def as_typed(doc: object) -> dict:
    """The case object of a file or of the page's store (envelope or bare, migrated), its
    values as typed: nothing checked. Raises CaseError only for a file that is no case."""
    return _inner(doc)


def normalise(doc: object) -> dict:
    """The normalised case dict (see module doc). Accepts the envelope or a bare case dict,
    including an already normalised one (normalising twice changes nothing).
    Raises CaseError listing every problem."""
    case, errors = build_case(_inner(doc))
    if errors:
        raise CaseError(errors)
    return case


def load(source: str | bytes | dict) -> dict:
    """Parse (if text), migrate, validate and normalise a case file."""
    doc = parse_json(source) if isinstance(source, str | bytes) else source
    return normalise(doc)


def load_file(path: str | Path) -> dict:
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise one_error("", f"找不到文件 {path}，请检查路径") from None
    except IsADirectoryError:
        raise one_error("", f"{path} 是文件夹，请给出案件文件（.json）") from None
    except OSError as exc:
        raise one_error("", f"无法读取文件 {path}：{exc.strerror or exc}") from None
    return load(data)


def dump(case: dict) -> dict:
    """The envelope for saving or exporting: {"format", "version", "case"}."""
    return {"format": FORMAT, "version": CURRENT_VERSION, "case": normalise(case)}


def dumps(case: dict) -> str:
    """The case file as JSON text (UTF-8, readable Chinese, stable layout)."""
    return json.dumps(dump(case), ensure_ascii=False, indent=2) + "\n"


def blank(problem: str = "invalid_key") -> dict:
    """A new, empty normalised case for the given problem."""
    return normalise({"problem": problem})


def has_evidence(case: dict, kind: str) -> bool:
    return any(item["kind"] == kind and item["have"] for item in case["evidence"])


# ---------------------------------------------------------------- consistency (plausibility)


def consistency(case: dict, today: date) -> list[dict]:
    """Things a normalised case may say but that are probably typos: dates out of order or in
    the future, a credit code that fails its check digit. Warnings, never errors."""
    found = []

    def warn(code: str, field: str, message: str) -> None:
        found.append({"code": code, "field": field, "message": message})

    order = case["order"]
    ordered, problem = when(order["ordered_at"]), when(order["problem_found_at"])
    if ordered and problem and problem.date() < ordered.date():
        warn("date-order", "case.order.problem_found_at", "发现问题的时间早于下单时间，请核对。")
    # (field, its name in a sentence, time): a message beside a field still says which.
    dated = [
        ("case.order.ordered_at", "下单时间", ordered),
        ("case.order.problem_found_at", "发现问题的时间", problem),
    ]
    for i, contact in enumerate(case["contacts"]):
        at = when(contact["at"])
        dated.append((f"case.contacts[{i}].at", f"第 {i + 1} 次联系的时间", at))
        if at and ordered and at.date() < ordered.date():
            warn("date-order", f"case.contacts[{i}].at", "这次联系早于下单时间，请核对。")
        due = when(contact["promise_due"])
        if at and due and due < at:
            warn(
                "date-order",
                f"case.contacts[{i}].promise_due",
                "承诺的期限早于这次联系的时间，请核对。",
            )
    shown_today = f"{today.year}年{today.month}月{today.day}日"
    for field, name, moment in dated:
        if moment and moment.date() > today:
            warn("future-date", field, f"{name}晚于今天（{shown_today}），请核对。")
    problem_text = credit_code_problem(case["merchant"]["credit_code"])
    if problem_text:
        warn("credit-code", "case.merchant.credit_code", problem_text)
    return found
