"""Issue 20: a step says whether it is worth its cost, on the dashboard."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import PHONE
from .helpers import go, wait_ready

CORPUS = Path(__file__).parents[1] / "unit" / "corpus"


def test_a_tiny_sum_gets_one_lever_and_the_advice_to_stop_there(open_page, base_url, tmp_path):
    # 29.90 yuan to an app that stopped, its operator unknown: the payment complaint only.
    doc = json.loads((CORPUS / "28_phone_credit_29_9_coupons_app_stopped.json").read_text("utf-8"))
    for key in ("expect", "source"):
        doc.pop(key, None)
    path = tmp_path / "小额.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    page, _ = open_page(viewport=PHONE)
    go(page, base_url, "#/cases")
    wait_ready(page)
    page.set_input_files("#case-import", str(path))
    page.wait_for_selector("#cases-status:has-text('已导入为新案件')")
    go(page, base_url, "#/dashboard")
    page.wait_for_selector("#dashboard .next-step")
    steps = page.eval_on_selector_all("[data-step-id]", "els => els.map(e => e.dataset.stepId)")
    assert steps == ["dispute-payment"]
    note = page.locator("[data-step-id='dispute-payment'] .next-step__proportion").inner_text()
    assert "到此为止" in note
