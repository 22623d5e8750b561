"""Case format v2 (DESIGN.md "Version 2"): the new fields, their messages, and v1 migration."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from weiquan import case, clauses
from weiquan.case import CaseError

_CHINESE = re.compile(r"[\u4e00-\u9fff]")
VALID_CODE = "91350100M000100Y43"


def v1(**fields) -> dict:
    return {"format": "weiquan-case", "version": 1, "case": {"problem": "invalid_key", **fields}}


def v2(**fields) -> dict:
    return {"format": "weiquan-case", "version": 2, "case": {"problem": "invalid_key", **fields}}


def errors_of(doc) -> dict[str, str]:
    return {e.field: e.message for e in case.validate(doc)}


# ------------------------------------------------------------------ vocabularies


def test_every_vocabulary_has_a_chinese_label_for_every_value():
    assert set(case.VOCABULARIES) >= {
        "problems",
        "merchant_kinds",
        "marketplaces",
        "paid_via",
        "demand_kinds",
        "channels",
        "parties",
        "outcomes",
        "evidence_kinds",
        "stances",
    }
    for name, vocab in case.VOCABULARIES.items():
        assert vocab, name
        for key, label in vocab.items():
            assert re.fullmatch(r"[a-z0-9_]+", key), (name, key)
            assert _CHINESE.search(label) or label.isdigit(), (name, key)


def test_design_vocabularies_of_version_2():
    assert set(case.MERCHANT_KINDS) == {"business", "individual", "unknown"}
    assert set(case.PARTIES) == {
        "merchant",
        "marketplace",
        "payment",
        "regulator",
        "association",
        "police",
        "court",
        "lawyer",
        "third_party",
    }
    assert {"payment", "police"} <= set(case.CHANNELS)
    assert set(case.STANCES) == {"supports", "unfair"}
    assert "revoked" in case.PROBLEMS
    assert set(case.CHANNEL_PARTY) <= set(case.CHANNELS)
    assert set(case.CHANNEL_PARTY.values()) <= set(case.PARTIES)


# ------------------------------------------------------------------ new fields: shapes


def test_blank_case_has_every_version_2_field():
    blank = case.blank("revoked")
    assert blank["problem"] == "revoked"
    assert {k: blank["merchant"][k] for k in ("kind", "handle", "legal_name", "legal_rep")} == {
        "kind": "unknown",
        "handle": "",
        "legal_name": "",
        "legal_rep": "",
    }
    assert blank["order"]["payments"] == [] and blank["order"]["quantity_failed"] is None
    assert blank["small_claims_limit"] == ""
    assert case.dump(blank)["version"] == 2


def test_version_2_fields_are_read_and_normalised():
    normal = case.normalise(
        v2(
            merchant={"kind": "individual", "handle": " 微信号 abc_88 ", "legal_name": "张三"},
            order={
                "quantity": 3,
                "quantity_failed": 1,
                "payments": [
                    {"at": "2026-05-01 10:00", "amount": "100", "paid_via": "wechat"},
                    {"at": "2026-05-02", "amount": "50.5", "txn_id": "T-2"},
                ],
            },
            contacts=[{"channel": "police", "party": "police", "at": "2026-05-03"}],
            rules=[{"text": "充值后可在24小时内申请退款", "stance": "supports"}],
            small_claims_limit="48000",
        )
    )
    assert normal["merchant"]["kind"] == "individual"
    assert normal["merchant"]["handle"] == "微信号 abc_88"
    assert normal["order"]["payments"] == [
        {
            "at": "2026-05-01T10:00",
            "amount": "100.00",
            "paid_via": "wechat",
            "txn_id": "",
            "payee": "",
        },
        {"at": "2026-05-02", "amount": "50.50", "paid_via": "", "txn_id": "T-2", "payee": ""},
    ]
    # order.amount is the total paid: filled in from the payments when left empty.
    assert normal["order"]["amount"] == "150.50"
    assert normal["order"]["quantity_failed"] == 1
    assert normal["contacts"][0]["party"] == "police"
    assert normal["rules"][0]["stance"] == "supports"
    assert normal["small_claims_limit"] == "48000.00"


@pytest.mark.parametrize(
    ("channel", "party"),
    [
        ("chat", "merchant"),
        ("ticket", "merchant"),
        ("order_complaint", "merchant"),
        ("email", "merchant"),
        ("phone", "merchant"),
        ("marketplace", "marketplace"),
        ("12315", "regulator"),
        ("association", "association"),
        ("lawyer", "lawyer"),
        ("court", "court"),
        ("payment", "payment"),
        ("police", "police"),
    ],
)
def test_party_defaults_to_what_the_channel_meant(channel, party):
    for doc in (v1(contacts=[{"channel": channel}]), v2(contacts=[{"channel": channel}])):
        assert case.normalise(doc)["contacts"][0]["party"] == party


def test_a_given_party_is_kept_whatever_the_channel():
    contact = {"channel": "phone", "party": "third_party", "summary": "打给游戏运营方"}
    assert case.normalise(v2(contacts=[contact]))["contacts"][0]["party"] == "third_party"


# ------------------------------------------------------------------ new fields: messages


def _allowed(vocab: dict[str, str]) -> str:
    return "、".join(f"{k}（{v}）" for k, v in vocab.items())


@pytest.mark.parametrize(
    ("fields", "field", "needles"),
    [
        (
            {"merchant": {"kind": "company"}},
            "case.merchant.kind",
            ["“company”", "individual（个人卖家）"],
        ),
        ({"merchant": {"handle": 12345}}, "case.merchant.handle", ["应为文字", "数字 12345"]),
        ({"merchant": {"legal_name": ["张三"]}}, "case.merchant.legal_name", ["应为文字"]),
        ({"merchant": {"legal_rep": True}}, "case.merchant.legal_rep", ["应为文字"]),
        ({"merchant": {"handle": "x" * 301}}, "case.merchant.handle", ["太长了", "最多 300 字"]),
        (
            {"contacts": [{"channel": "chat", "party": "shop"}]},
            "case.contacts[0].party",
            ["“shop”", "third_party（其他方"],
        ),
        ({"contacts": [{"channel": "wechat_pay"}]}, "case.contacts[0].channel", ["payment（"]),
        ({"order": {"payments": {"amount": "1"}}}, "case.order.payments", ["应为列表"]),
        ({"order": {"payments": ["100"]}}, "case.order.payments[0]", ["每一条应为一组字段"]),
        (
            {"order": {"payments": [{"amount": 100}]}},
            "case.order.payments[0].amount",
            ['"100.00"', "带引号"],
        ),
        (
            {"order": {"payments": [{"amount": "¥100"}]}},
            "case.order.payments[0].amount",
            ["不要带 ¥"],
        ),
        (
            {"order": {"payments": [{"at": "2026-02-30"}]}},
            "case.order.payments[0].at",
            ["2月没有30日"],
        ),
        (
            {"order": {"payments": [{"paid_via": "paypal"}]}},
            "case.order.payments[0].paid_via",
            ["“paypal”", "alipay（支付宝）"],
        ),
        ({"order": {"payments": [{"txn_id": 42}]}}, "case.order.payments[0].txn_id", ["应为文字"]),
        ({"order": {"quantity_failed": 0}}, "case.order.quantity_failed", ["1 到"]),
        ({"order": {"quantity_failed": "一"}}, "case.order.quantity_failed", ["整数"]),
        (
            {"order": {"quantity": 2, "quantity_failed": 3}},
            "case.order.quantity_failed",
            ["出问题的数量 3 不能多于订单数量 2"],
        ),
        (
            {
                "order": {
                    "amount": "500.00",
                    "payments": [{"amount": "300"}, {"amount": "150"}],
                }
            },
            "case.order.amount",
            ["500.00 元与各笔付款之和 450.00 元", "300.00 + 150.00", "请改为 450.00"],
        ),
        ({"rules": [{"text": "…", "stance": "bad"}]}, "case.rules[0].stance", ["unfair（"]),
        ({"small_claims_limit": "5万"}, "case.small_claims_limit", ["格式不对"]),
        ({"small_claims_limit": 48000}, "case.small_claims_limit", ['"48000.00"']),
        ({"problem": "banned"}, "case.problem", ["revoked（到账后被追回或封号）"]),
    ],
)
def test_each_new_field_is_validated_with_a_message_naming_it(fields, field, needles):
    found = errors_of(v2(**fields))
    assert list(found) == [field]
    for needle in needles:
        assert needle in found[field]
    assert _CHINESE.search(found[field])


def test_bad_vocabulary_values_list_every_allowed_label():
    message = errors_of(v2(merchant={"kind": "x"}))["case.merchant.kind"]
    assert _allowed(case.MERCHANT_KINDS) in message
    message = errors_of(v2(contacts=[{"channel": "chat", "party": "x"}]))["case.contacts[0].party"]
    assert _allowed(case.PARTIES) in message


def test_payments_with_an_unknown_amount_do_not_contradict_the_total():
    doc = v2(order={"amount": "500.00", "payments": [{"amount": "300"}, {"at": "2026-05-01"}]})
    assert case.validate(doc) == []
    assert case.normalise(doc)["order"]["amount"] == "500.00"


# ------------------------------------------------------------------ rules[].stance


@pytest.mark.parametrize(
    ("rule", "stance"),
    [
        ({"text": "虚拟商品一经售出概不退款", "stance": "supports"}, "unfair"),
        ({"text": "本店卡密 售出 不退", "stance": ""}, "unfair"),
        ({"clause": "第9条", "text": "用户不得向12315或消协投诉", "stance": "supports"}, "unfair"),
        ({"title": "争议解决", "text": "用户放弃诉权，不得向法院起诉"}, "unfair"),
        ({"text": "卡密无效的，24小时内可申请退款", "stance": "supports"}, "supports"),
        ({"text": "最终解释权归本站所有", "stance": "unfair"}, "unfair"),
        ({"text": "发货后30分钟内到账"}, ""),
    ],
)
def test_clauses_excluding_refunds_complaints_or_lawsuits_are_unfair_whatever_was_picked(
    rule, stance
):
    assert case.normalise(v2(rules=[rule]))["rules"][0]["stance"] == stance


def test_clause_phrases_come_from_content():
    loaded = clauses.load()
    assert {g.key for g in loaded.unfair} == {"refund", "complaint", "lawsuit"}
    assert all(g.phrases and _CHINESE.search(g.label) for g in loaded.unfair)
    assert loaded.punitive_multiple == 3


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("[unfair]\n", "[unfair.*]"),
        ("[unfair.refund]\nphrases = ['不退']\n[punitive_damages]\n", "unfair.refund.label"),
        ("[unfair.refund]\nlabel = 'x'\nphrases = []\n", "unfair.refund.phrases"),
        ("[unfair.refund]\nlabel = 'x'\nphrases = ['a']\n", "[punitive_damages]"),
        (
            "[unfair.r]\nlabel='x'\nphrases=['a']\n[punitive_damages]\nphrases=['b']\n",
            "punitive_damages.multiple",
        ),
        ("not toml = = 1", "不是有效的 TOML"),
    ],
)
def test_a_broken_clauses_file_names_the_key(text, needle):
    with pytest.raises(ValueError) as info:
        clauses.parse(text)
    assert "clauses.toml" in str(info.value) and needle in str(info.value)


# ------------------------------------------------------------------ migration v1 → v2


def test_v1_migrates_to_v2_without_touching_the_original():
    old = v1(
        merchant={"name": "某卡盟", "credit_code": VALID_CODE, "legal_name": "某公司"},
        contacts=[{"channel": "12315"}, {"channel": "chat"}],
        small_claims_limit="40000.00",
    )
    snapshot = json.loads(json.dumps(old))
    new = case.migrate(old)
    assert old == snapshot
    assert new["version"] == 2
    assert new["case"]["merchant"]["kind"] == "business"
    assert [c["party"] for c in new["case"]["contacts"]] == ["regulator", "merchant"]
    normal = case.normalise(new)
    assert normal["merchant"]["legal_name"] == "某公司"
    assert normal["small_claims_limit"] == "40000.00"


@pytest.mark.parametrize(
    ("merchant", "kind"),
    [
        ({"credit_code": VALID_CODE}, "business"),
        ({"credit_code": VALID_CODE.lower()}, "business"),
        ({"credit_code": "91350100M000100Y44"}, "unknown"),  # check digit off: not proof
        ({"marketplace": "xianyu", "name": "闲鱼小店"}, "unknown"),
        ({"name": "某某科技有限公司"}, "unknown"),
        ({}, "unknown"),
    ],
)
def test_v1_merchant_kind_is_business_only_with_a_valid_credit_code(merchant, kind):
    assert case.migrate(v1(merchant=merchant))["case"]["merchant"]["kind"] == kind


def test_v1_without_merchant_gets_unknown_kind():
    assert case.normalise(v1())["merchant"]["kind"] == "unknown"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"contacts": "chat"}, "case.contacts"),
        ({"contacts": [3]}, "case.contacts[0]"),
        ({"merchant": "某店"}, "case.merchant"),
    ],
)
def test_malformed_v1_data_is_left_for_validation_to_name(fields, field):
    assert field in errors_of(v1(**fields))


def test_v2_file_passes_migration_unchanged():
    doc = v2(contacts=[{"channel": "chat"}])
    assert case.migrate(doc) == doc


# ------------------------------------------------------------------ properties

_text = st.text(alphabet="卡密退款商家abc123 ", max_size=12)
_money = st.decimals(min_value=0, max_value=99999, places=2).map(str)
_time = st.dates(
    min_value=__import__("datetime").date(2020, 1, 1),
    max_value=__import__("datetime").date(2030, 12, 31),
).map(lambda d: d.isoformat())
_contact_v1 = st.fixed_dictionaries(
    {"channel": st.sampled_from([c for c in case.CHANNELS if c not in ("payment", "police")])},
    optional={"at": _time, "summary": _text, "outcome": st.sampled_from(list(case.OUTCOMES))},
)
_v1_cases = st.fixed_dictionaries(
    {"problem": st.sampled_from([p for p in case.PROBLEMS if p != "revoked"])},
    optional={
        "merchant": st.fixed_dictionaries(
            {},
            optional={
                "name": _text,
                "marketplace": st.sampled_from(list(case.MARKETPLACES)),
                "credit_code": st.sampled_from(["", VALID_CODE, "ABC"]),
                "legal_name": _text,
            },
        ),
        "order": st.fixed_dictionaries(
            {}, optional={"amount": _money, "quantity": st.integers(1, 9), "id": _text}
        ),
        "contacts": st.lists(_contact_v1, max_size=4),
        "small_claims_limit": _money,
    },
)


def _as_normalised(key: str, value: object) -> object:
    if key == "amount":
        return case.format_money(case.parse_money(value))
    if key == "credit_code":
        return value.strip().upper()
    return value.strip() if isinstance(value, str) else value


@settings(max_examples=80, deadline=None)
@given(_v1_cases)
def test_migrated_v1_keeps_every_value_and_round_trips(body):
    doc = {"format": "weiquan-case", "version": 1, "case": body}
    normal = case.normalise(doc)
    for section in ("merchant", "order"):
        for key, value in body.get(section, {}).items():
            assert normal[section][key] == _as_normalised(key, value), (section, key)
    for contact, old in zip(normal["contacts"], body.get("contacts", []), strict=True):
        assert contact["channel"] == old["channel"]
        assert contact["party"] == case.CHANNEL_PARTY.get(old["channel"], "merchant")
    exported = json.loads(case.dumps(normal))
    assert exported["version"] == 2
    assert case.load(case.dumps(normal)) == normal


_payment = st.fixed_dictionaries(
    {"amount": _money},
    optional={"at": _time, "paid_via": st.sampled_from(list(case.PAID_VIA)), "txn_id": _text},
)
_v2_cases = st.fixed_dictionaries(
    {
        "problem": st.sampled_from(list(case.PROBLEMS)),
        "merchant": st.fixed_dictionaries(
            {"kind": st.sampled_from(list(case.MERCHANT_KINDS)), "handle": _text}
        ),
        "order": st.fixed_dictionaries(
            {"quantity": st.integers(1, 9), "payments": st.lists(_payment, max_size=4)}
        ),
        "contacts": st.lists(
            st.fixed_dictionaries(
                {
                    "channel": st.sampled_from(list(case.CHANNELS)),
                    "party": st.sampled_from(list(case.PARTIES)),
                }
            ),
            max_size=4,
        ),
        "rules": st.lists(
            st.fixed_dictionaries({"text": _text, "stance": st.sampled_from(["", *case.STANCES])}),
            max_size=3,
        ),
    }
)


@settings(max_examples=80, deadline=None)
@given(_v2_cases)
def test_v2_export_import_is_identity(body):
    normal = case.normalise(body)
    assert case.load(case.dumps(normal)) == normal
    assert case.normalise(normal) == normal
    paid = normal["order"]["payments"]
    if paid:
        assert case.parse_money(normal["order"]["amount"]) == sum(
            case.parse_money(p["amount"]) for p in paid
        )


def test_an_unusable_v2_file_raises_with_every_field_named():
    with pytest.raises(CaseError) as info:
        case.load(v2(merchant={"kind": "x"}, order={"quantity_failed": "2.5"}))
    fields = {e.field for e in info.value.errors}
    assert fields == {"case.merchant.kind", "case.order.quantity_failed"}
