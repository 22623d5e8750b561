"""The theory of the case: cause, claims and their basis, from the situation and demands."""

from __future__ import annotations

import pytest
from weiquan import case, datafiles, rules, theory

BASE_SITUATION = {
    "counterparty": "company",
    "fraud": "no",
    "purpose": "personal",
    "consumer_law": "yes",
    "delivery": "none",
    "stance": "no_reply",
    "refund_route": "unknown",
    "minor": "unknown",
}


TREBLE = {"kind": "compensation", "amount": "", "quantity": None, "note": "价款三倍"}


def make_case(**order) -> dict:
    raw = {
        "problem": "not_delivered",
        "merchant": {"name": "某卡盟", "kind": "business"},
        "order": {"amount": "98.00", "quantity": 1, **order},
        "demands": [{"kind": "refund", "amount": "98.00"}],
    }
    return case.normalise(raw)


def derive(c: dict, **sit) -> dict:
    return theory.derive(c, {**BASE_SITUATION, **sit})


@pytest.mark.parametrize(
    ("situation", "cause", "article"),
    [
        ({"delivery": "none"}, "non_delivery", "cc-563-3"),
        ({"delivery": "none", "stance": "refused"}, "refusal", "cc-563-2"),
        ({"delivery": "invalid"}, "defect", "cc-582"),
        ({"delivery": "not_as_described"}, "defect", "cc-577"),
        ({"delivery": "partial"}, "partial_failure", "cc-582"),
        ({"delivery": "revoked"}, "title_defect", "cc-612"),
        ({"delivery": "service_ended"}, "service_ended", "cc-566"),
        ({"delivery": "account_restricted"}, "account_restricted", "cc-496"),
        ({"fraud": "suspected", "counterparty": "person"}, "fraud", "cc-148"),
        ({"counterparty": "unknown", "money_path": "person"}, "unjust_enrichment", "cc-985"),
        ({"delivery": "invalid", "stance": "agreed"}, "agreed_refund", "cc-509"),
        ({"delivery": "unknown"}, "breach", "cc-577"),
        ({"minor": "yes"}, "minor", "cc-145"),
    ],
)
def test_cause_and_its_article_follow_the_situation(situation, cause, article):
    found = derive(make_case(), **situation)
    assert found["cause"] == cause
    assert article in found["grounds"]
    assert found["label"] == theory.cause_spec(cause)["label"]
    assert all(rules.get(i)["status"] == "verified" for i in found["grounds"])


def test_partial_failure_claims_only_the_failed_share_with_its_formula():
    c = make_case(amount="98.00", quantity=2, quantity_failed=1)
    found = derive(c, delivery="partial")
    (claim,) = found["claims"]
    assert claim["amount"] == "49.00"
    assert claim["formula"] == "98.00元 × 1/2 = 49.00元"
    assert found["notice"] == "partial"


@pytest.mark.parametrize(
    ("order", "amount", "formula"),
    [
        ({"service_days": "365", "service_used_days": "73"}, "78.40", "× (365 − 73)/365天"),
        ({"unused_amount": "30.00"}, "30.00", ""),
        ({}, None, ""),  # unknown share: no figure, never the whole price
    ],
)
def test_service_ended_claims_the_unused_share(order, amount, formula):
    found = derive(make_case(**order), delivery="service_ended")
    (claim,) = found["claims"]
    assert claim.get("amount") == amount
    assert formula in claim.get("formula", "")
    assert found["notice"] == "restore"
    if amount is None:
        assert claim["needs"] == "order.unused_amount"


def test_no_claim_exceeds_what_was_paid():
    c = make_case()
    c["demands"] = [{"kind": "refund", "amount": "500.00", "quantity": None, "note": ""}]
    (claim,) = derive(c)["claims"]
    assert claim["amount"] == "98.00"


def test_claims_come_from_demands_only():
    c = make_case()
    c["demands"] = []
    assert derive(c, fraud="suspected")["claims"] == []


@pytest.mark.parametrize(
    ("counterparty", "consumer_law", "treble"),
    [("company", "yes", True), ("person", "no", False), ("unknown", "unknown", False)],
)
def test_treble_damages_only_against_a_business_under_the_consumer_law(
    counterparty, consumer_law, treble
):
    c = make_case()
    c["demands"].append(TREBLE)
    found = derive(c, counterparty=counterparty, consumer_law=consumer_law, delivery="invalid")
    kinds = [x["kind"] for x in found["claims"]]
    assert ("treble" in kinds) is treble
    assert ("cpl-55" in found["grounds"]) is treble
    assert found["consumer_law"] is (consumer_law == "yes")
    if not found["consumer_law"]:
        assert not [i for i in found["grounds"] if i.startswith("cpl-")]


def test_treble_is_three_times_with_a_500_floor_and_shows_how():
    c = make_case()
    c["demands"].append(TREBLE)
    treble = derive(c, delivery="invalid")["claims"][1]
    assert treble["amount"] == "500.00" and "不足500.00元" in treble["formula"]


def test_reissue_is_no_claim_where_performance_is_not_a_remedy():
    c = make_case()
    c["demands"] = [{"kind": "reissue", "quantity": 1, "amount": "", "note": ""}]
    assert derive(c, delivery="service_ended")["claims"] == []
    assert derive(c, delivery="none")["claims"][0]["kind"] == "reissue"


@pytest.mark.parametrize(
    ("situation", "notice"),
    [
        ({"delivery": "none"}, "cure"),
        ({"delivery": "none", "stance": "refused"}, "outright"),
        ({"delivery": "invalid"}, "outright"),
        ({"delivery": "revoked"}, "outright"),
        ({"delivery": "account_restricted"}, "release"),
    ],
)
def test_notice_demands_performance_only_where_possible_and_wanted(situation, notice):
    assert derive(make_case(), **situation)["notice"] == notice


def test_defect_with_a_reissue_wanted_gives_a_last_chance_first():
    c = make_case()
    c["demands"].append({"kind": "reissue", "quantity": 1, "amount": "", "note": ""})
    found = derive(c, delivery="invalid")
    assert found["notice"] == "cure"
    assert "cc-563-3" in theory.notice_basis(c, found)


@pytest.mark.parametrize(
    ("counterparty", "defendant"),
    [
        ("company", "company"),
        ("sole_trader", "sole_trader"),
        ("person", "person"),
        ("business", "unknown"),
        ("unknown", "unknown"),
    ],
)
def test_defendant_form(counterparty, defendant):
    assert derive(make_case(), counterparty=counterparty)["defendant"] == defendant


def test_unknown_rule_id_in_causes_toml_fails_naming_file_and_key():
    good = datafiles.read_text("causes.toml")
    bad = good.replace('basis = ["cc-985"]', 'basis = ["cc-9850"]', 1)
    theory._data.cache_clear()
    try:
        with (
            datafiles.replaced("causes.toml", bad),
            pytest.raises(
                theory.CausesError, match=r"content/causes\.toml:\d+ .*unjust_enrichment\.basis"
            ),
        ):
            theory.load()
    finally:
        theory._data.cache_clear()
    assert theory.load()
