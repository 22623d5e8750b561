"""Letters drafted from a case: golden texts, consistency, missing data, injection, law."""

import copy
import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from weiquan import case as case_model
from weiquan import letter_facts, letterfields, letters
from weiquan.letters import LETTER_KINDS, LETTER_LABELS, draft

GOLDEN = Path(__file__).parent / "golden"
GOLDEN_CASES = sorted(p.name for p in GOLDEN.iterdir() if (p / "case.json").is_file())
TODAY = date(2026, 11, 24)
PLACEHOLDER = re.compile(r"【待补充：([^】]+)】")


def raw_case(name: str) -> dict:
    """The inner case object of a golden case file, before normalisation."""
    return json.loads((GOLDEN / name / "case.json").read_text(encoding="utf-8"))["case"]


def normalised(raw: dict) -> dict:
    return case_model.normalise(raw)


def golden_case(name: str) -> dict:
    return normalised(raw_case(name))


def changed(name: str, edit) -> dict:
    raw = copy.deepcopy(raw_case(name))
    edit(raw)
    return normalised(raw)


# ------------------------------------------------------------------------ contract


def test_kinds_and_labels_are_the_published_ones():
    assert LETTER_KINDS == (
        "platform-order",
        "platform-ticket",
        "platform-email",
        "marketplace",
        "12315",
        "association",
        "lawyer-brief",
        "civil-complaint",
        "evidence-list",
        "termination-notice",
        "complaint-elements",
        "service-address",
        "police-report",
    )
    assert set(LETTER_LABELS) == set(LETTER_KINDS)
    assert all(re.search(r"[\u4e00-\u9fff]", label) for label in LETTER_LABELS.values())


def test_unknown_kind_is_refused_in_chinese_listing_the_valid_ones():
    with pytest.raises(ValueError) as raised:
        draft(golden_case(GOLDEN_CASES[0]), "fax", TODAY)
    message = str(raised.value)
    assert "fax" in message and "文书类型" in message
    assert all(kind in message for kind in LETTER_KINDS)


def test_there_are_at_least_three_realistic_golden_cases():
    assert len(GOLDEN_CASES) >= 3


# --------------------------------------------------------------------------- golden


@pytest.mark.parametrize("kind", LETTER_KINDS)
@pytest.mark.parametrize("name", GOLDEN_CASES)
def test_golden_text(name, kind):
    """Regenerate with UPDATE_GOLDEN=1 — then read every changed text before committing."""
    text = draft(golden_case(name), kind, TODAY).text + "\n"
    path = GOLDEN / name / f"{kind}.txt"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"缺少 {path}，用 UPDATE_GOLDEN=1 生成后逐字检查"
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", GOLDEN_CASES)
def test_golden_letters_show_no_internal_values(name):
    for kind in LETTER_KINDS:
        text = draft(golden_case(name), kind, TODAY).text
        for leak in ("None", "True", "False", "Undefined", "{{", "{%", "[]"):
            assert leak not in text, (kind, leak)


# ------------------------------------------------------------- same facts everywhere


@pytest.mark.parametrize("name", GOLDEN_CASES)
@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda c: c["order"].update(id="ZX-20261124-0042"), "ZX-20261124-0042"),
        # (several payments must add up to the amount: the edit keeps one payment)
        (lambda c: c["order"].update(amount="1234.50", payments=[]), "1234.50元"),
        (lambda c: c["order"].update(item="星河点卡（30元）"), "星河点卡（30元）"),
    ],
    ids=["order-id", "amount", "item"],
)
def test_one_changed_fact_changes_every_letter(name, edit, expected):
    before = golden_case(name)
    after = changed(name, edit)
    for kind in LETTER_KINDS:
        old, new = draft(before, kind, TODAY).text, draft(after, kind, TODAY).text
        assert old != new, kind
        assert expected in new, kind
        assert expected not in old, kind


@pytest.mark.parametrize("name", GOLDEN_CASES)
def test_every_letter_states_the_same_order_and_demands(name):
    the_case = golden_case(name)
    order_id = the_case["order"]["id"]
    amount = f"{the_case['order']['amount']}元"
    for kind in LETTER_KINDS:
        text = draft(the_case, kind, TODAY).text
        assert order_id in text and amount in text, kind
    # The refund each letter asks is the theory's (the cause words it: 退还货款, 返还…).
    refunds = [d["amount"] for d in the_case["demands"] if d["kind"] == "refund"]
    for kind in ("platform-order", "platform-ticket", "platform-email", "12315", "association"):
        text = draft(the_case, kind, TODAY).text
        assert all(f"{refund}元" in text for refund in refunds), kind


# ----------------------------------------------------------------- missing values


@pytest.mark.parametrize("problem", sorted(case_model.PROBLEMS))
@pytest.mark.parametrize("kind", LETTER_KINDS)
def test_empty_case_shows_placeholders_never_invented_values(problem, kind):
    result = draft(case_model.blank(problem), kind, TODAY)
    assert "None" not in result.text
    assert "0.00元" not in result.text
    # A locked balance is the person's own money, not an order (issue 21): no order number
    # is asked in the letters that tell the story (the order-based ones still name it). The
    # police report asks for what the police trace (payments, payee accounts), not for an order
    # number a chat purchase never had.
    if kind != "police-report" and (
        problem != "account_locked"
        or kind
        not in (
            "12315",
            "association",
            "civil-complaint",
            "complaint-elements",
            "termination-notice",
        )
    ):
        assert "【待补充：订单号】" in result.text
    # The evidence list, the 催告, the 送达地址确认书 and the police report show no demands: the
    # notice asks for delivery, then the price; the police report's request is to the police.
    no_demands = ("evidence-list", "termination-notice", "service-address", "police-report")
    assert "case.demands" in result.missing or kind in no_demands
    # Every placeholder in the text is reported, and nothing is reported that is not shown.
    shown = set(PLACEHOLDER.findall(result.text))
    assert shown == {letterfields._label(path) for path in result.missing}
    warned = {w["field"] for w in result.warnings if w["code"] == "missing-field"}
    assert warned == set(result.missing)
    for warning in result.warnings:
        if warning["code"] == "missing-field":
            assert f"【待补充：{letterfields._label(warning['field'])}】" in warning["message"]


def test_zero_amounts_count_as_missing_not_as_free():
    the_case = changed(
        GOLDEN_CASES[0],
        lambda c: (c["order"].update(amount="0.00"), c["demands"][0].update(amount="0")),
    )
    for kind in LETTER_KINDS:
        result = draft(the_case, kind, TODAY)
        assert "0.00元" not in result.text, kind
    assert "case.order.amount" in draft(the_case, "platform-order", TODAY).missing


def test_missing_fields_are_only_those_the_letter_shows():
    # The short order-page complaint does not mention when the problem was found.
    the_case = changed(GOLDEN_CASES[0], lambda c: c["order"].update(problem_found_at=""))
    assert draft(the_case, "platform-order", TODAY).missing == []
    assert "case.order.problem_found_at" in draft(the_case, "platform-email", TODAY).missing


# ------------------------------------------------------------------------ injection

HOSTILE = [
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    "{% raw %}x{% endraw %}",
    "{# note #}",
    "${7*7}",
    "【待补充：订单号】以外的方括号",
]


@pytest.mark.parametrize("payload", HOSTILE)
def test_user_text_is_data_never_template_source(payload):
    def edit(c):
        c["facts"] = f"说明：{payload}"
        c["order"]["item"] = f"点卡{payload}"
        c["merchant"]["name"] = f"店{payload}"
        c["contacts"][0]["summary"] = f"反映{payload}"

    the_case = changed(GOLDEN_CASES[0], edit)
    for kind in LETTER_KINDS:
        text = draft(the_case, kind, TODAY).text
        assert f"点卡{payload}" in text, kind
        assert "49" not in text.replace("4012345678901234567", ""), kind
    # The letters leave out own words that repeat a contact; the lawyer reads them whole.
    assert f"说明：{payload}" in draft(the_case, "lawyer-brief", TODAY).text
    assert f"店{payload}" in draft(the_case, "12315", TODAY).text


# ----------------------------------------------------------------------- tone check


def test_emotional_words_are_reported_for_the_letters_that_quote_them_not_rewritten():
    words = "这个黑心商家就是不处理，给个说法"
    the_case = changed(GOLDEN_CASES[0], lambda c: c.update(facts=words))
    # A letter leaves out the sentences the tone check flags (issue 21: own words only after
    # the rewrite); the brief for the person's own lawyer quotes them and reports them.
    email = draft(the_case, "platform-email", TODAY)
    assert words not in email.text
    assert not [w for w in email.warnings if w["code"] in ("tone", "vague-demand")]
    brief = draft(the_case, "lawyer-brief", TODAY)
    assert words in brief.text
    found = {(w["code"], w["field"]) for w in brief.warnings if w["code"] != "missing-field"}
    assert found == {("tone", "case.facts"), ("vague-demand", "case.facts")}
    # The order-page box does not quote the user's own account, so it has nothing to flag.
    short = draft(the_case, "platform-order", TODAY)
    assert words not in short.text
    assert not [w for w in short.warnings if w["code"] in ("tone", "vague-demand")]


def test_neutral_golden_cases_raise_no_tone_findings():
    for name in GOLDEN_CASES:
        for kind in LETTER_KINDS:
            result = draft(golden_case(name), kind, TODAY)
            assert not [w for w in result.warnings if w["code"] in ("tone", "vague-demand")]


# ------------------------------------------------------------------- per-kind shape


def test_platform_order_fits_the_complaint_box():
    for name in GOLDEN_CASES:
        result = draft(golden_case(name), "platform-order", TODAY)
        assert len(result.text) <= letters.ORDER_BOX_CHARS, name
        assert "\n" not in result.text
        assert not [w for w in result.warnings if w["code"] == "too-long"]


def test_platform_order_warns_when_the_text_will_not_fit():
    the_case = changed(GOLDEN_CASES[0], lambda c: c["order"].update(item="畅玩游戏点卡" * 30))
    result = draft(the_case, "platform-order", TODAY)
    assert [w for w in result.warnings if w["code"] == "too-long"]


def test_platform_ticket_is_marked_as_a_complaint_on_its_first_line():
    for name in GOLDEN_CASES:
        first = draft(golden_case(name), "platform-ticket", TODAY).text.splitlines()[0]
        assert first.startswith("【投诉】")


def test_platform_email_has_subject_sections_and_only_held_evidence():
    the_case = golden_case("late-reissue-wechat")
    text = draft(the_case, "platform-email", TODAY).text
    assert text.splitlines()[0].startswith("主题：【投诉】")
    positions = [text.index(h) for h in ("一、时间", "二、经过", "三、依据", "四、诉求", "附件")]
    assert positions == sorted(positions)
    attachments = text[text.index("附件") :]
    held = [e for e in the_case["evidence"] if e["have"]]
    assert re.findall(r"^\d+\. ", attachments, re.M) == [f"{i}. " for i in range(1, len(held) + 1)]
    assert "通话录音" not in attachments  # the call was not recorded


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 11, 24), "请于2026年12月1日前书面答复"),
        # 10-01 falls in the 国庆 holiday: the period ends on the next working day.
        (date(2026, 9, 24), "请于2026年10月8日前书面答复"),
    ],
)
def test_platform_letters_ask_for_a_reply_by_a_date(today, expected):
    the_case = golden_case(GOLDEN_CASES[0])
    for kind in ("platform-ticket", "platform-email", "marketplace"):
        assert expected in draft(the_case, kind, today).text, kind


def test_marketplace_letter_names_the_marketplace_and_the_failed_shop_complaint():
    the_case = golden_case("invalid-key-taobao")
    text = draft(the_case, "marketplace", TODAY).text
    assert text.count("淘宝") >= 2
    assert "GD20261112-0087" in text
    assert "2026年11月12日10时30分" in text
    assert "消费者权益保护法》第四十四条" in text


@pytest.mark.parametrize("marketplace", ["none", ""])
def test_marketplace_letter_for_a_standalone_site_says_it_has_no_recipient(marketplace):
    the_case = changed(GOLDEN_CASES[0], lambda c: c["merchant"].update(marketplace=marketplace))
    result = draft(the_case, "marketplace", TODAY)
    assert [w for w in result.warnings if w["code"] == "not-applicable"]
    assert "【待补充：所在电商平台】" in result.text


def test_12315_sections_are_separately_copyable_with_counts():
    result = draft(golden_case("invalid-key-taobao"), "12315", TODAY)
    assert [s["id"] for s in result.sections] == ["respondent", "facts", "demand"]
    for section in result.sections:
        assert section["chars"] == len(section["text"]) > 0
        assert section["text"] in result.text
    respondent, _facts, demand = (s["text"] for s in result.sections)
    assert "星辰数码专营店" in respondent and "【待补充：商家地址】" in respondent
    assert "统一社会信用代码" not in respondent  # shown only when known
    assert "退还货款300.00元" in demand and "退还货款" not in respondent


def test_12315_shows_the_credit_code_when_known():
    the_case = changed(
        GOLDEN_CASES[0], lambda c: c["merchant"].update(credit_code="91350100M000100Y43")
    )
    respondent = draft(the_case, "12315", TODAY).sections[0]["text"]
    assert "统一社会信用代码：91350100M000100Y43" in respondent


def test_other_kinds_have_one_section_holding_the_whole_letter():
    for kind in LETTER_KINDS:
        if kind in ("12315", "civil-complaint", "complaint-elements"):
            continue
        result = draft(golden_case(GOLDEN_CASES[0]), kind, TODAY)
        assert len(result.sections) == 1
        assert result.sections[0]["text"] == result.text


def test_timeline_is_in_date_order_with_undated_contacts_last():
    def edit(c):
        c["contacts"].append(
            {"at": "", "channel": "phone", "summary": "电话催促", "outcome": "no_reply"}
        )

    the_case = changed("late-reissue-wechat", edit)
    result = draft(the_case, "12315", TODAY)
    facts = result.sections[1]["text"].splitlines()
    dated = [line[: line.index("，")] for line in facts[:6]]
    assert dated == [
        "2026年11月5日13时22分",
        "2026年11月5日13时40分",
        "2026年11月5日14时00分",
        "2026年11月9日10时00分",
        "2026年11月16日9时30分",
        "【待补充：联系时间】",
    ]
    assert "case.contacts[3].at" in result.missing


# ------------------------------------------------------------------------- demands


@pytest.mark.parametrize(
    ("demands", "expected", "missing"),
    [
        ([], "【待补充：诉求】", "case.demands"),
        ([{"kind": "refund", "amount": "120.5"}], "1. 退还货款120.50元。", None),
        ([{"kind": "reissue", "quantity": 2}], "1. 补发可正常使用的卡密2张。", None),
        (
            [{"kind": "refund", "amount": "300"}, {"kind": "reissue", "quantity": 3}],
            "1. 退还货款300.00元，或补发可正常使用的卡密3张。",
            None,
        ),
        (
            [{"kind": "refund", "amount": "300"}, {"kind": "compensation", "amount": "50"}],
            "1. 退还货款300.00元；\n2. 赔偿损失50.00元。",
            None,
        ),
        ([{"kind": "apology"}], "1. 书面赔礼道歉。", None),
        (
            [{"kind": "other", "note": "提供上游供应商的名称和联系方式"}],
            "1. 提供上游供应商的名称和联系方式。",
            None,
        ),
        ([{"kind": "refund"}], "1. 退还货款【待补充：诉求金额】。", "case.demands[0].amount"),
        ([{"kind": "reissue"}], "补发可正常使用的卡密【待补充：补发数量】张", None),
    ],
)
def test_demands_are_concrete_or_marked_missing(demands, expected, missing):
    the_case = changed(GOLDEN_CASES[0], lambda c: c.update(demands=demands))
    result = draft(the_case, "platform-email", TODAY)
    assert expected in result.text
    if missing:
        assert missing in result.missing


# --------------------------------------------------------------- problem and the law

# The golden shop (invalid-key-taobao, named: the first case in sort order is now another)
# refused, then promised; it said virtual goods are not refunded (so the
# 七日无理由 rebuttal, 消法25, answers it). The articles follow the theory of the case: a
# defect rests on 消法24 and 民法典577/582; goods never delivered and a refusal on
# 民法典563(2); where it is not known what was delivered, on breach alone (577).
REFUSAL = "第五百六十三条第一款第（二）项"
PROBLEMS = [
    ("invalid_key", "发现收到的卡密无法使用", ["消费者权益保护法》第二十四条", "第二十五条"]),
    ("not_delivered", "没有收到所购商品", [REFUSAL, "电子商务法》第二十条"]),
    ("late_reissue", "需要贵店补发", [REFUSAL, "电子商务法》第二十条"]),
    ("not_as_described", "与商品页面的描述不符", ["消费者权益保护法》第二十四条"]),
    ("refund_refused", "发现所购商品存在问题", ["第二十五条"]),
    ("vanished", "店铺已无法访问", ["第二十五条"]),
]


@pytest.mark.parametrize(("problem", "wording", "articles"), PROBLEMS)
def test_each_problem_has_its_own_wording_and_articles(problem, wording, articles):
    the_case = changed("invalid-key-taobao", lambda c: c.update(problem=problem))
    text = draft(the_case, "platform-email", TODAY).text
    assert wording in text
    for article in articles:
        assert article in text
    if problem in ("invalid_key", "not_as_described", "refund_refused", "vanished"):
        assert "民法典》第五百七十七条" in text
    if problem in ("refund_refused", "vanished", "not_delivered", "late_reissue"):
        assert "质量" not in text  # no defect is known: no quality argument


def test_problem_wording_differs_between_problems():
    texts = set()
    for problem, _wording, _articles in PROBLEMS:
        the_case = changed("invalid-key-taobao", lambda c, p=problem: c.update(problem=p))
        texts.add(draft(the_case, "platform-email", TODAY).text)
    assert len(texts) == len(PROBLEMS)


def verified_citations() -> set[str]:
    from weiquan import rules

    return {
        letters.citation(rule["id"]) for rule in rules.load_rules() if rule["status"] == "verified"
    }


@pytest.mark.parametrize("name", GOLDEN_CASES)
def test_every_article_cited_is_verified(name):
    allowed = verified_citations()
    cited = set()
    for kind in LETTER_KINDS:
        text = draft(golden_case(name), kind, TODAY).text
        cited |= set(
            re.findall(
                r"《[^》]+》第[一二三四五六七八九十百千零]+条(?:第[一二三四五六七八九十]+款)?"
                r"(?:第（[一二三四五六七八九十]+）项)?",
                text,
            )
        )
    assert cited, "letters should rest on the law"
    assert cited <= allowed


def test_an_article_not_verified_is_not_cited(monkeypatch):
    from weiquan import rules

    original = rules.load_rules()

    def demoted():
        return [
            {**rule, "status": "reference"} if rule["id"] == "cpl-24" else rule for rule in original
        ]

    monkeypatch.setattr(rules, "load_rules", demoted)
    monkeypatch.setattr(letter_facts, "_CITATIONS", None)
    text = draft(golden_case("invalid-key-taobao"), "platform-email", TODAY).text
    assert "第二十四条" not in text
    assert "第二十五条" in text
    monkeypatch.setattr(letter_facts, "_CITATIONS", None)


def test_platform_clauses_recorded_by_the_user_are_cited_first():
    text = draft(golden_case("invalid-key-taobao"), "platform-ticket", TODAY).text
    basis = text[text.index("依据：") :]
    assert basis.splitlines()[1].startswith("1. 贵店《店铺售后说明》第3条规定：“卡密无效的")


# ---------------------------------------------------------------- civil complaint


@pytest.mark.parametrize(
    ("amount", "treble", "limit", "claims", "small"),
    [
        ("300.00", False, "", ["被告退还原告已付价款300.00元（人民币叁佰元整）"], None),
        (
            "300.00",
            True,
            "",
            ["退还原告已付价款300.00元", "三倍向原告支付赔偿金900.00元（人民币玖佰元整）"],
            None,
        ),
        # 3 × 100 is below the statutory floor of 500 yuan: the text says so.
        (
            "100.00",
            True,
            "",
            ["支付赔偿金500.00元（人民币伍佰元整）（价款三倍不足五百元，按五百元计）"],
            None,
        ),
        ("300.00", False, "40000.00", ["退还原告已付价款300.00元"], True),
        ("4800.00", True, "15000.00", ["合计19200.00元（人民币壹万玖仟贰佰元整）"], False),
    ],
)
def test_civil_complaint_claims(amount, treble, limit, claims, small):
    def edit(c):
        c["order"]["amount"] = amount
        c["demands"] = [{"kind": "refund", "amount": amount}]
        if treble:
            c["demands"].append({"kind": "compensation", "amount": "", "note": "价款三倍"})
        c["suspected_fraud"] = treble
        c["small_claims_limit"] = limit

    result = draft(changed(GOLDEN_CASES[0], edit), "civil-complaint", TODAY)
    body, notes = result.text, result.sections[1]["text"]
    for claim in claims:
        assert claim in body
    assert ("三倍" in body) is treble
    assert body.count("本案诉讼费用由被告承担") == 1
    if small is True:
        assert "依法适用小额诉讼程序" in body
    elif small is False:
        assert "小额诉讼" not in body and "不能依法适用小额诉讼程序" in notes
    else:
        assert "小额诉讼" not in body


def test_civil_complaint_has_the_parts_the_law_requires():
    result = draft(golden_case("vanished-fraud"), "civil-complaint", TODAY)
    body = result.sections[0]["text"]
    parts = [
        "原告：",
        "被告：",
        "诉讼请求：",
        "事实与理由：",
        "证据和证据来源：",
        "此致",
        "具状人（签字）：",
    ]
    positions = [body.index(p) for p in parts]
    assert positions == sorted(positions)
    assert "【待补充：法院名称】" in body and "case.court" in result.missing
    assert "第二十条" in result.sections[1]["text"]  # where to file: 民诉法解释 Art. 20
    # The seller vanished with the money and fraud is suspected: the theory is revocation
    # for fraud and the money back (民法典148/157), not a breach of a sale.
    assert "民法典》第一百四十八条" in body and "民法典》第一百五十七条" in body


def test_civil_complaint_text_is_only_what_is_filed_and_the_notes_stand_apart():
    result = draft(golden_case("vanished-fraud"), "civil-complaint", TODAY)
    complaint, notes, filing = result.sections
    assert complaint["id"] == "complaint" and complaint["text"] == result.text
    assert (notes["id"], notes["title"]) == ("notes", "提交前须知")
    assert (filing["id"], filing["title"]) == ("filing", "立案材料清单")
    for aside in ("提交前须知", "法院选择", "立案材料清单", "诉讼费："):
        assert aside not in result.text
    # Copies per defendant and the attachments a court asks for (issue 22). Who the vanished
    # seller is (company, 个体工商户 or person) is not known: the attachment does not guess.
    assert result.text.endswith(
        "附：1. 本起诉状副本1份（按被告人数提交）；\n2. 原告身份证复印件1份；\n"
        "3. 被告主体信息（查明后的登记查询结果打印件，或个人的身份信息材料）1份；\n"
        "4. 证据清单1份，证据材料4份。"
    )
    told = [w["message"] for w in result.warnings if w["code"] == "note"]
    assert told[0].startswith("法院选择：") and told[1].startswith("小额诉讼：")
    assert all(message in notes["text"] + filing["text"] for message in told[:-1])
    # The fraud tick suggests the 3× claim; it never adds it to the pleading.
    assert "三倍" in told[-1] and "三倍" not in result.text


# -------------------------------------------------------------------- evidence list


def test_evidence_list_is_a_table_numbered_by_group_with_source_purpose_and_original():
    the_case = changed("invalid-key-taobao", lambda c: c["evidence"][1].update(pages="第1-2页"))
    result = draft(the_case, "evidence-list", TODAY)
    items = re.split(r"\n(?=证据\d+　)", result.text)[1:]
    assert len(items) == sum(1 for e in the_case["evidence"] if e["have"])
    for item in items:
        for column in ("来源：", "证明对象/目的：", "页码或文件名：", "原件/复印件："):
            assert column in item
    assert "第1-2页；证据包“02-支付记录”文件夹" in items[1]
    # Electronic data names where the original stays, and says to keep it.
    assert "原始记录在本人支付宝账号中的账单记录（请保留备查，勿删除）" in items[1]
    groups = re.findall(r"^【(.+)】$", result.text, re.M)
    assert groups == ["合同与付款", "交付与问题", "协商与催告"]
    table = next(b for b in result.blocks if b["type"] == "table")
    assert table["header"] == [
        "序号",
        "证据名称",
        "来源",
        "证明对象/目的",
        "页码或文件名",
        "原件/复印件",
    ]
    numbers = [row["cells"][0] for row in table["rows"] if "cells" in row]
    assert numbers == ["1", "2", "3", "4", "5"]


def test_importing_letters_does_not_load_jinja2():
    code = "import sys, weiquan.letters; print('jinja2' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2] / "py")},
    )
    assert out.stdout.strip() == "False"
