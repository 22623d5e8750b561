"""Case format v2 in the browser: v2 files import, their claim warnings show, bad v2 fields are
named field by field, and a v1 file still opens (through case.migrate in the worker)."""

from __future__ import annotations

import json
from pathlib import Path

from .helpers import go, wait_ready

CASES = Path(__file__).parents[1] / "unit" / "cases"


def _import(page, path: Path) -> None:
    page.set_input_files("#case-import", str(path))


def test_v2_and_v1_files_import_and_show_what_the_core_says(open_page, base_url, tmp_path):
    page, _ = open_page()
    go(page, base_url, "#/cases")
    wait_ready(page)
    v2 = json.loads((CASES / "25_private_wechat_seller_not_delivered.json").read_text("utf-8"))
    v2.pop("expect")
    # A shop clause read against content/clauses.toml, which the app wheel must carry.
    v2["case"]["rules"] = [{"text": "代充一经下单概不退款", "stance": "supports"}]
    path = tmp_path / "微信卖家.json"
    path.write_text(json.dumps(v2, ensure_ascii=False), "utf-8")
    _import(page, path)
    page.wait_for_function(
        "() => document.getElementById('cases-status').textContent.includes('已导入')"
    )
    go(page, base_url, "#/dashboard")
    warning = page.locator("#dashboard li[data-code='damages-vs-individual']")
    warning.wait_for()
    assert "经营者" in warning.inner_text()
    unfair = page.locator("#dashboard li[data-code='unfair-clause']")
    assert "排除退款" in unfair.inner_text()

    v1 = json.loads((CASES / "08_vanished_fraud_none.json").read_text("utf-8"))
    v1.pop("expect")
    path = tmp_path / "旧版.json"
    path.write_text(json.dumps(v1, ensure_ascii=False), "utf-8")
    go(page, base_url, "#/cases")
    _import(page, path)
    page.wait_for_function(
        "() => document.getElementById('cases-status').textContent.includes('旧版')"
    )
    go(page, base_url, "#/dashboard")
    page.wait_for_selector("#dashboard .next-step")


def test_bad_v2_fields_are_named_and_nothing_is_imported(open_page, base_url, tmp_path):
    page, _ = open_page()
    go(page, base_url, "#/cases")
    wait_ready(page)
    before = page.locator("#case-list li").count()
    bad = tmp_path / "bad.json"
    body = {
        "problem": "revoked",
        "merchant": {"kind": "company"},
        "order": {"amount": "500.00", "payments": [{"amount": "300"}, {"amount": "150"}]},
        "contacts": [{"channel": "police", "party": "cops"}],
    }
    bad.write_text(
        json.dumps({"format": "weiquan-case", "version": 2, "case": body}, ensure_ascii=False),
        "utf-8",
    )
    _import(page, bad)
    page.wait_for_selector("#import-errors li[data-field]")
    fields = page.eval_on_selector_all(
        "#import-errors li[data-field]", "els => els.map(e => e.dataset.field)"
    )
    assert set(fields) == {"case.merchant.kind", "case.order.amount", "case.contacts[0].party"}
    text = page.locator("#import-errors").inner_text()
    assert "450.00" in text and "individual（个人卖家）" in text
    assert page.locator("#case-list li").count() == before
