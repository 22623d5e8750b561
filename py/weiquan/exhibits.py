"""One numbering of the evidence, shared by the 证据清单 and the 证据包.

The judge and the person must mean the same thing by "证据3": the evidence list numbers each
piece of evidence the person holds, group by group (content/court.toml), and the 证据包 puts
that piece's files in the folder "03-<kind>". Both ask `numbered` here, so they cannot differ.
"""

from __future__ import annotations

from dataclasses import dataclass

from weiquan import case as case_model
from weiquan import datafiles

FILE = "court.toml"


def _fail(key: str, message: str, value: object = None) -> datafiles.ContentError:
    return datafiles.error(FILE, key, message, value=value)


def _check(loaded: dict) -> None:
    seen: dict[str, str] = {}
    for i, group in enumerate(loaded.get("group", [])):
        for kind in group.get("kinds", []):
            where = f"group[{i}].kinds"
            if kind not in case_model.EVIDENCE_KINDS:
                raise _fail(where, f"未知的证据种类 {kind!r}", kind)
            if kind in seen:
                raise _fail(where, f"{kind!r} 已在分组 {seen[kind]} 中", kind)
            seen[kind] = str(group.get("id"))
    absent = [k for k in case_model.EVIDENCE_KINDS if k not in seen]
    if absent:
        raise _fail("group", "这些证据种类不在任何分组中：" + "、".join(absent))
    fee = loaded.get("fee", {})
    band = fee.get("first_band")
    if not isinstance(band, int) or isinstance(band, bool) or band <= 0:
        raise _fail("fee.first_band", "应为正整数（元）")
    for key in ("within", "beyond"):
        if not isinstance(fee.get(key), str) or not fee[key].strip():
            raise _fail(f"fee.{key}", "缺少这句话")
    for table in ("original", "printout"):
        for kind in loaded.get(table, {}):
            if kind not in case_model.EVIDENCE_KINDS:
                raise _fail(f"{table}.{kind}", f"未知的证据种类 {kind!r}")


# content/court.toml, checked once: every evidence kind in exactly one group.
data = datafiles.checked(FILE, _check)


@dataclass(frozen=True)
class Exhibit:
    number: int  # 证据1, 证据2 … in the list and the 证据包 alike
    kind: str
    index: int  # position in case.evidence; -1 for a kind known only from attached files
    group: str  # the group's title (合同与付款 …)

    @property
    def folder(self) -> str:
        """The 证据包 folder of this exhibit's files: "03-客服聊天记录"."""
        return f"{self.number:02d}-{case_model.EVIDENCE_KINDS[self.kind]}"


def _rank() -> dict[str, tuple[int, str]]:
    return {
        kind: (g, group["title"])
        for g, group in enumerate(data()["group"])
        for kind in group["kinds"]
    }


def numbered(case: dict, file_kinds: tuple[str, ...] | list[str] = ()) -> list[Exhibit]:
    """The evidence held (case.evidence with have), plus any kind that only has files attached,
    one exhibit per item, in group order (the person's own order within a group)."""
    rank = _rank()
    kinds_order = list(case_model.EVIDENCE_KINDS)
    items: list[tuple[str, int]] = [
        (raw.get("kind", ""), i)
        for i, raw in enumerate(case.get("evidence") or [])
        if raw.get("have") and raw.get("kind") in rank
    ]
    held = {kind for kind, _ in items}
    for kind in dict.fromkeys(file_kinds):
        if kind in rank and kind not in held:
            items.append((kind, -1))
            held.add(kind)
    # Attached-only kinds sort after the held items of their group, in the vocabulary's order.
    items.sort(
        key=lambda item: (rank[item[0]][0], item[1] < 0, item[1], kinds_order.index(item[0]))
    )
    return [
        Exhibit(number, kind, index, rank[kind][1])
        for number, (kind, index) in enumerate(items, start=1)
    ]


def folder_of(exhibits: list[Exhibit], kind: str) -> str:
    """The folder for files of `kind`: the first exhibit of that kind."""
    for exhibit in exhibits:
        if exhibit.kind == kind:
            return exhibit.folder
    raise KeyError(kind)
