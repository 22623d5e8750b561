"""Each case field declared once (content/fields.toml): its type, how the intake asks it, what
a letter and the paste preview call it. The file's own header documents every key.

Everything else reads this declaration: the case builder (weiquan.case_validate) reads each
field with the reader of its type, the intake templates draw each screen's fields from
`on_screen`, describe.shell_data passes `shown_when` and `asked_as` to the shell, paste takes
the fields it may fill and their names from `pasted`, and letterfields.FIELD_LABELS is
`letter_labels()`. A mistake in the file is a ContentError naming the file, the line and the key.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from weiquan import datafiles
from weiquan.case_vocab import VOCABULARIES

FILE = "fields.toml"
TYPES = (
    "text",  # one line, up to 300 characters
    "longtext",  # a few pages at most
    "code",  # an identifier printed in capitals (统一社会信用代码): read upper-cased
    "postcode",  # six digits
    "email",
    "money",  # "300.00"
    "count",  # a whole number in a range (min, max); absent: default
    "days",  # a number of days, kept as its digits ("30")
    "date",  # "2026-10-15", no time
    "datetime",  # local ISO time, date alone allowed
    "choice",  # an id of a case vocabulary (vocab)
    "flag",  # true or false
    "rows",  # a list of objects, each holding the fields "<path>[].<key>"
)
WIDGETS = ("input", "textarea", "select", "radios", "checkbox", "own")
# The objects of the case (case file v2): a field is at the top level, in one of these, or a key
# of each row of a `rows` field. A new object would be a new case format.
GROUPS = ("merchant", "order", "consumer")
MAX_COUNT = 1_000_000
_INPUT_TYPES = {"datetime": "datetime-local", "date": "date", "email": "email"}
_INPUT_MODES = {"money": "decimal", "count": "numeric", "days": "numeric"}
_TESTS = ("in", "not_in", "empty", "above")
_FIELD_KEYS = {
    "type",
    "vocab",
    "required",
    "default",
    "min",
    "max",
    "label",
    "hint",
    "placeholder",
    "autocomplete",
    "inputmode",
    "input",
    "screen",
    "place",
    "widget",
    "unknown",
    "options",
    "rows",
    "shown_when",
    "asked_as",
    "paste",
    "letter",
}
_PATH = re.compile(r"[a-z_]+(?:\.[a-z_]+)?(?:\[\]\.[a-z_]+)?")


@dataclass(frozen=True)
class Field:
    """One declared field, every key filled in (see content/fields.toml)."""

    path: str
    type: str
    vocab: str
    required: bool
    default: object
    min: int
    max: int
    label: str
    hint: str
    placeholder: str
    autocomplete: str
    inputmode: str
    input: str  # the <input type>
    screen: str
    place: str
    widget: str
    options: dict[str, str]  # select/radios: value → words shown
    rows: int
    shown_when: tuple[dict, ...]
    asked_as: tuple[dict, ...]
    paste: str  # what the paste preview calls it; "" = paste never fills it
    letter: str  # its name in 【待补充：…】

    @property
    def id(self) -> str:
        """The id of its input on the page: "order.id" → "f-order-id"."""
        return "f-" + self.path.replace(".", "-")

    @property
    def key(self) -> str:
        """Its key inside its object: "order.payments[].at" → "at"."""
        return self.path.rpartition(".")[2]

    @property
    def owner(self) -> str:
        """The object holding it: "" (top level), "order", "order.payments[]"."""
        return self.path.rpartition(".")[0]

    @property
    def blank_is_null(self) -> bool:
        # An optional count left blank is not said (null), not a bad number.
        return self.type == "count" and self.default is None

    @property
    def vocabulary(self) -> dict[str, str]:
        return VOCABULARIES.get(self.vocab, {})


@dataclass(frozen=True)
class Declaration:
    fields: dict[str, Field]  # path → field, in the file's order
    screens: tuple[dict, ...]  # [{id, title, hint}]
    gaps: dict[str, str]  # a letter's gaps that are no field: path → name
    unknown_choice: str
    demands: dict[str, dict]  # demand kind → {text, detail?, label?, placeholder?}
    # Worked out once: each object's keys in order, with the field (None: a group of fields),
    # and the letters' names.
    keys: dict[str, list[tuple[str, Field | None]]]
    letters: dict[str, str]


# ---------------------------------------------------------------- reading the declaration


def declaration() -> Declaration:
    return _content()["_declared"]


def field(path: str) -> Field:
    return declaration().fields[path]


def screens() -> list[dict]:
    return [dict(s) for s in declaration().screens]


def keys_of(owner: str) -> list[tuple[str, Field | None]]:
    """The keys of one object ("" the case, "order", "contacts[]") in the file's order, each
    with its field, or None for a group of fields ("merchant" in the case)."""
    return declaration().keys.get(owner, [])


def _keys(fields: dict[str, Field]) -> dict[str, list[tuple[str, Field | None]]]:
    out: dict[str, dict[str, Field | None]] = {"": {}}
    for f in fields.values():
        if f.owner and "[]" not in f.owner:  # a field of a group: the group is a key of the case
            out[""].setdefault(f.owner, None)
        out.setdefault(f.owner, {}).setdefault(f.key, f)
    return {owner: list(keys.items()) for owner, keys in out.items()}


def on_screen(screen: str, place: str = "") -> list[Field]:
    """The fields the form draws on `screen` at `place` of its template, in order."""
    return [
        f
        for f in declaration().fields.values()
        if f.screen == screen and f.place == place and f.widget != "own" and "[]" not in f.path
    ]


def demand_form() -> list[dict]:
    """How the demands screen asks each kind of demand: [{kind, text, detail: {key, label,
    inputmode, placeholder} or None}], in the vocabulary's order."""
    declared = declaration()
    out = []
    for kind, name in VOCABULARIES["demand_kinds"].items():
        spec = declared.demands.get(kind, {"text": name, "detail": "note", "label": name})
        key = spec.get("detail")
        detail = None
        if key:
            inputmode = declared.fields[f"demands[].{key}"].inputmode
            detail = {
                "key": key,
                "label": spec["label"],
                "inputmode": inputmode,
                "placeholder": spec.get("placeholder", ""),
            }
        out.append({"kind": kind, "text": spec["text"], "detail": detail})
    return out


def shown_when() -> dict[str, list[dict]]:
    """Fields asked only in some cases: path → tests, any one passing shows it."""
    found = declaration().fields.items()
    return {p: [dict(t) for t in f.shown_when] for p, f in found if f.shown_when}


def asked_as() -> dict[str, list[dict]]:
    """Fields asked in other words for some cases: path → [{path, in, label, hint}]."""
    return {p: [dict(t) for t in f.asked_as] for p, f in declaration().fields.items() if f.asked_as}


def pasted() -> dict[str, str]:
    """The fields a pasted page may fill, in order, with what the preview calls each."""
    return {p: f.paste for p, f in declaration().fields.items() if f.paste}


def letter_labels() -> dict[str, str]:
    """ "case.<path>" → its name in a letter's 【待补充：…】 (fields of a row are named by
    letterfields from the row's key)."""
    return declaration().letters


class LetterLabels(Mapping):
    """letter_labels() read on each use, so a test's own declaration is seen once loaded."""

    def __getitem__(self, path: str) -> str:
        return letter_labels()[path]

    def __iter__(self) -> Iterator[str]:
        return iter(letter_labels())

    def __len__(self) -> int:
        return len(letter_labels())


# ---------------------------------------------------------------- checking it


def _line_of(text: str, table: str, key: str = "") -> int | None:
    """The line of `[<table>]` in the file, or of `key = ` inside that table."""
    lines = text.splitlines()
    header = re.compile(rf"\s*\[\s*{re.escape(table)}\s*\]\s*(#.*)?$")
    start = next((i for i, line in enumerate(lines) if header.match(line)), None)
    if start is None:
        return None
    if key:
        for i in range(start + 1, len(lines)):
            if lines[i].lstrip().startswith("["):
                break
            if re.match(rf"\s*{re.escape(key)}\s*=", lines[i]):
                return i + 1
    return start + 1


def _table(path: str, kind: str = "field") -> str:
    return f'{kind}."{path}"' if not re.fullmatch(r"[a-z_]+", path) else f"{kind}.{path}"


class _Checker:
    def fail(self, path: str, key: str, message: str, kind: str = "field") -> None:
        table = _table(path, kind)
        try:
            text = datafiles.read_text(FILE)
        except (OSError, ValueError):  # the browser has only the checked JSON twin
            text = ""
        line = _line_of(text, table, key)
        raise datafiles.ContentError(FILE, f"{table}.{key}" if key else table, line, message)

    def text_of(
        self, spec: dict, path: str, key: str, *, required: bool = False, kind: str = "field"
    ) -> str:
        value = spec.get(key, "")
        if not isinstance(value, str) or (required and not value.strip()):
            self.fail(path, key, "应为文字" + ("，不能为空" if required else ""), kind)
        return value.strip()


def _check(data: dict) -> None:
    c = _Checker()
    unknown = set(data) - {"unknown_choice", "screen", "field", "demand", "gap"}
    if unknown:
        key = sorted(unknown)[0]
        allowed = "unknown_choice、screen、field、demand、gap"
        raise datafiles.error(FILE, key, f"不认识的键（可用：{allowed}）")
    choice = data.get("unknown_choice")
    if not isinstance(choice, str) or not choice.strip():
        raise datafiles.error(FILE, "unknown_choice", "缺少“不清楚”这一项的文字")
    screens = _screens(data.get("screen"))
    raw = data.get("field")
    if not isinstance(raw, dict) or not raw:
        raise datafiles.error(FILE, "field", '至少要有一个 [field."<路径>"]')
    for path, spec in raw.items():
        _check_path(c, path, raw)
        if not isinstance(spec, dict):
            c.fail(path, "", '应为一张表 [field."<路径>"]')
        extra = set(spec) - _FIELD_KEYS
        if extra:
            c.fail(path, sorted(extra)[0], "不认识的键")
    fields = {path: _field(c, path, spec, screens, choice) for path, spec in raw.items()}
    for f in fields.values():
        for test in f.shown_when:
            _check_test(c, f.path, "shown_when", test, fields)
        for test in f.asked_as:
            _check_test(c, f.path, "asked_as", test, fields)
    gaps = {}
    for path, spec in (data.get("gap") or {}).items():
        if path in fields:
            c.fail(path, "", "这是已声明的字段：它的文书名称写在 field 表的 letter 里", "gap")
        if not isinstance(spec, dict) or set(spec) != {"letter"}:
            c.fail(path, "", "只能有 letter（文书里的名称）", "gap")
        gaps[path] = c.text_of(spec, path, "letter", required=True)
    letters = {f"case.{p}": f.letter for p, f in fields.items() if f.letter and "[]" not in p}
    letters.update({f"case.{p}": name for p, name in gaps.items()})
    demands = _demands(c, data.get("demand") or {}, fields)
    data["_declared"] = Declaration(
        fields, screens, gaps, choice.strip(), demands, _keys(fields), letters
    )


def _demands(c: _Checker, raw: dict, fields: dict[str, Field]) -> dict[str, dict]:
    kinds = VOCABULARIES["demand_kinds"]
    for kind, spec in raw.items():
        if kind not in kinds:
            c.fail(kind, "", f"诉求没有这一类（可用：{'、'.join(kinds)}）", "demand")
        if not isinstance(spec, dict) or set(spec) - {"text", "detail", "label", "placeholder"}:
            c.fail(kind, "", "只能有 text、detail、label、placeholder", "demand")
        c.text_of(spec, kind, "text", required=True, kind="demand")
        detail = spec.get("detail")
        if detail is not None:
            if f"demands[].{detail}" not in fields or detail == "kind":
                c.fail(kind, "detail", "应为诉求里的一个字段（amount、quantity、note）", "demand")
            c.text_of(spec, kind, "label", required=True, kind="demand")
        elif "label" in spec or "placeholder" in spec:
            c.fail(kind, "label", "没有 detail 时不需要 label、placeholder", "demand")
    return {kind: dict(spec) for kind, spec in raw.items()}


def _screens(raw: object) -> tuple[dict, ...]:
    if not isinstance(raw, list) or not raw:
        raise datafiles.error(FILE, "screen", "至少要有一个 [[screen]]")
    out, seen = [], set()
    for i, spec in enumerate(raw):
        ident = spec.get("id") if isinstance(spec, dict) else None
        if not isinstance(ident, str) or not re.fullmatch(r"[a-z]+", ident) or ident in seen:
            raise datafiles.error(FILE, f"screen[{i}].id", "应为不重复的小写英文 id")
        for key in ("title", "hint"):
            if not isinstance(spec.get(key), str) or not spec[key].strip():
                raise datafiles.error(FILE, f"screen[{i}].{key}", "缺少文字")
        if set(spec) - {"id", "title", "hint"}:
            raise datafiles.error(FILE, f"screen[{i}]", "只能有 id、title、hint")
        seen.add(ident)
        out.append({"id": ident, "title": spec["title"], "hint": spec["hint"]})
    return tuple(out)


def _check_path(c: _Checker, path: str, declared: dict) -> None:
    if not _PATH.fullmatch(path):
        c.fail(path, "", "路径应像 order.id、problem 或 order.payments[].at（小写英文）")
    owner, _, _ = path.rpartition(".")
    if owner.endswith("[]"):
        rows = declared.get(owner[:-2])
        if not isinstance(rows, dict) or rows.get("type") != "rows":
            c.fail(path, "", f'案件文件里没有列表 {owner[:-2]}：先声明它（type = "rows"）')
        return
    if owner and owner not in GROUPS:
        groups = "、".join(GROUPS)
        c.fail(path, "", f"案件文件里没有 {owner} 这一组（可用：{groups}，或不带前缀的顶层字段）")
    if path in GROUPS:
        c.fail(path, "", f"{path} 是案件里的一组字段，不是一个字段")


def _field(c: _Checker, path: str, spec: dict, screens: tuple[dict, ...], unknown: str) -> Field:
    kind = spec.get("type")
    if kind not in TYPES:
        c.fail(path, "type", f"应为 {'、'.join(TYPES)} 之一，实际是 {kind!r}")
    vocab = spec.get("vocab", "")
    if (kind == "choice") != bool(vocab):
        c.fail(path, "vocab", "type = choice 时必须给出 vocab，其他类型不能有")
    if vocab and vocab not in VOCABULARIES:
        c.fail(path, "vocab", f"没有这个取值表 {vocab!r}（可用：{'、'.join(VOCABULARIES)}）")
    values = VOCABULARIES.get(vocab, {})
    default = spec.get("default")
    if default is not None and not _fits(kind, default, values):
        c.fail(path, "default", f"默认值 {default!r} 不是这个字段可取的值")
    low, high = spec.get("min", 1), spec.get("max", MAX_COUNT)
    if (("min" in spec or "max" in spec) and kind != "count") or not (
        isinstance(low, int) and isinstance(high, int) and low <= high
    ):
        c.fail(path, "min" if "min" in spec else "max", "只用于 type = count，且 min ≤ max")
    screen = spec.get("screen", "")
    if screen and screen not in {s["id"] for s in screens}:
        allowed = "、".join(s["id"] for s in screens)
        c.fail(path, "screen", f"没有这个填写步骤 {screen!r}（可选：{allowed}）")
    widget = spec.get("widget", "input")
    if widget not in WIDGETS:
        c.fail(path, "widget", f"应为 {'、'.join(WIDGETS)} 之一")
    if widget in ("select", "radios") and kind != "choice":
        c.fail(path, "widget", "下拉框和单选只用于 type = choice")
    if widget == "checkbox" and kind != "flag":
        c.fail(path, "widget", "勾选框只用于 type = flag")
    label = c.text_of(spec, path, "label", required=bool(screen) and widget != "own")
    options = spec.get("options")
    if options is not None:
        if widget != "select" or not isinstance(options, dict):
            c.fail(path, "options", "只用于 widget = select，应为 取值 = 文字")
        for value in options:
            if value and value not in values:
                c.fail(path, "options", f"“{value}”不是 {vocab} 的取值")
    options = dict(options or values)
    if spec.get("unknown"):
        if widget != "radios":
            c.fail(path, "unknown", "只用于 widget = radios")
        options[""] = unknown
    paste = spec.get("paste", "")
    if paste is True:
        paste = label
    if not isinstance(paste, str) or (paste == "" and "paste" in spec):
        c.fail(path, "paste", "应为 true 或预览里显示的名称")
    for key in ("shown_when", "asked_as"):
        if not isinstance(spec.get(key, []), list):
            c.fail(path, key, "应为测试的列表 [{ path = …, in = […] }]")
    return Field(
        path=path,
        type=kind,
        vocab=vocab,
        required=bool(spec.get("required", False)),
        default=default,
        min=low,
        max=high,
        label=label,
        hint=c.text_of(spec, path, "hint"),
        placeholder=c.text_of(spec, path, "placeholder"),
        autocomplete=c.text_of(spec, path, "autocomplete") or "off",
        inputmode=c.text_of(spec, path, "inputmode") or _INPUT_MODES.get(kind, ""),
        input=c.text_of(spec, path, "input") or _INPUT_TYPES.get(kind, "text"),
        screen=screen,
        place=c.text_of(spec, path, "place"),
        widget=widget,
        options=options,
        rows=spec.get("rows", 6),
        shown_when=tuple(dict(t) for t in spec.get("shown_when", [])),
        asked_as=tuple(dict(t) for t in spec.get("asked_as", [])),
        paste=paste,
        letter=c.text_of(spec, path, "letter") or label,
    )


def _fits(kind: str, value: object, values: dict) -> bool:
    if kind == "choice":
        return value in values
    if kind == "count":
        return isinstance(value, int) and not isinstance(value, bool)
    return kind == "flag" and isinstance(value, bool)


def _check_test(c: _Checker, path: str, key: str, test: dict, fields: dict[str, Field]) -> None:
    """A test names a declared field and real values of it; `not_in` becomes the `in` of the
    rest of that field's vocabulary, so the shell knows only in · empty · above."""
    if not isinstance(test, dict) or test.get("path") not in fields:
        c.fail(path, key, f"测试的 path 应为已声明的字段，实际是 {test.get('path')!r}")
    tested = fields[test["path"]]
    kinds = [k for k in _TESTS if k in test]
    if len(kinds) != 1:
        c.fail(path, key, f"每个测试只能有 {'、'.join(_TESTS)} 中的一个")
    words = {"label", "hint"} if key == "asked_as" else set()
    if set(test) - {"path", *_TESTS, *words} or (words and not words <= set(test)):
        allowed = "path、in/not_in/empty/above" + ("、label、hint" if words else "")
        c.fail(path, key, f"测试只能有 {allowed}")
    for k in ("in", "not_in"):
        if k in test:
            listed = test[k]
            if tested.vocab and not set(listed) <= set(tested.vocabulary):
                wrong = sorted(set(listed) - set(tested.vocabulary))[0]
                c.fail(path, key, f"“{wrong}”不是 {tested.path} 的取值")
    if "not_in" in test:
        left_out = test.pop("not_in")
        test["in"] = [v for v in tested.vocabulary if v not in left_out]


_content = datafiles.checked(FILE, _check)
