"""The build checks every content file through the core's loaders and names file and line.

Each test copies the tree's content/ into a temp folder, breaks one thing the way a
maintainer might, points the build at it and reads the build's one-line refusal.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import build
from buildtools.errors import BuildError

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def content(tmp_path, monkeypatch) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(build.CONTENT, copy)
    monkeypatch.setattr(build, "CONTENT", copy)
    return copy


def edit(path: Path, old: str, new: str) -> int:
    """Replace the first `old` in the file with `new`; the line (1-based) where `new` is."""
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} is no longer in {path.name}: update the test"
    text = text.replace(old, new, 1)
    path.write_text(text, "utf-8")
    return text[: text.index(new)].count("\n") + 1


def refusal(**kwargs) -> str:
    with pytest.raises(BuildError) as raised:
        build.check_content(**kwargs)
    return str(raised.value)


# Each: file, text replaced, replacement, expected message after "content/<file>:<line> ".
BREAKS = [
    (
        "problems.toml",
        'fraud = ["cpl-55"]',
        'fraud = ["cpl-999"]',
        "common.grounds.fraud: 未知的规则编号 cpl-999",
    ),
    (
        "problems.toml",
        '"fees-13",',
        '"fees-999",',
        "refs.small_claims: 未知的规则编号 fees-999",
    ),
    (
        "problems.toml",
        'grounds = { refund = ["cpl-24",',
        'grounds = { refund = ["cc-999",',
        "problem.invalid_key.grounds.refund: 未知的规则编号 cc-999",
    ),
    ("rules.toml", 'status = "verified"\n', 'status = "verified\n', "不是有效的 TOML"),
    ("rules.toml", 'status = "verified"\n', 'status = "maybe"\n', "rule[0].status: 应为"),
    ("holidays.toml", "work = [2026-09-20,", "work = [2026-09-21,", "year[1].holiday[6].work"),
    ("paste.toml", "min_labels = 3", "min_labels = 1", ".min_labels: 应为不小于 2 的整数"),
    ("clauses.toml", "multiple = 3", "multiple = 0", "punitive_damages.multiple: 应为正整数"),
    # The field declaration: an unknown type, screen or vocabulary, a path outside the case.
    (
        "fields.toml",
        'type = "count"\ndefault = 1',
        'type = "number"\ndefault = 1',
        'field."order.quantity".type: 应为 text、',
    ),
    ("fields.toml", 'screen = "facts"', 'screen = "story"', "field.facts.screen: 没有这个填写步骤"),
    (
        "fields.toml",
        'vocab = "paid_to"',
        'vocab = "paid_into"',
        'field."order.paid_to".vocab: 没有这个取值表',
    ),
    (
        "fields.toml",
        '[field."merchant.name"]',
        '[field."seller.name"]',
        'field."seller.name": 案件文件里没有 seller 这一组',
    ),
    (
        "fields.toml",
        'in = ["alipay", "wechat"]',
        'in = ["alipay", "wechat", "cash"]',
        "“cash”不是 order.paid_via 的取值",
    ),
    ("fields.toml", 'detail = "quantity"', 'detail = "size"', "demand.reissue.detail: 应为诉求里"),
    ("letter_words.toml", 'police = "fraud"', 'police = "scam"', "problem.scammed.police: 应为"),
    ("court.toml", "first_band = 10000", "first_band = 0", "fee.first_band: 应为正整数"),
]


@pytest.mark.parametrize(("file", "old", "new", "message"), BREAKS)
def test_a_broken_content_file_fails_the_build_naming_file_and_line(
    content, file, old, new, message
):
    line = edit(content / file, old, new)
    found = refusal()
    where = f"content/{file}:{line}"
    assert found.startswith(where) and found[len(where)] in " :", found
    assert message in found


def test_a_letter_template_that_does_not_compile_names_file_and_line(content):
    line = edit(content / "letters" / "platform-email.j2", "\n\n", "\n{% if %}\n")
    assert refusal() == (
        f"content/letters/platform-email.j2:{line + 1}: 模板无法编译：Expected an expression, "
        "got 'end of statement block'"
    )


def test_an_unknown_filter_in_a_letter_is_refused(content):
    line = edit(content / "letters" / "12315.j2", "{{", "{{ 1 | no_such_filter }}{{")
    assert refusal().startswith(f"content/letters/12315.j2:{line}: 模板无法编译：")


def test_a_toml_file_no_loader_reads_is_refused(content):
    (content / "stray.toml").write_text('[step.x]\nwhy = ["cpl-999"]\n', "utf-8")
    assert refusal() == (
        "content/stray.toml: no loader in py/weiquan reads this file, so nothing checks it"
    )


def test_a_missing_content_file_is_named(content):
    (content / "clauses.toml").unlink()
    assert refusal().startswith("content/clauses.toml: file is missing")


def test_an_edited_generated_calendar_is_refused(content):
    edit(content / "holidays-statutory.toml", "2027-01-01", "2027-01-04")
    assert "holidays-statutory.toml is not current" in refusal()


def test_a_broken_site_template_names_file_and_line(tmp_path, monkeypatch):
    site = tmp_path / "site"
    shutil.copytree(build.SITE, site)
    (site / "templates" / "steps" / "me.html").write_text("<p>\n{% endif %}\n", "utf-8")
    monkeypatch.setattr(build, "SITE", site)
    with pytest.raises(BuildError, match=r"steps/me\.html:2: template error"):
        build.gather()


def test_make_build_fails_on_an_unknown_rule_id_and_keeps_the_old_dist(content, tmp_path, capsys):
    line = edit(content / "problems.toml", 'fraud = ["cpl-55"]', 'fraud = ["cpl-999"]')
    out = tmp_path / "dist"
    out.mkdir()
    (out / "index.html").write_text("previous good build")
    assert build.main(["--strict", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err == (
        f"build failed: content/problems.toml:{line} common.grounds.fraud: 未知的规则编号 cpl-999\n"
    )
    assert (out / "index.html").read_text() == "previous good build"


# ---------------------------------------------------------------- what the wheel ships


CASE_FILE = build.ROOT / "tests" / "unit" / "cases" / "24_scam_several_payments_qq_site.json"


def test_the_wheel_carries_each_toml_file_pre_parsed(tmp_path):
    name, data = build.build_app_wheel(build.check_content())
    wheel = tmp_path / name
    wheel.write_bytes(data)
    names = set(zipfile.ZipFile(wheel).namelist())
    for toml in build.CONTENT.glob("*.toml"):
        # Only the checked JSON twin travels: the browser never needs the TOML's bytes.
        assert f"weiquan/_content/{toml.name}" not in names
        assert f"weiquan/_content/{toml.name}.json" in names
    # The unpacked wheel, as Pyodide sees it: no checkout beside it, so it reads its own
    # copy; the pre-parsed JSON means TOML is never parsed (tomllib never imported), and
    # the answers are the checkout's.
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    script = (
        "import json, sys, datetime\n"
        "from weiquan import api, calendar, knowledge, paste, rules, clauses\n"
        "knowledge.load(); paste.vocabulary(); clauses.load()\n"
        "from weiquan import case\n"
        "raw = json.load(open(sys.argv[2], encoding='utf-8'))\n"
        "c = case.normalise(raw)\n"
        "today = datetime.date.fromisoformat(raw['expect']['today'])\n"
        "api.check_case(c, today); api.draft_case(c, 'complaint-elements', today)\n"
        "out = {'tomllib': 'tomllib' in sys.modules, 'rules': len(rules.load_rules()),\n"
        "  'from': api.__file__.startswith(sys.argv[1]),\n"
        "  'working': calendar.add_working_days(datetime.date(2026, 12, 28), 7).isoformat(),\n"
        "  'problems': sorted(knowledge.load()['problem'])}\n"
        "print(json.dumps(out))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script, str(site), str(CASE_FILE)],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(site)},
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stdout)
    from weiquan import knowledge, rules

    assert seen == {
        "tomllib": False,
        "from": True,
        "rules": len(rules.load_rules()),
        "working": "2027-01-07",
        "problems": sorted(knowledge.load()["problem"]),
    }


LOADER_OF_ANOTHER_STYLE = """
import tomllib
from functools import lru_cache

from weiquan.datafiles import read_text


@lru_cache(maxsize=1)
def _data() -> dict:
    data = tomllib.loads(read_text("extra.toml"))
    if data.get("x") != 1:
        raise ValueError("extra.toml 的 x 应为 1")
    return data
"""


# A loader that keeps what it read in a global: found only when marked.
MARKED_LOADER = """
import tomllib

from weiquan import datafiles

_DATA = None


@datafiles.loader("extra.toml")
def data() -> dict:
    global _DATA
    if _DATA is None:
        loaded = tomllib.loads(datafiles.read_text("extra.toml"))
        if loaded.get("x") != 1:
            raise ValueError("extra.toml 的 x 应为 1")
        _DATA = loaded
    return _DATA
"""


@pytest.mark.parametrize(
    ("source", "value", "refused"),
    [
        (LOADER_OF_ANOTHER_STYLE, "1", None),
        (
            LOADER_OF_ANOTHER_STYLE,
            "2",
            "content/extra.toml: weiquan.extra._data failed: ValueError: extra.toml 的 x 应为 1",
        ),
        (
            MARKED_LOADER,
            "2",
            "content/extra.toml: extra.toml failed: ValueError: extra.toml 的 x 应为 1",
        ),
    ],
)
def test_a_new_loader_is_found_and_called(content, tmp_path, monkeypatch, source, value, refused):
    # A loader written the way the core's modules cache content (lru_cache, no arguments)
    # is found without marking; one with a cache of its own when marked. Their own error
    # types are reported with the file they were reading.
    package = tmp_path / "py" / "weiquan"
    shutil.copytree(build.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    (package / "extra.py").write_text(source, "utf-8")
    (content / "extra.toml").write_text(f"x = {value}\n", "utf-8")
    monkeypatch.setattr(build, "PACKAGE", package)
    if refused:
        assert refusal() == refused
    else:
        assert json.loads(build.check_content()["extra.toml.json"]) == {"x": 1}
