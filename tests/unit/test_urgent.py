"""The urgent card: a fraud victim is told to 止付 first, on the dashboard and in 今天要做的."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from weiquan import agenda, api, letters, urgent

CASES = Path(__file__).parent / "cases"
TODAY = date(2026, 11, 18)


def saved(name: str) -> dict:
    doc = json.loads((CASES / name).read_text("utf-8"))
    doc.pop("expect", None)
    return doc


@pytest.mark.parametrize(
    ("changes", "shown"),
    [
        ({"suspected_fraud": True}, True),
        ({"suspected_fraud": False}, False),
        ({}, False),
    ],
)
def test_the_card_shows_exactly_when_fraud_is_suspected(make_case, changes, shown):
    result = api.check_case(make_case(**changes), TODAY)
    assert bool(result["urgent"]) is shown
    assert next(iter(result)) == "urgent"  # the first thing the reply says


def test_the_card_says_stop_payment_complain_stop_paying_and_beware_recovery(make_case):
    (card,) = urgent.cards(make_case(suspected_fraud=True, order={"paid_via": "wechat"}), TODAY)
    text = "\n".join(card["lines"])
    assert card["id"] == "stop-payment" and card["due"] == "2026-11-18"
    assert "止付" in card["title"]
    for words in ("110", "96110", "微信", "涉嫌诈骗", "不要再付", "第二次诈骗"):
        assert words in text, words
    assert "支付宝" not in text  # only the ways this person paid


@pytest.mark.parametrize(
    ("paid_via", "names"),
    [
        ("alipay", ["支付宝"]),
        ("bank", ["银行卡背面的客服电话"]),
        ("", ["支付宝、微信或银行 App"]),
    ],
)
def test_the_complaint_line_names_the_app_paid_with(make_case, paid_via, names):
    (card,) = urgent.cards(make_case(suspected_fraud=True, order={"paid_via": paid_via}), TODAY)
    assert all(any(n in line for line in card["lines"]) for n in names)


def test_six_payments_by_three_means_give_one_line_per_means():
    case = api.case_model.normalise(saved("24_scam_several_payments_qq_site.json"))
    (card,) = urgent.cards(case, TODAY)
    complaint = [line for line in card["lines"] if "投诉" in line or "客服电话" in line]
    assert [c[:4] for c in complaint] == ["在微信里", "在支付宝", "打你付款"]


def test_today_list_puts_the_stop_payment_card_first_dated_today():
    scam = {"id": "s", "title": "被骗", "case": saved("24_scam_several_payments_qq_site.json")}
    result = agenda.today_tasks([scam], TODAY)
    first = result["items"][0]
    assert (first["deadline_id"], first["date"], first["status"]) == (
        "stop-payment",
        "2026-11-18",
        "today",
    )
    assert first["date_label"] == "2026年11月18日" and "止付" in first["title"]
    assert [i["deadline_id"] for i in result["items"]].count("stop-payment") == 1


def test_an_ordinary_dispute_has_no_urgent_row():
    shop = {"id": "a", "title": "卡密", "case": saved("01_invalid_key_fresh_steam.json")}
    items = agenda.today_tasks([shop], date(2026, 10, 1))["items"]
    assert "stop-payment" not in {i["deadline_id"] for i in items}


def test_the_scam_problem_alone_raises_the_card_and_a_settled_case_drops_it(make_case):
    scam = {**make_case(), "problem": "scammed"}
    assert [c["id"] for c in urgent.cards(scam, TODAY)] == ["stop-payment"]
    settled = make_case(
        suspected_fraud=True,
        contacts=[{"at": "2026-11-10", "channel": "police", "outcome": "resolved"}],
    )
    assert urgent.cards(settled, TODAY) == []


TO_THE_OTHER_SIDE = ("platform-order", "platform-ticket", "platform-email", "termination-notice")


@pytest.mark.parametrize("kind", letters.LETTER_KINDS)
@pytest.mark.parametrize("fraud", [True, False])
def test_a_letter_to_a_suspected_scammer_comes_with_a_caution_outside_its_text(
    make_case, kind, fraud
):
    made = api.draft_case(make_case(suspected_fraud=fraud), kind, TODAY)
    cautioned = fraud and kind in TO_THE_OTHER_SIDE
    assert ("caution" in made) is cautioned
    if cautioned:
        words = "".join(made["caution"]["lines"])
        assert "第二次诈骗" in words and "报案材料" in words
        assert made["caution"]["title"] not in made["text"]


@pytest.mark.parametrize(
    "name", ["24_scam_several_payments_qq_site.json", "34_scam_wechat_transfer_blocked.json"]
)
def test_the_dashboard_offers_no_letter_to_the_scammer_as_a_step(name):
    case = api.case_model.normalise(saved(name))
    steps = api.check_case(case, TODAY)["next_steps"]
    assert steps[0]["id"] == "report-police"
    assert not {s.get("letter") for s in steps} & set(TO_THE_OTHER_SIDE)
    assert not {s["id"] for s in steps} & {"complain-platform", "send-termination-notice"}
