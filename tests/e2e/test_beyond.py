"""Issue 14 in the browser: moving a case as a 证据包, smart paste, the timeline picture and
today's tasks across saved cases — on a 360 px phone and on a desktop."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from .conftest import DESKTOP, PHONE
from .helpers import add_files, choose_problem, fill, go, wait_ready, wait_saved

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "tests" / "unit" / "paste_samples"
SHOT = b"\x89PNG\r\n" + bytes(range(256)) * 40
CHAT = "客服：请稍等，我们核实一下。".encode()


def stored_files(page) -> list[dict]:
    """Every evidence file in IndexedDB: case id, name and the SHA-256 of its bytes."""
    return page.evaluate(
        """async () => {
          if (!(await indexedDB.databases()).some((d) => d.name === "weiquan")) return [];
          const db = await new Promise((ok, no) => {
            const r = indexedDB.open("weiquan");
            r.onsuccess = () => ok(r.result); r.onerror = () => no(r.error);
          });
          const all = await new Promise((ok) => {
            const r = db.transaction("files").objectStore("files").getAll();
            r.onsuccess = () => ok(r.result);
          });
          const out = [];
          for (const rec of all) {
            const d = await crypto.subtle.digest("SHA-256", await rec.blob.arrayBuffer());
            const hex = [...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, "0")).join("");
            out.push({ caseId: rec.caseId, name: rec.name, sha256: hex, stored: rec.sha256 });
          }
          db.close();
          return out;
        }"""
    )


def case_count(page) -> int:
    return page.evaluate("() => JSON.parse(localStorage.getItem('weiquan:index')).cases.length")


def export_bundle_with_two_files(page, base_url, tmp_path) -> Path:
    go(page, base_url, "#/case/problem")
    wait_ready(page)
    choose_problem(page, "invalid_key")
    go(page, base_url, "#/case/shop")
    fill(page, "merchant.name", "搬家测试卡盟")
    go(page, base_url, "#/case/order")
    fill(page, "order.id", "MOVE-2026-001")
    wait_saved(page, "MOVE-2026-001")
    go(page, base_url, "#/case/evidence")
    page.wait_for_selector("[data-file-kind='failure_proof']", state="attached")
    png = {"name": "卡密无效.png", "mimeType": "image/png", "buffer": SHOT}
    add_files(page, "failure_proof", [png])
    add_files(page, "chat_log", [{"name": "聊天.txt", "mimeType": "text/plain", "buffer": CHAT}])
    with page.expect_download() as info:
        page.locator("[data-step='evidence'] [data-action='bundle']").click()
    path = tmp_path / "证据包.zip"
    info.value.save_as(path)
    return path


def wipe(page, base_url):
    go(page, base_url, "#/cases")
    page.once("dialog", lambda d: d.accept())
    page.click("#wipe")
    page.wait_for_selector("#cases-status:has-text('已全部删除')")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_case_moves_as_a_bundle_with_its_evidence_files(open_page, base_url, tmp_path, viewport):
    page, _ = open_page(viewport=viewport)
    exported = export_bundle_with_two_files(page, base_url, tmp_path)
    wipe(page, base_url)
    assert stored_files(page) == []

    page.set_input_files("#bundle-import", str(exported))
    page.wait_for_selector("#cases-status:has-text('已导入为新案件')", timeout=60_000)
    assert "2 个证据文件" in page.text_content("#cases-status")
    files = stored_files(page)
    expected = [("卡密无效.png", SHOT), ("聊天.txt", CHAT)]
    assert sorted((f["name"], f["sha256"]) for f in files) == sorted(
        (name, hashlib.sha256(data).hexdigest()) for name, data in expected
    )
    assert all(f["sha256"] == f["stored"] for f in files)
    current = page.evaluate("() => JSON.parse(localStorage.getItem('weiquan:index')).current")
    assert {f["caseId"] for f in files} == {current}
    title = page.locator("#case-list li[aria-current='true'] input").input_value()
    assert title.startswith("导入：")
    go(page, base_url, "#/case/order")
    assert page.input_value("[data-field='order.id']") == "MOVE-2026-001"
    go(page, base_url, "#/case/evidence")
    page.wait_for_selector("[data-files-for='chat_log'] li[data-file='聊天.txt']")


def test_a_tampered_bundle_names_the_file_and_imports_nothing(open_page, base_url, tmp_path):
    page, _ = open_page(viewport=PHONE)
    exported = export_bundle_with_two_files(page, base_url, tmp_path)
    tampered = tmp_path / "改过的证据包.zip"
    with zipfile.ZipFile(exported) as src, zipfile.ZipFile(tampered, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.endswith("卡密无效.png"):
                target = info.filename
                data = data[:-1] + bytes([data[-1] ^ 1])  # one byte changed
            dst.writestr(info, data)
    go(page, base_url, "#/cases")
    cases_before, files_before = case_count(page), stored_files(page)
    page.set_input_files("#bundle-import", str(tampered))
    page.wait_for_selector("#import-errors li[data-file]", timeout=60_000)
    errors = page.locator("#import-errors").inner_text()
    assert "没有导入" in errors and "卡密无效.png" in errors
    assert page.locator(f"#import-errors li[data-file='{target}']").count() == 1
    assert case_count(page) == cases_before and stored_files(page) == files_before
    assert page.locator("#case-list li").count() == cases_before


def test_a_zip_that_is_no_bundle_says_so(open_page, base_url, tmp_path):
    page, _ = open_page(viewport=PHONE)
    foreign = tmp_path / "相册.zip"
    with zipfile.ZipFile(foreign, "w") as zf:
        zf.writestr("照片.txt", "不是证据包")
    go(page, base_url, "#/cases")
    wait_ready(page)
    before = case_count(page)
    page.set_input_files("#bundle-import", str(foreign))
    page.wait_for_selector("#import-errors li", timeout=60_000)
    assert "没有导入" in page.locator("#import-errors").inner_text()
    assert case_count(page) == before


# ---------------------------------------------------------------- 智能粘贴


def stored_case(page) -> dict:
    return page.evaluate(
        """() => {
          const id = JSON.parse(localStorage.getItem('weiquan:index')).current;
          return JSON.parse(localStorage.getItem('weiquan:case:' + id)).case;
        }"""
    )


def paste_into(page, step, sample):
    box = f"[data-paste-box='{step}']"
    page.fill(f"{box} [data-paste-text]", (SAMPLES / sample).read_text("utf-8"))
    page.click(f"{box} [data-paste-read]")
    done = ":is([data-state='found'], [data-state='none'])"
    page.wait_for_selector(f"{box} [data-paste-result]{done}")
    return box


def test_a_pasted_order_page_fills_the_order_after_confirmation_and_keeps_what_was_typed(
    open_page, base_url
):
    page, _ = open_page(viewport=PHONE)
    go(page, base_url, "#/case/order")
    wait_ready(page)
    fill(page, "order.id", "MY-OWN-ID")
    wait_saved(page, "MY-OWN-ID")
    box = paste_into(page, "order", "taobao_order_app.txt")
    rows = page.locator(f"{box} [data-paste-field]")
    assert rows.count() == 7
    assert "淘宝订单详情" in page.text_content(f"{box} .paste__source")
    # The typed order number is shown old → new and not ticked; everything new is ticked.
    mine = page.locator(f"{box} [data-paste-field='order.id']")
    assert mine.get_attribute("data-replaces") == "true"
    assert not mine.locator("input").is_checked()
    assert mine.locator("del").text_content() == "MY-OWN-ID"
    assert mine.locator("ins").text_content() == "3581726409153862417"
    amount = page.locator(f"{box} [data-paste-field='order.amount']")
    assert amount.locator("input").is_checked() and "实付款" in amount.text_content()
    assert "实付金额" in amount.text_content()  # the case field's own name, from the reply
    page.click(f"{box} [data-paste-apply]")
    page.wait_for_selector(f"{box} [data-paste-result][data-state='applied']")
    assert "已填入 6 项" in page.text_content(f"{box} .paste__done")
    assert page.input_value("[data-field='order.id']") == "MY-OWN-ID"
    assert page.input_value("[data-field='order.amount']") == "300.00"
    assert page.input_value("[data-field='order.ordered_at']") == "2026-10-02T14:03"
    wait_saved(page, "2026100222001174511408830127")
    order = stored_case(page)["order"]
    assert order["id"] == "MY-OWN-ID" and order["amount"] == "300.00"
    assert order["payments"] == [
        {
            "at": "2026-10-02T14:03",
            "amount": "300.00",
            "paid_via": "alipay",
            "txn_id": "2026100222001174511408830127",
        }
    ]
    assert stored_case(page)["merchant"]["marketplace"] == "taobao"

    # Pasting the same page again: the payment is not added twice, and ticking the order number
    # is what replaces it.
    box = paste_into(page, "order", "taobao_order_app.txt")
    txn = page.locator(f"{box} [data-paste-field='order.payments[].txn_id'] input")
    assert txn.is_disabled() and not txn.is_checked()
    page.check(f"{box} [data-paste-field='order.id'] input")
    page.click(f"{box} [data-paste-apply]")
    page.wait_for_selector(f"{box} [data-paste-result][data-state='applied']")
    assert page.input_value("[data-field='order.id']") == "3581726409153862417"
    wait_saved(page, '"id": "3581726409153862417"'.replace(" ", ""))
    assert len(stored_case(page)["order"]["payments"]) == 1


def test_a_bill_pasted_on_the_shop_screen_fills_the_legal_name(open_page, base_url):
    page, _ = open_page(viewport=DESKTOP)
    go(page, base_url, "#/case/shop")
    wait_ready(page)
    box = paste_into(page, "shop", "wechat_bill.txt")
    legal = page.locator(f"{box} [data-paste-field='merchant.legal_name']")
    assert "商户全称" in legal.text_content() and "经营者登记名称" in legal.text_content()
    value = legal.get_attribute("data-value")
    page.click(f"{box} [data-paste-apply]")
    page.wait_for_selector(f"{box} [data-paste-result][data-state='applied']")
    assert value == "示例星河卡券贸易有限公司"
    assert page.input_value("[data-field='merchant.legal_name']") == value


def test_text_that_is_no_order_page_says_what_to_paste_and_fills_nothing(open_page, base_url):
    page, _ = open_page(viewport=PHONE)
    go(page, base_url, "#/case/order")
    wait_ready(page)
    cases = (
        "() => Object.keys(localStorage).filter((k) => k.startsWith('weiquan:case:'))"
        ".map((k) => localStorage.getItem(k))"
    )
    before = page.evaluate(cases)
    box = paste_into(page, "order", "chat_log.txt")
    text = page.text_content(f"{box} [data-paste-result]")
    assert "没有认出" in text and "支付宝账单详情" in text and "微信支付账单详情" in text
    assert page.locator(f"{box} [data-paste-field]").count() == 0
    assert page.input_value("[data-field='order.id']") == ""
    assert page.evaluate(cases) == before


def test_a_real_paste_is_recognised_without_another_tap(open_page, base_url):
    page, _ = open_page(viewport=PHONE)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    go(page, base_url, "#/case/order")
    wait_ready(page)
    text = (SAMPLES / "pinduoduo_order.txt").read_text("utf-8")
    page.evaluate("t => navigator.clipboard.writeText(t)", text)
    page.focus("[data-paste-box='order'] [data-paste-text]")
    page.keyboard.press("Control+V")
    page.wait_for_selector("[data-paste-box='order'] [data-paste-result][data-state='found']")
    page.click("[data-paste-box='order'] [data-paste-apply]")  # the second and last tap
    page.wait_for_selector("[data-paste-box='order'] [data-paste-result][data-state='applied']")
    assert page.input_value("[data-field='order.id']")


# ---------------------------------------------------------------- the timeline picture

CASES = ROOT / "tests" / "unit" / "cases"
HOSTILE = '<script>window.__pwned = 1</script>"><svg onload="window.__pwned = 2">'
WATCH_CSP = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(e.violatedDirective));
"""


def import_case(page, base_url, tmp_path, name, edit=None, title="时间线测试") -> None:
    doc = json.loads((CASES / name).read_text("utf-8"))
    doc.pop("expect", None)
    if edit:
        edit(doc["case"])
    path = tmp_path / f"{title}.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    go(page, base_url, "#/cases")
    wait_ready(page)
    page.set_input_files("#case-import", str(path))
    page.wait_for_selector("#cases-status:has-text('已导入为新案件')")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_dashboard_draws_the_timeline_and_user_text_cannot_run(
    open_page, base_url, tmp_path, viewport
):
    page, _ = open_page(viewport=viewport)
    page.add_init_script(WATCH_CSP)

    def hostile(case):
        case["contacts"][0]["summary"] = HOSTILE

    import_case(page, base_url, tmp_path, "04_not_delivered_chunjie_promise_broken.json", hostile)
    go(page, base_url, "#/dashboard")
    page.wait_for_selector("#dashboard[data-timeline='drawn']")
    svg = page.locator("[data-timeline='dash'] svg")
    assert svg.get_attribute("role") == "img"
    labelled = svg.get_attribute("aria-labelledby").split()
    assert all(page.locator(f"#{i}").count() == 1 for i in labelled)
    assert "好运虚拟商品店" in page.locator(f"#{labelled[0]}").text_content()
    assert page.locator("[data-timeline='dash'] svg script").count() == 0
    assert page.locator("[data-timeline='dash'] [onload]").count() == 0
    items = page.locator("[data-timeline='dash'] .timeline__text li")
    assert items.count() >= 6
    assert HOSTILE in page.locator("[data-timeline='dash'] .timeline__text").text_content()
    assert page.evaluate("() => window.__pwned") is None
    assert page.evaluate("() => window.__csp") == []
    box = svg.bounding_box()
    assert box["width"] <= min(viewport["width"], 560)
    assert page.evaluate("() => document.documentElement.scrollWidth <= innerWidth")
    # On paper the picture and the whole text list are there.
    page.emulate_media(media="print")
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    assert svg.is_visible() and items.first.is_visible()


def test_the_lawyer_brief_shows_and_prints_the_timeline(open_page, base_url, tmp_path):
    page, _ = open_page(viewport=PHONE)
    import_case(page, base_url, tmp_path, "04_not_delivered_chunjie_promise_broken.json")
    go(page, base_url, "#/letters/lawyer-brief")
    page.wait_for_selector("#letter-timeline [data-timeline='letter'] svg")
    assert page.locator("#letter-preview").text_content()
    go(page, base_url, "#/letters/12315")
    page.wait_for_selector("#letter-preview[data-letter='12315']")
    page.wait_for_function("() => !document.querySelector('#letter-timeline svg')")
    go(page, base_url, "#/letters/lawyer-brief")
    page.wait_for_selector("#letter-timeline svg")
    page.evaluate("() => document.body.classList.add('print-letter')")
    page.emulate_media(media="print")
    assert page.locator("#letter-timeline svg").is_visible()
    assert not page.locator("#letter-sections").is_visible()


# ---------------------------------------------------------------- 今天要做的


def shifted(name: str, days: int) -> dict:
    """A case file with every date moved by `days`: the same story, happening around today."""
    import re
    from datetime import date, timedelta

    text = (CASES / name).read_text("utf-8")

    def move(m):
        return (date.fromisoformat(m[0]) + timedelta(days=days)).isoformat()

    doc = json.loads(re.sub(r"\d{4}-\d{2}-\d{2}", move, text))
    doc.pop("expect", None)
    return doc


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_today_lists_every_cases_deadlines_soonest_first_and_opens_the_case(
    open_page, base_url, tmp_path, viewport
):
    from datetime import date

    from weiquan import agenda

    base = (date.today() - date(2026, 2, 26)).days
    saved = {
        "春节补发": shifted("04_not_delivered_chunjie_promise_broken.json", base),
        "晚一天的补发": shifted("04_not_delivered_chunjie_promise_broken.json", base + 3),
        "点卡无效": shifted("03_not_delivered_ticket_pending.json", base),
    }
    page, _ = open_page(viewport=viewport)
    go(page, base_url, "#/cases")
    wait_ready(page)
    for title, doc in saved.items():
        path = tmp_path / f"{title}.json"
        path.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
        page.set_input_files("#case-import", str(path))
        page.wait_for_selector(f"#cases-status:has-text('{title}')")
    expected = agenda.today_tasks(
        [{"id": t, "title": t, "case": d} for t, d in saved.items()], date.today()
    )["items"]
    assert {i["case_title"] for i in expected} >= {"春节补发", "晚一天的补发"}
    assert any(i["status"] == "overdue" for i in expected)

    go(page, base_url, "#/")
    page.wait_for_selector("#today[data-state='drawn']:not([hidden])")
    rows = page.locator("#today-list li")
    shown = [
        (
            rows.nth(i).locator(".today__case").text_content(),
            rows.nth(i).get_attribute("data-deadline"),
            rows.nth(i).get_attribute("data-status"),
        )
        for i in range(rows.count())
    ]
    assert shown == [(i["case_title"], i["deadline_id"], i["status"]) for i in expected]
    overdue = page.locator("#today-list li[data-status='overdue']").first
    assert "已逾期" in overdue.text_content()
    dates = [i["date"] for i in expected]
    assert dates == sorted(dates)

    # A link opens its own case's dashboard, whichever case was being worked on.
    target = page.locator("#today-list li", has_text="晚一天的补发").first
    case_id = target.get_attribute("data-case")
    target.locator("a").click()
    page.wait_for_selector("[data-view='dashboard']:not([hidden]) #dashboard[data-state='drawn']")
    current = page.evaluate("() => JSON.parse(localStorage.getItem('weiquan:index')).current")
    assert current == case_id
    assert page.evaluate("() => document.documentElement.scrollWidth <= innerWidth")
