"""The laws and rules the app cites, read from `content/rules.toml`.

Every legal statement shown to a user points at one of these entries, so the user can see
the source, whether it was verified and when. Entries with status "reference" are old or
unchecked and are always shown with "请以官方最新文本为准".
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from weiquan import datafiles

STATUSES = ("verified", "reference")
REFERENCE_NOTE = "请以官方最新文本为准"
MAX_QUOTE = 40
_REQUIRED = ("id", "law", "article", "summary", "status", "checked", "source")


FILE = "rules.toml"
# The one content error type; the old name stays for callers that catch it.
RulesError = datafiles.ContentError


def _fail(key: str, message: str) -> datafiles.ContentError:
    return datafiles.error(FILE, key, message)


def _check(rule: dict, index: int) -> None:
    where = f"rule[{index}]"
    for key in _REQUIRED:
        if key not in rule or rule[key] in ("", None):
            raise _fail(where, f"第 {index + 1} 条（{rule.get('id', '无 id')}）缺少 {key}")
    if rule["status"] not in STATUSES:
        raise _fail(f"{where}.status", f"应为 {STATUSES} 之一")
    if not isinstance(rule["checked"], dt.date) or isinstance(rule["checked"], dt.datetime):
        raise _fail(f"{where}.checked", "应为日期（如 2026-11-24）")
    if not str(rule["source"]).startswith("https://"):
        raise _fail(f"{where}.source", "应为可打开的 https:// 网址")
    if len(rule.get("quote", "")) > MAX_QUOTE:
        raise _fail(f"{where}.quote", f"超过 {MAX_QUOTE} 字：只引用被援引的短句")


@datafiles.loader(FILE)
@lru_cache(maxsize=1)
def _rules() -> tuple[dict, ...]:
    data = datafiles.load_toml(FILE)
    rules = data.get("rule", [])
    seen: set[str] = set()
    for index, rule in enumerate(rules):
        _check(rule, index)
        if rule["id"] in seen:
            raise _fail(f"rule[{index}].id", f"id 重复：{rule['id']}")
        seen.add(rule["id"])
    return tuple(rules)


def load_rules() -> list[dict]:
    """All rules, in file order (copies: callers may not change the shared data)."""
    return [dict(rule) for rule in _rules()]


def get(rule_id: str) -> dict:
    """One rule by id; KeyError (naming the id) when there is no such rule."""
    for rule in _rules():
        if rule["id"] == rule_id:
            return dict(rule)
    raise KeyError(f"没有编号为 {rule_id} 的规则")


def ids() -> set[str]:
    return {rule["id"] for rule in _rules()}


def citation(rule_id: str) -> str:
    """Short human citation: 《law》article (+ the note for reference-only rules)."""
    rule = get(rule_id)
    issued = f"（{rule['issued']}）" if rule.get("issued") else ""
    text = f"《{rule['law']}》{issued}{rule['article']}"
    if rule["status"] != "verified":
        text += f"（{REFERENCE_NOTE}）"
    return text


def public(rule_id: str) -> dict:
    """A JSON-ready copy for the UI: dates as ISO strings, the reference note spelled out."""
    rule = get(rule_id)
    rule["checked"] = rule["checked"].isoformat()
    rule["citation"] = citation(rule_id)
    if rule["status"] != "verified":
        rule["note"] = REFERENCE_NOTE
    return rule


def require_ids(file: str, key: str, ids: object) -> list[str]:
    """`ids` from content/<file> at `key`, checked to be a list of known rule ids.

    For every content loader that cites rules: an unknown id raises ContentError naming the
    file, the key, the line of that id and the id itself, so the build refuses it.
    """
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise datafiles.error(file, key, "应为规则编号（文字）的列表")
    known = {rule["id"] for rule in _rules()}
    for rule_id in ids:
        if rule_id not in known:
            raise datafiles.error(file, key, f"未知的规则编号 {rule_id}", value=rule_id)
    return ids
