"""The review step (weiquan.review): what a person sees of each intake screen, from the core."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from weiquan import api, case, fields, review

HERE = Path(__file__).parent


def lines(doc: object, screen: str) -> list[str]:
    return next(s["lines"] for s in review.review(doc)["screens"] if s["id"] == screen)


def file_case(name: str) -> dict:
    return json.loads((HERE / name).read_text("utf-8"))


# A real case file, a screen, and a line it shows ("" after `absent`: no line holds it).
FROM_FILES = [
    # A choice by its words; a question asked otherwise for a private seller (asked_as).
    (
        "cases/25_private_wechat_seller_not_delivered.json",
        "shop",
        "卖家是公司/网店，还是个人：个人卖家",
    ),
    (
        "cases/25_private_wechat_seller_not_delivered.json",
        "shop",
        "卖家的真实姓名（知道的话）：张峰",
    ),
    (
        "cases/25_private_wechat_seller_not_delivered.json",
        "order",
        "下单时间：2026年10月10日 19:30",
    ),
    (
        "cases/25_private_wechat_seller_not_delivered.json",
        "demands",
        "赔偿 7500.00 元 要求三倍赔偿",
    ),
    (
        "cases/25_private_wechat_seller_not_delivered.json",
        "me",
        "本省小额诉讼标准（元，可选）：48000.00",
    ),
    ("cases/24_scam_several_payments_qq_site.json", "problem", "未发货"),
    (
        "cases/24_scam_several_payments_qq_site.json",
        "order",
        "第 1 笔付款：2026年11月5日 20:12 · 480.00 元 · 微信支付 · 单号 4200002291202611050001",
    ),
    (
        "cases/28_refund_to_site_balance.json",
        "shop",
        "第 1 条规则：用户协议 第7条 虚拟商品售出不退，如确需退款的，一律退至本站余额。"
        "（对我有利，可以援引）",
    ),
    # A contact's date alone; the party without its bracketed explanation.
    (
        "cases/16_court_filed.json",
        "contacts",
        "第 2 次：2026年6月10日 · 12315 · 市场监管部门 · 调解未成功",
    ),
    ("cases/16_court_filed.json", "shop", "统一社会信用代码（可选）：91350100M000100Y43"),
    ("cases/17_mostly_empty.json", "contacts", "第 1 次：时间未填 · 客服工单 · 商家"),
]


@pytest.mark.parametrize(("name", "screen", "line"), FROM_FILES)
def test_a_case_file_reviews_as_the_form_shows_it(name, screen, line):
    assert line in lines(file_case(name), screen)


# Values the file holds for a question the form does not ask for this case (shown_when).
HIDDEN_IN_FILES = [
    ("corpus/01_game_shutdown_unused_currency_guangzhou.json", "order", "东西收到了吗"),
    ("corpus/21_reseller_discount_cards_stolen_orders_closed.json", "order", "还没用完的余额"),
    ("corpus/22_discount_top_up_laundered_money_account_banned.json", "order", "卡或充值的面值"),
    ("corpus/10_scam_half_price_points_five_payments.json", "order", "买这个是自己用"),
]


@pytest.mark.parametrize(("name", "screen", "words"), HIDDEN_IN_FILES)
def test_a_question_not_asked_for_the_case_is_not_reviewed(name, screen, words):
    shown = lines(file_case(name), screen)
    assert shown and not any(words in line for line in shown)


def test_every_intake_screen_but_the_review_is_reviewed_in_order_with_its_title():
    result = review.review(file_case("cases/17_mostly_empty.json"))
    expected = [(s["id"], s["title"]) for s in fields.screens() if s["id"] != "review"]
    assert [(s["id"], s["title"]) for s in result["screens"]] == expected
    assert result["none"] == "（未填写）"
    assert lines(file_case("cases/17_mostly_empty.json"), "facts") == []


BASE = {"problem": "invalid_key"}

# A case as the form holds it (values as typed), a screen, and exactly its lines.
TYPED = [
    (
        "a private seller is not asked for a credit code",
        {"merchant": {"kind": "individual", "credit_code": "91350100M000100Y43"}},
        "shop",
        ["卖家是公司/网店，还是个人：个人卖家"],
    ),
    (
        "a shop is",
        {"merchant": {"kind": "business", "credit_code": "91350100M000100Y43"}},
        "shop",
        [
            "卖家是公司/网店，还是个人：公司或网店（经营者）",
            "统一社会信用代码（可选）：91350100M000100Y43",
        ],
    ),
    (
        "a quantity typed as text counts as the number",
        {"order": {"quantity": "3", "quantity_failed": 1}},
        "order",
        ["数量：3", "只有部分有问题？写出问题的数量（可选）：1"],
    ),
    (
        "a half-typed amount is shown as typed",
        {"order": {"amount": "3百"}},
        "order",
        ["实付金额（元）：3百"],
    ),
    (
        "a radio left on 不清楚 says so; an empty drop-down says nothing",
        {"order": {"paid_to": "", "paid_via": ""}, "consumer": {"e_service": ""}},
        "order",
        ["钱付到了哪里：不清楚"],
    ),
    (
        "a date without a time, a drop-down by its words",
        {"order": {"problem_found_at": "2026-11-03", "paid_via": "wechat"}},
        "order",
        ["支付方式：微信支付", "发现问题的时间：2026年11月3日"],
    ),
    (
        "the refund question follows the contacts once one agreed",
        {
            "contacts": [{"channel": "ticket", "party": "merchant", "outcome": "agreed"}],
            "order": {"refund_offer": "site_balance"},
        },
        "contacts",
        [
            "第 1 次：时间未填 · 客服工单 · 商家",
            "对方同意退款，是怎么退：只肯退到网站或游戏里的余额",
        ],
    ),
    (
        "and is not asked before",
        {
            "contacts": [{"channel": "ticket", "party": "merchant", "outcome": "refused"}],
            "order": {"refund_offer": "site_balance"},
        },
        "contacts",
        ["第 1 次：时间未填 · 客服工单 · 商家"],
    ),
    (
        "evidence counts what is held",
        {"evidence": [{"kind": "order_record", "have": True}, {"kind": "chat_log", "have": False}]},
        "evidence",
        ["已保存 1 项"],
    ),
    (
        "a payment with nothing said but its amount",
        {"order": {"payments": [{"amount": "100"}, {}]}},
        "order",
        ["第 1 笔付款：时间未填 · 100 元", "第 2 笔付款：时间未填 · ? 元"],
    ),
    (
        "a clause with nothing said",
        {"rules": [{}]},
        "shop",
        ["第 1 条规则：未填写（用法未选）"],
    ),
    (
        "a ticked fraud box is said in its own words",
        {"suspected_fraud": True},
        "problem",
        ["卡密无效", fields.field("suspected_fraud").label],
    ),
]


@pytest.mark.parametrize(
    ("kase", "screen", "expected"),
    [pytest.param(k, s, e, id=what) for what, k, s, e in TYPED],
)
def test_a_typed_case_reviews_as_the_form_shows_it(kase, screen, expected):
    assert lines({**BASE, **kase}, screen) == expected


def _value(f: fields.Field) -> tuple[object, str]:
    """A value the form could hold for `f`, and the words the review shows for it."""
    if f.widget == "checkbox":
        return True, f.label
    if f.options:
        value, words = next((v, w) for v, w in f.options.items() if v)
        return value, words
    if f.input.startswith("date"):
        return "2026-11-03T08:05", "2026年11月3日 08:05"
    return "7", "7"


def _shown_case(f: fields.Field, value: object) -> dict:
    kase: dict = {"problem": "", "merchant": {}, "order": {}, "consumer": {}, "contacts": []}
    for test in f.shown_when[:1]:
        path = test["path"]
        said = test["in"][0] if "in" in test else "" if test.get("empty") else test["above"] + 1
        if path.startswith("contacts[]."):
            kase["contacts"] = [{path.removeprefix("contacts[]."): said}]
        else:
            _put(kase, path, said)
    _put(kase, f.path, value)
    return kase


def _put(kase: dict, path: str, value: object) -> None:
    owner, _, key = path.rpartition(".")
    (kase[owner] if owner else kase)[key] = value


@pytest.mark.parametrize(
    "f",
    [f for s in fields.screens() for f in review.fields_of(s["id"])],
    ids=lambda f: f.path,
)
def test_every_declared_field_of_a_screen_is_reviewed_when_asked_and_said(f):
    value, words = _value(f)
    shown = lines(_shown_case(f, value), f.screen)
    expected = words if f.widget in ("checkbox", "own") else f"{f.label.rstrip('？')}：{words}"
    assert expected in shown


def test_the_worker_call_answers_the_review_or_a_chinese_error():
    envelope = {"format": case.FORMAT, "version": case.CURRENT_VERSION, "case": BASE}
    ok = json.loads(api.dispatch("review", json.dumps({"case": envelope})))
    assert ok["ok"] and ok["result"]["screens"][0]["lines"] == ["卡密无效"]
    missing = json.loads(api.dispatch("review", "{}"))["error"]
    assert missing["code"] == "bad-args" and "case" in missing["message"]
    alien = {"format": "other", "version": 1, "case": BASE}
    refused = json.loads(api.dispatch("review", json.dumps({"case": alien})))["error"]
    assert refused["code"] == "invalid-case" and "不是维权助手的案件文件" in refused["message"]
