"""What a letter says that depends on the problem comes from content/letter_words.toml.

Every problem has its entry there, each entry's words reach the letters, and a problem without
its entry (or naming words that do not exist) stops the content check with file and line.
"""

from __future__ import annotations

from datetime import date

import pytest
from weiquan import case as case_model
from weiquan import datafiles, knowledge, letter_words
from weiquan.letters import draft

TODAY = date(2025, 3, 20)
PROBLEMS = sorted(knowledge.load()["problem"])


def words(problem: str) -> tuple[dict, dict, str]:
    entry = letter_words.of_problem(problem)
    data = letter_words.load()
    return data["goods"][entry["goods"]], data["police"][entry["police"]], entry["seller"]


def test_every_problem_has_its_entry():
    assert set(letter_words.load()["problem"]) == set(PROBLEMS)
    assert set(PROBLEMS) == set(case_model.PROBLEMS)


@pytest.mark.parametrize("problem", PROBLEMS)
def test_each_problems_words_are_the_ones_its_letters_use(problem):
    goods, police, seller = words(problem)
    the_case = case_model.normalise(
        {"problem": problem, "order": {"item": "会员"}, "demands": [{"kind": "reissue"}]}
    )
    # The re-issue asked for names the goods as the problem calls them.
    email = draft(the_case, "platform-email", TODAY).text
    assert f"补发可正常使用的{goods['name']}【待补充：补发数量】{goods['unit']}" in email
    # The police report opens and asks as the problem's words say (no fraud suspected here).
    report = draft(the_case, "police-report", TODAY).text
    assert f"\n{police['opening']}共付款" in report
    assert police["request"] in report
    # A seller who cannot be found is told apart in the 起诉状's notes: no small claims.
    notes = " ".join(w["message"] for w in draft(the_case, "civil-complaint", TODAY).warnings)
    assert ("下落不明" in notes) == (seller == "missing")


@pytest.mark.parametrize("problem", PROBLEMS)
def test_a_suspected_fraud_reads_as_fraud_whatever_the_problem(problem):
    the_case = case_model.normalise({"problem": problem, "suspected_fraud": True})
    report = draft(the_case, "police-report", TODAY).text
    assert letter_words.load()["police"]["fraud"]["request"] in report


def test_an_item_named_as_a_card_key_is_called_one_whatever_the_problem():
    the_case = case_model.normalise(
        {
            "problem": "not_delivered",
            "order": {"item": "Steam 兑换码"},
            "demands": [{"kind": "reissue"}],
        }
    )
    assert (
        "补发可正常使用的卡密【待补充：补发数量】张"
        in draft(the_case, "platform-email", TODAY).text
    )


def _refused(text: str) -> str:
    letter_words.load.cache_clear()
    try:
        with (
            datafiles.replaced(letter_words.FILE, text),
            pytest.raises(datafiles.ContentError) as e,
        ):
            letter_words.load()
    finally:
        letter_words.load.cache_clear()
    return str(e.value)


@pytest.mark.parametrize("problem", PROBLEMS)
def test_a_problem_without_its_words_fails_the_content_check(problem):
    good = datafiles.read_text(letter_words.FILE)
    table = f"[problem.{problem}]\n"
    start = good.index(table)
    end = good.find("\n[", start + len(table))
    bad = good[:start] + (good[end + 1 :] if end >= 0 else "")
    found = _refused(bad)
    assert found.startswith("content/letter_words.toml:"), found
    assert f"缺少问题类型 {problem} 的文书用语" in found


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ('police = "fraud"', 'police = "scam"', "problem.scammed.police"),
        ('goods = "keys"', 'goods = "key"', "problem.invalid_key.goods"),
        ('seller = "missing"', 'seller = "gone"', "problem.vanished.seller"),
        ('request = "请求依法调查处理。"', "", "police.dispute.request"),
        ('unit = "张"', "unit = 1", "goods.keys.unit"),
    ],
)
def test_a_wrong_entry_is_named_with_its_line(old, new, key):
    good = datafiles.read_text(letter_words.FILE)
    assert old in good
    bad = good.replace(old, new, 1)
    found = _refused(bad)
    line = found.split(" ")[0].rsplit(":", 1)[1]
    assert found.split(" ")[1] == f"{key}:", found
    expected = bad.splitlines()[int(line) - 1]
    assert new in expected if new else expected.startswith("["), found
