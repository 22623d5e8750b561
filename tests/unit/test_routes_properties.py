"""Properties of the routes over generated cases (hypothesis): the rules of issue 20 hold
for every combination, not only for the case files."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from weiquan import api, case, routes

TODAY = date(2026, 11, 10)
COURT = {"sue-small-claims", "sue-court"}

contacts = st.lists(
    st.fixed_dictionaries(
        {
            "at": st.sampled_from(["2026-11-01T10:00", "2026-11-03T10:00", "2026-11-09T10:00"]),
            "channel": st.sampled_from(["chat", "ticket", "phone", "email", "marketplace"]),
            "outcome": st.sampled_from(["refused", "no_reply", "partial"]),
        }
    ),
    max_size=3,
)
cases = st.fixed_dictionaries(
    {
        "problem": st.sampled_from(sorted(case.PROBLEMS)),
        "suspected_fraud": st.booleans(),
        "merchant": st.fixed_dictionaries(
            {
                "name": st.just("某卡盟"),
                "kind": st.sampled_from(sorted(case.MERCHANT_KINDS)),
                "marketplace": st.sampled_from(sorted(case.MARKETPLACES)),
            }
        ),
        "order": st.fixed_dictionaries(
            {
                "item": st.sampled_from(["游戏点卡", "视频会员月卡"]),
                "amount": st.sampled_from(["9.80", "39.00", "299.00", "2500.00", "30000.00"]),
                "paid_via": st.sampled_from(sorted(case.PAID_VIA)),
                "problem_found_at": st.just("2026-11-01T09:00"),
            }
        ),
        "demands": st.sampled_from(
            [[], [{"kind": "refund"}], [{"kind": "reissue", "quantity": 1}]]
        ),
        "contacts": contacts,
        "small_claims_limit": st.sampled_from(["", "40000.00"]),
    }
)
# Dimensions the case format does not record yet, set as situation.derive will read them.
extras = st.fixed_dictionaries(
    {
        "paid_to": st.sampled_from(["", "marketplace", "merchant", "person", "platform_balance"]),
        "purpose": st.sampled_from(["", "personal", "resale"]),
        "payment_account_closed": st.sampled_from(["", "yes", "no"]),
    }
)


def _plan(raw: dict, extra: dict) -> tuple[dict, dict, list[str]]:
    kase = case.normalise(raw)
    kase["order"].update(extra)
    sit = routes.situation(kase, TODAY)
    result = api.check_case(kase, TODAY)
    return kase, sit, [s["id"] for s in result["next_steps"]]


PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(cases, extras)
def test_a_refusal_by_an_unknown_seller_always_has_a_court_step(raw, extra):
    raw["merchant"]["kind"] = "unknown"
    raw["contacts"] = [
        *raw["contacts"],
        {"at": "2026-11-09T12:00", "channel": "chat", "outcome": "refused"},
    ]
    kase, sit, found = _plan(raw, extra)
    # Not a scam (the police), not a buyer deceived into goods later taken back (the police
    # again), not a few yuan (the court costs more than it can win).
    police = sit["fraud"] == "suspected" and sit["delivery"] in ("revoked", "account_restricted")
    resolved = api.check_case(kase, TODAY)["resolved"]
    if routes.is_scam(kase, sit) or resolved or police or sit["amount"] == "tiny":
        return
    assert COURT & set(found), found


@PROPERTY
@given(cases, extras)
def test_no_payment_complaint_where_it_cannot_work(raw, extra):
    kase, sit, found = _plan(raw, extra)
    if sit["payment_complaint"] in ("not_applicable", "account_closed"):
        assert "dispute-payment" not in found or routes.is_scam(kase, sit)
    if sit["money_path"] == "person" and not routes.is_scam(kase, sit):
        assert "dispute-payment" not in found


@PROPERTY
@given(cases, extras)
def test_no_12315_or_association_without_consumer_law(raw, extra):
    _, sit, found = _plan(raw, extra)
    if sit["consumer_law"] == "no":
        assert not {"complain-12315", "contact-association"} & set(found)
