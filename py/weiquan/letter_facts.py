"""The facts one letter shows, computed once per draft from the case, and frozen.

`compute` asks each fact of FACTS once. A fact that cannot be told without a missing value
carries the placeholder in its text and keeps the `Gap`s it met beside it (`Facts.gaps`), so
the letter records a gap when — and only when — it shows that fact (weiquan.letters). Nothing
here records, warns or renders: the theory of the case decides the claims and the notice
(weiquan.theory, weiquan.claims), and this module only puts them in the letter's terms.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from types import MappingProxyType
from typing import Any

from weiquan import case as case_model
from weiquan import grounds as grounds_of
from weiquan import knowledge, letter_words, theory, zhformat
from weiquan.calendar import add_days
from weiquan.court import CourtFacts
from weiquan.letter_claims import ClaimFacts
from weiquan.letter_record import Gap
from weiquan.letter_story import PAID_VIA_LABELS, StoryFacts
from weiquan.letterfields import Fields
from weiquan.police_report import PoliceReportFields

# Letters sent to the shop or the marketplace ask for a written reply within this many
# calendar days: long enough to be fair to a business, short enough to keep momentum.
REPLY_DAYS = 7


@dataclass(frozen=True)
class Ground:
    id: str
    cite: str


# Every fact a template reads as `L.<name>`, computed once per draft in this order: those
# every letter may show, then those only some letters show (FACTS_OF), for those only.
FACTS = (
    # who and what
    "kind", "problem", "fraud", "today_zh", "reply_by", "quantity", "paid_via",
    "on_marketplace", "marketplace", "individual", "lone_seller", "you", "you_place",
    "goods", "unit", "working_goods", "police_words",
    # the story
    "timeline", "contacts_in_order", "shop_contacts_in_order", "payments", "found_text",
    "problem_detail", "failure_proof", "own_words_extra",
    # what is asked
    "demand_groups", "refund_route", "payer_note", "holder_note", "worked_note",
    # evidence and basis
    "evidence_held", "evidence_lacking", "evidence_names", "platform_rules", "void_rules",
    "grounds", "stalled_since",
    # the theory of the case
    "theory", "cause", "part", "holding", "consumer_law", "notice", "fault", "treble",
)  # fmt: skip
_NOTICE = (
    "cure_period", "cure_quantity", "cure_wanted", "cure_refund", "refund_formula",
    "notice_grounds",
)  # fmt: skip
# The court packet (weiquan.court).
_COURT = (
    "defendant_form", "merchant_domicile", "pleading", "vanished", "is_service", "clause",
    "venue", "court_line", "exhibits", "exhibit_groups", "venue_name", "chat_name",
    "notice_sent", "elements",
)  # fmt: skip
FACTS_OF = {
    "termination-notice": _NOTICE,
    "lawyer-brief": ("questions",),
    "civil-complaint": _COURT,
    "complaint-elements": _COURT,
    "evidence-list": _COURT,
    "service-address": _COURT,
    # weiquan.police_report
    "police-report": ("payment_rows", "accounts", "promises", "payments_total"),
}


@dataclass(frozen=True)
class Facts:
    """The facts of one draft: `values` by name (lists as tuples, tables as read-only
    mappings) and the gaps that showing each one records."""

    case: Mapping[str, Any]
    values: Mapping[str, Any]
    gaps: Mapping[str, tuple[Gap, ...]]

    def __getattr__(self, name: str) -> Any:
        try:
            return self.values[name]
        except KeyError:
            raise AttributeError(name) from None


def compute(case: dict, kind: str, today: date, files: dict[str, list[str]] | None = None) -> Facts:
    """The facts letter `kind` shows for the normalised `case` on `today`; `files` names the
    证据包's files per evidence kind, when the letter goes into one (the evidence list)."""
    builder = _Builder(case, kind, today, files or {})
    values, gaps = {}, {}
    for name in FACTS + FACTS_OF.get(kind, ()):
        builder.met = []
        values[name] = _frozen(getattr(builder, name))
        gaps[name] = tuple(dict.fromkeys(builder.met))
    return Facts(_frozen(case), MappingProxyType(values), MappingProxyType(gaps))


def _frozen(value: Any) -> Any:
    """`value` read-only all the way down: dicts as MappingProxyType, lists as tuples. (The
    dataclasses among the facts — Event, Claim, Venue … — are frozen themselves.)"""
    kind = type(value)
    if kind is dict or kind is MappingProxyType:
        return MappingProxyType({k: _frozen(v) for k, v in value.items()})
    if kind is list or kind is tuple:
        return tuple(_frozen(v) for v in value)
    return value


class _Builder(StoryFacts, ClaimFacts, CourtFacts, PoliceReportFields, Fields):
    """Works the facts out; each gap met while working one out goes to `met`."""

    def __init__(self, case: dict, kind: str, today: date, files: dict[str, list[str]]):
        super().__init__(case)
        self.kind = kind
        self.today = today
        self.files = files
        self.problem = case.get("problem", "")
        self.fraud = bool(case.get("suspected_fraud"))
        self.met: list[Gap] = []

    def missing(self, gap: Gap) -> None:
        self.met.append(gap)

    # -- who and what ---------------------------------------------------------------

    @property
    def today_zh(self) -> str:
        return zhformat.date_zh(self.today)

    @property
    def reply_by(self) -> str:
        # Calendar days, moved to the next working day when the last one is a rest day
        # (the civil code's rule on periods), so the shop cannot say it fell on a holiday.
        return zhformat.date_zh(add_days(self.today, REPLY_DAYS).date)

    @property
    def quantity(self) -> str:
        return self.count(self.raw("order.quantity"), "order.quantity")

    @property
    def paid_via(self) -> str:
        """支付宝 / 微信 …; "" for other or unknown, so the sentence just says 支付."""
        return PAID_VIA_LABELS.get(self.raw("order.paid_via"), "")

    @property
    def on_marketplace(self) -> bool:
        return self.raw("merchant.marketplace") not in ("", "none")

    @property
    def marketplace(self) -> str:
        """Name of the marketplace the shop lives on; "" for a standalone site."""
        key = self.raw("merchant.marketplace")
        if key == "other":
            return self.need("merchant.marketplace_name")
        return case_model.MARKETPLACES.get(key, "") if key != "none" else ""

    @property
    def individual(self) -> bool:
        """The seller is a natural person (case v2 merchant.kind)."""
        return self.raw("merchant.kind") == "individual"

    @property
    def lone_seller(self) -> bool:
        """A private seller (case v2 merchant.kind), or a seller with neither a marketplace
        shop nor a website: a chat-group seller is no 平台 and has no 在线客服."""
        kind = self.raw("merchant.kind")
        if kind in ("individual", "business"):
            return kind == "individual"
        return not self.on_marketplace and not self.has("merchant.site")

    @property
    def you(self) -> str:
        """How a letter to the seller addresses it: 贵店 / 贵平台 / 您."""
        if self.on_marketplace:
            return "贵店"
        return "您" if self.lone_seller else "贵平台"

    @property
    def you_place(self) -> str:
        """Where the purchase was made, as the object of 在…购买: 贵店 / 贵平台 / 您处."""
        return "您处" if self.you == "您" else self.you

    def channel_label(self, channel: str) -> str:
        if channel == "chat" and self.lone_seller:
            return "聊天软件"
        return case_model.CHANNELS.get(channel, "")

    @cached_property
    def _goods_words(self) -> dict:
        return letter_words.goods(self.problem, str(self.raw("order.item")))

    @property
    def goods(self) -> str:
        return self._goods_words["name"]

    @property
    def unit(self) -> str:
        return self._goods_words["unit"]

    @property
    def working_goods(self) -> str:
        """The goods as the 催告 asks them delivered: a card key that works, or goods as agreed."""
        return self._goods_words["working"]

    @property
    def police_words(self) -> dict:
        return letter_words.police(self.problem, self.fraud)

    @cached_property
    def _knowledge(self) -> dict:
        return knowledge.problem(self.problem) if self.problem else {}

    # -- the theory of the case -----------------------------------------------------

    @cached_property
    def theory(self) -> dict:
        return theory.of_case(self.case, self.today)

    @property
    def cause(self) -> dict:
        return theory.cause_spec(self.theory["cause"])

    @property
    def holding(self) -> bool:
        """The money is the person's own balance held in an account, not a purchase."""
        return bool(self.cause.get("holding"))

    @property
    def elements(self) -> dict:
        """dispute · contract · parties: the 要素式 起诉状's contract elements of the cause."""
        return theory.elements(self.theory["cause"])

    @property
    def consumer_law(self) -> bool:
        return self.theory["consumer_law"]

    @property
    def notice(self) -> str:
        return self.theory["notice"]

    @property
    def fault(self) -> str:
        """What was wrong with what was delivered, for the quality ground (defects only)."""
        return theory.fault(self.theory, goods=self.goods, **self.part)

    @property
    def treble(self) -> bool:
        """Whether the pleading claims the 3× damages (demanded, and the law allows it)."""
        return any(c["kind"] == "treble" for c in self.theory["claims"])

    @property
    def questions(self) -> list[str]:
        """What a lawyer should answer for this case: the cause's, then those it raises."""
        return theory.questions(self.case, self.theory)

    @property
    def grounds(self) -> list[Ground]:
        """The verified grounds of this letter's channel (grounds.for_channel, which the
        dashboard's step asks too)."""
        channel = grounds_of.LETTER_CHANNEL.get(self.kind)
        if channel is None:
            return []
        ids = grounds_of.for_channel(self.case, channel, self.today)
        return _cited(ids)

    @property
    def notice_grounds(self) -> list[Ground]:
        return _cited(theory.notice_basis(self.case, self.theory))


_CITATIONS: dict[str, str] | None = None


def citation(rule_id: str) -> str:
    """《<formal law name>》<article> — or "" unless the rule is verified."""
    global _CITATIONS
    if _CITATIONS is None:
        _CITATIONS = _load_citations()
    return _CITATIONS.get(rule_id, "")


def _load_citations() -> dict[str, str]:
    from weiquan import rules

    found = {}
    for rule in rules.load_rules():
        if rule["status"] != "verified":
            continue
        law = rule["law"].strip("《》")
        # A title inside a title takes the inner marks: 《…〈中华人民共和国民事诉讼法〉…》.
        law = theory.formal_law_name(law).replace("《", "〈").replace("》", "〉")
        found[rule["id"]] = f"《{law}》{rule['article']}"
    return found


def _cited(ids) -> list[Ground]:
    return [Ground(rule_id, cite) for rule_id in ids if (cite := citation(rule_id))]
