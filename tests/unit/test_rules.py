"""The rules data: every legal statement the app makes has a source, status and date."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from weiquan import rules

ALL = rules.load_rules()
BY_ID = {r["id"]: r for r in ALL}


def test_every_rule_is_complete():
    assert len(ALL) == len(BY_ID)
    for rule in ALL:
        assert rule["status"] in ("verified", "reference"), rule["id"]
        assert date(2026, 11, 24) <= rule["checked"] <= date(2026, 12, 7), rule["id"]
        assert rule["source"].startswith("https://"), rule["id"]
        assert re.fullmatch(r"第.+条.*|全文|（.+）", rule["article"]), rule["id"]
        assert len(rule.get("quote", "")) <= 40, rule["id"]
        assert 10 <= len(rule["summary"]) <= 160, rule["id"]


@pytest.mark.parametrize(
    ("rule_id", "law", "article"),
    [
        ("cpl-24", "消费者权益保护法", "第二十四条"),
        ("cpl-25", "消费者权益保护法", "第二十五条"),
        ("cpl-26", "消费者权益保护法", "第二十六条第三款"),
        ("cpl-39", "消费者权益保护法", "第三十九条"),
        ("cpl-44", "消费者权益保护法", "第四十四条"),
        ("cpl-46", "消费者权益保护法", "第四十六条"),
        ("cpl-55", "消费者权益保护法", "第五十五条第一款"),
        ("penalty-8", "侵害消费者权益行为处罚办法", "第八条"),
        ("penalty-16", "侵害消费者权益行为处罚办法", "第十六条"),
        ("ecl-20", "电子商务法", "第二十条"),
        ("ecl-38", "电子商务法", "第三十八条"),
        ("ecl-49", "电子商务法", "第四十九条"),
        ("ecl-51", "电子商务法", "第五十一条第二款"),
        ("ecl-59", "电子商务法", "第五十九条"),
        ("ecl-61", "电子商务法", "第六十一条"),
        ("ecl-62", "电子商务法", "第六十二条"),
        ("ecl-63", "电子商务法", "第六十三条"),
        (
            "spc-online-1",
            "最高人民法院关于审理网络消费纠纷案件适用法律若干问题的规定（一）",
            "第一条",
        ),
        (
            "spc-online-2",
            "最高人民法院关于审理网络消费纠纷案件适用法律若干问题的规定（一）",
            "第二条",
        ),
        ("cc-496", "民法典", "第四百九十六条"),
        ("cc-497", "民法典", "第四百九十七条"),
        ("cc-498", "民法典", "第四百九十八条"),
        ("cc-512", "民法典", "第五百一十二条第二款"),
        ("cc-563", "民法典", "第五百六十三条"),
        ("cc-565", "民法典", "第五百六十五条"),
        ("cc-566", "民法典", "第五百六十六条"),
        ("cc-148", "民法典", "第一百四十八条"),
        ("cc-152", "民法典", "第一百五十二条"),
        ("cc-19", "民法典", "第十九条"),
        ("cc-145", "民法典", "第一百四十五条"),
        ("cc-157", "民法典", "第一百五十七条"),
        ("cc-509", "民法典", "第五百零九条"),
        ("cc-563-2", "民法典", "第五百六十三条第一款第（二）项"),
        ("cc-563-3", "民法典", "第五百六十三条第一款第（三）项"),
        ("cc-563-4", "民法典", "第五百六十三条第一款第（四）项"),
        ("cc-612", "民法典", "第六百一十二条"),
        ("cc-613", "民法典", "第六百一十三条"),
        ("cc-985", "民法典", "第九百八十五条"),
        ("ecl-34", "电子商务法", "第三十四条"),
        ("ecl-36", "电子商务法", "第三十六条"),
        ("cc-577", "民法典", "第五百七十七条"),
        ("cc-582", "民法典", "第五百八十二条"),
        ("cc-188", "民法典", "第一百八十八条"),
        ("cc-201", "民法典", "第二百零一条"),
        ("cc-203", "民法典", "第二百零三条"),
        ("cpc-165", "民事诉讼法", "第一百六十五条"),
        ("cpc-166", "民事诉讼法", "第一百六十六条"),
        ("cpc-168", "民事诉讼法", "第一百六十八条"),
        ("cpc-22", "民事诉讼法", "第二十二条"),
        ("cpc-24", "民事诉讼法", "第二十四条"),
        ("cpc-124", "民事诉讼法", "第一百二十四条"),
        ("cpc-126", "民事诉讼法", "第一百二十六条"),
        ("cpc-interp-20", "最高人民法院关于适用《中华人民共和国民事诉讼法》的解释", "第二十条"),
        ("cpc-interp-31", "最高人民法院关于适用《中华人民共和国民事诉讼法》的解释", "第三十一条"),
        ("fees-13", "诉讼费用交纳办法", "第十三条"),
        ("fees-16", "诉讼费用交纳办法", "第十六条"),
        ("samr-old-9", "市场监督管理投诉举报处理暂行办法", "第九条"),
        ("samr-old-12", "市场监督管理投诉举报处理暂行办法", "第十二条"),
        ("samr-old-14", "市场监督管理投诉举报处理暂行办法", "第十四条"),
        ("samr-old-15", "市场监督管理投诉举报处理暂行办法", "第十五条"),
        ("samr-old-21", "市场监督管理投诉举报处理暂行办法", "第二十一条"),
        ("samr-2026", "市场监督管理投诉举报处理办法", None),
        ("cpl-reg-18", "消费者权益保护法实施条例", "第十八条、第十九条"),
        ("return-measures", "网络购买商品七日无理由退货暂行办法", None),
        ("holidays-2025", "国务院办公厅关于2025年部分节假日安排的通知", "全文"),
        ("holidays-2026", "国务院办公厅关于2026年部分节假日安排的通知", "全文"),
    ],
)
def test_everything_in_the_legal_facts_is_covered(rule_id, law, article):
    rule = rules.get(rule_id)
    assert rule["law"] == law
    if article is not None:
        assert rule["article"] == article


@pytest.mark.parametrize(
    "rule_id",
    [
        "samr-old-9",
        "samr-old-12",
        "samr-old-14",
        "samr-old-15",
        "samr-old-21",
        "samr-2026",
        "cpl-reg-18",
        "return-measures",
        "fees-16",
        "cc-202",
        "cc-593",
    ],
)
def test_unverified_and_old_rules_are_reference_only(rule_id):
    rule = rules.get(rule_id)
    assert rule["status"] == "reference"
    assert rules.citation(rule_id).endswith("（请以官方最新文本为准）")
    assert rules.public(rule_id)["note"] == "请以官方最新文本为准"
    if rule_id.startswith("samr-old"):
        assert rule["summary"].startswith("旧规定，供参考")


def test_verified_citation_and_public_form():
    assert rules.citation("cpl-46") == "《消费者权益保护法》第四十六条"
    assert rules.citation("holidays-2025") == (
        "《国务院办公厅关于2025年部分节假日安排的通知》（国办发明电〔2024〕12号）全文"
    )
    public = rules.public("cpl-46")
    assert public["checked"] == "2026-11-24" and "note" not in public
    assert "七个工作日" in public["quote"]


def test_unknown_rule_is_a_named_error():
    with pytest.raises(KeyError, match="no-such"):
        rules.get("no-such")


def test_load_rules_returns_copies():
    first = rules.load_rules()
    first[0]["summary"] = "改坏了"
    assert rules.load_rules()[0]["summary"] != "改坏了"


_ID_IN_CODE = re.compile(
    r"[\"']((?:cpl|ecl|cc|cpc|penalty|spc|samr|fees|holidays)-[a-z0-9-]+|return-measures)[\"']"
)


def test_no_rule_id_in_code_and_every_id_in_content_exists():
    """Rule ids live in content/ (problems.toml, letter templates), never in the code."""
    root = Path(rules.__file__).parent
    for path in root.glob("*.py"):
        assert not _ID_IN_CODE.findall(path.read_text(encoding="utf-8")), path.name
    content = root.parents[1] / "content"
    cited = set()
    for path in [
        content / "problems.toml",
        content / "causes.toml",
        *(content / "letters").glob("*.j2"),
    ]:
        cited |= set(_ID_IN_CODE.findall(path.read_text(encoding="utf-8")))
    assert cited, "no rule ids found in content/"
    assert cited <= set(BY_ID), cited - set(BY_ID)


@pytest.mark.parametrize(
    ("rule_id", "words"),
    [
        # legal-facts.md, 2026-12-07: verified against the full text.
        ("cc-148", "撤销"),
        ("cc-152", "一年"),
        ("spc-online-1", "签收"),  # item (一): signing counts as accepting the quality
        ("spc-online-1-1", "签收"),
        ("spc-online-2", "四类"),  # only the four kinds of 消法25 ¶1
        ("ecl-63", "自愿"),
        ("ecl-36", "平台内经营者"),  # not an ordinary user's account
    ],
)
def test_rules_say_what_the_verified_text_says(rule_id, words):
    rule = rules.get(rule_id)
    assert rule["status"] == "verified"
    assert words in rule["summary"]
