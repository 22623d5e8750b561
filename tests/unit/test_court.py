"""The court packet's decisions as a person reads them: which court the 此致 line names, how
the defendant is written, when small claims are asserted, and what the notes tell them."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path

import pytest
from weiquan import case as case_model
from weiquan.letters import draft

GOLDEN = Path(__file__).parent / "golden"
TODAY = date(2026, 11, 24)


def golden(name: str, edit=None) -> dict:
    raw = json.loads((GOLDEN / name / "case.json").read_text("utf-8"))["case"]
    raw = copy.deepcopy(raw)
    if edit:
        edit(raw)
    return case_model.normalise(raw)


def addressee(text: str) -> str:
    lines = text.splitlines()
    return lines[lines.index("此致") + 1]


def notes(made) -> str:
    return "\n".join(w["message"] for w in made.warnings if w["code"] == "note")


def service_in_beijing(c):
    c["order"]["item"] = "某视频平台会员代充（12个月）"
    c["merchant"]["address"] = "北京市海淀区中关村大街1号"


def with_clause(c):
    c["jurisdiction_clause"] = "因本协议产生的争议由本公司住所地人民法院管辖"


def own_court(c):
    c["court"] = "杭州市拱墅区人民法院"


@pytest.mark.parametrize("kind", ["civil-complaint", "complaint-elements"])
@pytest.mark.parametrize(
    ("name", "edit", "court", "told"),
    [
        # goods delivered online on a marketplace: the buyer's city has an Internet court
        ("company-taobao-hangzhou", None, "杭州互联网法院", "买受人住所地为合同履行地"),
        ("sole-trader-pinduoduo", None, "广州互联网法院", "买受人住所地为合同履行地"),
        # a membership top-up is a service: the defendant's domicile decides
        ("company-taobao-hangzhou", service_in_beijing, "北京互联网法院", "被告住所地"),
        # a private seller on WeChat (代充): no platform, no Internet court named
        ("private-wechat-seller", None, "【待补充：法院名称】", "被告住所地"),
        # the shop's own jurisdiction term: no court chosen for the person, the term explained
        ("company-taobao-hangzhou", with_clause, "【待补充：法院名称】", "管辖约定"),
        # the court the person named always wins
        ("company-taobao-hangzhou", own_court, "杭州市拱墅区人民法院", "杭州互联网法院"),
    ],
    ids=["hangzhou", "guangzhou", "service-beijing", "wechat", "clause", "own-court"],
)
def test_the_complaint_is_addressed_to_the_court_that_hears_it(name, edit, court, told, kind):
    made = draft(golden(name, edit), kind, TODAY)
    assert addressee(made.text) == court
    assert told in notes(made)


@pytest.mark.parametrize("kind", ["civil-complaint", "complaint-elements"])
def test_no_small_claims_assertion_for_a_vanished_seller(kind):
    vanished = draft(golden("vanished-fraud"), kind, TODAY)
    assert "小额诉讼程序审理" not in vanished.text
    assert "下落不明" in notes(vanished) and "第一百六十六条" in notes(vanished)
    # the same sums with a seller still there: small claims asserted
    present = draft(golden("company-taobao-hangzhou"), kind, TODAY)
    assert "依法适用小额诉讼程序审理" in present.text
    assert "第二百七十二条" in notes(present)  # why the provincial figure lags a year


@pytest.mark.parametrize(
    ("name", "edit", "expected", "absent"),
    [
        ("company-taobao-hangzhou", None, "法定代表人（负责人）周建国", "个体工商户"),
        (
            "sole-trader-pinduoduo",
            None,
            "被告：义乌市极速数码经营部（个体工商户）",
            "法定代表人",
        ),
        # a seller who looked private but has a 92 code is a registered 个体工商户
        (
            "private-wechat-seller",
            lambda c: c["merchant"].update(credit_code="92330782MA2D8L6P1A"),
            "（个体工商户）",
            "法定代表人",
        ),
        ("private-wechat-seller", None, "工作单位【待补充：被告工作单位", "统一社会信用代码"),
    ],
    ids=["company", "sole-trader", "private-with-92-code", "private"],
)
def test_the_defendant_is_written_in_the_form_the_law_names(name, edit, expected, absent):
    text = draft(golden(name, edit), "civil-complaint", TODAY).text
    defendant = next(line for line in text.splitlines() if line.startswith("被告："))
    assert expected in defendant and absent not in defendant


def test_the_sole_trader_block_names_the_operator_with_his_details():
    text = draft(golden("sole-trader-pinduoduo"), "complaint-elements", TODAY).text
    for line in (
        "名称（字号）：义乌市极速数码经营部",
        "经营者姓名：刘强",
        "经营者住所：浙江省义乌市稠城街道某某路12号",
        "经营者公民身份号码：330782198809031234",
    ):
        assert line in text


def test_elements_use_no_written_contract_and_the_termination_notice():
    text = draft(golden("sole-trader-pinduoduo"), "complaint-elements", TODAY).text
    assert "合同签订情况：无书面合同。" in text
    assert "解除通知：原告已于2026年11月10日9时00分向被告发出催告及解除合同通知" in text
    assert "诉讼费用：本案诉讼费用由被告承担" in text
    assert "标的总额：158.00元（人民币壹佰伍拾捌元整）" in text


@pytest.mark.parametrize(
    ("consent", "shown", "hidden"),
    [
        ("yes", "接收电子送达的电子邮箱：wangxy@example.com", "不同意"),
        ("no", "不同意，请按上述地址邮寄送达", "接收电子送达的手机号码"),
        ("", "【待补充：是否同意电子送达】", "接收电子送达的手机号码"),
    ],
)
def test_service_address_states_the_consent_the_person_gave(consent, shown, hidden):
    made = draft(
        golden("company-taobao-hangzhou", lambda c: c["consumer"].update(e_service=consent)),
        "service-address",
        TODAY,
    )
    assert shown in made.text and hidden not in made.text
    assert "邮政编码：310005" in made.text


def test_the_filing_checklist_stands_apart_with_the_fee_and_its_rule():
    made = draft(golden("company-taobao-hangzhou"), "complaint-elements", TODAY)
    filing = next(s for s in made.sections if s["id"] == "filing")
    assert "案件受理费每件50元（《诉讼费用交纳办法》第十三条）" in filing["text"]
    assert "副本1份" in filing["text"] and "送达地址确认书" in filing["text"]
    assert "诉讼费：" not in made.text

    # Over ten thousand paid and claimed (a refund is never claimed above what was paid,
    # so the order's price rises with the demand).
    def bigger(c):
        c["order"]["amount"] = "12000.00"
        c["demands"][0]["amount"] = "12000"

    big = golden("company-taobao-hangzhou", bigger)
    big_filing = next(
        s for s in draft(big, "complaint-elements", TODAY).sections if s["id"] == "filing"
    )
    assert "分段计算" in big_filing["text"] and "50元" not in big_filing["text"]


# ------------------------------------------------------- one theory, two complaints

HERE = Path(__file__).parent
PLEADED = sorted((HERE / "cases").glob("*.json")) + sorted((HERE / "corpus").glob("*.json"))
PLEADED += sorted(GOLDEN.glob("*/case.json"))


def _pleaded(path: Path) -> tuple[dict, date]:
    data = json.loads(path.read_text("utf-8"))
    today = date.fromisoformat(data["expect"]["today"]) if "expect" in data else TODAY
    return case_model.normalise(data), today


def _narrative_claims(text: str) -> list[str]:
    lines = text.splitlines()
    start = lines.index("诉讼请求：") + 1
    found = []
    for line in lines[start:]:
        if not line[:1].isdigit():
            break
        found.append(line.split(". ", 1)[1].rstrip("；。"))
    return found[:-1]  # the last one is the costs


def _element(text: str, label: str) -> list[str]:
    return [line.split("：", 1)[1] for line in text.splitlines() if line.startswith(label)]


@pytest.mark.parametrize(
    "path", PLEADED, ids=lambda p: p.stem if p.stem != "case" else p.parent.name
)
def test_both_complaints_plead_the_same_claims_their_sum_and_the_theorys_basis(path):
    from weiquan import letter_facts, letters, theory

    c, today = _pleaded(path)
    narrative = draft(c, "civil-complaint", today).text
    elements = draft(c, "complaint-elements", today).text
    assert _element(elements, "诉讼请求")[: len(_narrative_claims(narrative))] == (
        _narrative_claims(narrative) or [_element(elements, "诉讼请求1")[0]]
    )
    found = theory.of_case(c, today)
    pleading = letter_facts.compute(c, "complaint-elements", today).pleading
    if pleading.total is not None:
        assert _element(elements, "标的总额") == [
            f"{pleading.total.amount}（{pleading.total.capital}）"
        ]
        money = [x for x in found["claims"] if x["kind"] in ("refund", "compensation", "treble")]
        assert pleading.total.value == sum(theory.Decimal(x["amount"]) for x in money)
    cited = [g.id for g in pleading.grounds]
    assert cited == [i for i in found["grounds"] if letters.citation(i)]
    if not found["consumer_law"]:
        assert "消费者权益保护法" not in elements and "消费者权益保护法" not in narrative
    if found["defendant"] == "person":
        assert "【被告（自然人）】" in elements


@pytest.mark.parametrize(
    ("edit", "block"),
    [
        (
            lambda c: c["merchant"].update(credit_code="", kind="business", legal_name=""),
            "主体类型待查明",
        ),
        (
            lambda c: c["merchant"].update(credit_code="", legal_name="杭州某某科技有限公司"),
            "法人、非法人组织",
        ),
        (lambda c: c["merchant"].update(credit_code="92330782MA2D8L6P1A"), "个体工商户"),
        (lambda c: c["merchant"].update(credit_code="", kind="individual"), "自然人"),
    ],
    ids=["business-of-unknown-form", "name-says-company", "sole-trader", "private"],
)
def test_the_defendant_block_follows_the_theorys_defendant_and_never_guesses(edit, block):
    made = draft(golden("company-taobao-hangzhou", edit), "complaint-elements", TODAY)
    assert f"【被告（{block}）】" in made.text
    unknown = "被告的主体身份还没查明" in notes(made)
    assert unknown is (block == "主体类型待查明")


@pytest.mark.parametrize(
    ("story", "dispute", "never"),
    [
        (
            "corpus/23_trading_platform_locked_account_with_cash.json",
            "网络服务合同纠纷",
            ["买卖合同", "购买", "已全部付清"],
        ),
        (
            "corpus/01_game_shutdown_unused_currency_guangzhou.json",
            "服务合同纠纷",
            ["买卖合同", "出卖人"],
        ),
        (
            "cases/25_private_wechat_seller_not_delivered.json",
            "买卖合同纠纷",
            ["消费者权益保护法", "三倍"],
        ),
    ],
)
def test_the_elements_complaint_names_the_dispute_of_its_cause(story, dispute, never):
    c, today = _pleaded(HERE / story)
    text = draft(c, "complaint-elements", today).text
    assert text.splitlines()[1] == f"（{dispute}）"
    for phrase in never:
        assert phrase not in text, phrase
