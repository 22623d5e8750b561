"""Precompressed delivery: a `.br` and a `.gz` beside every compressible file in dist/.

A static host (or serve.py) answers a request that accepts brotli or gzip with the sibling and
`Content-Encoding`, so a phone downloads about a third of the bytes. Brotli at quality 11 takes
close to a minute for the 9.6 MB wasm, so every compressed output is cached under its input's
sha256: a warm rebuild only reads files.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import tempfile
import zipfile
from pathlib import Path

import brotli

# What is worth compressing; images (png) and wheels (zip) are compressed already.
COMPRESSIBLE = (".wasm", ".mjs", ".js", ".css", ".html", ".json", ".webmanifest", ".svg")
# The recogniser's models (float weights: brotli saves ~10 %) and its character list.
COMPRESSIBLE += (".onnx", ".txt")
# A sibling is written only when it saves at least this share of the file: below that the
# extra request logic and disk space buy nothing.
MIN_GAIN = 0.05
ENCODINGS = {"br": ".br", "gzip": ".gz"}


def compressible(rel: str) -> bool:
    # Zips too: their members may be stored (the stdlib, the app's wheel); a deflated one
    # gains too little and gets no sibling.
    return rel.endswith(COMPRESSIBLE) or rel.endswith(("python_stdlib.zip", ".whl"))


def _brotli(data: bytes) -> bytes:
    return brotli.compress(data, quality=11)


def _gzip(data: bytes) -> bytes:
    # mtime=0: the same input always gives the same bytes (reproducible dist/).
    return gzip.compress(data, compresslevel=9, mtime=0)


CODECS = {".br": _brotli, ".gz": _gzip}


def cache_put(key: Path, data: bytes) -> None:
    """Write a cache entry whole or not at all. Two builds may fill the same entry at once (the
    e2e workers each build a site): each writes its own temporary file, and the last rename
    wins with identical bytes."""
    key.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=key.parent, prefix=key.name + ".", suffix=".tmp")
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    os.replace(tmp, key)


def compressed(data: bytes, suffix: str, cache: Path) -> bytes:
    """`data` compressed for `suffix` (.br/.gz), from the cache when it was done before."""
    key = cache / f"{hashlib.sha256(data).hexdigest()}{suffix}"
    if key.is_file():
        return key.read_bytes()
    out = CODECS[suffix](data)
    cache_put(key, out)
    return out


def siblings(outputs: dict[str, bytes | Path], cache: Path) -> dict[str, bytes]:
    """The `.br`/`.gz` files to add to dist/, for every compressible output that gains."""
    extra: dict[str, bytes] = {}
    for rel, data in outputs.items():
        if not compressible(rel):
            continue
        raw = data.read_bytes() if isinstance(data, Path) else data
        for suffix in CODECS:
            packed = compressed(raw, suffix, cache)
            if len(packed) <= len(raw) * (1 - MIN_GAIN):
                extra[rel + suffix] = packed
    return extra


def restore_stored(zip_bytes: bytes, left_out: tuple[str, ...] = ()) -> bytes:
    """The same zip with every member STORED (uncompressed), less the top-level modules and
    packages named in `left_out` ("unittest" leaves out unittest/ and unittest.py).

    Pyodide's python_stdlib.zip deflates each file separately, so brotli or gzip over it gains
    nothing (2.5 MB either way). Stored, the whole archive compresses as one stream: 1.6 MB with
    brotli, 2.2 MB with gzip. zipimport reads stored members directly (no inflate at import).
    """
    source = zipfile.ZipFile(io.BytesIO(zip_bytes))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as out:
        for info in source.infolist():
            if info.filename.split("/")[0].removesuffix(".py") in left_out:
                continue
            copy = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            copy.external_attr = info.external_attr
            copy.compress_type = zipfile.ZIP_STORED
            out.writestr(copy, source.read(info))
    return buf.getvalue()
