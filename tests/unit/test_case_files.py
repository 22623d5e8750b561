"""Realistic case files (tests/unit/cases/*.json), each with the outcome a person should see.

Each file carries an "expect" block next to the case: the stage, the exact next steps in
order, every deadline with its date, and the warnings that must (or must not) appear.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from weiquan import api, case, rules

CASES = sorted((Path(__file__).parent / "cases").glob("*.json"))
_CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _load(path: Path) -> tuple[dict, dict]:
    raw = json.loads(path.read_text(encoding="utf-8"))
    return raw["expect"], raw


def _check(path: Path) -> tuple[dict, dict]:
    expect, raw = _load(path)
    result = api.check_case(case.normalise(raw), date.fromisoformat(expect["today"]))
    return expect, result


def test_there_are_enough_realistic_cases():
    assert len(CASES) >= 20
    problems, marketplaces = set(), set()
    for path in CASES:
        _, raw = _load(path)
        problems.add(raw["case"]["problem"])
        marketplaces.add(raw["case"].get("merchant", {}).get("marketplace", ""))
    assert problems == set(case.PROBLEMS)
    assert {"none", "taobao", "pinduoduo", "xianyu"} <= marketplaces


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_stage_and_steps(path):
    expect, result = _check(path)
    assert result["stage"] == expect["stage"]
    assert [s["id"] for s in result["next_steps"]] == expect["steps"]
    assert result["resolved"] is expect.get("resolved", False)
    steps = {s["id"]: s for s in result["next_steps"]}
    for step_id, due in expect.get("step_due", {}).items():
        assert steps[step_id].get("due") == due, step_id


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_deadlines(path):
    expect, result = _check(path)
    found = {d["id"]: d for d in result["deadlines"]}
    assert {k: v["date"] for k, v in found.items()} == expect["deadlines"]
    for ident in expect.get("absent_deadlines", []):
        assert ident not in found
    for ident, moment in expect.get("deadline_datetime", {}).items():
        assert found[ident]["datetime"] == moment
    for ident in expect.get("estimated", []):
        assert found[ident]["estimated"] is True, ident
    for ident in expect.get("not_estimated", []):
        assert found[ident]["estimated"] is False, ident
    for ident, status in expect.get("deadline_status", {}).items():
        assert found[ident]["status"] == status, ident
    passed = {w["deadline"] for w in result["warnings"] if w["code"] == "deadline-passed"}
    assert passed == set(expect.get("passed", [])) == {k for k, v in found.items() if v["passed"]}
    dates = [d["date"] for d in result["deadlines"]]
    assert dates == sorted(dates)


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_evidence_and_warnings(path):
    expect, result = _check(path)
    assert result["evidence"]["missing"] == expect["missing"]
    assert result["evidence"]["chain_complete"] is expect["chain_complete"]
    codes = {w["code"] for w in result["warnings"]}
    assert set(expect["warnings"]) <= codes
    assert not set(expect["no_warnings"]) & codes
    fields = {w["field"] for w in result["warnings"] if w["code"] == "missing-field"}
    assert set(expect.get("missing_fields", [])) <= fields


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_every_step_and_deadline_explains_itself(path):
    _, result = _check(path)
    known = rules.ids()
    cites_law = re.compile(r"法第|办法第|民法典第|解释第")
    for item in result["next_steps"]:
        assert item["id"] in api.flow.STEP_IDS
        if cites_law.search(item["why"] + item.get("jurisdiction", "")):
            assert item["rules"], item["id"]
        assert len(_CHINESE.findall(item["title"])) >= 2
        assert len(_CHINESE.findall(item["why"])) >= 20, item["id"]
        assert set(item["rules"]) <= known
    for item in result["deadlines"]:
        assert len(_CHINESE.findall(item["basis"])) >= 20, item["id"]
        assert set(item["rules"]) <= known
        # A basis that names a law must point at the rule it relies on.
        if cites_law.search(item["basis"]):
            assert item["rules"], item["id"]
    for warning in result["warnings"]:
        assert _CHINESE.search(warning["message"])
        if cites_law.search(warning["message"]):
            assert set(warning["rules"]) <= known and warning["rules"], warning
    assert set(result["rules"]) == {
        r for item in result["next_steps"] + result["deadlines"] for r in item["rules"]
    }


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_case_file_round_trips(path):
    _, raw = _load(path)
    normal = case.normalise(raw)
    assert case.load(case.dumps(normal)) == normal
