"""Issue 13: the flow by who the other side is and what happened.

The routes live in content/routes.toml (routes.chosen); these tests take the real case
files and change the one fact each rule is about, so a rule that stops holding fails here
whatever the expect blocks say.
"""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path

import pytest
from weiquan import api, case, datafiles, deadlines, routes
from weiquan.letters import draft

CASES = Path(__file__).parent / "cases"


def load(stem: str) -> tuple[dict, date]:
    raw = json.loads(next(CASES.glob(f"{stem}_*.json")).read_text(encoding="utf-8"))
    return case.normalise(raw), date.fromisoformat(raw["expect"]["today"])


def steps(c: dict, today: date) -> list[str]:
    return [s["id"] for s in api.check_case(c, today)["next_steps"]]


def individuals() -> list[str]:
    found = []
    for path in sorted(CASES.glob("*.json")):
        c = case.normalise(json.loads(path.read_text(encoding="utf-8")))
        if c["merchant"]["kind"] == "individual":
            found.append(path.stem[:2])
    return found


# ------------------------------------------------------------------ deception


def test_a_scam_goes_to_the_police_first_with_what_the_issue_asks():
    c, today = load("24")
    plan = api.check_case(c, today)
    first = plan["next_steps"][0]
    assert first["id"] == "report-police"
    for words in ("110", "96110", "紧急止付", "停止付款", "追回损失", "受案回执"):
        assert words in first["why"] + "".join(first.get("how", [])), words
    assert "一共付款6笔、合计3380.00元" in first["why"]
    dispute = next(s for s in plan["next_steps"] if s["id"] == "dispute-payment")
    assert "涉嫌诈骗" in dispute["why"] + dispute["title"]
    # Every way the person paid is named (two apps and a bank).
    assert all(name in dispute["why"] for name in ("微信", "支付宝", "银行"))
    # No shop advice for a scam: no 12315, no 消协, no 催告, no 3× damages suggestion.
    assert not {"complain-12315", "contact-association", "send-termination-notice"} & {
        s["id"] for s in plan["next_steps"]
    }
    assert "第五十五条" not in json.dumps(plan["next_steps"], ensure_ascii=False)


def test_a_logged_police_report_counts_as_taken():
    c, today = load("24")
    c["contacts"].append(
        {
            **c["contacts"][0],
            "channel": "police",
            "party": "police",
            "outcome": "promised",
            "at": "2026-11-10T10:00",
            "summary": "已报案",
            "promise_due": "",
            "promise": "",
        }
    )
    plan = api.check_case(c, today)
    assert "report-police" not in [s["id"] for s in plan["next_steps"]]
    assert plan["channels"]["police"] == "pending"


def test_a_logged_payment_complaint_counts_as_taken():
    c, today = load("31")
    assert api.check_case(c, today)["channels"]["payment"] == "pending"
    assert "dispute-payment" not in steps(c, today)
    c["contacts"] = [x for x in c["contacts"] if x["party"] != "payment"]
    # A registered shop that refused goes to 12315 and the court (issue 20); one whose
    # registration is not known can still be pursued through the payment channel.
    assert "dispute-payment" not in steps(c, today)
    c["merchant"]["credit_code"], c["merchant"]["kind"] = "", "unknown"
    assert "dispute-payment" in steps(c, today)


def test_fraud_against_a_registered_business_is_no_scam_route():
    c, today = load("12")
    assert c["suspected_fraud"] and not routes.is_scam(c, routes.situation(c, today))
    assert "report-police" not in steps(c, today)


def test_revoke_deadline_only_for_fraud_and_never_cites_an_unverified_article():
    c, today = load("24")
    entry = next(d for d in deadlines.compute(c, today) if d["id"] == "revoke-1y")
    assert entry["date"] == "2027-11-09"
    assert "第一百五十二条" not in entry["basis"] and "一年" in entry["basis"]
    c["suspected_fraud"] = False
    assert "revoke-1y" not in {d["id"] for d in deadlines.compute(c, today)}


# ------------------------------------------------------------------ private sellers


@pytest.mark.parametrize("stem", individuals())
def test_no_channel_that_cannot_act_on_a_private_person(stem):
    c, today = load(stem)
    found = set(steps(c, today))
    assert not {"complain-12315", "contact-association"} & found
    if c["merchant"]["marketplace"] == "none" and not c["suspected_fraud"]:
        # A personal transfer has no merchant for WeChat Pay / Alipay to act on.
        assert "dispute-payment" not in found


def test_a_refusing_private_seller_reaches_the_court_whatever_the_amount():
    c, today = load("25")
    assert steps(c, today) == ["sue-small-claims"]
    # 2500 claimed: the 3× damages demanded are no claim against a private seller (the
    # consumer law binds a business), so the pleading holds the refund alone.
    c["small_claims_limit"] = "2000.00"
    assert steps(c, today) == ["sue-court"]
    c["small_claims_limit"] = ""
    assert steps(c, today) == ["sue-court"]
    c["small_claims_limit"] = "48000.00"
    c["demands"] = [{"kind": "other", "amount": "", "quantity": None, "note": "按约完成充值"}]
    plan = api.check_case(c, today)
    court = plan["next_steps"][0]
    assert court["id"] == "sue-court" and "不是金钱给付" in court["why"]
    assert "判令被告按约完成充值" in draft(c, "civil-complaint", today).text


def test_a_private_seller_still_gets_a_written_demand_before_court():
    c, today = load("25")
    c["contacts"] = []
    plan = api.check_case(c, today)
    assert [s["id"] for s in plan["next_steps"]] == ["complain-platform"]
    assert plan["next_steps"][0]["title"] == "向卖家书面提出要求"
    assert "平台" not in plan["next_steps"][0]["why"].replace("没有平台", "")


def test_natural_person_defendant_block():
    c, today = load("25")
    text = draft(c, "civil-complaint", today)
    block = next(line for line in text.text.splitlines() if line.startswith("被告："))
    assert block.startswith("被告：张峰，【待补充：被告性别】，【待补充：被告出生日期】出生，")
    assert "公民身份号码【待补充：被告身份证号】" in block and "微信号 afeng_game88" in block
    assert "统一社会信用代码" not in text.text and "法定代表人" not in text.text
    assert any("调取" in w["message"] for w in text.warnings)
    c["merchant"]["legal_name"] = ""
    assert "被告：【待补充：被告真实姓名】" in draft(c, "civil-complaint", today).text


def test_business_defendant_keeps_credit_code_and_legal_rep():
    c, today = load("31")
    block = next(
        line
        for line in draft(c, "civil-complaint", today).text.splitlines()
        if line.startswith("被告：")
    )
    assert "统一社会信用代码91350100M000100Y43" in block and "法定代表人" in block


# ------------------------------------------------------------------ third parties


def test_a_third_partys_resolved_never_closes_the_case():
    c, today = load("29")
    c["contacts"][0]["outcome"] = "resolved"
    plan = api.check_case(c, today)
    assert plan["resolved"] is False
    assert [s["id"] for s in plan["next_steps"]] == ["complain-platform"]


def test_a_third_party_contact_is_told_as_what_it_was():
    c, today = load("30")
    text = draft(c, "platform-ticket", today).text
    assert "发邮件向贵店以外的第三方核实情况，得知：Steam 客服回复" in text
    assert "联系贵店，Steam" not in text


def test_platform_window_warning_says_what_counts_and_counts_only_the_merchant():
    c, _ = load("29")
    late = copy.deepcopy(c)
    late_today = date(2026, 6, 30)
    warning = next(
        w
        for w in api.check_case(late, late_today)["warnings"]
        if w.get("deadline") == "platform-window"
    )
    for words in ("订单内投诉、客服工单或投诉邮箱", "单号或时间戳", "游戏运营方"):
        assert words in warning["message"], words
    # A ticket to the third party does not meet the window; one to the merchant does.
    c["contacts"][0]["channel"] = "ticket"
    entry = next(d for d in deadlines.compute(c, late_today) if d["id"] == "platform-window")
    assert entry["status"] == "passed"
    c["contacts"][0]["party"] = "merchant"
    entry = next(d for d in deadlines.compute(c, late_today) if d["id"] == "platform-window")
    assert entry["status"] == "met"


def test_marketplace_letter_cites_the_marketplace_ticket():
    c, today = load("33")
    text = draft(c, "marketplace", today).text
    assert "XY-KF-20260224-9931" in text and "此前向贵平台提出的申请" in text
    assert "与商家协商的记录" not in text and "贵平台店铺" not in text


def test_several_payments_are_listed_with_time_and_amount():
    c, today = load("24")
    text = draft(c, "civil-complaint", today).text
    assert "先后分6笔共支付3380.00元" in text
    assert "2026年11月8日16时05分通过微信支付700.00元" in text


# ------------------------------------------------------------------ knowledge base


def test_unknown_step_in_a_route_fails_naming_the_key():
    good = datafiles.read_text("routes.toml")
    bad = good.replace('id = "report-police"', 'id = "call-mum"', 1)
    routes._data.cache_clear()
    try:
        with (
            datafiles.replaced("routes.toml", bad),
            pytest.raises(routes.RoutesError, match=r"routes\.toml:\d+ step\[0\]"),
        ):
            routes.load()
    finally:
        routes._data.cache_clear()
    assert routes.load()


def test_a_partial_failure_is_told_as_part_of_the_order():
    c, today = load("27")
    for kind in ("platform-ticket", "civil-complaint", "12315"):
        assert "所购2份中有1份" in draft(c, kind, today).text, kind
    c["order"]["quantity_failed"] = None
    assert "所购2份中有" not in draft(c, "platform-ticket", today).text


def test_a_private_seller_known_by_id_only_is_asked_for_a_name_not_a_credit_code():
    c, today = load("26")
    fields = {
        w["field"]: w["message"]
        for w in api.check_case(c, today)["warnings"]
        if w["code"] == "missing-field"
    }
    assert "case.merchant.credit_code" not in fields
    assert "调取" in fields["case.merchant.legal_name"]


def test_a_small_refused_refund_from_a_business_reaches_small_claims():
    c, today = load("28")
    assert "sue-small-claims" not in steps(c, today)  # no figure: the court cannot be judged
    c["small_claims_limit"] = "50000.00"
    assert steps(c, today)[-1] == "sue-small-claims"
    c["small_claims_limit"] = "100.00"  # 158 claimed: above the figure, no shortcut
    assert "sue-small-claims" not in steps(c, today)
