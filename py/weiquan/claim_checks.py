"""Checks on what a person claims, before it goes into a letter or a 起诉状.

Pure functions of a normalised case; each finding is {code, message, field}. None of them
blocks anything: they are things a consumer lawyer would ask about before filing.
"""

from __future__ import annotations

from decimal import Decimal

from weiquan import clauses, theory
from weiquan.case import format_money, money


def paid_total(case: dict) -> Decimal | None:
    """What the person paid: the sum of `order.payments` when every amount is known, else
    `order.amount`; None when unknown."""
    amounts = [x["amount"] for x in case["order"]["payments"]]
    if amounts and all(amounts):
        return sum((Decimal(a) for a in amounts), Decimal(0))
    return money(case["order"]["amount"])


def _refunds(case: dict) -> list[tuple[int, Decimal]]:
    return [
        (i, Decimal(d["amount"]))
        for i, d in enumerate(case["demands"])
        if d["kind"] == "refund" and d["amount"]
    ]


def refund_over_paid(case: dict) -> list[dict]:
    paid = paid_total(case)
    if paid is None:
        return []
    found = []
    for i, amount in _refunds(case):
        if amount > paid:
            found.append(
                {
                    "code": "refund-over-paid",
                    "field": f"case.demands[{i}].amount",
                    "message": theory.say(
                        theory.check_message("refund_over_paid"),
                        amount=format_money(amount),
                        paid=format_money(paid),
                    ),
                }
            )
    return found


def refund_over_failed_share(case: dict) -> list[dict]:
    order = case["order"]
    failed, quantity = order["quantity_failed"], order["quantity"]
    paid = paid_total(case)
    if failed is None or not quantity or failed >= quantity or paid is None:
        return []
    # The same share the 起诉状 claims (theory.entitlement), so the advice and the letter agree.
    share = theory.entitlement(case, "partial_failure")[0] or paid
    found = []
    for i, amount in _refunds(case):
        if share < amount <= paid:
            found.append(
                {
                    "code": "refund-over-failed-part",
                    "field": f"case.demands[{i}].amount",
                    "message": theory.say(
                        theory.check_message("refund_over_failed_part"),
                        quantity=quantity,
                        failed=failed,
                        share=format_money(share),
                        amount=format_money(amount),
                    ),
                }
            )
    return found


def _is_tripled(demand: dict, case: dict) -> bool:
    # The punitive figure (content/clauses.toml): a multiple of the price, with a minimum.
    paid = paid_total(case)
    if paid is None or not paid or not demand["amount"]:
        return False
    rule = clauses.load()
    figure = max(paid * rule.punitive_multiple, rule.punitive_minimum)
    return Decimal(demand["amount"]) == figure


def damages_vs_individual(case: dict) -> list[dict]:
    if case["merchant"]["kind"] != "individual":
        return []
    found = []
    for i, demand in enumerate(case["demands"]):
        if demand["kind"] != "compensation":
            continue
        if not (clauses.asks_punitive(demand["note"]) or _is_tripled(demand, case)):
            continue
        found.append(
            {
                "code": "damages-vs-individual",
                "field": f"case.demands[{i}].amount",
                "message": theory.check_message("damages_vs_individual"),
            }
        )
    return found


def unfair_clauses(case: dict) -> list[dict]:
    """Clauses recorded as unfair because of their wording: say what they try to exclude."""
    found = []
    for i, rule in enumerate(case["rules"]):
        words = " ".join(rule[k] for k in ("title", "clause", "text"))
        groups = clauses.unfair_groups(words)
        if not groups:
            continue
        what = "、".join(g.label for g in groups)
        found.append(
            {
                "code": "unfair-clause",
                "field": f"case.rules[{i}].stance",
                "message": theory.say(theory.check_message("unfair_clause"), what=what),
            }
        )
    return found


CHECKS = (refund_over_paid, refund_over_failed_share, damages_vs_individual, unfair_clauses)


def check(case: dict) -> list[dict]:
    """Every claim warning for a normalised case, in a stable order."""
    return [finding for check_one in CHECKS for finding in check_one(case)]
