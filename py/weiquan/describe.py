"""What the shell needs to know about the case, declared once by the core.

The build calls `shell_data()` natively and writes the result into the page as JSON
(`<script type="application/json" id="shell-data">`); the templates render the intake from
it and from the field declaration (weiquan.fields, content/fields.toml), and `site/*.js` reads
it. The shell therefore holds no case schema, vocabulary, stage list or letter list of its own:
a vocabulary added to `case.py` (any upper-case dict of id → label there), a field added to
content/fields.toml or a letter kind added to `letters.py` reaches the page with no JavaScript
change.
"""

from __future__ import annotations

import math
import re
from datetime import date

from weiquan import case as case_model
from weiquan import fields, flow, situation
from weiquan.zhformat import date_zh

# A new contact record: the usual first contact is the shop's online support, unanswered.
_NEW_CONTACT = {"channel": "chat", "outcome": "no_reply"}

_ZH_NUMBERS = "一二三四五六七八九十"


def vocabularies() -> dict[str, dict[str, str]]:
    """Every vocabulary case.py declares (an upper-case dict of id → Chinese label), keyed by
    the constant's name in lower case: PROBLEMS → "problems", CHANNELS → "channels"."""
    found = {}
    for name, value in vars(case_model).items():
        if (
            name.isupper()
            and isinstance(value, dict)
            and value
            and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())
        ):
            found[name.lower()] = dict(value)
    return found


def empty_case() -> dict:
    """A new case as the form holds it: every field present, nothing said yet."""
    first_problem = next(iter(case_model.PROBLEMS))
    kase = case_model.blank(first_problem)
    kase["problem"] = ""
    # A drop-down with no empty entry starts on its first choice: the case holds what it shows.
    for f in fields.declaration().fields.values():
        if f.widget == "select" and "" not in f.options and f.screen:
            group, _, key = f.path.rpartition(".")
            (kase[group] if group else kase)[key] = next(iter(f.options))
    return kase


def new_contact() -> dict:
    probe = case_model.normalise(
        {"problem": next(iter(case_model.PROBLEMS)), "contacts": [dict(_NEW_CONTACT)]}
    )
    return probe["contacts"][0]


def values_at(kase: dict, path: str) -> list:
    """The values `path` names in the case: "order.id" one, "contacts[].outcome" every
    contact's (site/case-values.js valuesAt)."""
    head, sep, tail = path.partition("[].")
    if sep:
        items = values_at(kase, head)[0]
        if not isinstance(items, list):
            return []
        return [values_at(item, tail)[0] if isinstance(item, dict) else None for item in items]
    value: object = kase
    for key in path.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    return [value]


def _number(value: object) -> float:
    """What JavaScript's Number(value) gives for a value of a case: the shell's test reads a
    number typed as text ("12.5") as that number, and so must this one."""
    if value is None:
        return 0.0
    if isinstance(value, bool | int | float):
        return float(value)
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return 0.0
        if _JS_NUMBER.fullmatch(text):
            return float(text)
    return math.nan


_JS_NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def _passes(kase: dict, test: dict) -> bool:
    for value in values_at(kase, test["path"]):
        if "in" in test:
            if value in test["in"]:
                return True
        elif test.get("empty"):
            if value in ("", None):
                return True
        elif "above" in test and _number(value) > test["above"]:
            return True
    return False


def passes(kase: dict, tests: list[dict] | tuple[dict, ...]) -> bool:
    """Whether any of `tests` (a field's shown_when or asked_as) passes for the case as typed:
    the same test as the shell's (site/case-values.js shownFor; tests/js hold them equal)."""
    return any(_passes(kase, t) for t in tests)


def shown(kase: dict, path: str) -> bool:
    """Whether the intake asks `path` for this case (the shell's own test, site/case-form.js)."""
    tests = fields.field(path).shown_when if path in fields.declaration().fields else ()
    return not tests or passes(kase, tests)


def situation_reply(kase: dict, derived: dict[str, str]) -> list[dict]:
    """`check`'s situation: situation.labelled(derived), and for an unknown the intake asks for
    this case, `ask` = {step, field, question}: where the dashboard sends the person to answer."""
    dimensions = situation.content()["dimension"]
    out = []
    for item in situation.labelled(derived):
        spec = dimensions[item["id"]]
        path = spec.get("field")
        if item["value"] == situation.UNKNOWN and path and shown(kase, path):
            asked = fields.field(path)
            question = spec.get("ask") or asked.label
            item = {**item, "ask": {"step": asked.screen, "field": path, "question": question}}
        out.append(item)
    return out


def channel_party() -> dict[str, str]:
    """Every channel with the party a contact through it is with unless the person says
    otherwise — the same derivation the core applies to a file that leaves `party` out."""
    return {channel: case_model.party_of_channel(channel) for channel in case_model.CHANNELS}


def new_rule() -> dict:
    """One more shop clause (rules[]) as the form holds it: its stance not yet said."""
    return case_model.normalise({"problem": next(iter(case_model.PROBLEMS)), "rules": [{}]})[
        "rules"
    ][0]


def new_payment() -> dict:
    """One more row of order.payments as the form holds it."""
    probe = case_model.normalise(
        {"problem": next(iter(case_model.PROBLEMS)), "order": {"payments": [{}]}}
    )
    payment = probe["order"]["payments"][0]
    # A drop-down with no empty entry: the row holds what it shows.
    payment["paid_via"] = next(iter(case_model.PAID_VIA))
    return payment


def stages() -> list[dict]:
    return [
        {"id": ident, "label": label, "index": i + 1, "title": f"第{_ZH_NUMBERS[i]}步：{label}"}
        for i, (ident, label) in enumerate(flow.stages().items())
    ]


def stage_index(stage: str) -> int:
    """1 for the first stage; 0 for an unknown one."""
    return next((s["index"] for s in stages() if s["id"] == stage), 0)


def shell_data() -> dict:
    """Everything the shell renders the case from, as one JSON-ready dict."""
    # Only the build asks for this (natively); the worker's first screen never imports letters.
    from weiquan import letters

    return {
        "format": case_model.FORMAT,
        "version": case_model.CURRENT_VERSION,
        "empty_case": empty_case(),
        "new_contact": new_contact(),
        "new_payment": new_payment(),
        "new_rule": new_rule(),
        "channel_party": channel_party(),
        "shown_when": fields.shown_when(),
        "asked_as": fields.asked_as(),
        "verbal_channels": list(case_model.VERBAL_CHANNELS),
        "unwritten_channels": list(case_model.UNWRITTEN_CHANNELS),
        "vocab": vocabularies(),
        "stages": stages(),
        "step_ids": list(flow.STEP_IDS),
        "intake_steps": fields.screens(),
        "demand_form": fields.demand_form(),
        "letters": [{"id": k, "label": v} for k, v in letters.LETTER_LABELS.items()],
    }


def date_label(iso: str) -> str:
    """ "2026-10-14" → "2026年10月14日"; "" stays ""."""
    if not iso:
        return ""
    return date_zh(date.fromisoformat(iso[:10]))
