"""`python -m weiquan draft CASE.json --letter KIND`: the same letters on the command line."""

from pathlib import Path

import pytest
from weiquan.letters import LETTER_KINDS

GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("kind", ["platform-order", "12315", "civil-complaint"])
def test_cli_prints_the_same_letter_as_the_library(kind, run_cli):
    case_file = GOLDEN / "invalid-key-taobao" / "case.json"
    done = run_cli("draft", str(case_file), "--letter", kind, "--today", "2026-11-24")
    assert done.returncode == 0, done.stderr
    assert done.stdout == (GOLDEN / "invalid-key-taobao" / f"{kind}.txt").read_text("utf-8")
    assert "Traceback" not in done.stderr
    # The notes for the person filing go to stderr, never into the letter.
    assert ("法院选择" in done.stderr) is (kind == "civil-complaint")


def test_cli_refuses_an_unknown_letter_kind_with_exit_2(run_cli):
    case_file = GOLDEN / "invalid-key-taobao" / "case.json"
    done = run_cli("draft", str(case_file), "--letter", "fax", "--today", "2026-11-24")
    assert done.returncode == 2
    assert "fax" in done.stderr
    assert all(kind in done.stderr for kind in LETTER_KINDS)
    assert "Traceback" not in done.stderr
