"""A case saved by this version opens in the next one, through Python's migration, unchanged.

The next version is synthetic: the built core gets CURRENT_VERSION + 1 and an upgrade step that
changes nothing else, whatever the current version is."""

from __future__ import annotations

import json
import shutil

import pytest
from weiquan import case as case_model

import build
from serve import serve_in_thread

from .conftest import Watch, new_context
from .helpers import (
    choose_problem,
    fill,
    go,
    hold_replies,
    release,
    swap_site,
    wait_ready,
    wait_saved,
)

BUMP = b"""

# test only: the next format version, whose upgrade changes nothing but the number
def _synthetic_upgrade(doc):
    return {**doc, "version": doc["version"] + 1}


UPGRADES[CURRENT_VERSION] = _synthetic_upgrade
CURRENT_VERSION += 1
"""

STORED = """() => {
  const index = JSON.parse(localStorage.getItem('weiquan:index'));
  return localStorage.getItem('weiquan:case:' + index.current);
}"""


def without_saved_at(raw: str) -> dict:
    doc = json.loads(raw)
    doc.pop("savedAt")
    return doc


@pytest.fixture(scope="module")
def next_version_site(tmp_path_factory):
    """dist/ built from a core one format version ahead (the wheel and the page's JSON)."""
    real_wheel = build.build_wheel

    def wheel(name, version, files, **kwargs):
        if name == "weiquan":
            files = {**files, "weiquan/case.py": files["weiquan/case.py"] + BUMP}
        return real_wheel(name, version, files, **kwargs)

    now = case_model.CURRENT_VERSION
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(build, "build_wheel", wheel)
        mp.setattr(case_model, "CURRENT_VERSION", now + 1)
        mp.setitem(case_model.UPGRADES, now, lambda doc: {**doc, "version": doc["version"] + 1})
        out = tmp_path_factory.mktemp("next") / "dist"
        build.build(out, strict=True)
    return out


def test_a_case_saved_before_a_format_change_opens_after_it_unchanged(
    browser, dist, next_version_site, tmp_path
):
    now = case_model.CURRENT_VERSION
    served = tmp_path / "served"
    shutil.copytree(dist, served)
    server, url = serve_in_thread(served)
    context = new_context(browser, service_workers="block")
    watch = Watch(url)
    context.route("**/*", watch.route)
    try:
        page = context.new_page()
        page.on("console", watch.console)
        page.on("pageerror", lambda e: watch.errors.append(f"pageerror: {e}"))
        hold_replies(page, "migrate")
        go(page, url, "#/case/problem")
        wait_ready(page)
        choose_problem(page, "late_reissue")
        page.click("a[href='#/case/order']")
        fill(page, "order.id", "KM-20261105-77")
        fill(page, "order.amount", "128.5")  # kept as typed, not as Python would write it
        page.click("a[href='#/case/facts']")
        fill(page, "facts", "客服承诺24小时内补单，至今未到。")
        wait_saved(page, "至今未到")
        before = page.evaluate(STORED)
        assert json.loads(before)["version"] == now

        swap_site(served, next_version_site)
        page.click("a[href='#/case/order']")
        page.reload()
        wait_ready(page)
        assert (
            page.evaluate(
                "() => JSON.parse(document.getElementById('shell-data').textContent).version"
            )
            == now + 1
        )
        # Python has the case but has not answered: it shows, read-only, and stays as stored.
        page.wait_for_function("() => window.__held.length === 1")
        assert page.is_disabled("[data-field='order.id']")
        assert page.input_value("[data-field='order.id']") == "KM-20261105-77"
        assert "旧版本" in page.locator("#storage-notice").inner_text()
        # Leaving the old page flushed the last keystroke: the same case, a later savedAt.
        stored = page.evaluate(STORED)
        assert without_saved_at(stored) == without_saved_at(before)

        assert release(page) == ["migrate"]
        page.wait_for_selector("[data-field='order.id']:enabled")
        assert page.input_value("[data-field='order.id']") == "KM-20261105-77"
        assert page.input_value("[data-field='order.amount']") == "128.5"
        page.click("a[href='#/case/facts']")
        assert page.input_value("#f-facts") == "客服承诺24小时内补单，至今未到。"
        page.click("a[href='#/case/problem']")
        assert page.is_checked("input[name='problem'][value='late_reissue']")
        # Opening changed nothing stored; the first edit saves it in the new version.
        assert page.evaluate(STORED) == stored
        page.click("a[href='#/case/order']")
        fill(page, "order.item", "某游戏 128 元点卡")
        wait_saved(page, "某游戏 128 元点卡")
        after = json.loads(page.evaluate(STORED))
        assert after["version"] == now + 1
        kept = json.loads(before)["case"]
        assert after["case"]["order"] == {**kept["order"], "item": "某游戏 128 元点卡"}
        assert (
            after["case"]["facts"] == kept["facts"] and after["case"]["problem"] == "late_reissue"
        )
    finally:
        context.close()
        server.shutdown()
    watch.check()
