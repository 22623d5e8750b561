"""The review step (检查): what the case says, screen by screen, in the words the form uses.

The page draws the reply as it is (site/case-review.js); it reads no label off the form. Each
intake screen of content/fields.toml lists its declared fields that the form shows for this case
(the same shown_when and asked_as as the form, weiquan.describe.passes) and that hold a value,
as "label：value" (a choice by its words, a time as the page writes it), and the lists the
screen keeps (contacts, payments, the shop's clauses, the evidence, the demands).

The review shows the case as the form holds it, as typed: a value that does not validate yet is
shown as it stands (the review is where the errors are pointed out), and a key the case does not
hold is not said, as the form shows it blank.
"""

from __future__ import annotations

import json
import math
import re

from weiquan import case as case_model
from weiquan import describe, fields
from weiquan.case import FieldError
from weiquan.case_vocab import VOCABULARIES
from weiquan.fields import Field
from weiquan.protocol import ApiError
from weiquan.zhformat import time_label

# A screen with nothing to show says so.
NOTHING = "（未填写）"
# The step that is this review: it does not review itself.
REVIEW_STEP = "review"


def review(doc: object) -> dict:
    """{"screens": [{id, title, lines: [str]}], "none": NOTHING} for a case (envelope or bare,
    as typed); raises CaseError only for a file that is no case."""
    kase = case_model.as_typed(doc)
    screens = []
    for screen in fields.screens():
        if screen["id"] == REVIEW_STEP:
            continue
        lines = _screen_lines(kase, screen["id"])
        screens.append({"id": screen["id"], "title": screen["title"], "lines": lines})
    return {"screens": screens, "none": NOTHING}


def api_review(args: dict) -> dict:
    """The worker's `review` call: {case} → review(case)."""
    value = args.get("case")
    if value is None:
        raise ApiError("bad-args", "缺少案件内容（case）", [FieldError("case", "缺少案件内容")])
    return review(case_model.parse_json(value) if isinstance(value, str) else value)


# ---------------------------------------------------------------- one screen


def fields_of(screen: str) -> list[Field]:
    """The fields `screen` asks, in the order the form draws them: the file's order within
    each place of the screen's template, the places in the order the file first names them
    (tests/sitebuild holds this equal to the built form)."""
    on = [f for f in fields.declaration().fields.values() if f.screen == screen]
    on = [f for f in on if "[]" not in f.path]
    places = list(dict.fromkeys(f.place for f in on))
    return sorted(on, key=lambda f: places.index(f.place))


def _screen_lines(kase: dict, screen: str) -> list[str]:
    said = [line for f in fields_of(screen) for line in [_field_line(kase, f)] if line]
    listed = _LISTS.get(screen)
    if listed is None:
        return said
    lines, first = listed
    return lines(kase) + said if first else said + lines(kase)


def _field_line(kase: dict, f: Field) -> str:
    """ "label：value" for a field the form shows for this case and that holds a value; ""."""
    if f.shown_when and not describe.passes(kase, f.shown_when):
        return ""
    value = describe.values_at(kase, f.path)[0]
    if f.widget == "checkbox":
        return f.label if _truthy(value) else ""
    if f.widget in ("radios", "own"):
        # A choice list shows what is ticked; `unknown` ticks 不清楚 for "".
        words = f.options.get(value) if isinstance(value, str) else None
        return "" if words is None else _named(_label(kase, f), words)
    if value in ("", None):
        return ""
    if f.widget == "select":
        words = f.options.get(value) if isinstance(value, str) else None
        return _named(_label(kase, f), words or _text(value))
    shown = time_label(_text(value)) if f.input.startswith("date") else _text(value)
    return _named(_label(kase, f), shown)


def _label(kase: dict, f: Field) -> str:
    """The field's question as the form asks it for this case, without its question mark."""
    variant = next((v for v in f.asked_as if describe.passes(kase, [v])), None)
    return re.sub(r"[？?]\Z", "", variant["label"] if variant else f.label)


def _named(label: str, words: str) -> str:
    return f"{label}：{words}" if label else words


# ---------------------------------------------------------------- the lists


def _rows(kase: dict, path: str) -> list:
    rows = describe.values_at(kase, path)[0]
    return [r if isinstance(r, dict) else {} for r in rows] if isinstance(rows, list) else []


def _words(vocab: str, value: object) -> str:
    return VOCABULARIES[vocab].get(value, "") if isinstance(value, str) else ""


def _contacts(kase: dict) -> list[str]:
    out = []
    for i, c in enumerate(_rows(kase, "contacts")):
        # The party's own explanation in brackets is left out: 在线客服 · 商家, not 商家（卖家）.
        party = re.sub(r"（.*）$", "", _words("parties", c.get("party")))
        at = time_label(_text(c.get("at"))) or "时间未填"
        said = [at, _words("channels", c.get("channel")), party, _text(c.get("summary"))]
        out.append(f"第 {i + 1} 次：{_joined(said, ' · ')}")
    return out


def _payments(kase: dict) -> list[str]:
    out = []
    for i, p in enumerate(_rows(kase, "order.payments")):
        txn, payee = _text(p.get("txn_id")), _text(p.get("payee"))
        said = [
            time_label(_text(p.get("at"))) or "时间未填",
            f"{_text(p.get('amount')) or '?'} 元",
            _words("paid_via", p.get("paid_via")),
            txn and f"单号 {txn}",
            payee and f"收款方 {payee}",
        ]
        out.append(f"第 {i + 1} 笔付款：{_joined(said, ' · ')}")
    return out


def _rules(kase: dict) -> list[str]:
    out = []
    for i, r in enumerate(_rows(kase, "rules")):
        text = _joined([_text(r.get(k)) for k in ("title", "clause", "text")], " ") or "未填写"
        stance = _words("stances", r.get("stance")) or "用法未选"
        out.append(f"第 {i + 1} 条规则：{text}（{stance}）")
    return out


def _evidence(kase: dict) -> list[str]:
    have = [e for e in _rows(kase, "evidence") if _truthy(e.get("have"))]
    return [f"已保存 {len(have)} 项"] if have else []


def _demands(kase: dict) -> list[str]:
    named = {d["kind"]: d["text"] for d in fields.demand_form()}
    out = []
    for d in _rows(kase, "demands"):
        kind = _text(d.get("kind"))
        amount, quantity = _text(d.get("amount")), _text(d.get("quantity"))
        said = [
            named.get(kind) or kind,
            amount and _truthy(d.get("amount")) and f"{amount} 元",
            quantity and _truthy(d.get("quantity")) and f"{quantity} 份",
            _text(d.get("note")),
        ]
        out.append(_joined(said, " "))
    return out


# The lists each screen keeps, and whether they come before its fields.
_LISTS = {
    "shop": (_rules, False),
    "order": (_payments, False),
    "contacts": (_contacts, True),
    "evidence": (_evidence, False),
    "demands": (_demands, False),
}


# ---------------------------------------------------------------- values as the page wrote them


def _truthy(value: object) -> bool:
    """JavaScript's truth: an empty list or object still counts."""
    if isinstance(value, float) and math.isnan(value):
        return False
    return value not in (None, False, "", 0)


def _text(value: object) -> str:
    """A value as typed, written as the page's String() writes it; nothing for no value."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float | str):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def _joined(parts: list, sep: str) -> str:
    return sep.join(p for p in parts if p)
