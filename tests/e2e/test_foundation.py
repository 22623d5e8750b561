"""The foundation as a person meets it: guide at once, Python boots, checklists per problem."""

from __future__ import annotations

import pytest

from .conftest import DESKTOP, PHONE
from .helpers import wait_ready

# What each problem's checklist must ask for, as a person would read it.
EXPECTED = {
    "invalid_key": ["订单号", "卡密"],
    "not_delivered": ["订单号", "支付"],
    "late_reissue": ["补"],
    "not_as_described": ["描述"],
    "refund_refused": ["退款"],
    "vanished": ["支付"],
}


def release(page, held, frames=600):
    """Let a held request go once the page has made it (Playwright handles routes between calls)."""
    for _ in range(frames):
        if held:
            # The page's preload and the worker both ask for it: let every caught request go.
            # unroute returns after all earlier route events have reached `held`.
            page.unroute("**/pyodide.asm.wasm")
            for route in held:
                route.fallback()
            return
        page.evaluate("() => new Promise(requestAnimationFrame)")
    raise AssertionError("the page never requested the held file")


def test_guide_is_readable_while_python_is_still_booting(open_page, base_url):
    page, _ = open_page()
    held = []
    # Hold the runtime's wasm so Python cannot finish booting while we look at the page.
    page.route("**/pyodide.asm.wasm", lambda route: held.append(route))
    page.goto(base_url + "/")
    page.wait_for_function("() => document.querySelectorAll('.chapter').length > 0")
    assert page.get_attribute("html", "data-py") == "loading"
    assert page.locator("#guide-evidence").is_visible()
    # Read as a person reads it, scrolled to: chapters off screen are laid out (and their text
    # rendered) in the frame after they come near, not before.
    page.locator("#guide-evidence h2").scroll_into_view_if_needed()
    page.wait_for_function(
        "() => document.querySelector('#guide-evidence h2').innerText.includes('证据')"
    )
    assert page.locator("#py-status").inner_text().strip()
    release(page, held)
    wait_ready(page)
    assert "就绪" in page.locator("#py-status").inner_text()


def test_every_request_stays_on_the_page_origin(open_page, base_url):
    page, watch = open_page()
    page.goto(base_url + "/")
    wait_ready(page)
    # The route saw the worker's own fetches too, so the origin check covers them.
    assert any(u.endswith("pyodide.asm.wasm") for u in watch.seen)
    assert any(u.endswith(".whl") for u in watch.seen)
    assert any("/pyodide/app-lock." in u for u in watch.seen)


@pytest.fixture(scope="module")
def ready_page(browser, base_url):
    from .conftest import Watch, new_context

    context = new_context(browser)
    watch = Watch(base_url)
    context.route("**/*", watch.route)
    page = context.new_page()
    page.on("console", watch.console)
    page.goto(base_url + "/")
    wait_ready(page)
    yield page
    context.close()
    watch.check()


@pytest.mark.parametrize("problem", list(EXPECTED))
def test_checklist_for_each_problem_comes_from_python(ready_page, problem):
    page = ready_page
    page.click(f"button[data-problem='{problem}']")
    page.wait_for_selector(f"#checklist[data-problem='{problem}']")
    assert page.get_attribute(f"button[data-problem='{problem}']", "aria-pressed") == "true"
    text = page.locator("#checklist").inner_text()
    for word in EXPECTED[problem]:
        assert word in text, f"{problem}: checklist lacks {word!r}"
    assert page.locator("#checklist .evidence").count() >= 3
    label = page.locator(f"button[data-problem='{problem}']").inner_text()
    assert label in page.locator("#checklist h2").inner_text()


def test_choice_made_during_boot_is_answered_when_ready(open_page, base_url):
    page, _ = open_page()
    held = []
    page.route("**/pyodide.asm.wasm", lambda route: held.append(route))
    page.goto(base_url + "/")
    page.click("button[data-problem='invalid_key']")
    assert "准备好后" in page.locator("#checklist").inner_text()
    release(page, held)
    page.wait_for_selector("#checklist[data-problem='invalid_key']")
    assert "卡密" in page.locator("#checklist").inner_text()


def test_phone_viewport_has_no_sideways_scroll_and_big_targets(open_page, base_url):
    page, _ = open_page(viewport=PHONE)
    page.goto(base_url + "/")
    wait_ready(page)
    page.click("button[data-problem='late_reissue']")
    page.wait_for_selector("#checklist[data-problem='late_reissue']")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"page is {width}px wide on a {PHONE['width']}px phone"
    heights = page.eval_on_selector_all(
        "button[data-problem]", "els => els.map(e => e.getBoundingClientRect().height)"
    )
    assert min(heights) >= 44


# The runtime itself, and Jinja2's wheel, which the worker installs only after it said it was
# ready (site/worker.js): either missing, the page says what to do and the guide stays.
@pytest.mark.parametrize("missing", ["**/pyodide.asm.wasm", "**/jinja2-*.whl"])
def test_missing_runtime_files_show_an_actionable_error_and_keep_the_guide(
    open_page, base_url, missing
):
    page, watch = open_page()
    watch.allowed_errors.append("404")
    page.route(missing, lambda route: route.fulfill(status=404, body="gone"))
    page.goto(base_url + "/")
    page.wait_for_selector("html[data-py='error']", timeout=60_000)
    status = page.locator("#py-status").inner_text()
    assert "没有加载成功" in status and "刷新" in status and "指南" in status
    assert page.locator("#guide-legal").is_visible()


def test_guide_works_with_javascript_off(open_page, base_url):
    page, _ = open_page(js=False)
    page.goto(base_url + "/")
    assert page.locator(".chapter").count() >= 6
    page.click("a[href='#guide-legal']")
    assert page.evaluate("() => location.hash") == "#guide-legal"
    assert page.locator("#guide-legal h2").is_visible()
    # What only works with the app's scripts is not offered.
    for control in (".appnav", ".cta", "[data-share]"):
        assert page.locator(control).first.is_hidden(), f"{control} shows without JavaScript"


# Every layout shift the page makes, from its first paint.
SHIFTS = """
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries())
    window.__shifts.push([Math.round(e.startTime), e.value,
      e.sources.map((s) => s.node && (s.node.id || s.node.className || s.node.nodeName))]);
}).observe({ type: "layout-shift", buffered: true });
"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_page_does_not_jump_while_python_starts(open_page, base_url, viewport):
    # The navigation, the start button and the boot messages were put in place by the app's
    # scripts after the first paint, pushing what the person was reading down (CLS 0.16).
    page, _ = open_page(viewport=viewport)
    page.add_init_script(SHIFTS)
    page.goto(base_url + "/")
    wait_ready(page)
    assert page.locator(".appnav").is_visible() and page.locator(".cta").is_visible()
    assert page.evaluate("() => window.__shifts") == []


def test_worker_script_and_page_carry_the_security_headers(open_page, base_url):
    page, _ = open_page()
    response = page.goto(base_url + "/")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self' 'wasm-unsafe-eval'" in csp and "connect-src 'self'" in csp
    worker_url = base_url + "/" + page.get_attribute("html", "data-worker")
    worker = page.request.get(worker_url)
    assert worker.headers["content-security-policy"] == csp
    assert worker.headers["referrer-policy"] == "no-referrer"
    runtime = page.get_attribute("link[href$='/pyodide.mjs']", "href").rsplit("/", 1)[0]
    wasm = page.request.get(f"{base_url}/{runtime}/pyodide.asm.wasm")
    assert wasm.headers["content-type"] == "application/wasm"
