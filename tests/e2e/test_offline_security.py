"""Offline use, the content security policy, text never becoming markup, and updates that are
offered rather than forced — as a person (or an attacker's text) meets them."""

from __future__ import annotations

import re
import shutil
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest

import build
from serve import serve_in_thread

from .conftest import Watch, new_context
from .helpers import PROBLEM_BUTTONS, goto_route, pick_problem, swap_site, wait_ready

LETTER_PREVIEW = "[data-bench='letter-preview']"
FACTS_INTAKE = "#f-facts"

CONTROLLED = "() => !!navigator.serviceWorker && navigator.serviceWorker.controller !== null"

# Records every CSP violation the document sees, from before the first script runs.
CSP_PROBE = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  const where = `${e.sourceFile}:${e.lineNumber}`;
  window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${where}`);
});
"""

# Prefixes every text the worker sends back with hostile markup before the page sees it, so the
# test shows what the shell does with any text it did not write itself. Ids and codes stay
# intact: the page uses them for selectors and state, never as text.
HOSTILE_REPLIES = """
(() => {
  const PAYLOAD = '<img src="x-injected" onerror="window.__pwned=1"><b>粗</b>';
  const KEEP = new Set(["id", "problem", "kind", "code", "event", "stage", "call"]);
  const poison = (value, key) => {
    if (typeof value === "string") return KEEP.has(key) ? value : PAYLOAD + value;
    if (Array.isArray(value)) return value.map((v) => poison(v, key));
    if (value && typeof value === "object") {
      for (const k of Object.keys(value)) value[k] = poison(value[k], k);
    }
    return value;
  };
  const Base = window.Worker;
  window.Worker = class extends Base {
    constructor(...args) {
      super(...args);
      // Registered before the page's own handler, so it runs first on the same data object.
      this.addEventListener("message", (e) => {
        if (e.data && e.data.ok && e.data.result) poison(e.data.result, "result");
      });
    }
  };
})();
"""

SECURITY_DIRECTIVES = ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]


def wait_controlled(page):
    """The service worker has precached this build and answers the page's requests."""
    page.wait_for_function(CONTROLLED, timeout=60_000)


def open_letter(page, kind: str) -> str:
    """Show one letter kind and return its text once Python has drafted it."""
    goto_route(page, f"#/letters/{kind}")
    page.wait_for_function(
        """([sel, kind]) => {
          const p = document.querySelector(sel);
          return p && Number(p.dataset.rev) > 0 && p.dataset.letter === kind;
        }""",
        arg=[LETTER_PREVIEW, kind],
    )
    return page.locator(LETTER_PREVIEW).inner_text()


# ---------------------------------------------------------------- offline


def test_after_one_visit_the_app_starts_and_answers_offline(open_page, base_url):
    page, _ = open_page()
    page.goto(base_url + "/")
    wait_ready(page)
    wait_controlled(page)
    page.context.set_offline(True)
    page.reload()
    wait_ready(page)
    pick_problem(page, "invalid_key")
    assert page.locator("#checklist .evidence").count() >= 3
    assert "卡密" in page.locator("#checklist").inner_text()
    # Drafting runs Jinja2 inside the worker: the whole letter path works offline too.
    assert "卡密" in open_letter(page, "12315")


# ---------------------------------------------------------------- CSP


def test_a_whole_journey_raises_no_csp_violation(open_page, base_url):
    page, _ = open_page()
    page.add_init_script(CSP_PROBE)
    page.goto(base_url + "/")
    wait_ready(page)
    problems = page.eval_on_selector_all(PROBLEM_BUTTONS, "els => els.map(e => e.dataset.problem)")
    assert len(problems) >= 6
    for problem in problems:
        pick_problem(page, problem)
    # Every screen once: the case intake, the dashboard Python fills in, a drafted letter.
    for route, drawn in [
        ("#/case/facts", "[data-view='case'] [data-step='facts']"),
        ("#/dashboard", "#dashboard > *"),
    ]:
        goto_route(page, route)
        page.wait_for_selector(drawn)
    open_letter(page, "evidence-list")
    wait_controlled(page)
    assert page.evaluate("() => window.__csp") == []


class MarkupScan(HTMLParser):
    """Every <script> tag and every attribute that could run code, in one HTML file."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts: list[dict] = []
        self.data_blocks: list[dict] = []  # <script type="application/json">: data, never run
        self.data_block = False
        self.risky: list[str] = []
        self.inline: list[str] = []  # the text of each inline <script> that runs
        self.in_inline = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.data_block = tag == "script" and attrs.get("type") == "application/json"
        if self.data_block:
            self.data_blocks.append(attrs)
        elif tag == "script":
            self.scripts.append(attrs)
            self.in_inline = not attrs.get("src")
            if self.in_inline:
                self.inline.append("")
        for name, value in attrs.items():
            if name.startswith("on"):
                self.risky.append(f"<{tag} {name}=…>")
            elif (value or "").strip().lower().startswith("javascript:"):
                self.risky.append(f"<{tag} {name}={value!r}>")

    def handle_data(self, data):
        if self.lasttag == "script" and self.data_block:
            pass  # JSON data (the parser may hand it over in pieces): never run
        elif self.in_inline:
            self.inline[-1] += data

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_inline = False


def test_built_html_runs_only_external_modules_and_the_hashed_boot_script(dist, base_url):
    pages = sorted(dist.rglob("*.html"))
    assert pages, "dist has no HTML"
    for path in pages:
        scan = MarkupScan()
        scan.feed(path.read_text("utf-8"))
        scan.close()
        rel = path.relative_to(dist)
        assert scan.risky == [], f"{rel}: {scan.risky}"
        external = [s for s in scan.scripts if s.get("src")]
        assert all(s.get("type") == "module" for s in external), (
            f"{rel}: every external script must be a module script: {scan.scripts}"
        )
        assert len(scan.inline) <= 1, f"{rel}: more than one inline script: {scan.inline}"
    front = MarkupScan()
    front.feed((dist / "index.html").read_text("utf-8"))
    names = [s["src"].rsplit("/", 1)[-1].split(".")[0] for s in front.scripts if s.get("src")]
    assert names == ["app"], f"index.html should load app.js as its one module: {front.scripts}"
    # The inline one is site/boot.js as the build writes it, and the served CSP allows exactly
    # it, by its hash.
    (boot,) = front.inline
    text, hash_source = build.inline_boot_script((build.SITE / build.INLINE_SCRIPT).read_bytes())
    assert boot == text and "new Worker(" in boot
    with urllib.request.urlopen(base_url + "/") as response:
        csp = response.headers["Content-Security-Policy"]
    assert f"'{hash_source}'" in csp, csp
    assert "unsafe-inline" not in csp, csp


def served_paths(dist: Path) -> dict[str, str]:
    worker = re.search(r'data-worker="([^"]+)"', (dist / "index.html").read_text("utf-8"))
    assert worker, "index.html names no worker script (data-worker)"
    return {"page": "/", "worker script": "/" + worker[1], "service worker": "/sw.js"}


@pytest.mark.parametrize("what", ["page", "worker script", "service worker"])
def test_page_worker_and_service_worker_forbid_plugins_base_and_framing(dist, base_url, what):
    with urllib.request.urlopen(base_url + served_paths(dist)[what]) as response:
        csp = response.headers["Content-Security-Policy"] or ""
        referrer = response.headers["Referrer-Policy"]
    for directive in SECURITY_DIRECTIVES:
        assert directive in csp, f"{what}: CSP lacks {directive}: {csp!r}"
    assert referrer == "no-referrer", f"{what}: Referrer-Policy is {referrer!r}"


def test_text_from_python_is_shown_as_text_never_as_markup(open_page, base_url):
    page, watch = open_page()
    page.add_init_script(CSP_PROBE)
    page.add_init_script(HOSTILE_REPLIES)
    page.goto(base_url + "/")
    wait_ready(page)
    pick_problem(page, "invalid_key")
    checklist = page.locator("#checklist")
    assert checklist.locator("img, b").count() == 0, "hostile text became elements"
    assert '<img src="x-injected"' in checklist.inner_text()
    assert page.evaluate("() => window.__pwned") is None
    assert not any("x-injected" in url for url in watch.seen), "the injected image was fetched"
    assert page.evaluate("() => window.__csp") == []


def test_what_the_person_types_stays_text_in_the_letter(open_page, base_url):
    page, watch = open_page()
    page.add_init_script(CSP_PROBE)
    page.goto(base_url + "/")
    wait_ready(page)
    pick_problem(page, "invalid_key")
    typed = '充值卡<img src="x-typed" onerror="window.__pwned=1"><script>window.__pwned=2</script>'
    goto_route(page, "#/case/facts")
    page.fill(FACTS_INTAKE, typed)
    letter = open_letter(page, "12315")
    assert typed in letter, "the letter should quote the facts exactly as typed"
    assert page.locator(f"{LETTER_PREVIEW} *").count() == 0, "typed markup became elements"
    assert page.evaluate("() => window.__pwned") is None
    assert not any("x-typed" in url for url in watch.seen), "the typed image was fetched"
    assert page.evaluate("() => window.__csp") == []


# ---------------------------------------------------------------- updates


def build_b(out: Path, monkeypatch) -> Path:
    """The same site with a changed script and stylesheet: new hashes, new sw.js version."""
    real_gather = build.gather

    def gather_b(strict=False):
        g = real_gather(strict=strict)
        g.assets["app.js"] += b"\n// build B\n"
        g.assets["style.css"] += b"\n/* build B */\n"
        return g

    monkeypatch.setattr(build, "gather", gather_b)
    build.build(out, strict=True)
    monkeypatch.undo()
    return out


def asset_files(dist: Path) -> set[str]:
    return {f"assets/{p.name}" for p in (dist / "assets").iterdir()}


def loaded_assets(page) -> set[str]:
    """Hashed files this page actually runs on: its tags plus every resource it fetched."""
    return set(
        page.evaluate(
            """() => [
              ...[...document.querySelectorAll("script[src], link[href]")]
                .map((e) => e.src || e.href),
              ...performance.getEntriesByType("resource").map((e) => e.name),
            ].map((u) => new URL(u).pathname.slice(1)).filter((p) => p.startsWith("assets/"))"""
        )
    )


def test_a_new_build_is_offered_and_used_only_when_accepted(browser, dist, tmp_path, monkeypatch):
    a_assets = asset_files(dist)
    b = build_b(tmp_path / "b", monkeypatch)
    b_assets = asset_files(b)
    b_only = b_assets - a_assets
    assert b_only, "build B should differ from build A"
    served = tmp_path / "served"
    shutil.copytree(dist, served)
    server, url = serve_in_thread(served)
    context = new_context(browser)
    watch = Watch(url)
    context.route("**/*", watch.route)
    try:
        page = context.new_page()
        page.on("console", watch.console)
        page.on("pageerror", lambda e: watch.errors.append(f"pageerror: {e}"))
        page.goto(url + "/")
        wait_ready(page)
        wait_controlled(page)
        assert page.locator("#update").is_hidden()

        swap_site(served, b)
        page.reload()
        wait_ready(page)
        # The old version keeps running, whole: nothing of build B is mixed in.
        page.wait_for_selector("#update", state="visible", timeout=30_000)
        on_a = loaded_assets(page)
        assert on_a and on_a <= a_assets, (
            f"build A's page loaded files of build B: {on_a - a_assets}"
        )
        pick_problem(page, "invalid_key")

        with page.expect_navigation():
            page.click("#update-reload")
        wait_ready(page)
        on_b = loaded_assets(page)
        assert on_b & b_only and on_b <= b_assets, f"after accepting, the page runs {on_b}"
        assert page.locator("#update").is_hidden()
        pick_problem(page, "late_reissue")
    finally:
        context.close()
        server.shutdown()
    watch.check()
