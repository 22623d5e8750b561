"""Documents that argue the theory of the case (issue 21).

Golden letters per cause, drawn from real stories of the corpus (a story per cause; the
起诉状, the notice and the 12315 text), and a property test over generated cases: what a
letter may say follows from what the case holds.
"""

from __future__ import annotations

import json
import os
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from weiquan import case, theory
from weiquan.letters import LETTER_KINDS, draft

HERE = Path(__file__).parent
GOLDEN = HERE / "golden_causes"
KINDS = ("civil-complaint", "termination-notice", "12315")

# One real story per cause (tests/unit/corpus, sources in docs/corpus.md), or a case file of
# the same shape where the corpus has none for the cause.
STORIES = {
    "non_delivery": "corpus/30_flagship_store_promised_week_never_shipped.json",
    "refusal": "cases/25_private_wechat_seller_not_delivered.json",
    "defect": "corpus/29_boosting_shop_got_account_banned.json",
    "partial_failure": "corpus/32_game_item_four_paid_one_delivered.json",
    "title_defect": "corpus/17_wechat_top_up_clawed_back_by_seller_appeal.json",
    "service_ended": "corpus/01_game_shutdown_unused_currency_guangzhou.json",
    "account_restricted": "corpus/23_trading_platform_locked_account_with_cash.json",
    "fraud": "corpus/10_scam_half_price_points_five_payments.json",
    "minor": "corpus/04_minor_topup_realname_not_enforced.json",
    "agreed_refund": "cases/35_service_ended_refund_to_site_balance.json",
    "breach": "corpus/25_netdisk_trial_auto_renewed_seven_months.json",
}


def load(relative: str) -> tuple[dict, date]:
    data = json.loads((HERE / relative).read_text(encoding="utf-8"))
    return case.normalise(data), date.fromisoformat(data["expect"]["today"])


def test_every_cause_has_a_story():
    assert set(STORIES) | {"unjust_enrichment"} == set(theory.CAUSES)


@pytest.mark.parametrize(("cause", "story"), sorted(STORIES.items()))
def test_the_story_argues_its_cause(cause, story):
    c, today = load(story)
    assert theory.of_case(c, today)["cause"] == cause


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("cause", sorted(STORIES))
def test_golden_letter_per_cause(cause, kind):
    """Regenerate with UPDATE_GOLDEN=1 — then read every changed text before committing."""
    c, today = load(STORIES[cause])
    text = draft(c, kind, today).text + "\n"
    path = GOLDEN / cause / f"{kind}.txt"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"缺少 {path}，用 UPDATE_GOLDEN=1 生成后逐字检查"
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("cause", "claim", "demand"),
    [
        # The game closed: only the unused part, and the case does not say how much.
        (
            "service_ended",
            "尚未履行部分的预付款【待补充：尚未使用部分的金额",
            "尚未履行部分的预付款",
        ),
        # One of four items arrived: the re-issue of the three, terminate only that part.
        ("partial_failure", "交付可正常使用的商品3份", "合同中未能履行的部分"),
        # The seller refused outright: terminate without a 催告.
        ("refusal", "退还原告已付价款2500.00元", "解除本合同，合同自本通知到达您时解除"),
        # A refund agreed, to the site balance only: by the original route.
        ("agreed_refund", "按双方达成的退款约定", "按原支付方式原路退回"),
        ("fraud", "判令撤销", "返还本人支付的款项7300.00元"),
    ],
)
def test_the_claim_and_the_notice_fit_the_cause(cause, claim, demand):
    c, today = load(STORIES[cause])
    complaint = draft(c, "civil-complaint", today).text
    notice = draft(c, "termination-notice", today).text
    assert claim in complaint[complaint.index("诉讼请求") : complaint.index("事实与理由")]
    assert demand in notice
    if cause != "non_delivery":
        assert "现正式催告" not in notice or cause == "partial_failure"


# ------------------------------------------------------------------ property test

TODAY = date(2026, 11, 24)
NEUTRAL = ["客服说在处理", "联系客服询问进度", "要求处理订单问题", ""]


@st.composite
def cases(draw):
    quantity = draw(st.integers(1, 4))
    failed = draw(st.sampled_from([None, *range(1, quantity)])) if quantity > 1 else None
    amount = draw(st.sampled_from(["9.90", "98.00", "300.00", "4800.00"]))
    contacts = [
        {
            "at": f"2026-11-{day:02d}T10:00",
            "channel": draw(st.sampled_from(["chat", "ticket", "email", "marketplace"])),
            "party": draw(st.sampled_from(["merchant", "marketplace", "third_party"])),
            "summary": draw(st.sampled_from(NEUTRAL)),
            "outcome": draw(st.sampled_from(["", "no_reply", "promised", "agreed", "refused"])),
        }
        for day in range(12, 12 + draw(st.integers(0, 3)))
    ]
    demand_amount = draw(st.sampled_from([amount, "5000.00", ""]))
    demands = draw(
        st.sampled_from(
            [
                [{"kind": "refund", "amount": demand_amount}],
                [{"kind": "refund", "amount": demand_amount}, {"kind": "reissue", "quantity": 1}],
                [
                    {"kind": "refund", "amount": amount},
                    {"kind": "compensation", "note": "价款三倍"},
                ],
                [{"kind": "reissue", "quantity": 1}],
            ]
        )
    )
    raw = {
        "problem": draw(st.sampled_from(list(case.PROBLEMS))),
        "suspected_fraud": draw(st.booleans()),
        "merchant": {
            "name": "某卡盟",
            "kind": draw(st.sampled_from(["business", "individual", "unknown"])),
            "marketplace": draw(st.sampled_from(["none", "taobao", "xianyu"])),
            "credit_code": draw(st.sampled_from(["", "91350100M000100Y43"])),
        },
        "order": {
            "id": "A1",
            "item": "游戏点卡",
            "quantity": quantity,
            "amount": amount,
            "purpose": draw(st.sampled_from(["", "personal", "resale"])),
            "delivered": draw(st.sampled_from(["", "none", "part", "all"])),
            "service_days": draw(st.sampled_from(["", "30"])),
            "service_used_days": draw(st.sampled_from(["", "10"])),
            "refund_offer": draw(st.sampled_from(["", "original", "site_balance"])),
            "ordered_at": "2026-11-10T10:00",
            "problem_found_at": "2026-11-11T10:00",
        },
        "consumer": {"name": "李明", "minor": draw(st.sampled_from(["", "yes", "no"]))},
        "demands": demands,
        "contacts": contacts,
        "facts": "",
    }
    if failed:
        raw["order"]["quantity_failed"] = failed
    return case.normalise(raw)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(c=cases())
def test_what_a_letter_says_follows_from_the_case(c):
    found = theory.of_case(c, TODAY)
    refused = any(x["outcome"] in ("refused", "partial") for x in c["contacts"])
    paid = theory.paid(c)
    failed, quantity = c["order"]["quantity_failed"], c["order"]["quantity"]
    share = paid * failed / quantity if failed and paid else None
    for claim in found["claims"]:
        if claim["kind"] == "refund" and "amount" in claim:
            assert Decimal(claim["amount"]) <= paid
            if share is not None:
                assert Decimal(claim["amount"]) <= share
    for kind in LETTER_KINDS:
        text = draft(c, kind, TODAY).text
        assert "拒绝" not in text or refused, kind
        assert "封号" not in text and "封禁" not in text, kind
        if found["cause"] not in ("defect", "partial_failure"):
            assert "质量" not in text, kind
        if not found["consumer_law"]:
            assert "消费者权益保护法》第" not in text, kind
        if share is not None and kind == "civil-complaint":
            assert f"价款{paid:.2f}元" not in text, kind


def test_treble_demanded_against_a_private_seller_is_dropped_with_a_note():
    c, today = load(STORIES["refusal"])  # a WeChat seller; the person asked for 3×
    result = draft(c, "civil-complaint", today)
    assert "三倍" not in result.text and "7500.00" not in result.text
    notes = [w["message"] for w in result.warnings if w["code"] == "note"]
    assert any("不列这一项" in n for n in notes)
