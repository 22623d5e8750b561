"""报案材料 (police-report): every payment on its own row, the accounts, the promises, the
evidence — what the police need to stop and trace the money."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest
from weiquan import case as case_model
from weiquan.letters import draft

HERE = Path(__file__).parent / "police"
TODAY = date(2026, 11, 22)


def scam(edit=None) -> dict:
    raw = json.loads((HERE / "scam-four-payments.json").read_text("utf-8"))["case"]
    if edit:
        edit(raw)
    return case_model.normalise(raw)


def test_golden_four_payment_scam():
    """Regenerate with UPDATE_GOLDEN=1 — then read the changed text before committing."""
    text = draft(scam(), "police-report", TODAY).text + "\n"
    path = HERE / "scam-four-payments.txt"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def table(text: str) -> list[list[str]]:
    return [line.split("｜") for line in text.splitlines() if line.count("｜") == 5][1:]


def test_every_payment_is_its_own_row_with_payee_and_transaction_id():
    rows = table(draft(scam(), "police-report", TODAY).text)
    assert [(r[0], r[2], r[3]) for r in rows] == [
        ("1", "388.00元", "微信"),
        ("2", "200.00元", "微信"),
        ("3", "500.00元", "支付宝"),
        ("4", "1000.00元", "银行卡"),
    ]
    assert rows[2][4] == "李*华 158****2231"
    assert rows[0][5] == "10001271202611200194200731"
    assert rows[3][5] == "【待补充：交易单号】"  # unknown is asked for, never invented


def test_the_missing_payee_and_id_are_asked_for_and_reported():
    def forget(raw):
        del raw["order"]["payments"][1]["payee"]

    made = draft(scam(forget), "police-report", TODAY)
    assert table(made.text)[1][4] == "【待补充：收款方户名和账号】"
    assert "case.order.payments[1].payee" in made.missing


def test_one_payment_without_a_payment_list_is_one_row_of_the_order():
    def single(raw):
        raw["order"].pop("payments")
        raw["order"].update(amount="388.00", paid_via="wechat")
        raw["demands"] = []

    rows = table(draft(scam(single), "police-report", TODAY).text)
    assert len(rows) == 1 and rows[0][2:4] == ["388.00元", "微信"]


@pytest.mark.parametrize(
    ("needle", "section"),
    [
        ("QQ 3187766520；微信号 xincheng_dc88；QQ群 902331457", "一、对方的名称和账号"),
        ("承诺“交解冻金后全额退回”", "四、对方的承诺"),
        ("手机相册“被骗”文件夹", "五、本人掌握的证据"),
        ("紧急止付", "六、请求"),
    ],
)
def test_accounts_promises_and_evidence_are_under_their_heading(needle, section):
    text = draft(scam(), "police-report", TODAY).text
    assert section in text and needle in text.split(section, 1)[1]


def test_no_order_number_is_demanded_of_a_chat_purchase():
    text = draft(scam(), "police-report", TODAY).text
    assert "订单号" not in text


def test_the_report_police_step_drafts_the_police_report():
    from weiquan import api

    raw = json.loads(
        (Path(__file__).parent / "cases" / "34_scam_wechat_transfer_blocked.json").read_text(
            "utf-8"
        )
    )
    raw.pop("expect")
    steps = api.check_case(case_model.normalise(raw), TODAY)["next_steps"]
    police = next(s for s in steps if s["id"] == "report-police")
    assert police["letter"] == "police-report"
