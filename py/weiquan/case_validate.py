"""Reading a raw case dict into the normalised case (weiquan.case's module doc): every documented
key present, every value checked against its vocabulary and limits, and every problem collected
in one pass, each naming its field path with a Chinese message saying what to fix.
`build_case` is the one entry; weiquan.case unwraps and migrates the envelope before it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from weiquan import clauses
from weiquan.case_values import (
    FieldError,
    format_money,
    has_time,
    parse_money,
    parse_time,
)
from weiquan.case_vocab import (
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
    WHO,
    YES_NO,
    party_of_channel,
)

_SHORT = 300  # names, ids, tickets: one line
_LONG = 20_000  # facts, summaries: a few pages at most
_MAX_ITEMS = 500
_MAX_QUANTITY = 1_000_000
_MAX_DAYS = 36_500  # a hundred years: more is a typo
_DAYS_RE = re.compile(r"^\d+$")


# ---------------------------------------------------------------- reading fields


class _Reader:
    """Collects errors while building the normalised case, so one pass reports everything."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def error(self, field: str, message: str) -> None:
        self.errors.append(FieldError(field, message))

    def obj(self, parent: dict, key: str, path: str) -> dict:
        value = parent.get(key)
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.error(path, "应为一组字段（JSON 对象，以 { 开头）")
            return {}
        return value

    def items(self, parent: dict, key: str, path: str) -> list[tuple[str, dict]]:
        value = parent.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(path, "应为列表（JSON 数组，以 [ 开头）")
            return []
        if len(value) > _MAX_ITEMS:
            self.error(path, f"条目太多（{len(value)} 条），最多 {_MAX_ITEMS} 条")
            return []
        out = []
        for index, item in enumerate(value):
            item_path = f"{path}[{index}]"
            if isinstance(item, dict):
                out.append((item_path, item))
            else:
                self.error(item_path, "每一条应为一组字段（JSON 对象）")
        return out

    def text(self, parent: dict, key: str, path: str, limit: int = _SHORT) -> str:
        value = parent.get(key)
        if value is None:
            return ""
        if not isinstance(value, str):
            self.error(path, f"应为文字（带引号的字符串），实际是 {_describe(value)}")
            return ""
        value = value.strip()
        if len(value) > limit:
            self.error(path, f"太长了（{len(value)} 字），最多 {limit} 字")
        return value

    def enum(
        self, parent: dict, key: str, path: str, vocab: dict[str, str], *, required: bool
    ) -> str:
        value = parent.get(key)
        allowed = "、".join(f"{k}（{v}）" for k, v in vocab.items())
        if value is None or value == "":
            if required:
                self.error(path, f"必须填写。可选：{allowed}")
            return ""
        if not isinstance(value, str) or value not in vocab:
            self.error(path, f"不认识的取值 {_describe(value)}。可选：{allowed}")
            return ""
        return value

    def flag(self, parent: dict, key: str, path: str) -> bool:
        value = parent.get(key)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.error(path, f"应为 true 或 false，实际是 {_describe(value)}")
            return False
        return value

    def flag_default_true(self, parent: dict, key: str, path: str) -> bool:
        # An evidence entry records a piece of evidence; "have": false marks one still missing.
        return self.flag(parent, key, path) if key in parent else True

    def count(
        self, parent: dict, key: str, path: str, *, low: int, high: int, default: int | None
    ) -> int | None:
        value = parent.get(key)
        # A box typed into and then emptied sends ""; an optional number left empty is simply
        # not said. A whole number typed as text ("7") is that number.
        if isinstance(value, str):
            value = value.strip()
            if value == "":
                return default
            if re.fullmatch(r"[+-]?\d+", value):
                value = int(value)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(path, f"请填一个整数，如 {low}；{_describe(value)}不是整数")
            return default
        if not low <= value <= high:
            self.error(path, f"请填 {low} 到 {high} 之间的整数（现在是 {value}）")
            return default
        return value

    def days(self, parent: dict, key: str, path: str) -> str:
        """A number of days as a string ("" when not said); a bare JSON integer is accepted
        and kept as its digits."""
        value = parent.get(key)
        if value is None or value == "":
            return ""
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        text = value.strip() if isinstance(value, str) else None
        if text is None or not _DAYS_RE.match(text):
            self.error(path, f'应为天数（整数，如 "30"），实际是 {_describe(value)}')
            return ""
        if int(text) > _MAX_DAYS:
            self.error(path, f"{int(text)} 天太长了（最多 {_MAX_DAYS} 天），请检查是否多写了数字")
            return ""
        return str(int(text))

    def day(self, parent: dict, key: str, path: str) -> str:
        """A calendar date only ("2026-10-15"): the field is a day, never a moment."""
        moment = self.time(parent, key, path)
        if has_time(moment):
            self.error(path, f"只写日期即可，如 {moment[:10]}（不要带时间）")
            return ""
        return moment

    def money(self, parent: dict, key: str, path: str) -> str:
        return self._parsed(parent, key, path, lambda value: format_money(parse_money(value)))

    def time(self, parent: dict, key: str, path: str) -> str:
        return self._parsed(parent, key, path, parse_time)

    def _parsed(self, parent: dict, key: str, path: str, parse: Callable[[object], str]) -> str:
        value = parent.get(key)
        if value is None or value == "":
            return ""
        try:
            return parse(value)
        except ValueError as exc:
            self.error(path, str(exc))
            return ""


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"“{value}”"
    if isinstance(value, int | float):
        return f"数字 {value}"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, dict):
        return "对象"
    return "空值" if value is None else type(value).__name__


def _extras(raw: dict, known: tuple[str, ...]) -> dict:
    # Unknown keys are kept as they are: newer app versions and the UI may add fields.
    return {k: v for k, v in raw.items() if k not in known}


_MERCHANT_KEYS = (
    "name",
    "site",
    "marketplace",
    "credit_code",
    "address",
    "kind",
    "handle",
    "legal_name",
    "legal_rep",
)
_ORDER_KEYS = (
    "id",
    "item",
    "quantity",
    "amount",
    "paid_via",
    "ordered_at",
    "problem_found_at",
    "payments",
    "quantity_failed",
    "purpose",
    "paid_to",
    "payer",
    "payer_name",
    "account_holder",
    "payment_account_closed",
    "delivered",
    "worked_days",
    "face_value",
    "after_sales_until",
    "service_days",
    "service_used_days",
    "unused_amount",
    "refund_offer",
)
_PAYMENT_KEYS = ("at", "amount", "paid_via", "txn_id", "payee")
_CONSUMER_KEYS = ("name", "phone", "address", "minor")
_DEMAND_KEYS = ("kind", "amount", "quantity", "note")
_CONTACT_KEYS = (
    "at",
    "channel",
    "party",
    "ticket",
    "summary",
    "promise",
    "promise_due",
    "outcome",
)
_EVIDENCE_KEYS = ("kind", "have", "note")
_RULE_KEYS = ("title", "clause", "text", "stance")
_CASE_KEYS = (
    "problem",
    "suspected_fraud",
    "merchant",
    "order",
    "consumer",
    "demands",
    "contacts",
    "evidence",
    "rules",
    "facts",
    "small_claims_limit",
    "platform_window_days",
)


def build_case(raw: dict) -> tuple[dict, list[FieldError]]:
    r = _Reader()
    p = "case"
    # Read first so that its error (the most basic one) is reported first.
    problem = r.enum(raw, "problem", f"{p}.problem", PROBLEMS, required=True)
    merchant_raw = r.obj(raw, "merchant", f"{p}.merchant")
    mp = f"{p}.merchant"
    merchant = {
        "name": r.text(merchant_raw, "name", f"{mp}.name"),
        "site": r.text(merchant_raw, "site", f"{mp}.site"),
        "marketplace": r.enum(
            merchant_raw, "marketplace", f"{mp}.marketplace", MARKETPLACES, required=False
        ),
        "credit_code": r.text(merchant_raw, "credit_code", f"{mp}.credit_code").upper(),
        "address": r.text(merchant_raw, "address", f"{mp}.address"),
        "kind": r.enum(merchant_raw, "kind", f"{mp}.kind", MERCHANT_KINDS, required=False)
        or "unknown",
        "handle": r.text(merchant_raw, "handle", f"{mp}.handle"),
        "legal_name": r.text(merchant_raw, "legal_name", f"{mp}.legal_name"),
        "legal_rep": r.text(merchant_raw, "legal_rep", f"{mp}.legal_rep"),
        **_extras(merchant_raw, _MERCHANT_KEYS),
    }
    order_raw = r.obj(raw, "order", f"{p}.order")
    op = f"{p}.order"
    order = {
        "id": r.text(order_raw, "id", f"{op}.id"),
        "item": r.text(order_raw, "item", f"{op}.item"),
        # An order holds at least one item; 1 is the design's default, not a guess about money.
        "quantity": r.count(
            order_raw, "quantity", f"{op}.quantity", low=1, high=_MAX_QUANTITY, default=1
        ),
        "amount": r.money(order_raw, "amount", f"{op}.amount"),
        "paid_via": r.enum(order_raw, "paid_via", f"{op}.paid_via", PAID_VIA, required=False),
        "ordered_at": r.time(order_raw, "ordered_at", f"{op}.ordered_at"),
        "problem_found_at": r.time(order_raw, "problem_found_at", f"{op}.problem_found_at"),
        "payments": [
            {
                "at": r.time(x, "at", f"{path}.at"),
                "amount": r.money(x, "amount", f"{path}.amount"),
                "paid_via": r.enum(x, "paid_via", f"{path}.paid_via", PAID_VIA, required=False),
                "txn_id": r.text(x, "txn_id", f"{path}.txn_id"),
                # Who received it (户名 and account, as the bill shows): the police need it.
                "payee": r.text(x, "payee", f"{path}.payee"),
                **_extras(x, _PAYMENT_KEYS),
            }
            for path, x in r.items(order_raw, "payments", f"{op}.payments")
        ],
        "quantity_failed": r.count(
            order_raw,
            "quantity_failed",
            f"{op}.quantity_failed",
            low=1,
            high=_MAX_QUANTITY,
            default=None,
        ),
        **_situation_order_fields(r, order_raw, op),
        **_extras(order_raw, _ORDER_KEYS),
    }
    _check_order_totals(r, order, op)
    _check_service_days(r, order, op)
    consumer_raw = r.obj(raw, "consumer", f"{p}.consumer")
    cp = f"{p}.consumer"
    consumer = {
        "name": r.text(consumer_raw, "name", f"{cp}.name"),
        "phone": r.text(consumer_raw, "phone", f"{cp}.phone"),
        "address": r.text(consumer_raw, "address", f"{cp}.address"),
        "minor": r.enum(consumer_raw, "minor", f"{cp}.minor", YES_NO, required=False),
        **_extras(consumer_raw, _CONSUMER_KEYS),
    }
    demands = [
        {
            "kind": r.enum(d, "kind", f"{path}.kind", DEMAND_KINDS, required=True),
            "amount": r.money(d, "amount", f"{path}.amount"),
            "quantity": r.count(
                d, "quantity", f"{path}.quantity", low=1, high=_MAX_QUANTITY, default=None
            ),
            "note": r.text(d, "note", f"{path}.note", _LONG),
            **_extras(d, _DEMAND_KEYS),
        }
        for path, d in r.items(raw, "demands", f"{p}.demands")
    ]
    contacts = [
        {
            "at": r.time(c, "at", f"{path}.at"),
            "channel": r.enum(c, "channel", f"{path}.channel", CHANNELS, required=True),
            "party": r.enum(c, "party", f"{path}.party", PARTIES, required=False)
            or party_of_channel(c.get("channel")),
            "ticket": r.text(c, "ticket", f"{path}.ticket"),
            "summary": r.text(c, "summary", f"{path}.summary", _LONG),
            "promise": r.text(c, "promise", f"{path}.promise", _LONG),
            "promise_due": r.time(c, "promise_due", f"{path}.promise_due"),
            "outcome": r.enum(c, "outcome", f"{path}.outcome", OUTCOMES, required=False),
            **_extras(c, _CONTACT_KEYS),
        }
        for path, c in r.items(raw, "contacts", f"{p}.contacts")
    ]
    evidence = [
        {
            "kind": r.enum(e, "kind", f"{path}.kind", EVIDENCE_KINDS, required=True),
            "have": r.flag_default_true(e, "have", f"{path}.have"),
            "note": r.text(e, "note", f"{path}.note", _LONG),
            **_extras(e, _EVIDENCE_KEYS),
        }
        for path, e in r.items(raw, "evidence", f"{p}.evidence")
    ]
    rules = [
        {
            "title": r.text(x, "title", f"{path}.title"),
            "clause": r.text(x, "clause", f"{path}.clause"),
            "text": r.text(x, "text", f"{path}.text", _LONG),
            "stance": _stance(r, x, path),
            **_extras(x, _RULE_KEYS),
        }
        for path, x in r.items(raw, "rules", f"{p}.rules")
    ]
    case = {
        "problem": problem,
        "suspected_fraud": r.flag(raw, "suspected_fraud", f"{p}.suspected_fraud"),
        "merchant": merchant,
        "order": order,
        "consumer": consumer,
        "demands": demands,
        "contacts": contacts,
        "evidence": evidence,
        "rules": rules,
        "facts": r.text(raw, "facts", f"{p}.facts", _LONG),
        "small_claims_limit": r.money(raw, "small_claims_limit", f"{p}.small_claims_limit"),
        "platform_window_days": r.count(
            raw, "platform_window_days", f"{p}.platform_window_days", low=1, high=365, default=None
        ),
        **_extras(raw, _CASE_KEYS),
    }
    _court_packet(r, case, raw)
    return case, r.errors


def _situation_order_fields(r: _Reader, raw: dict, op: str) -> dict:
    """The order's optional situation fields (DESIGN.md "Situation and theory")."""

    def enum(key: str, vocab: dict[str, str]) -> str:
        return r.enum(raw, key, f"{op}.{key}", vocab, required=False)

    return {
        "purpose": enum("purpose", ORDER_PURPOSES),
        "paid_to": enum("paid_to", PAID_TO),
        "payer": enum("payer", WHO),
        "payer_name": r.text(raw, "payer_name", f"{op}.payer_name"),
        "account_holder": enum("account_holder", WHO),
        "payment_account_closed": enum("payment_account_closed", YES_NO),
        "delivered": enum("delivered", DELIVERED),
        "worked_days": r.days(raw, "worked_days", f"{op}.worked_days"),
        "face_value": r.money(raw, "face_value", f"{op}.face_value"),
        "after_sales_until": r.day(raw, "after_sales_until", f"{op}.after_sales_until"),
        "service_days": r.days(raw, "service_days", f"{op}.service_days"),
        "service_used_days": r.days(raw, "service_used_days", f"{op}.service_used_days"),
        "unused_amount": r.money(raw, "unused_amount", f"{op}.unused_amount"),
        "refund_offer": enum("refund_offer", REFUND_OFFERS),
    }


def _check_service_days(r: _Reader, order: dict, op: str) -> None:
    total, used = order["service_days"], order["service_used_days"]
    if total and used and int(used) > int(total):
        r.error(
            f"{op}.service_used_days",
            f"已经用了 {used} 天，不能多于买的 {total} 天：请核对这两个数",
        )


def _check_order_totals(r: _Reader, order: dict, op: str) -> None:
    """Several payments: order.amount is their total. Filled in when left empty (it is a sum,
    not a guess); when both are given they must agree, and the message says which to fix."""
    amounts = [x["amount"] for x in order["payments"]]
    if amounts and all(amounts):
        total = format_money(sum((Decimal(a) for a in amounts), Decimal(0)))
        if not order["amount"]:
            order["amount"] = total
        elif order["amount"] != total:
            listed = " + ".join(amounts)
            r.error(
                f"{op}.amount",
                f"订单金额 {order['amount']} 元与各笔付款之和 {total} 元（{listed}）对不上。"
                f"订单金额应为实际付款的合计：请改为 {total}，或核对 order.payments 里每一笔的金额",
            )
    failed, quantity = order["quantity_failed"], order["quantity"]
    if failed is not None and quantity is not None and failed > quantity:
        r.error(
            f"{op}.quantity_failed",
            f"出问题的数量 {failed} 不能多于订单数量 {quantity}：请核对，"
            "全部都有问题时可以不填这一项",
        )


def _stance(r: _Reader, rule: dict, path: str) -> str:
    # A clause excluding refunds, complaints or lawsuits is void against a consumer whatever
    # the user meant to do with it, so it is never recorded as one to rely on.
    picked = r.enum(rule, "stance", f"{path}.stance", STANCES, required=False)
    words = " ".join(str(rule.get(k) or "") for k in ("title", "clause", "text"))
    return "unfair" if clauses.unfair_groups(words) else picked


# ---------------------------------------------------------------- the court packet (issue 22)
_POSTCODE_RE = re.compile(r"^\d{6}$")
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _court_packet(r: _Reader, case: dict, raw: dict) -> None:
    """The fields only the 起诉状 and the 送达地址确认书 need: "" when absent (unknown)."""
    consumer_raw = raw.get("consumer") if isinstance(raw.get("consumer"), dict) else {}
    merchant_raw = raw.get("merchant") if isinstance(raw.get("merchant"), dict) else {}
    cp, mp = "case.consumer", "case.merchant"
    consumer, merchant = case["consumer"], case["merchant"]
    for key in ("work_unit", "email", "postcode"):
        consumer[key] = r.text(consumer_raw, key, f"{cp}.{key}")
    consumer["e_service"] = r.enum(
        consumer_raw, "e_service", f"{cp}.e_service", E_SERVICE, required=False
    )
    if consumer["postcode"] and not _POSTCODE_RE.match(consumer["postcode"]):
        r.error(f"{cp}.postcode", f"邮政编码“{consumer['postcode']}”应为 6 位数字，如 310012")
    if consumer["email"] and not _EMAIL_RE.match(consumer["email"]):
        r.error(f"{cp}.email", f"电子邮箱“{consumer['email']}”格式不对，应像 name@example.com")
    for key in ("work_unit", "domicile", "gender", "birth_date", "id_number"):
        merchant[key] = r.text(merchant_raw, key, f"{mp}.{key}")
    case["jurisdiction_clause"] = r.text(
        raw, "jurisdiction_clause", "case.jurisdiction_clause", _LONG
    )
