"""What a newcomer tripped over (issue 23), in the browser: each fixed, each pinned here."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.helpers import (
    choose_problem,
    fill,
    go,
    goto_route,
    hold_replies,
    release,
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


# What the review step showed for this file when the page still read it off the form (before
# the core drew it, issue 25): the same words, line for line.
REVIEW_25 = """问题类型 修改
未发货
商家 修改
店铺或平台名称：阿峰（微信昵称）
卖家是公司/网店，还是个人：个人卖家
这家店开在哪里：独立网站（不在电商平台上）
对方的 QQ号 / 微信号 / 群号 / 闲鱼 ID：微信号 afeng_game88
对方经营地址（可选）：湖南省长沙市岳麓区某小区
卖家的真实姓名（知道的话）：张峰
订单与付款 修改
商品名称：某手游648元档充值（代充）×4
数量：4
实付金额（元）：2500.00
支付方式：微信支付
下单时间：2026年10月10日 19:30
发现问题的时间：2026年10月12日 09:00
事情经过 修改
事情经过：通过朋友介绍加了对方微信，对方朋友圈长期发代充广告。转账2500元后一直没有充值，后来拒绝退款。
联系记录 修改
第 1 次：2026年10月12日 09:30 · 在线客服 · 商家 · 对方说渠道维护，过两天再充
第 2 次：2026年10月16日 20:00 · 在线客服 · 商家 · 催问后对方称钱已花完，不退
证据 修改
（未填写）
诉求 修改
退款 2500.00 元
赔偿 7500.00 元 要求三倍赔偿
你的信息 修改
你的姓名：陈思远
联系电话：13300002233
联系地址：湖南省株洲市天元区泰山路66号
本省小额诉讼标准（元，可选）：48000.00"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_review_waits_for_the_core_then_reads_as_before(
    open_page, base_url, tmp_path, viewport
):
    page, _ = open_page(viewport=viewport)
    hold_replies(page, "review")
    import_case(page, base_url, tmp_path, "25_private_wechat_seller_not_delivered.json")
    goto_route(page, "#/case/review")
    page.wait_for_selector("#review[data-state='pending']")
    assert page.inner_text("#review") == "正在整理…"
    assert release(page) == ["review"]
    assert review_text(page) == REVIEW_25
    # A changed answer is seen on the next visit, under the link back to its step.
    goto_route(page, "#/case/me")
    fill(page, "consumer.name", "陈思远（改）")
    goto_route(page, "#/case/review")
    page.locator("#review[data-state='drawn']").filter(has_text="陈思远（改）").wait_for()
    assert page.get_attribute("#review dt:last-of-type a", "href") == "#/case/me"


def test_the_review_says_why_when_python_cannot_start_and_keeps_what_was_typed(open_page, base_url):
    page, watch = open_page()
    watch.allowed_errors.append("404")
    page.route("**/pyodide.asm.wasm", lambda route: route.fulfill(status=404, body="gone"))
    go(page, base_url, "#/case/order")
    fill(page, "order.id", "T-REVIEW-0001")
    goto_route(page, "#/case/review")
    page.wait_for_selector("#review[data-state='error']", timeout=60_000)
    assert "没有加载成功" in page.inner_text("#review")
    wait_saved(page, "T-REVIEW-0001")


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
