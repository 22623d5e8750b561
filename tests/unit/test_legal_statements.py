"""Legal statements the app generates: each wrong or overstated statement found in review has a
regression test named after it, and the letters and the dashboard cite the same grounds."""

from __future__ import annotations

import copy
import itertools
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from weiquan import (
    api,
    case,
    datafiles,
    deadlines,
    flow,
    grounds,
    ics,
    knowledge,
    letter_facts,
    letters,
    rules,
    theory,
    timeline,
    zhformat,
)
from weiquan.letters import LETTER_KINDS, draft

HERE = Path(__file__).parent
CASE_FILES = sorted((HERE / "cases").glob("*.json")) + sorted((HERE / "corpus").glob("*.json"))
GOLDEN = HERE / "golden"
TODAY = date(2026, 11, 24)


def case_file(path: Path) -> tuple[dict, date]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return case.normalise(data), date.fromisoformat(data["expect"]["today"])


def golden(name: str, edit=None) -> dict:
    raw = json.loads((GOLDEN / name / "case.json").read_text(encoding="utf-8"))["case"]
    raw = copy.deepcopy(raw)
    if edit:
        edit(raw)
    return case.normalise(raw)


def verified(ids: list[str]) -> list[str]:
    return [i for i in ids if rules.get(i)["status"] == "verified"]


def letter_grounds(c: dict, kind: str, today: date) -> list[str]:
    return [g.id for g in letter_facts.compute(c, kind, today).grounds]


# ------------------------------------------------------------- agreement by construction

DEMAND_SETS = [
    [],
    [{"kind": "refund", "amount": "98.00"}],
    [{"kind": "reissue", "quantity": 1}],
    [{"kind": "refund", "amount": "98.00"}, {"kind": "reissue", "quantity": 1}],
    [{"kind": "compensation", "amount": "50.00"}],
    [{"kind": "refund", "amount": "98.00"}, {"kind": "compensation", "note": "价款三倍"}],
]


@pytest.mark.parametrize(
    ("problem", "demands", "kind"),
    list(itertools.product(case.PROBLEMS, DEMAND_SETS, grounds.LETTER_CHANNEL)),
)
def test_letter_grounds_equal_the_dashboard_step_grounds(problem, demands, kind):
    def edit(raw):
        raw["problem"] = problem
        raw["demands"] = demands

    c = golden("invalid-key-taobao", edit)
    step = next(s for s, ch in grounds.STEP_CHANNEL.items() if ch == grounds.LETTER_CHANNEL[kind])
    dashboard = grounds.for_channel(c, grounds.STEP_CHANNEL[step], TODAY)
    assert letter_grounds(c, kind, TODAY) == verified(dashboard)
    # An article by number only when verified; every ground the letter shows is one.
    text = draft(c, kind, TODAY).text
    for rule_id in dashboard:
        if rules.get(rule_id)["status"] != "verified":
            assert rules.get(rule_id)["article"] not in text or rule_id.startswith("samr")


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.stem)
def test_every_offered_step_cites_what_its_letter_cites(path):
    c, today = case_file(path)
    result = api.check_case(c, today)
    for step in result["next_steps"]:
        if "letter" not in step or step["id"] not in grounds.STEP_CHANNEL:
            continue
        assert step["rules"][: len(step["grounds"])] == step["grounds"]
        assert letter_grounds(c, step["letter"], today) == verified(step["grounds"]), step["id"]


@settings(max_examples=60, deadline=None)
@given(
    problem=st.sampled_from(list(case.PROBLEMS)),
    demands=st.sampled_from(DEMAND_SETS),
    marketplace=st.sampled_from(list(case.MARKETPLACES)),
    fraud=st.booleans(),
    rule_text=st.sampled_from(["", "虚拟商品售出后不支持退款", "卡密无效的，48小时内补发"]),
)
def test_agreement_holds_for_any_case_shape(problem, demands, marketplace, fraud, rule_text):
    def edit(raw):
        raw["problem"] = problem
        raw["demands"] = demands
        raw["merchant"]["marketplace"] = marketplace
        raw["suspected_fraud"] = fraud
        raw["rules"] = [{"title": "售后说明", "clause": "", "text": rule_text}] if rule_text else []

    c = golden("late-reissue-wechat", edit)
    for kind, channel in grounds.LETTER_CHANNEL.items():
        expected = verified(grounds.for_channel(c, channel, TODAY))
        assert letter_grounds(c, kind, TODAY) == expected, kind
    if not fraud or not knowledge.asks_treble(c):
        assert "cpl-55" not in grounds.for_channel(c, "court", TODAY) or knowledge.asks_treble(c)


# --------------------------------------------------------------- wrong statements (item 3)


def test_refund_refused_does_not_rest_the_refund_on_article_25():
    c = golden("invalid-key-taobao", lambda raw: raw.update(problem="refund_refused", rules=[]))
    order = draft(c, "platform-order", TODAY).text
    assert "依据《中华人民共和国消费者权益保护法》第二十五条" not in order
    # Issue 21: a refused refund is not by itself a quality defect (消法24): nothing says
    # what was wrong with the goods, so the refund rests on the breach.
    assert "第二十四条" not in order and "质量" not in order
    ids = letter_grounds(c, "platform-ticket", TODAY)
    assert ids[0] == "cc-577" and "cpl-24" not in ids


def test_treble_below_500_says_price_tripled_is_below_500_so_500():
    def edit(raw):
        raw["order"]["amount"] = "98.00"
        raw["demands"] = [
            {"kind": "refund", "amount": "98.00"},
            {"kind": "compensation", "note": "要求价款三倍赔偿"},
        ]

    text = draft(golden("invalid-key-taobao", edit), "civil-complaint", TODAY).text
    assert "赔偿金500.00元（人民币伍佰元整）（价款三倍不足五百元，按五百元计）" in text
    assert "按购买价款的三倍向原告支付赔偿金500.00元" not in text


@pytest.mark.parametrize("problem", list(case.PROBLEMS))
def test_failure_proof_source_comes_from_the_knowledge_base_per_problem(problem):
    c = golden("invalid-key-taobao", lambda raw: raw.update(problem=problem))
    source = knowledge.problem(problem)["failure_proof"]["source"]
    if problem == "revoked":
        # Goods taken back: no 封号 the case does not mention (issue 21).
        source = "到账记录及商品被收回的截图"
    text = draft(c, "evidence-list", TODAY).text
    assert f"来源：{source}" in text
    assert "封号" not in text
    if problem != "invalid_key":
        assert "使用卡密时的系统提示截图或录屏" not in text


def test_date_only_discovery_sorts_after_a_purchase_later_that_day():
    def edit(raw):
        raw["order"]["ordered_at"] = "2026-11-10T20:15"
        raw["order"]["problem_found_at"] = "2026-11-10"
        raw["contacts"][0]["at"] = "2026-11-10T21:00"

    c = golden("invalid-key-taobao", edit)
    assert [e[0] for e in timeline.events(c)][:2] == ["ordered", "found"]
    for kind in ("12315", "civil-complaint"):
        text = draft(c, kind, TODAY).text
        assert text.index("购买“") < text.index("发现收到的卡密无法使用"), kind


def test_one_contact_order_everywhere_undated_last():
    def edit(raw):
        raw["contacts"] = [
            {"channel": "chat", "at": "", "summary": "没记时间", "outcome": "refused"},
            {"channel": "ticket", "at": "2026-11-11T10:00", "summary": "工单", "outcome": ""},
        ]

    c = golden("invalid-key-taobao", edit)
    assert timeline.contact_order(c["contacts"]) == [1, 0]
    assert [i for i, _ in deadlines.sorted_contacts(c, deadlines.PLATFORM_CHANNELS)] == [1, 0]
    events = letter_facts.compute(c, "12315", TODAY).contacts_in_order
    assert [e.summary for e in events] == ["工单", "没记时间"]
    # The latest (undated, entered last… here first) contact decides the channel state alike.
    assert deadlines.channel_status(c, deadlines.PLATFORM_CHANNELS, TODAY).index == 0


def _small_claims_case(demands, limit="1000.00", amount="300.00"):
    def edit(raw):
        raw["order"]["amount"] = amount
        raw["demands"] = demands
        raw["small_claims_limit"] = limit
        raw["suspected_fraud"] = True  # a legal route is open

    return golden("invalid-key-taobao", edit)


def test_small_claims_agreement_ceiling_is_four_times_the_entered_figure():
    c = _small_claims_case(
        [{"kind": "refund", "amount": "3000.00"}], limit="1000.00", amount="3000.00"
    )
    plan = flow.plan(c, TODAY)
    # 3,000 yuan: no lawyer any more (issue 20, proportion); the court step says it.
    why = next(s["why"] for s in plan["next_steps"] if s["id"] == "sue-court")
    assert "标准的二倍以内" not in why
    assert "即你填写数额的四倍" in why and "4000.00元" in why


def test_small_claims_applies_by_law_below_the_figure():
    c = _small_claims_case([{"kind": "refund", "amount": "300.00"}])
    step = next(s for s in flow.plan(c, TODAY)["next_steps"] if s["id"] == "sue-small-claims")
    assert "依法适用小额诉讼程序" in step["why"]
    text = draft(c, "civil-complaint", TODAY).text
    assert "依法适用小额诉讼程序审理" in text and "可申请适用" not in text


def test_small_claims_needs_money_claims_only_reissue_does_not_qualify():
    c = _small_claims_case([{"kind": "reissue", "quantity": 1}])
    ids = [s["id"] for s in flow.plan(c, TODAY)["next_steps"]]
    assert "sue-small-claims" not in ids
    assert "依法适用小额诉讼程序审理" not in draft(c, "civil-complaint", TODAY).text


def test_small_claims_amount_counts_every_money_claim_including_treble_damages():
    treble = [
        {"kind": "refund", "amount": "300.00"},
        {"kind": "compensation", "note": "价款三倍"},
    ]
    # 300 + 900 = 1200 > 1000: no small claims, although the refund alone would fit.
    c = _small_claims_case(treble)
    assert flow.claim_amount(c) == 1200
    assert "sue-small-claims" not in [s["id"] for s in flow.plan(c, TODAY)["next_steps"]]
    c = _small_claims_case(treble, limit="1500.00")
    assert "sue-small-claims" in [s["id"] for s in flow.plan(c, TODAY)["next_steps"]]


def test_consumer_association_is_not_said_to_be_free_under_article_39():
    # Case 05: case 04 is a 50-yuan order, too small for mediation to be worth it (issue 20).
    path = HERE / "cases" / "05_late_reissue_12315_pending.json"
    c, today = case_file(path)
    step = next(s for s in flow.plan(c, today)["next_steps"] if s["id"] == "contact-association")
    assert "不收费（消费者权益保护法第三十九条）" not in step["why"]
    assert "以当地消协的说明为准" in step["why"]


# ---------------------------------------------------------------- overstated (item 4)


def test_article_25_exception_for_point_cards_needs_confirmation_at_purchase():
    assert "第二款" in rules.get("cpl-25")["summary"]
    assert "须在购买时经你确认" in knowledge.problem("invalid_key")["basis"]


def test_refund_under_article_24_is_stated_with_its_condition():
    basis = knowledge.problem("refund_refused")["basis"]
    assert "退款是法定权利" not in basis and "七日内" in basis and "法定解除合同条件" in basis


def test_holiday_roll_is_the_day_after_the_holiday_ends():
    assert "结束的次日" in rules.get("cc-203")["summary"]


def test_small_claims_fee_halving_is_shown_as_unverified():
    c = _small_claims_case([{"kind": "refund", "amount": "300.00"}])
    step = next(s for s in flow.plan(c, TODAY)["next_steps"] if s["id"] == "sue-small-claims")
    assert "fees-16" in step["rules"] and rules.get("fees-16")["status"] == "reference"
    assert "请以法院收费为准" in step["why"]


# --------------------------------------------------------- fixed phrases turned false (item 6)


def test_recorded_refund_exclusion_is_named_void_not_quoted_as_basis():
    def edit(raw):
        raw["rules"] = [{"title": "购买须知", "clause": "", "text": "虚拟商品售出后不支持退款"}]

    text = draft(golden("invalid-key-taobao", edit), "platform-ticket", TODAY).text
    basis = text[text.index("依据：") :]
    assert "1. 贵店《购买须知》规定" not in basis
    assert "该条款排除消费者依法享有的权利" in basis and "无效" in basis
    assert "第一条规定" in basis  # 法释〔2022〕8号 Art. 1


def test_fraud_tick_never_adds_a_treble_claim():
    c = golden("vanished-fraud")
    assert c["suspected_fraud"] and not knowledge.asks_treble(c)
    result = draft(c, "civil-complaint", TODAY)
    assert "三倍" not in result.text
    assert any("三倍" in w["message"] for w in result.warnings if w["code"] == "note")


def test_membership_card_is_not_called_a_card_key():
    path = HERE / "cases" / "04_not_delivered_chunjie_promise_broken.json"
    c, today = case_file(path)
    c["demands"] = [{"kind": "reissue", "quantity": 1, "amount": "", "note": ""}]
    for kind in LETTER_KINDS:
        assert "卡密" not in draft(c, kind, today).text, kind


def test_lone_seller_is_no_platform_and_has_no_online_support():
    def edit(raw):
        raw["merchant"]["marketplace"] = "none"
        raw["merchant"]["site"] = ""

    c = golden("late-reissue-wechat", edit)
    for kind in ("platform-order", "platform-ticket", "platform-email", "termination-notice"):
        text = draft(c, kind, TODAY).text
        assert "贵平台" not in text and "通过在线客服联系" not in text, kind
        assert "通过聊天软件联系" in text or kind == "platform-order", kind


def test_nothing_delivered_is_not_called_a_problem_with_the_goods():
    for problem in ("not_delivered", "late_reissue", "vanished"):
        c = golden("invalid-key-taobao", lambda raw, p=problem: raw.update(problem=p))
        for kind in LETTER_KINDS:
            assert "发现所购商品存在问题" not in draft(c, kind, TODAY).text, (problem, kind)


def test_topup_24h_line_is_not_for_a_video_membership_card():
    path = HERE / "cases" / "19_guoqing_2025_12315_pending.json"
    c, today = case_file(path)
    assert "会员" in c["order"]["item"]
    assert "topup-24h" not in {d["id"] for d in deadlines.compute(c, today)}


def test_fifteen_day_stalling_line_is_not_for_a_seller_who_vanished():
    path = HERE / "cases" / "08_vanished_fraud_none.json"
    c, today = case_file(path)
    assert deadlines.delay_period(c) is None
    assert "第八条" not in draft(c, "12315", today).text


# ------------------------------------------------------------ 催告 / 解除 (item 5)


def test_termination_notice_step_and_deadline_when_delivery_is_overdue():
    path = HERE / "cases" / "03_not_delivered_ticket_pending.json"
    c, today = case_file(path)
    result = api.check_case(c, today)
    step = next(s for s in result["next_steps"] if s["id"] == "send-termination-notice")
    assert step["letter"] == "termination-notice"
    cure = next(d for d in result["deadlines"] if d["id"] == "termination-cure")
    assert step["due"] == cure["date"]
    assert "催告" in ics.deadlines_calendar(result["deadlines"], today)
    period = deadlines.cure_period(c, today)
    letter = draft(c, "termination-notice", today).text
    assert f"于{zhformat.date_zh(period.end)}前" in letter
    assert "本合同自该期限届满时解除" in letter
    for rule_id in ("cc-563", "cc-565", "cc-566"):
        assert rules.get(rule_id)["status"] == "verified"
        assert letters.citation(rule_id) in letter


def test_termination_notice_not_offered_when_delivered_and_nothing_promised():
    c, today = case_file(HERE / "cases" / "01_invalid_key_fresh_steam.json")
    ids = [s["id"] for s in api.check_case(c, today)["next_steps"]]
    assert "send-termination-notice" not in ids


def test_sent_notice_counts_its_period_from_the_contact():
    path = HERE / "cases" / "03_not_delivered_ticket_pending.json"
    c, today = case_file(path)
    c["contacts"].append(
        {**c["contacts"][0], "channel": "email", "at": "2026-10-01T10:00", "summary": "发出催告"}
    )
    period = deadlines.cure_period(c, today)
    assert period.sent and period.start == date(2026, 10, 1)
    # Seven days from 10-01 end on 10-08, the first working day after the 国庆 holiday.
    assert period.end == date(2026, 10, 8)


# ------------------------------------------------------------------- knowledge base


def test_unknown_rule_id_in_problems_toml_fails_naming_file_key_and_line():
    good = datafiles.read_text("problems.toml")
    bad = good.replace('fraud = ["cpl-55"]', 'fraud = ["cpl-555"]', 1)
    line = bad.splitlines().index('fraud = ["cpl-555"]') + 1
    knowledge._data.cache_clear()
    try:
        with (
            datafiles.replaced("problems.toml", bad),
            pytest.raises(knowledge.KnowledgeError) as raised,
        ):
            knowledge.load()
    finally:
        knowledge._data.cache_clear()
    assert str(raised.value) == (
        f"content/problems.toml:{line} common.grounds.fraud: 未知的规则编号 cpl-555"
    )
    assert knowledge.load()


def test_every_problem_is_described_and_steps_cite_only_known_rules():
    data = knowledge.load()
    assert set(case.PROBLEMS) <= set(data["problem"])
    assert all(set(ids) <= rules.ids() for ids in data["refs"].values())


# ------------------------------------------------------------- known-false phrases

KNOWN_FALSE = (
    "依据《中华人民共和国消费者权益保护法》第二十五条，请",
    "按购买价款的三倍向原告支付赔偿金500.00元",
    "店铺已关闭店铺",
    "不收费（消费者权益保护法第三十九条）",
    "标准的二倍以内",
    "可申请适用小额诉讼程序",
    "这句话本身没错",
    "退款是法定权利",
    "顺延到休假日结束后的第二天",
    "不适用于在线下载的数字化商品，这一例外",
    # issue 21: one theory for every problem
    "双方之间成立网络购物合同关系",
    "被告交付的商品存在问题",
    "“虚拟商品一律不退”之类的规定",
    "商品本身存在问题属于质量问题",
    "已交付的商品被收回或账号被封禁",
    "被告应当按约定交付符合要求的商品",
    "您处处",
)
# Phrases false unless the case says what makes them true: (phrase, when it may appear).
KNOWN_FALSE_UNLESS = (
    ("拒绝", lambda c: _refused(c) or _said(c, "拒")),
    ("封号", lambda c: _said(c, "封")),
    ("账号被封", lambda c: _said(c, "封")),
    ("仍拒绝退款", lambda c: _refused(c) and not _agreed(c)),
    ("至今没有兑现", lambda c: not _agreed(c)),
)


def _refused(c: dict) -> bool:
    return any(x["outcome"] in ("refused", "partial") for x in c["contacts"])


def _agreed(c: dict) -> bool:
    return any(x["outcome"] in ("agreed", "resolved") for x in c["contacts"])


def _said(c: dict, word: str) -> bool:
    """Whether the person's own texts say it (their words may be quoted back)."""
    texts = [c["facts"], c["order"]["item"]]
    texts += [x[k] for x in c["contacts"] for k in ("summary", "promise")]
    texts += [x["note"] for x in c["evidence"] + c["demands"]]
    texts += [f"{r['title']}{r['text']}" for r in c["rules"]]
    return any(word in str(t) for t in texts)


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.stem)
def test_no_known_false_phrase_in_any_letter_or_step(path):
    c, today = case_file(path)
    texts = {kind: draft(c, kind, today).text for kind in LETTER_KINDS}
    plan = api.check_case(c, today)
    texts["dashboard"] = json.dumps(plan, ensure_ascii=False)
    for where, text in texts.items():
        for phrase in KNOWN_FALSE:
            assert phrase not in text, (where, phrase)
        if where != "dashboard":
            for phrase, allowed in KNOWN_FALSE_UNLESS:
                assert phrase not in text or allowed(c), (where, phrase)
            _theory_phrases(c, plan["theory"], where, text)
        if where != "dashboard" and c["problem"] != "invalid_key":
            assert "使用卡密时的系统提示截图或录屏" not in text, where
        if where != "dashboard" and not knowledge.problem(c["problem"])["delivered"]:
            assert "发现所购商品存在问题" not in text, where
        if where != "dashboard" and not knowledge.asks_treble(c):
            assert "判令被告按购买价款的三倍" not in text, where
        if where != "dashboard":
            _party_phrases(c, where, text)


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.stem)
def test_lawyer_step_suggests_treble_only_under_the_consumer_law(path):
    c, today = case_file(path)
    plan = api.check_case(c, today)
    if not plan["theory"]["consumer_law"]:
        # Issue 21: 「决定主张的…注明“价款三倍”」 never against a private seller or a resale.
        assert "注明“价款三倍”" not in json.dumps(plan["next_steps"], ensure_ascii=False)


def _theory_phrases(c: dict, found: dict, where: str, text: str) -> None:
    """Issue 21's false phrases: each depends on the theory of the case."""
    if not found["consumer_law"]:
        assert "消费者权益保护法》第" not in text, where
        assert "法释〔2022〕8号" not in text, where
    if found["cause"] not in ("defect", "partial_failure"):
        assert "质量" not in text or _said(c, "质量"), where
    paid = theory.paid(c)
    for claim in found["claims"]:
        if claim["kind"] == "refund" and "amount" in claim and paid is not None:
            assert Decimal(claim["amount"]) <= paid, where
    order = c["order"]
    failed = order["quantity_failed"]
    if failed and failed < order["quantity"]:
        # One of two codes works: never "the keys received do not work", never the full price.
        assert "收到的卡密无法使用" not in text, where
        if where == "civil-complaint" and paid is not None:
            assert f"价款{zhformat.money(paid)}" not in text, where
    if where == "12315":
        # The facts once: no contact summary told twice.
        for contact in c["contacts"]:
            summary = contact["summary"].rstrip("。")
            if len(summary) >= 8:
                assert text.count(summary) <= 1, (where, summary)
    for rule in c["rules"]:
        if rule.get("source") == "third_party" and rule["title"]:
            assert f"店铺《{rule['title']}" not in text and f"贵店《{rule['title']}" not in text


def _party_phrases(c: dict, where: str, text: str) -> None:
    """Issue 13's false phrases: each depends on who the case says the other side is."""
    # A call to the game operator or Steam is never "联系店铺…店铺拒绝处理".
    for contact in c["contacts"]:
        if contact["party"] == "third_party" and contact["summary"]:
            for line in text.splitlines():
                if contact["summary"][:10] in line:
                    assert "以外的第三方核实" in line, (where, line)
                    assert "拒绝处理" not in line, (where, line)
    # A case with contacts never asks the person to fill in the contacts it holds.
    if any(x["party"] in ("merchant", "marketplace") for x in c["contacts"]):
        assert "【待补充：与商家协商的记录】" not in text, where
    if c["merchant"]["kind"] == "individual":
        assert "网站的经营者" not in text and "店铺的经营者" not in text, where
        assert "统一社会信用代码【待补充" not in text, where
        # (the marketplace letter has no addressee here and says so in a warning)
        if c["merchant"]["marketplace"] == "none" and where != "marketplace":
            assert "贵平台" not in text, where
    # Every demand the person made, including "other", appears in the 起诉状.
    if where == "civil-complaint":
        for demand in c["demands"]:
            if demand["kind"] == "other" and demand["note"]:
                assert demand["note"].rstrip("。") in text, where
        if len(c["order"]["payments"]) > 1:
            for payment in c["order"]["payments"]:
                assert payment["amount"] + "元" in text, (where, payment)
