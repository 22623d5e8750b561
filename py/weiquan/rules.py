"""The laws and rules the app cites, read from `content/rules.toml`.

Every legal statement shown to a user points at one of these entries, so the user can see
the source, whether it was verified and when. Entries with status "reference" are old or
unchecked and are always shown with "请以官方最新文本为准".
"""

from __future__ import annotations

import datetime as dt
import tomllib
from functools import lru_cache

from weiquan.datafiles import read_text

STATUSES = ("verified", "reference")
REFERENCE_NOTE = "请以官方最新文本为准"
MAX_QUOTE = 40
_REQUIRED = ("id", "law", "article", "summary", "status", "checked", "source")


class RulesError(ValueError):
    """rules.toml is malformed (a maintainer error, caught by tests)."""


def _check(rule: dict, index: int) -> None:
    where = f"rules.toml 第 {index + 1} 条（{rule.get('id', '无 id')}）"
    for key in _REQUIRED:
        if key not in rule or rule[key] in ("", None):
            raise RulesError(f"{where} 缺少 {key}")
    if rule["status"] not in STATUSES:
        raise RulesError(f"{where} 的 status 应为 {STATUSES} 之一")
    if not isinstance(rule["checked"], dt.date) or isinstance(rule["checked"], dt.datetime):
        raise RulesError(f"{where} 的 checked 应为日期（如 2026-11-24）")
    if not str(rule["source"]).startswith("https://"):
        raise RulesError(f"{where} 的 source 应为可打开的 https:// 网址")
    if len(rule.get("quote", "")) > MAX_QUOTE:
        raise RulesError(f"{where} 的 quote 超过 {MAX_QUOTE} 字：只引用被援引的短句")


@lru_cache(maxsize=1)
def _rules() -> tuple[dict, ...]:
    data = tomllib.loads(read_text("rules.toml"))
    rules = data.get("rule", [])
    seen: set[str] = set()
    for index, rule in enumerate(rules):
        _check(rule, index)
        if rule["id"] in seen:
            raise RulesError(f"rules.toml 中 id 重复：{rule['id']}")
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
    """Short human citation: 《消费者权益保护法》第二十四条 (+ note for reference-only rules)."""
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
