"""Escalation rules: when each route opens, and what the step says about why."""

from __future__ import annotations

from datetime import date

import pytest
from weiquan import api, flow

TODAY = date(2026, 11, 10)


def step_ids(case: dict, today: date = TODAY) -> list[str]:
    return [s["id"] for s in flow.plan(case, today)["next_steps"]]


def steps(case: dict, today: date = TODAY) -> dict[str, dict]:
    return {s["id"]: s for s in flow.plan(case, today)["next_steps"]}


REFUSED = [{"at": "2026-11-03T10:00", "channel": "ticket", "outcome": "refused"}]
WAITING = [{"at": "2026-11-09T10:00", "channel": "ticket", "outcome": "no_reply"}]
# Over 10,000 yuan: enough at stake for a lawyer (issue 20).
BIG = {"order": {"amount": "20000.00"}, "demands": [{"kind": "refund", "amount": "20000.00"}]}


@pytest.mark.parametrize(
    ("marketplace", "contacts", "expected"),
    [
        ("taobao", REFUSED, True),
        ("pinduoduo", REFUSED, True),
        ("xianyu", REFUSED, True),
        ("jd", REFUSED, True),
        ("other", REFUSED, True),
        ("none", REFUSED, False),
        ("", REFUSED, False),
        ("taobao", WAITING, False),  # the platform still has time: no proof it failed
        ("taobao", [], False),
    ],
)
def test_marketplace_route_needs_marketplace_and_failed_platform(
    make_case, marketplace, contacts, expected
):
    ids = step_ids(make_case(merchant={"marketplace": marketplace}, contacts=contacts))
    assert ("escalate-marketplace" in ids) is expected


def test_marketplace_step_asks_for_proof_and_names_the_marketplace(make_case):
    step = steps(make_case(merchant={"marketplace": "pinduoduo"}, contacts=REFUSED))[
        "escalate-marketplace"
    ]
    assert "拼多多" in step["title"]
    assert "投诉商家无果" in step["why"] and "明确拒绝" in step["why"]
    assert {"ecl-61", "ecl-38", "cpl-44"} <= set(step["rules"])


@pytest.mark.parametrize(
    ("problem", "paid_via", "contacts", "expected", "title"),
    [
        ("invalid_key", "alipay", REFUSED, True, "向支付宝投诉收款方"),
        ("invalid_key", "wechat", REFUSED, True, "向微信支付投诉商户"),
        ("invalid_key", "bank", REFUSED, False, None),
        ("invalid_key", "alipay", WAITING, False, None),
        ("invalid_key", "alipay", [], False, None),
        ("refund_refused", "wechat", [], True, "向微信支付投诉商户"),
        ("vanished", "bank", [], True, "联系付款银行"),
        # Paid from a site balance: the payment app never saw this payment (issue 20).
        ("vanished", "platform_balance", [], False, None),
        ("vanished", "", [], True, "联系付款渠道"),
    ],
)
def test_payment_dispute(make_case, problem, paid_via, contacts, expected, title):
    found = steps(make_case(problem=problem, order={"paid_via": paid_via}, contacts=contacts))
    assert ("dispute-payment" in found) is expected
    if expected:
        assert found["dispute-payment"]["title"] == title


@pytest.mark.parametrize(
    ("today", "state", "first"),
    [
        (date(2026, 11, 3), "pending", "complain-platform"),  # within 48 hours
        (date(2026, 11, 4), "pending", "complain-platform"),  # due day itself: still waiting
        (date(2026, 11, 5), "failed", "dispute-payment"),
    ],
)
def test_escalation_after_48_hours_without_reply(make_case, today, state, first):
    case = make_case(
        contacts=[{"at": "2026-11-02T10:30", "channel": "email", "outcome": "no_reply"}]
    )
    result = flow.plan(case, today)
    assert result["channels"]["platform"] == state
    assert result["next_steps"][0]["id"] == first


def test_a_promise_replaces_the_48_hours(make_case):
    case = make_case(
        contacts=[
            {
                "at": "2026-11-02T10:30",
                "channel": "ticket",
                "outcome": "promised",
                "promise": "7天内补发",
                "promise_due": "2026-11-09",
            }
        ]
    )
    assert flow.plan(case, date(2026, 11, 8))["channels"]["platform"] == "pending"
    step = steps(case, date(2026, 11, 8))["complain-platform"]
    assert step["title"] == "跟进对商家的投诉" and step["due"] == "2026-11-09"
    assert flow.plan(case, date(2026, 11, 10))["channels"]["platform"] == "failed"


def test_platform_first_with_formal_channels(make_case):
    case = make_case(
        contacts=[{"at": "2026-11-09T10:00", "channel": "chat", "outcome": "no_reply"}]
    )
    (step,) = flow.plan(case, date(2026, 11, 9))["next_steps"]
    assert step["id"] == "complain-platform"
    case = make_case()
    step = flow.plan(case, TODAY)["next_steps"][0]
    assert step["id"] == "complain-platform" and step["title"] == "向商家正式投诉"
    joined = "".join(step["how"])
    assert "订单" in joined and "工单" in joined and "“投诉”" in joined and "邮箱" in joined
    assert "第二十四条" in step["why"] and "第二十五条" in step["why"]


@pytest.mark.parametrize(
    ("changes", "lawyer"),
    [
        # Issue 20: a lawyer only where a lot is at stake (over 10,000 yuan) and there is a
        # dispute; for 300 yuan a paid consultation costs more than it can win.
        ({"order": {"amount": "10000.00"}, "demands": [], "contacts": REFUSED}, False),
        ({"order": {"amount": "10000.01"}, "demands": [], "contacts": REFUSED}, True),
        ({"order": {"amount": "10000.01"}, "demands": []}, False),  # no dispute yet
        ({"suspected_fraud": True}, False),
        ({"suspected_fraud": True, "order": {"amount": "20000.00"}, "demands": []}, True),
        ({"problem": "vanished"}, False),
        ({"problem": "vanished", "order": {"amount": "20000.00"}, "demands": []}, True),
        ({"contacts": [{"at": "2026-11-01", "channel": "12315", "outcome": "refused"}]}, False),
        ({}, False),
    ],
)
def test_legal_route_triggers(make_case, changes, lawyer):
    assert ("consult-lawyer" in step_ids(make_case(**changes))) is lawyer


# A registered company (91…) bought from for personal use: the consumer law applies.
COMPANY = {"kind": "business", "credit_code": "91330106MA2H3K7Q4Q"}


def test_fraud_reason_cites_triple_damages_and_company_lookup(make_case):
    step = steps(make_case(suspected_fraud=True, merchant=COMPANY, **BIG))["consult-lawyer"]
    assert "三倍" in step["why"] and "500元" in step["why"]
    assert "国家企业信用信息公示系统" in step["why"]
    assert {"cpl-55", "penalty-16"} <= set(step["rules"])


@pytest.mark.parametrize("merchant", [{"kind": "individual"}, {}], ids=["person", "unknown"])
def test_fraud_reason_without_the_consumer_law_suggests_revocation_not_treble(make_case, merchant):
    step = steps(make_case(suspected_fraud=True, merchant=merchant, **BIG))["consult-lawyer"]
    assert "撤销" in step["why"] and "一年" in step["why"]
    assert "cpl-55" not in step["rules"] and "cc-148" in step["rules"]


def test_vanished_mentions_police_only_as_an_option(make_case):
    step = steps(make_case(problem="vanished", **BIG))["consult-lawyer"]
    assert "公安机关报案" in step["why"]


@pytest.mark.parametrize(
    ("limit", "demands", "small", "note"),
    [
        ("", [{"kind": "refund", "amount": "300"}], False, None),
        ("30000.00", [{"kind": "refund", "amount": "300"}], True, None),
        ("300.00", [{"kind": "refund", "amount": "300"}], True, None),
        (
            "500.00",
            [{"kind": "refund", "amount": "300"}, {"kind": "compensation", "amount": "500"}],
            False,
            "普通程序",
        ),
        ("299.99", [], False, "普通程序"),  # no money demand: the price counts
    ],
)
def test_small_claims_only_within_the_limit_the_user_entered(
    make_case, limit, demands, small, note
):
    case = make_case(
        suspected_fraud=True, small_claims_limit=limit, demands=demands, contacts=REFUSED
    )
    result = flow.plan(case, TODAY)
    found = {s["id"]: s for s in result["next_steps"]}
    assert ("sue-small-claims" in found) is small
    if note:
        assert note in found["sue-court"]["why"]
    missing = {w["field"]: w["message"] for w in result["warnings"] if w["code"] == "missing-field"}
    if not limit:
        assert "50%" in missing["case.small_claims_limit"]
        assert "不内置" in missing["case.small_claims_limit"]
    else:
        assert "case.small_claims_limit" not in missing


def test_small_claims_step_names_court_and_fee(make_case):
    step = steps(make_case(problem="vanished", small_claims_limit="40000"))["sue-small-claims"]
    assert "一审终审" in step["why"] and "住所地" in step["why"] and "五十元" in step["why"]
    assert {"cpc-165", "cpc-interp-20", "fees-13", "cpc-166"} <= set(step["rules"])
    assert "下落不明" in step["why"]
    ordinary = steps(make_case(suspected_fraud=True, small_claims_limit="40000", contacts=REFUSED))
    assert "下落不明" not in ordinary["sue-small-claims"]["why"]


def test_12315_step_gives_old_jurisdiction_rule_as_reference(make_case):
    step = steps(make_case(merchant={"marketplace": "taobao"}, contacts=REFUSED))["complain-12315"]
    assert "旧规定，供参考" in step["jurisdiction"]
    assert "请以官方最新文本为准" in step["jurisdiction"]
    assert "平台经营者住所地" in step["jurisdiction"]
    assert "七个工作日" in step["why"]
    assert {"cpl-46", "samr-old-12", "samr-2026"} <= set(step["rules"])


def test_12315_needs_contact_details(make_case):
    case = make_case(contacts=REFUSED, consumer={"name": "", "phone": ""})
    fields = {w["field"] for w in flow.plan(case, TODAY)["warnings"]}
    assert {"case.consumer.name", "case.consumer.phone"} <= fields


def test_supplier_excuse_is_answered(make_case):
    case = make_case(suspected_fraud=True, facts="客服说卡密是上游给的，让我自己去找上游", **BIG)
    step = steps(case)["consult-lawyer"]
    assert "第五百九十三条" in step["why"] and "请以官方最新文本为准" in step["why"]


def test_resolved_case_has_no_steps(make_case):
    case = make_case(
        contacts=[*REFUSED, {"at": "2026-11-05", "channel": "12315", "outcome": "resolved"}]
    )
    result = flow.plan(case, TODAY)
    assert result["resolved"] and result["next_steps"] == []
    assert result["stage"] == "third_party"


def test_stage_follows_the_first_step(make_case):
    assert flow.plan(make_case(evidence=[]), TODAY)["stage"] == "evidence"
    assert flow.plan(make_case(), TODAY)["stage"] == "platform"
    assert flow.plan(make_case(contacts=REFUSED), TODAY)["stage"] == "third_party"
    failed = [*REFUSED, {"at": "2026-10-01", "channel": "12315", "outcome": "no_reply"}]
    assert flow.plan(make_case(contacts=failed), TODAY)["stage"] == "legal"


def test_check_output_has_the_cli_contract(make_case):
    result = api.check_case(make_case(), TODAY)
    assert {"stage", "next_steps", "evidence", "deadlines", "warnings"} <= set(result)
    assert set(result["evidence"]) >= {"missing", "chain_complete"}
    for step in result["next_steps"]:
        assert {"id", "title", "why"} <= set(step)
    for deadline in result["deadlines"]:
        assert {"id", "title", "date", "basis"} <= set(deadline)


def test_routes_already_taken_are_followed_up_while_the_platform_waits(make_case):
    case = make_case(
        contacts=[
            {"at": "2026-11-09T10:00", "channel": "ticket", "outcome": "no_reply"},
            {"at": "2026-11-09T12:00", "channel": "12315", "outcome": "no_reply"},
        ]
    )
    found = steps(case)
    assert list(found) == ["complain-platform", "complain-12315"]
    assert found["complain-12315"]["title"] == "跟进12315投诉"
    assert found["complain-12315"]["due"] == "2026-11-18"
