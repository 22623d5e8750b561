"""The claims a court could rule on, from what the person demanded — and nothing else.

The 起诉状 lists them and the dashboard decides small claims from their sum, so both read
this one function: one definite primary claim (a refund, else the re-issue), then the 3×
damages of 消法 Art. 55 when a damages demand asks for it, else plain compensation.
Ticking "suspected fraud" never adds a claim; it may only suggest one.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from weiquan import knowledge, zhformat

# 消法 Art. 55: three times the price, at least 500 yuan.
FRAUD_MULTIPLE = 3
FRAUD_MINIMUM = Decimal("500.00")
MONEY_KINDS = ("refund", "compensation", "fraud")


@dataclass(frozen=True)
class Claim:
    """kind: refund · reissue · compensation · fraud · other. `value` is the sum (None if unknown);
    `index` the demand it comes from; `floored` when 3× the price fell below 500 yuan."""

    kind: str
    index: int | None = None
    value: Decimal | None = None
    quantity: int | None = None
    floored: bool = False


def _money(value) -> Decimal | None:
    try:
        amount = zhformat.to_decimal(value)
    except ValueError:
        return None
    return amount if amount > 0 else None


def treble(price) -> tuple[Decimal | None, bool]:
    """3× the price, at least 500 yuan; and whether the minimum applied."""
    amount = _money(price)
    if amount is None:
        return None, False
    tripled = amount * FRAUD_MULTIPLE
    return max(tripled, FRAUD_MINIMUM), tripled < FRAUD_MINIMUM


def pleading(case: dict) -> list[Claim]:
    first: dict[str, tuple[int, dict]] = {}
    for i, demand in enumerate(case.get("demands") or []):
        first.setdefault(demand.get("kind"), (i, demand))
    found: list[Claim] = []
    if "refund" in first:
        i, d = first["refund"]
        found.append(Claim("refund", i, _money(d.get("amount"))))
    elif "reissue" in first:
        i, d = first["reissue"]
        quantity = d.get("quantity")
        found.append(Claim("reissue", i, quantity=quantity if isinstance(quantity, int) else None))
    if knowledge.asks_treble(case):
        value, floored = treble((case.get("order") or {}).get("amount"))
        found.append(Claim("fraud", first["compensation"][0], value, floored=floored))
    elif "compensation" in first:
        i, d = first["compensation"]
        found.append(Claim("compensation", i, _money(d.get("amount"))))
    # Whatever else the person asked for ("按订单交付点券") is a claim of its own: it is
    # not 金钱给付, so a pleading with one does not qualify for small claims.
    for i, demand in enumerate(case.get("demands") or []):
        if demand.get("kind") == "other" and str(demand.get("note") or "").strip():
            found.append(Claim("other", i))
    return found


def money_total(found: list[Claim]) -> Decimal | None:
    """The sum of every money claim; None unless every claim is a known sum of money (a
    re-issue is not 金钱给付, so a pleading with one does not qualify for small claims)."""
    money = [c for c in found if c.kind in MONEY_KINDS]
    if not money or len(money) != len(found) or any(c.value is None for c in money):
        return None
    return sum((c.value for c in money if c.value is not None), Decimal("0.00"))
