"""打码: which parts of a recognised screenshot are personal, so the page can black them out.

People post their case (complaint sites, forums, group chats) with their phone number, address,
ID and order numbers in view. The page recognises the screenshot's text boxes on the device;
this module says which characters of which box are what kind of personal item. It finds them
by their shape (phone, ID card and bank card numbers) or by the label on the same row (names,
addresses, order and transaction numbers); the vocabulary is in content/paste.toml [redact].
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from weiquan import datafiles
from weiquan.case import FieldError
from weiquan.protocol import ApiError

_PHONE = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")
_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])[1-9][0-9]{16}[0-9Xx](?![0-9A-Za-z])")
_CARD = re.compile(r"(?<![0-9])(?:[0-9][ -]?){15,18}[0-9](?![0-9])")
# An order or transaction number: letters and digits, at least 6 of them digits.
_NUMBER = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-]{5,63}")
_LONG_DIGITS = re.compile(r"(?<![0-9])[0-9]{12,}(?![0-9])")
_NAME_BEFORE_PHONE = re.compile(r"([\u4e00-\u9fff·]{2,5})\s*1[3-9][0-9]{9}")
_ADDRESS = re.compile(
    r"[\u4e00-\u9fff]{1,8}(?:省|市|自治区)[\u4e00-\u9fff0-9A-Za-z\-#（）()]*(?:路|街|道|号|村|弄|巷|栋|室)"
)
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
MAX_BOXES = 2000


@dataclass(frozen=True)
class Vocabulary:
    kinds: dict[str, str]
    name_labels: tuple[str, ...]
    address_labels: tuple[str, ...]
    card_labels: tuple[str, ...]
    order_labels: tuple[str, ...]


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    data = datafiles.load_toml("paste.toml")["redact"]
    return Vocabulary(
        {k["id"]: k["label"] for k in data["kinds"]},
        tuple(data["name_labels"]),
        tuple(data["address_labels"]),
        tuple(data["card_labels"]),
        tuple(data["order_labels"]),
    )


def id_number_valid(text: str) -> bool:
    """The 18-character resident ID's check character (GB 11643) matches its first 17 digits."""
    total = sum(int(d) * w for d, w in zip(text[:17], _ID_WEIGHTS, strict=True))
    return "10X98765432"[total % 11] == text[17].upper()


def luhn_valid(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def _label_at_start(text: str, labels: tuple[str, ...]) -> int:
    """Length of the label the box starts with (longest first), 0 when none; a colon after it
    is part of the label."""
    for label in sorted(labels, key=len, reverse=True):
        if text.startswith(label):
            end = len(label)
            while end < len(text) and text[end] in ":： ":
                end += 1
            return end
    return 0


def targets(boxes: list[str], lines: list[list[int]]) -> list[dict]:
    """[{box, kind, start, end}]: characters start..end of box `box` are a personal item."""
    vocab = vocabulary()
    found: dict[tuple[int, int, int], str] = {}

    def mark(box: int, kind: str, start: int, end: int) -> None:
        if end > start and not any(b == box and s <= start and end <= e for (b, s, e) in found):
            found[(box, start, end)] = kind

    for index, text in enumerate(boxes):
        for match in _ID_NUMBER.finditer(text):
            if id_number_valid(match.group(0)):
                mark(index, "id_number", *match.span())
        for match in _PHONE.finditer(text):
            mark(index, "phone", *match.span())
        for match in _NAME_BEFORE_PHONE.finditer(text):
            mark(index, "name_address", *match.span(1))
        for match in _ADDRESS.finditer(text):
            mark(index, "name_address", *match.span())

    label_kinds = (
        ("name_address", vocab.name_labels + vocab.address_labels),
        ("bank_card", vocab.card_labels),
        ("order_no", vocab.order_labels),
    )
    for line in lines:
        kind = None
        for position, index in enumerate(line):
            text = boxes[index]
            for candidate, labels in label_kinds:
                skip = _label_at_start(text, labels)
                if skip:
                    kind = candidate
                    _value(index, text[skip:], skip, kind, mark)
                    break
            else:
                if kind and position:
                    _value(index, text, 0, kind, mark)

    # Any other long number (a 12+ digit run nobody labelled) is treated as an order number.
    for index, text in enumerate(boxes):
        for match in _LONG_DIGITS.finditer(text):
            mark(index, "order_no", *match.span())
    out = [
        {"box": box, "kind": kind, "start": start, "end": end}
        for (box, start, end), kind in found.items()
    ]
    return sorted(out, key=lambda t: (t["box"], t["start"]))


def _value(index: int, text: str, offset: int, kind: str, mark) -> None:
    """Mark the value after a label: a card or order number by its shape, a name or address
    whole (up to a 复制 button)."""
    value = text.strip()
    if not value or value in ("复制", ">", "›"):
        return
    start = offset + text.index(value)
    if kind == "bank_card":
        for match in _CARD.finditer(text):
            if luhn_valid(re.sub(r"[ -]", "", match.group(0))):
                mark(index, kind, offset + match.start(), offset + match.end())
    elif kind == "order_no":
        match = _NUMBER.search(value)
        if match and sum(ch.isdigit() for ch in match.group(0)) >= 6:
            mark(index, kind, start + match.start(), start + match.end())
    else:
        end = value.find("复制")
        mark(index, kind, start, start + (end if end > 0 else len(value)))


def api_redact_targets(args: dict) -> dict:
    """The worker's `redact_targets` call: {boxes: [text], lines: [[box index]]} →
    {targets: [{box, kind, start, end}], kinds: [{id, label, count}]}."""

    boxes, lines = args.get("boxes"), args.get("lines", [])
    ok = (
        isinstance(boxes, list)
        and len(boxes) <= MAX_BOXES
        and all(isinstance(b, str) for b in boxes)
        and isinstance(lines, list)
        and all(
            isinstance(line, list) and all(isinstance(i, int) and 0 <= i < len(boxes) for i in line)
            for line in lines
        )
    )
    if not ok:
        message = "截图识别结果格式不对（boxes 应为文字列表，lines 为其中的序号）：请重新识别截图"
        raise ApiError("bad-args", message, [FieldError("boxes", message)])
    found = targets(boxes, lines)
    kinds = vocabulary().kinds
    counts = {kind: sum(t["kind"] == kind for t in found) for kind in kinds}
    return {
        "targets": found,
        "kinds": [{"id": k, "label": label, "count": counts[k]} for k, label in kinds.items()],
    }
