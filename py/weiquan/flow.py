"""Where a case stands and what to do next, each step with the reason in plain Chinese.

The steps, the situations each fits, their order and every word they say are the table
content/routes.toml. Here the case's situation (DESIGN.md "Situation and theory") and the
few facts the table needs besides (where each complaint channel stands, the 催告 period,
which court step fits) are computed, the table is evaluated, and the words are filled in
with the case's own facts.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from weiquan import claims, deadlines, evidence, grounds, knowledge, routes, timeline
from weiquan.case import CHANNELS, MARKETPLACES, PAID_VIA, VERBAL_CHANNELS, format_money, money
from weiquan.deadlines import PLATFORM_CHANNELS, ChannelStatus, channel_status
from weiquan.zhformat import date_zh, moment_zh, when_zh


def stages() -> dict[str, str]:
    """Stage id → its Chinese name (content/routes.toml), read on first use, not at import:
    the worker says "ready" before any content is parsed."""
    return routes.stages()


STEP_IDS = knowledge.STEP_IDS
STEP_STAGE = {
    "report-police": "third_party",
    "sue-court": "legal",
    "collect-evidence": "evidence",
    "complain-platform": "platform",
    "send-termination-notice": "platform",
    "escalate-marketplace": "third_party",
    "dispute-payment": "third_party",
    "complain-12315": "third_party",
    "contact-association": "third_party",
    "consult-lawyer": "legal",
    "sue-small-claims": "legal",
}
ON_MARKETPLACE = tuple(k for k in MARKETPLACES if k != "none")
APP_PAYMENTS = ("alipay", "wechat")


def claim_amount(case: dict) -> Decimal | None:
    """What the consumer asks for in money: every money claim of the pleading (3× damages
    included when demanded); with no demands at all, the price as an estimate."""
    if not case["demands"]:
        return money(case["order"]["amount"])
    return claims.money_total(claims.pleading(case))


def _supplier_excuse(case: dict) -> bool:
    pattern = re.compile(routes.pattern("supplier"))
    texts = [case["facts"], *(c["summary"] for c in case["contacts"])]
    return any(e["kind"] == "supplier_info" for e in case["evidence"]) or any(
        pattern.search(t) for t in texts
    )


# ------------------------------------------------------------------ fields of the text


def _paid_channels(case: dict) -> list[str]:
    """Every way the person paid, in the order of the payments (the order's own if none)."""
    ways = [p["paid_via"] for p in case["order"]["payments"] if p["paid_via"]]
    return list(dict.fromkeys(ways or [case["order"]["paid_via"]]))


def _demand_example(case: dict) -> str:
    """The user's own demand as a concrete phrase, or a generic example."""
    asks = []
    for demand in case["demands"]:
        if demand["kind"] == "refund" and (demand["amount"] or case["order"]["amount"]):
            amount = demand["amount"] or case["order"]["amount"]
            asks.append(routes.text("demand_refund", amount=amount))
        elif demand["kind"] == "reissue" and demand["quantity"]:
            asks.append(routes.text("demand_reissue", quantity=demand["quantity"]))
    return "、".join(asks) if asks else routes.text("demand_example")


def _platform_outcome(case: dict, status: ChannelStatus) -> str:
    """How the platform complaint ended, to open an escalation step ("" when it did not fail)."""
    if status.state != "failed" or status.index is None:
        return ""
    contact = case["contacts"][status.index]
    return routes.text(
        "platform_outcome",
        sent=routes.text("sent_at", when=when_zh(contact["at"])) if contact["at"] else "",
        channel=CHANNELS[contact["channel"]],
        ticket=routes.text("ticket", ticket=contact["ticket"]) if contact["ticket"] else "",
        reason=status.reason,
    )


def _evidence_gap(case: dict, assessed: dict) -> str:
    parts = [assessed["gap"]] if assessed["gap"] else []
    if assessed["missing_titles"]:
        parts.append(routes.text("evidence_missing", titles="、".join(assessed["missing_titles"])))
    return "".join(parts)


def _evidence_how(case: dict, assessed: dict) -> list[str]:
    checklist = {item["kind"]: item for item in evidence.checklist(case["problem"])["items"]}
    return [
        routes.text(
            "evidence_item",
            title=checklist[k]["title"],
            must_show="、".join(checklist[k]["must_show"]),
        )
        for k in assessed["missing"]
    ]


def _due_text(status: ChannelStatus) -> str:
    return moment_zh(status.due, status.due_has_time) if status.due else ""


def _due_date(status: ChannelStatus) -> str | None:
    return status.due.date().isoformat() if status.due else None


def _sent(case: dict, status: ChannelStatus) -> str:
    if status.index is None:
        return ""
    contact = case["contacts"][status.index]
    if not contact["at"]:
        return routes.text("no_time")
    return routes.text("sent_at", when=when_zh(contact["at"]))


# ------------------------------------------------------------------ the plan


def _contacted(case: dict, channel: str) -> bool:
    return any(timeline.belongs(c, (channel,)) for c in case["contacts"])


def _after_sales(case: dict, today: date) -> tuple[str, date | None]:
    raw = case["order"].get("after_sales_until") or ""
    try:
        until = date.fromisoformat(raw[:10]) if raw else None
    except ValueError:
        until = None
    if until is None:
        return "none", None
    return ("passed" if deadlines.is_past(until, today) else "open"), until


def plan(case: dict, today: date) -> dict:
    """Stage, next steps (with why/due/rules) and flow warnings for a normalised case."""
    sit = routes.situation(case, today)
    spec = knowledge.problem(case["problem"])
    assessed = evidence.assess(case)
    entries = deadlines.compute(case, today)
    window = next((e for e in entries if e["id"] == "platform-window"), None)
    gone = spec["gone"] or sit["stance"] == "vanished"
    marketplace = case["merchant"]["marketplace"]
    scam = routes.is_scam(case, sit)

    platform = channel_status(case, PLATFORM_CHANNELS, today)
    market = channel_status(case, ("marketplace",), today)
    regulator = channel_status(case, ("12315",), today)
    association = channel_status(case, ("association",), today)
    payment = channel_status(case, ("payment",), today)
    police = channel_status(case, ("police",), today)
    lawyer_done = _contacted(case, "lawyer")
    court_done = _contacted(case, "court")

    third_failed = [
        name
        for name, status in (
            ("marketplace", market),
            ("12315", regulator),
            ("association", association),
        )
        if status.state == "failed"
    ]
    merchant_failed = platform.state == "failed" or market.state == "failed"
    escalate = gone or merchant_failed
    amount_claim = claim_amount(case)
    limit = money(case["small_claims_limit"])
    money_claim = claims.money_total(claims.pleading(case))
    fraud = sit["fraud"] == "suspected"
    taken_back = sit["delivery"] in ("revoked", "service_ended", "account_restricted")
    # Deceived, then the goods or the account taken back: a matter for the police (and the
    # refund follows in their case), not a suit against the seller.
    police_matter = fraud and sit["delivery"] in ("revoked", "account_restricted")
    big_amount = sit["amount"] == "large"
    # A lawyer is worth paying for only when a lot is at stake and there is a dispute.
    lawyer = big_amount and (scam or merchant_failed or gone or fraud or taken_back)
    # Unknown is safe: whoever the seller is, once they refused (or vanished, or took the
    # goods or service back) the court can make them pay; not for a few yuan, a scam, or a
    # matter for the police.
    # Goods taken back count on their own when a private seller sold them (he answers for
    # them in court) or the sum is large (the lawyer names the defendant); a service ended
    # or a balance held by the operator always does.
    withheld = sit["delivery"] in ("service_ended", "account_restricted") or (
        sit["delivery"] == "revoked" and (big_amount or sit["counterparty"] == "person")
    )
    to_court = (
        (merchant_failed or gone or withheld)
        and not scam
        and not police_matter
        and sit["amount"] != "tiny"
    )
    legal = lawyer or lawyer_done or court_done or to_court
    within = limit is not None and money_claim is not None and money_claim <= limit
    if within:
        court, basis = "small_claims", "within"
    elif to_court or (limit is not None and not scam and not police_matter):
        court = "court"
        basis = (
            "no_limit" if limit is None else ("not_money" if money_claim is None else "over_limit")
        )
    else:
        court, basis = "none", "no_limit"
    cure = deadlines.cure_period(case, today)
    after_sales, after_sales_until = _after_sales(case, today)
    informal = any(c["channel"] in VERBAL_CHANNELS for c in case["contacts"]) and not any(
        c["channel"] in deadlines.FORMAL_PLATFORM_CHANNELS for c in case["contacts"]
    )
    resolved = _resolved(case)
    paid_via = case["order"]["paid_via"]
    over_limit = limit is not None and amount_claim is not None and amount_claim > limit

    facts = {
        **sit,
        "platform": platform.state,
        "marketplace": market.state,
        "regulator": regulator.state,
        "association": association.state,
        "payment": payment.state,
        "police": police.state,
        "scam": scam,
        "gone": gone,
        "on_marketplace": marketplace in ON_MARKETPLACE,
        "escalate": escalate,
        "refused": merchant_failed or spec["refusal"],
        "resolved": resolved,
        "need_evidence": not assessed["chain_complete"] or bool(assessed["missing"]),
        "cure": _cure_state(cure, today),
        "legal": legal,
        "court": court,
        "court_basis": basis,
        "lawyer": lawyer,
        "lawyer_done": lawyer_done,
        "court_done": court_done,
        # The marketplace's refusal alone does not put law first: 12315 and 消协 still can.
        "law_first": bool(set(third_failed) - {"marketplace"}) and regulator.state != "pending",
        "after_sales": after_sales,
        "informal": informal,
        "platform_due_known": platform.due is not None,
        "marketplace_due_known": market.due is not None,
        "regulator_due_known": regulator.due is not None,
        "big_amount": big_amount,
        "over_limit": over_limit,
        "supplier": _supplier_excuse(case),
        "third_failed": bool(third_failed),
        "several_payments": len(case["order"]["payments"]) > 1,
        "xianyu": marketplace == "xianyu",
        "paid_by_app": paid_via in APP_PAYMENTS,
    }
    payments = case["order"]["payments"]
    total = sum((money(p["amount"]) or Decimal("0") for p in payments), Decimal("0"))
    first_way = _paid_channels(case)[0]
    merchant = case["merchant"]
    fields = {
        **routes.texts(),
        "payments_summary": routes.text(
            "payments_summary", count=len(payments), total=format_money(total)
        ),
        "demand_example": _demand_example(case),
        "problem_basis": spec["basis"],
        "evidence_gap": _evidence_gap(case, assessed),
        "platform_sent": _sent(case, platform),
        "platform_due_text": _due_text(platform),
        "marketplace_due_text": _due_text(market),
        "regulator_due_text": date_zh(regulator.due.date()) if regulator.due else "",
        "marketplace_name": MARKETPLACES.get(marketplace, ""),
        "platform_outcome": _platform_outcome(case, platform),
        "paid_channels": "、".join(
            PAID_VIA.get(w, routes.text("payment_channel")) for w in _paid_channels(case)
        ),
        "payment_title": routes.payment_title(first_way),
        "payment_name": PAID_VIA.get(first_way, routes.text("payment_channel"))
        if first_way != "platform_balance"
        else routes.text("payment_channel"),
        "merchant_where": routes.text("merchant_where", address=merchant["address"])
        if merchant["address"]
        else "",
        "cure_start": date_zh(cure.start) if cure else "",
        "cure_end": date_zh(cure.end) if cure else "",
        "cure_what": routes.text("delivered_what" if spec["delivered"] else "undelivered_what"),
        "after_sales_date": date_zh(after_sales_until) if after_sales_until else "",
        "price": case["order"]["amount"],
        "claim": money_claim,
        "lawyer_claim": amount_claim,
        "limit": limit,
        "limit_x4": limit * 4 if limit is not None else "",
        "third_failed_text": routes.text(
            "third_failed", names="、".join(routes.text(f"failed_{n}") for n in third_failed)
        )
        if third_failed
        else "",
    }
    dues = {
        "platform_due": _due_date(platform),
        "marketplace_due": _due_date(market),
        "regulator_due": regulator.due.date().isoformat() if regulator.due else None,
        "association_due": _due_date(association),
        "cure_due": cure.end.isoformat() if cure else None,
        "after_sales_due": after_sales_until.isoformat() if after_sales == "open" else None,
        "window_due": window["date"] if window and window["status"] == "upcoming" else None,
    }
    steps = [_build(step, facts, fields, dues, case, assessed) for step in routes.chosen(facts)]
    for step in steps:
        _attach_grounds(case, step, today)
    step_ids = {s["id"] for s in steps}
    # The 催告 leads the steps, but once escalation is under way it never pulls the stage
    # back to the platform.
    staged = [s for s in steps if not (escalate and s["id"] == "send-termination-notice")]
    if facts["need_evidence"]:
        stage = "evidence"
    elif staged or steps:
        stage = (staged or steps)[0]["stage"]
    else:
        stage = _stage_from_contacts(case)
    warnings = _missing_fields(case, step_ids, legal, facts)
    shown, passed = deadlines.split_warnings(entries)
    return {
        "stage": stage,
        "stage_label": stages()[stage],
        "next_steps": steps,
        "resolved": resolved,
        "channels": {
            "platform": platform.state,
            "marketplace": market.state,
            "12315": regulator.state,
            "association": association.state,
            "payment": payment.state,
            "police": police.state,
        },
        "evidence": assessed,
        "deadlines": shown,
        "warnings": warnings + passed,
    }


def _cure_state(cure: deadlines.CurePeriod | None, today: date) -> str:
    if cure is None:
        return "none"
    if not cure.sent:
        return "open"
    return "lapsed" if cure.passed(today) else "sent"


def _build(spec: dict, facts: dict, fields: dict, dues: dict, case: dict, assessed: dict) -> dict:
    where = f"step {spec['id']}/{spec.get('variant', '')}"
    ids = list(spec.get("rules", []))
    step = {"id": spec["id"], "stage": STEP_STAGE[spec["id"]]}
    step["title"], _ = routes.render(spec["title"], facts, fields, where)
    step["why"], extra = routes.render(spec["why"], facts, fields, where)
    ids += extra
    for key in ("proportion", "jurisdiction"):
        if key in spec:
            text, extra = routes.render(spec[key], facts, fields, where)
            ids += extra
            if text:
                step[key] = text
    how = [routes.render(item, facts, fields, where)[0] for item in spec.get("how", [])]
    if spec["id"] == "collect-evidence":
        how = _evidence_how(case, assessed)
    if how:
        step["how"] = how
    step["rules"] = routes.resolve_rules(ids)
    if spec.get("due") and dues.get(spec["due"]):
        step["due"] = dues[spec["due"]]
    if spec.get("letter"):
        step["letter"] = spec["letter"]
    if spec.get("links"):
        step["links"] = [routes.render(link, facts, fields, where)[0] for link in spec["links"]]
    return step


# ------------------------------------------------------------------ missing fields


def _missing(field: str, message: str, rules: list[str] | None = None) -> dict:
    warning = {"code": "missing-field", "field": field, "message": message}
    if rules:
        warning["rules"] = rules
    return warning


def _missing_fields(case: dict, step_ids: set[str], legal: bool, facts: dict) -> list[dict]:
    order, merchant, consumer = case["order"], case["merchant"], case["consumer"]
    found = [
        _missing(field, routes.missing(name))
        for field, name, value in (
            ("case.order.problem_found_at", "problem_found_at", order["problem_found_at"]),
            ("case.order.amount", "amount", order["amount"]),
            ("case.order.id", "order_id", order["id"]),
            ("case.merchant.name", "merchant_name", merchant["name"]),
            ("case.merchant.marketplace", "marketplace", merchant["marketplace"]),
            ("case.demands", "demands", case["demands"]),
        )
        if not value
    ]
    for i, contact in enumerate(case["contacts"]):
        if not contact["at"]:
            found.append(_missing(f"case.contacts[{i}].at", routes.missing("contact_at")))
        # A scammer is not asked to confirm anything: the date would only send the victim
        # back to them.
        if contact["outcome"] == "promised" and not contact["promise_due"] and not facts["scam"]:
            found.append(_missing(f"case.contacts[{i}].promise_due", routes.missing("promise_due")))
    if "dispute-payment" in step_ids and not order["paid_via"]:
        found.append(_missing("case.order.paid_via", routes.missing("paid_via")))
    if "complain-12315" in step_ids:
        for field, value, label in (
            ("case.consumer.name", consumer["name"], "consumer_name"),
            ("case.consumer.phone", consumer["phone"], "consumer_phone"),
            ("case.consumer.address", consumer["address"], "consumer_address"),
            ("case.merchant.address", merchant["address"], "merchant_address"),
        ):
            if not value:
                message = routes.missing("regulator_field", label=routes.missing(label))
                found.append(_missing(field, message))
    if legal and facts["counterparty"] == "person":
        if not merchant["legal_name"] or not merchant["address"]:
            found.append(_missing("case.merchant.legal_name", routes.missing("legal_name")))
    elif legal and not merchant["credit_code"] and not merchant["address"]:
        message = routes.missing("credit_code", gsxt=routes.text("gsxt"))
        found.append(_missing("case.merchant.credit_code", message))
    if legal and not case["small_claims_limit"]:
        found.append(
            _missing(
                "case.small_claims_limit",
                routes.missing("small_claims_limit"),
                knowledge.refs("small_claims_scope"),
            )
        )
    return found


def _attach_grounds(case: dict, step: dict, today: date) -> None:
    """The step's grounds, from the function its letter asks too, listed before its rules."""
    channel = grounds.STEP_CHANNEL.get(step["id"])
    if channel is None:
        return
    step["grounds"] = grounds.for_channel(case, channel, today)
    step["rules"] = list(dict.fromkeys([*step["grounds"], *step["rules"]]))


def _resolved(case: dict) -> bool:
    # A third party's "resolved" (the game operator lifted a ban) does not settle the
    # dispute with the seller.
    contacts = case["contacts"]
    order = [i for i in timeline.contact_order(contacts) if contacts[i]["party"] != "third_party"]
    return bool(order) and contacts[order[-1]]["outcome"] == "resolved"


def _stage_from_contacts(case: dict) -> str:
    parties = {c["party"] for c in case["contacts"]}
    if parties & {"lawyer", "court"}:
        return "legal"
    if parties & {"marketplace", "regulator", "association", "payment", "police"}:
        return "third_party"
    return "platform"
