"""Precompressed delivery: the .br/.gz siblings build.py writes, and how serve.py serves them."""

from __future__ import annotations

import gzip
import http.client
import io
import os
import shutil
import zipfile
from pathlib import Path

import brotli
import pytest

import build
from buildtools import compress
from serve import accepted_encodings, serve_in_thread


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("c") / "dist"
    build.build(out, strict=True)
    return out


@pytest.fixture(scope="module")
def server(dist):
    srv, _url = serve_in_thread(dist)
    yield srv.server_address[1]
    srv.shutdown()


def originals(dist: Path) -> list[Path]:
    return [p for p in dist.rglob("*") if p.is_file() and not p.name.endswith((".br", ".gz"))]


def deflated_zip(path) -> bool:
    if not zipfile.is_zipfile(path):
        return False
    return zipfile.ZIP_DEFLATED in {i.compress_type for i in zipfile.ZipFile(path).infolist()}


def test_every_compressible_file_has_br_and_gz_that_decode_to_its_bytes(dist):
    checked = 0
    for path in originals(dist):
        rel = path.relative_to(dist).as_posix()
        if not compress.compressible(rel):
            assert not path.with_name(path.name + ".br").exists(), rel
            continue
        raw = path.read_bytes()
        br, gz = path.with_name(path.name + ".br"), path.with_name(path.name + ".gz")
        # Below 4 KB, or a zip deflated member by member, a file may gain too little.
        if len(raw) > 4096 and not deflated_zip(path):
            assert br.exists() and gz.exists(), rel
        if br.exists():
            assert brotli.decompress(br.read_bytes()) == raw, rel
            checked += 1
        if gz.exists():
            assert gzip.decompress(gz.read_bytes()) == raw, rel
    assert checked >= 10


def runtime_dir(dist: Path) -> Path:
    (folder,) = (dist / "pyodide").glob("runtime-*")
    return folder


def test_the_big_runtime_files_shrink_to_well_under_half(dist):
    runtime = runtime_dir(dist)
    for name in ("pyodide.asm.wasm", "python_stdlib.zip", "pyodide.asm.mjs"):
        raw = (runtime / name).stat().st_size
        assert (runtime / f"{name}.br").stat().st_size < 0.4 * raw, name
        assert (runtime / f"{name}.gz").stat().st_size < 0.4 * raw, name


def test_the_apps_stored_wheel_travels_compressed(dist):
    (wheel,) = (dist / "pyodide").glob("weiquan-*.whl")
    assert {i.compress_type for i in zipfile.ZipFile(wheel).infolist()} == {zipfile.ZIP_STORED}
    assert wheel.with_name(wheel.name + ".br").stat().st_size < 0.3 * wheel.stat().st_size


def test_deflated_wheels_images_and_headers_are_not_compressed_again(dist):
    # Jinja2's wheel is deflated member by member: brotli over it gains too little.
    deflated = list(dist.rglob("jinja2-*.whl"))
    assert deflated
    for path in [*deflated, *dist.rglob("*.png"), dist / "_headers"]:
        assert not path.with_name(path.name + ".br").exists(), path
        assert not path.with_name(path.name + ".gz").exists(), path


def test_stdlib_is_the_same_archive_with_members_stored_less_what_is_left_out(dist):
    original = zipfile.ZipFile(io.BytesIO(build_runtime()["python_stdlib.zip"]))
    stored = zipfile.ZipFile(runtime_dir(dist) / "python_stdlib.zip")

    def top(name: str) -> str:
        return name.split("/")[0].removesuffix(".py")

    kept = [i for i in original.infolist() if top(i.filename) not in build.STDLIB_LEFT_OUT]
    assert [i.filename for i in stored.infolist()] == [i.filename for i in kept]
    assert {top(i.filename) for i in original.infolist()} >= set(build.STDLIB_LEFT_OUT)
    assert len(kept) < len(original.infolist())
    assert {i.compress_type for i in stored.infolist()} == {zipfile.ZIP_STORED}
    for info in kept[::25]:
        assert stored.read(info.filename) == original.read(info), info.filename


def build_runtime() -> dict[str, bytes]:
    from buildtools import vendor as vendoring

    return vendoring.vendor(build.ROOT / "vendor.toml", build.DEFAULT_CACHE).runtime_files


def test_service_worker_precaches_the_originals_only(dist):
    sw = (dist / "sw.js").read_text()
    assert f"pyodide/{runtime_dir(dist).name}/pyodide.asm.wasm" in sw
    assert ".br" not in sw and ".gz" not in sw


def test_headers_file_tells_a_host_how_to_serve_the_siblings(dist):
    text = (dist / "_headers").read_text()
    assert "Content-Encoding" in text and "Vary: Accept-Encoding" in text


def test_compressed_outputs_are_cached_by_content(tmp_path):
    data = b"weiquan " * 4000
    first = compress.compressed(data, ".br", tmp_path)
    (cached,) = tmp_path.glob("*.br")
    cached.write_bytes(b"from the cache")  # a second call must not compress again
    assert compress.compressed(data, ".br", tmp_path) == b"from the cache"
    assert brotli.decompress(first) == data


def get(port: int, path: str, accept: str | None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Accept-Encoding": accept} if accept is not None else {}
    conn.request("GET", path, headers=headers)
    resp = conn.getresponse()
    body = resp.read()
    conn.close()
    return resp, body


@pytest.mark.parametrize(
    ("accept", "coding"),
    [
        ("gzip, deflate, br, zstd", "br"),
        ("gzip", "gzip"),
        ("br;q=0, gzip;q=0.8", "gzip"),
        ("identity", None),
        (None, None),
        ("*", "br"),
        ("*, br;q=0", "gzip"),
    ],
)
def test_serve_negotiates_accept_encoding(dist, server, accept, coding):
    raw = (runtime_dir(dist) / "pyodide.asm.wasm").read_bytes()
    resp, body = get(server, f"/pyodide/{runtime_dir(dist).name}/pyodide.asm.wasm", accept)
    assert resp.status == 200
    assert resp.getheader("Content-Type") == "application/wasm"
    assert resp.getheader("Content-Encoding") == coding
    assert resp.getheader("Vary") == "Accept-Encoding"
    assert int(resp.getheader("Content-Length")) == len(body)
    decoded = {"br": brotli.decompress, "gzip": gzip.decompress, None: bytes}[coding](body)
    assert decoded == raw


def test_serve_keeps_page_headers_on_compressed_html(server):
    resp, body = get(server, "/", "br")
    assert resp.getheader("Content-Encoding") == "br"
    assert resp.getheader("Content-Type").startswith("text/html")
    assert "default-src 'self'" in resp.getheader("Content-Security-Policy")
    assert "维权助手" in brotli.decompress(body).decode()


def test_serve_sends_files_without_siblings_plain(server, dist):
    (wheel,) = (dist / "pyodide").glob("jinja2-*.whl")
    resp, body = get(server, f"/pyodide/{wheel.name}", "br, gzip")
    assert resp.getheader("Content-Encoding") is None
    assert zipfile.ZipFile(io.BytesIO(body)).namelist()


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("br", {"br"}),
        ("gzip;q=1.0, br;q=0.5", {"gzip", "br"}),
        ("br;q=0", set()),
        ("", set()),
        ("*;q=0", set()),
        ("BR, GZip", {"br", "gzip"}),
    ],
)
def test_accepted_encodings(header, expected):
    assert accepted_encodings(header) == expected


def test_serve_follows_a_rebuilt_headers_file(dist, tmp_path):
    """`make build` beside a running `make serve` writes a new _headers (the CSP names the new
    inline script's hash); serving the old one would block that script."""
    site = tmp_path / "dist"
    shutil.copytree(dist, site)
    srv, _url = serve_in_thread(site)
    try:
        port = srv.server_address[1]
        before = get(port, "/", None)[0].getheader("Content-Security-Policy")
        headers = site / "_headers"
        headers.write_text(headers.read_text().replace("'sha256-", "'sha256-REBUILT"))
        stat = headers.stat()
        os.utime(headers, (stat.st_atime, stat.st_mtime + 5))
        after = get(port, "/", None)[0].getheader("Content-Security-Policy")
    finally:
        srv.shutdown()
    assert "'sha256-REBUILT" not in before
    assert "'sha256-REBUILT" in after


def _fill(cache: str) -> None:
    for n in range(150):
        compress.compressed(f"entry {n} ".encode() * 40, ".gz", Path(cache))


def test_two_builds_filling_the_same_cache_at_once_both_succeed(tmp_path):
    # The e2e workers each build a site; a file new to the cache is compressed by both at once.
    import multiprocessing

    workers = [multiprocessing.Process(target=_fill, args=(str(tmp_path),)) for _ in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert [w.exitcode for w in workers] == [0, 0]
    assert not list(tmp_path.glob("*.tmp"))
    assert len(list(tmp_path.glob("*.gz"))) == 150
