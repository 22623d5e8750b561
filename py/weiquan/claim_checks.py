"""Checks on what a person claims, before it goes into a letter or a 起诉状.

Pure functions of a normalised case; each finding is {code, message, field}. None of them
blocks anything: they are things a consumer lawyer would ask about before filing.
"""

from __future__ import annotations

from decimal import Decimal

from weiquan import clauses
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
                    "message": (
                        f"要求退款 {format_money(amount)} 元，"
                        f"多于你实际付的 {format_money(paid)} 元。退款最多退回付出的钱："
                        f"请把退款金额改为不超过 {format_money(paid)} 元；"
                        "另外的损失请写成“赔偿”，并写明怎么算出来的。"
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
    share = (paid * failed / quantity).quantize(Decimal("0.01"))
    found = []
    for i, amount in _refunds(case):
        if share < amount <= paid:
            found.append(
                {
                    "code": "refund-over-failed-part",
                    "field": f"case.demands[{i}].amount",
                    "message": (
                        f"订单共 {quantity} 件，出问题的是 {failed} 件，按比例对应 "
                        f"{format_money(share)} 元；要求退款 {format_money(amount)} 元超过了"
                        "出问题的部分。能用的部分一般不能要求退款：请把退款改为 "
                        f"{format_money(share)} 元，或者在事实里写明为什么整单都没法用。"
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
                "message": (
                    "你把卖家记为个人，却要求三倍赔偿。三倍赔偿出自消费者权益保护法，"
                    "只约束“经营者”；偶尔卖东西的个人通常不算经营者，法院多半不支持。"
                    "建议改为按合同要求退款、赔偿实际损失（如利息、交通费），"
                    "或者先查明对方是否以此为业（长期大量卖卡、开店、有营业执照），"
                    "是的话把卖家改为“公司或网店”。"
                ),
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
                "message": (
                    f"这条规则{what}。商家单方制定、排除消费者退款、投诉或起诉权利的格式条款"
                    "对消费者无效，所以记为“不公平条款”：文书里会主张它无效，而不是照它办。"
                ),
            }
        )
    return found


CHECKS = (refund_over_paid, refund_over_failed_share, damages_vs_individual, unfair_clauses)


def check(case: dict) -> list[dict]:
    """Every claim warning for a normalised case, in a stable order."""
    return [finding for check_one in CHECKS for finding in check_one(case)]
