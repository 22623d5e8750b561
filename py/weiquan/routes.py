"""The routes table (content/routes.toml): which step fits which situation, evaluated.

The table holds every condition, order and word of the next steps; this module only
checks it at load (an unknown fact, value, step id or rule id fails naming the key) and
evaluates it over a dict of facts. flow.py computes the facts and the fields the text
fills in.
"""

from __future__ import annotations

import string

from weiquan import datafiles, knowledge, rules
from weiquan.dimensions import DIMENSIONS

FILE = "routes.toml"
CHANNEL_STATES = ("none", "pending", "failed", "resolved")
BOOL = (True, False)
# Every fact a condition may test, with its values (DESIGN.md "Situation and theory" for
# the situation; the rest is computed by flow.py and described at the top of the file).
FACTS: dict[str, tuple] = {
    **DIMENSIONS,
    **{
        name: CHANNEL_STATES
        for name in ("platform", "marketplace", "regulator", "association", "payment", "police")
    },
    "cure": ("none", "open", "sent", "lapsed"),
    "court": ("none", "small_claims", "court"),
    "court_basis": ("no_limit", "not_money", "over_limit", "within"),
    "after_sales": ("none", "open", "passed"),
    **{
        name: BOOL
        for name in (
            "scam",
            "gone",
            "on_marketplace",
            "escalate",
            "refused",
            "resolved",
            "need_evidence",
            "legal",
            "lawyer",
            "lawyer_done",
            "court_done",
            "law_first",
            "informal",
            "platform_due_known",
            "marketplace_due_known",
            "regulator_due_known",
            "big_amount",
            "over_limit",
            "supplier",
            "third_failed",
            "several_payments",
            "xianyu",
            "paid_by_app",
        )
    },
}
DUES = (
    "platform_due",
    "marketplace_due",
    "regulator_due",
    "association_due",
    "cure_due",
    "after_sales_due",
    "window_due",
)
_STEP_KEYS = {
    "id",
    "variant",
    "order",
    "order_if",
    "when",
    "unless",
    "title",
    "why",
    "how",
    "proportion",
    "jurisdiction",
    "rules",
    "letter",
    "due",
    "links",
}
_FRAGMENT_KEYS = {"text", "when", "unless", "rules"}


# The one content error type; the old name stays for callers.
RoutesError = datafiles.ContentError


def _fail(key: str, message: str, file: str = FILE) -> None:
    raise datafiles.error(file, key, message)


def _conditions(raw) -> list[dict]:
    if raw is None:
        return []
    return [raw] if isinstance(raw, dict) else list(raw)


def check_condition(key: str, raw, file: str = FILE) -> None:
    if raw is not None and not isinstance(raw, (dict, list)):
        _fail(key, "应为条件表或条件表的列表", file)
    for condition in _conditions(raw):
        if not isinstance(condition, dict):
            _fail(key, "应为条件表", file)
        for fact, value in condition.items():
            if fact not in FACTS:
                _fail(key, f"未知的情形 {fact!r}", file)
            for one in value if isinstance(value, list) else [value]:
                if one not in FACTS[fact]:
                    _fail(key, f"{fact} 没有取值 {one!r}", file)


def _check_rules(key: str, ids) -> None:
    known = rules.ids()
    for ident in ids or []:
        if ident.startswith("@"):
            try:
                knowledge.refs(ident[1:])
            except KeyError:
                _fail(key, f"problems.toml 中没有 refs.{ident[1:]}")
        elif ident not in known:
            _fail(key, f"rules.toml 中没有规则 {ident}")


def _check_text(key: str, raw) -> None:
    for i, fragment in enumerate(raw if isinstance(raw, list) else [raw]):
        where = f"{key}[{i}]"
        if isinstance(fragment, dict):
            if set(fragment) - _FRAGMENT_KEYS or "text" not in fragment:
                _fail(where, f"片段只能有 {sorted(_FRAGMENT_KEYS)}，且必须有 text")
            check_condition(f"{where}.when", fragment.get("when"))
            check_condition(f"{where}.unless", fragment.get("unless"))
            _check_rules(f"{where}.rules", fragment.get("rules"))
            text = fragment["text"]
        else:
            text = fragment
        if not isinstance(text, str):
            _fail(where, "应为文字")
        try:
            list(string.Formatter().parse(text))
        except ValueError as error:
            _fail(where, f"花括号不配对（{error}）")


def _check(data: dict) -> None:
    for i, step in enumerate(data.get("step", [])):
        where = f"step[{i}]({step.get('id')}/{step.get('variant')})"
        if set(step) - _STEP_KEYS:
            _fail(where, f"未知的键 {sorted(set(step) - _STEP_KEYS)}")
        if step.get("id") not in knowledge.STEP_IDS:
            _fail(where, f"未知的步骤 id {step.get('id')!r}")
        if not isinstance(step.get("order"), int) or not step.get("title"):
            _fail(where, "缺少 order（整数）或 title")
        check_condition(f"{where}.when", step.get("when"))
        check_condition(f"{where}.unless", step.get("unless"))
        for j, alt in enumerate(step.get("order_if", [])):
            check_condition(f"{where}.order_if[{j}].when", alt.get("when"))
            if not isinstance(alt.get("order"), int):
                _fail(f"{where}.order_if[{j}]", "缺少 order（整数）")
        for key in ("title", "why", "proportion", "jurisdiction"):
            if key in step:
                _check_text(f"{where}.{key}", step[key])
        for j, item in enumerate(step.get("how", [])):
            _check_text(f"{where}.how[{j}]", item)
        _check_rules(f"{where}.rules", step.get("rules"))
        if step.get("due") not in (None, *DUES):
            _fail(f"{where}.due", f"应为 {DUES} 之一")
    for key in ("text", "missing", "payment_titles", "stages", "patterns"):
        if not isinstance(data.get(key), dict):
            _fail(key, "缺少这张表")


_data = datafiles.checked(FILE, _check)


def load() -> dict:
    """Load and validate (raises RoutesError); the build and tests call this."""
    return _data()


def matches(condition: dict, facts: dict) -> bool:
    """All facts of one condition hold (a list value: any of them)."""
    for fact, value in condition.items():
        wanted = value if isinstance(value, list) else [value]
        if facts.get(fact) not in wanted:
            return False
    return True


def holds(when, unless, facts: dict) -> bool:
    """`when` (any of its conditions, or none given) holds and no `unless` condition does."""
    whens = _conditions(when)
    if whens and not any(matches(c, facts) for c in whens):
        return False
    return not any(matches(c, facts) for c in _conditions(unless))


def _fill(text: str, fields: dict, where: str) -> str:
    try:
        return text.format_map(fields)
    except KeyError as error:
        raise RoutesError(f"{FILE} 的 {where}：没有可填入的 {error}") from None


def render(raw, facts: dict, fields: dict, where: str) -> tuple[str, list[str]]:
    """Text of the fragments that hold, joined, with the rule ids they add."""
    parts, ids = [], []
    for fragment in raw if isinstance(raw, list) else [raw]:
        if isinstance(fragment, dict):
            if not holds(fragment.get("when"), fragment.get("unless"), facts):
                continue
            ids += fragment.get("rules", [])
            fragment = fragment["text"]
        parts.append(_fill(fragment, fields, where))
    return "".join(parts), ids


def resolve_rules(ids: list[str]) -> list[str]:
    found: list[str] = []
    for ident in ids:
        found += knowledge.refs(ident[1:]) if ident.startswith("@") else [ident]
    return list(dict.fromkeys(found))


def chosen(facts: dict) -> list[dict]:
    """The variant of each step that fits `facts`, in the table's order for that situation."""
    picked: dict[str, tuple[int, int, dict]] = {}
    for index, spec in enumerate(_data()["step"]):
        if spec["id"] in picked or not holds(spec.get("when"), spec.get("unless"), facts):
            continue
        order = next(
            (alt["order"] for alt in spec.get("order_if", []) if holds(alt["when"], None, facts)),
            spec["order"],
        )
        picked[spec["id"]] = (order, index, spec)
    return [spec for _, _, spec in sorted(picked.values(), key=lambda t: t[:2])]


def text(name: str, **fields) -> str:
    """A shared fragment of [text], filled in."""
    return _fill(_data()["text"][name], fields, f"text.{name}")


def texts() -> dict[str, str]:
    """Every shared fragment as written (those without {fields} are used as they are)."""
    return dict(_data()["text"])


def pattern(name: str) -> str:
    return _data()["patterns"][name]


def missing(name: str, **fields) -> str:
    return _fill(_data()["missing"][name], fields, f"missing.{name}")


def payment_title(paid_via: str) -> str:
    titles = _data()["payment_titles"]
    return titles.get(paid_via, titles["other"])


def stages() -> dict[str, str]:
    return dict(_data()["stages"])


# ------------------------------------------------------------------ the situation


def situation(case: dict, today) -> dict:
    """The situation of DESIGN.md, derived once from the case (weiquan.situation)."""
    from weiquan import situation as derived

    return derived.derive(case, today)


def is_scam(case: dict, sit: dict) -> bool:
    """Deception by someone who is no registered business, with nothing delivered: the
    police come first, and the habits of a shop that answers do not apply."""
    return (
        sit["fraud"] == "suspected"
        and sit["counterparty"] in ("person", "unknown")
        and knowledge.problem(case["problem"])["scam_shape"]
    )
