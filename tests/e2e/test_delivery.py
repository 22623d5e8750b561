"""Delivery as a first visit sees it: compressed bytes, and the runtime's downloads started by the
page's preloads and reused by the worker, each file fetched once.

These contexts observe requests instead of intercepting them: interception turns Chromium's HTTP
cache off, which is what lets the worker reuse the page's preloads.
"""

from __future__ import annotations

import collections
import functools
import threading

import pytest

from serve import make_server
from tests.browser import Watch

from .conftest import new_context
from .helpers import wait_ready


@pytest.fixture
def counting_server(dist):
    """serve.py on a free port, counting the requests that reach it by path."""
    server = make_server(dist, 0, quiet=True)
    bound = server.RequestHandlerClass
    hits: collections.Counter = collections.Counter()

    class Counting(bound.func):
        def send_head(self):
            hits[self.path.split("?", 1)[0]] += 1
            return super().send_head()

    server.RequestHandlerClass = functools.partial(Counting, **bound.keywords)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()


@pytest.fixture
def first_visit(browser, counting_server):
    """A fresh visitor (empty caches, no service worker): (page, hits at ready, responses)."""
    base, hits = counting_server
    context = new_context(browser)
    # As in a browser without service workers: their precache revalidates every file after
    # ready, by design, which would blur the count.
    context.add_init_script("delete Navigator.prototype.serviceWorker")
    watch = Watch(base)
    context.on("request", watch.observe)
    responses = []
    context.on("response", lambda r: responses.append(r))  # the worker's too
    page = context.new_page()
    page.on("console", watch.console)
    page.on("pageerror", lambda e: watch.errors.append(f"pageerror: {e}"))
    page.goto(base + "/")
    wait_ready(page)
    at_ready = dict(hits)
    yield page, at_ready, responses
    context.close()
    watch.check()


def test_each_runtime_file_is_fetched_once_though_page_and_worker_both_ask(first_visit):
    page, hits, _ = first_visit
    runtime = [p for p in hits if p.startswith("/pyodide/")]
    assert {p.rsplit("/", 1)[-1] for p in runtime} >= {"pyodide.asm.wasm", "python_stdlib.zip"}
    assert any(p.endswith(".whl") for p in runtime)
    # What both the page (preloads) and the worker ask for.
    worker = "/" + page.get_attribute("html", "data-worker")
    shared = {p: n for p, n in hits.items() if p.startswith("/pyodide/") or p == worker}
    twice = {p: n for p, n in shared.items() if n > 1}
    assert not twice, f"fetched more than once: {twice}"
    # The page's preloads started these (the worker's own requests found them under way).
    started_by = page.evaluate(
        """() => Object.fromEntries(performance.getEntriesByType("resource")
             .map((e) => [new URL(e.name).pathname.split("/").pop(), e.initiatorType]))"""
    )
    # (In the page's own timeline at all means the page fetched them, not only the worker.)
    for name in ("pyodide.mjs", worker.rsplit("/", 1)[-1]):
        assert name in started_by, started_by
    assert any(n.startswith("app-lock.") and i == "link" for n, i in started_by.items())


def test_the_runtime_arrives_compressed_and_decodes_to_the_same_bytes(first_visit, dist):
    page, _, responses = first_visit
    (runtime,) = (dist / "pyodide").glob("runtime-*")
    for name in ("pyodide.asm.wasm", "python_stdlib.zip", "pyodide.asm.mjs"):
        response = next(r for r in responses if r.url.endswith(f"/{runtime.name}/{name}"))
        assert response.headers.get("content-encoding") == "br", name
        on_wire = response.request.sizes()["responseBodySize"]
        assert on_wire == (runtime / f"{name}.br").stat().st_size, name
        assert response.body() == (runtime / name).read_bytes(), name
    page_sizes = page.evaluate(
        """() => { const n = performance.getEntriesByType("navigation")[0];
                   return [n.encodedBodySize, n.decodedBodySize]; }"""
    )
    assert page_sizes[0] < page_sizes[1] / 2, page_sizes


def test_the_page_without_compression_support_still_works(browser, counting_server):
    base, _ = counting_server
    plain = {"Accept-Encoding": "identity"}
    context = new_context(browser, extra_http_headers=plain)
    watch = Watch(base)
    context.on("request", watch.observe)
    page = context.new_page()
    page.on("console", watch.console)
    responses = []
    context.on("response", lambda r: responses.append(r))
    page.goto(base + "/")
    wait_ready(page)
    wasm = [r for r in responses if r.url.endswith("/pyodide.asm.wasm")]
    assert wasm and all("content-encoding" not in r.headers for r in wasm)
    context.close()
    watch.check()
