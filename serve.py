"""Serve dist/ on 127.0.0.1 the way a static host would: the headers of dist/_headers,
`application/wasm` for wasm, and nothing from anywhere else.

    python serve.py [--port 8000] [--dir dist]
"""

from __future__ import annotations

import argparse
import contextlib
import fnmatch
import functools
import http.server
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


def headers_for(path: str, rules) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for pattern, headers in rules:
        if fnmatch.fnmatchcase(path, pattern):
            out.extend(headers)
    return out


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict] = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME}
    rules: ClassVar[list] = []
    quiet = False

    def end_headers(self):
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        for name, value in headers_for(path, self.rules):
            self.send_header(name, value)
        if not any(p != "/*" and fnmatch.fnmatchcase(path, p) for p, _ in self.rules):
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
        {"rules": parse_headers_file(headers_file.read_text()), "quiet": quiet},
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
