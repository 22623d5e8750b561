"""Drafting of every letter from one case: facts, law and demands rendered by Jinja2.

Templates live in `content/letters/<kind>.j2` and share `_common.j2`, so the facts,
amounts and demands are worded once and come out the same in every letter. Python decides
*what* goes in: the facts are computed once per draft and frozen (weiquan.letter_facts);
rendering reads them through `Letter` (the templates' `L`), and what it notices — the
missing fields in the order the letter shows them, sections, warnings, tables — goes to the
draft's Recorder (weiquan.letter_record). The templates, and the words that depend on the
problem (content/letter_words.toml), decide how it reads.

The case values are always passed to templates as data and never become template source,
so a user's `{{ … }}` or `<script>` in a text field comes out literally.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from weiquan import blocks as blocks_of
from weiquan import knowledge, letter_facts, theory, tone
from weiquan.court import CourtLetter
from weiquan.letter_facts import Facts, citation
from weiquan.letter_record import Gap, Recorder
from weiquan.letterfields import Fields, _clause, _missing_warning, _paren

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

# The order-page complaint box is small; longer text is cut off or refused by many shops.
ORDER_BOX_CHARS = 300


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
    facts = letter_facts.compute(blocks_of.scrub(case), kind, today, files or {})
    recorder = Recorder()
    template = _environment().get_template(f"{kind}.j2")
    marked = _tidy(template.render(L=Letter(facts, recorder)))
    text = _tidy(blocks_of.plain(marked))
    sections = [_section_entry(s) for s in recorder.sections] or [
        {"id": "letter", "title": LETTER_LABELS[kind], "text": text, "chars": len(text)}
    ]
    warnings = [_missing_warning(path, label or "") for path, label in recorder.missing.items()]
    warnings += recorder.warnings
    warnings += _pleading_notes(case, kind, facts)
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
        missing=list(recorder.missing),
        warnings=warnings,
        sections=sections,
        blocks=blocks_of.parse(marked, recorder.tables),
    )


def _pleading_notes(case: dict, kind: str, facts: Facts) -> list[dict]:
    """Why a 起诉状 claims no 3× damages although the person asked, or suspects fraud."""
    if kind not in ("civil-complaint", "complaint-elements") or facts.treble:
        return []
    if knowledge.asks_treble(case):
        return [{"code": "note", "message": theory.note("treble_dropped")}]
    if not facts.fraud:
        return []
    if facts.consumer_law:
        note = theory.note("fraud_without_treble")
    elif facts.theory["situation"].get("consumer_law") == "unknown":
        # Not known to be a business: neither promise nor rule out the 3×.
        note = theory.note("fraud_unknown")
    else:
        note = theory.note("fraud_private")
    return [{"code": "note", "message": note}]


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


# ------------------------------------------------------------------- the letter's L


class Letter(CourtLetter, Fields):
    """`L` in the templates: the draft's facts as attributes (showing one records the gaps
    it holds), the case's fields by path (`need`, `when`, `amount` …), the sentences of the
    cause for this letter's me and them, and what only rendering knows — the sections, the
    asides, the tables — handed to the draft's recorder."""

    def __init__(self, facts: Facts, recorder: Recorder):
        super().__init__(facts.case)
        self.facts = facts
        self.recorder = recorder

    def missing(self, gap: Gap) -> None:
        self.recorder.note([gap])

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_") or name in ("facts", "recorder"):
            raise AttributeError(name)
        value = getattr(self.facts, name)
        self.recorder.note(self.facts.gaps[name])
        return value

    def contacts(self, shop_only: bool = False, party: str = "") -> tuple:
        """Contacts alone, in time order (undated last); `shop_only` keeps the attempts
        with the shop itself; `party` keeps those with one party (e.g. the marketplace's
        own tickets)."""
        events = self.shop_contacts_in_order if shop_only else self.contacts_in_order
        return tuple(e for e in events if not party or e.party == party)

    def cite(self, rule_id: str) -> str:
        return citation(rule_id)

    def say(self, key: str, me: str = "本人", them: str = "对方", **extra) -> str:
        """A sentence of the cause (content/causes.toml), for this letter's me and them."""
        text = theory.say(self.cause[key], me=me, them=them, **self.part, **extra)
        return theory.say(text, fault=self.fault) if "{fault}" in text else text

    def formed(self, me: str, them: str) -> str:
        """How the contract came about, where the cause argues one."""
        text = self.cause.get("formed", theory.phrase("formed"))
        return theory.say(text, me=me, them=them)

    def stance_line(self, me: str, them: str) -> str:
        """Where things stand with the other side, then what is still undone."""
        outstanding = self.say("outstanding", me, them)
        return theory.stance_line(self.theory, me=me, them=them, outstanding=outstanding)

    def marketplace_addressee(self) -> str:
        """The addressee of the marketplace letter; a standalone site has none."""
        if self.on_marketplace:
            return self.marketplace
        self.recorder.warn(
            {
                "code": "not-applicable",
                "field": "case.merchant.marketplace",
                "message": "案件中没有登记商家所在的电商平台（淘宝、拼多多、京东、闲鱼等），"
                "这份申请没有收件方；独立网站的卡盟请改用 12315 投诉",
            }
        )
        return self.gap("merchant.marketplace")

    def section(self, id: str, title: str, caller) -> str:
        """`{% call L.section(id, title) %}…{% endcall %}` marks a separately copyable part."""
        body = caller()
        self.recorder.section(id, title, body)
        return body

    def aside(self, id: str, title: str, caller) -> str:
        """Advice for the user, not for the recipient: a section and one "note" warning per
        numbered line, but nothing in the text, which must be exactly what gets sent."""
        body = _tidy(blocks_of.plain(caller()))
        self.recorder.section(id, title, body)
        for line in body.splitlines():
            if line.strip():
                self.recorder.warn({"code": "note", "message": _NUMBERED.sub("", line)})
        return ""
