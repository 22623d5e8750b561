"""What every browser test does the same way: wait for Python, move between screens, fill the
intake, pick a problem. One place, so a change to the page changes one helper."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

PROBLEM_BUTTONS = "button[data-problem]"


def wait_ready(page, timeout=60_000):
    page.wait_for_selector("html[data-py='ready']", timeout=timeout)


def go(page, base_url, route="#/"):
    page.goto(f"{base_url}/{route}")


def goto_route(page, route: str):
    """Change screens inside the running page (no reload), as a tap on a link does."""
    page.evaluate("route => { location.hash = route; }", route)


def wait_saved(page, text):
    """Wait until a stored case holds `text` (the autosave is debounced)."""
    page.wait_for_function(
        "t => Object.keys(localStorage).some(k => k.startsWith('weiquan:case:')"
        " && localStorage.getItem(k).includes(t))",
        arg=text,
    )


def review_text(page) -> str:
    """The review step's text once the core's answer is drawn (it says 正在整理… until then)."""
    page.wait_for_selector("#review[data-state='drawn']")
    return page.inner_text("#review")


def fill(page, field, value):
    """Type into the case field bound to `field` (a path such as "order.amount")."""
    page.fill(f"[data-field='{field}']", value)


def choose_problem(page, problem: str):
    """Tick a problem type on the intake's first step."""
    page.check(f"input[name='problem'][value='{problem}']")


def pick_problem(page, problem: str):
    """Press a problem on the home screen and wait for Python's evidence checklist."""
    page.click(f"{PROBLEM_BUTTONS}[data-problem='{problem}']")
    page.wait_for_selector(f"#checklist[data-problem='{problem}'] .evidence")


def swap_site(served: Path, new: Path):
    """Deploy build B over A. Last-Modified has one-second steps and the browser's update check
    for sw.js may revalidate with If-Modified-Since: B's files must look newer than A's, or a B
    built in the same second as A is answered 304 and never installs."""
    newer = max(p.stat().st_mtime for p in served.rglob("*") if p.is_file()) + 2
    for child in served.iterdir():
        shutil.rmtree(child) if child.is_dir() else child.unlink()
    shutil.copytree(new, served, dirs_exist_ok=True)
    for path in served.rglob("*"):
        if path.is_file():
            os.utime(path, (newer, newer))


# ---------------------------------------------------------------- holding worker replies
# A test hook: replies to chosen calls are held until the test releases them, so an
# interleaving a slow phone produces by chance can be produced on purpose.

# Installed before the page's scripts: wraps Worker so replies to calls named in
# window.__holdCalls are queued in window.__held; window.__release() delivers them in order.
# window.__inflight counts calls sent and not yet answered (held replies count as answered
# only once delivered), so a test can start holding from a quiet page.
HOLD_REPLIES = """
(() => {
  window.__held = [];
  window.__inflight = 0;
  window.__holdCalls = new Set(HOLD_INITIAL);
  window.__release = () => {
    const held = window.__held;
    window.__held = [];
    for (const h of held) h.deliver();
    return held.map((h) => h.call);
  };
  const Base = window.Worker;
  window.Worker = class extends Base {
    constructor(...args) {
      super(...args);
      this.calls = new Map();
    }
    postMessage(msg, transfer) {
      if (msg && msg.call) {
        this.calls.set(msg.id, msg.call);
        window.__inflight++;
      }
      return transfer ? super.postMessage(msg, transfer) : super.postMessage(msg);
    }
    set onmessage(handler) {
      super.onmessage = (e) => {
        const call = e.data && this.calls.get(e.data.id);
        const deliver = () => {
          if (call) window.__inflight--;
          handler.call(this, e);
        };
        if (call && window.__holdCalls.has(call)) {
          window.__held.push({ call, deliver });
        } else {
          deliver();
        }
      };
    }
    get onmessage() {
      return super.onmessage;
    }
  };
})();
"""


def hold_replies(page, *calls: str):
    """Install the hook on `page` (before it loads); replies to `calls` are held from the start."""
    initial = "[" + ",".join(f'"{c}"' for c in calls) + "]"
    page.add_init_script(HOLD_REPLIES.replace("HOLD_INITIAL", initial))


def wait_quiet(page):
    """Wait until every call the page has sent has been answered: what the test holds from
    then on is only what it provokes itself, not a late answer to an earlier screen."""
    page.wait_for_function("() => window.__inflight === 0")


def held(page) -> list[str]:
    return page.evaluate("() => window.__held.map((h) => h.call)")


def release(page, *, stop_holding: bool = True) -> list[str]:
    """Deliver every held reply in the order they arrived; returns their call names."""
    if stop_holding:
        page.evaluate("() => window.__holdCalls.clear()")
    return page.evaluate("() => window.__release()")


# The current case as stored (the store's index names it).
STORED = """() => {
    const index = JSON.parse(localStorage.getItem('weiquan:index'));
    return JSON.parse(localStorage.getItem('weiquan:case:' + index.current));
}"""


def shown(page, field) -> bool:
    return page.locator(f"[data-field='{field}']").first.is_visible()


def add_files(page, kind, files):
    """Attach files to an evidence item and wait until they are listed."""
    before = page.locator(f"[data-files-for='{kind}'] li[data-file]").count()
    page.set_input_files(f"[data-file-kind='{kind}']", files)
    page.wait_for_function(
        f"() => document.querySelectorAll(\"[data-files-for='{kind}'] li[data-file]\").length"
        f" === {before + len(files)}",
        timeout=60_000,
    )
