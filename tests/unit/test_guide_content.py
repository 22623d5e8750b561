"""The guide chapters: front matter the build can read, links that land, honest length and sources.

The front matter rules mirror the build's: `key: value` lines between two `---` lines, nothing more.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

REPO = Path(__file__).resolve().parents[2]
GUIDE = REPO / "content" / "guide"
SEED = Path(__file__).resolve().parents[3] / "shared/reference/seed-article.zh.txt"

REQUIRED_KEYS = ("slug", "title", "order", "summary")
OFFICIAL_HOSTS = {
    host
    for base in ("flk.npc.gov.cn", "court.gov.cn", "samr.gov.cn", "12315.cn", "gsxt.gov.cn")
    for host in (base, f"www.{base}")
}
HAN = re.compile(r"[\u4e00-\u9fff]")
URL = re.compile(r"https?://[^\s)\]>\"'<]+")
GUIDE_LINK = re.compile(r"\]\(#guide-([^)\s]*)\)")


def parse_front_matter(text: str) -> tuple[dict[str, str], str]:
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        raise ValueError("first line must be '---'")
    meta: dict[str, str] = {}
    for number, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            return meta, "\n".join(lines[number + 1 :])
        if not line.strip():
            continue
        key, sep, value = line.partition(":")
        if not sep or not key.strip():
            raise ValueError(f"line {number + 1} is not 'key: value': {line!r}")
        meta[key.strip()] = value.strip()
    raise ValueError("front matter is never closed with '---'")


def chapter_files() -> list[Path]:
    return sorted(GUIDE.glob("*.md"))


def load(path: Path) -> tuple[dict[str, str], str]:
    return parse_front_matter(path.read_text("utf-8"))


CHAPTERS = chapter_files()
IDS = [p.stem for p in CHAPTERS]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("slug: a\n---\nbody", "first line"),
        ("---\nslug a\n---\nbody", "not 'key: value'"),
        ("---\nslug: a\ntitle: b", "never closed"),
    ],
)
def test_parser_rejects_malformed_front_matter(text, problem):
    with pytest.raises(ValueError, match=problem):
        parse_front_matter(text)


def test_parser_keeps_colons_in_values():
    meta, body = parse_front_matter("---\ntitle: 第一步：证据\nsummary: a: b\n---\n## 正文")
    assert meta == {"title": "第一步：证据", "summary": "a: b"}
    assert body == "## 正文"


def test_the_guide_has_the_expected_chapters():
    assert set(IDS) >= {"start", "evidence", "platform", "third-party", "legal", "pitfalls"}
    assert "rights" in IDS


@pytest.mark.parametrize("path", CHAPTERS, ids=IDS)
def test_front_matter_is_complete_and_matches_file_name(path):
    meta, body = load(path)
    missing = [k for k in REQUIRED_KEYS if not meta.get(k)]
    assert not missing, f"{path.name}: front matter lacks {missing}"
    assert meta["slug"] == path.stem, f"{path.name}: slug must equal the file name"
    assert re.fullmatch(r"[a-z0-9-]+", meta["slug"])
    assert meta["order"].isdigit(), f"{path.name}: order must be a whole number"
    assert len(meta["summary"]) <= 40, f"{path.name}: summary has {len(meta['summary'])} chars"
    assert body.strip(), f"{path.name}: empty body"


@pytest.mark.parametrize("path", CHAPTERS, ids=IDS)
def test_body_headings_start_at_level_two(path):
    _, body = load(path)
    headings = re.findall(r"^(#+) ", body, flags=re.MULTILINE)
    assert headings, f"{path.name}: no headings"
    assert all(len(h) >= 2 for h in headings), f"{path.name}: the build adds the H1; use ##"


def test_slugs_and_orders_are_unique():
    metas = [load(p)[0] for p in CHAPTERS]
    slugs = [m["slug"] for m in metas]
    orders = [int(m["order"]) for m in metas]
    assert len(set(slugs)) == len(slugs), slugs
    assert len(set(orders)) == len(orders), orders
    assert metas[IDS.index("start")]["order"] == "0"


@pytest.mark.parametrize("path", CHAPTERS, ids=IDS)
def test_chapter_links_point_to_existing_chapters(path):
    _, body = load(path)
    targets = GUIDE_LINK.findall(body)
    unknown = [t for t in targets if t not in IDS]
    assert not unknown, f"{path.name}: links to unknown chapters {unknown}"


@pytest.mark.parametrize("path", CHAPTERS, ids=IDS)
def test_chapter_ends_with_a_next_step_link(path):
    _, body = load(path)
    last = [line for line in body.splitlines() if line.strip()][-1]
    assert last.startswith("下一步"), f"{path.name}: last line should be the 下一步 line"
    assert GUIDE_LINK.search(last), f"{path.name}: 下一步 line needs a #guide-… link"


@pytest.mark.parametrize("path", CHAPTERS, ids=IDS)
def test_chapter_length_suits_a_phone_reader(path):
    _, body = load(path)
    count = len(HAN.findall(body))
    assert 400 <= count <= 2500, f"{path.name}: {count} Han characters"


def seed_fragments(seed: str, minimum: int = 15) -> set[str]:
    """Sentences, and the clauses inside them, long enough that a verbatim match is copying."""
    pieces: set[str] = set()
    for sentence in re.split(r"[。！？!?；;\n]+", seed):
        for piece in (sentence, *re.split(r"[，,：:、]+", sentence)):
            piece = piece.strip(" \t•·-—*“”\"'（）()")
            if len(piece) >= minimum:
                pieces.add(piece)
    return pieces


def test_seed_fragments_finds_long_sentences_only():
    found = seed_fragments("短句。这是一个足够长的句子，用来检验切分是否正确无误的吗？")
    assert "这是一个足够长的句子，用来检验切分是否正确无误的吗" in found
    assert "短句" not in found


@pytest.mark.parametrize("path", CHAPTERS, ids=IDS)
def test_no_seed_article_sentence_is_copied(path):
    if not SEED.is_file():
        pytest.skip(f"seed article not found at {SEED}; nothing to compare against")
    fragments = seed_fragments(SEED.read_text("utf-8"))
    text = path.read_text("utf-8")
    copied = sorted(f for f in fragments if f in text)
    assert not copied, f"{path.name}: copies the seed article: {copied}"


@pytest.mark.parametrize("path", CHAPTERS, ids=IDS)
def test_only_official_government_links(path):
    text = path.read_text("utf-8")
    foreign = [u for u in URL.findall(text) if urlsplit(u).hostname not in OFFICIAL_HOSTS]
    assert not foreign, f"{path.name}: links outside the official allow-list: {foreign}"


def test_rights_chapter_marks_unverified_law_and_the_check_date():
    _, body = load(GUIDE / "rights.md")
    assert "请以官方最新文本为准" in body
    assert re.search(r"核对日期：\d{4}-\d{2}-\d{2}", body)
    for site in ("flk.npc.gov.cn", "court.gov.cn", "samr.gov.cn", "12315.cn", "gsxt.gov.cn"):
        assert site in body, f"rights chapter should link {site}"


def test_unverified_new_complaint_rules_are_never_stated_bare():
    """The 2026 办法's time limits are unchecked: any chapter naming it must hedge."""
    for path in CHAPTERS:
        _, body = load(path)
        if "投诉举报处理办法" in body:
            assert "请以官方最新文本为准" in body, path.name


@pytest.mark.parametrize("path", CHAPTERS, ids=IDS)
def test_markdown_renders_tables_and_lists(path):
    markdown = pytest.importorskip("markdown")
    _, body = load(path)
    html = markdown.markdown(body, extensions=["extra", "sane_lists"])
    if re.search(r"^\|---", body, flags=re.MULTILINE):
        assert "<table>" in html, f"{path.name}: a table did not render"
    assert "|---" not in html, f"{path.name}: table syntax leaked into the page"
