"""Reading a raw case dict into the normalised case (weiquan.case's module doc): every documented
key present, every value checked against its vocabulary and limits, and every problem collected
in one pass, each naming its field path with a Chinese message saying what to fix.
`build_case` is the one entry; weiquan.case unwraps and migrates the envelope before it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from weiquan import clauses, fields
from weiquan.case_values import (
    FieldError,
    format_money,
    has_time,
    parse_money,
    parse_time,
)
from weiquan.case_vocab import party_of_channel
from weiquan.fields import Field

_SHORT = 300  # names, ids, tickets: one line
_LONG = 20_000  # facts, summaries: a few pages at most
_MAX_ITEMS = 500
_MAX_DAYS = 36_500  # a hundred years: more is a typo
_DAYS_RE = re.compile(r"^\d+$")


# ---------------------------------------------------------------- reading fields


class _Reader:
    """Collects errors while building the normalised case, so one pass reports everything."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def error(self, field: str, message: str) -> None:
        self.errors.append(FieldError(field, message))

    def obj(self, parent: dict, key: str, path: str) -> dict:
        value = parent.get(key)
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.error(path, "应为一组字段（JSON 对象，以 { 开头）")
            return {}
        return value

    def items(self, parent: dict, key: str, path: str) -> list[tuple[str, dict]]:
        value = parent.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(path, "应为列表（JSON 数组，以 [ 开头）")
            return []
        if len(value) > _MAX_ITEMS:
            self.error(path, f"条目太多（{len(value)} 条），最多 {_MAX_ITEMS} 条")
            return []
        out = []
        for index, item in enumerate(value):
            item_path = f"{path}[{index}]"
            if isinstance(item, dict):
                out.append((item_path, item))
            else:
                self.error(item_path, "每一条应为一组字段（JSON 对象）")
        return out

    def text(self, parent: dict, key: str, path: str, limit: int = _SHORT) -> str:
        value = parent.get(key)
        if value is None:
            return ""
        if not isinstance(value, str):
            self.error(path, f"应为文字（带引号的字符串），实际是 {_describe(value)}")
            return ""
        value = value.strip()
        if len(value) > limit:
            self.error(path, f"太长了（{len(value)} 字），最多 {limit} 字")
        return value

    def enum(
        self, parent: dict, key: str, path: str, vocab: dict[str, str], *, required: bool
    ) -> str:
        value = parent.get(key)
        allowed = "、".join(f"{k}（{v}）" for k, v in vocab.items())
        if value is None or value == "":
            if required:
                self.error(path, f"必须填写。可选：{allowed}")
            return ""
        if not isinstance(value, str) or value not in vocab:
            self.error(path, f"不认识的取值 {_describe(value)}。可选：{allowed}")
            return ""
        return value

    def flag(self, parent: dict, key: str, path: str) -> bool:
        value = parent.get(key)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.error(path, f"应为 true 或 false，实际是 {_describe(value)}")
            return False
        return value

    def count(
        self, parent: dict, key: str, path: str, *, low: int, high: int, default: int | None
    ) -> int | None:
        value = parent.get(key)
        # A box typed into and then emptied sends ""; an optional number left empty is simply
        # not said. A whole number typed as text ("7") is that number.
        if isinstance(value, str):
            value = value.strip()
            if value == "":
                return default
            if re.fullmatch(r"[+-]?\d+", value):
                value = int(value)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(path, f"请填一个整数，如 {low}；{_describe(value)}不是整数")
            return default
        if not low <= value <= high:
            self.error(path, f"请填 {low} 到 {high} 之间的整数（现在是 {value}）")
            return default
        return value

    def days(self, parent: dict, key: str, path: str) -> str:
        """A number of days as a string ("" when not said); a bare JSON integer is accepted
        and kept as its digits."""
        value = parent.get(key)
        if value is None or value == "":
            return ""
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        text = value.strip() if isinstance(value, str) else None
        if text is None or not _DAYS_RE.match(text):
            self.error(path, f'应为天数（整数，如 "30"），实际是 {_describe(value)}')
            return ""
        if int(text) > _MAX_DAYS:
            self.error(path, f"{int(text)} 天太长了（最多 {_MAX_DAYS} 天），请检查是否多写了数字")
            return ""
        return str(int(text))

    def day(self, parent: dict, key: str, path: str) -> str:
        """A calendar date only ("2026-10-15"): the field is a day, never a moment."""
        moment = self.time(parent, key, path)
        if has_time(moment):
            self.error(path, f"只写日期即可，如 {moment[:10]}（不要带时间）")
            return ""
        return moment

    def money(self, parent: dict, key: str, path: str) -> str:
        return self._parsed(parent, key, path, lambda value: format_money(parse_money(value)))

    def time(self, parent: dict, key: str, path: str) -> str:
        return self._parsed(parent, key, path, parse_time)

    def _parsed(self, parent: dict, key: str, path: str, parse: Callable[[object], str]) -> str:
        value = parent.get(key)
        if value is None or value == "":
            return ""
        try:
            return parse(value)
        except ValueError as exc:
            self.error(path, str(exc))
            return ""


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"“{value}”"
    if isinstance(value, int | float):
        return f"数字 {value}"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, dict):
        return "对象"
    return "空值" if value is None else type(value).__name__


def _extras(raw: dict, known: set[str]) -> dict:
    # Unknown keys are kept as they are: newer app versions and the UI may add fields.
    return {k: v for k, v in raw.items() if k not in known}


# ---------------------------------------------------------------- one reader per type
_POSTCODE_RE = re.compile(r"^\d{6}$")
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _postcode(r: _Reader, raw: dict, key: str, path: str) -> str:
    value = r.text(raw, key, path)
    if value and not _POSTCODE_RE.match(value):
        r.error(path, f"邮政编码“{value}”应为 6 位数字，如 310012")
    return value


def _email(r: _Reader, raw: dict, key: str, path: str) -> str:
    value = r.text(raw, key, path)
    if value and not _EMAIL_RE.match(value):
        r.error(path, f"电子邮箱“{value}”格式不对，应像 name@example.com")
    return value


def _flag(r: _Reader, raw: dict, key: str, path: str, f: Field) -> bool:
    return r.flag(raw, key, path) if key in raw else bool(f.default)


_READERS: dict[str, Callable[[_Reader, dict, str, str, Field], object]] = {
    "text": lambda r, raw, key, path, f: r.text(raw, key, path),
    "longtext": lambda r, raw, key, path, f: r.text(raw, key, path, _LONG),
    "code": lambda r, raw, key, path, f: r.text(raw, key, path).upper(),
    "postcode": lambda r, raw, key, path, f: _postcode(r, raw, key, path),
    "email": lambda r, raw, key, path, f: _email(r, raw, key, path),
    "money": lambda r, raw, key, path, f: r.money(raw, key, path),
    "count": lambda r, raw, key, path, f: r.count(
        raw, key, path, low=f.min, high=f.max, default=f.default
    ),
    "days": lambda r, raw, key, path, f: r.days(raw, key, path),
    "date": lambda r, raw, key, path, f: r.day(raw, key, path),
    "datetime": lambda r, raw, key, path, f: r.time(raw, key, path),
    "choice": lambda r, raw, key, path, f: (
        r.enum(raw, key, path, f.vocabulary, required=f.required) or (f.default or "")
    ),
    "flag": _flag,
}


# ---------------------------------------------------------------- the case, as declared


def build_case(raw: dict) -> tuple[dict, list[FieldError]]:
    """The normalised case: every field of content/fields.toml read by the reader of its type
    (its own key order), unknown keys kept, then the checks that span fields."""
    r = _Reader()
    case = _object(r, raw, "", "case")
    return case, r.errors


def _object(r: _Reader, raw: dict, owner: str, path: str) -> dict:
    """The object `owner` ("" the case, "order", "contacts[]") read from `raw` at `path`."""
    out: dict = {}
    keys = fields.keys_of(owner)
    for key, f in keys:
        here = f"{path}.{key}"
        if f is None:  # a group of fields (merchant, order, consumer)
            out[key] = _object(r, r.obj(raw, key, here), key, here)
        elif f.type == "rows":
            rows = f"{f.path}[]"
            out[key] = [_object(r, item, rows, at) for at, item in r.items(raw, key, here)]
        else:
            out[key] = _READERS[f.type](r, raw, key, here, f)
    out.update(_extras(raw, {key for key, _ in keys}))
    check = _CHECKS.get(owner)
    if check:
        check(r, out, path)
    return out


def _contact(r: _Reader, contact: dict, path: str) -> None:
    # A contact that does not say with whom: the party its channel means (as in migration).
    contact["party"] = contact["party"] or party_of_channel(contact["channel"])


def _order(r: _Reader, order: dict, path: str) -> None:
    _check_order_totals(r, order, path)
    _check_service_days(r, order, path)


def _check_service_days(r: _Reader, order: dict, op: str) -> None:
    total, used = order["service_days"], order["service_used_days"]
    if total and used and int(used) > int(total):
        r.error(
            f"{op}.service_used_days",
            f"已经用了 {used} 天，不能多于买的 {total} 天：请核对这两个数",
        )


def _check_order_totals(r: _Reader, order: dict, op: str) -> None:
    """Several payments: order.amount is their total. Filled in when left empty (it is a sum,
    not a guess); when both are given they must agree, and the message says which to fix."""
    amounts = [x["amount"] for x in order["payments"]]
    if amounts and all(amounts):
        total = format_money(sum((Decimal(a) for a in amounts), Decimal(0)))
        if not order["amount"]:
            order["amount"] = total
        elif order["amount"] != total:
            listed = " + ".join(amounts)
            r.error(
                f"{op}.amount",
                f"订单金额 {order['amount']} 元与各笔付款之和 {total} 元（{listed}）对不上。"
                f"订单金额应为实际付款的合计：请改为 {total}，或核对 order.payments 里每一笔的金额",
            )
    failed, quantity = order["quantity_failed"], order["quantity"]
    if failed is not None and quantity is not None and failed > quantity:
        r.error(
            f"{op}.quantity_failed",
            f"出问题的数量 {failed} 不能多于订单数量 {quantity}：请核对，"
            "全部都有问题时可以不填这一项",
        )


def _rule(r: _Reader, rule: dict, path: str) -> None:
    # A clause excluding refunds, complaints or lawsuits is void against a consumer whatever
    # the user meant to do with it, so it is never recorded as one to rely on.
    words = " ".join(str(rule.get(k) or "") for k in ("title", "clause", "text"))
    if clauses.unfair_groups(words):
        rule["stance"] = "unfair"


# The checks that span fields of one object, run once it is read.
_CHECKS: dict[str, Callable[[_Reader, dict, str], None]] = {
    "order": _order,
    "contacts[]": _contact,
    "rules[]": _rule,
}
