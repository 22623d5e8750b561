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
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from weiquan import case as case_model
from weiquan import deadlines, tone, zhformat
from weiquan.calendar import add_days
from weiquan.deadlines import PLATFORM_CHANNELS

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
}
LETTER_KINDS: tuple[str, ...] = tuple(LETTER_LABELS)

# Letters sent to the shop or the marketplace ask for a written reply within this many
# calendar days: long enough to be fair to a business, short enough to keep momentum.
REPLY_DAYS = 7
# The order-page complaint box is small; longer text is cut off or refused by many shops.
ORDER_BOX_CHARS = 300

# Chinese names of the case fields a letter may show, used in 【待补充：…】 and warnings.
FIELD_LABELS: dict[str, str] = {
    "case.merchant.name": "商家名称",
    "case.merchant.site": "商家网址或店铺链接",
    "case.merchant.marketplace": "所在电商平台",
    "case.merchant.marketplace_name": "电商平台名称",
    "case.merchant.credit_code": "统一社会信用代码",
    "case.merchant.address": "商家地址",
    "case.merchant.legal_name": "经营者登记名称",
    "case.merchant.legal_rep": "法定代表人或经营者姓名",
    "case.order.id": "订单号",
    "case.order.item": "商品名称",
    "case.order.quantity": "购买数量",
    "case.order.amount": "订单金额",
    "case.order.paid_via": "支付方式",
    "case.order.ordered_at": "下单时间",
    "case.order.problem_found_at": "发现问题的时间",
    "case.consumer.name": "姓名",
    "case.consumer.phone": "联系电话",
    "case.consumer.address": "住址",
    "case.consumer.gender": "性别",
    "case.consumer.birth_date": "出生日期",
    "case.consumer.ethnicity": "民族",
    "case.consumer.id_number": "身份证号",
    "case.demands": "诉求",
    "case.contacts": "与商家协商的记录",
    "case.evidence": "已有证据",
    "case.court": "法院名称",
    "case.association": "调解组织名称",
}
# Labels for fields inside list items (case.contacts[2].at → "联系时间").
_ITEM_LABELS: dict[str, str] = {
    "contacts.at": "联系时间",
    "demands.amount": "诉求金额",
    "demands.quantity": "补发数量",
    "demands.note": "诉求内容",
    "evidence.pages": "页数",
}
# Where a person can find a value they do not have yet (shown in the warning).
_FIELD_HINTS: dict[str, str] = {
    "case.merchant.credit_code": "可在国家企业信用信息公示系统按商家名称查询",
    "case.merchant.address": "可查看网站底部的备案信息、店铺的营业执照信息，"
    "或在国家企业信用信息公示系统查询",
    "case.merchant.legal_name": "起诉要写经营者的登记名称而不是店铺名，"
    "可在店铺的证照信息或国家企业信用信息公示系统查到",
    "case.merchant.legal_rep": "可在国家企业信用信息公示系统查询",
    "case.court": "见“提交前须知”中的法院选择说明",
}

# The problem as the recipient of a letter reads it: the form's words (case.PROBLEMS), except
# where a formal letter must state only what can be shown — "跑路" charges intent, and
# "迟迟不到" is a feeling where a complaint states that the promised date has passed.
PROBLEM_LABELS = {
    **case_model.PROBLEMS,
    "late_reissue": "补单逾期未到",
    "vanished": "商家关站失联",
}
# As the means in “通过…支付”: case.PAID_VIA's 微信支付 would read 通过微信支付支付, and
# "other" names no means, so the sentence just says 支付.
PAID_VIA_LABELS = {**case_model.PAID_VIA, "wechat": "微信", "other": ""}
# What the proof of the problem shows depends on the problem; the other evidence kinds
# keep the names the case form uses.
_FAILURE_PROOF_LABELS = {
    "invalid_key": "卡密无法使用的提示",
    "not_delivered": "未收到商品的记录",
    "not_as_described": "所收商品与描述不符的记录",
}

# Articles each problem rests on, by id in content/rules.toml. Only those marked
# verified there are cited; the rest are left out rather than stated as settled law.
_PROBLEM_GROUNDS: dict[str, tuple[str, ...]] = {
    "invalid_key": ("cpl-24", "cpl-25", "cc-577"),
    "not_delivered": ("ecl-20", "ecl-51", "cc-577"),
    "late_reissue": ("ecl-20", "cc-577"),
    "not_as_described": ("cpl-24", "cc-577"),
    "refund_refused": ("cpl-25", "cpl-26", "cc-577"),
    "vanished": ("ecl-20", "cc-577"),
}
_KIND_GROUNDS: dict[str, tuple[str, ...]] = {
    "marketplace": ("cpl-44", "ecl-61", "ecl-62"),
}
# Claiming 3× is for a court; the complaint letters ask for what the user asked for.
_FRAUD_GROUNDS = ("cpl-55",)
_FRAUD_KINDS = frozenset({"civil-complaint"})

# 消法 Art. 55: three times the price, at least 500 yuan.
FRAUD_MULTIPLE = 3
FRAUD_MINIMUM = Decimal("500.00")


@dataclass
class Draft:
    """A drafted letter: the text, the fields shown as 【待补充：…】 (by path), warnings
    ({code, message, field?}) and the separately copyable sections ({id, title, text, chars})."""

    text: str
    missing: list[str] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)
    sections: list[dict] = field(default_factory=list)


def draft(case: dict, kind: str, today: date) -> Draft:
    """Render letter `kind` for the normalised `case` (the inner "case" object)."""
    if kind not in LETTER_LABELS:
        valid = "、".join(LETTER_KINDS)
        raise ValueError(f"未知的文书类型“{kind}”，可选：{valid}")
    facts = _Facts(case, kind, today)
    template = _environment().get_template(f"{kind}.j2")
    text = _tidy(template.render(L=facts))
    sections = [_section_entry(s) for s in facts.sections] or [
        {"id": "letter", "title": LETTER_LABELS[kind], "text": text, "chars": len(text)}
    ]
    warnings = [_missing_warning(path) for path in facts.missing]
    warnings += facts.extra_warnings
    if kind == "platform-order" and len(text) > ORDER_BOX_CHARS:
        warnings.append(
            {
                "code": "too-long",
                "message": f"订单页投诉框通常只容纳约{ORDER_BOX_CHARS}字，本稿{len(text)}字；"
                "可删减后再提交，完整内容请用客服工单或邮件发送",
            }
        )
    warnings += _tone_warnings(case, text)
    return Draft(text=text, missing=list(facts.missing), warnings=warnings, sections=sections)


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


_BLANK_RUNS = re.compile(r"\n{3,}")
_NUMBERED = re.compile(r"^\d+\.\s*")


def _tidy(text: str) -> str:
    # Optional paragraphs leave blank runs behind; one blank line between blocks is enough.
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines))


def _section_entry(section: dict) -> dict:
    text = _tidy(section["text"])
    return {"id": section["id"], "title": section["title"], "text": text, "chars": len(text)}


def _missing_warning(path: str) -> dict:
    label = _label(path)
    message = f"缺少{label}，文中以“【待补充：{label}】”标出，发送前请补上"
    hint = _FIELD_HINTS.get(path)
    if hint:
        message += f"（{hint}）"
    return {"code": "missing-field", "field": path, "message": message}


def _label(path: str) -> str:
    if path in FIELD_LABELS:
        return FIELD_LABELS[path]
    match = re.fullmatch(r"case\.(\w+)\[(\d+)\]\.(\w+)", path)
    if match:
        group, _index, name = match.groups()
        return _ITEM_LABELS.get(f"{group}.{name}", name)
    return path


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


@dataclass
class Event:
    """One dated line of the timeline; `type` is ordered, found or contact."""

    type: str
    when: str
    channel: str = ""
    channel_label: str = ""
    shop_channel: bool = False
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


class _Facts:
    """What one letter says, computed from the case on demand.

    Every value a template shows goes through here, so a value that is missing becomes
    【待补充：…】 and its field path is recorded in `missing` — exactly the fields this
    letter shows, in the order they first appear.
    """

    def __init__(self, case: dict, kind: str, today: date):
        self.case = case
        self.kind = kind
        self.today = today
        self.problem = case.get("problem", "")
        self.fraud = bool(case.get("suspected_fraud"))
        self.missing: dict[str, None] = {}
        self.sections: list[dict] = []
        self.extra_warnings: list[dict] = []

    # -- plain fields ---------------------------------------------------------------

    def raw(self, path: str) -> Any:
        node: Any = self.case
        for part in path.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        return "" if node is None else node

    def has(self, path: str) -> bool:
        value = self.raw(path)
        if path.endswith(("amount", "limit")):
            return _positive_money(value)
        return str(value).strip() != ""

    def gap(self, path: str) -> str:
        full = path if path.startswith("case.") else f"case.{path}"
        self.missing.setdefault(full, None)
        return f"【待补充：{_label(full)}】"

    def need(self, path: str) -> str:
        """The value, or a placeholder that is recorded as missing."""
        return str(self.raw(path)).strip() if self.has(path) else self.gap(path)

    def amount(self, path: str = "order.amount") -> str:
        return zhformat.money(self.raw(path)) if self.has(path) else self.gap(path)

    def when(self, path: str) -> str:
        value = self.raw(path)
        return zhformat.when_zh(value) if value else self.gap(path)

    @property
    def today_zh(self) -> str:
        return zhformat.date_zh(self.today)

    @property
    def reply_by(self) -> str:
        # Calendar days, moved to the next working day when the last one is a rest day
        # (民法典 Art. 203), so the shop cannot say the deadline fell on a holiday.
        return zhformat.date_zh(add_days(self.today, REPLY_DAYS).date)

    def count(self, value: Any, path: str) -> str:
        """A positive whole number as text, or the placeholder (recorded as missing)."""
        return str(value) if isinstance(value, int) and value > 0 else self.gap(path)

    @property
    def quantity(self) -> str:
        return self.count(self.raw("order.quantity"), "order.quantity")

    @property
    def problem_label(self) -> str:
        return PROBLEM_LABELS.get(self.problem, "")

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
        """The order, the discovery and every contact, in date order.

        An event without a time keeps a sensible place: the order first, the discovery
        right after it, undated contacts last in the order the user entered them.
        """
        ordered_at = case_model.when(self.raw("order.ordered_at"))
        found_at = case_model.when(self.raw("order.problem_found_at"))
        order_key = (0, ordered_at) if ordered_at else (-1, datetime.min)
        found_key = (0, found_at) if found_at else order_key
        keyed: list[tuple[tuple, str | int]] = [
            ((*order_key, 0, 0), "ordered"),
            ((*found_key, 1, 0), "found"),
        ]
        contacts = self.case.get("contacts") or []
        for i, contact in enumerate(contacts):
            at = case_model.when(contact.get("at", ""))
            keyed.append(((0, at, 2, i) if at else (1, datetime.min, 2, i), i))
        events = []
        for _key, item in sorted(keyed, key=lambda pair: pair[0]):
            if item == "ordered":
                events.append(Event("ordered", self.when("order.ordered_at")))
            elif item == "found":
                events.append(Event("found", self.when("order.problem_found_at")))
            else:
                events.append(self._contact_event(item, contacts[item]))
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
            channel_label=case_model.CHANNELS.get(channel, ""),
            shop_channel=channel in PLATFORM_CHANNELS,
            ticket=str(contact.get("ticket", "")).strip(),
            summary=_clause(contact.get("summary", "")),
            outcome=contact.get("outcome", ""),
            promise=_clause(contact.get("promise", "")),
            promise_due=zhformat.when_zh(due) if due else "",
            promise_overdue=due_date is not None and due_date < self.today,
        )

    def contacts(self, shop_only: bool = False) -> list[Event]:
        """Contacts alone, in date order (undated last); `shop_only` keeps the attempts
        with the shop itself — what a marketplace wants to see before it steps in."""
        raw = self.case.get("contacts") or []
        keyed = []
        for i, contact in enumerate(raw):
            if shop_only and contact.get("channel") not in PLATFORM_CHANNELS:
                continue
            at = case_model.when(contact.get("at", ""))
            keyed.append(((0, at, i) if at else (1, datetime.min, i), i))
        return [self._contact_event(i, raw[i]) for _key, i in sorted(keyed)]

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
        if kind in ("refund", "compensation"):
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
            return _FAILURE_PROOF_LABELS.get(self.problem, "商品问题的记录")
        return case_model.EVIDENCE_KINDS.get(kind, "其他材料")

    def holds(self, kind: str) -> bool:
        return any(e.kind == kind for e in self.evidence_held())

    def evidence_names(self) -> list[str]:
        return [e.label + _paren(e.note) for e in self.evidence_held()]

    def platform_rules(self) -> list[dict]:
        rules = []
        for raw in self.case.get("rules") or []:
            title = _clause(raw.get("title", "")).strip("《》")
            text = _clause(raw.get("text", ""))
            if title or text:
                rules.append(
                    {"title": title, "clause": _clause(raw.get("clause", "")), "text": text}
                )
        return rules

    def grounds(self) -> list[Ground]:
        ids = list(_PROBLEM_GROUNDS.get(self.problem, ("cc-577",)))
        ids += _KIND_GROUNDS.get(self.kind, ())
        if self.fraud and self.kind in _FRAUD_KINDS:
            ids += _FRAUD_GROUNDS
        # 处罚办法 Art. 8 (stalling beyond 15 days) is the regulator's to enforce, so only the
        # 12315 letter tells it — and only once the dashboard's delay-15d deadline has passed.
        if self.kind == "12315" and self.stalled_since:
            ids.append("penalty-8")
        return [Ground(rule_id, cite) for rule_id in ids if (cite := citation(rule_id))]

    def cite(self, rule_id: str) -> str:
        return citation(rule_id)

    @property
    def stalled_since(self) -> str:
        """The day of the first request, once Art. 8's fifteen days are over; "" before that.

        deadlines.delay_period decides the start, the holiday roll and the end, so the
        letter says exactly what the delay-15d deadline on the dashboard says.
        """
        period = deadlines.delay_period(self.case)
        return zhformat.date_zh(period.start) if period and period.passed(self.today) else ""

    # -- civil complaint ------------------------------------------------------------

    def claims(self) -> list[Claim]:
        """The claims a court can rule on: one definite primary claim (a refund, else the
        re-issue), then 3× under 消法 Art. 55 when fraud is suspected, else compensation."""
        demands = list(enumerate(self.case.get("demands") or []))
        first = {}
        for i, d in demands:
            first.setdefault(d.get("kind"), (i, d))
        claims: list[Claim] = []
        if "refund" in first:
            claims.append(self._money_claim("refund", *first["refund"]))
        elif "reissue" in first:
            i, d = first["reissue"]
            claims.append(
                Claim("reissue", self.count(d.get("quantity"), f"case.demands[{i}].quantity"))
            )
        if self.fraud and citation("cpl-55"):
            claims.append(self._fraud_claim())
        elif "compensation" in first:
            claims.append(self._money_claim("compensation", *first["compensation"]))
        if not claims:
            self.gap("demands")
        return claims

    def _money_claim(self, kind: str, index: int, demand: dict) -> Claim:
        value = demand.get("amount", "")
        if not _positive_money(value):
            return Claim(kind, self.gap(f"case.demands[{index}].amount"))
        amount = zhformat.to_decimal(value)
        return Claim(kind, zhformat.money(amount), zhformat.capital_amount(amount), amount)

    def _fraud_claim(self) -> Claim:
        if not self.has("order.amount"):
            return Claim("fraud", self.gap("order.amount"))
        price = zhformat.to_decimal(self.raw("order.amount"))
        amount = max(price * FRAUD_MULTIPLE, FRAUD_MINIMUM)
        return Claim("fraud", zhformat.money(amount), zhformat.capital_amount(amount), amount)

    def claims_total(self, claims: list[Claim]) -> Claim | None:
        """The sum of the money claims, when every claim is a known sum of money."""
        if not claims or any(c.value is None for c in claims):
            return None
        total = sum((c.value for c in claims if c.value is not None), Decimal("0.00"))
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
        body = _tidy(caller())
        self.sections.append({"id": id, "title": title, "text": body})
        self.extra_warnings += [
            {"code": "note", "message": _NUMBERED.sub("", line)}
            for line in body.splitlines()
            if line.strip()
        ]
        return ""


def _paren(text: Any) -> str:
    """“（text）” for an optional remark, "" when there is none."""
    text = str(text or "").strip()
    return f"（{text}）" if text else ""


def _positive_money(value: Any) -> bool:
    try:
        return zhformat.to_decimal(value) > 0
    except ValueError:
        return False


_END_PUNCTUATION = "。；;，,、 \n\t"


def _clause(text: Any) -> str:
    """A user's phrase to be embedded mid-sentence: trimmed, trailing stop removed."""
    return str(text or "").strip().rstrip(_END_PUNCTUATION).strip()


# ------------------------------------------------------------------------- citations

_FORMAL_LAW_NAMES = {
    "消费者权益保护法": "中华人民共和国消费者权益保护法",
    "电子商务法": "中华人民共和国电子商务法",
    "民法典": "中华人民共和国民法典",
    "民事诉讼法": "中华人民共和国民事诉讼法",
}
_CITATIONS: dict[str, str] | None = None


def citation(rule_id: str) -> str:
    """《中华人民共和国消费者权益保护法》第二十四条 — or "" unless the rule is verified."""
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
        law = _FORMAL_LAW_NAMES.get(law, law).replace("《", "〈").replace("》", "〉")
        found[rule["id"]] = f"《{law}》{rule['article']}"
    return found
