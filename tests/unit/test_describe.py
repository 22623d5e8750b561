"""weiquan.describe: what the shell renders the case from comes from the core's own data."""

from __future__ import annotations

import json
from pathlib import Path

from weiquan import case as case_model
from weiquan import describe, flow, letters

STEPS = Path(__file__).resolve().parents[2] / "site" / "templates" / "steps"


def test_every_vocabulary_of_case_py_is_described_with_its_labels():
    vocab = describe.shell_data()["vocab"]
    assert vocab["problems"] == case_model.PROBLEMS
    assert vocab["channels"] == case_model.CHANNELS
    assert vocab["demand_kinds"] == case_model.DEMAND_KINDS
    assert vocab["evidence_kinds"] == case_model.EVIDENCE_KINDS


def test_a_vocabulary_added_to_case_py_flows_through(monkeypatch):
    monkeypatch.setattr(case_model, "MERCHANT_KINDS", {"business": "商家"}, raising=False)
    assert describe.shell_data()["vocab"]["merchant_kinds"] == {"business": "商家"}


def test_the_empty_case_is_a_case_the_core_accepts_once_a_problem_is_chosen():
    data = describe.shell_data()
    empty = data["empty_case"]
    assert empty["problem"] == ""
    chosen = {**empty, "problem": next(iter(case_model.PROBLEMS))}
    envelope = {"format": data["format"], "version": data["version"], "case": chosen}
    assert case_model.validate(envelope) == []
    # What the drop-downs show first is what the case holds.
    assert empty["merchant"]["marketplace"] == next(iter(case_model.MARKETPLACES))
    assert empty["order"]["paid_via"] == next(iter(case_model.PAID_VIA))


def test_a_new_contact_is_a_valid_contact():
    contact = describe.shell_data()["new_contact"]
    assert contact["channel"] in case_model.CHANNELS and contact["outcome"] in case_model.OUTCOMES
    kase = {"problem": next(iter(case_model.PROBLEMS)), "contacts": [contact]}
    assert case_model.normalise(kase)["contacts"] == [contact]


def test_verbal_channels_are_channels():
    assert set(describe.shell_data()["verbal_channels"]) <= set(case_model.CHANNELS)


def test_stages_are_the_flow_stages_in_order_with_titles():
    stages = describe.shell_data()["stages"]
    assert [s["id"] for s in stages] == list(flow.stages())
    assert [s["index"] for s in stages] == list(range(1, len(stages) + 1))
    assert stages[0]["title"] == f"第一步：{flow.stages()['evidence']}"
    assert describe.stage_index("legal") == len(stages) and describe.stage_index("?") == 0


def test_every_intake_step_has_its_template_and_every_demand_kind_a_form():
    data = describe.shell_data()
    for step in data["intake_steps"]:
        assert (STEPS / f"{step['id']}.html").is_file(), step["id"]
    assert [d["kind"] for d in data["demand_form"]] == list(case_model.DEMAND_KINDS)


def test_letters_and_step_ids_come_from_the_core():
    data = describe.shell_data()
    assert [k["id"] for k in data["letters"]] == list(letters.LETTER_KINDS)
    assert data["step_ids"] == list(flow.STEP_IDS)


def test_the_description_is_json():
    data = describe.shell_data()
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    assert data["version"] == case_model.CURRENT_VERSION


def test_consistency_lives_in_case_py_and_flags_typos():
    from datetime import date

    kase = case_model.normalise(
        {
            "problem": "invalid_key",
            "order": {"ordered_at": "2026-10-05", "problem_found_at": "2026-10-01"},
        }
    )
    codes = {w["code"] for w in case_model.consistency(kase, date(2026, 10, 3))}
    assert codes == {"date-order", "future-date"}


def test_the_party_a_new_contact_defaults_to_is_the_cores_own_derivation():
    data = describe.shell_data()
    assert set(data["channel_party"]) == set(case_model.CHANNELS)
    assert set(data["channel_party"].values()) <= set(case_model.PARTIES)
    for channel, party in data["channel_party"].items():
        kase = case_model.normalise({"problem": "invalid_key", "contacts": [{"channel": channel}]})
        assert kase["contacts"][0]["party"] == party
    assert data["new_contact"]["party"] == data["channel_party"][data["new_contact"]["channel"]]


def test_a_new_payment_row_is_valid_and_holds_what_its_drop_down_shows():
    payment = describe.shell_data()["new_payment"]
    assert set(payment) == {"at", "amount", "paid_via", "txn_id", "payee"}
    assert payment["paid_via"] == next(iter(case_model.PAID_VIA))
    assert case_model.validate({"problem": "invalid_key", "order": {"payments": [payment]}}) == []


# The vocabulary a tested path takes its values from (a test must name real values).
_VOCAB_OF = {
    "problem": case_model.PROBLEMS,
    "merchant.kind": case_model.MERCHANT_KINDS,
    "merchant.marketplace": case_model.MARKETPLACES,
    "order.paid_via": case_model.PAID_VIA,
    "order.payer": case_model.WHO,
    "order.delivered": case_model.DELIVERED,
    "contacts[].outcome": case_model.OUTCOMES,
}


def _names_a_field(empty: dict, path: str) -> bool:
    head, sep, tail = path.partition("[].")
    if sep:
        return tail in describe.shell_data()["new_contact"] and head == "contacts"
    group, _, key = path.partition(".")
    return key in empty[group] if key else group in empty


def test_conditional_fields_name_real_fields_and_real_values():
    shown = describe.shell_data()["shown_when"]
    empty = describe.shell_data()["empty_case"]
    for field, tests in shown.items():
        group, key = field.split(".")
        assert key in empty[group], field
        assert tests, field
        for test in tests:
            assert _names_a_field(empty, test["path"]), test
            assert {"in", "empty", "above"} & set(test), test
            vocab = _VOCAB_OF.get(test["path"])
            if vocab is not None:
                assert set(test["in"]) <= set(vocab), test
    # Company-only fields stay for a seller not yet known; a private seller is asked for the ID.
    kinds = {t["path"]: t for t in shown["merchant.credit_code"]}["merchant.kind"]["in"]
    assert "individual" not in kinds and "unknown" in kinds
    assert "individual" in shown["merchant.handle"][0]["in"]


def test_a_field_asked_differently_names_a_real_field_and_says_it_in_chinese():
    data = describe.shell_data()
    for field, variants in data["asked_as"].items():
        *groups, key = field.split(".")
        holder = data["empty_case"]
        for group in groups:
            holder = holder[group]
        assert key in holder, field
        for v in variants:
            assert set(v["in"]) <= set(case_model.MERCHANT_KINDS), v
            assert v["label"] and v["hint"], v
