"""The intake asks case format v2's questions where they matter: who the seller is, who each
contact was with, several payments, a partial failure, a shop clause and its stance. Everything
typed comes back after a reload and goes into the exported file."""

from __future__ import annotations

import json
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe

from .conftest import DESKTOP, PHONE
from .helpers import STORED, choose_problem, fill, go, goto_route, shown, wait_ready, wait_saved


def add_payment(page, index, at, amount, via, txn):
    page.click("#payment-add")
    row = page.locator(f"#payments > li[data-pay='{index}']")
    row.locator("[data-pay='at']").fill(at)
    row.locator("[data-pay='amount']").fill(amount)
    row.locator("[data-pay='paid_via']").select_option(via)
    row.locator("[data-pay='txn_id']").fill(txn)


def enter_private_wechat_seller(page, base_url):
    go(page, base_url, "#/case/problem")
    wait_ready(page)
    choose_problem(page, "revoked")

    goto_route(page, "#/case/shop")
    fill(page, "merchant.name", "微信卖家“小王代充”")
    # A new case does not know yet: the company fields and the ID are both asked.
    assert page.is_checked("input[name='merchant.kind'][value='unknown']")
    assert shown(page, "merchant.credit_code") and shown(page, "merchant.handle")
    fill(page, "merchant.site", "typed-before-choosing.example")
    page.check("input[name='merchant.kind'][value='individual']")
    for company_only in ("merchant.credit_code", "merchant.site", "merchant.legal_rep"):
        assert not shown(page, company_only), company_only
    fill(page, "merchant.handle", "wxid_xiaowang88")
    # A private seller's "registered name" is asked as the person's real name.
    assert "真实姓名" in page.locator("label[for='f-merchant-legal_name']").text_content()

    goto_route(page, "#/case/order")
    fill(page, "order.item", "某游戏 2500 元代充")
    # One item bought: "only part failed?" does not apply.
    assert not shown(page, "order.quantity_failed")
    add_payment(page, 0, "2026-11-01T10:05", "1000", "wechat", "4200001234")
    add_payment(page, 1, "2026-11-01T10:40", "1500", "wechat", "4200005678")
    fill(page, "order.amount", "2600")
    error = page.locator("[data-error-for='order.amount']")
    error.filter(has_text="对不上").wait_for()
    assert "2500.00" in error.inner_text()
    fill(page, "order.amount", "2500")
    page.wait_for_function(
        "() => document.querySelector(\"[data-error-for='order.amount']\").textContent === ''"
    )

    goto_route(page, "#/case/contacts")
    page.click("#contact-add")
    first = page.locator("#contacts > li[data-index='0']")
    assert first.locator("[data-item='party']").input_value() == "merchant"
    # A complaint through the payment app is, unless said otherwise, with the payment platform.
    first.locator("[data-item='channel']").select_option("payment")
    assert first.locator("[data-item='party']").input_value() == "payment"
    first.locator("[data-item='ticket']").fill("WXTS-20261103-01")
    page.click("#contact-add")
    second = page.locator("#contacts > li[data-index='1']")
    second.locator("[data-item='channel']").select_option("phone")
    second.locator("[data-item='party']").select_option("third_party")
    # What the person picked is kept when the channel changes afterwards.
    second.locator("[data-item='channel']").select_option("chat")
    assert second.locator("[data-item='party']").input_value() == "third_party"
    second.locator("[data-item='summary']").fill("游戏客服说充值被对方撤回")
    wait_saved(page, "游戏客服说充值被对方撤回")


def test_private_wechat_seller_on_a_phone_survives_reload_and_export(open_page, base_url, tmp_path):
    page, _ = open_page(viewport=PHONE)
    enter_private_wechat_seller(page, base_url)
    before = page.evaluate(STORED)["case"]
    assert before["merchant"]["site"] == "typed-before-choosing.example"  # hidden, not deleted

    page.reload()
    wait_ready(page)
    assert page.evaluate(STORED)["case"] == before
    goto_route(page, "#/case/shop")
    assert page.is_checked("input[name='merchant.kind'][value='individual']")
    assert page.input_value("[data-field='merchant.handle']") == "wxid_xiaowang88"
    assert not shown(page, "merchant.credit_code")
    goto_route(page, "#/case/order")
    rows = page.locator("#payments > li")
    assert rows.count() == 2
    assert rows.nth(1).locator("[data-pay='amount']").input_value() == "1500"
    assert rows.nth(1).locator("[data-pay='txn_id']").input_value() == "4200005678"
    assert rows.nth(0).locator("[data-pay='at']").input_value() == "2026-11-01T10:05"
    goto_route(page, "#/case/contacts")
    assert page.locator("#contacts [data-item='party']").nth(0).input_value() == "payment"
    assert page.locator("#contacts [data-item='party']").nth(1).input_value() == "third_party"

    goto_route(page, "#/case/review")
    review = page.locator("#review")
    review.filter(has_text="个人卖家").wait_for()
    text = review.inner_text()
    assert "wxid_xiaowang88" in text
    assert "第 2 笔付款" in text and "1500" in text
    assert "支付平台投诉" in text and "其他方" in text

    go(page, base_url, "#/cases")
    with page.expect_download() as info:
        page.locator("[data-view='cases'] [data-action='export']").click()
    exported = tmp_path / "case.json"
    info.value.save_as(exported)
    doc = json.loads(Path(exported).read_text("utf-8"))
    assert doc["version"] == 2
    kase = doc["case"]
    assert kase["merchant"]["kind"] == "individual"
    assert kase["merchant"]["handle"] == "wxid_xiaowang88"
    assert [c["party"] for c in kase["contacts"]] == ["payment", "third_party"]
    assert [p["amount"] for p in kase["order"]["payments"]] == ["1000", "1500"]
    assert [p["txn_id"] for p in kase["order"]["payments"]] == ["4200001234", "4200005678"]


def test_partial_failure_and_an_unfair_clause_on_a_desktop(open_page, base_url):
    page, _ = open_page(viewport=DESKTOP)
    go(page, base_url, "#/case/problem")
    wait_ready(page)
    choose_problem(page, "invalid_key")
    goto_route(page, "#/case/order")
    fill(page, "order.quantity", "2")
    assert shown(page, "order.quantity_failed")
    fill(page, "order.quantity_failed", "3")
    error = page.locator("[data-error-for='order.quantity_failed']")
    error.filter(has_text="不能多于订单数量").wait_for()
    fill(page, "order.quantity_failed", "1")
    page.wait_for_function(
        "() => document.querySelector(\"[data-error-for='order.quantity_failed']\")"
        ".textContent === ''"
    )
    wait_saved(page, '"quantity_failed":1')
    # A payment amount that is not money is named in the payment's own row.
    add_payment(page, 0, "2026-11-02T09:00", "一百", "alipay", "")
    bad = page.locator("#payments [data-error-pay='amount']")
    bad.filter(has_text="金额").wait_for()
    assert page.locator("#payments [data-pay='amount']").get_attribute("aria-invalid") == "true"
    page.locator("#payments [data-remove-pay]").click()
    assert page.locator("#payments > li").count() == 0
    # Back to one item: the question goes away, the answer stays in the case.
    fill(page, "order.quantity", "1")
    assert not shown(page, "order.quantity_failed")
    fill(page, "order.quantity", "2")
    assert page.input_value("[data-field='order.quantity_failed']") == "1"
    # Cleared means "all of it failed", not a bad number.
    fill(page, "order.quantity_failed", "")
    wait_saved(page, '"quantity_failed":null')

    goto_route(page, "#/case/shop")
    page.check("input[name='merchant.kind'][value='business']")
    assert shown(page, "merchant.credit_code")
    assert shown(page, "merchant.handle")  # no website given yet
    fill(page, "merchant.site", "km.example")
    assert "登记名称" in page.locator("label[for='f-merchant-legal_name']").text_content()
    assert not shown(page, "merchant.handle")
    page.click("#rule-add")
    rule = page.locator("#rules > li[data-rule-index='0']")
    rule.locator("[data-rule='title']").fill("售后规则")
    rule.locator("[data-rule='text']").fill("虚拟商品一经售出概不退款")
    rule.locator("[data-rule='stance'][value='supports']").check()
    warning = rule.locator("[data-rule-warning]")
    warning.filter(has_text="不公平条款").wait_for()
    assert "无效" in warning.inner_text()
    wait_saved(page, "虚拟商品一经售出概不退款")

    page.reload()
    wait_ready(page)
    goto_route(page, "#/case/shop")
    rule = page.locator("#rules > li[data-rule-index='0']")
    assert rule.locator("[data-rule='text']").input_value() == "虚拟商品一经售出概不退款"
    assert rule.locator("[data-rule='stance'][value='supports']").is_checked()
    rule.locator("[data-rule-warning]").filter(has_text="不公平条款").wait_for()
    goto_route(page, "#/case/review")
    page.locator("#review").filter(has_text="第 1 条规则").wait_for()
    assert "公司或网店" in page.locator("#review").inner_text()


def test_the_new_questions_pass_axe_on_a_phone(open_page, base_url):
    page, _ = open_page(viewport=PHONE)
    enter_private_wechat_seller(page, base_url)
    goto_route(page, "#/case/shop")
    page.click("#rule-add")
    axe = Axe()
    problems = {}
    for route in ("#/case/shop", "#/case/order", "#/case/contacts", "#/case/me"):
        goto_route(page, route)
        page.wait_for_selector(f"[data-step='{route.split('/')[-1]}']:not([hidden])")
        serious = [
            f"{v['id']}: {v['help']} ({v['nodes'][0]['target']})"
            for v in axe.run(page).response["violations"]
            if v["impact"] in {"serious", "critical"}
        ]
        width = page.evaluate("() => document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            serious.append(f"{width}px wide")
        if serious:
            problems[route] = serious
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)
