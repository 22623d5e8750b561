"""What the worker imports before the first screen: weiquan.api and what `check`, `validate`,
`migrate`, `problems` and `agenda` need — never the letters or their template engine, which
load on the first draft (or on `warm_letters`, while the page is idle)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CASE = ROOT / "tests" / "unit" / "golden" / "company-taobao-hangzhou" / "case.json"
LATER = ("weiquan.letters", "weiquan.court", "weiquan.docx", "weiquan.bundle", "jinja2", "zipfile")

PROBE = """
import json, sys
from weiquan import api
case = json.load(open(sys.argv[1], encoding="utf-8"))
for call, args in json.loads(sys.argv[2]):
    args = {k: (case if v == "CASE" else v) for k, v in args.items()}
    assert json.loads(api.dispatch(call, json.dumps(args)))["ok"], call
print(json.dumps(sorted(sys.modules)))
"""


def loaded_after(*calls: tuple[str, dict]) -> set[str]:
    """The modules a fresh interpreter holds after importing weiquan.api and making `calls`."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(CASE), json.dumps(calls)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT / "py")},
    )
    return set(json.loads(done.stdout))


FIRST_SCREEN = (
    ("problems", {}),
    ("validate", {"case": "CASE"}),
    ("migrate", {"case": "CASE"}),
    ("check", {"case": "CASE", "today": "2026-10-01"}),
    ("agenda", {"cases": [{"id": "a", "title": "t", "case": "CASE"}], "today": "2026-10-01"}),
)


@pytest.mark.parametrize("calls", [(), FIRST_SCREEN], ids=["import", "first-screen"])
def test_the_first_screen_loads_no_letter_machinery(calls):
    assert not set(LATER) & loaded_after(*calls)


def test_the_first_draft_loads_the_letters():
    draft = ("draft", {"case": "CASE", "today": "2026-10-01", "letter": "12315"})
    assert {"weiquan.letters", "jinja2"} <= loaded_after(draft)
