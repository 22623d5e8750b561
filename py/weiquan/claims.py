"""The claims a court could rule on, from what the person demanded — and nothing else.

The 起诉状 lists the theory's claims (theory.derive) and the dashboard decides small claims
from their sum, so both read the same claims: a refund capped at what the cause entitles to,
a re-issue where performance is a remedy, punitive damages only where the consumer law
allows them, plain compensation, and anything else asked for. Ticking "suspected fraud"
never adds a claim; it may only suggest one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from weiquan import clauses, zhformat

MONEY_KINDS = ("refund", "compensation", "treble")


@dataclass(frozen=True)
class Claim:
    """kind: refund · reissue · compensation · treble · other; `value` the sum (None if
    unknown)."""

    kind: str
    value: Decimal | None = None
    quantity: int | None = None


def _money(value) -> Decimal | None:
    try:
        amount = zhformat.to_decimal(value)
    except ValueError:
        return None
    return amount if amount > 0 else None


def treble(price) -> tuple[Decimal | None, bool]:
    """The punitive figure (content/clauses.toml: a multiple of the price, with a minimum);
    and whether the minimum applied."""
    amount = _money(price)
    if amount is None:
        return None, False
    rule = clauses.load()
    multiplied = amount * rule.punitive_multiple
    return max(multiplied, rule.punitive_minimum), multiplied < rule.punitive_minimum


def pleading(case: dict, today: date | None = None) -> list[Claim]:
    """The claims of the theory of the case. The amounts do not depend on the day (only
    whether a promise has lapsed does, which changes no claim), so callers without a day
    may leave it out."""
    from weiquan import theory

    return of_theory(theory.of_case(case, today or date.today()))


def of_theory(found: dict) -> list[Claim]:
    """The claims of a theory of the case (theory.of_case)."""
    return [Claim(c["kind"], _money(c.get("amount")), c.get("quantity")) for c in found["claims"]]


def money_total(found: list[Claim]) -> Decimal | None:
    """The sum of every money claim; None unless every claim is a known sum of money (a
    re-issue is not 金钱给付, so a pleading with one does not qualify for small claims)."""
    money = [c for c in found if c.kind in MONEY_KINDS]
    if not money or len(money) != len(found) or any(c.value is None for c in money):
        return None
    return sum((c.value for c in money if c.value is not None), Decimal("0.00"))
