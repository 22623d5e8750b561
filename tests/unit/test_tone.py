"""Tone checks: flag insults, threats and vague demands — and leave legal wording alone."""

from __future__ import annotations

import pytest
from weiquan import case, tone


@pytest.mark.parametrize(
    ("text", "code", "match"),
    [
        ("你们就是骗子", "tone", "骗子"),
        ("黑心商家，还我钱", "tone", "黑心商家"),
        ("这就是个诈骗平台", "tone", "诈骗平台"),
        ("垃圾平台", "tone", "垃圾"),
        ("卖假卡的奸商", "tone", "奸商"),
        ("客服都去死吧", "tone", "去死"),
        ("再不退我就曝光你们", "tone", "我就曝光你们"),
        ("我要去网上曝光", "tone", "我要去网上曝光"),
        ("你们给我等着", "tone", "你们给我等着"),
        ("等着瞧", "tone", "等着瞧"),
        ("让你们店倒闭", "tone", "让你们店倒闭"),
        ("什么破店 SB", "tone", "SB"),
        ("售后差", "vague-demand", "售后差"),
        ("你们服务太差了", "vague-demand", "服务太差"),
        ("一直不处理", "vague-demand", "一直不处理"),
        ("给个说法", "vague-demand", "给个说法"),
        ("必须给我一个交代", "vague-demand", "给我一个交代"),
        ("你们自己看着办", "vague-demand", "你们自己看着办"),
        ("请尽快处理", "vague-demand", "尽快处理"),
        ("赶紧给我退钱", "vague-demand", "赶紧给我退钱"),
        ("要求赔偿我的损失", "vague-demand", "赔偿我的损失"),
        ("请严肃处理", "vague-demand", "严肃处理"),
    ],
)
def test_flags(text, code, match):
    found = tone.check(text)
    assert [(f["code"], f["text"]) for f in found] == [(code, match)]
    finding = found[0]
    assert text[finding["start"] : finding["end"]] == match
    assert finding["message"] and finding["suggestion"]


@pytest.mark.parametrize(
    "text",
    [
        "涉嫌欺诈，依据消法第五十五条要求三倍赔偿",
        "平台存在欺诈行为",
        "我将向12315投诉",
        "保留起诉的权利",
        "如在10月8日前仍不处理，我将向12315投诉，并保留起诉的权利。",
        "若48小时内不处理，我将申请平台介入",
        "不处理的话我会向市场监管部门反映",
        "请于2026年10月8日前尽快退款300元",
        "要求赔偿损失300元",
        "要求退还货款300.00元，并依据消法第五十五条赔偿500元",
        "商家涉嫌诈骗，我已向公安机关报案",
        "我的邮件被归入垃圾邮件，请查收",
        "该平台曾被媒体曝光过同类问题",
        "客服态度良好，但问题没有解决",
        "平台差价退还",
        "已向国家反诈骗中心咨询",
        "卡密提示已被使用，截图附后",
        "我于10月1日购买点卡，支付300元，收到的卡密无法使用。",
        "USB 数据线",
        "请在3个工作日内处理",
    ],
)
def test_legal_and_factual_wording_is_not_flagged(text):
    assert tone.check(text) == []


def test_positions_are_offsets_in_the_text():
    text = "我10月1日买的卡。你们是骗子！售后差。"
    found = tone.check(text)
    assert [(f["text"], f["start"]) for f in found] == [("骗子", 13), ("售后差", 16)]


def test_suggestion_follows_fact_basis_demand_with_case_details():
    normal = case.normalise(
        {
            "problem": "invalid_key",
            "order": {"id": "A-1", "item": "点卡", "amount": "300", "ordered_at": "2026-10-01"},
            "demands": [{"kind": "refund", "amount": "300"}],
            "facts": "骗子！",
            "contacts": [{"channel": "chat", "summary": "给个说法"}],
        }
    )
    found = tone.check_case(normal)
    assert [(f["field"], f["code"]) for f in found] == [
        ("case.facts", "tone"),
        ("case.contacts[0].summary", "vague-demand"),
    ]
    insult = found[0]["suggestion"].split("例如：", 1)[1]
    assert "10月1日" in insult and "A-1" in insult and "300.00元" in insult
    assert "第二十四条" in insult and "退款300.00元" in insult
    assert insult.index("购买") < insult.index("依据") < insult.index("退款")
    assert "退款300.00元" in found[1]["suggestion"]
    assert found[0]["rules"] == found[1]["rules"] == ["cpl-24"]


def test_threat_suggestion_points_to_formal_routes():
    (finding,) = tone.check("曝光你")
    assert "12315" in finding["suggestion"] and "起诉" in finding["suggestion"]


@pytest.mark.parametrize(
    ("demands", "asked"),
    [
        (
            [{"kind": "refund", "amount": "300"}, {"kind": "reissue", "quantity": 3}],
            "退款300.00元，或补发3张有效卡密。",
        ),
        (
            [{"kind": "reissue", "quantity": 1}, {"kind": "compensation", "amount": "50"}],
            "补发1张有效卡密，并赔偿50.00元。",
        ),
        ([{"kind": "compensation", "amount": "50"}], "前赔偿50.00元。"),
    ],
)
def test_suggested_demand_offers_refund_or_reissue_like_the_letters(demands, asked):
    normal = case.normalise(
        {"problem": "invalid_key", "order": {"amount": "300"}, "demands": demands}
    )
    (finding,) = tone.check("给个说法", normal)
    assert finding["suggestion"].endswith(asked + "”")
