"""How the browser tests and the bench start Chromium and guard the page's origin, in one place."""

from __future__ import annotations

import os
import shutil
from urllib.parse import urlsplit

# Without the background-networking flags Chromium calls home at start, which a closed network
# refuses (and which the origin checks would rightly flag).
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def chromium_path() -> str | None:
    """Prefer an explicit or distribution Chromium; None lets Playwright use its own download."""
    explicit = os.environ.get("WEIQUAN_CHROMIUM")
    if explicit:
        return explicit
    return shutil.which("chromium") or shutil.which("chromium-browser")


class Watch:
    """Collects what a test must not see: other origins, console errors, page errors."""

    def __init__(self, origin: str):
        self.origin = origin
        self.foreign: list[str] = []
        self.errors: list[str] = []
        self.seen: list[str] = []
        self.allowed_errors: list[str] = []

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme in {"data", "blob"} or f"{parts.scheme}://{parts.netloc}" == self.origin

    def route(self, route):
        """For context.route: a request to another origin is recorded and aborted."""
        url = route.request.url
        self.seen.append(url)
        if self.allowed(url):
            route.fallback()
        else:
            self.foreign.append(url)
            route.abort()

    def observe(self, request):
        """For context.on("request"): records without intercepting. Interception turns
        Chromium's HTTP cache off, so a worker could no longer reuse the page's preloads; use
        this where that matters (the bench, the delivery tests) and fail on `foreign` after."""
        self.seen.append(request.url)
        if not self.allowed(request.url):
            self.foreign.append(request.url)

    def console(self, msg):
        if msg.type == "error":
            self.errors.append(msg.text)

    def check(self):
        assert not self.foreign, f"requests left the page's origin: {self.foreign}"
        unexpected = [e for e in self.errors if not any(a in e for a in self.allowed_errors)]
        assert not unexpected, f"console errors: {unexpected}"
