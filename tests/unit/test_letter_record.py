"""A letter's facts are computed once and frozen; what rendering notices goes to its Recorder.

The order of the missing fields is what the user reads in the warnings: the order in which the
letter first shows each placeholder, each field once.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path
from types import MappingProxyType

import pytest
from weiquan import case as case_model
from weiquan import letter_facts
from weiquan.letter_record import Gap, Recorder
from weiquan.letters import LETTER_KINDS, Letter, draft

TODAY = date(2025, 3, 20)
GOLDEN = Path(__file__).parent / "golden"


def golden_case(name: str) -> dict:
    return case_model.normalise(json.loads((GOLDEN / name / "case.json").read_text("utf-8")))


@pytest.mark.parametrize(
    ("shown", "missing"),
    [
        # In the order first shown; a field shown again keeps its first place.
        (
            [Gap("case.order.id"), Gap("case.consumer.name"), Gap("case.order.id")],
            {"case.order.id": None, "case.consumer.name": None},
        ),
        (
            [Gap("case.consumer.name"), Gap("case.order.id"), Gap("case.consumer.name")],
            {"case.consumer.name": None, "case.order.id": None},
        ),
        # The label it was first shown with is the one the warning names.
        (
            [Gap("case.merchant.address", "被告住所"), Gap("case.merchant.address")],
            {"case.merchant.address": "被告住所"},
        ),
        ([], {}),
    ],
)
def test_gaps_are_kept_once_in_the_order_first_shown(shown, missing):
    recorder = Recorder()
    for gap in shown:
        recorder.note([gap])
    assert list(recorder.missing.items()) == list(missing.items())


def test_sections_warnings_and_tables_keep_their_order():
    recorder = Recorder()
    recorder.section("facts", "投诉事实", "甲")
    recorder.warn({"code": "note", "message": "一"})
    recorder.section("demand", "投诉诉求", "乙")
    recorder.warn({"code": "note", "message": "二"})
    assert [s["id"] for s in recorder.sections] == ["facts", "demand"]
    assert [w["message"] for w in recorder.warnings] == ["一", "二"]
    assert recorder.table(["序号", "名称"], [1, 2]) == 0
    assert recorder.row({"cells": ["1", "订单"]})["header"] == ["序号", "名称"]
    assert recorder.table(["要素", "内容"], [1, 1]) == 1
    recorder.row({"group": "原告"})
    assert [t["rows"] for t in recorder.tables] == [[{"cells": ["1", "订单"]}], [{"group": "原告"}]]


def test_a_fact_records_its_gaps_when_the_letter_shows_it_not_when_it_is_computed():
    the_case = golden_case("invalid-key-taobao")
    the_case["order"]["ordered_at"] = ""
    the_case["consumer"]["name"] = ""
    facts = letter_facts.compute(the_case, "platform-email", TODAY)
    assert facts.gaps["timeline"] == (Gap("case.order.ordered_at"),)
    recorder = Recorder()
    letter = Letter(facts, recorder)
    assert recorder.missing == {}  # computing the facts recorded nothing
    letter.need("consumer.name")
    letter.timeline  # noqa: B018 — showing the fact is what records its gaps
    letter.timeline  # noqa: B018
    assert list(recorder.missing) == ["case.consumer.name", "case.order.ordered_at"]


@pytest.mark.parametrize("kind", LETTER_KINDS)
def test_the_letter_lists_each_missing_field_once_and_warns_in_that_order(kind):
    result = draft(case_model.blank("not_delivered"), kind, TODAY)
    assert len(result.missing) == len(set(result.missing))
    fields = [w["field"] for w in result.warnings if w["code"] == "missing-field"]
    assert fields == result.missing


def _walk(value):
    yield value
    if isinstance(value, MappingProxyType):
        for v in value.values():
            yield from _walk(v)
    elif isinstance(value, tuple):
        for v in value:
            yield from _walk(v)
    elif dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            yield from _walk(getattr(value, f.name))


@pytest.mark.parametrize("kind", LETTER_KINDS)
def test_the_facts_cannot_be_changed_while_a_letter_is_rendered(kind):
    facts = letter_facts.compute(golden_case("scam-several-payments"), kind, TODAY)
    with pytest.raises(dataclasses.FrozenInstanceError):
        facts.values = {}  # type: ignore[misc]
    with pytest.raises(TypeError):
        facts.values["kind"] = "12315"  # type: ignore[index]
    for value in _walk(facts.values):
        assert not isinstance(value, dict | list | set), (kind, value)
        if dataclasses.is_dataclass(value):
            assert type(value).__dataclass_params__.frozen, (kind, type(value))


def test_an_unknown_fact_is_an_error_not_an_empty_text():
    facts = letter_facts.compute(golden_case("scam-several-payments"), "12315", TODAY)
    with pytest.raises(AttributeError):
        Letter(facts, Recorder()).no_such_fact  # noqa: B018
    # The court packet's facts are the court letters' only.
    with pytest.raises(AttributeError):
        facts.pleading  # noqa: B018
