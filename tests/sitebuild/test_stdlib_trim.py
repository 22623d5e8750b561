"""The stdlib the site ships leaves out modules (build.STDLIB_LEFT_OUT); no call of the app may
need one. Every call runs here, in a fresh interpreter, with each letter kind drafted (Word
too), an evidence bundle made and read back: none of the left-out modules may be imported."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import build

ROOT = Path(__file__).resolve().parents[2]
CASE = ROOT / "tests" / "unit" / "cases" / "02_invalid_key_taobao_refused_guoqing.json"

EVERY_CALL = r"""
import json, sys, tempfile
from weiquan import api, letters, protocol
kase = json.load(open(sys.argv[1], encoding="utf-8"))
kase.pop("expect", None)
work = tempfile.mkdtemp()
today = "2026-11-24"
def call(name, **args):
    reply = json.loads(api.dispatch(name, json.dumps({"today": today, **args})))
    assert reply["ok"], (name, reply)
    return reply["result"]
for name in ("migrate", "check", "validate", "ics", "timeline", "review"):
    call(name, case=kase)
call("problems"); call("rules"); call("warm_letters"); call("checklist", problem="invalid_key")
call("paste", text="订单号：123456789012\n实付款：300.00")
call("agenda", cases=[{"id": "a", "title": "案件", "case": kase}])
call("redact_targets", boxes=[])
for kind in letters.LETTER_KINDS:
    word = {"inputs": [], "output": f"{work}/{kind}.docx"}
    call("draft", case=kase, letter=kind, docx=True, staged=word)
call("bundle", case=kase, files=[], staged={"inputs": [], "output": f"{work}/b.zip"})
call("import_bundle", staged={"inputs": [f"{work}/b.zip"], "output": f"{work}/files"})
print(json.dumps(sorted({m.split(".")[0] for m in sys.modules})))
"""


def test_no_call_of_the_app_imports_a_module_the_site_leaves_out():
    done = subprocess.run(
        [sys.executable, "-c", EVERY_CALL, str(CASE)],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT / "py")},
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    imported = set(json.loads(done.stdout))
    assert "jinja2" in imported and "zipfile" in imported  # the calls really ran
    assert imported.isdisjoint(build.STDLIB_LEFT_OUT), imported & set(build.STDLIB_LEFT_OUT)
