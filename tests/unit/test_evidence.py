"""Evidence checklists per problem and the 订单—支付—商品—问题 chain."""

from __future__ import annotations

import pytest
from weiquan import case, evidence


@pytest.mark.parametrize("problem", list(case.PROBLEMS))
def test_every_checklist_is_complete_and_in_chinese(problem):
    made = evidence.checklist(problem)
    assert made["label"] == case.PROBLEMS[problem]
    kinds = [item["kind"] for item in made["items"]]
    assert {"order_record", "payment_record"} <= set(kinds)
    assert len(kinds) == len(set(kinds))
    assert set(kinds) <= set(case.EVIDENCE_KINDS)
    for item in made["items"]:
        assert item["title"] and item["must_show"] and item["how"]
        assert isinstance(item["required"], bool)
    assert [link["link"] for link in made["chain"]] == ["订单", "支付", "商品", "问题"]
    assert [h["name"] for h in made["hints"]] == ["真实性", "关联性", "完整性"]


@pytest.mark.parametrize(
    ("problem", "kind", "must_mention"),
    [
        ("invalid_key", "order_record", ["订单号", "商品名称", "金额", "下单时间"]),
        ("invalid_key", "payment_record", ["支付流水号", "金额", "时间", "收款方"]),
        ("invalid_key", "failure_proof", ["卡密", "失败提示", "时间"]),
        ("not_delivered", "failure_proof", ["订单状态", "到账"]),
        ("late_reissue", "promise_record", ["补单", "期限", "工号"]),
        ("not_as_described", "listing_claim", ["宣传承诺", "商品名称"]),
        ("vanished", "merchant_registration", ["统一社会信用代码", "住所"]),
        ("refund_refused", "chat_log", ["工号", "拒绝"]),
    ],
)
def test_must_show_what_a_reviewer_checks(problem, kind, must_mention):
    item = next(i for i in evidence.checklist(problem)["items"] if i["kind"] == kind)
    joined = "".join(item["must_show"])
    for word in must_mention:
        assert word in joined, (kind, word)


def test_capture_advice_covers_the_basics():
    items = {i["kind"]: i for i in evidence.checklist("invalid_key")["items"]}
    assert any("时间" in h and "PS" in h for h in items["order_record"]["how"])
    assert any("工号" in h for h in items["chat_log"]["how"])
    assert any("书面确认" in h for h in items["chat_log"]["how"])
    assert any("录屏" in h for h in items["failure_proof"]["how"])


def test_required_items_per_problem():
    required = {
        p: [i["kind"] for i in evidence.checklist(p)["items"] if i["required"]]
        for p in case.PROBLEMS
    }
    assert "failure_proof" in required["invalid_key"]
    assert "promise_record" in required["late_reissue"]
    assert "listing_claim" in required["not_as_described"]
    assert "merchant_registration" in required["vanished"]
    assert "listing_claim" not in required["invalid_key"]


def _with(problem: str, *kinds: str, missing: tuple[str, ...] = ()) -> dict:
    items = [{"kind": k} for k in kinds] + [{"kind": k, "have": False} for k in missing]
    return case.normalise({"problem": problem, "evidence": items})


@pytest.mark.parametrize(
    ("problem", "kinds", "open_links"),
    [
        ("invalid_key", ["order_record", "payment_record", "failure_proof"], []),
        ("invalid_key", ["order_record", "payment_record"], ["问题"]),
        ("invalid_key", ["payment_record", "failure_proof"], ["订单", "商品"]),
        ("invalid_key", ["listing_claim", "payment_record", "failure_proof"], ["订单"]),
        ("not_as_described", ["order_record", "payment_record", "failure_proof"], ["商品"]),
        ("late_reissue", ["order_record", "payment_record", "chat_log"], []),
        ("refund_refused", ["order_record", "payment_record", "failure_proof"], ["问题"]),
        ("refund_refused", ["order_record", "payment_record", "call_recording"], []),
        ("vanished", [], ["订单", "支付", "商品", "问题"]),
    ],
)
def test_chain_names_the_missing_link(problem, kinds, open_links):
    result = evidence.assess(_with(problem, *kinds))
    assert [c["link"] for c in result["chain"] if not c["ok"]] == open_links
    assert result["chain_complete"] is (not open_links)
    if open_links:
        for link in open_links:
            assert f"“{link}”" in result["gap"]
    else:
        assert result["gap"] is None


def test_have_false_does_not_count_and_alternatives_do():
    result = evidence.assess(
        _with(
            "invalid_key",
            "order_record",
            "failure_proof",
            "call_recording",
            missing=("payment_record",),
        )
    )
    assert result["missing"] == ["payment_record"]
    assert result["missing_titles"] == ["支付记录"]
    assert not result["chain_complete"]
