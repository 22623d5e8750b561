"""Small modules: none in py/weiquan is over 600 lines, so each can be read in one sitting."""

from __future__ import annotations

from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "py" / "weiquan"
LIMIT = 600
# letters.py is being split by its own issue (the facts as a frozen structure, issue 25 item 4).
OVER_FOR_NOW = {"letters.py"}


@pytest.mark.parametrize("path", sorted(PACKAGE.glob("*.py")), ids=lambda p: p.name)
def test_module_is_at_most_600_lines(path):
    if path.name in OVER_FOR_NOW:
        pytest.skip("being split elsewhere")
    lines = len(path.read_text("utf-8").splitlines())
    assert lines <= LIMIT, f"{path.name} has {lines} lines; split it by responsibility"
