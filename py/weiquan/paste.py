"""智能粘贴: the case fields found in text copied from an order page or a payment bill.

Typing a 19-digit order number on a phone is where people give up; the order and bill pages
they already have open let them copy the whole details text. This module reads that text and
returns each field it recognised with the label it came from and a confidence.

Which label on which page means which field is data (`content/paste.toml`, loaded by
weiquan.paste_layouts; one value is read by weiquan.paste_values). A page is
recognised only when one of its marker words appears and enough of its labels carry a value
of the right shape; anything else returns nothing — never a guess. When the same label
carries two different values the field is left out rather than picked by position.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from weiquan import fields
from weiquan.case import FieldError
from weiquan.paste_layouts import (
    FILE,
    KINDS,
    Label,
    PasteDataError,
    Source,
    Vocabulary,
    parse_vocabulary,
    vocabulary,
)
from weiquan.paste_values import digits_read, read_money, read_value
from weiquan.protocol import ApiError

# The pages it knows (weiquan.paste_layouts) and reading one value (weiquan.paste_values) are
# imported from here by the page's callers and the tests: paste is the one front door.
__all__ = [
    "FILE",
    "KINDS",
    "MAX_TEXT",
    "Label",
    "PasteDataError",
    "Source",
    "Vocabulary",
    "api_paste",
    "cli_paste",
    "digits_read",
    "fold",
    "parse_vocabulary",
    "read_value",
    "recognise",
    "vocabulary",
]

MAX_TEXT = 50_000  # a details page is a few hundred characters; a novel is not an order
_BARE_AMOUNT_RE = re.compile(r"-\s*¥?\s*(\d{1,3}(?:,\d{3})+|\d+)\.(\d{2})")
# A bill's amount as a screenshot may give it: the minus sign lost, or a ¥ before it.
_UNSIGNED_AMOUNT_RE = re.compile(r"¥?\s*(\d{1,3}(?:,\d{3})+|\d+)\.(\d{2})")


# ------------------------------------------------------------------ finding labels


@dataclass(frozen=True)
class Found:
    label: str
    value: str  # folded (NFKC): what ids, times and money are read from
    original: str  # as the person copied it: names keep their full-width （）
    line: int  # 1-based line of the label
    next_line: bool  # the value was on the following line


@dataclass(frozen=True)
class Line:
    original: str
    folded: str
    origin: tuple[int, ...]  # origin[i]: where folded character i came from in `original`

    def source_of(self, start: int, end: int) -> str:
        return self.original[self.origin[start] : self.origin[end]].strip()


def fold(text: str) -> str:
    """The text as it is read: each line stripped, full-width digits, letters, colons and ￥
    folded to their plain forms (NFKC)."""
    return "\n".join(line.folded for line in _lines(text))


def _line(original: str) -> Line:
    original = original.strip()
    if unicodedata.is_normalized("NFKC", original):  # most lines: nothing to fold
        return Line(original, original, tuple(range(len(original) + 1)))
    folded, origin = [], []
    for index, ch in enumerate(original):
        piece = unicodedata.normalize("NFKC", ch)
        folded.append(piece)
        origin.extend([index] * len(piece))
    origin.append(len(original))
    return Line(original, "".join(folded), tuple(origin))


def _lines(text: str) -> list[Line]:
    return [_line(line) for line in text.splitlines()]


def _value_span(line: Line, start: int, end: int) -> tuple[int, int]:
    while start < end and (line.folded[start].isspace() or line.folded[start] == ":"):
        start += 1
    while end > start and line.folded[end - 1].isspace():
        end -= 1
    return start, end


def column_values(lines: list[Line], labels: set[str], vocab: Vocabulary) -> dict[int, int]:
    """Label line → value line where a page's two columns were read one after the other.

    A recognised screenshot may give a column of n labels, each alone on its line, and then
    the column of their n values; they pair up in order only when the counts match exactly."""
    filled = [i for i, line in enumerate(lines) if line.folded]
    pairs: dict[int, int] = {}
    k = 0
    while k < len(filled):
        run = k
        while run < len(filled) and lines[filled[run]].folded in labels:
            run += 1
        n = run - k
        values = filled[run : run + n]
        if (
            n >= 2
            and len(values) == n
            and not any(
                vocab.pattern.match(lines[i].folded) or lines[i].folded in labels for i in values
            )
        ):
            after = filled[run + n] if run + n < len(filled) else None
            # The column ends there: the next line is a label again, or there is none.
            if after is None or vocab.pattern.match(lines[after].folded):
                pairs.update(zip(filled[k:run], values, strict=True))
                k = run + n
                continue
        k = max(run, k + 1)
    return pairs


def find_labels(lines: list[Line], vocab: Vocabulary) -> list[Found]:
    """Every known label in label position, with the text up to the next label or line end."""
    labels = {lab.label for s in vocab.sources for lab in s.labels} | set(vocab.other_labels)
    columns = column_values(lines, labels, vocab)
    out: list[Found] = []
    for index, line in enumerate(lines):
        matches = list(vocab.pattern.finditer(line.folded))
        for k, match in enumerate(matches):
            end = matches[k + 1].start() if k + 1 < len(matches) else len(line.folded)
            start, end = _value_span(line, match.end(), end)
            value, original = line.folded[start:end], line.source_of(start, end)
            on_next = False
            if not value and index in columns:
                candidate = lines[columns[index]]
                value, original, on_next = candidate.folded, candidate.original, True
            elif not value and k + 1 == len(matches):
                following = next((j for j in range(index + 1, len(lines)) if lines[j].folded), None)
                if following is not None and following - index <= 2:
                    candidate = lines[following]
                    starts_with_label = vocab.pattern.match(candidate.folded)
                    if not starts_with_label and candidate.folded not in labels:
                        value, original, on_next = candidate.folded, candidate.original, True
            out.append(Found(match.group(1), value, original, index + 1, on_next))
    return out


@dataclass
class Candidate:
    field: str
    value: str
    label: str
    confidence: float
    rank: int  # position of the label in the source's list: lower wins
    raw: str
    line: int
    lookalikes: bool = False  # a letter in the number was read as a digit (see digits_read)


def _candidates(source: Source, found: list[Found]) -> list[Candidate]:
    out = []
    for rank, label in enumerate(source.labels):
        for item in found:
            if item.label != label.label:
                continue
            text, guessed = item.original if label.kind == "text" else item.value, False
            if label.kind in ("money", "time") or label.digits:
                text, guessed = digits_read(label.kind, text)
            value = read_value(label, text)
            if value is None:
                continue
            confidence = label.confidence - (0.05 if item.next_line else 0.0)
            confidence -= 0.1 if guessed else 0.0
            for name in label.fields:
                out.append(
                    Candidate(
                        name,
                        value,
                        label.label,
                        round(confidence, 2),
                        rank,
                        item.original,
                        item.line,
                        guessed,
                    )
                )
    return out


def _bare_amount(source: Source, lines: list[Line], found: list[Found]) -> list[Candidate]:
    hits = [(i, ln) for i, ln in enumerate(lines) if _BARE_AMOUNT_RE.fullmatch(ln.folded)]
    confidence = 0.85
    if not hits:
        # A screenshot may lose the minus sign: then only an amount alone on its line above
        # every label (where a bill prints what was paid) counts.
        first_label = min((f.line for f in found), default=len(lines) + 1)
        hits = [
            (i, ln)
            for i, ln in enumerate(lines[: first_label - 1])
            if _UNSIGNED_AMOUNT_RE.fullmatch(ln.folded)
        ]
        confidence = 0.8
    if len(hits) != 1:
        return []  # none, or several: which one was paid is not for us to guess
    index, line = hits[0]
    value = read_money(line.folded.replace("-", "", 1).strip())
    if value is None:
        return []
    # The line itself is the label: a bill prints the amount with no word before it.
    return [
        Candidate(source.bare_amount, value, line.folded, confidence, 99, line.original, index + 1)
    ]


def _score(source: Source, candidates: list[Candidate], text: str) -> int:
    if not any(marker in text for marker in source.markers):
        return 0
    distinct = {c.label for c in candidates if c.rank != 99}
    return len(distinct) if len(distinct) >= source.min_labels else 0


def _pick(candidates: list[Candidate]) -> tuple[list[Candidate], list[dict]]:
    chosen, conflicts = [], []
    for name in fields.pasted():  # in the order the form asks them
        mine = [c for c in candidates if c.field == name]
        if not mine:
            continue
        best = min(c.rank for c in mine)
        top = [c for c in mine if c.rank == best]
        values = list(dict.fromkeys(c.value for c in top))
        if len(values) > 1:
            conflicts.append(
                {
                    "field": name,
                    "label": top[0].label,
                    "values": values,
                    "message": f"“{top[0].label}”出现了 {len(values)} 个不同的值"
                    f"（{'、'.join(values)}），无法确定是哪一个，请手动填写。",
                }
            )
            continue
        chosen.append(top[0])
    return chosen, conflicts


def _payment(fields: list[dict]) -> dict:
    """The one payment the page describes, shaped like a v2 `order.payments[]` entry."""
    values = {f["field"]: f["value"] for f in fields}
    payment = {
        "at": values.get("order.payments[].at", ""),
        "amount": values.get("order.amount", ""),
        "paid_via": values.get("order.paid_via", ""),
        "txn_id": values.get("order.payments[].txn_id", ""),
    }
    return payment if any(payment.values()) else {}


def recognise(text: str) -> dict:
    """{"fields": [{field, value, label, confidence, raw, line}], "source", "source_name",
    "conflicts", "notes"} — empty fields and source None when the layout is not recognised."""
    nothing = {
        "fields": [],
        "payment": {},
        "source": None,
        "source_name": "",
        "conflicts": [],
        "notes": [],
    }
    if not isinstance(text, str) or not text.strip() or len(text) > MAX_TEXT:
        return nothing
    vocab = vocabulary()
    lines = _lines(text)
    folded = "\n".join(line.folded for line in lines)  # = fold(text)
    found = find_labels(lines, vocab)
    best: tuple[int, Source, list[Candidate]] | None = None
    for source in vocab.sources:
        candidates = _candidates(source, found)
        score = _score(source, candidates, folded)
        # Ties go to the source listed first (天猫 before 淘宝: the same labels, a rarer marker).
        if score and (best is None or score > best[0]):
            best = (score, source, candidates)
    if best is None:
        return nothing
    _, source, candidates = best
    if source.bare_amount and not any(c.field == source.bare_amount for c in candidates):
        candidates += _bare_amount(source, lines, found)
    if source.marketplace:
        marker = next(m for m in source.markers if m in folded)
        row, line = next((i, ln) for i, ln in enumerate(lines) if marker in ln.folded)
        start = line.folded.index(marker)
        raw = line.source_of(start, start + len(marker))
        candidates.append(
            Candidate("merchant.marketplace", source.marketplace, marker, 0.85, 0, raw, row + 1)
        )
    chosen, conflicts = _pick(candidates)
    notes = []
    if any(word in folded for word in vocab.refund_words):
        notes.append("这段文字里有退款记录：请核对金额是不是你实际损失的钱。")
    for c in chosen:
        if c.lookalikes:
            notes.append(
                f"“{c.label}”的数字里有像字母的字符（如 O、l），"
                "已按数字 0、1 读出，请对照截图核对。"
            )
    fields = [
        {
            "field": c.field,
            "value": c.value,
            "label": c.label,
            "confidence": c.confidence,
            "raw": c.raw,
            "line": c.line,
        }
        for c in chosen
    ]
    return {
        "fields": fields,
        "payment": _payment(fields),
        "source": source.id,
        "source_name": source.name,
        "conflicts": conflicts,
        "notes": notes,
    }


def api_paste(args: dict) -> dict:
    """The worker's `paste` call: {"text": "…"} → what `recognise` found."""

    text = args.get("text")
    if not isinstance(text, str):
        message = "缺少要识别的文字（text）：请把订单详情或账单详情整段复制后粘贴进来"
        raise ApiError("bad-args", message, [FieldError("text", message)])
    if len(text) > MAX_TEXT:
        message = f"粘贴的文字太长（{len(text)} 字）：只需要订单或账单详情那一段"
        raise ApiError("bad-args", message, [FieldError("text", message)])
    found = recognise(text)
    for item in found["fields"]:
        item["field_label"] = fields.pasted()[item["field"]]
        # A choice is shown by its label (the value is an id of a case vocabulary).
        value = item["value"]
        item["value_label"] = fields.field(item["field"]).vocabulary.get(value, value)
    if not found["fields"]:
        # What the person can paste instead: the pages this core knows.
        found["known_sources"] = [source.name for source in vocabulary().sources]
    return found


def cli_paste(argv: list[str], out, err) -> int:
    """`python -m weiquan paste TEXT_FILE`: the recognised fields as JSON; bad input → 2."""
    import json
    import sys
    from pathlib import Path

    files = [a for a in argv if not a.startswith("-") or a == "-"]
    if len(files) != 1 or len(files) != len(argv):
        err("错误：paste 需要且只需要一个文字文件，如 python -m weiquan paste 订单.txt\n")
        return 2
    path = Path(files[0])
    try:
        data = sys.stdin.buffer.read() if files[0] == "-" else path.read_bytes()
    except FileNotFoundError:
        err(f"错误：找不到文件 {path}，请检查路径\n")
        return 2
    except IsADirectoryError:
        err(f"错误：{path} 是文件夹，请给出保存了复制内容的文字文件（.txt）\n")
        return 2
    except OSError as exc:
        err(f"错误：无法读取文件 {path}：{exc.strerror or exc}\n")
        return 2
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        err(f"错误：文件 {path} 不是 UTF-8 编码的文字，请用 UTF-8 另存后再试\n")
        return 2
    if len(text) > MAX_TEXT:
        err(f"错误：文件 {path} 太长（{len(text)} 字），只需要订单或账单详情那一段\n")
        return 2
    out(json.dumps(recognise(text), ensure_ascii=False, indent=2) + "\n")
    return 0
