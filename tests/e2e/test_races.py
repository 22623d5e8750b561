"""Answers that arrive late or out of order never leave a screen blank or stale.

The worker's replies are held and released on purpose, and the page's clock is paused, so the
interleavings a slow phone produces by chance happen every run."""

from __future__ import annotations

from datetime import datetime, timedelta

from .helpers import choose_problem, fill, go, held, hold_replies, release, wait_quiet, wait_ready


def paused_intake(page, base_url):
    """A ready page on the order screen with a problem chosen and the page's clock paused."""
    page.clock.install()
    hold_replies(page)
    go(page, base_url, "#/case/problem")
    wait_ready(page)
    choose_problem(page, "invalid_key")
    page.click("a[href='#/case/order']")
    page.wait_for_selector("[data-step='order']:not([hidden])")
    now = datetime.fromtimestamp(page.evaluate("Date.now()") / 1000)
    # Jumping ahead fires the re-check that ticking the problem scheduled; its answer (and the
    # order screen's own check) must be in before the test starts holding replies, or a slow
    # machine's late answer is held too and counted as the test's own.
    page.clock.pause_at(now + timedelta(seconds=1))
    wait_quiet(page)


def test_an_edit_then_a_tap_on_the_dashboard_draws_the_dashboard(open_page, base_url):
    page, _ = open_page()
    paused_intake(page, base_url)
    page.evaluate("() => window.__holdCalls.add('check')")
    # Typing schedules the intake's re-check 200 ms later; the tap asks for the dashboard now.
    fill(page, "order.id", "3391028847561203")
    page.click(".appnav a[href='#/dashboard']")
    page.wait_for_function("() => window.__held.length >= 1")
    # The re-check's moment passes while the dashboard's answer is still on its way: a re-check
    # that outlived its screen would overtake it here.
    page.clock.run_for(1000)
    release(page)
    page.wait_for_selector("#dashboard[data-state='drawn'] .stage")
    assert page.locator("#dashboard .next-step").count() >= 1


def test_a_late_answer_for_the_intake_does_not_touch_the_dashboard(open_page, base_url):
    page, _ = open_page()
    paused_intake(page, base_url)
    page.evaluate("() => window.__holdCalls.add('check')")
    # Leave the intake while its own check is still out, then open the dashboard.
    fill(page, "order.id", "3391028847561203")
    page.clock.run_for(1000)
    page.wait_for_function("() => window.__held.length >= 1")
    page.click(".appnav a[href='#/dashboard']")
    page.wait_for_function("() => window.__held.length >= 2")
    assert held(page) == ["check", "check"]
    release(page)
    page.wait_for_selector("#dashboard[data-state='drawn'] .stage")
    # The intake's answer came back off screen and changed nothing there.
    assert page.locator("[data-view='case']").is_hidden()


def test_each_dashboard_visit_ends_drawn_even_when_answers_come_back_together(open_page, base_url):
    page, _ = open_page()
    paused_intake(page, base_url)
    page.evaluate("() => window.__holdCalls.add('check')")
    for _ in range(2):
        page.click(".appnav a[href='#/dashboard']")
        page.click(".appnav a[href='#/case']")
    page.click(".appnav a[href='#/dashboard']")
    page.wait_for_function("() => window.__held.length >= 3")
    release(page)
    page.wait_for_selector("#dashboard[data-state='drawn'] .stage")
