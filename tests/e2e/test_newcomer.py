"""What a newcomer tripped over (issue 23), in the browser: each fixed, each pinned here."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from tests.e2e.conftest import PHONE
from tests.e2e.helpers import (
    choose_problem,
    fill,
    go,
    goto_route,
    review_text,
    wait_ready,
    wait_saved,
)

CASES = Path(__file__).resolve().parents[1] / "unit" / "cases"


def import_case(page, base_url, tmp_path, name: str) -> None:
    doc = json.loads((CASES / name).read_text("utf-8"))
    doc.pop("expect", None)
    path = tmp_path / "导入.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    go(page, base_url, "#/cases")
    wait_ready(page)
    page.set_input_files("#case-import", str(path))
    page.wait_for_selector("#cases-status:has-text('已导入为新案件')")


def test_an_emptied_optional_box_blocks_nothing(open_page, base_url):
    page, _ = open_page()
    go(page, base_url, "#/case/problem")
    wait_ready(page)
    choose_problem(page, "invalid_key")
    goto_route(page, "#/case/order")
    fill(page, "order.item", "点卡")
    fill(page, "platform_window_days", "7")
    fill(page, "platform_window_days", "")
    wait_saved(page, "点卡")
    assert page.inner_text("[data-error-for='platform_window_days']") == ""
    goto_route(page, "#/dashboard")
    page.wait_for_selector("#dashboard[data-state='drawn'] .stage")
    goto_route(page, "#/letters/platform-ticket")
    page.wait_for_selector("#letter-preview[data-letter='platform-ticket']")
    assert "先把下面这些信息补全" not in page.inner_text("#letter-missing")
    # A wrong number is explained in words a person uses.
    goto_route(page, "#/case/order")
    fill(page, "platform_window_days", "-3")
    error = page.wait_for_selector("[data-error-for='platform_window_days']:has-text('1 到 365')")
    assert "引号" not in error.inner_text()


def test_a_date_in_the_future_is_named_beside_its_field(open_page, base_url):
    page, _ = open_page()
    go(page, base_url, "#/case/problem")
    wait_ready(page)
    choose_problem(page, "invalid_key")
    goto_route(page, "#/case/order")
    later = (date.today() + timedelta(days=30)).isoformat()
    fill(page, "order.ordered_at", f"{later}T10:00")
    slot = page.wait_for_selector(
        "[data-warning-for='order.ordered_at']:has-text('下单时间晚于今天')"
    )
    assert slot.is_visible()
    shown = page.locator("[data-warning-for]:visible").all_inner_texts()
    assert shown == [slot.inner_text()], shown  # once, on its own field


def test_the_review_shows_dates_as_the_dashboard_does(open_page, base_url, tmp_path):
    page, _ = open_page()
    import_case(page, base_url, tmp_path, "04_not_delivered_chunjie_promise_broken.json")
    goto_route(page, "#/case/review")
    review = review_text(page)
    text = page.locator("#review dd").first.inner_text()
    assert text
    assert "T" not in "".join(ch for ch in review if ch.isascii() and not ch.isspace()), review
    assert "年" in review and "（商家（" not in review


def test_a_problem_tapped_on_the_home_screen_brings_its_checklist_into_view(open_page, base_url):
    page, _ = open_page(viewport=PHONE)
    go(page, base_url, "")
    wait_ready(page)
    page.click("button[data-problem='invalid_key']")
    page.wait_for_selector("#checklist[data-problem='invalid_key'] .evidence")
    page.wait_for_function(
        "() => { const r = document.querySelector('#checklist').getBoundingClientRect();"
        " return r.top > -2 && r.top < innerHeight / 2; }"
    )


def test_the_same_file_is_attached_once(open_page, base_url, tmp_path):
    page, _ = open_page()
    go(page, base_url, "#/case/problem")
    wait_ready(page)
    choose_problem(page, "invalid_key")
    goto_route(page, "#/case/evidence")
    shot = tmp_path / "订单截图.png"
    shot.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 64)
    chooser = "[data-file-kind='order_record']"
    page.wait_for_selector(chooser, state="attached")
    page.set_input_files(chooser, str(shot))
    page.wait_for_selector("[data-files-for='order_record'] [data-file]")
    page.set_input_files(chooser, str(shot))
    page.wait_for_selector("[data-files-for='order_record'] [data-duplicate]")
    assert page.locator("[data-files-for='order_record'] [data-file]").count() == 1


def test_the_promise_tip_is_for_a_call_not_a_chat(open_page, base_url):
    page, _ = open_page()
    go(page, base_url, "#/case/problem")
    wait_ready(page)
    choose_problem(page, "late_reissue")
    goto_route(page, "#/case/contacts")
    page.click("#contact-add")
    row = page.locator("#contacts > li").first
    row.locator("[data-item='channel']").select_option("chat")
    row.locator("[data-item='promise']").fill("明天补发")
    assert row.locator("[data-promise-tip]").is_hidden()  # a chat log is written
    row.locator("[data-item='channel']").select_option("phone")
    row.locator("[data-promise-tip]").wait_for(state="visible")


def test_timeline_labels_are_at_least_12_px_on_a_phone(open_page, base_url, tmp_path):
    page, _ = open_page(viewport=PHONE)
    import_case(page, base_url, tmp_path, "04_not_delivered_chunjie_promise_broken.json")
    goto_route(page, "#/dashboard")
    page.wait_for_selector("#dashboard[data-timeline='drawn'] [data-timeline='dash'] svg")
    smallest = page.evaluate(
        """() => { const svg = document.querySelector("[data-timeline='dash'] svg");
          const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
          return Math.min(...[...svg.querySelectorAll('text')].map(
            (t) => Number(t.getAttribute('font-size')) * scale)); }"""
    )
    assert smallest >= 12
    assert page.evaluate("() => document.documentElement.scrollWidth <= innerWidth")


def test_the_first_start_says_how_long_and_counts(open_page, base_url):
    page, _ = open_page(viewport=PHONE)
    held = []
    page.route("**/pyodide.asm.wasm", lambda route: held.append(route))
    go(page, base_url, "")
    page.wait_for_function(
        "() => document.getElementById('py-status-text').textContent.includes('已用')"
    )
    status = page.inner_text("#py-status-text")
    assert "下载计算环境" in status and "十几秒" in status and "约需几秒" not in status
    # Two lines at most on a phone: the status keeps that room, the page does not jump.
    lines = page.evaluate(
        "() => { const s = document.getElementById('py-status-text');"
        " return Math.round(s.getBoundingClientRect().height"
        " / parseFloat(getComputedStyle(s).lineHeight)); }"
    )
    assert lines <= 2
    page.unroute("**/pyodide.asm.wasm")
    for route in held:
        route.fallback()
    wait_ready(page)
    assert "已就绪" in page.inner_text("#py-status-text")
