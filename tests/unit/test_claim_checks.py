"""Claim checks: what a consumer lawyer asks before a demand goes into a letter."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from weiquan import api, case, claim_checks

_CHINESE = re.compile(r"[\u4e00-\u9fff]")


def make(merchant=None, order=None, demands=(), rules=()) -> dict:
    return case.normalise(
        {
            "problem": "invalid_key",
            "merchant": merchant or {},
            "order": order or {},
            "demands": list(demands),
            "rules": list(rules),
        }
    )


def codes(found: list[dict]) -> list[str]:
    return [w["code"] for w in found]


@pytest.mark.parametrize(
    ("order", "refund", "warned"),
    [
        ({"amount": "300.00"}, "300.00", False),
        ({"amount": "300.00"}, "299.99", False),
        ({"amount": "300.00"}, "300.01", True),
        ({"amount": "300.00"}, "3000.00", True),
        ({}, "3000.00", False),  # nothing known about what was paid: nothing to compare
        ({"payments": [{"amount": "100"}, {"amount": "250"}]}, "350.00", False),
        ({"payments": [{"amount": "100"}, {"amount": "250"}]}, "400.00", True),
    ],
)
def test_refund_over_paid(order, refund, warned):
    found = claim_checks.refund_over_paid(
        make(order=order, demands=[{"kind": "refund", "amount": refund}])
    )
    assert bool(found) is warned
    if warned:
        (warning,) = found
        assert warning["field"] == "case.demands[0].amount"
        paid = claim_checks.paid_total(make(order=order))
        # Says what was paid, what was asked, and what to change it to.
        assert f"实际付的 {paid} 元" in warning["message"]
        assert f"要求退款 {Decimal(refund):.2f} 元" in warning["message"]
        assert f"改为不超过 {paid} 元" in warning["message"]


def test_refund_over_paid_names_the_demand_it_is_about():
    found = claim_checks.refund_over_paid(
        make(
            order={"amount": "100.00"},
            demands=[
                {"kind": "reissue", "quantity": 1},
                {"kind": "compensation", "amount": "500.00"},
                {"kind": "refund", "amount": "120.00"},
            ],
        )
    )
    assert [w["field"] for w in found] == ["case.demands[2].amount"]


@pytest.mark.parametrize(
    ("kind", "demand", "order", "warned"),
    [
        ("individual", {"amount": "900.00", "note": ""}, {"amount": "300.00"}, True),
        ("individual", {"amount": "500.00", "note": ""}, {"amount": "60.00"}, True),  # minimum
        ("individual", {"amount": "1000.00", "note": "要求退一赔三"}, {"amount": "300.00"}, True),
        ("individual", {"amount": "", "note": "惩罚性赔偿"}, {}, True),
        ("individual", {"amount": "50.00", "note": "来回交通费"}, {"amount": "300.00"}, False),
        ("business", {"amount": "900.00", "note": "三倍赔偿"}, {"amount": "300.00"}, False),
        ("unknown", {"amount": "900.00", "note": "三倍赔偿"}, {"amount": "300.00"}, False),
    ],
)
def test_punitive_damages_against_a_private_seller(kind, demand, order, warned):
    found = claim_checks.damages_vs_individual(
        make(
            merchant={"kind": kind},
            order=order,
            demands=[{"kind": "refund"}, {"kind": "compensation", **demand}],
        )
    )
    assert bool(found) is warned
    if warned:
        message = found[0]["message"]
        assert found[0]["field"] == "case.demands[1].amount"
        assert "经营者" in message  # why: 消法 binds a 经营者
        assert "合同" in message  # what instead: the contract claim
        assert "法第" not in message  # no article number without a verified rule id


@pytest.mark.parametrize(
    ("quantity", "failed", "refund", "warned"),
    [
        (2, 1, "98.00", False),
        (2, 1, "98.01", True),
        (2, 1, "196.00", True),
        (2, 2, "196.00", False),
        (3, 1, "65.34", True),
        (3, 1, "65.33", False),
        (2, None, "196.00", False),
    ],
)
def test_refund_larger_than_the_failed_part(quantity, failed, refund, warned):
    order = {"amount": "196.00", "quantity": quantity}
    if failed is not None:
        order["quantity_failed"] = failed
    found = claim_checks.refund_over_failed_share(
        make(order=order, demands=[{"kind": "refund", "amount": refund}])
    )
    assert bool(found) is warned
    if warned:
        share = (Decimal("196.00") * failed / quantity).quantize(Decimal("0.01"))
        assert f"对应 {share} 元" in found[0]["message"]
        assert f"请把退款改为 {share} 元" in found[0]["message"]


def test_a_refund_over_everything_paid_is_one_warning_not_two():
    found = claim_checks.check(
        make(
            order={"amount": "200.00", "quantity": 2, "quantity_failed": 1},
            demands=[{"kind": "refund", "amount": "250.00"}],
        )
    )
    assert codes(found) == ["refund-over-paid"]


def test_unfair_clause_says_what_it_excludes():
    found = claim_checks.unfair_clauses(
        make(rules=[{"text": "好评返现"}, {"text": "售出不退，且不得向12315投诉"}])
    )
    assert [w["field"] for w in found] == ["case.rules[1].stance"]
    assert "排除退款" in found[0]["message"] and "排除投诉" in found[0]["message"]


def test_check_reports_every_kind_with_chinese_messages():
    found = claim_checks.check(
        make(
            merchant={"kind": "individual"},
            order={"amount": "100.00", "quantity": 4, "quantity_failed": 1},
            demands=[
                {"kind": "refund", "amount": "100.00"},
                {"kind": "refund", "amount": "150.00"},
                {"kind": "compensation", "amount": "500.00"},
            ],
            rules=[{"text": "一律不退"}],
        )
    )
    assert codes(found) == [
        "refund-over-paid",
        "refund-over-failed-part",
        "damages-vs-individual",
        "unfair-clause",
    ]
    for warning in found:
        assert set(warning) == {"code", "field", "message"}
        assert len(_CHINESE.findall(warning["message"])) >= 20


def test_check_case_reports_the_claim_warnings():
    normal = make(order={"amount": "10.00"}, demands=[{"kind": "refund", "amount": "20.00"}])
    result = api.check_case(normal, date(2026, 5, 1))
    assert "refund-over-paid" in codes(result["warnings"])


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.decimals(min_value=1, max_value=9999, places=2), min_size=1, max_size=5),
    st.decimals(min_value=0, max_value=50000, places=2),
)
def test_refund_warning_iff_more_than_the_sum_of_payments(payments, refund):
    normal = make(
        order={"payments": [{"amount": str(p)} for p in payments]},
        demands=[{"kind": "refund", "amount": str(refund)}],
    )
    assert claim_checks.paid_total(normal) == sum(payments)
    assert bool(claim_checks.refund_over_paid(normal)) is (refund > sum(payments))
