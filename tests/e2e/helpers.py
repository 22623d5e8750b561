"""What every browser test does the same way: wait for Python, move between screens, fill the
intake, pick a problem. One place, so a change to the page changes one helper."""

from __future__ import annotations

PROBLEM_BUTTONS = "button[data-problem]"


def wait_ready(page, timeout=60_000):
    page.wait_for_selector("html[data-py='ready']", timeout=timeout)


def go(page, base_url, route="#/"):
    page.goto(f"{base_url}/{route}")


def goto_route(page, route: str):
    """Change screens inside the running page (no reload), as a tap on a link does."""
    page.evaluate("route => { location.hash = route; }", route)


def wait_saved(page, text):
    """Wait until a stored case holds `text` (the autosave is debounced)."""
    page.wait_for_function(
        "t => Object.keys(localStorage).some(k => k.startsWith('weiquan:case:')"
        " && localStorage.getItem(k).includes(t))",
        arg=text,
    )


def fill(page, field, value):
    """Type into the case field bound to `field` (a path such as "order.amount")."""
    page.fill(f"[data-field='{field}']", value)


def choose_problem(page, problem: str):
    """Tick a problem type on the intake's first step."""
    page.check(f"input[name='problem'][value='{problem}']")


def pick_problem(page, problem: str):
    """Press a problem on the home screen and wait for Python's evidence checklist."""
    page.click(f"{PROBLEM_BUTTONS}[data-problem='{problem}']")
    page.wait_for_selector(f"#checklist[data-problem='{problem}'] .evidence")
