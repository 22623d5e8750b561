"""Phrases the core reacts to in what a person wrote (content/clauses.toml).

Kept out of code because they are knowledge: which wordings in a shop's rules take away a
consumer's rights, and which wordings in a demand ask for punitive damages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache

from weiquan import datafiles

SOURCE = "clauses.toml"
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class UnfairGroup:
    key: str  # "refund" · "complaint" · "lawsuit"
    label: str  # "排除退款"
    phrases: tuple[str, ...]


@dataclass(frozen=True)
class Clauses:
    unfair: tuple[UnfairGroup, ...]
    punitive: tuple[str, ...]
    punitive_multiple: int
    punitive_minimum: Decimal


def _fail(key: str, message: str) -> datafiles.ContentError:
    # The line is added by parse/load, which have the text.
    return datafiles.ContentError(SOURCE, key, None, message)


def _phrases(value: object, where: str) -> tuple[str, ...]:
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(p, str) and p.strip() for p in value)
    ):
        raise _fail(f"{where}.phrases", "应为非空的文字列表")
    return tuple(_squash(p) for p in value)


def parse(text: str) -> Clauses:
    """The clauses file checked: every group has a label and phrases; errors name the key
    and its line (datafiles.ContentError)."""
    try:
        return _clauses(datafiles.parse_toml(SOURCE, text))
    except datafiles.ContentError as exc:
        raise datafiles.located(exc, text) from None


def _clauses(data: dict) -> Clauses:
    unfair_raw = data.get("unfair")
    if not isinstance(unfair_raw, dict) or not unfair_raw:
        raise _fail("unfair", "缺少 [unfair.*] 分组")
    groups = []
    for key, group in unfair_raw.items():
        where = f"unfair.{key}"
        if not isinstance(group, dict):
            raise _fail(where, "应为一个表")
        label = group.get("label")
        if not isinstance(label, str) or not label.strip():
            raise _fail(f"{where}.label", "缺失")
        groups.append(UnfairGroup(key, label.strip(), _phrases(group.get("phrases"), where)))
    punitive = data.get("punitive_damages")
    if not isinstance(punitive, dict):
        raise _fail("punitive_damages", "缺少 [punitive_damages]")
    multiple = punitive.get("multiple")
    if isinstance(multiple, bool) or not isinstance(multiple, int) or multiple < 1:
        raise _fail("punitive_damages.multiple", "应为正整数")
    try:
        minimum = Decimal(str(punitive.get("minimum")))
    except InvalidOperation:
        raise _fail("punitive_damages.minimum", '应为金额文字，如 "500.00"') from None
    return Clauses(
        tuple(groups),
        _phrases(punitive.get("phrases"), "punitive_damages"),
        multiple,
        minimum,
    )


@datafiles.loader(SOURCE)
@cache
def load() -> Clauses:
    try:
        return _clauses(datafiles.load_toml(SOURCE))
    except datafiles.ContentError as exc:
        raise datafiles.located(exc, datafiles.read_text(SOURCE)) from None


def _squash(text: str) -> str:
    return _SPACE.sub("", text)


def unfair_groups(text: str) -> list[UnfairGroup]:
    """The rights a clause's wording takes away (empty when none is recognised)."""
    flat = _squash(text)
    return [g for g in load().unfair if any(p in flat for p in g.phrases)]


def asks_punitive(text: str) -> bool:
    flat = _squash(text)
    return any(p in flat for p in load().punitive)
