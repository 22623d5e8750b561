"""The case file: money, times, validation messages, migration and round trips."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from weiquan import case
from weiquan.case import CaseError


def envelope(**fields) -> dict:
    body = {"problem": "invalid_key"}
    body.update(fields)
    return {"format": "weiquan-case", "version": 1, "case": body}


def errors_of(doc) -> dict[str, str]:
    return {e.field: e.message for e in case.validate(doc)}


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("300", "300.00"),
        ("300.5", "300.50"),
        ("0.01", "0.01"),
        (" 88.00 ", "88.00"),
        ("8000", "8000.00"),
        ("0", "0.00"),
    ],
)
def test_money_is_normalised_exactly(raw, normal):
    assert case.normalise(envelope(order={"amount": raw}))["order"]["amount"] == normal
    assert case.parse_money(raw) == Decimal(normal)


@pytest.mark.parametrize(
    ("raw", "needle"),
    [
        (300.5, "带引号"),
        (300, "带引号"),
        (True, "应为文字"),
        ("-5", "负数"),
        ("30.555", "最多两位小数"),
        ("¥300", "格式不对"),
        ("1,000", "格式不对"),
        ("三百", "格式不对"),
        ("1e3", "格式不对"),
        ("NaN", "格式不对"),
        ("99999999999", "过大"),
    ],
)
def test_bad_money_names_the_field(raw, needle):
    found = errors_of(envelope(order={"amount": raw}))
    assert list(found) == ["case.order.amount"]
    assert needle in found["case.order.amount"]


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("2026-10-01", "2026-10-01"),
        ("2026-10-01T14:30", "2026-10-01T14:30"),
        ("2026-10-01T14:30:05", "2026-10-01T14:30:05"),
        ("2026-10-01 14:30", "2026-10-01T14:30"),
        ("2026-2-3", "2026-02-03"),
        ("2024-02-29", "2024-02-29"),
    ],
)
def test_times_are_normalised(raw, normal):
    got = case.normalise(envelope(order={"ordered_at": raw}))["order"]["ordered_at"]
    assert got == normal


@pytest.mark.parametrize(
    ("raw", "needle"),
    [
        ("2026-02-30", "2026年2月没有30日"),
        ("2025-02-29", "2025年2月没有29日"),
        ("2026-13-01", "月份 13 不存在"),
        ("2026-10-01T24:00", "时分秒不存在"),
        ("2026-10-01T14:30+08:00", "带了时区"),
        ("2026-10-01T06:30Z", "带了时区"),
        ("2026-10-01T14:30:05.123", "不要带小数"),
        ("10/01/2026", "格式不对"),
        ("昨天", "格式不对"),
        ("1899-01-01", "年份"),
        (20261001, "应为文字"),
    ],
)
def test_bad_times_name_the_field(raw, needle):
    found = errors_of(envelope(contacts=[{"channel": "chat"}, {"channel": "ticket", "at": raw}]))
    assert list(found) == ["case.contacts[1].at"]
    assert needle in found["case.contacts[1].at"]


@pytest.mark.parametrize(
    ("fields", "path", "needle"),
    [
        ({"problem": "broken"}, "case.problem", "invalid_key（卡密无效）"),
        ({"problem": ""}, "case.problem", "必须填写"),
        ({"merchant": {"marketplace": "amazon"}}, "case.merchant.marketplace", "taobao（淘宝）"),
        ({"order": {"paid_via": "cash"}}, "case.order.paid_via", "alipay（支付宝）"),
        ({"demands": [{"kind": "money"}]}, "case.demands[0].kind", "refund（退款）"),
        ({"contacts": [{"channel": "weibo"}]}, "case.contacts[0].channel", "12315"),
        ({"contacts": [{}]}, "case.contacts[0].channel", "必须填写"),
        (
            {"contacts": [{"channel": "chat", "outcome": "ok"}]},
            "case.contacts[0].outcome",
            "resolved",
        ),
        ({"evidence": [{"kind": "photo"}]}, "case.evidence[0].kind", "order_record"),
        (
            {"evidence": [{"kind": "chat_log", "have": "yes"}]},
            "case.evidence[0].have",
            "true 或 false",
        ),
        ({"suspected_fraud": "no"}, "case.suspected_fraud", "true 或 false"),
        ({"order": {"quantity": 0}}, "case.order.quantity", "之间"),
        ({"order": {"quantity": "两个"}}, "case.order.quantity", "整数"),
        ({"order": {"quantity": 1.5}}, "case.order.quantity", "整数"),
        ({"platform_window_days": 0}, "case.platform_window_days", "之间"),
        ({"small_claims_limit": "-1"}, "case.small_claims_limit", "负数"),
        ({"merchant": {"name": 12}}, "case.merchant.name", "应为文字"),
        ({"contacts": "none"}, "case.contacts", "列表"),
        ({"contacts": ["chat"]}, "case.contacts[0]", "对象"),
        ({"order": []}, "case.order", "对象"),
        ({"facts": "长" * 20_001}, "case.facts", "太长"),
    ],
)
def test_each_error_names_its_field_in_chinese(fields, path, needle):
    found = errors_of(envelope(**fields))
    assert path in found, found
    assert needle in found[path]


def test_all_errors_are_reported_at_once_problem_first():
    doc = envelope(
        problem="x",
        order={"amount": 1.5, "ordered_at": "2026-02-30"},
        contacts=[{"channel": "chat", "at": "2026-10-01T25:00"}],
    )
    fields = [e.field for e in case.validate(doc)]
    assert fields[0] == "case.problem"
    assert set(fields) == {
        "case.problem",
        "case.order.amount",
        "case.order.ordered_at",
        "case.contacts[0].at",
    }
    with pytest.raises(CaseError) as info:
        case.normalise(doc)
    assert len(info.value.errors) == 4
    assert "case.order.amount：" in str(info.value)


@pytest.mark.parametrize(
    ("doc", "field", "needle"),
    [
        ([], "", "JSON 对象"),
        ({"format": "other", "version": 1, "case": {}}, "format", "weiquan-case"),
        ({"version": 1, "case": {}}, "format", "缺失"),
        ({"format": "weiquan-case", "case": {}}, "version", "缺失"),
        ({"format": "weiquan-case", "version": "1", "case": {}}, "version", "整数"),
        ({"format": "weiquan-case", "version": 3, "case": {}}, "version", "更新的维权助手"),
        ({"format": "weiquan-case", "version": 99, "case": {}}, "version", "第 99 版"),
        ({"format": "weiquan-case", "version": 0, "case": {}}, "version", "不认识的版本号"),
        ({"format": "weiquan-case", "version": 1}, "case", "缺少案件内容"),
        ({"format": "weiquan-case", "version": 1, "case": []}, "case", "缺少案件内容"),
    ],
)
def test_envelope_errors(doc, field, needle):
    found = case.validate(doc)
    assert [e.field for e in found] == [field]
    assert needle in found[0].message


def test_migrate_current_version_is_unchanged_and_not_mutated():
    doc = {**envelope(order={"amount": "5"}), "version": case.CURRENT_VERSION}
    snapshot = json.loads(json.dumps(doc))
    assert case.migrate(doc) == snapshot
    assert doc == snapshot


def test_migrate_runs_each_upgrade_step_in_order(monkeypatch):
    # Pretend the format is at version 3 and files from version 1 need two steps.
    calls = []

    def v1_to_v2(doc):
        calls.append(1)
        body = dict(doc["case"], problem=doc["case"].pop("type"))
        return {**doc, "version": 2, "case": body}

    def v2_to_v3(doc):
        calls.append(2)
        return {**doc, "version": 3}

    monkeypatch.setattr(case, "CURRENT_VERSION", 3)
    monkeypatch.setattr(case, "UPGRADES", {1: v1_to_v2, 2: v2_to_v3})
    old = {"format": "weiquan-case", "version": 1, "case": {"type": "vanished"}}
    upgraded = case.migrate(old)
    assert calls == [1, 2]
    assert upgraded["version"] == 3
    assert upgraded["case"]["problem"] == "vanished"
    assert old["version"] == 1


def test_migrate_without_a_step_is_a_clear_error(monkeypatch):
    monkeypatch.setattr(case, "CURRENT_VERSION", 2)
    monkeypatch.setattr(case, "UPGRADES", {})
    with pytest.raises(CaseError, match="无法把第 1 版的文件升级"):
        case.migrate(envelope())


# The order's optional situation fields (issue 20): each "" until the person says.
SITUATION_ORDER_FIELDS = (
    "purpose",
    "paid_to",
    "payer",
    "payer_name",
    "account_holder",
    "payment_account_closed",
    "delivered",
    "worked_days",
    "face_value",
    "after_sales_until",
    "service_days",
    "service_used_days",
    "unused_amount",
    "refund_offer",
)


def test_missing_optional_fields_get_empty_defaults_never_guesses():
    normal = case.normalise(envelope())
    assert normal["order"] == {
        "id": "",
        "item": "",
        "quantity": 1,
        "amount": "",
        "paid_via": "",
        "ordered_at": "",
        "problem_found_at": "",
        "payments": [],
        "quantity_failed": None,
        **dict.fromkeys(SITUATION_ORDER_FIELDS, ""),
    }
    assert normal["consumer"]["minor"] == ""
    assert normal["merchant"]["marketplace"] == ""
    assert normal["suspected_fraud"] is False
    assert normal["small_claims_limit"] == "" and normal["platform_window_days"] is None
    assert normal["demands"] == normal["contacts"] == normal["evidence"] == []
    demand = case.normalise(envelope(demands=[{"kind": "reissue"}]))["demands"][0]
    assert demand == {"kind": "reissue", "amount": "", "quantity": None, "note": ""}
    contact = case.normalise(envelope(contacts=[{"channel": "chat"}]))["contacts"][0]
    assert contact["outcome"] == "" and contact["at"] == ""
    assert case.normalise(envelope(evidence=[{"kind": "chat_log"}]))["evidence"][0]["have"]


def test_unknown_fields_are_kept():
    doc = envelope(ui_note="草稿", merchant={"name": "甲", "legal_rep": "张三"})
    normal = case.normalise(doc)
    assert normal["ui_note"] == "草稿"
    assert normal["merchant"]["legal_rep"] == "张三"


def test_normalise_accepts_bare_and_normalised_case():
    normal = case.normalise(envelope(order={"amount": "9.9"}))
    assert case.normalise(normal) == normal
    assert case.normalise({"problem": "vanished"})["problem"] == "vanished"


def test_dump_and_dumps():
    normal = case.blank("late_reissue")
    wrapped = case.dump(normal)
    assert wrapped == {"format": "weiquan-case", "version": 2, "case": normal}
    text = case.dumps(normal)
    assert "\\u" not in text and "late_reissue" in text


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("", "空的"),
        ("{", "不是有效的 JSON"),
        ('{"a": 1,}', "最后一项后面不要多逗号"),
        ('{"a": NaN}', "不支持 NaN"),
        (b"\xff\xfe", "UTF-8"),
    ],
)
def test_parse_errors(text, needle):
    with pytest.raises(CaseError) as info:
        case.load(text)
    assert needle in str(info.value)


def test_bom_is_accepted():
    text = "\ufeff" + json.dumps(envelope())
    assert case.load(text.encode("utf-8"))["problem"] == "invalid_key"


@pytest.mark.parametrize(
    ("code", "ok"),
    [
        ("91350100M000100Y43", True),
        ("91350100M000100Y44", False),
        ("9135010", False),
        ("91350100M000100YI3", False),
        ("", True),
    ],
)
def test_credit_code_check(code, ok):
    assert (case.credit_code_problem(code) is None) is ok


# ------------------------------------------------------------------ round trip property

_text = st.text(alphabet=st.sampled_from("卡密无效退款补单客服abc123 ，。"), max_size=20)
_money = st.decimals(min_value=0, max_value=99999, places=2).map(str)
_day = st.dates(
    min_value=__import__("datetime").date(2020, 1, 1),
    max_value=__import__("datetime").date(2030, 12, 31),
)
_time = st.one_of(
    st.just(""),
    _day.map(lambda d: d.isoformat()),
    st.tuples(_day, st.integers(0, 23), st.integers(0, 59)).map(
        lambda t: f"{t[0].isoformat()}T{t[1]:02d}:{t[2]:02d}"
    ),
)
_cases = st.fixed_dictionaries(
    {
        "problem": st.sampled_from(list(case.PROBLEMS)),
        "suspected_fraud": st.booleans(),
        "merchant": st.fixed_dictionaries(
            {"name": _text, "marketplace": st.sampled_from(["", *case.MARKETPLACES])}
        ),
        "order": st.fixed_dictionaries(
            {
                "id": _text,
                "amount": st.one_of(st.just(""), _money),
                "quantity": st.integers(1, 50),
                "paid_via": st.sampled_from(["", *case.PAID_VIA]),
                "ordered_at": _time,
                "problem_found_at": _time,
            }
        ),
        "demands": st.lists(
            st.fixed_dictionaries(
                {"kind": st.sampled_from(list(case.DEMAND_KINDS)), "amount": _money}
            ),
            max_size=3,
        ),
        "contacts": st.lists(
            st.fixed_dictionaries(
                {
                    "at": _time,
                    "channel": st.sampled_from(list(case.CHANNELS)),
                    "outcome": st.sampled_from(["", *case.OUTCOMES]),
                    "promise_due": _time,
                    "summary": _text,
                }
            ),
            max_size=4,
        ),
        "evidence": st.lists(
            st.fixed_dictionaries(
                {"kind": st.sampled_from(list(case.EVIDENCE_KINDS)), "have": st.booleans()}
            ),
            max_size=5,
        ),
        "facts": _text,
    }
)


@settings(max_examples=60, deadline=None)
@given(_cases)
def test_normalise_dump_load_is_identity(raw):
    normal = case.normalise(raw)
    assert case.load(case.dumps(normal)) == normal
    assert case.normalise(case.dump(normal)) == normal


# ------------------------------------------------------------ the court packet (issue 22)


@pytest.mark.parametrize(
    ("where", "key", "value", "needle"),
    [
        ("consumer", "postcode", "31001", "6 位数字"),
        ("consumer", "email", "wang.example.com", "电子邮箱"),
        ("consumer", "e_service", "maybe", "可选"),
    ],
)
def test_court_packet_fields_refuse_bad_values_naming_the_field(where, key, value, needle):
    doc = {"problem": "invalid_key", where: {key: value}}
    errors = case.validate({"format": "weiquan-case", "version": 2, "case": doc})
    assert [e.field for e in errors] == [f"case.{where}.{key}"]
    assert needle in errors[0].message


def test_court_packet_fields_default_to_unknown_and_keep_what_is_given():
    blank = case.normalise({"problem": "invalid_key"})
    assert blank["consumer"]["e_service"] == "" and blank["jurisdiction_clause"] == ""
    assert all(blank["merchant"][k] == "" for k in ("domicile", "id_number", "work_unit"))
    filled = case.normalise(
        {
            "problem": "invalid_key",
            "consumer": {"postcode": "310005", "email": "a@b.cn", "e_service": "yes"},
            "merchant": {"domicile": "浙江省义乌市", "gender": "男"},
            "jurisdiction_clause": "无",
        }
    )
    assert (
        filled["consumer"]["e_service"] == "yes"
        and filled["merchant"]["domicile"] == "浙江省义乌市"
    )
    assert case.normalise(case.dump(filled)) == filled
