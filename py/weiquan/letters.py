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

from weiquan import zhformat

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
    "case.merchant.credit_code": "统一社会信用代码",
    "case.merchant.address": "商家地址",
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
    "demands.amount": "金额",
    "evidence.pages": "页数",
}
# Where a person can find a value they do not have yet (shown in the warning).
_FIELD_HINTS: dict[str, str] = {
    "case.merchant.credit_code": "可在国家企业信用信息公示系统按商家名称查询",
    "case.merchant.address": "可查看网站底部的备案信息、店铺的营业执照信息，或在国家企业信用信息公示系统查询",
    "case.merchant.legal_rep": "可在国家企业信用信息公示系统查询",
    "case.court": "见文末“提交前须知”中的法院选择说明",
}

PROBLEM_LABELS = {
    "invalid_key": "卡密无效",
    "not_delivered": "付款后未发货",
    "late_reissue": "补单逾期未到",
    "not_as_described": "货不对板",
    "refund_refused": "拒绝退款",
    "vanished": "商家关站失联",
}
MARKETPLACE_LABELS = {
    "taobao": "淘宝",
    "pinduoduo": "拼多多",
    "jd": "京东",
    "xianyu": "闲鱼",
}
PAID_VIA_LABELS = {
    "alipay": "支付宝",
    "wechat": "微信支付",
    "bank": "银行转账",
    "platform_balance": "平台余额",
}
CHANNEL_LABELS = {
    "order_complaint": "订单页投诉",
    "ticket": "客服工单",
    "chat": "在线客服",
    "email": "邮件",
    "phone": "电话",
    "marketplace": "电商平台投诉",
    "12315": "12315平台",
    "association": "协会",
    "lawyer": "律师",
    "court": "法院",
}
# Contacts that count as "already tried the shop itself" before escalating.
SHOP_CHANNELS = frozenset({"order_complaint", "ticket", "chat", "email", "phone"})
EVIDENCE_LABELS = {
    "order_record": "订单记录",
    "payment_record": "支付记录",
    "listing_claim": "商品页面宣传内容",
    "failure_proof": "卡密使用失败的提示",
    "chat_log": "客服聊天记录",
    "call_recording": "通话录音",
    "promise_record": "商家承诺的记录",
    "platform_rules": "平台规则条款",
    "complaint_receipt": "投诉受理凭证",
    "merchant_registration": "商家主体登记信息",
    "supplier_info": "上游供应商信息",
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
_FRAUD_GROUNDS = ("cpl-55",)
_FRAUD_KINDS = frozenset({"civil-complaint", "lawyer-brief"})

# 消法 Art. 55: three times the price, at least 500 yuan.
FRAUD_MULTIPLE = 3
FRAUD_MINIMUM = Decimal("500.00")


@dataclass
class Draft:
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
    text = _tidy(template.render(L=facts, label=LETTER_LABELS[kind]))
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
    warnings += _tone_warnings(case)
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
    return _ENV


_BLANK_RUNS = re.compile(r"\n{3,}")


def _tidy(text: str) -> str:
    # Optional paragraphs leave blank runs behind; one blank line between blocks is enough.
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines))


def _section_entry(section: dict) -> dict:
    text = _tidy(section["text"])
    return {"id": section["id"], "title": section["title"], "text": text, "chars": len(text)}


def _missing_warning(path: str) -> dict:
    label = _label(path)
    message = f"文中“【待补充：{label}】”处缺少{label}，请补充后再发送"
    hint = _FIELD_HINTS.get(path)
    if hint:
        message += f"（{hint}）"
    return {"code": "missing-field", "field": path, "message": message}


def _label(path: str) -> str:
    if path in FIELD_LABELS:
        return FIELD_LABELS[path]
    match = re.fullmatch(r"case\.(\w+)\[(\d+)\]\.(\w+)", path)
    if match:
        group, index, name = match.groups()
        return _ITEM_LABELS.get(f"{group}.{name}", name)
    return path


# ------------------------------------------------------------------------ tone check


def _tone_warnings(case: dict) -> list[dict]:
    """Findings of the tone check on the user's own words (never rewritten here)."""
    try:
        from weiquan import tone
    except ImportError:
        return []
    check = getattr(tone, "check_case", None)
    if check is not None:
        return list(check(case))
    check = getattr(tone, "check", None)
    if check is None:
        return []
    findings: list[dict] = []
    for path, text in _user_texts(case):
        for finding in check(text):
            findings.append({**finding, "field": finding.get("field") or path})
    return findings


def _user_texts(case: dict):
    yield "case.facts", case.get("facts", "")
    for i, contact in enumerate(case.get("contacts", [])):
        yield f"case.contacts[{i}].summary", contact.get("summary", "")
    for i, demand in enumerate(case.get("demands", [])):
        yield f"case.demands[{i}].note", demand.get("note", "")


# ------------------------------------------------------------------ facts for letters


@dataclass
class Event:
    """One dated line of the timeline; `type` is ordered, found or contact."""

    type: str
    when: str
    sort_key: tuple
    channel: str = ""
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
    quantity: int = 0
    note: str = ""


@dataclass
class Evidence:
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
    """One numbered money claim of the civil complaint."""

    kind: str
    amount: str
    capital: str
    value: Decimal | None


class _Facts:
    """What one letter says, computed from the case on demand.

    Every value a template shows goes through here, so a value that is missing becomes
    【待补充：…】 and its field path is recorded in `missing` — exactly the fields this
    letter shows, in the order they appear.
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
            if not isinstance(node, dict):
                return ""
            node = node.get(part, "")
        return "" if node is None else node

    def has(self, path: str) -> bool:
        value = self.raw(path)
        if path in ("order.amount",) or path.endswith(".amount"):
            return _positive_money(value)
        return str(value).strip() != ""

    def gap(self, path: str) -> str:
        full = path if path.startswith("case") else f"case.{path}"
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

    def date(self, value: date | str) -> str:
        return zhformat.date_zh(value)

    @property
    def today_zh(self) -> str:
        return zhformat.date_zh(self.today)

    @property
    def reply_by(self) -> str:
        from weiquan.calendar import add_days

        return zhformat.date_zh(add_days(self.today, REPLY_DAYS).date)

    @property
    def quantity(self) -> str:
        value = self.raw("order.quantity")
        return str(value) if isinstance(value, int) and value > 0 else self.gap("order.quantity")

    @property
    def problem_label(self) -> str:
        return PROBLEM_LABELS.get(self.problem, "")

    @property
    def paid_via(self) -> str:
        """支付宝 / 微信支付 …; empty for "other" so the sentence just says 支付."""
        return PAID_VIA_LABELS.get(self.raw("order.paid_via"), "")

    @property
    def marketplace(self) -> str:
        """Name of the marketplace the shop lives on, "" for a standalone site."""
        key = self.raw("merchant.marketplace")
        if key in MARKETPLACE_LABELS:
            return MARKETPLACE_LABELS[key]
        if key == "other":
            return self.need("merchant.marketplace_name")
        return ""

    def marketplace_for_letter(self) -> str:
        """The addressee of the marketplace letter; a standalone site has none."""
        name = self.marketplace
        if name:
            return name
        self.extra_warnings.append(
            {
                "code": "not-applicable",
                "message": "案件中的商家没有登记所在电商平台（淘宝、拼多多、京东、闲鱼等），"
                "这封申请没有收信方；独立网站的卡盟请改用 12315 投诉",
            }
        )
        return self.gap("merchant.marketplace")

    @property
    def on_marketplace(self) -> bool:
        return self.raw("merchant.marketplace") not in ("", "none")

    # -- lists ----------------------------------------------------------------------

    def timeline(self) -> list[Event]:
        """Order, discovery and every contact, in date order.

        Events without a time keep a sensible place: the order first, the discovery next,
        undated contacts last in the order the user entered them.
        """
        events = [
            self._event("ordered", "order.ordered_at", rank=0),
            self._event("found", "order.problem_found_at", rank=1),
        ]
        for i, contact in enumerate(self.case.get("contacts") or []):
            events.append(self._contact_event(i, contact))
        return sorted(events, key=lambda e: e.sort_key)

    def _event(self, type_: str, path: str, rank: int) -> Event:
        value = self.raw(path)
        parsed = zhformat.parse_when(value)
        key = (0, parsed, rank) if parsed else (-1, None, rank)
        return Event(type=type_, when=self.when(path), sort_key=_sortable(key, rank))

    def _contact_event(self, i: int, contact: dict) -> Event:
        path = f"contacts.{i}.at"
        value = contact.get("at", "")
        parsed = zhformat.parse_when(value)
        if parsed:
            when = zhformat.when_zh(value)
        else:
            when = self.gap(f"case.contacts[{i}].at")
        due_raw = contact.get("promise_due", "")
        due = zhformat.parse_when(due_raw)
        del path
        return Event(
            type="contact",
            when=when,
            sort_key=_sortable((0, parsed, 2) if parsed else (1, None, 2), i),
            channel=CHANNEL_LABELS.get(contact.get("channel", ""), "其他方式"),
            ticket=str(contact.get("ticket", "")).strip(),
            summary=_clause(contact.get("summary", "")),
            outcome=contact.get("outcome", ""),
            promise=_clause(contact.get("promise", "")),
            promise_due=zhformat.when_zh(due_raw) if due else "",
            promise_overdue=bool(due) and due.date() < self.today,
        )

    def shop_contacts(self) -> list[Event]:
        """Contacts with the shop itself (the attempts a marketplace wants to see first)."""
        channels = {CHANNEL_LABELS[c] for c in SHOP_CHANNELS}
        return [e for e in self.timeline() if e.type == "contact" and e.channel in channels]

    def demand_groups(self) -> list[list[Demand]]:
        """Demands in the user's order; refund and reissue form one either/or item."""
        demands = [self._demand(i, d) for i, d in enumerate(self.case.get("demands") or [])]
        if not demands:
            self.gap("demands")
            return []
        groups: list[list[Demand]] = []
        either = [d for d in demands if d.kind in ("refund", "reissue")]
        for demand in demands:
            if demand.kind in ("refund", "reissue"):
                if demand is either[0]:
                    groups.append(either)
            else:
                groups.append([demand])
        return groups

    def _demand(self, i: int, raw: dict) -> Demand:
        kind = raw.get("kind", "other")
        demand = Demand(kind=kind, note=_clause(raw.get("note", "")))
        if kind in ("refund", "compensation"):
            amount = raw.get("amount", "")
            if _positive_money(amount):
                demand.amount = zhformat.money(amount)
            else:
                demand.amount = self.gap(f"case.demands[{i}].amount")
        if kind == "reissue":
            quantity = raw.get("quantity", 1)
            demand.quantity = quantity if isinstance(quantity, int) and quantity > 0 else 1
        return demand

    def evidence_held(self) -> list[Evidence]:
        items = []
        for i, raw in enumerate(self.case.get("evidence") or []):
            if not raw.get("have"):
                continue
            pages = raw.get("pages", "")
            items.append(
                Evidence(
                    kind=raw.get("kind", ""),
                    label=EVIDENCE_LABELS.get(raw.get("kind", ""), "其他材料"),
                    note=_clause(raw.get("note", "")),
                    pages=str(pages) if pages else "",
                )
            )
            items[-1].index = i  # type: ignore[attr-defined]
        return items

    def pages(self, item: Evidence) -> str:
        if item.pages:
            return item.pages
        return self.gap(f"case.evidence[{item.index}].pages")  # type: ignore[attr-defined]

    def evidence_lacking(self) -> list[str]:
        return [
            EVIDENCE_LABELS.get(raw.get("kind", ""), "其他材料")
            for raw in self.case.get("evidence") or []
            if not raw.get("have")
        ]

    def platform_rules(self) -> list[dict]:
        rules = []
        for raw in self.case.get("rules") or []:
            title = _clause(raw.get("title", ""))
            clause = str(raw.get("clause", "")).strip()
            text = _clause(raw.get("text", ""))
            if title or text:
                rules.append({"title": title, "clause": clause, "text": text})
        return rules

    def grounds(self) -> list[Ground]:
        ids = list(_PROBLEM_GROUNDS.get(self.problem, ("cc-577",)))
        ids += _KIND_GROUNDS.get(self.kind, ())
        if self.fraud and self.kind in _FRAUD_KINDS:
            ids += _FRAUD_GROUNDS
        return [Ground(rule_id, cite) for rule_id in ids if (cite := citation(rule_id))]

    def cite(self, rule_id: str) -> str:
        return citation(rule_id)

    # -- civil complaint ------------------------------------------------------------

    def claims(self) -> list[Claim]:
        """Money (or delivery) claims: the refund, 3× under 消法 Art. 55, compensation."""
        claims: list[Claim] = []
        demands = self.case.get("demands") or []
        refund = next(((i, d) for i, d in enumerate(demands) if d.get("kind") == "refund"), None)
        reissue = next((d for d in demands if d.get("kind") == "reissue"), None)
        if refund is not None:
            claims.append(self._money_claim("refund", f"case.demands[{refund[0]}].amount"))
        elif reissue is not None:
            quantity = reissue.get("quantity", 1)
            claims.append(Claim("reissue", str(quantity), "", None))
        if self.fraud and citation("cpl-55"):
            claims.append(self._fraud_claim())
        else:
            found = next(
                ((i, d) for i, d in enumerate(demands) if d.get("kind") == "compensation"), None
            )
            if found is not None:
                claims.append(self._money_claim("compensation", f"case.demands[{found[0]}].amount"))
        if not claims:
            self.gap("demands")
        return claims

    def _money_claim(self, kind: str, path: str) -> Claim:
        value = self.raw(path)
        if not _positive_money(value):
            return Claim(kind, self.gap(path), "", None)
        amount = zhformat.to_decimal(value)
        return Claim(kind, zhformat.money(amount), zhformat.capital_amount(amount), amount)

    def _fraud_claim(self) -> Claim:
        price = self.raw("order.amount")
        if not _positive_money(price):
            return Claim("fraud", self.gap("order.amount"), "", None)
        amount = max(zhformat.to_decimal(price) * FRAUD_MULTIPLE, FRAUD_MINIMUM)
        return Claim("fraud", zhformat.money(amount), zhformat.capital_amount(amount), amount)

    def claims_total(self, claims: list[Claim]) -> Claim | None:
        """Sum of the money claims, when every claim is a known amount of money."""
        if not claims or any(c.value is None for c in claims):
            return None
        total = sum((c.value for c in claims if c.value is not None), Decimal("0"))
        return Claim("total", zhformat.money(total), zhformat.capital_amount(total), total)

    def small_claims(self, total: Claim | None) -> str:
        """"eligible", "too-large" or "" (no limit given, or not a pure money claim)."""
        limit = self.raw("small_claims_limit")
        if total is None or not _positive_money(limit):
            return ""
        return "eligible" if total.value <= zhformat.to_decimal(limit) else "too-large"

    @property
    def small_claims_limit(self) -> str:
        return zhformat.money(self.raw("small_claims_limit"))

    # -- sections -------------------------------------------------------------------

    def section(self, id: str, title: str, caller) -> str:
        """`{% call L.section(id, title) %}…{% endcall %}` marks a separately copyable part."""
        body = caller()
        self.sections.append({"id": id, "title": title, "text": body})
        return body


def _sortable(key: tuple, tiebreak: int) -> tuple:
    # datetime and None cannot be compared; put the datetime in a tuple only when present.
    group, when, rank = key
    return (group, when or datetime.min, rank, tiebreak)


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
        if _get(rule, "status") != "verified":
            continue
        law = str(_get(rule, "law")).strip("《》")
        law = _FORMAL_LAW_NAMES.get(law, law)
        found[_get(rule, "id")] = f"《{law}》{_article(_get(rule, 'article'))}"
    return found


def _get(rule: Any, key: str) -> Any:
    return rule[key] if isinstance(rule, dict) else getattr(rule, key)


def _article(value: Any) -> str:
    text = str(value).strip()
    if text.isdigit():
        return zhformat.article(int(text))
    match = re.fullmatch(r"第?(\d+)条?(.*)", text)
    if match:
        return zhformat.article(int(match.group(1))) + match.group(2)
    return text
