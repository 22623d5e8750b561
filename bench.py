"""Measure the app's start in real Chromium against a bare Pyodide page (`make bench`).

    python bench.py [--runs N] [--agenda-only] [--imports-only] [--ocr-only]

Builds the site into a temporary folder and adds a bare page (bare/) there that boots the same
vendored Pyodide the same way — module worker, its own plain copy of the runtime as Pyodide ships
it (no .br/.gz beside it, so it is served uncompressed), the app's lockfile — but loads no
packages. One server serves both. Cold visits alternate between the two, each in a fresh browser
context (empty cache); after each cold app visit, a second visit in the same context measures
the warm start once the service worker controls the page and the runtime snapshot the first
visit saves in the background is stored. Then the slow-phone profile (CDP: 4x CPU throttling,
9 Mbit/s down, 170 ms RTT) repeats the cold visits of both pages, alternating. Requests are
observed, not intercepted: interception would switch off the HTTP cache through which the
worker reuses the page's preloads. Every time is taken inside the page, relative to navigation
start. Prints medians (and [min–max]) next to the targets, then one line `BENCH {json}`.

Exit status: 0 when measured, even if a target is missed (this is a measurement, not a test);
2 when a page never becomes ready; 1 when a request leaves the origin or the bench cannot run.
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import bench_imports
from tests.browser import LAUNCH_ARGS, Watch, chromium_path

ROOT = Path(__file__).resolve().parent
READY_TIMEOUT_MS = 60_000
PREVIEW_SAMPLES = 40
LONG_TASK_MS = 200
VIEWPORT = {"width": 1280, "height": 900}
# A mid-range phone on mobile data: Chromium's CPU throttling and network emulation (CDP).
PHONE_CPU_SLOWDOWN = 4
PHONE_NETWORK = {
    "offline": False,
    "latency": 170,  # ms round trip
    "downloadThroughput": 9_000_000 / 8,  # 9 Mbit/s, in bytes per second
    "uploadThroughput": 2_000_000 / 8,
}
PHONE_VIEWPORT = {"width": 360, "height": 740}

# The baseline: the same runtime, the same loader options, no packages and no app.
BARE_HTML = """<!doctype html>
<html lang="zh-CN" data-py="loading">
<head>
<meta charset="utf-8">
<title>bare Pyodide (bench baseline)</title>
<script type="module" src="bare.js"></script>
</head>
<body><p>bare Pyodide boot: the baseline bench.py compares the app with.</p></body>
</html>
"""
BARE_JS = """const root = document.documentElement;
const worker = new Worker("bare-worker.js", { type: "module" });
worker.onmessage = (e) => {
  if (e.data.event === "ready") root.dataset.py = "ready";
  else if (e.data.event === "error") root.dataset.py = "error";
};
worker.onerror = () => { root.dataset.py = "error"; };
"""
BARE_WORKER_JS = """import { loadPyodide } from "./pyodide/pyodide.mjs";
const runtimeURL = new URL("./pyodide/", import.meta.url).href;
self.postMessage({ event: "progress", stage: "runtime" });
loadPyodide({
  indexURL: runtimeURL,
  lockFileURL: runtimeURL + "%%LOCK_FILE%%",
  packageBaseUrl: runtimeURL,
  stdout: () => {},
  stderr: () => {},
}).then(
  () => self.postMessage({ event: "ready" }),
  (err) => self.postMessage({ event: "error", message: String((err && err.message) || err) }),
);
"""

# Installed before any page script runs. Records, relative to navigation start: when the root's
# data-py turns ready/error, every long task, and each worker event (boot stages). Subclassing
# Worker only adds a listener; the page's own handlers run unchanged.
INIT_SCRIPT = """(() => {
  if (window.__bench) return;
  const b = (window.__bench = { ready: null, error: null, long: [], events: [] });
  new MutationObserver(() => {
    const state = document.documentElement && document.documentElement.dataset.py;
    if (state === "ready" && b.ready === null) b.ready = performance.now();
    if (state === "error" && b.error === null) b.error = performance.now();
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-py"] });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.long.push([e.startTime, e.duration]);
    }).observe({ type: "longtask", buffered: true });
  } catch (e) {
    b.longUnsupported = String(e);
  }
  const Base = window.Worker;
  if (Base) {
    window.Worker = class extends Base {
      constructor(...args) {
        super(...args);
        this.addEventListener("message", (e) => {
          const d = e.data;
          if (!d || !d.event) return;
          b.events.push([d.event === "progress" ? d.stage : d.event, performance.now()]);
        });
      }
    };
  }
})();"""

# Keystroke → preview: the keydown's own timestamp (includes input delay) to the preview's
# data-rev change (the DOM update the person then sees painted).
PREVIEW_PROBE = """([fieldSel, previewSel]) => {
  const field = document.querySelector(fieldSel);
  const preview = document.querySelector(previewSel);
  const p = (window.__preview = { down: [], rev: [] });
  field.addEventListener("keydown", (e) => p.down.push(e.timeStamp), true);
  new MutationObserver(() => p.rev.push([performance.now(), preview.dataset.rev]))
    .observe(preview, { attributes: true, attributeFilter: ["data-rev"] });
}"""
CASE_FIELD = 'textarea#case-facts, [data-bench="case-field"]'
LETTER_PREVIEW = '[data-bench="letter-preview"]'
# Where the letter workspace lives, and what gives the case a problem so a letter can be drafted.
LETTERS_ROUTE = "#/letters"
PROBLEM_BUTTON = "button[data-problem]"


class BenchError(Exception):
    def __init__(self, message: str, status: int = 1):
        super().__init__(message)
        self.status = status


@dataclass
class Visit:
    ready_ms: float
    fcp_ms: float | None = None
    long_tasks: int | None = None
    longest_task_ms: float | None = None
    bytes: int | None = None
    stages: dict[str, float] = field(default_factory=dict)


def check_origin(guard: Watch) -> None:
    """The browser tests' origin guard; here a request to another origin ends the run."""
    if guard.foreign:
        raise BenchError(f"requests left the page's origin: {guard.foreign}")


# ---------------------------------------------------------------- site


def prepare_site(tmp: Path) -> Path:
    import build
    from buildtools.errors import BuildError

    dist = tmp / "dist"
    try:
        build.build(dist, strict=True)
    except BuildError as e:
        raise BenchError(f"build failed: {e}") from None
    locks = sorted((dist / "pyodide").glob("app-lock.*.json"))
    if len(locks) != 1:
        raise BenchError(f"{dist / 'pyodide'}: expected one app-lock.*.json, found {len(locks)}")
    # The bare page sits beside the app under the same server and headers; the app's service
    # worker precaches only its own file list, so the extra folder changes nothing for it.
    # It gets its own copy of the runtime exactly as Pyodide ships it, with no .br/.gz beside
    # it: bare Pyodide served the plain way.
    bare = dist / "bare"
    (bare / "pyodide").mkdir(parents=True)
    from buildtools import vendor as vendoring

    vendored = vendoring.vendor(ROOT / "vendor.toml", build.DEFAULT_CACHE)
    for name, data in vendored.runtime_files.items():
        (bare / "pyodide" / name).write_bytes(data)
    shutil.copyfile(locks[0], bare / "pyodide" / locks[0].name)
    (bare / "index.html").write_text(BARE_HTML, "utf-8")
    (bare / "bare.js").write_text(BARE_JS, "utf-8")
    (bare / "bare-worker.js").write_text(BARE_WORKER_JS.replace("%%LOCK_FILE%%", locks[0].name))
    bench_imports.add_page(dist)
    return dist


# ---------------------------------------------------------------- measuring


def new_context(browser, guard: Watch, phone: bool = False):
    context = browser.new_context(viewport=PHONE_VIEWPORT if phone else VIEWPORT, locale="zh-CN")
    # Observed, not intercepted: interception would turn the HTTP cache off, and the worker's
    # requests could then no longer reuse the page's preloads (every runtime file twice).
    context.on("request", guard.observe)
    context.add_init_script(INIT_SCRIPT)
    return context


def wait_ready(page, url: str) -> dict:
    try:
        page.wait_for_function(
            "() => window.__bench && (__bench.ready !== null || __bench.error !== null)",
            timeout=READY_TIMEOUT_MS,
        )
    except Exception as e:  # Playwright's TimeoutError, or the page went away
        raise BenchError(
            f"{url} never became ready (data-py stayed "
            f"{page.get_attribute('html', 'data-py')!r} for {READY_TIMEOUT_MS // 1000} s): {e}",
            status=2,
        ) from None
    state = page.evaluate(
        """() => ({
          ready: __bench.ready, error: __bench.error, long: __bench.long, events: __bench.events,
          longUnsupported: __bench.longUnsupported || null, origin: performance.timeOrigin,
          fcp: (performance.getEntriesByName("first-contentful-paint")[0] || {}).startTime ?? null,
          status: (document.getElementById("py-status") || document.body).innerText,
        })"""
    )
    if state["error"] is not None:
        raise BenchError(
            f"{url} failed to boot (data-py=error): {state['status'].strip()}", status=2
        )
    return state


def network(finished: list, origin_ms: float, ready_ms: float) -> tuple[int | None, dict]:
    """Bytes (headers + encoded body) of every request started before ready, the worker's
    included, and when the big downloads ended (ms from navigation start)."""
    total, ends = 0, {}
    for request in finished:
        timing = request.timing
        if timing["startTime"] - origin_ms > ready_ms:
            continue
        sizes = request.sizes()
        total += sizes["responseHeadersSize"] + max(sizes["responseBodySize"], 0)
        name = request.url.rsplit("/", 1)[-1]
        stage = {"pyodide.asm.wasm": "wasm_fetched", "python_stdlib.zip": "stdlib_fetched"}.get(
            name, "wheels_fetched" if name.endswith(".whl") else None
        )
        if stage and timing["responseEnd"] >= 0:
            end = timing["startTime"] + timing["responseEnd"] - origin_ms
            ends[stage] = max(ends.get(stage, 0.0), end)
    # Without the runtime's own download the count would be wrong, not small: report nothing.
    return (total if "wasm_fetched" in ends else None), ends


def visit(
    context, url: str, guard: Watch, count_bytes: bool, phone: bool = False
) -> tuple[Visit, object]:
    finished: list = []

    def on_finished(request):
        finished.append(request)

    context.on("requestfinished", on_finished)
    page = context.new_page()
    if phone:
        cdp = context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": PHONE_CPU_SLOWDOWN})
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", PHONE_NETWORK)
    try:
        page.goto(url, wait_until="commit")
        state = wait_ready(page, url)
        page.evaluate("() => 0")  # let request events that raced the ready marker arrive
    finally:
        context.remove_listener("requestfinished", on_finished)
    check_origin(guard)
    ready = state["ready"]
    before = [d for start, d in state["long"] if start <= ready]
    result = Visit(
        ready_ms=ready,
        fcp_ms=state["fcp"],
        long_tasks=None if state["longUnsupported"] else sum(d > LONG_TASK_MS for d in before),
        longest_task_ms=max(before, default=0.0),
        stages={name: t for name, t in state["events"]},
    )
    if count_bytes:
        result.bytes, ends = network(finished, state["origin"], ready)
        result.stages.update(ends)
    return result, page


def bare_cold(browser, base: str, phone: bool = False) -> Visit:
    guard = Watch(base)
    context = new_context(browser, guard, phone)
    try:
        result, _ = visit(context, base + "/bare/", guard, count_bytes=True, phone=phone)
        return result
    finally:
        context.close()


def app_cold_phone(browser, base: str) -> Visit:
    guard = Watch(base)
    context = new_context(browser, guard, phone=True)
    try:
        result, _ = visit(context, base + "/", guard, count_bytes=True, phone=True)
        return result
    finally:
        context.close()


def app_cold_and_warm(browser, base: str, preview: bool) -> tuple[Visit, Visit, dict | None]:
    guard = Watch(base)
    context = new_context(browser, guard)
    try:
        cold, page = visit(context, base + "/", guard, count_bytes=True)
        try:
            page.wait_for_function(
                "() => navigator.serviceWorker && navigator.serviceWorker.controller !== null",
                timeout=READY_TIMEOUT_MS,
            )
        except Exception:
            raise BenchError(
                "the service worker never took control of the page after the first visit, "
                "so the warm start cannot be measured"
            ) from None
        # A second visit also restores the runtime snapshot the first one saves in the
        # background; wait for it, as a returning person's device would have it.
        try:
            page.wait_for_selector("html[data-snapshot='saved']", timeout=READY_TIMEOUT_MS)
        except Exception:
            raise BenchError("the first visit never saved its runtime snapshot") from None
        page.close()
        warm, page = visit(context, base + "/", guard, count_bytes=False)
        if not page.evaluate("() => navigator.serviceWorker.controller !== null"):
            raise BenchError("the second visit was not served by the service worker")
        if page.get_attribute("html", "data-snapshot") != "used":
            raise BenchError("the second visit did not start from the runtime snapshot")
        typed = measure_preview(page) if preview else None
        check_origin(guard)
        return cold, warm, typed
    finally:
        context.close()


def open_letter_workspace(page) -> str | None:
    """Bring the case field and the letter preview on screen; returns why not, or None."""
    missing = [
        what
        for what, selector in (("case field", CASE_FIELD), ("letter preview", LETTER_PREVIEW))
        if page.query_selector(selector) is None
    ]
    if missing:
        return f"no {' and no '.join(missing)} on the page ({CASE_FIELD} / {LETTER_PREVIEW})"
    # A letter needs a case with a problem; the home screen's first problem gives it one.
    problem = page.locator(PROBLEM_BUTTON).first
    if problem.count() and problem.is_visible():
        problem.click()
    field_el = page.locator(CASE_FIELD).first
    if not field_el.is_visible():
        page.evaluate(f"() => {{ location.hash = {json.dumps(LETTERS_ROUTE)}; }}")
    if not field_el.is_visible():
        return f"the case field is not visible, even at {LETTERS_ROUTE}"
    try:
        page.wait_for_function(
            f"() => Number(document.querySelector({json.dumps(LETTER_PREVIEW)}).dataset.rev) > 0",
            timeout=10_000,
        )
    except Exception:
        return "the letter preview showed no first draft (data-rev stayed 0) within 10 s"
    return None


def measure_preview(page) -> dict:
    """Keystrokes in a case field → the letter preview's data-rev change, one at a time."""
    why = open_letter_workspace(page)
    if why:
        return {"samples": [], "why": why}
    page.evaluate(PREVIEW_PROBE, [CASE_FIELD, LETTER_PREVIEW])
    page.locator(CASE_FIELD).first.click()
    samples: list[float] = []
    for i in range(PREVIEW_SAMPLES + 3):
        seen = page.evaluate("() => window.__preview.rev.length")
        page.keyboard.type("1")
        try:
            page.wait_for_function(f"() => window.__preview.rev.length > {seen}", timeout=2_000)
        except Exception:
            field_name = page.locator(CASE_FIELD).first.evaluate("e => '#' + e.id")
            return {
                "samples": [],
                "why": f"typing in {field_name} did not change the preview's data-rev within 2 s",
            }
        latency = page.evaluate(
            """() => {
              const down = window.__preview.down.at(-1);
              const rev = window.__preview.rev.find(([t]) => t >= down);
              return rev ? rev[0] - down : null;
            }"""
        )
        if i >= 3 and latency is not None:  # the first keystrokes warm the code paths up
            samples.append(latency)
    return {"samples": samples, "why": None}


# ---------------------------------------------------------------- report


TARGETS = {
    "ready_ratio": ("≤ 1.0", lambda m: m["ready_ratio"] <= 1.0),
    "bytes_ratio": ("≤ 1.10 (cold_bytes ≤ 1.1 × bare_bytes)", lambda m: m["bytes_ratio"] <= 1.10),
    "wire_bytes_ratio": (
        "≤ 0.5 (app compressed ÷ bare plain)",
        lambda m: m["wire_bytes_ratio"] <= 0.5,
    ),
    "warm_ready_ms": (
        "≤ 0.5 × bare_ready_ms",
        lambda m: m["warm_ready_ms"] <= 0.5 * m["bare_ready_ms"],
    ),
    "fcp_ms": ("< 400", lambda m: m["fcp_ms"] < 400),
    "preview_p95_ms": ("< 50", lambda m: m["preview_p95_ms"] < 50),
    "long_tasks": ("== 0 (worst cold run)", lambda m: m["long_tasks"] == 0),
}


# ---------------------------------------------------------------- 今天要做的 with 20 cases

AGENDA_CASES = 20
# Records, inside the page, when Python is ready and when the home screen's list is drawn.
AGENDA_SCRIPT = """
window.__agenda = { ready: null, drawn: null };
new MutationObserver(() => {
  const now = performance.now();
  const py = document.documentElement.dataset.py;
  if (__agenda.ready === null && py === "ready") __agenda.ready = now;
  const today = document.getElementById("today");
  if (__agenda.drawn === null && today && today.dataset.state === "drawn") __agenda.drawn = now;
}).observe(document, {
  attributes: true, subtree: true, attributeFilter: ["data-py", "data-state"],
});
"""


def saved_cases(count: int) -> dict[str, str]:
    """localStorage as the app keeps it, with `count` saved cases whose dates lie around today
    (the repository's case files, moved so that their deadlines fall in this week)."""
    import re
    from datetime import date, timedelta

    from weiquan import case as case_model

    files = sorted((ROOT / "tests" / "unit" / "cases").glob("*.json"))
    shift = (date.today() - date(2026, 2, 26)).days
    storage, index = {}, []
    for i in range(count):
        text = files[i % len(files)].read_text("utf-8")
        by = timedelta(days=shift + i % 5)
        moved = re.sub(
            r"\d{4}-\d{2}-\d{2}",
            lambda m, by=by: (date.fromisoformat(m[0]) + by).isoformat(),
            text,
        )
        doc = json.loads(moved)
        doc.pop("expect", None)
        envelope = case_model.dump(case_model.normalise(doc))
        case_id = f"bench{i:02d}"
        storage[f"weiquan:case:{case_id}"] = json.dumps({**envelope, "savedAt": ""})
        index.append({"id": case_id, "name": f"案件 {i + 1}"})
    storage["weiquan:index"] = json.dumps({"cases": index, "current": index[0]["id"]})
    return storage


def measure_agenda(browser, base: str, runs: int) -> dict:
    """Milliseconds from `ready` to the drawn 今天要做的 list with AGENDA_CASES saved cases."""
    seed = json.dumps(saved_cases(AGENDA_CASES), ensure_ascii=False)
    times, items = [], None
    for _ in range(runs):
        guard = Watch(base)
        context = new_context(browser, guard)
        context.add_init_script(
            f"if (!sessionStorage.getItem('seeded')) {{ sessionStorage.setItem('seeded', '1');"
            f" for (const [k, v] of Object.entries({seed})) localStorage.setItem(k, v); }}"
        )
        context.add_init_script(AGENDA_SCRIPT)
        try:
            page = context.new_page()
            page.goto(f"{base}/")
            page.wait_for_function("() => window.__agenda.drawn !== null", timeout=READY_TIMEOUT_MS)
            got = page.evaluate("() => window.__agenda")
            items = page.locator("#today-list li").count()
            times.append(got["drawn"] - got["ready"])
        finally:
            context.close()
        check_origin(guard)
    return {"agenda_ms": median(times), "agenda_range": spread(times), "agenda_items": items}


def agenda_line(m: dict) -> str:
    figure = fmt(m["agenda_ms"], " ms")
    return f"今天要做的, {AGENDA_CASES} cases: {figure} after ready (target ≤ 300 ms)"


def on_served_site(measure, runs: int) -> dict:
    """measure(browser, base, runs) against a freshly prepared site, served and torn down."""
    from playwright.sync_api import sync_playwright

    from serve import serve_in_thread

    with tempfile.TemporaryDirectory(prefix="weiquan-bench-") as tmp:
        site = prepare_site(Path(tmp))
        server, base = serve_in_thread(site)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=chromium_path(), args=LAUNCH_ARGS)
                try:
                    return measure(browser, base, runs)
                finally:
                    browser.close()
        finally:
            server.shutdown()


def measure_imports(browser, base: str, runs: int) -> dict:
    guard = Watch(base)

    def context(b):
        c = new_context(b, guard)
        return c

    try:
        results = [
            bench_imports.visit(browser, base, context, READY_TIMEOUT_MS) for _ in range(runs)
        ]
    except Exception as e:  # a page that never answers, or answers with an error
        raise BenchError(f"import costs: {e}") from None
    check_origin(guard)
    return bench_imports.summarise(results)


def run_imports(runs: int) -> dict:
    return on_served_site(measure_imports, runs)


def run_agenda(runs: int) -> dict:
    return on_served_site(measure_agenda, runs)


# ---------------------------------------------------------------- 识别截图 (on-device OCR)

# Records, inside the page, when a screenshot was chosen and when the field rows appeared.
OCR_SCRIPT = """
window.__ocr = { chosen: null, rows: null };
document.addEventListener("change", (e) => {
  if (e.target.matches && e.target.matches("input[data-ocr]")) __ocr.chosen = performance.now();
}, true);
new MutationObserver(() => {
  const found = document.querySelector("[data-paste-result][data-state='found']");
  if (found && __ocr.chosen !== null && __ocr.rows === null) __ocr.rows = performance.now();
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-state"] });
"""
OCR_BOX = "[data-paste-box='order']"
OCR_TIMEOUT_MS = 180_000
OCR_TARGETS = {
    "ocr_bytes": ("≤ 20 MB (first use, compressed)", lambda v: v <= 20e6),
    "ocr_ms": ("≤ 3000 (desktop, model cached)", lambda v: v <= 3000),
    "ocr_phone_ms": ("≤ 12000 (slow phone, model cached)", lambda v: v <= 12000),
}


def ocr_screenshot(browser) -> bytes:
    """A 1080×2340 Alipay bill detail (tests/ocr_screens.py), rendered with the CJK font."""
    from tests import ocr_screens

    shot = next(s for s in ocr_screens.shots() if s.name == "alipay-bill-1080")
    return ocr_screens.render(browser, shot)


class WorkerNotThrottled(Exception):
    """The browser refuses to slow a worker's CPU: no honest slow-phone figure can be taken."""


def throttle_recogniser(browser) -> bool:
    """Slow the recogniser's worker down like the page: Chromium's CPU throttling of a page
    does not reach its dedicated workers, so the worker's own target is throttled as soon as it
    appears (it has then only begun reading its files from Cache Storage)."""
    cdp = browser.new_browser_cdp_session()
    replies: list = []
    cdp.on("Target.receivedMessageFromTarget", lambda e: replies.append(e["message"]))
    # Wall-clock: on a loaded 2-core machine the 4×-throttled page can take well over 10 s to
    # load the panel and start the worker.
    deadline = time.perf_counter() + 60
    while time.perf_counter() < deadline:
        targets = cdp.send("Target.getTargets")["targetInfos"]
        worker = next(
            (t for t in targets if t["type"] == "worker" and "ocr-worker" in t["url"]), None
        )
        if worker:
            session = cdp.send("Target.attachToTarget", {"targetId": worker["targetId"]})
            message = {
                "id": 1,
                "method": "Emulation.setCPUThrottlingRate",
                "params": {"rate": PHONE_CPU_SLOWDOWN},
            }
            cdp.send(
                "Target.sendMessageToTarget",
                {"sessionId": session["sessionId"], "message": json.dumps(message)},
            )
            while not replies and time.perf_counter() < deadline:
                cdp.send("Target.getTargets")  # lets the reply arrive
            if replies and "error" in json.loads(replies[0]):
                # This Chromium answers "Operation is only supported for pages, not workers":
                # an unthrottled figure would pass for a phone's, so there is none.
                raise WorkerNotThrottled(json.loads(replies[0])["error"].get("message", ""))
            return bool(replies)
    return False


def choose_and_wait(page, png: bytes, first_use: bool = False, browser=None) -> float:
    """Choose the screenshot in the 订单 step's box; ms from the choice to the field rows.
    With `browser`, the recogniser's worker gets the slow phone's CPU too."""
    page.evaluate("() => { __ocr.chosen = null; __ocr.rows = null; }")
    page.set_input_files(
        f"{OCR_BOX} input[data-ocr]",
        files=[{"name": "bill.png", "mimeType": "image/png", "buffer": png}],
    )
    if browser is not None and not throttle_recogniser(browser):
        raise BenchError("the recogniser's worker did not start within 60 s")
    if first_use:
        page.click(f"{OCR_BOX} [data-ocr-download]", timeout=READY_TIMEOUT_MS)
    page.wait_for_function("() => __ocr.rows !== null", timeout=OCR_TIMEOUT_MS)
    got = page.evaluate("() => __ocr")
    return got["rows"] - got["chosen"]


def open_order_step(context, base: str, phone: bool = False):
    page = context.new_page()
    if phone:
        cdp = context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": PHONE_CPU_SLOWDOWN})
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", PHONE_NETWORK)
    page.goto(f"{base}/#/case/order")
    wait_ready(page, base)
    return page


def ocr_first_use_bytes(browser, base: str, png: bytes) -> int:
    """Encoded bytes of every request under ocr/ from the first choice to the rows. Service
    workers are blocked here so that each download is seen once, as it crosses the wire."""
    guard = Watch(base)
    context = browser.new_context(viewport=VIEWPORT, locale="zh-CN", service_workers="block")
    context.on("request", guard.observe)
    context.add_init_script(INIT_SCRIPT)
    context.add_init_script(OCR_SCRIPT)
    finished: list = []
    context.on("requestfinished", lambda request: finished.append(request))
    try:
        page = open_order_step(context, base)
        choose_and_wait(page, png, first_use=True)
        page.evaluate("() => 0")
        total = 0
        for request in finished:
            if "/ocr/" in request.url:
                sizes = request.sizes()
                total += sizes["responseHeadersSize"] + max(sizes["responseBodySize"], 0)
        check_origin(guard)
        return total
    finally:
        context.close()


def ocr_cached_times(browser, base: str, png: bytes, runs: int, phone: bool) -> list[float]:
    """Fresh pages of one context whose service worker already keeps the recogniser: each
    starts the recogniser's worker and models from Cache Storage, then reads the screenshot."""
    guard = Watch(base)
    context = browser.new_context(viewport=PHONE_VIEWPORT if phone else VIEWPORT, locale="zh-CN")
    context.on("request", guard.observe)
    context.add_init_script(INIT_SCRIPT)
    context.add_init_script(OCR_SCRIPT)
    try:
        page = open_order_step(context, base)
        page.wait_for_function(
            "() => navigator.serviceWorker && navigator.serviceWorker.controller !== null",
            timeout=READY_TIMEOUT_MS,
        )
        choose_and_wait(page, png, first_use=True)  # the one download, unthrottled
        page.close()
        times = []
        for _ in range(runs):
            page = open_order_step(context, base, phone=phone)
            times.append(choose_and_wait(page, png, browser=browser if phone else None))
            page.close()
        check_origin(guard)
        return times
    finally:
        context.close()


def measure_ocr(browser, base: str, runs: int) -> dict:
    png = ocr_screenshot(browser)
    first_use = ocr_first_use_bytes(browser, base, png)
    desktop = ocr_cached_times(browser, base, png, runs, phone=False)
    print(f"ocr: desktop {[round(t) for t in desktop]} ms", file=sys.stderr, flush=True)
    try:
        phone = ocr_cached_times(browser, base, png, runs, phone=True)
        print(f"ocr: phone {[round(t) for t in phone]} ms", file=sys.stderr, flush=True)
        phone_note = ""
    except WorkerNotThrottled as refused:
        phone, phone_note = [], f"the recogniser's worker cannot be CPU-throttled here ({refused})"
        print(f"ocr: phone not measured: {phone_note}", file=sys.stderr, flush=True)
    m = {
        "ocr_bytes": first_use,
        "ocr_ms": median(desktop),
        "ocr_phone_ms": median(phone) if phone else None,
        "ocr_spread": {"ocr_ms": spread(desktop), "ocr_phone_ms": spread(phone) if phone else None},
    }
    if phone_note:
        m["ocr_phone_note"] = phone_note
    m["ocr_targets"] = {
        name: {"target": text, "met": None if m[name] is None else bool(check(m[name]))}
        for name, (text, check) in OCR_TARGETS.items()
    }
    return m


def ocr_lines(m: dict) -> str:
    lines = []
    for name, (text, _) in OCR_TARGETS.items():
        unit = "B" if name == "ocr_bytes" else " ms"
        met = {True: "yes", False: "NO", None: "n/a"}[m["ocr_targets"][name]["met"]]
        lines.append(f"{name:<17} {fmt(m[name], unit):>12}  {text:<40} {met}")
    return "\n".join(lines)


def run_ocr(runs: int) -> dict:
    return on_served_site(measure_ocr, runs)


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def p95(values):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def stage_medians(visits: list[Visit]) -> dict[str, float]:
    names = {name for v in visits for name in v.stages}
    medians = {n: median(v.stages.get(n) for v in visits) for n in names}
    return dict(sorted(medians.items(), key=lambda item: item[1]))


def rounded(value):
    if isinstance(value, float):
        return round(value, 3) if abs(value) < 10 else round(value, 1)
    if isinstance(value, dict):
        return {k: rounded(v) for k, v in value.items()}
    return value


def summarise(bare: list[Visit], cold: list[Visit], warm: list[Visit], typed: dict | None) -> dict:
    m: dict = {
        "runs": len(cold),
        "bare_ready_ms": median(v.ready_ms for v in bare),
        "cold_ready_ms": median(v.ready_ms for v in cold),
        "warm_ready_ms": median(v.ready_ms for v in warm),
        "fcp_ms": median(v.fcp_ms for v in cold),
        "long_tasks": None,
        "longest_task_ms": max((v.longest_task_ms or 0.0) for v in cold),
        "warm_longest_task_ms": max((v.longest_task_ms or 0.0) for v in warm),
        "bare_bytes": median(v.bytes for v in bare),
        "cold_bytes": median(v.bytes for v in cold),
    }
    counts = [v.long_tasks for v in cold]
    if None not in counts:
        m["long_tasks"] = max(counts)
    m["ready_ratio"] = m["cold_ready_ms"] / m["bare_ready_ms"]
    m["bytes_ratio"] = (
        m["cold_bytes"] / m["bare_bytes"] if m["cold_bytes"] and m["bare_bytes"] else None
    )
    # Bytes are encoded (on the wire): the app's compressed first visit against bare Pyodide
    # served plain. bytes_ratio is kept for earlier runs' sake; it is the same quotient.
    m["wire_bytes_ratio"] = m["bytes_ratio"]
    samples = (typed or {}).get("samples") or []
    m["preview_p95_ms"] = p95(samples)
    m["preview_samples"] = len(samples)
    m["boot_stages"] = {
        "app_cold": stage_medians(cold),
        "app_warm": stage_medians(warm),
        "bare": stage_medians(bare),
    }
    m["spread"] = {
        "bare_ready_ms": spread(v.ready_ms for v in bare),
        "cold_ready_ms": spread(v.ready_ms for v in cold),
        "warm_ready_ms": spread(v.ready_ms for v in warm),
        "fcp_ms": spread(v.fcp_ms for v in cold),
        "longest_task_ms": spread(v.longest_task_ms for v in cold),
    }
    m["samples"] = {
        "bare_ready_ms": [round(v.ready_ms) for v in bare],
        "cold_ready_ms": [round(v.ready_ms) for v in cold],
        "warm_ready_ms": [round(v.ready_ms) for v in warm],
    }
    notes = {}
    if m["preview_p95_ms"] is None:
        notes["preview_p95_ms"] = (typed or {}).get("why") or "not measured"
    if m["long_tasks"] is None:
        notes["long_tasks"] = "this browser reports no long tasks"
    if m["bytes_ratio"] is None:
        notes["wire_bytes_ratio"] = "the runtime's download was not among the finished requests"
        notes["bytes_ratio"] = "the runtime's download was not among the finished requests"
    m["notes"] = notes
    m["targets"] = {
        name: {"target": text, "met": None if m[name] is None else bool(check(m))}
        for name, (text, check) in TARGETS.items()
    }
    return m


def spread(values) -> list | None:
    values = [v for v in values if v is not None]
    return [round(min(values)), round(max(values))] if values else None


def summarise_phone(bare: list[Visit], cold: list[Visit]) -> dict:
    """The slow-phone profile: medians, and [min, max] of every figure."""
    p = {
        "ready_ratio": None,
        "bare_ready_ms": median(v.ready_ms for v in bare),
        "cold_ready_ms": median(v.ready_ms for v in cold),
        "fcp_ms": median(v.fcp_ms for v in cold),
        "bare_fcp_ms": median(v.fcp_ms for v in bare),
        "longest_task_ms": max((v.longest_task_ms or 0.0) for v in cold),
        "long_tasks": max((v.long_tasks or 0) for v in cold),
        "wire_bytes": median(v.bytes for v in cold),
        "bare_wire_bytes": median(v.bytes for v in bare),
        "spread": {
            "bare_ready_ms": spread(v.ready_ms for v in bare),
            "cold_ready_ms": spread(v.ready_ms for v in cold),
            "fcp_ms": spread(v.fcp_ms for v in cold),
            "longest_task_ms": spread(v.longest_task_ms for v in cold),
        },
        "boot_stages": {"app_cold": stage_medians(cold), "bare": stage_medians(bare)},
        "profile": {
            "cpu_slowdown": PHONE_CPU_SLOWDOWN,
            "down_mbit_s": PHONE_NETWORK["downloadThroughput"] * 8 / 1e6,
            "rtt_ms": PHONE_NETWORK["latency"],
        },
    }
    if p["bare_ready_ms"]:
        p["ready_ratio"] = p["cold_ready_ms"] / p["bare_ready_ms"]
    p["targets"] = {
        "ready_ratio": {"target": "≤ 1.0", "met": p["ready_ratio"] <= 1.0},
        "fcp_ms": {"target": "< 1500", "met": (p["fcp_ms"] or 1e9) < 1500},
        "long_tasks": {"target": "== 0 over 200 ms", "met": p["long_tasks"] == 0},
    }
    return p


def fmt(value, unit="") -> str:
    if value is None:
        return "—"
    if isinstance(value, float) and unit == "x":
        return f"{value:.3f}"
    if unit == "B":
        return f"{value / 1e6:.2f} MB"
    return f"{round(value)}{unit}"


def table(m: dict) -> str:
    rows = [
        ("bare_ready_ms", fmt(m["bare_ready_ms"], " ms"), "", None),
        ("cold_ready_ms", fmt(m["cold_ready_ms"], " ms"), "", None),
        ("ready_ratio", fmt(m["ready_ratio"], "x"), *target_cells(m, "ready_ratio")),
        ("warm_ready_ms", fmt(m["warm_ready_ms"], " ms"), *target_cells(m, "warm_ready_ms")),
        ("fcp_ms", fmt(m["fcp_ms"], " ms"), *target_cells(m, "fcp_ms")),
        ("long_tasks", fmt(m["long_tasks"]), *target_cells(m, "long_tasks")),
        ("longest_task_ms", fmt(m["longest_task_ms"], " ms"), "", None),
        ("warm_longest_task", fmt(m["warm_longest_task_ms"], " ms"), "", None),
        ("bare_bytes", fmt(m["bare_bytes"], "B"), "", None),
        ("cold_bytes", fmt(m["cold_bytes"], "B"), "", None),
        ("bytes_ratio", fmt(m["bytes_ratio"], "x"), *target_cells(m, "bytes_ratio")),
        ("wire_bytes_ratio", fmt(m["wire_bytes_ratio"], "x"), *target_cells(m, "wire_bytes_ratio")),
        ("preview_p95_ms", fmt(m["preview_p95_ms"], " ms"), *target_cells(m, "preview_p95_ms")),
    ]
    lines = [f"{'metric':<17} {'median':>12}  {'target':<40} met"]
    for name, value, target, met in rows:
        mark = "" if not target else {True: "yes", False: "NO", None: "n/a"}[met]
        lines.append(f"{name:<17} {value:>12}  {target:<40} {mark}".rstrip())
    ph = m.get("phone")
    if ph:
        t = ph["targets"]
        prof = ph["profile"]
        lines.append(
            f"phone ({prof['cpu_slowdown']}x CPU, {prof['down_mbit_s']:g} Mbit/s, "
            f"{prof['rtt_ms']} ms RTT), median [min–max]:"
        )
        for name, value, target in (
            ("bare_ready_ms", ph["bare_ready_ms"], None),
            ("cold_ready_ms", ph["cold_ready_ms"], None),
            ("ready_ratio", ph["ready_ratio"], "ready_ratio"),
            ("fcp_ms", ph["fcp_ms"], "fcp_ms"),
            ("longest_task_ms", ph["longest_task_ms"], None),
            ("long_tasks", ph["long_tasks"], "long_tasks"),
            ("wire_bytes", ph["wire_bytes"], None),
            ("bare_wire_bytes", ph["bare_wire_bytes"], None),
        ):
            unit = "x" if name == "ready_ratio" else "B" if "bytes" in name else " ms"
            unit = "" if name == "long_tasks" else unit
            span = ph["spread"].get(name)
            shown = fmt(value, unit) + (f" [{span[0]}–{span[1]}]" if span else "")
            cell = (
                (t[target]["target"], {True: "yes", False: "NO"}[t[target]["met"]])
                if target
                else ("", "")
            )
            lines.append(f"  {name:<17} {shown:>22}  {cell[0]:<30} {cell[1]}".rstrip())
        for stage_set, stages in ph["boot_stages"].items():
            if stages:
                pretty = ", ".join(f"{n} {fmt(t, ' ms')}" for n, t in stages.items())
                lines.append(f"  stages {stage_set}: {pretty}")
    for stage_set, stages in m["boot_stages"].items():
        if stages:
            pretty = ", ".join(f"{n} {fmt(t, ' ms')}" for n, t in stages.items())
            lines.append(f"stages {stage_set}: {pretty}")
    for name, why in m["notes"].items():
        lines.append(f"note: {name} not measured: {why}")
    lines.append(
        f"{m['runs']} runs each, alternating; cold = fresh browser context; times from "
        "navigation start to data-py=ready, measured in the page. long_tasks counts main-thread "
        f"tasks over {LONG_TASK_MS} ms before ready in the worst cold run."
    )
    return "\n".join(lines)


def target_cells(m: dict, name: str):
    t = m["targets"][name]
    return t["target"], t["met"]


# ---------------------------------------------------------------- main


def run(runs: int) -> dict:
    from playwright.sync_api import sync_playwright

    from serve import serve_in_thread

    with tempfile.TemporaryDirectory(prefix="weiquan-bench-") as tmp:
        started = time.perf_counter()
        site = prepare_site(Path(tmp))
        server, base = serve_in_thread(site)
        bare, cold, warm, typed = [], [], [], None
        phone_bare, phone_cold = [], []
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=chromium_path(), args=LAUNCH_ARGS)
                try:
                    # One unrecorded visit of each first: process start-up and the OS file cache
                    # would otherwise land on whichever page happens to go first.
                    bare_cold(browser, base)
                    app_cold_and_warm(browser, base, preview=False)
                    for i in range(runs):
                        last = i == runs - 1
                        if i % 2 == 0:
                            bare.append(bare_cold(browser, base))
                            c, w, t = app_cold_and_warm(browser, base, preview=last)
                        else:
                            c, w, t = app_cold_and_warm(browser, base, preview=last)
                            bare.append(bare_cold(browser, base))
                        cold.append(c)
                        warm.append(w)
                        typed = t if last else typed
                        # The slow-phone profile, alternating the same way.
                        if i % 2 == 0:
                            phone_bare.append(bare_cold(browser, base, phone=True))
                            phone_cold.append(app_cold_phone(browser, base))
                        else:
                            phone_cold.append(app_cold_phone(browser, base))
                            phone_bare.append(bare_cold(browser, base, phone=True))
                        print(
                            f"run {i + 1}/{runs}: bare {bare[-1].ready_ms:.0f} ms, app cold "
                            f"{c.ready_ms:.0f} ms, warm {w.ready_ms:.0f} ms; phone: bare "
                            f"{phone_bare[-1].ready_ms:.0f} ms, "
                            f"app {phone_cold[-1].ready_ms:.0f} ms",
                            file=sys.stderr,
                            flush=True,
                        )
                finally:
                    browser.close()
        finally:
            server.shutdown()
        m = summarise(bare, cold, warm, typed)
        m["phone"] = summarise_phone(phone_bare, phone_cold)
        m["bench_s"] = round(time.perf_counter() - started, 1)
        return m


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="cold runs of each page (default 5)")
    parser.add_argument(
        "--agenda-only", action="store_true", help="only the 今天要做的 figure (20 saved cases)"
    )
    parser.add_argument(
        "--imports-only", action="store_true", help="only what importing the app costs in wasm"
    )
    parser.add_argument(
        "--ocr-only",
        action="store_true",
        help="only the 识别截图 figures (ocr_bytes, ocr_ms, ocr_phone_ms)",
    )
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    sys.path.insert(0, str(ROOT))
    try:
        if args.agenda_only:
            m = run_agenda(args.runs)
            print(agenda_line(m))
            print("BENCH " + json.dumps(rounded(m), ensure_ascii=False, separators=(",", ":")))
            return 0
        if args.imports_only:
            m = run_imports(args.runs)
            print(bench_imports.lines_for(m))
            print("BENCH " + json.dumps(rounded(m), ensure_ascii=False, separators=(",", ":")))
            return 0
        if args.ocr_only:
            m = run_ocr(args.runs)
            print(ocr_lines(m))
            print("BENCH " + json.dumps(rounded(m), ensure_ascii=False, separators=(",", ":")))
            return 0
        m = run(args.runs)
        m.update(run_agenda(args.runs))
        m.update(run_imports(args.runs))
        m.update(run_ocr(args.runs))
    except BenchError as e:
        print(f"bench failed: {e}", file=sys.stderr)
        return e.status
    print(table(m))
    print(agenda_line(m))
    print(bench_imports.lines_for(m))
    print(ocr_lines(m))
    print("BENCH " + json.dumps(rounded(m), ensure_ascii=False, separators=(",", ":")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
