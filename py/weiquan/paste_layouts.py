"""The pages the paste box knows (content/paste.toml): each page's marker words and labels, which
case field each label fills and what shape its value has, loaded once and checked. weiquan.paste
re-exports every public name here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from weiquan import case as case_model
from weiquan import datafiles, fields

FILE = "paste.toml"
KINDS = ("id", "time", "money", "text", "choice", "fixed")
# The case fields a paste can fill, in the order they are shown, and what the confirmation list
# calls each, are declared with the fields (`paste` in content/fields.toml: fields.pasted()).
_CJK = "\u3400-\u9fff\uf900-\ufaff"

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


def _label(raw: object, key: str, fields_allowed: dict[str, str]) -> Label:
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
            allowed = "、".join(fields_allowed)
            raise _fail(f"{key}.field", f"不认识的案件字段“{name}”，可用：{allowed}")
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
    fields_allowed = fields.pasted()
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
