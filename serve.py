"""Serve dist/ on 127.0.0.1 the way a static host would: the headers of dist/_headers,
`application/wasm` for wasm, precompressed `.br`/`.gz` siblings to clients that accept them,
and nothing from anywhere else.

    python serve.py [--port 8000] [--dir dist]
"""

from __future__ import annotations

import argparse
import contextlib
import email.utils
import fnmatch
import functools
import http.server
import os
import sys
import threading
from pathlib import Path
from typing import ClassVar

MIME = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".webmanifest": "application/manifest+json",
    ".whl": "application/zip",
    ".zip": "application/zip",
    ".css": "text/css",
    ".html": "text/html; charset=utf-8",
    ".svg": "image/svg+xml",
}


def parse_headers_file(text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """Netlify/Cloudflare `_headers`: a path pattern line, then indented `Name: value` lines."""
    rules: list[tuple[str, list[tuple[str, str]]]] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), []))
        elif rules:
            name, _, value = line.strip().partition(":")
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


# Preferred first: brotli is smaller, gzip is what every client understands.
SIBLINGS = (("br", ".br"), ("gzip", ".gz"))


def accepted_encodings(header: str | None) -> set[str]:
    """Codings an Accept-Encoding header allows (q=0 refuses one; `*` allows the rest)."""
    allowed, refused, wildcard = set(), set(), False
    for part in (header or "").split(","):
        name, _, params = part.strip().partition(";")
        name = name.strip().lower()
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if not name:
            continue
        if name == "*":
            wildcard = q > 0
        elif q > 0:
            allowed.add(name)
        else:
            refused.add(name)
    if wildcard:
        allowed |= {c for c, _ in SIBLINGS} - refused
    return allowed


def headers_for(path: str, rules) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for pattern, headers in rules:
        if fnmatch.fnmatchcase(path, pattern):
            out.extend(headers)
    return out


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict] = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME}
    headers_file: ClassVar[Path]
    _rules: ClassVar[tuple[float, list]] = (-1.0, [])
    quiet = False

    def send_head(self):
        """A file with a `.br`/`.gz` sibling is sent as that sibling when the client accepts
        its coding; the Content-Type stays the original file's."""
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?", 1)[0].endswith("/"):
            path = os.path.join(path, "index.html")
        if not os.path.isfile(path):
            return super().send_head()
        codings = accepted_encodings(self.headers.get("Accept-Encoding"))
        variants = [(c, path + ext) for c, ext in SIBLINGS if os.path.isfile(path + ext)]
        if not variants:
            return super().send_head()
        coding, chosen = next(((c, p) for c, p in variants if c in codings), (None, path))
        try:
            f = open(chosen, "rb")  # noqa: SIM115 (handed to the base class, which closes it)
        except OSError:
            self.send_error(404, "File not found")
            return None
        stat = os.fstat(f.fileno())
        if self.not_modified_since(stat.st_mtime):
            f.close()
            self.send_response(304)
            self.send_header("Vary", "Accept-Encoding")
            self.end_headers()
            return None
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        if coding:
            self.send_header("Content-Encoding", coding)
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(stat.st_size))
        self.send_header("Last-Modified", self.date_time_string(stat.st_mtime))
        self.end_headers()
        return f

    def not_modified_since(self, mtime: float) -> bool:
        since = self.headers.get("If-Modified-Since")
        if not since or self.headers.get("If-None-Match"):
            return False
        try:
            when = email.utils.parsedate_to_datetime(since)
        except (TypeError, ValueError, IndexError, OverflowError):
            return False
        return when is not None and int(mtime) <= when.timestamp()

    @property
    def rules(self) -> list:
        """dist/_headers, read again when a rebuild rewrote it: the page's CSP names the hash of
        its inline script, so a stale copy would block that script after `make build`."""
        cls = type(self)
        mtime = self.headers_file.stat().st_mtime
        if cls._rules[0] != mtime:
            cls._rules = (mtime, parse_headers_file(self.headers_file.read_text()))
        return cls._rules[1]

    def end_headers(self):
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        rules = self.rules
        for name, value in headers_for(path, rules):
            self.send_header(name, value)
        if not any(p != "/*" and fnmatch.fnmatchcase(path, p) for p, _ in rules):
            self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format, *args):
        if not self.quiet:
            super().log_message(format, *args)


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A browser that navigates away mid-download closes the socket: not a server fault.
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


def make_server(directory: Path, port: int = 8000, quiet: bool = False):
    headers_file = directory / "_headers"
    if not headers_file.is_file():
        raise SystemExit(f"{headers_file} is missing: run `make build` first.")
    handler = type(
        "DistHandler",
        (Handler,),
        {"headers_file": headers_file, "quiet": quiet},
    )
    bound = functools.partial(handler, directory=str(directory))
    return Server(("127.0.0.1", port), bound)


def serve_in_thread(directory: Path, port: int = 0):
    """Start a quiet server on a free port; returns (server, base URL). For tests and bench."""
    server = make_server(directory, port, quiet=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--dir", type=Path, default=Path(__file__).resolve().parent / "dist")
    args = parser.parse_args(argv)
    server = make_server(args.dir, args.port)
    print(f"serving {args.dir} on http://127.0.0.1:{args.port}  (Ctrl+C stops)")
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
