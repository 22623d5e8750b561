"""智能粘贴: the case fields found in text copied from an order page or a payment bill.

Typing a 19-digit order number on a phone is where people give up; the order and bill pages
they already have open let them copy the whole details text. This module reads that text and
returns each field it recognised with the label it came from and a confidence.

Which label on which page means which field is data (`content/paste.toml`). A page is
recognised only when one of its marker words appears and enough of its labels carry a value
of the right shape; anything else returns nothing — never a guess. When the same label
carries two different values the field is left out rather than picked by position.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from weiquan import case as case_model
from weiquan import datafiles
from weiquan.case import FieldError
from weiquan.protocol import ApiError

FILE = "paste.toml"
KINDS = ("id", "time", "money", "text", "choice", "fixed")
MAX_TEXT = 50_000  # a details page is a few hundred characters; a novel is not an order
# The case fields a paste can fill, in the order they are shown, with what the confirmation
# list calls them (the page never names a case field itself).
FIELD_LABELS = {
    "order.id": "订单号",
    "order.item": "商品名称",
    "order.amount": "实付金额（元）",
    "order.ordered_at": "下单时间",
    "order.paid_via": "支付方式",
    "order.payments[].at": "付款时间",
    "order.payments[].txn_id": "支付交易号",
    "merchant.name": "店铺或平台名称",
    "merchant.marketplace": "店开在哪里",
    "merchant.handle": "对方账号",
    "merchant.legal_name": "经营者登记名称",
}
FIELD_ORDER = tuple(FIELD_LABELS)
# Fields whose value is an id of a case vocabulary: the confirmation shows its label.
_CHOICE_FIELDS = {
    "order.paid_via": case_model.PAID_VIA,
    "merchant.marketplace": case_model.MARKETPLACES,
}
_CJK = "\u3400-\u9fff\uf900-\ufaff"
_ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_\-]{5,63}")
# A sign (bills print "-300.00"), a currency mark, the figure; "300.001" or "1,2345" are not
# amounts, so the figure must end there.
_MONEY_RE = re.compile(
    r"[-+]?\s*(?:¥|RMB|CNY)?\s*[-+]?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?(?![\d.,])"
)
_BARE_AMOUNT_RE = re.compile(r"-\s*¥?\s*(\d{1,3}(?:,\d{3})+|\d+)\.(\d{2})")
# A bill's amount as a screenshot may give it: the minus sign lost, or a ¥ before it.
_UNSIGNED_AMOUNT_RE = re.compile(r"¥?\s*(\d{1,3}(?:,\d{3})+|\d+)\.(\d{2})")
# Letters a recogniser reads for digits in a printed number (O for 0, l/I/| for 1). They are
# read as digits only inside a run that is otherwise digits, in a field that holds only digits
# there (amounts, times, ids a page prints in digits): never a guess about a real digit.
_LOOKALIKES = str.maketrans("OoIl|", "00111")
_NUMBER_RUNS = {
    "id": re.compile(r"[0-9OoIl|][0-9OoIl|\-]*"),
    "money": re.compile(r"[0-9OoIl|][0-9OoIl|.,]*"),
    "time": re.compile(r"[0-9OoIl|][0-9OoIl|.:\-/年月日时分 ]*"),
}
_MONEY_PREFIX = re.compile(r"[-+]?\s*(?:¥|RMB|CNY)?\s*[-+]?\s*")
_TIME_RE = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:\s*(\d{1,2})\s*[:时]\s*(\d{2})(?:\s*[:分]\s*(\d{2}))?)?"
)


# The one content error type (datafiles.ContentError); the old name stays for callers.
PasteDataError = datafiles.ContentError


@dataclass(frozen=True)
class Label:
    label: str
    fields: tuple[str, ...]
    kind: str
    confidence: float
    value: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    digits: bool = False  # (id) the page prints this number in digits only (and hyphens)


@dataclass(frozen=True)
class Source:
    id: str
    name: str
    markers: tuple[str, ...]
    min_labels: int
    labels: tuple[Label, ...]
    bare_amount: str = ""
    marketplace: str = ""


@dataclass(frozen=True)
class Vocabulary:
    sources: tuple[Source, ...]
    other_labels: tuple[str, ...]
    refund_words: tuple[str, ...]
    pattern: re.Pattern = field(compare=False, repr=False)


# ------------------------------------------------------------------ loading the vocabulary


def _fail(key: str, message: str) -> PasteDataError:
    # The line is added by parse_vocabulary, which has the text.
    return PasteDataError(FILE, key, None, message)


def _strings(raw: object, key: str, *, allow_empty: bool = False) -> tuple[str, ...]:
    if not isinstance(raw, list) or not all(isinstance(x, str) and x for x in raw):
        raise _fail(key, "应为非空文字的列表")
    if not raw and not allow_empty:
        raise _fail(key, "不能为空列表")
    return tuple(unicodedata.normalize("NFKC", x) for x in raw)


def _label(raw: object, key: str, fields_allowed: set[str]) -> Label:
    if not isinstance(raw, dict):
        raise _fail(key, "应为一组字段")
    unknown = set(raw) - {"label", "field", "kind", "confidence", "value", "choices", "digits"}
    if unknown:
        raise _fail(f"{key}.{sorted(unknown)[0]}", "不认识的键")
    text = raw.get("label")
    if not isinstance(text, str) or not text.strip():
        raise _fail(f"{key}.label", "缺少标签文字")
    fields = raw.get("field")
    fields = (fields,) if isinstance(fields, str) else fields
    if not isinstance(fields, list | tuple) or not fields:
        raise _fail(f"{key}.field", "应为案件字段或字段列表")
    for name in fields:
        if name not in fields_allowed:
            raise _fail(f"{key}.field", f"不认识的案件字段“{name}”，可用：{'、'.join(FIELD_ORDER)}")
    kind = raw.get("kind")
    if kind not in KINDS:
        raise _fail(f"{key}.kind", f"应为 {'、'.join(KINDS)} 之一，实际是 {kind!r}")
    confidence = raw.get("confidence", 0.9)
    if isinstance(confidence, bool) or not isinstance(confidence, int | float):
        raise _fail(f"{key}.confidence", "应为 0 到 1 之间的数")
    if not 0 < confidence <= 1:
        raise _fail(f"{key}.confidence", "应为 0 到 1 之间的数")
    value = raw.get("value", "")
    if (kind == "fixed") != bool(value):
        raise _fail(f"{key}.value", "kind = fixed 时必须给出 value，其他 kind 不能有 value")
    choices = raw.get("choices", {})
    if (kind == "choice") != bool(choices) or not isinstance(choices, dict):
        raise _fail(f"{key}.choices", "kind = choice 时必须给出 choices，其他 kind 不能有")
    for word, target in choices.items():
        if target not in case_model.PAID_VIA:
            raise _fail(f"{key}.choices.{word}", f"“{target}”不是付款方式的取值")
    if (
        kind in ("fixed", "choice")
        and fields != ["order.paid_via"]
        and fields != ("order.paid_via",)
    ):
        raise _fail(f"{key}.field", "fixed 和 choice 只用于 order.paid_via")
    if kind == "fixed" and value not in case_model.PAID_VIA:
        raise _fail(f"{key}.value", f"“{value}”不是付款方式的取值")
    digits = raw.get("digits", False)
    if not isinstance(digits, bool) or (digits and kind != "id"):
        raise _fail(f"{key}.digits", "只能是 true 或 false，且只用于 kind = id")
    return Label(
        unicodedata.normalize("NFKC", text.strip()),
        tuple(fields),
        kind,
        float(confidence),
        value,
        tuple((unicodedata.normalize("NFKC", w), t) for w, t in choices.items()),
        digits,
    )


def parse_vocabulary(text: str) -> Vocabulary:
    """The vocabulary from the TOML text, every key checked; PasteDataError names the key
    and its line."""
    try:
        return _vocabulary(datafiles.parse_toml(FILE, text))
    except PasteDataError as exc:
        raise datafiles.located(exc, text) from None


def _vocabulary(data: dict) -> Vocabulary:
    fields_allowed = set(FIELD_ORDER)
    sources: list[Source] = []
    raw_sources = data.get("source")
    if not isinstance(raw_sources, list) or not raw_sources:
        raise _fail("source", "至少要有一个 [[source]]")
    seen: set[str] = set()
    for i, raw in enumerate(raw_sources):
        key = f"source[{i}]"
        ident = raw.get("id")
        if not isinstance(ident, str) or not re.fullmatch(r"[a-z]+-[a-z]+", ident):
            raise _fail(f"{key}.id", "应为如 taobao-order 的小写英文 id")
        if ident in seen:
            raise _fail(f"{key}.id", f"id 重复：{ident}")
        seen.add(ident)
        key = f"source[{ident}]"
        name = raw.get("name")
        if not isinstance(name, str) or not name:
            raise _fail(f"{key}.name", "缺少名称")
        labels = raw.get("label")
        if not isinstance(labels, list) or not labels:
            raise _fail(f"{key}.label", "至少要有一个 [[source.label]]")
        parsed = tuple(_label(x, f"{key}.label[{j}]", fields_allowed) for j, x in enumerate(labels))
        min_labels = raw.get("min_labels")
        if isinstance(min_labels, bool) or not isinstance(min_labels, int) or min_labels < 2:
            raise _fail(f"{key}.min_labels", "应为不小于 2 的整数（一个标签不足以认定页面）")
        bare = raw.get("bare_amount", "")
        if bare not in ("", "order.amount"):
            raise _fail(f"{key}.bare_amount", "只能是 order.amount")
        marketplace = raw.get("marketplace", "")
        if marketplace and marketplace not in case_model.MARKETPLACES:
            allowed = "、".join(case_model.MARKETPLACES)
            raise _fail(f"{key}.marketplace", f"“{marketplace}”不是电商平台的取值，可选：{allowed}")
        unknown = set(raw) - {
            "id",
            "name",
            "markers",
            "min_labels",
            "label",
            "bare_amount",
            "marketplace",
        }
        if unknown:
            raise _fail(f"{key}.{sorted(unknown)[0]}", "不认识的键")
        sources.append(
            Source(
                ident,
                name,
                _strings(raw.get("markers"), f"{key}.markers"),
                min_labels,
                parsed,
                bare,
                marketplace,
            )
        )
    other = _strings(data.get("other_labels", []), "other_labels", allow_empty=True)
    refund = _strings(data.get("refund_words", []), "refund_words", allow_empty=True)
    every = {lab.label for s in sources for lab in s.labels} | set(other)
    # Longest first, so 商家订单号 is read before 订单号 could match inside it.
    alternatives = "|".join(re.escape(x) for x in sorted(every, key=len, reverse=True))
    pattern = re.compile(rf"(?<![{_CJK}])({alternatives})(?=\s*:|\s|$|[¥\-+\d])", re.MULTILINE)
    return Vocabulary(tuple(sources), other, refund, pattern)


@datafiles.loader(FILE)
@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    try:
        return _vocabulary(datafiles.load_toml(FILE))
    except PasteDataError as exc:
        raise datafiles.located(exc, datafiles.read_text(FILE)) from None


# ------------------------------------------------------------------ reading values


def _money(value: str) -> str | None:
    match = _MONEY_RE.match(value)
    if not match:
        return None
    whole = match.group(1).replace(",", "")
    cents = (match.group(2) or "").ljust(2, "0")
    try:
        amount = case_model.parse_money(f"{whole}.{cents}")
    except ValueError:
        return None
    return case_model.format_money(amount) if amount > 0 else None


def _time(value: str) -> str | None:
    match = _TIME_RE.match(value)
    if not match:
        return None
    y, mo, d, h, mi = (match.group(i) for i in range(1, 6))
    text = f"{y}-{int(mo):02d}-{int(d):02d}" + (f"T{int(h):02d}:{mi}" if h else "")
    try:
        return case_model.parse_time(text)
    except ValueError:
        return None


def _id(value: str) -> str | None:
    match = _ID_RE.match(value)
    if not match or sum(ch.isdigit() for ch in match.group(0)) < 6:
        return None
    rest = value[match.end() :]
    # "3012…567 复制" is fine; "3012…567号楼" is not an order number.
    if rest and not rest[0].isspace() and rest[:2] != "复制":
        return None
    return match.group(0)


def _text(value: str) -> str | None:
    value = value.strip()
    return value if 0 < len(value) <= 120 else None


def digits_read(kind: str, value: str) -> tuple[str, bool]:
    """The value with look-alike letters read as digits inside its number, and whether any was.

    Only the number at the value's start, only when the run holds at least two digits and no
    fewer digits than look-alikes, and only when a letter or CJK character does not follow
    (then it was a word, not a number)."""
    pattern = _NUMBER_RUNS.get(kind)
    if pattern is None:
        return value, False
    start = _MONEY_PREFIX.match(value).end() if kind == "money" else 0
    match = pattern.match(value, start)
    if not match:
        return value, False
    run = match.group(0).rstrip(" .,:-/")
    end = start + len(run)
    after = value[end : end + 1]
    if after.isalpha() and after not in "年月日时分":
        return value, False
    lookalikes = sum(ch in "OoIl|" for ch in run)
    digits = sum(ch.isdigit() for ch in run)
    if not lookalikes or digits < 2 or digits < lookalikes:
        return value, False
    return value[:start] + run.translate(_LOOKALIKES) + value[end:], True


def read_value(label: Label, value: str) -> str | None:
    """The field's value from the text after the label, or None when it has the wrong shape."""
    value = value.strip()
    if not value:
        return None
    if label.kind == "id":
        return _id(value)
    if label.kind == "time":
        return _time(value)
    if label.kind == "money":
        return _money(value)
    if label.kind == "text":
        return _text(value)
    if label.kind == "fixed":
        return label.value
    for word, target in label.choices:
        if word in value:
            return target
    return None


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
    value = _money(line.folded.replace("-", "", 1).strip())
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
    for name in FIELD_ORDER:
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
        item["field_label"] = FIELD_LABELS[item["field"]]
        choices = _CHOICE_FIELDS.get(item["field"])
        value = item["value"]
        item["value_label"] = choices.get(value, value) if choices else value
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
