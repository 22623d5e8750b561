"""Letters as Word files (.docx), written with the standard library's zipfile.

Why not python-docx: it builds on lxml, a compiled extension. The browser runs our Python in
Pyodide 314 from a set of pure-Python wheels (vendor.toml); the package index offers no lxml
wheel for Pyodide's platform (checked 2026-12 with pip download --only-binary --platform
pyodide_2025_0_wasm32 / pyodide_2026_0_wasm32 / pyemscripten_2026_0_wasm32: none), and our
wheel set is pure Python by design, so python-docx cannot run where the letters are made.
A .docx is a zip of a few XML parts; the ones a court's Word or LibreOffice needs are written
here from fixed templates. python-docx is still used natively, by the tests, to open every
file this module writes.

Layout: A4 with pleading margins (top 37 mm, bottom 35 mm, left 28 mm for binding, right
26 mm), 仿宋 body text at 14 pt on a 28 pt line, 宋体 title, 黑体 headings, real tables with a
repeated header row, and "第 X 页 共 Y 页" in every footer. Fonts are declared for East Asian
text (w:eastAsia), so a machine without 仿宋 substitutes another CJK font, not a Latin one.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from xml.sax.saxutils import escape

# Twentieths of a point (twips): A4 and the margins in millimetres → twips.
_MM = 1440 / 25.4
PAGE_W, PAGE_H = 11906, 16838
MARGINS = {"top": 37, "bottom": 35, "left": 28, "right": 26}
TEXT_W = PAGE_W - round((MARGINS["left"] + MARGINS["right"]) * _MM)

BODY_FONT, TITLE_FONT, HEADING_FONT, LATIN_FONT = "仿宋", "宋体", "黑体", "Times New Roman"
BODY_PT, TITLE_PT, HEADING_PT, TABLE_PT = 14, 22, 14, 10.5
LINE_TWIPS = 560  # a fixed 28 pt line: the rhythm of a printed pleading

# XML 1.0 forbids most control characters; a pasted one must not make the file unreadable.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _t(text: str) -> str:
    return escape(_XML_ILLEGAL.sub("", text))


def _fonts(latin: str, east_asian: str) -> str:
    return (
        f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{east_asian}" '
        f'w:cs="{latin}" w:hint="eastAsia"/>'
    )


def _run(text: str, bold: bool = False) -> str:
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{_t(text)}</w:t></w:r>'


def _para(text: str, style: str, space_before: bool = False, keep_next: bool = False) -> str:
    props = f'<w:pStyle w:val="{style}"/>'
    if keep_next:
        props += "<w:keepNext/>"
    if space_before:
        props += '<w:spacing w:before="160"/>'
    return f"<w:p><w:pPr>{props}</w:pPr>{_run(text) if text else ''}</w:p>"


def _cell(text: str, width: int, header: bool = False, span: int = 1) -> str:
    # A group title or header stays on the page of the row below it (keepNext on its lines).
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        props += (
            f'<w:gridSpan w:val="{span}"/><w:shd w:val="clear" w:color="auto" w:fill="EDEDED"/>'
        )
    elif header:
        props += '<w:shd w:val="clear" w:color="auto" w:fill="D9D9D9"/>'
    lines = text.split("\n") or [""]
    bold = header or span > 1
    keep = "<w:keepNext/>" if bold else ""
    body = "".join(
        f'<w:p><w:pPr><w:pStyle w:val="TableText"/>{keep}</w:pPr>{_run(line, bold=bold)}</w:p>'
        for line in lines
    )
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{body}</w:tc>"


def _table(block: dict) -> str:
    header: list[str] = block["header"]
    shares = block.get("widths") or [1] * len(header)
    widths = [round(TEXT_W * s / sum(shares)) for s in shares]
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    rows = []
    if any(header):
        rows.append(
            "<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>"
            + "".join(_cell(h, w, header=True) for h, w in zip(header, widths, strict=True))
            + "</w:tr>"
        )
    for row in block["rows"]:
        if "group" in row:
            cells = _cell(row["group"], TEXT_W, span=len(header))
        else:
            cells = "".join(_cell(c, w) for c, w in zip(row["cells"], widths, strict=True))
        rows.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{cells}</w:tr>")
    props = (
        '<w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/>'
        '<w:tblLayout w:type="fixed"/></w:tblPr>'
    )
    # A paragraph after a table keeps Word from merging it with what follows.
    return f"<w:tbl>{props}<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"


_STYLE_OF = {
    "title": "Title",
    "heading": "Heading1",
    "paragraph": "Body",
    "left": "Plain",
    "center": "Subtitle",
    "right": "Closing",
}


def _body(blocks: list[dict]) -> str:
    parts = []
    for i, block in enumerate(blocks):
        if block["type"] == "table":
            parts.append(_table(block))
            parts.append(_para("", "Plain"))
            continue
        style = _STYLE_OF.get(block["type"], "Body")
        following = blocks[i + 1]["type"] if i + 1 < len(blocks) else ""
        keep = block["type"] == "heading" or (block["type"] == "right" and following == "right")
        parts.append(_para(block["text"], style, block.get("space_before", False), keep))
    sect = (
        f'<w:sectPr><w:footerReference w:type="default" r:id="rIdFooter"/>'
        f'<w:pgSz w:w="{PAGE_W}" w:h="{PAGE_H}"/>'
        f'<w:pgMar w:top="{round(MARGINS["top"] * _MM)}" w:right="{round(MARGINS["right"] * _MM)}" '
        f'w:bottom="{round(MARGINS["bottom"] * _MM)}" w:left="{round(MARGINS["left"] * _MM)}" '
        'w:header="851" w:footer="992" w:gutter="0"/>'
        "</w:sectPr>"
    )
    return "".join(parts) + sect


def _document(blocks: list[dict]) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
        f"<w:body>{_body(blocks)}</w:body></w:document>"
    )


def _style(style_id: str, name: str, ppr: str, rpr: str, kind: str = "paragraph") -> str:
    return (
        f'<w:style w:type="{kind}" w:customStyle="1" w:styleId="{style_id}">'
        f'<w:name w:val="{name}"/>'
        f'<w:basedOn w:val="Normal"/><w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>'
    )


def _half_points(pt: float) -> int:
    return round(pt * 2)


def _styles() -> str:
    body_rpr = _fonts(LATIN_FONT, BODY_FONT) + f'<w:sz w:val="{_half_points(BODY_PT)}"/>'
    body_rpr += (
        f'<w:szCs w:val="{_half_points(BODY_PT)}"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/>'
    )
    line = f'<w:spacing w:before="0" w:after="0" w:line="{LINE_TWIPS}" w:lineRule="exact"/>'
    indent = '<w:ind w:firstLineChars="200" w:firstLine="560"/>'
    title_size = (
        f'<w:sz w:val="{_half_points(TITLE_PT)}"/><w:szCs w:val="{_half_points(TITLE_PT)}"/>'
    )
    heading_size = (
        f'<w:sz w:val="{_half_points(HEADING_PT)}"/><w:szCs w:val="{_half_points(HEADING_PT)}"/>'
    )
    table_size = (
        f'<w:sz w:val="{_half_points(TABLE_PT)}"/><w:szCs w:val="{_half_points(TABLE_PT)}"/>'
    )
    border = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    borders = "".join(
        border.format(side) for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:styles xmlns:w="{W_NS}">'
        f"<w:docDefaults><w:rPrDefault><w:rPr>{body_rpr}</w:rPr></w:rPrDefault>"
        f'<w:pPrDefault><w:pPr>{line}<w:jc w:val="left"/></w:pPr></w:pPrDefault></w:docDefaults>'
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
        f"<w:qFormat/><w:pPr>{line}</w:pPr><w:rPr>{body_rpr}</w:rPr></w:style>"
        '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/>'
        '<w:basedOn w:val="Normal"/><w:next w:val="Body"/><w:qFormat/>'
        "<w:pPr><w:keepNext/>"
        '<w:spacing w:before="0" w:after="320" w:line="720" w:lineRule="exact"/>'
        '<w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr>'
        f"<w:rPr>{_fonts(LATIN_FONT, TITLE_FONT)}<w:b/><w:bCs/>{title_size}</w:rPr></w:style>"
        '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
        '<w:basedOn w:val="Normal"/><w:next w:val="Body"/><w:qFormat/>'
        "<w:pPr><w:keepNext/>"
        '<w:spacing w:before="160" w:after="0" w:line="560" w:lineRule="exact"/>'
        '<w:outlineLvl w:val="1"/></w:pPr>'
        f"<w:rPr>{_fonts(LATIN_FONT, HEADING_FONT)}{heading_size}</w:rPr></w:style>"
        + _style("Body", "正文（首行缩进）", indent, "")
        + _style("Plain", "正文（顶格）", "", "")
        + _style("Closing", "落款", '<w:jc w:val="right"/>', "")
        + _style("Subtitle", "副标题", '<w:keepNext/><w:jc w:val="center"/>', "")
        + _style(
            "TableText",
            "表格文字",
            '<w:spacing w:before="40" w:after="40" w:line="300" w:lineRule="auto"/>'
            '<w:jc w:val="left"/>',
            table_size,
        )
        + '<w:style w:type="table" w:default="1" w:styleId="TableNormal">'
        '<w:name w:val="Normal Table"/>'
        '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
        '<w:left w:w="80" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
        '<w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
        '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/>'
        f'<w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders>{borders}</w:tblBorders></w:tblPr>'
        "</w:style>"
        '<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/>'
        '<w:basedOn w:val="Normal"/><w:pPr><w:spacing w:line="240" w:lineRule="auto"/>'
        f'<w:jc w:val="center"/></w:pPr><w:rPr>{table_size}</w:rPr></w:style>'
        "</w:styles>"
    )


def _footer() -> str:
    def field(code: str) -> str:
        return f'<w:fldSimple w:instr=" {code} "><w:r><w:t>1</w:t></w:r></w:fldSimple>'

    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:ftr xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>'
        f"{_run('第 ')}{field('PAGE')}{_run(' 页 共 ')}{field('NUMPAGES')}{_run(' 页')}"
        "</w:p></w:ftr>"
    )


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.settings+xml"/>'
    '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.footer+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-'
    'package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.extended-properties+xml"/>'
    "</Types>"
)
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
    'metadata/core-properties" Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{_REL}/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)
_DOC_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rIdStyles" Type="{_REL}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rIdSettings" Type="{_REL}/settings" Target="settings.xml"/>'
    f'<Relationship Id="rIdFooter" Type="{_REL}/footer" Target="footer1.xml"/>'
    "</Relationships>"
)
# updateFields is left out: Word would ask on opening; PAGE/NUMPAGES are computed anyway.
_SETTINGS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<w:settings xmlns:w="{W_NS}"><w:defaultTabStop w:val="420"/>'
    '<w:characterSpacingControl w:val="compressPunctuation"/>'
    '<w:compat><w:compatSetting w:name="compatibilityMode" '
    'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>'
)


def _core(title: str, today: date) -> str:
    stamp = f"{today.isoformat()}T00:00:00Z"
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{_t(title)}</dc:title><dc:creator>维权助手</dc:creator><dc:language>zh-CN</dc:language>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    )


_APP = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>维权助手</Application></Properties>"
)


def write(blocks: list[dict], title: str, today: date) -> bytes:
    """The .docx bytes of a letter's blocks (weiquan.blocks). Same input, same bytes."""
    parts = (
        ("[Content_Types].xml", _CONTENT_TYPES),
        ("_rels/.rels", _ROOT_RELS),
        ("word/document.xml", _document(blocks)),
        ("word/_rels/document.xml.rels", _DOC_RELS),
        ("word/styles.xml", _styles()),
        ("word/settings.xml", _SETTINGS),
        ("word/footer1.xml", _footer()),
        ("docProps/core.xml", _core(title, today)),
        ("docProps/app.xml", _APP),
    )
    buffer = io.BytesIO()
    stamp = (today.year, today.month, today.day, 0, 0, 0)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, xml in parts:
            zf.writestr(
                zipfile.ZipInfo(name, date_time=stamp), xml.encode("utf-8"), zipfile.ZIP_DEFLATED
            )
    return buffer.getvalue()
