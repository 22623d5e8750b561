"""weiquan.entry: the worker's first import answers like weiquan.api and stays light."""

import json
import subprocess
import sys
from pathlib import Path

from weiquan import api, entry

PY = Path(__file__).resolve().parents[2] / "py"


def test_entry_answers_exactly_as_the_api():
    for call, args in [("problems", {}), ("nope", {}), ("check", {"case": {"problem": "x"}})]:
        text = json.dumps(args)
        assert entry.dispatch(call, text) == api.dispatch(call, text)


def test_importing_the_entry_loads_no_app_module():
    # The worker says it is ready after this import; the app is imported right after (warm).
    code = (
        "import sys, weiquan.entry; "
        "print(sorted(m for m in sys.modules if m.startswith('weiquan.')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env={"PYTHONPATH": str(PY)}, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "['weiquan.entry']"


def test_a_broken_app_still_gets_an_answer_in_chinese(monkeypatch):
    import weiquan

    monkeypatch.delattr(weiquan, "api")
    monkeypatch.setitem(sys.modules, "weiquan.api", None)  # the import now fails
    reply = json.loads(entry.dispatch("problems", "{}"))
    assert reply["ok"] is False and reply["error"]["code"] == "internal"
    assert "内部错误" in reply["error"]["message"]
