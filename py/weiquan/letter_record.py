"""What rendering one letter notices, in the order it notices it.

The facts of a letter are computed once and do not change (weiquan.letter_facts); rendering
only reads them. What rendering learns is kept here, and only here: the fields the letter
shows as 【待补充：…】 (in the order it first shows them: the warnings list them so), the
separately copyable sections, the warnings, and the tables for the Word file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Gap:
    """A missing value a fact would show: its field path ("case.order.id") and, where the
    usual name would mislead, the label to show instead ("" = the field's usual name)."""

    path: str
    label: str = ""


class Recorder:
    """The gaps, sections, warnings and tables of one draft."""

    def __init__(self) -> None:
        # path → the label shown ("" or None: the usual one), in the order first shown.
        self.missing: dict[str, str | None] = {}
        self.sections: list[dict] = []
        self.warnings: list[dict] = []
        self.tables: list[dict] = []

    def note(self, gaps: Iterable[Gap]) -> None:
        """The letter shows these gaps now; one already shown keeps its first place."""
        for gap in gaps:
            self.missing.setdefault(gap.path, gap.label or None)

    def section(self, id: str, title: str, text: str) -> None:
        self.sections.append({"id": id, "title": title, "text": text})

    def warn(self, warning: dict) -> None:
        self.warnings.append(warning)

    def table(self, header: list[str], widths: list[int]) -> int:
        """A new table; its number (the ⟨table⟩ marker names it)."""
        self.tables.append({"header": list(header), "widths": list(widths), "rows": []})
        return len(self.tables) - 1

    def row(self, row: dict) -> dict:
        """A row ({cells} or {group}) of the last table; the table's header comes back."""
        self.tables[-1]["rows"].append(row)
        return self.tables[-1]
