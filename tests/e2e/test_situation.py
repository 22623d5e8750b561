"""The situation (issue 20): the intake asks what decides it, only where it matters and always
with 「不清楚」, and the dashboard says what the app believes the dispute is, linking each unknown
that matters to its question. Answers survive a reload."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

from .conftest import DESKTOP, PHONE
from .helpers import STORED, choose_problem, fill, go, goto_route, shown, wait_ready, wait_saved


def answer(page, field, value):
    page.check(f"input[name='{field}'][value='{value}']")


def open_dashboard(page):
    goto_route(page, "#/dashboard")
    page.wait_for_selector("#dashboard #situation-card li")


def understood(page) -> dict[str, str]:
    """The card's rows: dimension id → the text a person reads."""
    rows = page.locator("#situation-card li[data-situation]")
    return {
        rows.nth(i).get_attribute("data-situation"): rows.nth(i).inner_text()
        for i in range(rows.count())
    }


def test_private_wechat_seller_on_a_phone(open_page, base_url):
    page, _ = open_page(viewport=PHONE)
    go(page, base_url, "#/case/problem")
    wait_ready(page)
    choose_problem(page, "not_delivered")
    goto_route(page, "#/case/shop")
    fill(page, "merchant.name", "微信卖家“阿峰”")
    answer(page, "merchant.kind", "individual")
    fill(page, "merchant.handle", "afeng_game88")

    goto_route(page, "#/case/order")
    fill(page, "order.amount", "300")
    page.select_option("[data-field='order.paid_via']", "wechat")
    # A new case starts on 「不清楚」 for every question of the situation.
    assert page.is_checked("input[name='order.paid_to'][value='']")
    assert "不清楚" in page.locator("#f-order-paid_to").inner_text()
    answer(page, "order.paid_to", "person")
    # Only a WeChat/Alipay payment asks whether that account still exists.
    assert shown(page, "order.payment_account_closed")
    answer(page, "order.payment_account_closed", "no")
    answer(page, "order.payer", "self")
    assert not shown(page, "order.payer_name")
    # Resale only matters against a business; a private seller is outside 消法 already.
    assert not shown(page, "order.purpose")
    # Not on a marketplace: no after-sales window to ask about; no service cut short.
    assert not shown(page, "order.after_sales_until")
    assert not shown(page, "order.service_days")
    answer(page, "order.delivered", "none")

    goto_route(page, "#/case/contacts")
    page.click("#contact-add")
    contact = page.locator("#contacts > li[data-index='0']")
    contact.locator("[data-item='summary']").fill("要求退款，对方说不退")
    assert not shown(page, "order.refund_offer")
    contact.locator("[data-item='outcome']").select_option("agreed")
    assert shown(page, "order.refund_offer")
    contact.locator("[data-item='outcome']").select_option("refused")
    assert not shown(page, "order.refund_offer")
    wait_saved(page, '"outcome":"refused"')

    open_dashboard(page)
    card = understood(page)
    assert card["counterparty"] == "对方是个人卖家"
    assert "不按消费者权益保护法" in card["consumer_law"]
    assert card["money_path"] == "钱是转账给个人的"
    assert card["delivery"] == "什么都没有收到"
    assert "拒绝" in card["stance"]
    assert "purpose" not in card  # not asked for a private seller
    # An unknown that matters says so and links to its question.
    assert "不清楚" in card["account_holder"]
    link = page.locator("#situation-card li[data-situation='account_holder'] a")
    assert link.inner_text() == "商品充到了谁的账号？"
    assert link.get_attribute("href") == "#/case/order"
    serious = [
        f"{v['id']}: {v['help']} ({v['nodes'][0]['target']})"
        for v in Axe().run(page).response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert not serious, serious
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    link.click()
    # The screen opens on the question itself, its 「不清楚」 answer focused.
    page.wait_for_function(
        "() => document.activeElement.name === 'order.account_holder'"
        " && document.activeElement.value === ''"
    )

    page.reload()
    wait_ready(page)
    stored = page.evaluate(STORED)["case"]["order"]
    assert (stored["paid_to"], stored["delivered"], stored["payer"]) == ("person", "none", "self")
    goto_route(page, "#/case/order")
    assert page.is_checked("input[name='order.paid_to'][value='person']")
    assert page.is_checked("input[name='order.account_holder'][value='']")
    open_dashboard(page)
    assert understood(page)["money_path"] == "钱是转账给个人的"


def test_an_agreed_refund_to_site_balance_on_a_desktop(open_page, base_url):
    page, _ = open_page(viewport=DESKTOP)
    go(page, base_url, "#/case/problem")
    wait_ready(page)
    choose_problem(page, "service_ended")
    goto_route(page, "#/case/shop")
    answer(page, "merchant.kind", "business")
    fill(page, "merchant.credit_code", "91330106MA2AAAAA15")

    goto_route(page, "#/case/order")
    fill(page, "order.amount", "198")
    # A membership cut short: its days and the unused money are asked, a face value is not.
    assert not shown(page, "order.face_value")
    fill(page, "order.service_days", "365")
    fill(page, "order.service_used_days", "400")
    error = page.locator("[data-error-for='order.service_used_days']")
    error.filter(has_text="不能多于").wait_for()
    fill(page, "order.service_used_days", "200")
    fill(page, "order.unused_amount", "89")

    goto_route(page, "#/case/contacts")
    page.click("#contact-add")
    contact = page.locator("#contacts > li[data-index='0']")
    contact.locator("[data-item='channel']").select_option("ticket")
    contact.locator("[data-item='outcome']").select_option("agreed")
    answer(page, "order.refund_offer", "site_balance")
    wait_saved(page, '"refund_offer":"site_balance"')

    goto_route(page, "#/case/review")
    review = page.locator("#review")
    review.filter(has_text="对方同意退款，是怎么退").wait_for()
    assert "只肯退到网站或游戏里的余额" in review.inner_text()
    assert "买的服务一共多少天：365" in review.inner_text()

    open_dashboard(page)
    card = understood(page)
    assert card["counterparty"] == "对方是登记的公司"
    assert card["refund_route"] == "已同意退款，只是只肯退到站内余额"
    assert card["delivery"].startswith("服务被提前终止")
    assert "不清楚" in card["purpose"]
    link = page.locator("#situation-card li[data-situation='purpose'] a")
    assert link.get_attribute("href") == "#/case/order"

    page.reload()
    wait_ready(page)
    open_dashboard(page)
    assert understood(page)["refund_route"] == "已同意退款，只是只肯退到站内余额"
    goto_route(page, "#/case/order")
    assert page.input_value("[data-field='order.service_days']") == "365"
