"""No path — reload, full disk, bad data, second tab, bad file, delete — loses what was typed."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

from weiquan import case as case_model

from .helpers import add_files, choose_problem, fill, go, wait_ready, wait_saved

CASE_KEYS = "() => Object.keys(localStorage).filter(k => k.startsWith('weiquan:'))"


def stored_case(page) -> dict:
    return page.evaluate(
        """() => {
        const index = JSON.parse(localStorage.getItem('weiquan:index'));
        return JSON.parse(localStorage.getItem('weiquan:case:' + index.current));
    }"""
    )


def fill_some_case(page, base_url):
    go(page, base_url, "#/case/problem")
    wait_ready(page)
    choose_problem(page, "late_reissue")
    go(page, base_url, "#/case/order")
    fill(page, "order.id", "KM-20261105-77")
    fill(page, "order.amount", "128.50")
    fill(page, "order.ordered_at", "2026-11-05T21:40")
    go(page, base_url, "#/case/facts")
    fill(page, "facts", "客服承诺24小时内补单，至今未到。\n第二行：<b>原样</b>")
    go(page, base_url, "#/case/contacts")
    page.click("#contact-add")
    page.locator("#contacts [data-item='promise']").fill("24小时内补发")
    go(page, base_url, "#/case/demands")
    page.check("[data-demand='reissue']")
    page.fill("[data-demand-field='reissue.quantity']", "2")
    # The last thing typed (the problem "late_reissue" alone would match a bare 'reissue').
    wait_saved(page, '{"kind":"reissue","quantity":2}')


def test_reload_brings_back_every_field_exactly(open_page, base_url):
    page, _ = open_page()
    fill_some_case(page, base_url)
    before = stored_case(page)["case"]
    page.reload()
    wait_ready(page)
    assert stored_case(page)["case"] == before
    go(page, base_url, "#/case/facts")
    assert page.input_value("[data-field='facts']") == before["facts"]
    go(page, base_url, "#/case/contacts")
    assert page.locator("#contacts [data-item='promise']").input_value() == "24小时内补发"
    go(page, base_url, "#/case/demands")
    assert page.is_checked("[data-demand='reissue']")
    assert page.input_value("[data-demand-field='reissue.quantity']") == "2"


def seed(page, base_url, entries: dict):
    go(page, base_url)
    page.evaluate(
        "entries => { for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, v); }",
        entries,
    )
    page.reload()
    wait_ready(page)


def test_unreadable_and_future_version_data_is_set_aside_announced_and_downloadable(
    open_page, base_url
):
    page, _ = open_page()
    newer = case_model.CURRENT_VERSION + 1
    future = json.dumps({"format": "weiquan-case", "version": newer, "case": {"facts": "未来"}})
    seed(
        page,
        base_url,
        {
            "weiquan:index": json.dumps(
                {
                    "current": "broken",
                    "cases": [{"id": "broken", "name": "甲"}, {"id": "next", "name": "乙"}],
                }
            ),
            "weiquan:case:broken": "{这不是 JSON",
            "weiquan:case:next": future,
        },
    )
    assert page.locator("#storage-notice").is_visible()
    assert "备份" in page.locator("#storage-notice").inner_text()
    go(page, base_url, "#/cases")
    backups = page.locator("#backup-list li")
    backups.first.wait_for()
    # Opening the list read the other case too: both set aside, neither lost.
    assert backups.count() == 2
    raws = page.evaluate(
        "() => Object.keys(localStorage).filter(k => k.startsWith('weiquan:backup:'))"
        ".map(k => localStorage.getItem(k))"
    )
    assert sorted(raws) == sorted(["{这不是 JSON", future])
    with page.expect_download() as info:
        backups.filter(has_text="broken").get_by_role("button").click()
    assert Path(info.value.path()).read_text("utf-8") == "{这不是 JSON"


def test_full_storage_warns_keeps_the_text_and_offers_export(open_page, base_url):
    page, _ = open_page()
    page.add_init_script(
        """(() => {
        const original = Storage.prototype.setItem;
        Storage.prototype.setItem = function (key, value) {
            if (window.__full && key.startsWith('weiquan:case:')) {
                throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
            }
            return original.call(this, key, value);
        };
    })()"""
    )
    go(page, base_url, "#/case/order")
    wait_ready(page)
    page.evaluate("() => { window.__full = true; }")
    fill(page, "order.id", "FULL-DISK-001")
    notice = page.locator("#storage-notice")
    notice.wait_for(state="visible")
    assert "存储空间已满" in notice.inner_text()
    assert page.input_value("[data-field='order.id']") == "FULL-DISK-001"
    with page.expect_download() as info:
        notice.get_by_role("button", name="导出案件文件").click()
    exported = json.loads(Path(info.value.path()).read_text("utf-8"))
    assert exported["case"]["order"]["id"] == "FULL-DISK-001"
    # Once there is room again, the next save goes through and the warning goes away.
    page.evaluate("() => { window.__full = false; }")
    fill(page, "order.id", "FULL-DISK-002")
    notice.wait_for(state="hidden")
    wait_saved(page, "FULL-DISK-002")


def test_blocked_storage_still_works_and_says_drafts_are_not_kept(open_page, base_url):
    page, _ = open_page()
    page.add_init_script(
        """Object.defineProperty(window, 'localStorage', {
            get() { throw new DOMException('denied', 'SecurityError'); }
        });"""
    )
    go(page, base_url, "#/case/order")
    wait_ready(page)
    assert "不会保留" in page.locator("#storage-notice").inner_text()
    fill(page, "order.id", "PRIVATE-1")
    go(page, base_url, "#/letters/platform-ticket")
    go(page, base_url, "#/case/order")
    assert page.input_value("[data-field='order.id']") == "PRIVATE-1"


def test_two_tabs_never_lose_each_others_edits(open_page, base_url):
    first, _ = open_page()
    go(first, base_url, "#/case/order")
    wait_ready(first)
    second = first.context.new_page()
    go(second, base_url, "#/case/facts")
    wait_ready(second)

    first.fill("[data-field='order.id']", "TAB-ONE")
    second.wait_for_function(
        "() => document.getElementById('storage-notice').textContent.includes('另一个标签页')"
    )
    second.fill("[data-field='facts']", "第二个标签页写的经过")
    first.wait_for_function(
        "() => document.querySelector('[data-field=\"facts\"]').value === '第二个标签页写的经过'"
    )
    wait_saved(first, "第二个标签页写的经过")
    final = stored_case(first)["case"]
    assert final["order"]["id"] == "TAB-ONE" and final["facts"] == "第二个标签页写的经过"
    second.close()


def test_export_delete_everything_import_gives_back_the_same_case(open_page, base_url, tmp_path):
    page, _ = open_page()
    fill_some_case(page, base_url)
    original = stored_case(page)["case"]
    go(page, base_url, "#/cases")
    with page.expect_download() as info:
        page.locator("[data-view='cases'] [data-action='export']").click()
    exported = tmp_path / info.value.suggested_filename
    info.value.save_as(exported)
    assert exported.suffix == ".json"

    page.once("dialog", lambda d: d.accept())
    page.click("#wipe")
    page.wait_for_function(
        "() => document.getElementById('cases-status').textContent.includes('全部删除')"
    )
    assert page.evaluate(CASE_KEYS) == []

    page.set_input_files("#case-import", str(exported))
    page.wait_for_function(
        "() => document.getElementById('cases-status').textContent.includes('已导入')"
    )
    assert stored_case(page)["case"] == original
    page.reload()
    wait_ready(page)
    go(page, base_url, "#/case/order")
    assert page.input_value("[data-field='order.id']") == "KM-20261105-77"


def test_bad_import_file_gets_field_level_errors_and_changes_nothing(open_page, base_url, tmp_path):
    page, _ = open_page()
    go(page, base_url, "#/cases")
    wait_ready(page)
    before = page.locator("#case-list li").count()
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            {
                "format": "weiquan-case",
                "version": 1,
                "case": {
                    "problem": "lost_dog",
                    "order": {"amount": "三百", "ordered_at": "2026-02-30"},
                },
            },
            ensure_ascii=False,
        ),
        "utf-8",
    )
    page.set_input_files("#case-import", str(bad))
    page.wait_for_selector("#import-errors li[data-field]")
    fields = page.eval_on_selector_all(
        "#import-errors li[data-field]", "els => els.map(e => e.dataset.field)"
    )
    assert {"case.problem", "case.order.amount", "case.order.ordered_at"} <= set(fields)
    text = page.locator("#import-errors").inner_text()
    assert "没有导入" in text
    assert page.locator("#case-list li").count() == before

    notjson = tmp_path / "notes.json"
    notjson.write_text("这只是一段文字", "utf-8")
    page.set_input_files("#case-import", str(notjson))
    page.wait_for_function(
        "() => document.getElementById('import-errors').textContent.includes('不是有效的案件文件')"
    )


def test_several_cases_rename_duplicate_delete_and_undo(open_page, base_url):
    page, _ = open_page()
    go(page, base_url, "#/case/order")
    wait_ready(page)
    fill(page, "order.id", "FIRST-CASE")
    go(page, base_url, "#/cases")
    page.wait_for_selector("#case-list li")
    page.fill("#case-list li input", "第一个案件")
    page.press("#case-list li input", "Enter")
    page.locator("#case-list li").first.get_by_role("button", name="复制一份").click()
    page.wait_for_function("() => document.querySelectorAll('#case-list li').length === 2")
    assert (
        "第一个案件（副本）"
        in page.locator("#case-list li[aria-current='true'] input").input_value()
    )
    page.click("#case-new")
    page.wait_for_selector("[data-step='problem']", state="visible")
    go(page, base_url, "#/case/order")
    assert page.input_value("[data-field='order.id']") == ""
    go(page, base_url, "#/cases")
    page.wait_for_function("() => document.querySelectorAll('#case-list li').length === 3")
    first = page.locator("#case-list li").first
    first.get_by_role("button", name="删除").click()
    page.wait_for_selector("#undo", state="visible")
    assert page.locator("#case-list li").count() == 2
    page.click("#undo-button")
    page.wait_for_function("() => document.querySelectorAll('#case-list li').length === 3")
    page.locator("#case-list li").first.get_by_role("button", name="打开").click()
    page.wait_for_selector("[data-view='case']:not([hidden])")
    go(page, base_url, "#/case/order")
    assert page.input_value("[data-field='order.id']") == "FIRST-CASE"


def test_evidence_files_go_into_the_zip_with_their_hashes(open_page, base_url):
    page, _ = open_page()
    go(page, base_url, "#/case/problem")
    wait_ready(page)
    choose_problem(page, "invalid_key")
    go(page, base_url, "#/case/evidence")
    page.wait_for_selector("[data-file-kind='failure_proof']", state="attached")
    shot = b"\x89PNG\r\n" + bytes(range(256)) * 50
    chat = "客服：请稍等，我们核实一下。".encode()
    add_files(
        page, "failure_proof", [{"name": "卡密无效.png", "mimeType": "image/png", "buffer": shot}]
    )
    add_files(page, "chat_log", [{"name": "聊天.txt", "mimeType": "text/plain", "buffer": chat}])
    assert page.is_checked("#ev-failure_proof") and page.is_checked("#ev-chat_log")
    with page.expect_download() as info:
        page.locator("[data-step='evidence'] [data-action='bundle']").click()
    data = Path(info.value.path()).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = zf.namelist()
        (png,) = [n for n in names if n.endswith("卡密无效.png")]
        (txt,) = [n for n in names if n.endswith("聊天.txt")]
        assert zf.read(png) == shot and zf.read(txt) == chat
        manifest = zf.read("文件校验（SHA-256）.txt").decode("utf-8")
        for content in (shot, chat):
            assert hashlib.sha256(content).hexdigest() in manifest
        assert {"证据清单.txt", "案件摘要.txt", "案件文件.json"} <= set(names)


def test_a_50_mb_recording_is_stored_with_its_hash_without_freezing_the_page(
    open_page, base_url, tmp_path
):
    page, _ = open_page()
    page.add_init_script(
        """window.__longest = 0;
        new PerformanceObserver(list => {
            for (const e of list.getEntries()) {
                window.__longest = Math.max(window.__longest, e.duration);
            }
        }).observe({ type: 'longtask', buffered: true });"""
    )
    go(page, base_url, "#/case/problem")
    wait_ready(page)
    choose_problem(page, "late_reissue")
    go(page, base_url, "#/case/evidence")
    page.wait_for_selector("[data-file-kind='call_recording']", state="attached")
    big = tmp_path / "通话录音.m4a"
    chunk = hashlib.sha256(b"seed").digest() * 32768  # 1 MiB
    big.write_bytes(chunk * 50)
    page.evaluate("() => { window.__longest = 0; }")
    add_files(page, "call_recording", [str(big)])
    listed = page.locator("[data-files-for='call_recording'] li[data-file] code").inner_text()
    assert hashlib.sha256(big.read_bytes()).hexdigest()[:12] in listed
    # Reading and hashing run off the main thread's critical path: no long freeze.
    assert page.evaluate("() => window.__longest") < 1000


def test_delete_everything_leaves_nothing_behind(open_page, base_url):
    page, _ = open_page(snapshot=True)
    go(page, base_url, "#/case/problem")
    wait_ready(page)
    choose_problem(page, "invalid_key")
    go(page, base_url, "#/case/evidence")
    page.wait_for_selector("[data-file-kind='order_record']", state="attached")
    add_files(
        page, "order_record", [{"name": "订单.png", "mimeType": "image/png", "buffer": b"png"}]
    )
    page.wait_for_selector("html[data-snapshot='saved']", timeout=60_000)
    go(page, base_url, "#/cases")
    page.once("dialog", lambda d: d.accept())
    page.click("#wipe")
    page.wait_for_function(
        "() => document.getElementById('cases-status').textContent.includes('全部删除')"
    )
    assert page.evaluate(CASE_KEYS) == []
    databases = page.evaluate("() => indexedDB.databases().then(dbs => dbs.map(d => d.name))")
    assert "weiquan" not in databases
    assert not page.evaluate("() => caches.has('wq-runtime-snapshot')")
    page.reload()
    wait_ready(page)
    go(page, base_url, "#/case/problem")
    assert not page.is_checked("input[name='problem'][value='invalid_key']")
