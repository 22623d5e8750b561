"""`python -m weiquan draft CASE.json --letter KIND`: the same letters on the command line."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from weiquan.letters import LETTER_KINDS

ROOT = Path(__file__).parents[2]
GOLDEN = Path(__file__).parent / "golden"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "weiquan", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT / "py"), "PYTHONIOENCODING": "utf-8"},
        timeout=60,
    )


@pytest.mark.parametrize("kind", ["platform-order", "12315", "civil-complaint"])
def test_cli_prints_the_same_letter_as_the_library(kind):
    case_file = GOLDEN / "invalid-key-taobao" / "case.json"
    done = run("draft", str(case_file), "--letter", kind, "--today", "2026-11-24")
    assert done.returncode == 0, done.stderr
    assert done.stdout == (GOLDEN / "invalid-key-taobao" / f"{kind}.txt").read_text("utf-8")
    assert "Traceback" not in done.stderr


def test_cli_refuses_an_unknown_letter_kind_with_exit_2():
    case_file = GOLDEN / "invalid-key-taobao" / "case.json"
    done = run("draft", str(case_file), "--letter", "fax", "--today", "2026-11-24")
    assert done.returncode == 2
    assert "fax" in done.stderr
    assert all(kind in done.stderr for kind in LETTER_KINDS)
    assert "Traceback" not in done.stderr
