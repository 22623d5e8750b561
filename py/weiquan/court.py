"""What the court packet says beyond the letters' shared facts: the parties' blocks, where to
sue, the claims with their basis, the numbered evidence table and the filing checklist.

`CourtFacts` is mixed into letters._Facts, so the court templates (civil-complaint,
complaint-elements, evidence-list, service-address) read these as `L.…` like every other fact.
The wording lives in the templates and content/court.toml; this module only decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from weiquan import blocks, deadlines, exhibits, zhformat
from weiquan.letterfields import _clause

# Problems in which the seller cannot be found (下落不明): no small-claims assertion.
_VANISHED = ("vanished", "scammed")
# Up to this sum the fee schedule's first band applies (rule fees-13).
FIRST_FEE_BAND = Decimal("10000")
FIRST_FEE = Decimal("50")


@dataclass
class Pleading:
    """What a 起诉状 asks and rests on, all from the theory of the case: its claims (from the
    person's demands only), their sum, the articles the theory argues, and the recorded
    clauses of the seller or marketplace the claim also rests on. Both complaints read this
    one object, so their 诉讼请求 and 标的总额 cannot differ."""

    claims: list  # letters.Claim
    total: object  # letters.Claim | None
    grounds: list  # letters.Ground
    clauses: list  # {title, clause, text, source}: the seller's or marketplace's own terms


@dataclass
class Venue:
    """Where to sue: `basis` is "buyer" (goods sold and delivered online: the buyer's domicile
    is the place of performance), "defendant" (a service, or not made online) or "clause" (the
    shop's terms name a court); `internet_court` when that city has one and the contract fits."""

    basis: str
    service: bool
    city: str = ""
    internet_court: str = ""


@dataclass
class ExhibitRow:
    number: int
    kind: str
    index: int
    group: str
    label: str
    note: str
    folder: str
    files: list
    pages: str


class CourtFacts:
    """Mixed into letters._Facts (which provides need, gap, has, raw, claims, grounds …)."""

    tables: list[dict]
    files: dict[str, list[str]]

    # -- markup -------------------------------------------------------------------------

    def mark(self, name: str) -> str:
        return blocks.mark(name)

    def begin_table(self, header: list[str], widths: list[int]) -> str:
        """Start a table; returns its number for the ⟨table⟩ marker line."""
        self.tables.append({"header": list(header), "widths": list(widths), "rows": []})
        return str(len(self.tables) - 1)

    def table_group(self, title: str) -> str:
        self.tables[-1]["rows"].append({"group": title})
        return f"【{title}】"

    def table_row(self, cells: list, lead: str = "") -> str:
        """One row; its text form is `lead` + the first two cells as a heading line and the
        others as "header：value" lines beneath it (legible in plain text and on a phone)."""
        cells = [str(c) for c in cells]
        table = self.tables[-1]
        table["rows"].append({"cells": cells})
        header = table["header"]
        lines = [f"{lead}{cells[0]}　{cells[1]}"]
        lines += [f"　　{h}：{c}" for h, c in zip(header[2:], cells[2:], strict=True)]
        return "\n".join(lines)

    def element(self, label: str, value) -> str:
        """One row of a two-column 要素 | 内容 table; its text form is "label：value"."""
        value = str(value).strip()
        self.tables[-1]["rows"].append({"cells": [label, value]})
        return f"{label}：{value}"

    # -- parties ------------------------------------------------------------------------

    @property
    def defendant_form(self) -> str:
        """The theory's defendant: company · sole_trader (a credit code starting 92, also
        when the seller looked private) · person · unknown (a business of unknown form, or
        nobody knows who it is: the 起诉状 asks for it to be found, never guesses a form).
        A registered name that itself says 有限公司 is a company whatever else is unknown."""
        form = self.theory["defendant"]
        name = str(self.raw("merchant.legal_name")).strip()
        if form == "unknown" and re.search(exhibits.data()["company_name"]["pattern"], name):
            return "company"
        return form

    @property
    def merchant_domicile(self) -> str:
        """A natural person's 住所: merchant.domicile, else the address known."""
        if self.has("merchant.domicile"):
            return self.need("merchant.domicile")
        return self.need("merchant.address", "被告住所")

    # -- claims and basis ---------------------------------------------------------------

    @cached_property
    def _pleading(self) -> Pleading:
        claims = self.claims()
        # A third party's document (a publisher's notice) is evidence, not a term the
        # defendant agreed to: only the seller's or marketplace's own clauses are a basis.
        clauses = [r for r in self.platform_rules() if r["source"] != "third_party"]
        return Pleading(claims, self.claims_total(claims), self.grounds(), clauses)

    def pleading(self) -> Pleading:
        return self._pleading

    @property
    def vanished(self) -> bool:
        """The seller cannot be found (下落不明): small claims do not apply."""
        return self.problem in _VANISHED

    # -- jurisdiction -------------------------------------------------------------------

    @property
    def is_service(self) -> bool:
        """A top-up or membership the seller performs on an account, not goods handed over."""
        rules = exhibits.data()["service"]
        item = str(self.raw("order.item"))
        if self.has("order.service_days"):
            return True
        if re.search(rules["goods_pattern"], item, re.I):
            return False
        return bool(re.search(rules["item_pattern"], item, re.I))

    @property
    def clause(self) -> str:
        """The shop's jurisdiction term as written; "" unknown, "无" none."""
        return str(self.raw("jurisdiction_clause")).strip()

    def venue(self) -> Venue:
        service = self.is_service
        if self.clause and self.clause != "无":
            return Venue("clause", service)
        basis = "defendant" if service or not self._made_online else "buyer"
        where = self.raw("consumer.address") if basis == "buyer" else self._defendant_place
        city = next(
            (c["city"] for c in exhibits.data()["internet_court"] if c["city"] in str(where)), ""
        )
        fits = self.on_marketplace or service
        court = next(
            (c["court"] for c in exhibits.data()["internet_court"] if c["city"] == city), ""
        )
        return Venue(basis, service, city, court if fits else "")

    @property
    def _made_online(self) -> bool:
        return True  # every order this app handles was placed and paid online

    @property
    def _defendant_place(self) -> str:
        return str(self.raw("merchant.domicile") or self.raw("merchant.address"))

    @property
    def court_line(self) -> str:
        """The addressee after 此致: the court the person named, else the Internet court the
        case goes to, else a placeholder."""
        if self.has("court"):
            return self.need("court")
        venue = self.venue()
        return venue.internet_court or self.gap("court")

    # -- evidence -----------------------------------------------------------------------

    def exhibits(self) -> list[ExhibitRow]:
        """The evidence held, numbered as the 证据包 numbers its folders (exhibits.numbered)."""
        raw = self.case.get("evidence") or []
        rows = []
        for ex in exhibits.numbered(self.case, tuple(self.files)):
            item = raw[ex.index] if ex.index >= 0 else {}
            rows.append(
                ExhibitRow(
                    number=ex.number,
                    kind=ex.kind,
                    index=ex.index,
                    group=ex.group,
                    label=self.evidence_label(ex.kind),
                    note=_clause(item.get("note", "")),
                    folder=ex.folder,
                    files=list(self.files.get(ex.kind, [])),
                    pages=str(item.get("pages") or ""),
                )
            )
        return rows

    def exhibit_groups(self) -> list[dict]:
        groups: list[dict] = []
        for row in self.exhibits():
            if not groups or groups[-1]["title"] != row.group:
                groups.append({"title": row.group, "items": []})
            groups[-1]["items"].append(row)
        return groups

    def exhibit_place(self, row: ExhibitRow) -> str:
        """页码或文件名: the files in the 证据包 when known, else its folder; pages if given."""
        place = "、".join(row.files) if row.files else f"证据包“{row.folder}”文件夹"
        return f"{row.pages}；{place}" if row.pages else place

    def exhibit_original(self, row: ExhibitRow) -> str:
        """原件/复印件: where the original of electronic data stays, with the reminder."""
        data = exhibits.data()
        if row.kind in data["printout"]:
            return data["printout"][row.kind]
        where = data["original"].get(row.kind, "本人手机中的原始文件")
        if row.kind == "chat_log" and self.contacts(party="third_party"):
            # A call to Steam or a game operator is not held in the shop's chat.
            mixed = bool(self.contacts(party="merchant"))
            where = data["original_third_party"]["mixed" if mixed else "only"]
        where = (
            where.replace("{venue}", self._venue_name)
            .replace("{pay}", self._pay_name)
            .replace("{chat}", self._chat_name)
        )
        return f"电子数据打印件；原始记录在{where}（请保留备查，勿删除）"

    @property
    def _venue_name(self) -> str:
        if self.on_marketplace:
            return self.marketplace
        if self.lone_seller:
            return "聊天软件"
        return f"网站“{self.need('merchant.name')}”"

    @property
    def _pay_name(self) -> str:
        return self.paid_via or "付款"

    @property
    def _chat_name(self) -> str:
        if self.lone_seller:
            return "聊天软件账号"
        return f"{self.marketplace}账号" if self.on_marketplace else "联系客服所用的账号"

    # -- dealings -----------------------------------------------------------------------

    @property
    def notice_sent(self) -> str:
        """The day a 催告/解除 notice went out (its contact says so), or ""."""
        found = deadlines.notice_contact(self.case)
        return zhformat.when_zh(found[1]["at"]) if found else ""

    # -- filing -------------------------------------------------------------------------

    def fee_estimate(self, total) -> str:
        """The court fee per the schedule's first band (rule fees-13), or how it is worked out."""
        if total is not None and total.value is not None and total.value <= FIRST_FEE_BAND:
            return f"请求金额不超过一万元，案件受理费每件{FIRST_FEE}元"
        return "案件受理费按请求金额分段计算，以法院核算的为准"

    def filing_steps(self, total, cite: str) -> list[str]:
        """The checklist of content/court.toml with the copies and the fee filled in; `cite` is
        the fee schedule's citation (shown when its rule is verified)."""
        copies = 1  # one defendant: the seller
        fee = self.fee_estimate(total)
        if cite:
            fee += f"（{cite}）"
        fee += "。"
        return [
            step["text"]
            .replace("{copies_plus_one}", str(copies + 1))
            .replace("{copies}", str(copies))
            .replace("{fee}", fee)
            for step in exhibits.data()["filing"]
        ]
