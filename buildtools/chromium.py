"""How the tests and the bench start Chromium, in one place."""

from __future__ import annotations

import os
import shutil

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
