"""Drafting of every letter from one case: facts, law and demands rendered by Jinja2.

Templates live in `content/letters/<kind>.j2` and share `_common.j2`, so the facts,
amounts and demands are worded once and come out the same in every letter. Python here
decides *what* goes in (which fields, which articles, date order); templates decide how
it reads.

The case values are always passed to templates as data and never become template source,
so a user's `{{ … }}` or `<script>` in a text field comes out literally.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property

from weiquan import blocks as blocks_of
from weiquan import case as case_model
from weiquan import deadlines, knowledge, theory, timeline, tone, zhformat
from weiquan import grounds as grounds_of
from weiquan.calendar import add_days
from weiquan.court import CourtFacts
from weiquan.deadlines import PLATFORM_CHANNELS
from weiquan.letterfields import (
    Fields,
    _clause,
    _missing_warning,
    _paren,
    _positive_money,
)
from weiquan.police_report import PoliceReportFields

LETTER_LABELS: dict[str, str] = {
    "platform-order": "订单页投诉",
    "platform-ticket": "客服工单投诉",
    "platform-email": "投诉邮件",
    "marketplace": "申请电商平台介入",
    "12315": "12315 投诉",
    "association": "调解申请书",
    "lawyer-brief": "律师咨询案情摘要",
    "civil-complaint": "民事起诉状",
    "evidence-list": "证据清单",
    "termination-notice": "催告及解除合同通知",
    "complaint-elements": "民事起诉状（要素式）",
    "service-address": "送达地址确认书",
    "police-report": "报案材料",
}
LETTER_KINDS: tuple[str, ...] = tuple(LETTER_LABELS)

# Letters sent to the shop or the marketplace ask for a written reply within this many
# calendar days: long enough to be fair to a business, short enough to keep momentum.
REPLY_DAYS = 7
# The order-page complaint box is small; longer text is cut off or refused by many shops.
ORDER_BOX_CHARS = 300

# Item names that are card keys: only those are called 卡密 (a membership or physical card
# is not, and a re-issue of it is not 补发卡密).
_KEY_ITEM = re.compile(r"卡密|激活码|兑换码|序列号|CDK|cd-?key|key|点卡|充值卡|游戏卡", re.I)
# A note that names the file ("失败提示录屏") says what the evidence is, not what went wrong.
_DESCRIBES_FILE = re.compile(r"截图|截屏|录屏|录像|视频|照片|图片|文件|记录|账单|附件")
# As the means in “通过…支付”: case.PAID_VIA's 微信支付 would read 通过微信支付支付, and
# "other" names no means, so the sentence just says 支付.
PAID_VIA_LABELS = {**case_model.PAID_VIA, "wechat": "微信", "other": ""}


@dataclass
class Draft:
    """A drafted letter: the text, the fields shown as 【待补充：…】 (by path), warnings
    ({code, message, field?}), the separately copyable sections ({id, title, text, chars})
    and its structure for the Word file (weiquan.blocks)."""

    text: str
    missing: list[str] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)
    sections: list[dict] = field(default_factory=list)
    blocks: list[dict] = field(default_factory=list)


def draft(case: dict, kind: str, today: date, files: dict[str, list[str]] | None = None) -> Draft:
    """Render letter `kind` for the normalised `case` (the inner "case" object). `files` names
    the 证据包's files per evidence kind, when the letter goes into one (the evidence list)."""
    if kind not in LETTER_LABELS:
        valid = "、".join(LETTER_KINDS)
        raise ValueError(f"未知的文书类型“{kind}”，可选：{valid}")
    facts = _Facts(blocks_of.scrub(case), kind, today, files or {})
    template = _environment().get_template(f"{kind}.j2")
    marked = _tidy(template.render(L=facts))
    text = _tidy(blocks_of.plain(marked))
    sections = [_section_entry(s) for s in facts.sections] or [
        {"id": "letter", "title": LETTER_LABELS[kind], "text": text, "chars": len(text)}
    ]
    warnings = [_missing_warning(path, label or "") for path, label in facts.missing.items()]
    warnings += facts.extra_warnings
    pleading = kind in ("civil-complaint", "complaint-elements")
    if pleading and knowledge.asks_treble(case) and not facts.treble:
        warnings.append({"code": "note", "message": theory.note("treble_dropped")})
    elif pleading and facts.fraud and not facts.treble:
        if facts.consumer_law:
            note = theory.note("fraud_without_treble")
        elif facts.theory["situation"].get("consumer_law") == "unknown":
            # Not known to be a business: neither promise nor rule out the 3×.
            note = theory.note("fraud_unknown")
        else:
            note = theory.note("fraud_private")
        warnings.append({"code": "note", "message": note})
    if kind == "platform-order" and len(text) > ORDER_BOX_CHARS:
        warnings.append(
            {
                "code": "too-long",
                "message": f"订单页投诉框通常只容纳约{ORDER_BOX_CHARS}字，本稿{len(text)}字；"
                "可删减后再提交，完整内容请用客服工单或邮件发送",
            }
        )
    warnings += _tone_warnings(case, text)
    return Draft(
        text=text,
        missing=list(facts.missing),
        warnings=warnings,
        sections=sections,
        blocks=blocks_of.parse(marked, facts.tables),
    )


# ---------------------------------------------------------------------------- Jinja2


_ENV = None


def _environment():
    """One Environment per process: templates compile once and are cached inside it.

    jinja2 is imported here, not at module level, so the rest of the core (and the
    worker's first answers) do not pay for loading it.
    """
    global _ENV
    if _ENV is None:
        import jinja2

        from weiquan.datafiles import read_text

        class ContentLoader(jinja2.BaseLoader):
            def get_source(self, environment, template):
                try:
                    source = read_text(f"letters/{template}")
                except FileNotFoundError:
                    raise jinja2.TemplateNotFound(template) from None
                # Content is fixed for the life of the process (and of the wheel).
                return source, None, lambda: True

        _ENV = jinja2.Environment(
            loader=ContentLoader(),
            # Letters are plain text: the page only ever puts them in textContent or a
            # <textarea>, never in innerHTML, so escaping would corrupt the user's text
            # (a “<” in a product name) without protecting anything.
            autoescape=False,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
            auto_reload=False,
        )
        _ENV.filters["paren"] = _paren
    return _ENV


def warm() -> None:
    """Compile the shared template ahead of the first letter (see api "warm_letters")."""
    _environment().get_template("_common.j2")


_BLANK_RUNS = re.compile(r"\n{3,}")
_NUMBERED = re.compile(r"^\d+\.\s*")


def _tidy(text: str) -> str:
    # Optional paragraphs leave blank runs behind; one blank line between blocks is enough.
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines))


def _section_entry(section: dict) -> dict:
    text = _tidy(blocks_of.plain(section["text"]))
    return {"id": section["id"], "title": section["title"], "text": text, "chars": len(text)}


# ------------------------------------------------------------------------ tone check


def _tone_warnings(case: dict, text: str) -> list[dict]:
    """Tone findings on the user's own words that this letter quotes.

    The words go into the letter as the user wrote them: rewriting them silently would put
    words in the user's mouth, so the findings (with suggestions) are reported instead.
    """
    quoted = {field: _clause(words) for field, words in tone.user_texts(case)}
    return [
        f for f in tone.check_case(case) if quoted.get(f["field"]) and quoted[f["field"]] in text
    ]


# ------------------------------------------------------------------ facts for letters


def _money_ok(value) -> bool:
    try:
        return zhformat.to_decimal(value) > 0
    except ValueError:
        return False


def _party(contact: dict) -> str:
    return contact.get("party") or case_model.CHANNEL_PARTY.get(contact.get("channel"), "merchant")


@dataclass
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


@dataclass
class Demand:
    kind: str
    amount: str = ""
    quantity: str = ""
    note: str = ""


@dataclass
class Evidence:
    index: int
    kind: str
    label: str
    note: str
    pages: str


@dataclass
class Ground:
    id: str
    cite: str


@dataclass
class Claim:
    """One numbered claim of the civil complaint; `value` is None unless a known sum."""

    kind: str
    amount: str
    capital: str = ""
    value: Decimal | None = None
    floored: bool = False  # 3× the price fell below the statutory minimum
    formula: str = ""


class _Facts(CourtFacts, Fields, PoliceReportFields):
    """What one letter says, computed from the case on demand.

    Every value a template shows goes through here, so a value that is missing becomes
    【待补充：…】 and its field path is recorded in `missing` — exactly the fields this
    letter shows, in the order they first appear.
    """

    def __init__(
        self, case: dict, kind: str, today: date, files: dict[str, list[str]] | None = None
    ):
        super().__init__(case)
        self.files = files or {}
        self.tables: list[dict] = []
        self.kind = kind
        self.today = today
        self.problem = case.get("problem", "")
        self.fraud = bool(case.get("suspected_fraud"))
        self.sections: list[dict] = []
        self.extra_warnings: list[dict] = []

    @property
    def today_zh(self) -> str:
        return zhformat.date_zh(self.today)

    @property
    def cure_period(self) -> str:
        """The 催告's last day: deadlines.cure_period decides it, so the notice and the
        dashboard's termination-cure deadline name the same day."""
        period = deadlines.cure_period(self.case, self.today)
        end = period.end if period else add_days(self.today, deadlines.CURE_DAYS).date
        return zhformat.date_zh(end)

    def _first_demand(self, kind: str) -> tuple[int, dict] | None:
        for i, demand in enumerate(self.case.get("demands") or []):
            if demand.get("kind") == kind:
                return i, demand
        return None

    @property
    def cure_quantity(self) -> str:
        """How many the 催告 asks for: the re-issue demanded, else the failed part, else the
        order's quantity."""
        found = self._first_demand("reissue")
        if found and isinstance(found[1].get("quantity"), int) and found[1]["quantity"] > 0:
            return str(found[1]["quantity"])
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
    def reply_by(self) -> str:
        # Calendar days, moved to the next working day when the last one is a rest day
        # (the civil code's rule on periods), so the shop cannot say it fell on a holiday.
        return zhformat.date_zh(add_days(self.today, REPLY_DAYS).date)

    @property
    def quantity(self) -> str:
        return self.count(self.raw("order.quantity"), "order.quantity")

    @property
    def problem_label(self) -> str:
        return self.knowledge.get("letter_label", "")

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

    def marketplace_addressee(self) -> str:
        """The addressee of the marketplace letter; a standalone site has none."""
        if self.on_marketplace:
            return self.marketplace
        self.extra_warnings.append(
            {
                "code": "not-applicable",
                "field": "case.merchant.marketplace",
                "message": "案件中没有登记商家所在的电商平台（淘宝、拼多多、京东、闲鱼等），"
                "这份申请没有收件方；独立网站的卡盟请改用 12315 投诉",
            }
        )
        return self.gap("merchant.marketplace")

    # -- lists ----------------------------------------------------------------------

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
            party=contact.get("party") or case_model.CHANNEL_PARTY.get(channel, "merchant"),
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

    def contacts(self, shop_only: bool = False, party: str = "") -> list[Event]:
        """Contacts alone, in time order (undated last); `shop_only` keeps the attempts
        with the shop itself — what a marketplace wants to see before it steps in;
        `party` keeps those with one party (e.g. the marketplace's own tickets)."""
        raw = self.case.get("contacts") or []
        channels = PLATFORM_CHANNELS if shop_only else None
        order = timeline.contact_order(raw, channels)
        events = [self._contact_event(i, raw[i]) for i in order]
        return [e for e in events if not party or e.party == party]

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
                    if _money_ok(raw.get("amount"))
                    else self.gap(f"{where}.amount"),
                    "via": PAID_VIA_LABELS.get(raw.get("paid_via", ""), ""),
                    "txn": str(raw.get("txn_id", "")).strip(),
                }
            )
        return found if len(found) > 1 else []

    @property
    def part_failed(self) -> int:
        """How many of the order failed, when only part of it did (case v2); else 0."""
        failed, quantity = self.raw("order.quantity_failed"), self.raw("order.quantity")
        if isinstance(failed, int) and isinstance(quantity, int) and 0 < failed < quantity:
            return failed
        return 0

    @property
    def individual(self) -> bool:
        """The seller is a natural person (case v2 merchant.kind)."""
        return self.raw("merchant.kind") == "individual"

    # -- who and what ---------------------------------------------------------------

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

    @property
    def keys(self) -> bool:
        """Whether the goods are card keys (卡密), so a letter may call them that."""
        return self.problem == "invalid_key" or bool(_KEY_ITEM.search(str(self.raw("order.item"))))

    @property
    def goods(self) -> str:
        return "卡密" if self.keys else "商品"

    @property
    def unit(self) -> str:
        return "张" if self.keys else "份"

    @property
    def knowledge(self) -> dict:
        return knowledge.problem(self.problem) if self.problem else {}

    @property
    def delivered(self) -> bool:
        return bool(self.knowledge.get("delivered", True))

    @property
    def _delivery_words(self) -> dict:
        return theory.delivery_words(self.theory)

    @property
    def found_text(self) -> str:
        words = self._delivery_words
        if "found" in words and (self._part["failed"] or "{failed}" not in words["found"]):
            return theory.say(words["found"], **self._part)
        return str(self.knowledge.get("found", ""))

    @property
    def problem_detail(self) -> str:
        """What was wrong, in the person's words: the note on their proof of the problem."""
        for raw in self.case.get("evidence") or []:
            note = _clause(raw.get("note", ""))
            if raw.get("kind") == "failure_proof" and note and not _DESCRIBES_FILE.search(note):
                return note
        return ""

    @property
    def failure_proof(self) -> dict:
        return self._delivery_words.get("failure_proof") or self.knowledge.get("failure_proof", {})

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
        demand = Demand(kind=kind, note=_clause(raw.get("note", "")))
        if kind == "refund":
            demand.amount = self.refund_amount(f"case.demands[{i}].amount")
        elif kind == "compensation":
            amount = raw.get("amount", "")
            path = f"case.demands[{i}].amount"
            demand.amount = zhformat.money(amount) if _positive_money(amount) else self.gap(path)
        if kind == "reissue":
            demand.quantity = self.count(raw.get("quantity"), f"case.demands[{i}].quantity")
        if kind == "other" and not demand.note:
            demand.note = self.gap(f"case.demands[{i}].note")
        return demand

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

    def pages(self, item: Evidence) -> str:
        return item.pages or self.gap(f"case.evidence[{item.index}].pages")

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

    def holds(self, kind: str) -> bool:
        return any(e.kind == kind for e in self.evidence_held())

    def evidence_names(self) -> list[str]:
        return [e.label + _paren(e.note) for e in self.evidence_held()]

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

    def platform_rules(self) -> list[dict]:
        """The shop's own clauses the consumer can rely on."""
        return self._rules(void=False)

    def void_rules(self) -> list[dict]:
        """The shop's clauses that exclude refunds, complaints or lawsuits: void standard
        terms to be named as such, never quoted as the consumer's basis."""
        return self._rules(void=True)

    def grounds(self) -> list[Ground]:
        """The verified grounds of this letter's channel (grounds.for_channel, which the
        dashboard's step asks too)."""
        channel = grounds_of.LETTER_CHANNEL.get(self.kind)
        if channel is None:
            return []
        ids = grounds_of.for_channel(self.case, channel, self.today)
        return [Ground(rule_id, cite) for rule_id in ids if (cite := citation(rule_id))]

    def cite(self, rule_id: str) -> str:
        return citation(rule_id)

    @property
    def stalled_since(self) -> str:
        """The day of the first request, once the fifteen stalling days are over; "" before that.

        deadlines.delay_period decides the start, the holiday roll and the end, so the
        letter says exactly what the delay-15d deadline on the dashboard says.
        """
        period = deadlines.delay_period(self.case)
        return zhformat.date_zh(period.start) if period and period.passed(self.today) else ""

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

    def notice_grounds(self) -> list[Ground]:
        ids = theory.notice_basis(self.case, self.theory)
        return [Ground(rule_id, cite) for rule_id in ids if (cite := citation(rule_id))]

    def say(self, key: str, me: str = "本人", them: str = "对方", **extra) -> str:
        """A sentence of the cause (content/causes.toml), for this letter's me and them."""
        text = theory.say(self.cause[key], me=me, them=them, **self._part, **extra)
        return theory.say(text, fault=self.fault) if "{fault}" in text else text

    @property
    def _part(self) -> dict:
        quantity, failed = self.raw("order.quantity"), self.raw("order.quantity_failed")
        if isinstance(quantity, int) and isinstance(failed, int) and 0 < failed < quantity:
            return {"quantity": quantity, "failed": failed, "working": quantity - failed}
        return {"quantity": quantity, "failed": "", "working": ""}

    def formed(self, me: str, them: str) -> str:
        """How the contract came about, where the cause argues one."""
        text = self.cause.get("formed", theory.phrase("formed"))
        return theory.say(text, me=me, them=them)

    def stance_line(self, me: str, them: str) -> str:
        """Where things stand with the other side, then what is still undone."""
        outstanding = self.say("outstanding", me, them)
        return theory.stance_line(self.theory, me=me, them=them, outstanding=outstanding)

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

    @property
    def fault(self) -> str:
        """What was wrong with what was delivered, for the quality ground (defects only)."""
        return theory.fault(self.theory, goods=self.goods, **self._part)

    def own_words_extra(self) -> str:
        """The person's own account, only the sentences that add something: none the tone
        check flags, none that repeats a contact, a promise or the problem already told."""
        told = [
            _clause(c.get(k, ""))
            for c in self.case.get("contacts") or []
            for k in ("summary", "promise")
        ] + [self.problem_detail]
        return theory.adding_sentences(str(self.raw("facts")), [t for t in told if t])

    def questions(self) -> list[str]:
        """What a lawyer should answer for this case: the cause's, then those it raises."""
        return theory.questions(self.case, self.theory)

    # -- civil complaint ------------------------------------------------------------

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
                        floored=kind == "fraud" and "不足" in claim.get("formula", ""),
                        formula=claim.get("formula", "") if kind != "fraud" else "",
                    )
                )
        if not found:
            self.gap("demands")
        return found

    @property
    def treble(self) -> bool:
        """Whether the pleading claims the 3× damages (demanded, and the law allows it)."""
        return any(c["kind"] == "treble" for c in self.theory["claims"])

    def claims_total(self, claims: list[Claim]) -> Claim | None:
        """The sum of the money claims, when every claim is a known sum of money."""
        money = [c for c in claims if c.kind in ("refund", "compensation", "fraud")]
        if not money or len(money) != len(claims) or any(c.value is None for c in money):
            return None
        total = sum((c.value for c in money if c.value is not None), Decimal("0.00"))
        return Claim("total", zhformat.money(total), zhformat.capital_amount(total), total)

    def small_claims(self, total: Claim | None) -> str:
        """Whether small-claims procedure fits: "eligible", "too-large", or "" when no limit
        is given or the claim is not only money."""
        if total is None or total.value is None or not self.has("small_claims_limit"):
            return ""
        limit = zhformat.to_decimal(self.raw("small_claims_limit"))
        return "eligible" if total.value <= limit else "too-large"

    # -- sections -------------------------------------------------------------------

    def section(self, id: str, title: str, caller) -> str:
        """`{% call L.section(id, title) %}…{% endcall %}` marks a separately copyable part."""
        body = caller()
        self.sections.append({"id": id, "title": title, "text": body})
        return body

    def aside(self, id: str, title: str, caller) -> str:
        """Advice for the user, not for the recipient: a section and one "note" warning per
        numbered line, but nothing in the text, which must be exactly what gets sent."""
        body = _tidy(blocks_of.plain(caller()))
        self.sections.append({"id": id, "title": title, "text": body})
        self.extra_warnings += [
            {"code": "note", "message": _NUMBERED.sub("", line)}
            for line in body.splitlines()
            if line.strip()
        ]
        return ""


# ------------------------------------------------------------------------- citations

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
