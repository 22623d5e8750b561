"""Issue 23: a scam victim reaches 止付 in the first minute, on a phone, from a cold page.

UPDATE_DOCS=1 also writes the screenshots of the scam path into docs/ (look at them).
"""

from __future__ import annotations

import os
from pathlib import Path

from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.helpers import (
    choose_problem,
    fill,
    go,
    goto_route,
    hold_replies,
    release,
    wait_quiet,
    wait_ready,
    wait_saved,
)

DOCS = Path(__file__).resolve().parents[2] / "docs"
CARD = "[data-urgent='stop-payment']"


def shot(page, name: str):
    if os.environ.get("UPDATE_DOCS") == "1":
        page.screenshot(path=str(DOCS / name))


def in_first_screen(page, selector: str) -> bool:
    """Whether the element is wholly inside the viewport with the page not scrolled."""
    return page.evaluate(
        """s => { const r = document.querySelector(s).getBoundingClientRect();
                  return scrollY === 0 && r.top >= 0 && r.bottom <= innerHeight; }""",
        selector,
    )


def test_a_blocked_wechat_payer_reaches_stop_payment_in_one_tap_on_a_phone(open_page, base_url):
    page, _ = open_page(viewport=PHONE)
    go(page, base_url, "")  # the address as typed or shared: no route
    # Tap 1, on the first screen of a cold page: the entry a frightened person recognises.
    assert in_first_screen(page, "[data-scam-entry]")
    shot(page, "scam-home-phone.png")
    page.click("[data-scam-entry]")
    page.wait_for_selector(f"#dashboard[data-state='drawn'] {CARD}", timeout=90_000)
    # The card, its title and its first instruction (110, 止付) are on the first screen.
    page.evaluate("scrollTo(0, 0)")
    assert in_first_screen(page, f"{CARD} .urgent__title")
    assert in_first_screen(page, f"{CARD} li:first-child")
    card = page.inner_text(CARD)
    for words in ("止付", "110", "96110", "涉嫌诈骗", "不要再付", "第二次诈骗"):
        assert words in card, words
    first = "document.querySelector('#dashboard').firstElementChild"
    assert page.evaluate(f'{first}.matches("{CARD}")')
    # The case is named for what it is, not 我的案件.
    assert "付了钱被拉黑" in page.inner_text("[data-view='dashboard'] [data-case-name]")
    shot(page, "scam-phone.png")

    # Tap 2: home. 今天要做的 lists it, dated today.
    page.click("nav.appnav a[href='#/']")
    row = page.wait_for_selector("#today-list [data-deadline='stop-payment']")
    today = page.evaluate(
        "(() => { const d = new Date(); return `${d.getFullYear()}年${d.getMonth() + 1}月"
        "${d.getDate()}日`; })()"
    )
    assert today in row.inner_text() and "止付" in row.inner_text()
    assert "我的案件" not in row.inner_text()
    # 今天要做的 is brought into view (it sits above the problem picker).
    page.wait_for_function(
        "() => document.activeElement && document.activeElement.id === 'today-title'"
        " && document.querySelector('#today-title').getBoundingClientRect().top >= 0"
    )
    shot(page, "scam-today-phone.png")


def test_the_scam_choice_of_the_intake_needs_no_hidden_box(open_page, base_url):
    page, _ = open_page()
    go(page, base_url, "#/case/problem")
    wait_ready(page)
    first = page.locator("input[name='problem']").first
    assert first.get_attribute("value") == "scammed"
    choose_problem(page, "scammed")
    assert page.is_checked("[data-field='suspected_fraud']")
    page.click("[data-scam-next] a")
    page.wait_for_selector(f"#dashboard[data-state='drawn'] {CARD}")
    page.evaluate("scrollTo(0, 0)")
    assert in_first_screen(page, CARD)
    # Nothing said yet about how the money went: the card names no app the person did not use.
    assert "支付宝、微信或银行 App" in page.inner_text(CARD)
    shot(page, "scam-desktop.png")


def test_an_ordinary_case_gets_no_urgent_card_and_a_scam_tap_keeps_it(open_page, base_url):
    page, _ = open_page(viewport=DESKTOP)
    go(page, base_url, "#/case/problem")
    wait_ready(page)
    choose_problem(page, "invalid_key")
    goto_route(page, "#/case/shop")
    fill(page, "merchant.name", "星辰数码专营店")
    wait_saved(page, "星辰数码专营店")
    goto_route(page, "#/dashboard")
    page.wait_for_selector("#dashboard[data-state='drawn']")
    assert page.query_selector(CARD) is None
    goto_route(page, "#/")
    page.click("[data-scam-entry]")
    page.wait_for_selector(f"#dashboard[data-state='drawn'] {CARD}")
    # The 卡密 case is still there, as its own case.
    index = "JSON.parse(localStorage.getItem('weiquan:index'))"
    names = page.evaluate(f"{index}.cases.map(c => c.name)")
    assert len(names) == 2 and "卡密无效 · 星辰数码专营店" in names, names


def test_a_letter_to_the_scammer_is_cautioned_above_it_and_pending_says_so(open_page, base_url):
    page, _ = open_page(viewport=PHONE)
    hold_replies(page)
    go(page, base_url, "")
    wait_ready(page)
    page.click("[data-scam-entry]")
    page.wait_for_selector(f"#dashboard[data-state='drawn'] {CARD}")
    wait_quiet(page)
    # A letter on its way: the box says it is being made, and names it.
    page.evaluate("() => window.__holdCalls.add('draft')")
    goto_route(page, "#/letters/platform-ticket")
    page.wait_for_function("() => window.__held.length >= 1")
    assert page.is_visible("#letter-pending")
    assert "正在生成「客服工单投诉」" in page.inner_text("#letter-pending")
    assert page.get_attribute("#letter-preview", "aria-busy") == "true"
    release(page)
    page.wait_for_selector("#letter-preview[data-letter='platform-ticket']")
    assert page.is_hidden("#letter-pending")
    caution = page.inner_text("[data-caution='platform-ticket']")
    assert "第二次诈骗" in caution
    assert "第二次诈骗" not in page.inner_text("#letter-preview")  # not in what gets sent
    # Above the letter, on the first screen of the letter area.
    box = page.locator("[data-caution]").bounding_box()
    assert box["y"] < page.locator("#letter-preview").bounding_box()["y"]
    page.locator("[data-caution]").scroll_into_view_if_needed()
    shot(page, "scam-letter-caution-phone.png")
    # The police report carries no caution.
    goto_route(page, "#/letters/police-report")
    page.wait_for_selector("#letter-preview[data-letter='police-report']")
    assert page.query_selector("[data-caution]") is None
    assert "报案材料" in page.inner_text("#letter-preview")
