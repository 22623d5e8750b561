"""build.py: what it writes, that every hash in the lockfile is true, and how it refuses."""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from pathlib import Path

import pytest

import build
from buildtools import vendor as vendoring
from buildtools.errors import BuildError

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("b") / "dist"
    build.build(out, strict=True)
    return out


def lockfile(dist: Path) -> dict:
    (path,) = (dist / "pyodide").glob("app-lock.*.json")
    return json.loads(path.read_text())


def test_dist_has_the_page_the_runtime_and_the_headers(dist):
    for rel in [
        "index.html",
        "_headers",
    ]:
        assert (dist / rel).is_file(), rel
    (runtime,) = (dist / "pyodide").glob("runtime-*")
    for name in ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"]:
        assert (runtime / name).is_file(), name
    # Only the core runtime is copied: no consoles, typings or source maps.
    assert not list((dist / "pyodide").glob("*.html")) and not list(dist.rglob("*.map"))


def test_every_wheel_in_the_lockfile_exists_with_its_hash(dist):
    lock = lockfile(dist)
    assert set(lock["packages"]) == {"weiquan", "jinja2", "markupsafe"}
    for name, entry in lock["packages"].items():
        data = (dist / "pyodide" / entry["file_name"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], name
        assert entry["file_name"].endswith("-py3-none-any.whl"), name
    # The worker boots with the app's wheel alone and loads the template engine after it is
    # ready (site/worker.js warmUp): loadPackage(["jinja2"]) must bring MarkupSafe with it.
    assert lock["packages"]["weiquan"]["depends"] == []
    assert lock["packages"]["jinja2"]["depends"] == ["markupsafe"]


def test_markupsafe_is_pure_python(dist):
    entry = lockfile(dist)["packages"]["markupsafe"]
    names = zipfile.ZipFile(dist / "pyodide" / entry["file_name"]).namelist()
    assert "markupsafe/_native.py" in names
    assert not [n for n in names if n.endswith((".so", ".c", ".pyd"))]


def test_app_wheel_carries_the_core_and_its_data(dist):
    entry = lockfile(dist)["packages"]["weiquan"]
    names = set(zipfile.ZipFile(dist / "pyodide" / entry["file_name"]).namelist())
    assert {
        "weiquan/api.py",
        "weiquan/_content/holidays.toml.json",
        "weiquan/_content/rules.toml.json",
        "weiquan/_content/letters/civil-complaint.j2",
    } <= names


def test_assets_are_content_hashed_and_referenced(dist):
    html = (dist / "index.html").read_text()
    refs = re.findall(r'(?:href|src|data-worker)="(assets/[^"]+)"', html)
    assert len(refs) >= 3
    for ref in refs:
        data = (dist / ref).read_bytes()
        digest = re.search(r"\.([0-9a-f]{10})\.\w+$", ref)[1]
        assert hashlib.sha256(data).hexdigest().startswith(digest), ref
    (worker,) = (dist / "assets").glob("worker.*.js")
    (lock,) = (dist / "pyodide").glob("app-lock.*.json")
    assert lock.name in worker.read_text() and "%%" not in worker.read_text()


OFFICIAL_SITES = {
    "flk.npc.gov.cn",
    "www.court.gov.cn",
    "court.gov.cn",
    "www.samr.gov.cn",
    "samr.gov.cn",
    "www.12315.cn",
    "12315.cn",
    "www.gsxt.gov.cn",
    "gsxt.gov.cn",
}


def test_page_loads_nothing_from_another_origin(dist):
    html = (dist / "index.html").read_text()
    loads = re.findall(r"<(?:script|link|img|iframe|source|audio|video|embed)\b[^>]*>", html)
    assert loads and not [t for t in loads if re.search(r'(?:src|href)="(?:https?:)?//', t)]
    # Other origins appear only as links a person follows, to official sources.
    linked = set(re.findall(r'<a [^>]*href="https?://([^/"]+)', html))
    assert linked <= OFFICIAL_SITES, linked - OFFICIAL_SITES
    headers = (dist / "_headers").read_text()
    assert "script-src 'self' 'wasm-unsafe-eval'" in headers and "connect-src 'self'" in headers


def test_rebuild_is_byte_identical(dist, tmp_path):
    again = tmp_path / "dist"
    build.build(again, strict=True)
    first = {p.relative_to(dist): p.read_bytes() for p in dist.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first == second


# ---------------------------------------------------------------- refusals


def test_broken_guide_file_fails_naming_the_file_and_keeps_old_dist(tmp_path, monkeypatch):
    content = tmp_path / "content"
    (content / "guide").mkdir(parents=True)
    bad = content / "guide" / "broken.md"
    bad.write_text("no front matter here\n", "utf-8")
    monkeypatch.setattr(build, "CONTENT", content)
    out = tmp_path / "dist"
    out.mkdir()
    (out / "index.html").write_text("previous good build")
    with pytest.raises(BuildError, match=re.escape(str(bad))):
        build.build(out)
    assert (out / "index.html").read_text() == "previous good build"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".dist")] == []


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("---\ntitle: 无 slug\norder: 1\nsummary: x\n---\n正文", "lacks 'slug'"),
        ("---\nslug: a\ntitle: t\norder: one\nsummary: x\n---\n正文", "not a whole number"),
        ("---\nslug: a\ntitle: t\norder: 1\nsummary: x\n", "never closed"),
        ("---\nslug: a\ntitle: t\n正文\n---\n", "not 'key: value'"),
        ("---\nslug: A B\ntitle: t\norder: 1\nsummary: x\n---\n", "may use only"),
    ],
)
def test_bad_front_matter_is_explained(tmp_path, text, where):
    (tmp_path / "x.md").write_text(text, "utf-8")
    with pytest.raises(BuildError, match=where) as err:
        build.gather_guide(tmp_path, [])
    assert str(tmp_path / "x.md") in str(err.value)


def test_strict_mode_fails_on_a_link_to_a_missing_chapter(tmp_path, monkeypatch):
    content = tmp_path / "content"
    (content / "guide").mkdir(parents=True)
    (content / "guide" / "a.md").write_text(
        "---\nslug: a\ntitle: 甲\norder: 1\nsummary: 摘要\n---\n见[乙](#guide-b)。\n", "utf-8"
    )
    monkeypatch.setattr(build, "CONTENT", content)
    with pytest.raises(BuildError, match="guide-b"):
        build.build(tmp_path / "dist", strict=True)


def test_broken_template_names_file_and_line(tmp_path, monkeypatch):
    site = tmp_path / "site"
    (site / "templates").mkdir(parents=True)
    for f in build.SITE.iterdir():
        if f.is_file():
            (site / f.name).write_bytes(f.read_bytes())
    (site / "templates" / "index.html").write_text("<p>\n{% for x in %}\n</p>")
    monkeypatch.setattr(build, "SITE", site)
    with pytest.raises(BuildError, match=r"index\.html:2"):
        build.build(tmp_path / "dist")
    assert not (tmp_path / "dist").exists()


# ---------------------------------------------------------------- vendoring


@pytest.fixture
def pins(tmp_path) -> Path:
    path = tmp_path / "vendor.toml"
    path.write_text((ROOT / "vendor.toml").read_text())
    return path


def warm_cache(tmp_path) -> Path:
    """A private copy of the shared cache, so tests can damage it."""
    shared = ROOT / ".cache" / "vendor"
    vendoring.vendor(ROOT / "vendor.toml", shared)
    cache = tmp_path / "cache"
    cache.mkdir()
    for f in shared.iterdir():
        if f.is_file():
            (cache / f.name).write_bytes(f.read_bytes())
    return cache


def test_warm_cache_needs_no_network(pins, tmp_path, monkeypatch):
    cache = warm_cache(tmp_path)

    def offline(*a, **k):
        raise AssertionError("the build went to the network with a warm cache")

    monkeypatch.setattr(vendoring, "fetch_npm_tarball", offline)
    monkeypatch.setattr(vendoring, "pip_download", offline)
    vendored = vendoring.vendor(pins, cache)
    assert {w.name for w in vendored.wheels} == {"jinja2", "markupsafe"}


def test_damaged_cached_file_is_fetched_again_and_rejected_if_still_wrong(
    pins, tmp_path, monkeypatch
):
    cache = warm_cache(tmp_path)
    wheel = cache / "jinja2-3.1.6-py3-none-any.whl"
    wheel.write_bytes(b"tampered")
    fetched = []

    def registry_serves_a_wrong_file(name, version, sha256, binary, dest):
        fetched.append(name)
        dest.write_bytes(b"still wrong")

    monkeypatch.setattr(vendoring, "pip_download", registry_serves_a_wrong_file)
    with pytest.raises(BuildError, match="does not match its pinned sha256"):
        vendoring.vendor(pins, cache)
    assert fetched == ["jinja2"] and not wheel.exists()


def test_missing_npm_with_cold_cache_says_what_to_install(pins, tmp_path, monkeypatch):
    monkeypatch.setattr(vendoring.shutil, "which", lambda name: None)
    with pytest.raises(BuildError, match=r"npm was not found.*install Node\.js"):
        vendoring.vendor(pins, tmp_path / "empty-cache")


def test_offline_with_cold_cache_says_to_connect_once(pins, tmp_path, monkeypatch):
    fake_npm = tmp_path / "npm"
    fake_npm.write_text("#!/bin/sh\necho 'npm error code ENOTFOUND' >&2\nexit 1\n")
    fake_npm.chmod(0o755)
    monkeypatch.setattr(vendoring.shutil, "which", lambda name: str(fake_npm))
    with pytest.raises(BuildError, match=r"could not fetch pyodide@314\.0\.7.*ENOTFOUND"):
        vendoring.vendor(pins, tmp_path / "empty-cache")


def test_cli_reports_one_sentence_and_exit_1(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(vendoring.shutil, "which", lambda name: None)
    code = build.main(["--out", str(tmp_path / "dist"), "--cache", str(tmp_path / "c")])
    err = capsys.readouterr().err
    assert code == 1 and err.startswith("build failed: npm was not found")
    assert "Traceback" not in err
