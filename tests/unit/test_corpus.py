"""The corpus: real disputes from public sources (tests/unit/corpus/*.json), each with what a
consumer lawyer would advise at one moment of the story.

Every file holds the case (format version 2, with the situation fields of issue 20 where the
story tells them), its `source` (title, URL, publisher, date, a summary in our own words, the
outcome as reported) and an `expect` block:
- `kind`: which shape of dispute the story is (KINDS), for the coverage count;
- `today`: the moment the person would open the app (mostly just after a refusal);
- `situation`: the dimensions the story decides, each as `check` must derive it;
- `steps`: the next steps, in order — what to do now, not the whole history;
- `wrong_steps`: steps that must not be offered (12315 against a private person, a payment
  complaint when the marketplace took the money, a lawyer for 39 yuan…);
- `deadlines`: only the deadlines the story fixes, with their date;
- `rationale`: the lawyer's reading, in a sentence or two.

The format assertions always run. The flow assertions are expected to fail until the rewritten
flow (issue 20, branch i20-routes) produces them: while PENDING is True they are non-strict
xfails. i20-routes flips PENDING to False once the flow passes the whole corpus.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from weiquan import api, case, knowledge, situation

# i20-routes flipped it: the flow passes the corpus, except the assertions in WAITING.
PENDING = False

CORPUS = sorted((Path(__file__).parent / "corpus").glob("*.json"))

# The shapes of dispute the corpus must cover (issue 20, item 7).
KINDS = {
    "invalid_key_shop": "登记网店卖的卡密无效",
    "partial_failure": "两个码一个不能用",
    "marketplace_not_delivered": "电商平台上的店铺没发货",
    "promise_lapsed": "答应补发或发货，到期没兑现",
    "refund_site_balance": "同意退款，但只退到站内余额",
    "private_seller_refused": "微信/QQ私人卖家拒绝",
    "xianyu_private_seller": "闲鱼个人卖家",
    "scam": "付了钱被拉黑，还被要求继续交钱",
    "far_below_face": "远低于面值买到，后被收回",
    "clawback_appeal": "卖家恶意申诉，把已交付的充值或账号收回",
    "laundered_topup": "低价代充用了赃款，账号被封",
    "service_ended": "游戏或服务提前终止，余额没用完",
    "account_locked": "账号或余额被平台限制",
    "minor_topup": "未成年人未经监护人同意充值",
    "payer_not_holder": "付款人不是账号使用人",
    "reseller": "买来转卖牟利",
    "tiny_sum": "几元到几十元的小额",
    "membership_refund": "会员、自动续费退款",
    "payment_account_closed": "付款账户已注销",
    "after_sales_window": "电商平台售后期快到了",
    "shop_service_defect": "登记网店的服务出了问题",
}
MIN_STORIES = 30
MIN_KINDS = 12

STEP_IDS = set(api.flow.STEP_IDS)
DEADLINE_IDS = set(knowledge.DEADLINE_IDS)
# The situation vocabulary (`check` returns every dimension).
SITUATION = situation.DIMENSIONS
NEW_PROBLEMS = {"scammed", "service_ended", "account_locked"}
_CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _ids(paths: list[Path]) -> list:
    return [pytest.param(p, id=p.stem) for p in paths]


# Assertions that still wait on another branch, per test and story (non-strict xfails, so
# the branch that fixes one can land first). Empty: the flow passes the whole corpus.
WAITING: dict[str, dict[str, str]] = {"situation": {}, "steps": {}, "deadlines": {}}


def _flow_params(paths: list[Path] = CORPUS, test: str = "steps") -> list:
    params = []
    for p in paths:
        why = "i20-routes: flow not rewritten yet" if PENDING else WAITING[test].get(p.stem)
        marks = [pytest.mark.xfail(strict=False, reason=why)] if why else []
        params.append(pytest.param(p, id=p.stem, marks=marks))
    return params


# Only the stories that fix a deadline (the others have nothing to compare).
WITH_DEADLINES = [p for p in CORPUS if _load(p)["expect"]["deadlines"]]


def _check(raw: dict) -> dict:
    today = date.fromisoformat(raw["expect"]["today"])
    return api.check_case(case.normalise(raw), today)


# ------------------------------------------------------------------ the corpus as a whole


def test_the_corpus_covers_enough_real_stories_and_situations():
    kinds = [_load(p)["expect"]["kind"] for p in CORPUS]
    assert len(CORPUS) >= MIN_STORIES
    assert len(set(kinds)) >= MIN_KINDS, sorted(set(kinds))
    assert set(kinds) <= set(KINDS)


def test_no_story_is_entered_twice():
    urls = [_load(p)["source"]["url"] for p in CORPUS]
    assert len(urls) == len(set(urls))


def test_the_new_problem_types_each_have_stories():
    problems = {_load(p)["case"]["problem"] for p in CORPUS}
    assert problems >= NEW_PROBLEMS


# ------------------------------------------------------------------ each file's format


@pytest.mark.parametrize("path", _ids(CORPUS))
def test_story_cites_its_source(path):
    source = _load(path)["source"]
    assert re.match(r"https?://\S+$", source["url"]), source["url"]
    for key in ("title", "publisher", "summary", "outcome"):
        assert _CHINESE.search(source[key]), key
    assert "date" in source
    # A summary of 2–4 sentences, in our own words.
    sentences = [s for s in re.split(r"[。！？]", source["summary"]) if s.strip()]
    assert 2 <= len(sentences) <= 5, len(sentences)


@pytest.mark.parametrize("path", _ids(CORPUS))
def test_expect_block_uses_the_contract_ids(path):
    expect = _load(path)["expect"]
    assert expect["kind"] in KINDS
    date.fromisoformat(expect["today"])
    assert expect["steps"], "a lawyer always has a next step (even only one)"
    assert len(set(expect["steps"])) == len(expect["steps"])
    assert set(expect["steps"]) <= STEP_IDS
    assert set(expect["wrong_steps"]) <= STEP_IDS
    assert not set(expect["steps"]) & set(expect["wrong_steps"])
    assert set(expect["deadlines"]) <= DEADLINE_IDS
    for when in expect["deadlines"].values():
        date.fromisoformat(when)
    for dimension, value in expect["situation"].items():
        assert value in SITUATION[dimension], (dimension, value)
    assert _CHINESE.search(expect["rationale"])


@pytest.mark.parametrize("path", _ids(CORPUS))
def test_case_validates_and_round_trips(path):
    raw = _load(path)
    assert case.validate(raw) == []
    normal = case.normalise(raw)
    assert case.load(case.dumps(normal)) == normal
    assert case.normalise(json.loads(case.dumps(normal))) == normal


# ------------------------------------------------------------------ what the flow must advise


@pytest.mark.parametrize("path", _flow_params(test="situation"))
def test_situation_is_read_as_the_story_tells_it(path):
    raw = _load(path)
    result = _check(raw)
    derived = {item["id"]: item["value"] for item in result["situation"]}
    expected = raw["expect"]["situation"]
    assert {k: derived.get(k) for k in expected} == expected


@pytest.mark.parametrize("path", _flow_params())
def test_next_steps_are_what_a_lawyer_would_advise(path):
    raw = _load(path)
    result = _check(raw)
    assert [s["id"] for s in result["next_steps"]] == raw["expect"]["steps"]


# Weaker than the exact order above, so it shows progress before the order is right.
@pytest.mark.parametrize(
    "path", _flow_params([p for p in CORPUS if _load(p)["expect"]["wrong_steps"]])
)
def test_no_wrong_step_is_offered(path):
    raw = _load(path)
    offered = {s["id"] for s in _check(raw)["next_steps"]}
    assert not offered & set(raw["expect"]["wrong_steps"])


@pytest.mark.parametrize("path", _flow_params(WITH_DEADLINES, test="deadlines"))
def test_deadlines_the_story_fixes(path):
    raw = _load(path)
    result = _check(raw)
    found = {d["id"]: d["date"] for d in result["deadlines"]}
    expected = raw["expect"]["deadlines"]
    assert {k: found.get(k) for k in expected} == expected


def test_the_corpus_table_in_the_docs_lists_every_story():
    table = (Path(__file__).parents[2] / "docs" / "corpus.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"`(\d\d_[a-z0-9_]+\.json)`", table))
    assert listed == {p.name for p in CORPUS}
