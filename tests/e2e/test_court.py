"""Issue 22 in the browser: 「下载 Word」 beside every letter, letters printed on A4, and the
evidence list numbered like the 证据包's folders — on a 360 px phone and on a desktop."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from .conftest import DESKTOP, PHONE
from .helpers import add_files, choose_problem, fill, go, goto_route, wait_ready, wait_saved

SHOT = b"\x89PNG\r\n" + bytes(range(256)) * 40
A4_POINTS = (595, 842)


def start_case(page, base_url):
    go(page, base_url, "#/case/problem")
    wait_ready(page)
    choose_problem(page, "invalid_key")
    goto_route(page, "#/case/shop")
    fill(page, "merchant.name", "云端数卡旗舰店")
    goto_route(page, "#/case/order")
    fill(page, "order.id", "COURT-2026-0042")
    goto_route(page, "#/case/me")
    fill(page, "consumer.name", "王晓燕")
    page.get_by_text("写起诉状时才需要的信息").click()  # the 起诉 section, asked once
    fill(page, "consumer.postcode", "310005")
    wait_saved(page, "310005")


def show_letter(page, kind, needle):
    goto_route(page, f"#/letters/{kind}")
    page.wait_for_function(
        "([k, n]) => { const p = document.getElementById('letter-preview');"
        " return p.dataset.letter === k && p.textContent.includes(n); }",
        arg=[kind, needle],
    )
    return page.locator("#letter-preview").text_content()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_download_word_gives_the_letter_as_a_docx(open_page, base_url, tmp_path, viewport):
    page, _ = open_page(viewport=viewport)
    start_case(page, base_url)
    text = show_letter(page, "service-address", "送达地址确认书")
    assert "邮政编码：310005" in text
    button = page.get_by_role("button", name="下载 Word")
    box = button.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
    with page.expect_download() as info:
        button.click()
    assert info.value.suggested_filename == "送达地址确认书.docx"
    path = tmp_path / "letter.docx"
    info.value.save_as(path)
    with zipfile.ZipFile(path) as zf:
        document = zf.read("word/document.xml").decode("utf-8")
        assert "word/styles.xml" in zf.namelist() and "word/footer1.xml" in zf.namelist()
    assert "COURT-2026-0042" in document and "310005" in document and "<w:tbl>" in document
    page.wait_for_selector("#letter-copied:has-text('已下载 送达地址确认书.docx')")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_print_lays_each_letter_on_a4_pages(open_page, base_url, viewport):
    page, _ = open_page(viewport=viewport)
    start_case(page, base_url)
    show_letter(page, "complaint-elements", "（买卖合同纠纷）")
    page.evaluate("() => document.body.classList.add('print-letter')")
    page.emulate_media(media="print")
    printed = page.evaluate(
        """() => ({
          text: getComputedStyle(document.getElementById('letter-preview')).display,
          print: getComputedStyle(document.getElementById('letter-paper')).display,
          title: getComputedStyle(document.querySelector('.print-title')).textAlign,
          tables: document.querySelectorAll('#letter-paper table').length,
        })"""
    )
    assert printed == {"text": "none", "print": "block", "title": "center", "tables": 6}
    pdf = page.pdf(prefer_css_page_size=True)
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert len(boxes) >= 2  # the 要素式 起诉状 takes more than one page
    assert {(round(float(w)), round(float(h))) for w, h in boxes} == {A4_POINTS}


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_evidence_list_numbers_are_the_bundle_folder_names(open_page, base_url, viewport):
    page, _ = open_page(viewport=viewport)
    start_case(page, base_url)
    goto_route(page, "#/case/evidence")
    page.wait_for_selector("[data-file-kind='failure_proof']", state="attached")
    for kind, name in (("chat_log", "聊天.png"), ("failure_proof", "失败.png")):
        add_files(page, kind, [{"name": name, "mimeType": "image/png", "buffer": SHOT}])
    with page.expect_download() as info:
        page.locator("[data-step='evidence'] [data-action='bundle']").click()
    with zipfile.ZipFile(io.BytesIO(info.value.path().read_bytes())) as zf:
        folders = sorted({n.split("/")[1] for n in zf.namelist() if n.startswith("证据/")})
    listing = show_letter(page, "evidence-list", "证据清单")
    # Each item: "证据N　名称", then its columns, one of them the 证据包 folder "NN-…".
    item = r"^证据(\d+)　.+\n(?:　　.+\n)*?　　页码或文件名：证据包“(\d{2})-"
    listed = re.findall(item, listing, re.M)
    assert folders and len(listed) >= len(folders)
    assert all(int(number) == int(folder) for number, folder in listed)
    for folder in folders:
        assert f"证据包“{folder}”文件夹" in listing
