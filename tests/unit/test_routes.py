"""Issue 20: routes as data, evaluated over the situation.

Each rule a consumer lawyer would insist on, as a case (mostly the real case files with the
one fact the rule is about changed) and the steps a person would see. Dimensions the case
format does not record yet are set on the normalised case, as situation.derive will read
them (DESIGN.md "Situation and theory").
"""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path

import pytest
from weiquan import api, case, datafiles, flow, routes

CASES = Path(__file__).parent / "cases"
TODAY = date(2026, 11, 10)
REFUSED_CHAT = [
    {"at": "2026-11-03T10:00", "channel": "chat", "party": "merchant", "outcome": "refused"}
]
REFUSED = [{"at": "2026-11-03T10:00", "channel": "ticket", "outcome": "refused"}]


def load(stem: str) -> tuple[dict, date]:
    raw = json.loads(next(CASES.glob(f"{stem}_*.json")).read_text(encoding="utf-8"))
    return case.normalise(raw), date.fromisoformat(raw["expect"]["today"])


def plan(c: dict, today: date = TODAY) -> dict:
    return api.check_case(c, today)


def ids(c: dict, today: date = TODAY) -> list[str]:
    return [s["id"] for s in plan(c, today)["next_steps"]]


def with_order(c: dict, **fields) -> dict:
    c = copy.deepcopy(c)
    c["order"].update(fields)
    return c


# ------------------------------------------------------------------ unknown is safe


def test_a_v1_private_seller_who_refused_reaches_the_court():
    # Case 25 written as a v1 file: no merchant.kind, so it migrates to `unknown`.
    raw = json.loads(next(CASES.glob("25_*.json")).read_text(encoding="utf-8"))
    raw["version"] = 1
    raw["case"]["merchant"].pop("kind")
    for contact in raw["case"]["contacts"]:
        contact.pop("party", None)
    c = case.normalise(raw)
    assert c["merchant"]["kind"] == "unknown"
    found = ids(c, date.fromisoformat(raw["expect"]["today"]))
    assert {"sue-small-claims", "sue-court"} & set(found)


@pytest.mark.parametrize("limit", ["", "48000.00", "100.00"])
def test_an_unknown_seller_who_refused_always_has_a_court_step(make_case, limit):
    c = make_case(contacts=REFUSED_CHAT, small_claims_limit=limit)
    assert c["merchant"]["kind"] == "unknown"
    assert {"sue-small-claims", "sue-court"} & set(ids(c))


def test_a_missing_fact_never_accuses(make_case):
    # No fraud marked, nothing known about the seller: no police, no 3× claim, no "诈骗".
    result = plan(make_case(contacts=REFUSED_CHAT))
    text = json.dumps(result["next_steps"], ensure_ascii=False)
    assert "report-police" not in ids(make_case(contacts=REFUSED_CHAT))
    assert "诈骗" not in text and "三倍" not in text


# ------------------------------------------------------------------ channels that can work


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, True),  # a merchant's own collection account, paid by Alipay
        ({"paid_to": "merchant"}, True),
        ({"paid_to": "marketplace"}, False),  # 拼多多/京东/淘宝 held the money
        ({"paid_to": "platform_balance"}, False),  # in-game or site balance
        ({"paid_to": "person"}, False),  # a personal transfer: no merchant to act on
        ({"paid_to": "merchant", "payment_account_closed": "yes"}, False),
    ],
)
def test_a_payment_complaint_only_where_it_can_work(make_case, changes, expected):
    c = with_order(make_case(contacts=REFUSED), **changes)
    assert ("dispute-payment" in ids(c)) is expected


@pytest.mark.parametrize("marketplace", ["taobao", "pinduoduo", "jd"])
def test_no_payment_complaint_when_the_marketplace_took_the_money(make_case, marketplace):
    c = make_case(merchant={"marketplace": marketplace}, contacts=REFUSED)
    found = ids(c)
    assert "dispute-payment" not in found and "escalate-marketplace" in found


def test_a_scam_paid_by_personal_transfer_keeps_the_fraud_complaint():
    c, today = load("24")
    c = with_order(c, paid_to="person")
    step = next(s for s in plan(c, today)["next_steps"] if s["id"] == "dispute-payment")
    assert "涉嫌诈骗" in step["title"]


@pytest.mark.parametrize(
    ("merchant", "purpose"),
    [({"kind": "individual"}, ""), ({"kind": "business"}, "resale"), ({}, "resale")],
)
def test_no_12315_or_association_without_consumer_law(make_case, merchant, purpose):
    c = with_order(make_case(merchant=merchant, contacts=REFUSED), purpose=purpose)
    assert not {"complain-12315", "contact-association"} & set(ids(c))


# ------------------------------------------------------------------ missing routes


BASE_FACTS = {
    "counterparty": "company",
    "fraud": "no",
    "purpose": "personal",
    "consumer_law": "yes",
    "money_path": "merchant",
    "payment_complaint": "available",
    "delivery": "delivered",
    "stance": "refused",
    "refund_route": "unknown",
    "payer": "self",
    "account_holder": "self",
    "minor": "no",
    "price": "normal",
    "amount": "small",
    "platform": "failed",
    "marketplace": "none",
    "regulator": "none",
    "association": "none",
    "payment": "none",
    "police": "none",
    "scam": False,
    "gone": False,
    "on_marketplace": False,
    "escalate": True,
    "refused": True,
    "resolved": False,
    "need_evidence": False,
    "cure": "none",
    "legal": False,
    "court": "none",
    "court_basis": "no_limit",
    "lawyer": False,
    "lawyer_done": False,
    "court_done": False,
    "law_first": False,
    "after_sales": "none",
    "informal": False,
    "platform_due_known": False,
    "marketplace_due_known": False,
    "regulator_due_known": False,
    "big_amount": False,
    "over_limit": False,
    "supplier": False,
    "third_failed": False,
    "several_payments": False,
    "xianyu": False,
    "paid_by_app": True,
}


def test_the_fact_vocabulary_is_the_tables():
    assert set(BASE_FACTS) == set(routes.FACTS)


@pytest.mark.parametrize("delivery", ["service_ended", "account_restricted"])
@pytest.mark.parametrize(
    ("stance", "expected"),
    [
        # Not yet refused: the 催告 first (the court once its period is over).
        ("no_reply", {"send-termination-notice"}),
        # Refused: the 催告 still leads (it fixes the date the contract ends), the court follows.
        ("refused", {"send-termination-notice", "sue-court"}),
    ],
)
def test_a_business_that_ended_a_service_or_holds_a_balance(delivery, stance, expected):
    # The facts flow computes for it: the notice is due (cure open), the court fits.
    facts = {
        **BASE_FACTS,
        "delivery": delivery,
        "stance": stance,
        "cure": "open",
        "legal": True,
        "court": "court",
    }
    chosen = {s["id"] for s in routes.chosen(facts)}
    assert chosen & {"send-termination-notice", "sue-court"} == expected


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("35", ["send-termination-notice"]),  # service ended; the refund offer is no answer
        ("36", ["send-termination-notice", "sue-court"]),  # account locked, refused in writing
    ],
)
def test_flow_sends_an_operator_that_keeps_the_money_towards_the_court(stem, expected):
    c, today = load(stem)
    found = ids(c, today)
    assert [s for s in found if s in ("send-termination-notice", "sue-court")] == expected


def test_a_refund_only_to_the_site_balance_is_answered_in_the_notice():
    c, today = load("35")
    notice = {s["id"]: s for s in plan(c, today)["next_steps"]}["send-termination-notice"]
    assert "站内余额" in notice["why"] and "原路退回" in notice["why"]
    c["order"]["refund_offer"] = "original"
    notice = {s["id"]: s for s in plan(c, today)["next_steps"]}["send-termination-notice"]
    assert "站内余额" not in notice["why"]


@pytest.mark.parametrize(("fraud", "police"), [(True, True), (False, False)])
def test_goods_taken_back_bring_the_police_in_only_when_the_buyer_was_deceived(fraud, police):
    c, today = load("29")
    c["suspected_fraud"] = fraud
    c = with_order(c, face_value="1000.00")
    steps = plan(c, today)["next_steps"]
    assert (steps[0]["id"] == "report-police") is police
    if police:
        assert "善意" in steps[0]["why"] and "远低于面值" in steps[0]["why"]
        assert "complain-platform" not in [s["id"] for s in steps]  # not to the deceiver
    else:
        assert steps[0]["id"] == "complain-platform"  # the seller's breach: ask him first


def test_a_small_sum_from_a_private_seller_starts_with_a_written_demand():
    c, today = load("26")
    first = plan(c, today)["next_steps"][0]
    assert first["id"] == "complain-platform"
    assert "书面催告" in first["title"] and "起诉" in first["why"]
    assert "不花钱" in first["proportion"]


# ------------------------------------------------------------------ proportion


@pytest.mark.parametrize(("amount", "court"), [("39.00", False), ("299.00", True)])
def test_no_lawyer_for_a_small_sum_and_the_court_fee_weighed(make_case, amount, court):
    c = make_case(
        suspected_fraud=True,
        order={"amount": amount},
        demands=[{"kind": "refund", "amount": amount}],
        contacts=REFUSED,
        small_claims_limit="40000",
    )
    found = {s["id"]: s for s in plan(c)["next_steps"]}
    assert "consult-lawyer" not in found
    assert ("sue-small-claims" in found) is court
    if court:
        assert "五十元" in found["sue-small-claims"]["proportion"]


def test_a_big_sum_gets_the_lawyer_without_a_warning(make_case):
    c = make_case(
        order={"amount": "20000.00"},
        demands=[{"kind": "refund", "amount": "20000.00"}],
        contacts=REFUSED,
    )
    lawyer = {s["id"]: s for s in plan(c)["next_steps"]}["consult-lawyer"]
    assert "proportion" not in lawyer and "一万元" in lawyer["why"]


def test_a_tiny_sum_lost_to_a_vanished_site_gets_one_lever_and_the_advice_to_stop(make_case):
    c = make_case(
        problem="vanished",
        order={"item": "某视频网站会员 月卡", "amount": "9.80"},
        demands=[{"kind": "refund", "amount": "9.80"}],
        small_claims_limit="40000",
    )
    steps = plan(c)["next_steps"]
    assert [s["id"] for s in steps] == ["dispute-payment"]
    assert "到此为止" in steps[0]["proportion"]


def test_the_court_fee_is_weighed_for_a_small_claim(make_case):
    c = make_case(contacts=REFUSED_CHAT, small_claims_limit="40000")
    court = {s["id"]: s for s in plan(c)["next_steps"]}["sue-small-claims"]
    assert "五十元" in court["proportion"] and "fees-13" in court["rules"]


# ------------------------------------------------------------------ deadlines first


def test_an_open_after_sales_window_comes_first_with_its_date(make_case):
    c = with_order(make_case(merchant={"marketplace": "pinduoduo"}), after_sales_until="2026-11-11")
    result = plan(c)
    first = result["next_steps"][0]
    assert first["id"] == "escalate-marketplace" and first["due"] == "2026-11-11"
    assert "拼多多" in first["title"]
    window = {d["id"]: d for d in result["deadlines"]}["after-sales-window"]
    assert window["date"] == "2026-11-11" and window["status"] == "upcoming"
    later = plan(c, date(2026, 11, 12))
    assert later["next_steps"][0]["id"] != "escalate-marketplace"
    assert "after-sales-window" in {w.get("deadline") for w in later["warnings"]}


def test_a_scam_has_stop_payment_today():
    c, today = load("24")
    found = {d["id"]: d for d in plan(c, today)["deadlines"]}
    assert found["stop-payment"]["date"] == today.isoformat()
    assert "今天" in found["stop-payment"]["title"]


def test_no_stop_payment_outside_a_scam(make_case):
    assert "stop-payment" not in {d["id"] for d in plan(make_case())["deadlines"]}


def test_a_promised_date_is_its_own_deadline(make_case):
    c = make_case(
        contacts=[
            {
                "at": "2026-11-09T10:00",
                "channel": "ticket",
                "outcome": "promised",
                "promise": "三天内补发",
                "promise_due": "2026-11-12",
            }
        ]
    )
    found = {d["id"]: d for d in plan(c)["deadlines"]}
    assert (
        found["promise-due"]["date"] == "2026-11-12"
        and "三天内补发" in found["promise-due"]["basis"]
    )
    assert "platform-reply" not in found


@pytest.mark.parametrize(
    ("found_at", "last_day"),
    [
        ("2025-11-08", "2026-11-06"),  # 2026-11-08 is a Sunday: back to Friday, never forward
        ("2025-10-03", "2026-09-30"),  # 2026-10-03 falls in the National Day holiday
        ("2025-11-10", "2026-11-10"),  # a working day stays
    ],
)
def test_the_one_year_to_revoke_is_the_last_working_day_before_it(make_case, found_at, last_day):
    c = make_case(suspected_fraud=True, order={"problem_found_at": found_at})
    entry = {d["id"]: d for d in plan(c, date(2026, 1, 5))["deadlines"]}["revoke-1y"]
    assert entry["date"] == last_day
    assert "最迟在" in entry["title"] and "不因节假日顺延" in entry["basis"]


# ------------------------------------------------------------------ noise


def test_a_scam_victim_is_not_sent_back_to_confirm_a_date():
    c, today = load("24")
    c["contacts"].append(
        {**c["contacts"][0], "outcome": "promised", "promise_due": "", "promise": "马上退"}
    )
    fields = {w.get("field", "") for w in plan(c, today)["warnings"]}
    assert not any(f.endswith("promise_due") for f in fields)


def test_a_written_refusal_is_no_missing_complaint(make_case):
    c = make_case(
        order={"problem_found_at": "2026-10-01T10:00"},
        contacts=[
            {"at": "2026-10-20T10:00", "channel": "chat", "party": "merchant", "outcome": "refused"}
        ],
    )
    messages = [w["message"] for w in plan(c)["warnings"]]
    assert not any("还没有向商家正式投诉" in m for m in messages)


# ------------------------------------------------------------------ the table itself


def test_every_step_renders_for_a_real_case():
    # Each step chosen at least once over the case files and the corpus, so a missing
    # {field} shows up here rather than in the browser.
    seen = set()
    for path in sorted([*CASES.glob("*.json"), *(CASES.parent / "corpus").glob("*.json")]):
        raw = json.loads(path.read_text(encoding="utf-8"))
        result = api.check_case(case.normalise(raw), date.fromisoformat(raw["expect"]["today"]))
        for step in result["next_steps"]:
            assert step["title"] and step["why"], (path.name, step["id"])
            seen.add(step["id"])
    assert seen == set(flow.STEP_IDS)


def test_a_bad_fact_in_the_table_fails_naming_file_line_and_step():
    good = datafiles.read_text("routes.toml")
    bad = good.replace("scam = true, police", "skam = true, police", 1)
    routes._data.cache_clear()
    try:
        with (
            datafiles.replaced("routes.toml", bad),
            pytest.raises(
                routes.RoutesError,
                match=r"content/routes\.toml:\d+ step\[\d+\]\(report-police/\w+\)\.when: .*skam",
            ),
        ):
            routes.load()
    finally:
        routes._data.cache_clear()
    assert routes.load()


def test_a_cure_deadline_only_beside_its_notice():
    # A 催告 deadline the steps do not offer would be noise (a few yuan, a deceiver).
    for path in sorted([*CASES.glob("*.json"), *(CASES.parent / "corpus").glob("*.json")]):
        raw = json.loads(path.read_text(encoding="utf-8"))
        result = api.check_case(case.normalise(raw), date.fromisoformat(raw["expect"]["today"]))
        steps = {s["id"] for s in result["next_steps"]}
        cure = "termination-cure" in {d["id"] for d in result["deadlines"]}
        if cure and steps and not steps & {"sue-court", "sue-small-claims"}:
            assert "send-termination-notice" in steps, path.name
