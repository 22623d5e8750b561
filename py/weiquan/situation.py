"""What the app believes the dispute is: the situation, derived once from a normalised case.

`derive(case, today)` answers every dimension of DIMENSIONS with one of its values. "unknown"
is a value: a dimension the case says nothing about stays unknown and is never guessed. Only
what the case itself implies is filled in (a valid 统一社会信用代码 starting 92 is a 个体工商户,
91 a company; a promise whose date has passed has lapsed).

The Chinese name of each dimension and the label of each value live in
`content/situation.toml` (the question that decides a dimension is its field's, in
`content/fields.toml`); `labelled()` joins them for `check`'s reply.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from weiquan import case as case_model
from weiquan import datafiles, deadlines, fields, timeline
from weiquan.dimensions import DIMENSIONS

FILE = "situation.toml"


UNKNOWN = "unknown"
BUSINESS_LIKE = ("company", "sole_trader", "business")
# Paid below this share of the face value: too cheap to be a normal sale (stolen or laundered
# goods are sold this way), so the buyer should know the risk.
FAR_BELOW_FACE = Decimal("0.7")
# Upper bounds (inclusive) of the amount bands, in yuan; above the last is "large".
AMOUNT_BANDS: tuple[tuple[str, Decimal], ...] = (
    ("tiny", Decimal("99.99")),
    ("small", Decimal("1000")),
    ("medium", Decimal("10000")),
)
# The money sat with someone a payment institution cannot act against as a merchant.
NO_PAYMENT_COMPLAINT = ("marketplace", "platform_balance", "person")
PAYMENT_COMPLAINT = ("merchant", "aggregator")
_CREDIT_CODE_FORMS = {"91": "company", "92": "sole_trader"}
_PROBLEM_DELIVERY = {
    "revoked": "revoked",
    "not_as_described": "not_as_described",
    "service_ended": "service_ended",
    "account_locked": "account_restricted",
}
_DELIVERED = {"none": "none", "part": "partial", "all": "delivered"}


# The one content error type; the old name stays for callers.
SituationError = datafiles.ContentError


# ------------------------------------------------------------------ derivation


def derive(case: dict, today: date) -> dict[str, str]:
    """Every dimension of DIMENSIONS → its value for a normalised case, in order."""
    order = case["order"]
    counterparty = _counterparty(case["merchant"])
    purpose = order.get("purpose") or UNKNOWN
    money_path = _money_path(order)
    return {
        "counterparty": counterparty,
        "fraud": "suspected"
        if case.get("suspected_fraud") or case["problem"] == "scammed"
        else "no",
        "purpose": purpose,
        "consumer_law": _consumer_law(counterparty, purpose),
        "money_path": money_path,
        "payment_complaint": _payment_complaint(money_path, order),
        "delivery": _delivery(case["problem"], order),
        "stance": _stance(case, today),
        "refund_route": order.get("refund_offer") or UNKNOWN,
        "payer": _payer(order),
        "account_holder": order.get("account_holder") or UNKNOWN,
        "minor": case["consumer"].get("minor") or UNKNOWN,
        "price": _price(order),
        "amount": _amount(order.get("amount", "")),
    }


def _counterparty(merchant: dict) -> str:
    code = merchant.get("credit_code", "")
    if code and case_model.credit_code_problem(code) is None:
        # Any valid code is a registration; 91/92 also say which form.
        return _CREDIT_CODE_FORMS.get(code[:2], "business")
    kind = merchant.get("kind") or UNKNOWN
    return {"business": "business", "individual": "person"}.get(kind, UNKNOWN)


def _consumer_law(counterparty: str, purpose: str) -> str:
    # 消法 protects 生活消费 bought from a 经营者: a resale purchase or a private seller is
    # outside it whatever else is known.
    if purpose == "resale" or counterparty == "person":
        return "no"
    return "yes" if counterparty in BUSINESS_LIKE else UNKNOWN


def _money_path(order: dict) -> str:
    if order.get("paid_to"):
        return order["paid_to"]
    # Paid from the site's own balance: the method already says where the money went.
    return "platform_balance" if order.get("paid_via") == "platform_balance" else UNKNOWN


def _payment_complaint(money_path: str, order: dict) -> str:
    if money_path in NO_PAYMENT_COMPLAINT:
        return "not_applicable"
    if order.get("payment_account_closed") == "yes":
        return "account_closed"
    return "available" if money_path in PAYMENT_COMPLAINT else UNKNOWN


def _delivery(problem: str, order: dict) -> str:
    delivered = order.get("delivered", "")
    if problem in _PROBLEM_DELIVERY:
        return _PROBLEM_DELIVERY[problem]
    failed, quantity = order.get("quantity_failed"), order.get("quantity")
    some = delivered == "part" or (
        failed is not None and quantity is not None and failed < quantity
    )
    if problem == "invalid_key":
        worked = order.get("worked_days", "")
        if worked and int(worked) > 0:
            return "revoked"  # it worked, then stopped: taken back after delivery
        return "partial" if some else "invalid"
    if problem in ("not_delivered", "late_reissue"):
        return "partial" if some else "none"
    return _DELIVERED.get(delivered, UNKNOWN)


def _stance(case: dict, today: date) -> str:
    if deadlines.settled(case):
        return "resolved"
    if case["problem"] == "vanished":
        return "vanished"
    contacts = case["contacts"]
    merchant = [i for i in timeline.contact_order(contacts) if contacts[i]["party"] == "merchant"]
    if not merchant:
        return "not_contacted"
    latest = contacts[merchant[-1]]
    outcome = latest["outcome"]
    if outcome in ("agreed", "refused", "resolved"):
        return outcome
    if outcome == "partial":
        return "refused"  # the rest was refused
    if outcome == "promised":
        due = case_model.when_date(latest["promise_due"])
        return "promise_lapsed" if due and due < today else "promised"
    return "no_reply"


def _payer(order: dict) -> str:
    if order.get("payer"):
        return order["payer"]
    # A payer named in the file is someone other than the consumer (the field's meaning).
    return "other" if order.get("payer_name") else UNKNOWN


def _price(order: dict) -> str:
    face, paid = case_model.money(order.get("face_value", "")), case_model.money(order["amount"])
    if not face or paid is None:
        return UNKNOWN
    return "far_below_face" if paid < face * FAR_BELOW_FACE else "normal"


def _amount(value: str) -> str:
    paid = case_model.money(value)
    if paid is None:
        return UNKNOWN
    return next((band for band, top in AMOUNT_BANDS if paid <= top), "large")


# ------------------------------------------------------------------ labels


def labelled(sit: dict[str, str]) -> list[dict[str, str]]:
    """The situation as `check` returns it: [{id, value, label}] in DIMENSIONS order."""
    dimensions = content()["dimension"]
    return [
        {"id": ident, "value": sit[ident], "label": dimensions[ident]["values"][sit[ident]]}
        for ident in DIMENSIONS
    ]


def content() -> dict:
    """content/situation.toml, validated (SituationError names the file and the key)."""
    return _content()


def _fail(key: str, message: str) -> None:
    raise datafiles.error(FILE, key, message)


def _text(spec: dict, key: str, where: str) -> None:
    if not isinstance(spec.get(key), str) or not spec[key].strip():
        _fail(f"{where}.{key}", "缺少文字")


def check_content(data: dict) -> None:
    """Every dimension and value of the code has a name and a label, and nothing else is
    described; a dimension's field is a field the intake asks (content/fields.toml)."""
    asked = {path for path, f in fields.declaration().fields.items() if f.screen}
    dimensions = data.get("dimension")
    if not isinstance(dimensions, dict):
        _fail("dimension", "缺少 [dimension.<id>] 表")
    extra_keys = set(data) - {"dimension"}
    if extra_keys:
        _fail(sorted(extra_keys)[0], "不认识的键（问题的问法在 content/fields.toml）")
    for extra in set(dimensions) - set(DIMENSIONS):
        _fail(f"dimension.{extra}", "代码里没有这个维度")
    for ident, values in DIMENSIONS.items():
        where = f"dimension.{ident}"
        spec = dimensions.get(ident)
        if not isinstance(spec, dict):
            _fail(where, "缺少这个维度")
        _text(spec, "name", where)
        field = spec.get("field")
        if field is not None and field not in asked:
            _fail(f"{where}.field", f"填写步骤里没有问 {field!r} 的字段（见 content/fields.toml）")
        if "ask" in spec:
            _text(spec, "ask", where)
        labels = spec.get("values")
        if not isinstance(labels, dict):
            _fail(f"{where}.values", "缺少取值的说明")
        for extra in set(labels) - set(values):
            _fail(f"{where}.values.{extra}", "代码里没有这个取值")
        for value in values:
            _text(labels, value, f"{where}.values")


_content = datafiles.checked(FILE, check_content)
