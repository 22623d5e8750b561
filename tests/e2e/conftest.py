"""Browser tests: real Chromium driven by Playwright against a freshly built dist/.

Every page fails its test on a request to any other origin and on any console error.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

import build
from serve import serve_in_thread
from tests.browser import LAUNCH_ARGS, Watch, chromium_path

ROOT = Path(__file__).resolve().parents[2]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
LOW_MEMORY_DEVICE = (
    "Object.defineProperty(Navigator.prototype, 'deviceMemory', {get: () => 1, configurable: true})"
)


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def dist(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "dist"
    build.build(out, strict=True)
    return out


@pytest.fixture(scope="session")
def base_url(dist):
    server, url = serve_in_thread(dist)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=chromium_path(),
            args=LAUNCH_ARGS,
        )
        yield b
        b.close()


def new_context(browser, snapshot: bool = False, **options):
    """A fresh browser context (zh-CN, desktop unless told) for every test that makes its own.

    Unless `snapshot`, it presents as a phone with under 2 GB (navigator.deviceMemory), which
    the app spares the background boot of a second Pyodide that saves a snapshot after ready:
    that boot doubles the suite's CPU on 2 cores, and its requests (the wheels revalidated)
    land in tests that count requests. The tests about snapshots ask for one."""
    context = browser.new_context(**{"viewport": DESKTOP, "locale": "zh-CN", **options})
    if not snapshot:
        context.add_init_script(LOW_MEMORY_DEVICE)
    return context


@pytest.fixture
def open_page(browser, base_url):
    """open_page(viewport=..., js=True) -> (page, watch); checked when the test ends."""
    opened = []

    def _open(viewport=DESKTOP, js=True, path="/", snapshot=False, **options):
        context = new_context(
            browser, snapshot, viewport=viewport, java_script_enabled=js, **options
        )
        watch = Watch(base_url)
        context.route("**/*", watch.route)
        page = context.new_page()
        page.on("console", watch.console)
        page.on("pageerror", lambda e: watch.errors.append(f"pageerror: {e}"))
        opened.append((context, watch))
        return page, watch

    yield _open
    for context, watch in opened:
        context.close()
        watch.check()
