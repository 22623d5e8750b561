"""What the court packet says beyond the letters' shared facts: the parties' blocks, where to
sue, the claims with their basis, the numbered evidence table and the filing checklist.

`CourtFacts` works these facts out with the others (weiquan.letter_facts); `CourtLetter` is
what the court templates (civil-complaint, complaint-elements, evidence-list, service-address)
ask while rendering: tables, and the evidence rows' places and originals. Both read as `L.…`
like every other fact. The wording lives in the templates and content/court.toml; this module
only decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from weiquan import blocks, deadlines, exhibits, letter_words, zhformat
from weiquan.letterfields import _clause


@dataclass(frozen=True)
class Pleading:
    """What a 起诉状 asks and rests on, all from the theory of the case: its claims (from the
    person's demands only), their sum, the articles the theory argues, and the recorded
    clauses of the seller or marketplace the claim also rests on. Both complaints read this
    one object, so their 诉讼请求 and 标的总额 cannot differ."""

    claims: tuple  # letter_facts.Claim
    total: object  # letter_facts.Claim | None
    grounds: tuple  # letter_facts.Ground
    clauses: tuple  # {title, clause, text, source}: the seller's or marketplace's own terms


@dataclass(frozen=True)
class Venue:
    """Where to sue: `basis` is "buyer" (goods sold and delivered online: the buyer's domicile
    is the place of performance), "defendant" (a service, or not made online) or "clause" (the
    shop's terms name a court); `internet_court` when that city has one and the contract fits."""

    basis: str
    service: bool
    city: str = ""
    internet_court: str = ""


@dataclass(frozen=True)
class ExhibitRow:
    number: int
    kind: str
    index: int
    group: str
    label: str
    note: str
    folder: str
    files: tuple
    pages: str


class CourtFacts:
    """Mixed into letter_facts' builder (which provides need, gap, has, raw, claims, grounds …)."""

    files: dict[str, list[str]]

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

    @property
    def pleading(self) -> Pleading:
        claims = tuple(self.claims())
        # A third party's document (a publisher's notice) is evidence, not a term the
        # defendant agreed to: only the seller's or marketplace's own clauses are a basis.
        clauses = tuple(r for r in self.platform_rules if r["source"] != "third_party")
        return Pleading(claims, self.claims_total(), tuple(self.grounds), clauses)

    @property
    def vanished(self) -> bool:
        """The seller cannot be found (下落不明): small claims do not apply."""
        return letter_words.of_problem(self.problem)["seller"] == "missing"

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

    @property
    def venue(self) -> Venue:
        service = self.is_service
        if self.clause and self.clause != "无":
            return Venue("clause", service)
        # Every order this app handles was placed and paid online: the buyer's domicile is
        # the place of performance, unless it is a service.
        basis = "defendant" if service else "buyer"
        where = self.raw("consumer.address") if basis == "buyer" else self._defendant_place
        courts = exhibits.data()["internet_court"]
        city = next((c["city"] for c in courts if c["city"] in str(where)), "")
        fits = self.on_marketplace or service
        court = next((c["court"] for c in courts if c["city"] == city), "")
        return Venue(basis, service, city, court if fits else "")

    @property
    def _defendant_place(self) -> str:
        return str(self.raw("merchant.domicile") or self.raw("merchant.address"))

    @property
    def court_line(self) -> str:
        """The addressee after 此致: the court the person named, else the Internet court the
        case goes to, else a placeholder."""
        if self.has("court"):
            return self.need("court")
        return self.venue.internet_court or self.gap("court")

    # -- evidence -----------------------------------------------------------------------

    @property
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
                    files=tuple(self.files.get(ex.kind, [])),
                    pages=str(item.get("pages") or ""),
                )
            )
        return rows

    @property
    def exhibit_groups(self) -> list[dict]:
        groups: list[dict] = []
        for row in self.exhibits:
            if not groups or groups[-1]["title"] != row.group:
                groups.append({"title": row.group, "items": []})
            groups[-1]["items"].append(row)
        return groups

    @property
    def venue_name(self) -> str:
        """Where the purchase happened, as the place an original record stays."""
        if self.on_marketplace:
            return self.marketplace
        if self.lone_seller:
            return "聊天软件"
        return f"网站“{self.need('merchant.name')}”"

    @property
    def chat_name(self) -> str:
        """The account the person talked to the seller from."""
        if self.lone_seller:
            return "聊天软件账号"
        return f"{self.marketplace}账号" if self.on_marketplace else "联系客服所用的账号"

    # -- dealings -----------------------------------------------------------------------

    @property
    def notice_sent(self) -> str:
        """The day a 催告/解除 notice went out (its contact says so), or ""."""
        found = deadlines.notice_contact(self.case)
        return zhformat.when_zh(found[1]["at"]) if found else ""


class CourtLetter:
    """Mixed into the letter the court templates render (letters.Letter: facts as
    attributes, `recorder`, `contacts`, `has`, `raw`)."""

    # -- markup -------------------------------------------------------------------------

    def mark(self, name: str) -> str:
        return blocks.mark(name)

    def begin_table(self, header: list[str], widths: list[int]) -> str:
        """Start a table; returns its number for the ⟨table⟩ marker line."""
        return str(self.recorder.table(header, widths))

    def table_group(self, title: str) -> str:
        self.recorder.row({"group": title})
        return f"【{title}】"

    def table_row(self, cells: list, lead: str = "") -> str:
        """One row; its text form is `lead` + the first two cells as a heading line and the
        others as "header：value" lines beneath it (legible in plain text and on a phone)."""
        cells = [str(c) for c in cells]
        header = self.recorder.row({"cells": cells})["header"]
        lines = [f"{lead}{cells[0]}　{cells[1]}"]
        lines += [f"　　{h}：{c}" for h, c in zip(header[2:], cells[2:], strict=True)]
        return "\n".join(lines)

    def element(self, label: str, value) -> str:
        """One row of a two-column 要素 | 内容 table; its text form is "label：value"."""
        value = str(value).strip()
        self.recorder.row({"cells": [label, value]})
        return f"{label}：{value}"

    # -- evidence -----------------------------------------------------------------------

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
            where.replace("{venue}", self.venue_name)
            .replace("{pay}", self.paid_via or "付款")
            .replace("{chat}", self.chat_name)
        )
        return f"电子数据打印件；原始记录在{where}（请保留备查，勿删除）"

    # -- filing -------------------------------------------------------------------------

    def small_claims(self, total) -> str:
        """Whether small-claims procedure fits: "eligible", "too-large", or "" when no limit
        is given or the claim is not only money."""
        if total is None or total.value is None or not self.has("small_claims_limit"):
            return ""
        limit = zhformat.to_decimal(self.raw("small_claims_limit"))
        return "eligible" if total.value <= limit else "too-large"

    def fee_estimate(self, total) -> str:
        """The court fee per the schedule's first band (rule fees-13), or how it is worked out."""
        fee = exhibits.data()["fee"]
        if total is not None and total.value is not None and total.value <= fee["first_band"]:
            return fee["within"]
        return fee["beyond"]

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
