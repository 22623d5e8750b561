"""A letter's structure (title, headings, paragraphs, signature, tables) for the Word file.

Templates keep producing the letter as text. A small markup, invisible in that text, says
what a line is where the text alone cannot; it is a marker at the very start of a line:

    ⟨title⟩民事起诉状          the document's title (centred, large)
    ⟨heading⟩诉讼请求          a section heading
    ⟨right⟩具状人（签字）：…    right-aligned (signature, date)
    ⟨left⟩北京互联网法院       no first-line indent (the addressee after 此致)
    ⟨center⟩（买卖合同纠纷）    centred (a subtitle)
    ⟨table⟩0                   the lines up to ⟨endtable⟩ are the table's text form; the
    …                          Word file shows table 0 (registered by the template) instead
    ⟨endtable⟩

where ⟨name⟩ is MARK + name + END (private-use characters no keyboard types; case text is
cleaned of them before rendering, see `scrub`). Templates write markers with `L.mark(name)`.
Letters without markers get their structure from the text's own shape (`_guess`): a short
first line is the title, 【…】, 一、… and short "…：" lines are headings, an addressee ("致：…",
"某某客服：") is flush left, and a closing run of short lines ending in a date is the signature.

Block: {"type": "title"|"heading"|"paragraph"|"left"|"center"|"right"|"table", "text": str,
        "space_before": bool} — a table has "header": [str] and "rows": [row] where a row is
{"cells": [str]} or {"group": str} (a group title spanning the table); an all-empty header
means no header row (a two-column 要素 | 内容 table). "widths" are the columns' shares.
"""

from __future__ import annotations

import re

MARK, END = "\ue000", "\ue001"
_MARKED = re.compile(f"^{MARK}(\\w+){END}(.*)$")
_ANY_MARK = re.compile(f"{MARK}\\w*{END}?|{END}")
_DATE_LINE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")
_HEADING = re.compile(
    r"^(【[^】]{1,16}】|[一二三四五六七八九十]{1,3}、[^。；]{1,24}|[^。；，]{1,12}：)$"
)
_TITLE_END = "。；，：:"
# The addressee of a letter, flush left: "致：…", or a salutation "某某客服及售后负责人：".
_ADDRESSEE = re.compile(r"^(致：.*|[^。；，：]{1,40}：)$")


def mark(name: str) -> str:
    return f"{MARK}{name}{END}"


def scrub(value):
    """The case with the marker characters removed from every string (a pasted private-use
    character must not become structure)."""
    if isinstance(value, str):
        return (
            value.replace(MARK, "").replace(END, "") if (MARK in value or END in value) else value
        )
    if isinstance(value, dict):
        return {k: scrub(v) for k, v in value.items()}
    if isinstance(value, list):
        return [scrub(v) for v in value]
    return value


def plain(marked: str) -> str:
    """The text a person copies: marker-only lines dropped, markers removed."""
    lines = []
    for line in marked.split("\n"):
        found = _MARKED.match(line)
        if found and found.group(1) in ("table", "endtable"):
            continue
        lines.append(_ANY_MARK.sub("", line))
    return "\n".join(lines)


def parse(marked: str, tables: list[dict]) -> list[dict]:
    """The blocks of a tidied, marked letter."""
    blocks: list[dict] = []
    gap = False
    table_at: int | None = None
    explicit = MARK in marked
    for line in marked.split("\n"):
        found = _MARKED.match(line)
        kind, text = (found.group(1), found.group(2)) if found else ("", line)
        if table_at is not None:
            if kind == "endtable":
                blocks.append(
                    {**tables[table_at], "type": "table", "text": "", "space_before": True}
                )
                table_at, gap = None, True
            continue
        if kind == "table":
            table_at = int(text.strip())
            continue
        if not text.strip():
            gap = True
            continue
        blocks.append({"type": kind or "paragraph", "text": text, "space_before": gap})
        gap = False
    return blocks if explicit else _guess(blocks)


def _guess(blocks: list[dict]) -> list[dict]:
    """Structure from the shape of an unmarked letter's lines."""
    if not blocks:
        return blocks
    first = blocks[0]["text"]
    short = len(first) <= 32 and first[-1] not in _TITLE_END
    if short and not first.startswith("【") and "：" not in first:
        blocks[0]["type"] = "title"
    for i, block in enumerate(blocks):
        if block["type"] != "paragraph":
            continue
        text = block["text"]
        if _HEADING.match(text):
            block["type"] = "heading"
        elif (i and blocks[i - 1]["text"] == "此致") or _ADDRESSEE.match(text):
            block["type"] = "left"
    # The signature: the last run of short lines (after a blank line) ending in a date.
    start = max((i for i, b in enumerate(blocks) if b["space_before"]), default=0)
    tail = blocks[start:]
    if (
        tail
        and _DATE_LINE.match(tail[-1]["text"])
        and all(len(b["text"]) <= 30 and b["type"] == "paragraph" for b in tail)
    ):
        for block in tail:
            block["type"] = "right"
    return blocks
