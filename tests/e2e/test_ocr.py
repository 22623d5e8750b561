"""识别截图: the shipped recogniser (dist/ocr/) read in Chromium on twelve rendered bill and order
screenshots, the 智能粘贴 box on a phone and a desktop, offline after one use, and 打码 copies.

One page and one model load read every screenshot (the suite's added time stays modest).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re

import pytest
from weiquan import paste

from tests import ocr_screens
from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.helpers import go, wait_ready

CONTROLLED = "() => !!navigator.serviceWorker && navigator.serviceWorker.controller !== null"


@pytest.fixture(scope="module")
def screenshots(browser) -> dict[str, bytes]:
    return {shot.name: ocr_screens.render(browser, shot) for shot in ocr_screens.shots()}


def ocr_folder(page) -> str:
    """The recogniser's folder as the page's paste-box.js names it."""
    return page.evaluate(
        """async () => {
          const src = [...document.querySelectorAll('link[rel=modulepreload]')]
            .map((l) => l.href).find((h) => h.includes('/paste-box.'));
          const text = await (await fetch(src)).text();
          return text.match(/dir: "(ocr\\/[0-9a-f]+)"/)[1];
        }"""
    )


def read_images(page, images: list[bytes]) -> list[dict]:
    """Every image through the shipped panel's readImage (one worker, one model load)."""
    folder = ocr_folder(page)
    return page.evaluate(
        """async ([folder, images]) => {
          const panel = await import(new URL(folder + '/ocr-panel.js', document.baseURI).href);
          const manifest = { sizes: {} };
          const out = [];
          for (const b64 of images) {
            const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
            out.push(await panel.readImage(new Blob([bytes], { type: 'image/png' }), manifest));
          }
          return out;
        }""",
        [folder, [base64.b64encode(i).decode() for i in images]],
    )


def test_every_number_and_amount_of_twelve_screenshots_is_read_exactly(
    open_page, base_url, screenshots
):
    page, _ = open_page(viewport=DESKTOP)
    go(page, base_url, "#/")
    wait_ready(page)
    shots = ocr_screens.shots()
    assert len(shots) >= 12 and {s.size for s in shots} == {"1080", "720"}
    results = read_images(page, [screenshots[s.name] for s in shots])
    wrong = {}
    for shot, result in zip(shots, results, strict=True):
        got = {f["field"]: f["value"] for f in paste.recognise(result["text"])["fields"]}
        misses = {k: (v, got.get(k)) for k, v in shot.expected.items() if got.get(k) != v}
        if misses:
            wrong[shot.name] = misses
    assert not wrong, json.dumps(wrong, ensure_ascii=False)


def choose_screenshot(page, step: str, png: bytes, name: str = "账单截图.png"):
    box = f"[data-paste-box='{step}']"
    page.set_input_files(
        f"{box} input[data-ocr]", files=[{"name": name, "mimeType": "image/png", "buffer": png}]
    )
    return box


def first_use(page, png: bytes):
    """Choose a screenshot the first time: the size is said, then the rows appear."""
    box = choose_screenshot(page, "order", png)
    page.wait_for_selector(f"{box} [data-paste-result][data-state='confirm']")
    assert re.search(r"约 1\d\.\d MB", page.text_content(f"{box} [data-paste-result]"))
    # Nothing of the models is on the device before the yes (the service worker keeps them).
    kept = "async () => (await (await caches.open('wq-ocr')).keys()).map((r) => r.url)"
    assert not [u for u in page.evaluate(kept) if u.endswith(".onnx")]
    page.click(f"{box} [data-ocr-download]")
    page.wait_for_selector(f"{box} [data-paste-result][data-state='found']", timeout=120_000)
    assert len([u for u in page.evaluate(kept) if u.endswith(".onnx")]) == 2
    # Every file of the recogniser is kept, the runtime and the modules too, controlled or not.
    names = {u.rsplit("/", 1)[1] for u in page.evaluate(kept)}
    assert {"ocr-panel.js", "ocr-worker.js"} <= names and any(n.endswith(".wasm") for n in names)
    return box


def apply_all_but_the_order_number(page, box):
    rows = page.locator(f"{box} [data-paste-field]")
    fields = {rows.nth(i).get_attribute("data-paste-field") for i in range(rows.count())}
    assert {"order.id", "order.amount", "order.paid_via", "order.payments[].txn_id"} <= fields
    # Only the ticked fields are written: untick the order number.
    page.uncheck(f"{box} [data-paste-field='order.id'] input")
    page.click(f"{box} [data-paste-apply]")
    page.wait_for_selector(f"{box} [data-paste-result][data-state='applied']")
    assert page.input_value("[data-field='order.amount']") == "100.00"
    assert page.input_value("[data-field='order.id']") == ""
    assert page.input_value("[data-field='order.paid_via']") == "alipay"


def test_on_a_phone_a_chosen_screenshot_fills_ticked_fields_and_works_offline_after_one_use(
    open_page, base_url, screenshots
):
    page, _ = open_page(viewport=PHONE)
    go(page, base_url, "#/case/order")
    wait_ready(page)
    page.wait_for_function(CONTROLLED, timeout=60_000)
    box = first_use(page, screenshots["alipay-bill-1080"])
    apply_all_but_the_order_number(page, box)

    # After one use: offline, no question, the same rows.
    page.context.set_offline(True)
    page.reload()
    wait_ready(page)
    box = choose_screenshot(page, "order", screenshots["wechat-bill-720-dark"])
    page.wait_for_selector(f"{box} [data-paste-result][data-state='found']", timeout=120_000)
    amount = page.locator(f"{box} [data-paste-field='order.amount']")
    assert amount.get_attribute("data-value") == "258.00"


def test_on_a_desktop_rows_fill_ticked_fields_and_a_redacted_copy_hides_phone_and_order_number(
    open_page, base_url, screenshots
):
    """…and the original screenshot, kept as evidence, keeps its hash. No service worker here:
    on a first visit the page may use the recogniser before the service worker controls it
    (its install is still precaching), and the recogniser must still be kept for offline use."""
    page, _ = open_page(viewport=DESKTOP, service_workers="block")
    go(page, base_url, "#/case/order")
    wait_ready(page)
    original = screenshots["alipay-bill-1080"]
    shot = next(s for s in ocr_screens.shots() if s.name == "alipay-bill-1080")
    box = first_use(page, original)
    page.click(f"{box} [data-ocr-keep]")
    page.wait_for_selector(f"{box} [data-ocr-said][data-sha256]")
    kept = page.get_attribute(f"{box} [data-ocr-said]", "data-sha256")
    assert kept == hashlib.sha256(original).hexdigest()

    page.click(f"{box} [data-ocr-redact]")
    page.wait_for_selector(f"{box} [data-ocr-preview]")
    for kind in ("phone", "order_no"):
        assert page.is_checked(f"{box} [data-redact-kind='{kind}']")
    with page.expect_download() as download:
        page.click(f"{box} [data-ocr-save-copy]")
    copy = download.value.path().read_bytes()
    said = f"{box} [data-ocr-copy-said]"
    page.wait_for_selector(f"{said}[data-sha256]")
    assert page.get_attribute(said, "data-sha256") == hashlib.sha256(copy).hexdigest()
    assert page.get_attribute(said, "data-original") == kept
    assert download.value.suggested_filename.startswith("打码副本-")

    # The copy read again: neither the phone number nor the order numbers are there.
    (again,) = read_images(page, [copy])
    text = again["text"].replace(" ", "")
    for hidden in (
        shot.screen.phone,
        shot.screen.order_no,
        shot.expected["order.payments[].txn_id"],
    ):
        assert hidden not in text
        assert hidden[-6:] not in text  # not even its tail
    assert "收款方全称" in text  # what is not personal stays readable
    # Both are kept as evidence: the original with its own hash, the copy marked as a copy.
    records = page.evaluate(
        """() => new Promise((resolve) => {
          const req = indexedDB.open('weiquan');
          req.onsuccess = () => {
            const all = req.result.transaction('files').objectStore('files').getAll();
            all.onsuccess = () =>
              resolve(all.result.map((r) => [r.name, r.sha256, r.copyOf || '']));
          };
        })"""
    )
    assert [r for r in records if r[1] == kept and not r[2]]
    assert [r for r in records if r[2] == kept and r[0].startswith("打码副本-")]
    # The rows are still there to apply after all this.
    apply_all_but_the_order_number(page, box)
