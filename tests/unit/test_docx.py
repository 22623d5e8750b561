"""Every letter as a Word file: python-docx opens it, LibreOffice turns it into A4 pages.

python-docx is a dev dependency (requirements/dev.txt); LibreOffice and pdftoppm come from the
distribution (scripts/ensure-office.sh, run by `make test`).
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import pytest
from weiquan import blocks, docx
from weiquan import case as case_model
from weiquan.letters import LETTER_KINDS, LETTER_LABELS, draft

python_docx = pytest.importorskip("docx", reason="python-docx (requirements/dev.txt) 未安装")

GOLDEN = Path(__file__).parent / "golden"
TODAY = date(2026, 11, 24)
CASES = (
    "company-taobao-hangzhou",
    "sole-trader-pinduoduo",
    "private-wechat-seller",
    "vanished-fraud",
)
A4_MM = (210, 297)


def golden(name: str) -> dict:
    return case_model.normalise(json.loads((GOLDEN / name / "case.json").read_text("utf-8")))


def word_file(name: str, kind: str) -> tuple[bytes, object]:
    made = draft(golden(name), kind, TODAY)
    return docx.write(made.blocks, LETTER_LABELS[kind], TODAY), made


def lines_of(document) -> list[str]:
    """Every paragraph of the body, tables included (cell by cell), in order."""
    found = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            found.append("".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")))
        elif tag == "tbl":
            for t in child.iter():
                if t.tag.endswith("}t"):
                    found.append(t.text or "")
    return [line for line in found if line.strip()]


@pytest.mark.parametrize("kind", LETTER_KINDS)
@pytest.mark.parametrize("name", CASES)
def test_every_letter_opens_in_python_docx_on_a4_with_what_the_text_says(name, kind):
    data, made = word_file(name, kind)
    document = python_docx.Document(io.BytesIO(data))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == A4_MM
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [round(m.mm) for m in margins] == [37, 35, 28, 26]
    written = "\n".join(lines_of(document))
    # Every line of the text is in the Word file (a table row's text form is spread over cells).
    for line in made.text.splitlines():
        words = [w for w in re.split(r"[：　\s]+|^【|】$", line) if w]
        for word in words:
            if not re.fullmatch(r"证据\d+|\d+", word):
                assert word in written, (kind, word)
    assert blocks.MARK not in written and blocks.END not in written


def test_the_evidence_list_is_a_real_word_table_with_the_court_columns():
    data, _ = word_file("company-taobao-hangzhou", "evidence-list")
    document = python_docx.Document(io.BytesIO(data))
    (table,) = document.tables
    header = [cell.text for cell in table.rows[0].cells]
    assert header == ["序号", "证据名称", "来源", "证明对象/目的", "页码或文件名", "原件/复印件"]
    numbers = [row.cells[0].text for row in table.rows[1:] if row.cells[0].text.isdigit()]
    assert numbers == [str(n) for n in range(1, 7)]
    groups = [row.cells[0].text for row in table.rows[1:] if not row.cells[0].text.isdigit()]
    assert groups == ["合同与付款", "交付与问题", "协商与催告", "主体"]
    assert document.paragraphs[0].style.name == "Title"


def test_headings_title_signature_and_page_numbers_are_word_structures():
    data, _ = word_file("sole-trader-pinduoduo", "complaint-elements")
    document = python_docx.Document(io.BytesIO(data))
    styles = {p.text: p.style.name for p in document.paragraphs if p.text}
    assert styles["民事起诉状"] == "Title"
    assert styles["一、当事人信息"] == "Heading 1"
    assert styles["具状人（签字）："] == "落款"
    assert styles["广州互联网法院"] == "正文（顶格）"
    footer = document.sections[0].footer._element.xml
    assert "PAGE" in footer and "NUMPAGES" in footer
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        styles_xml = zf.read("word/styles.xml").decode("utf-8")
    assert 'w:eastAsia="仿宋"' in styles_xml and 'w:eastAsia="黑体"' in styles_xml


def test_the_same_letter_gives_the_same_bytes_and_bad_characters_do_not_break_it():
    first, _ = word_file("vanished-fraud", "civil-complaint")
    again, _ = word_file("vanished-fraud", "civil-complaint")
    assert first == again

    raw = json.loads((GOLDEN / "vanished-fraud" / "case.json").read_text("utf-8"))["case"]
    raw["facts"] = "对方说<b>“不退”</b> & 拉黑了\x07我" + blocks.mark("title") + "假标题"
    made = draft(case_model.normalise(raw), "complaint-elements", TODAY)
    document = python_docx.Document(io.BytesIO(docx.write(made.blocks, "x", TODAY)))
    written = "\n".join(lines_of(document))
    assert "对方说<b>“不退”</b> & 拉黑了我" in written
    assert all(b["text"] != "假标题" for b in made.blocks)


@pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftoppm")),
    reason="LibreOffice / pdftoppm 未安装：make test 会用 scripts/ensure-office.sh 安装",
)
def test_libreoffice_converts_every_letter_to_a4_pages(tmp_path):
    for kind in LETTER_KINDS:
        data, _ = word_file("company-taobao-hangzhou", kind)
        (tmp_path / f"{kind}.docx").write_bytes(data)
    files = sorted(map(str, tmp_path.glob("*.docx")))
    profile = f"-env:UserInstallation=file://{tmp_path}/profile"  # never the user's own
    command = ["soffice", "--headless", profile, "--convert-to", "pdf", "--outdir", str(tmp_path)]
    subprocess.run([*command, *files], check=True, capture_output=True, timeout=240)
    for kind in LETTER_KINDS:
        pdf = (tmp_path / f"{kind}.pdf").read_bytes()
        boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
        assert boxes, kind
        assert {(round(float(w)), round(float(h))) for w, h in boxes} == {(595, 842)}, kind
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", str(tmp_path / "evidence-list.pdf"), str(tmp_path / "p")],
        check=True, timeout=60,
    )  # fmt: skip
    pages = sorted(tmp_path.glob("p-*.png"))
    assert pages and all(p.stat().st_size > 1000 for p in pages)


@pytest.mark.parametrize(
    ("kind", "text", "kind_of_block"),
    [
        ("termination-notice", "催告及解除合同通知", "title"),
        ("termination-notice", "致：淘宝店铺“星辰数码专营店”", "left"),
        ("platform-email", "星辰数码专营店客服及售后负责人：", "left"),
        ("lawyer-brief", "一、当事人", "heading"),
        ("12315", "【被投诉方】", "heading"),
        ("civil-complaint", "诉讼请求：", "heading"),
        ("civil-complaint", "具状人（签字）：", "right"),
    ],
)
def test_letters_without_markup_get_their_structure_from_their_shape(kind, text, kind_of_block):
    made = draft(golden("invalid-key-taobao"), kind, TODAY)
    assert {b["text"]: b["type"] for b in made.blocks}[text] == kind_of_block
