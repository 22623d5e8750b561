"""What a letter asks, as facts (mixed into letter_facts' builder): the demands in the
person's order, what the 催告 asks for and by when, the refund and how it goes back, and the
claims of the 起诉状 — all read from the theory of the case (weiquan.theory, weiquan.claims),
never worked out again here.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from weiquan import claims as claims_of
from weiquan import deadlines, theory, zhformat
from weiquan.calendar import add_days
from weiquan.letterfields import _clause, _positive_money


@dataclass(frozen=True)
class Demand:
    kind: str
    amount: str = ""
    quantity: str = ""
    note: str = ""


@dataclass(frozen=True)
class Claim:
    """One numbered claim of the civil complaint; `value` is None unless a known sum."""

    kind: str
    amount: str
    capital: str = ""
    value: Decimal | None = None
    floored: bool = False  # 3× the price fell below the statutory minimum
    formula: str = ""


# Every fact a template reads as `L.<name>`, computed once per draft in this order.
class ClaimFacts:
    """Demands, the notice's asks, the refund and the claims (the builder provides raw,
    gap, count, need, theory, part, quantity, today …)."""

    # -- what is asked --------------------------------------------------------------

    @property
    def demand_groups(self) -> list[list[Demand]]:
        """Demands in the user's order; refund and reissue form one either/or item."""
        demands = [self._demand(i, d) for i, d in enumerate(self.case.get("demands") or [])]
        if not demands:
            self.gap("demands")
            return []
        either = [d for d in demands if d.kind in ("refund", "reissue")]
        groups: list[list[Demand]] = []
        for demand in demands:
            if demand.kind not in ("refund", "reissue"):
                groups.append([demand])
            elif demand is either[0]:
                groups.append(either)
        return groups

    def _demand(self, i: int, raw: dict) -> Demand:
        kind = raw.get("kind", "other")
        path = f"case.demands[{i}]"
        note = _clause(raw.get("note", ""))
        amount = quantity = ""
        if kind == "refund":
            amount = self.refund_amount(f"{path}.amount")
        elif kind == "compensation":
            value = raw.get("amount", "")
            amount = zhformat.money(value) if _positive_money(value) else self.gap(f"{path}.amount")
        if kind == "reissue":
            quantity = self.count(raw.get("quantity"), f"{path}.quantity")
        if kind == "other" and not note:
            note = self.gap(f"{path}.note")
        return Demand(kind=kind, amount=amount, quantity=quantity, note=note)

    def _first_demand(self, kind: str) -> dict | None:
        return next((d for d in self.case.get("demands") or [] if d.get("kind") == kind), None)

    @property
    def cure_period(self) -> str:
        """The 催告's last day: deadlines.cure_period decides it, so the notice and the
        dashboard's termination-cure deadline name the same day."""
        period = deadlines.cure_period(self.case, self.today)
        end = period.end if period else add_days(self.today, deadlines.CURE_DAYS).date
        return zhformat.date_zh(end)

    @property
    def cure_quantity(self) -> str:
        """How many the 催告 asks for: the re-issue demanded, else the failed part, else the
        order's quantity."""
        found = self._first_demand("reissue")
        if found and isinstance(found.get("quantity"), int) and found["quantity"] > 0:
            return str(found["quantity"])
        if self.part_failed:
            return str(self.part_failed)
        return self.quantity

    @property
    def cure_wanted(self) -> bool:
        """Whether the person wants performance (a re-issue) rather than the money back."""
        return self._first_demand("reissue") is not None

    @property
    def cure_refund(self) -> str:
        """What the notice asks back: the theory's refund, else what the cause entitles to."""
        return self.refund_amount()

    @property
    def _refund_claim(self) -> dict | None:
        return next((c for c in self.theory["claims"] if c["kind"] == "refund"), None)

    def refund_amount(self, path: str = "order.amount") -> str:
        """The refund the theory claims (capped at what was paid or the failed share);
        without a refund demand, what the cause entitles to; else the placeholder."""
        claim = self._refund_claim
        if claim and "amount" in claim:
            return zhformat.money(claim["amount"])
        if claim:
            return self.gap(claim.get("needs", path))
        cap, _formula = theory.entitlement(self.case, self.theory["cause"])
        if cap is None and self.theory["cause"] in theory.SHARE_CAUSES:
            path = "order.unused_amount"
        return zhformat.money(cap) if cap is not None else self.gap(path)

    @property
    def refund_formula(self) -> str:
        claim = self._refund_claim
        if claim:
            return claim.get("formula", "")
        return theory.entitlement(self.case, self.theory["cause"])[1]

    @property
    def refund_route(self) -> str:
        """How the money goes back: by the original route, or to an account the person
        names when the paying account is closed (never to a site balance)."""
        if self.raw("order.payment_account_closed") == "yes":
            return theory.say(
                theory.phrase("route_account"),
                account=self.need("consumer.refund_account", "本人核实的收款账户"),
            )
        return theory.phrase("route_original")

    @property
    def payer_note(self) -> str:
        """Who paid, when not the person (kept apart from whose account got the goods)."""
        if self.raw("order.payer") != "other":
            return ""
        name = str(self.raw("order.payer_name")).strip()
        return theory.say(theory.phrase("payer_other"), payer=name or "他人")

    @property
    def holder_note(self) -> str:
        if self.raw("order.account_holder") != "other":
            return ""
        return theory.phrase("holder_other")

    @property
    def worked_note(self) -> str:
        days = str(self.raw("order.worked_days")).strip()
        return theory.say(theory.phrase("worked"), days=days) if days.isdigit() else ""

    # -- the claims -------------------------------------------------------------------

    def claims(self) -> list[Claim]:
        """The claims of the pleading: the theory's, which come from `demands` only."""
        found = []
        other_notes = [
            _clause(d.get("note", ""))
            for d in self.case.get("demands") or []
            if d.get("kind") == "other" and str(d.get("note") or "").strip()
        ]
        for claim in self.theory["claims"]:
            # The templates (also complaint-elements) call the punitive damages "fraud".
            kind = "fraud" if claim["kind"] == "treble" else claim["kind"]
            if kind == "reissue":
                found.append(Claim("reissue", self.count(claim.get("quantity"), "demands")))
            elif kind == "other":
                found.append(Claim("other", other_notes.pop(0) if other_notes else ""))
            elif "amount" not in claim:
                path = "order.amount" if kind in ("refund", "fraud") else "demands"
                found.append(Claim(kind, self.gap(claim.get("needs", path))))
            else:
                value = Decimal(claim["amount"])
                found.append(
                    Claim(
                        kind,
                        zhformat.money(value),
                        zhformat.capital_amount(value),
                        value,
                        floored=kind == "fraud" and claims_of.treble(theory.paid(self.case))[1],
                        formula=claim.get("formula", "") if kind != "fraud" else "",
                    )
                )
        if not found:
            self.gap("demands")
        return found

    def claims_total(self) -> Claim | None:
        """The sum of the money claims, when every claim is a known sum of money
        (claims.money_total decides, as for the dashboard's small-claims answer)."""
        total = claims_of.money_total(claims_of.of_theory(self.theory))
        if total is None:
            return None
        return Claim("total", zhformat.money(total), zhformat.capital_amount(total), total)
