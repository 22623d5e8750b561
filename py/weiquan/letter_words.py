"""What a letter says that depends on the problem (content/letter_words.toml).

Every problem has its entry, each naming one of the file's word tables, so the letters never
test a problem's name: they read the problem's words.
"""

from __future__ import annotations

import re

from weiquan import datafiles, knowledge

FILE = "letter_words.toml"
# Each key of a problem's entry names a table of the file, and the words every entry of that
# table must give.
CHOICES = {
    "goods": ("name", "unit", "working"),
    "police": ("opening", "request"),
}
SELLER = ("reachable", "missing")


def _fail(key: str, message: str, value: object = None) -> None:
    raise datafiles.error(FILE, key, message, value=value)


def _check_entry(data: dict, where: str, entry: dict) -> None:
    for key in CHOICES:
        choice = entry.get(key)
        if choice not in data.get(key, {}):
            _fail(f"{where}.{key}", f"应为 {sorted(data.get(key, {}))} 之一，而不是 {choice!r}")
    if entry.get("seller") not in SELLER:
        _fail(f"{where}.seller", f"应为 {SELLER} 之一")


def _check(data: dict) -> None:
    for key, words in CHOICES.items():
        for name, table in data.get(key, {}).items():
            for word in words:
                if not isinstance(table.get(word), str):
                    _fail(f"{key}.{name}.{word}", "缺少这句话（应为字符串，可以为空）")
    try:
        re.compile(data["goods"]["keys"]["item_pattern"])
    except (KeyError, re.error) as error:
        _fail("goods.keys.item_pattern", f"应为正则表达式（{error}）")
    problems = data.get("problem", {})
    for name in knowledge.load()["problem"]:
        if name not in problems:
            _fail("problem", f"缺少问题类型 {name} 的文书用语")
    for name, entry in problems.items():
        if name not in knowledge.load()["problem"]:
            _fail(f"problem.{name}", "content/problems.toml 中没有这个问题类型")
        _check_entry(data, f"problem.{name}", entry)
    _check_entry(data, "unknown", data.get("unknown", {}))


load = datafiles.checked(FILE, _check)


def of_problem(problem: str) -> dict:
    """{goods, seller, police} of `problem` ("" or unknown: the file's `unknown` entry)."""
    data = load()
    return data["problem"].get(problem) or data["unknown"]


def goods(problem: str, item: str) -> dict:
    """{name, unit, working}: card keys for a key problem or an item named as one."""
    data = load()["goods"]
    keys = re.search(data["keys"]["item_pattern"], item)
    return data["keys"] if keys else data[of_problem(problem)["goods"]]


def police(problem: str, fraud: bool) -> dict:
    """{opening, request} of the 报案材料; a suspected fraud reads as fraud."""
    return load()["police"]["fraud" if fraud else of_problem(problem)["police"]]
