"""The story a letter tells, as facts (mixed into letter_facts' builder): the timeline of
the order, the discovery and every contact; the payments; what went wrong in the person's
words; the evidence held and lacking; the clauses of the shop recorded in the case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from weiquan import case as case_model
from weiquan import deadlines, knowledge, theory, timeline, zhformat
from weiquan.deadlines import PLATFORM_CHANNELS
from weiquan.letterfields import _clause, _paren, _positive_money

# A note that names the file ("失败提示录屏") says what the evidence is, not what went wrong.
_DESCRIBES_FILE = r"截图|截屏|录屏|录像|视频|照片|图片|文件|记录|账单|附件"
# As the means in “通过…支付”: case.PAID_VIA's 微信支付 would read 通过微信支付支付, and
# "other" names no means, so the sentence just says 支付.
PAID_VIA_LABELS = {**case_model.PAID_VIA, "wechat": "微信", "other": ""}


@dataclass(frozen=True)
class Event:
    """One dated line of the timeline; `type` is ordered, found or contact."""

    type: str
    when: str
    channel: str = ""
    channel_label: str = ""
    shop_channel: bool = False
    party: str = "merchant"
    ticket: str = ""
    summary: str = ""
    outcome: str = ""
    promise: str = ""
    promise_due: str = ""
    promise_overdue: bool = False


@dataclass(frozen=True)
class Evidence:
    index: int
    kind: str
    label: str
    note: str
    pages: str


def _party(contact: dict) -> str:
    return contact.get("party") or case_model.CHANNEL_PARTY.get(contact.get("channel"), "merchant")


class StoryFacts:
    """The timeline, payments, evidence and clauses (the builder provides raw, gap, when,
    has, theory, holding, channel_label …)."""

    # -- the story ------------------------------------------------------------------

    @property
    def timeline(self) -> list[Event]:
        """The order, the discovery and every contact, in the order they happened
        (timeline.events decides, for every module alike)."""
        contacts = self.case.get("contacts") or []
        events = []
        for kind, i in timeline.events(self.case):
            if kind == "ordered":
                # A balance held has no purchase date to ask for: it was there before.
                undated = self.holding and not self.has("order.ordered_at")
                when = "此前" if undated else self.when("order.ordered_at")
                events.append(Event("ordered", when))
            elif kind == "found":
                events.append(Event("found", self.when("order.problem_found_at")))
            else:
                events.append(self._contact_event(i, contacts[i]))
        return events

    def _contact_event(self, i: int, contact: dict) -> Event:
        at = contact.get("at", "")
        due = contact.get("promise_due", "")
        due_date = case_model.when_date(due)
        channel = contact.get("channel", "")
        return Event(
            type="contact",
            when=zhformat.when_zh(at) if at else self.gap(f"case.contacts[{i}].at"),
            channel=channel,
            channel_label=self.channel_label(channel),
            shop_channel=timeline.belongs(contact, PLATFORM_CHANNELS),
            party=_party(contact),
            ticket=str(contact.get("ticket", "")).strip(),
            summary=_clause(contact.get("summary", "")),
            outcome=contact.get("outcome", ""),
            promise=_clause(contact.get("promise", "")),
            promise_due=zhformat.when_zh(due) if due else "",
            promise_overdue=due_date is not None
            and due_date < self.today
            and not self._answered_later(i, contact),
        )

    def _answered_later(self, i: int, contact: dict) -> bool:
        """Whether the same party gave a later answer (agreed, resolved, partly done,
        refused): a promise it then replaced is no promise "not kept to this day"."""
        contacts = self.case.get("contacts") or []
        party = _party(contact)
        order = timeline.contact_order(contacts)
        later = order[order.index(i) + 1 :] if i in order else []
        return any(
            _party(contacts[j]) == party
            and contacts[j].get("outcome") in ("agreed", "resolved", "partial", "refused")
            for j in later
        )

    def _contacts(self, shop_only: bool) -> list[Event]:
        raw = self.case.get("contacts") or []
        channels = PLATFORM_CHANNELS if shop_only else None
        return [self._contact_event(i, raw[i]) for i in timeline.contact_order(raw, channels)]

    @property
    def contacts_in_order(self) -> list[Event]:
        """Contacts alone, in time order (undated last)."""
        return self._contacts(shop_only=False)

    @property
    def shop_contacts_in_order(self) -> list[Event]:
        """The attempts with the shop itself: what a marketplace wants to see before it
        steps in."""
        return self._contacts(shop_only=True)

    @property
    def payments(self) -> list[dict]:
        """Each payment of a dispute paid in several parts: when, how much, how, its id.
        None in the order page's short complaint box, which has no room for them."""
        if self.kind == "platform-order":
            return []
        found = []
        for i, raw in enumerate(self.raw("order.payments") or []):
            at = raw.get("at", "")
            where = f"case.order.payments[{i}]"
            found.append(
                {
                    "when": zhformat.when_zh(at) if at else self.gap(f"{where}.at"),
                    "amount": zhformat.money(raw.get("amount"))
                    if _positive_money(raw.get("amount"))
                    else self.gap(f"{where}.amount"),
                    "via": PAID_VIA_LABELS.get(raw.get("paid_via", ""), ""),
                    "txn": str(raw.get("txn_id", "")).strip(),
                }
            )
        return found if len(found) > 1 else []

    @property
    def part_failed(self) -> int:
        """How many of the order failed, when only part of it did (case v2); else 0."""
        return self.part["failed"] or 0

    @property
    def part(self) -> dict:
        quantity, failed = self.raw("order.quantity"), self.raw("order.quantity_failed")
        if isinstance(quantity, int) and isinstance(failed, int) and 0 < failed < quantity:
            return {"quantity": quantity, "failed": failed, "working": quantity - failed}
        return {"quantity": quantity, "failed": "", "working": ""}

    @property
    def found_text(self) -> str:
        words = theory.delivery_words(self.theory)
        if "found" in words and (self.part["failed"] or "{failed}" not in words["found"]):
            return theory.say(words["found"], **self.part)
        return str(self._knowledge.get("found", ""))

    @property
    def problem_detail(self) -> str:
        """What was wrong, in the person's words: the note on their proof of the problem."""
        for raw in self.case.get("evidence") or []:
            note = _clause(raw.get("note", ""))
            if raw.get("kind") == "failure_proof" and note and not re.search(_DESCRIBES_FILE, note):
                return note
        return ""

    @property
    def failure_proof(self) -> dict:
        words = theory.delivery_words(self.theory)
        return words.get("failure_proof") or self._knowledge.get("failure_proof", {})

    @property
    def own_words_extra(self) -> str:
        """The person's own account, only the sentences that add something: none the tone
        check flags, none that repeats a contact, a promise or the problem already told."""
        told = [
            _clause(c.get(k, ""))
            for c in self.case.get("contacts") or []
            for k in ("summary", "promise")
        ] + [self.problem_detail]
        return theory.adding_sentences(str(self.raw("facts")), [t for t in told if t])

    # -- evidence and basis -----------------------------------------------------------

    @property
    def evidence_held(self) -> list[Evidence]:
        return [
            Evidence(
                index=i,
                kind=raw.get("kind", ""),
                label=self.evidence_label(raw.get("kind", "")),
                note=_clause(raw.get("note", "")),
                pages=str(raw.get("pages") or ""),
            )
            for i, raw in enumerate(self.case.get("evidence") or [])
            if raw.get("have")
        ]

    @property
    def evidence_lacking(self) -> list[str]:
        return [
            self.evidence_label(raw.get("kind", ""))
            for raw in self.case.get("evidence") or []
            if not raw.get("have")
        ]

    def evidence_label(self, kind: str) -> str:
        if kind == "failure_proof":
            return self.failure_proof.get("label", "")
        return case_model.EVIDENCE_KINDS.get(kind, "其他材料")

    @property
    def evidence_names(self) -> list[str]:
        return [e.label + _paren(e.note) for e in self.evidence_held]

    def _rules(self, void: bool) -> list[dict]:
        excluding = [id(raw) for raw in knowledge.excluding_clauses(self.case)]
        found = []
        for raw in self.case.get("rules") or []:
            if (id(raw) in excluding) != void:
                continue
            title = _clause(raw.get("title", "")).strip("《》")
            text = _clause(raw.get("text", ""))
            if title or text:
                clause = _clause(raw.get("clause", ""))
                source = raw.get("source", "")
                found.append({"title": title, "clause": clause, "text": text, "source": source})
        return found

    @property
    def platform_rules(self) -> list[dict]:
        """The shop's own clauses the consumer can rely on."""
        return self._rules(void=False)

    @property
    def void_rules(self) -> list[dict]:
        """The shop's clauses that exclude refunds, complaints or lawsuits: void standard
        terms to be named as such, never quoted as the consumer's basis."""
        return self._rules(void=True)

    @property
    def stalled_since(self) -> str:
        """The day of the first request, once the fifteen stalling days are over; "" before that.

        deadlines.delay_period decides the start, the holiday roll and the end, so the
        letter says exactly what the delay-15d deadline on the dashboard says.
        """
        period = deadlines.delay_period(self.case)
        return zhformat.date_zh(period.start) if period and period.passed(self.today) else ""
