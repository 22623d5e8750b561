"""A case field is declared once (content/fields.toml), and one entry reaches everything.

The test adds a field to a copy of the declaration (and the label a pasted page shows it under
to a copy of content/paste.toml, which is that field's use) and then sees it where a person
would: a bad value is refused naming the field, the form draws the box with its label, a pasted
page fills it, the review step shows it where the form asks it, and a letter names it in
【待补充：…】 or shows its value.
"""

from __future__ import annotations

import re
from contextlib import ExitStack
from datetime import date
from pathlib import Path

import jinja2
import pytest
from weiquan import case, datafiles, describe, fields, letters, paste, review, situation
from weiquan.case import CaseError

import build

DISCOUNT = """
[field."order.discount"]
type = "money"
label = "抵扣的优惠金额（元）"
hint = "用了优惠券或积分抵扣的钱。"
screen = "order"
shown_when = [{ path = "merchant.marketplace", not_in = ["none"] }]
paste = true
letter = "优惠抵扣金额"
"""
# The Tmall page gains a label for it (after its first label, 订单编号).
PASTE_LABEL = """  confidence = 0.95

  [[source.label]]
  label = "积分抵扣"
  field = "order.discount"
  kind = "money"
"""
TMALL_PAGE = "天猫\n订单编号：3312345678901234567\n实付款：¥300.00\n积分抵扣：¥20.00\n"
# A letter that needs it: the fixture's own template, so the test does not hang on wording.
LETTER = '订单号：{{ L.need("order.id") }}\n优惠：{{ L.need("order.discount") }}\n'
TODAY = date(2026, 10, 1)


def _caches() -> list:
    return [fields._content, paste.vocabulary, situation._content]


@pytest.fixture
def declared(monkeypatch):
    """The field declaration, the paste pages and one letter read with the fixture's additions."""
    fields_text = datafiles.read_text(fields.FILE) + DISCOUNT
    paste_text = datafiles.read_text(paste.FILE).replace("  confidence = 0.95\n", PASTE_LABEL, 1)
    # The letters' environment caches compiled templates: start a fresh one.
    monkeypatch.setattr(letters, "_ENV", None)
    with ExitStack() as stack:
        for name, text in (
            (fields.FILE, fields_text),
            (paste.FILE, paste_text),
            ("letters/platform-email.j2", LETTER),
        ):
            stack.enter_context(datafiles.replaced(name, text))
        for cache in _caches():
            cache.cache_clear()
        yield
    for cache in _caches():
        cache.cache_clear()
    letters._ENV = None


def test_the_fixture_starts_from_a_declaration_without_the_field():
    assert "order.discount" not in fields.declaration().fields
    assert "order.discount" not in case.blank()["order"]


def test_validation_reads_the_declared_type(declared):
    kept = case.normalise({"problem": "invalid_key", "order": {"discount": "20"}})
    assert kept["order"]["discount"] == "20.00"  # read as money, like every money field
    assert case.blank()["order"]["discount"] == ""  # and present when not said
    with pytest.raises(CaseError) as refused:
        case.normalise({"problem": "invalid_key", "order": {"discount": "二十"}})
    (error,) = refused.value.errors
    assert error.field == "case.order.discount"
    assert "金额" in error.message  # the money reader's own Chinese message


def _step_html(screen: str) -> str:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(build.SITE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template(f"steps/{screen}.html").render(**build.core_ui_data())


def test_the_form_draws_the_declared_field_on_its_screen(declared):
    html = _step_html("order")
    assert '<label class="field__label" for="f-order-discount">抵扣的优惠金额（元）</label>' in html
    hint = '<p class="field__hint" id="f-order-discount-hint">用了优惠券或积分抵扣的钱。</p>'
    assert hint in html
    box = html[html.index('<input id="f-order-discount"') :].split(">", 1)[0]
    assert 'data-field="order.discount"' in box and 'inputmode="decimal"' in box
    # Drawn at the screen's first spot (no `place`), after the fields declared before it there.
    at = html.index('id="f-order-discount"')
    assert html.index('id="f-order-payer_name"') < at < html.index('id="payments-title"')
    # And the shell hides it where it does not apply.
    shown = describe.shell_data()["shown_when"]["order.discount"]
    assert shown == [
        {"path": "merchant.marketplace", "in": [m for m in case.MARKETPLACES if m != "none"]}
    ]


def test_a_pasted_page_fills_the_declared_field_under_its_name(declared):
    found = paste.api_paste({"text": TMALL_PAGE})
    filled = {item["field"]: item for item in found["fields"]}
    assert filled["order.discount"]["value"] == "20.00"
    assert filled["order.discount"]["field_label"] == "抵扣的优惠金额（元）"
    assert filled["order.amount"]["value"] == "300.00"  # the page's other labels still read


def test_a_letter_names_the_declared_field_or_shows_its_value(declared):
    missing = case.normalise({"problem": "invalid_key", "order": {"id": "A1"}})
    drafted = letters.draft(missing, "platform-email", TODAY)
    assert "优惠：【待补充：优惠抵扣金额】" in drafted.text
    assert "case.order.discount" in drafted.missing
    given = case.normalise({"problem": "invalid_key", "order": {"id": "A1", "discount": "20"}})
    assert "优惠：20.00" in letters.draft(given, "platform-email", TODAY).text


def _reviewed(kase: dict, screen: str) -> list[str]:
    return next(s["lines"] for s in review.review(kase)["screens"] if s["id"] == screen)


def test_the_review_shows_the_declared_field_where_the_form_asks_it(declared):
    kase = {"problem": "invalid_key", "merchant": {"marketplace": "taobao"}}
    kase["order"] = {"amount": "300.00", "discount": "20", "ordered_at": "2026-11-10T20:15"}
    # In the form's order: after the fields drawn before it, before those after the payments.
    assert _reviewed(kase, "order") == [
        "实付金额（元）：300.00",
        "抵扣的优惠金额（元）：20",
        "下单时间：2026年11月10日 20:15",
    ]
    kase["merchant"]["marketplace"] = "none"  # not asked: not reviewed, still in the case
    assert "抵扣的优惠金额（元）：20" not in _reviewed(kase, "order")


@pytest.mark.parametrize("screen", [s["id"] for s in fields.screens()])
def test_the_review_lists_a_screens_fields_in_the_order_the_form_draws_them(screen):
    drawn = dict.fromkeys(re.findall(r'data-field="([^"]+)"', _step_html(screen)))
    assert [f.path for f in review.fields_of(screen)] == list(drawn)


def test_the_declaration_is_read_again_once_the_fixture_is_gone():
    assert "order.discount" not in fields.declaration().fields
    assert Path(build.CONTENT / fields.FILE).is_file()
