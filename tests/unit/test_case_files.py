"""Realistic case files (tests/unit/cases/*.json), each with the outcome a person should see.

Each file carries an "expect" block next to the case: the stage, the exact next steps in
order, every deadline with its date, and the warnings that must (or must not) appear.

Files 01–23 are version 1 and go through `case.migrate`; the later ones are version 2.
An expect block with `"pending": "issue-13-flow"` states what the v2-aware flow (issue 13,
second phase) must produce and does not yet: its flow assertions — those named in
`"pending_tests"` (steps · deadlines · warnings), all three when absent — are strict xfails,
so they turn into failures the day they pass and the marker has to go. The case-format
assertions (load, validate, migrate, round-trip) always run.
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
PENDING = "issue-13-flow"
FLOW_TESTS = ("steps", "deadlines", "warnings")


def _load(path: Path) -> tuple[dict, dict]:
    raw = json.loads(path.read_text(encoding="utf-8"))
    return raw["expect"], raw


def _version(path: Path) -> int:
    return _load(path)[1]["version"]


V1_CASES = [p for p in CASES if _version(p) == 1]
V2_CASES = [p for p in CASES if _version(p) == 2]


def _flow_cases(test: str) -> list:
    """CASES, with the flow assertions of pending files marked as strict xfails."""
    params = []
    for path in CASES:
        expect, _ = _load(path)
        marks = []
        if expect.get("pending") is not None:
            assert expect["pending"] == PENDING, path.name
            pending = expect.get("pending_tests", FLOW_TESTS)
            assert set(pending) <= set(FLOW_TESTS), path.name
            if test in pending:
                marks.append(pytest.mark.xfail(strict=True, reason=f"{PENDING}: {test}"))
        params.append(pytest.param(path, marks=marks, id=path.stem))
    return params


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


def test_version_2_cases_cover_the_shapes_of_real_disputes():
    # Issue 13: the shapes the v1 format could not record, each in at least one file.
    assert len(V2_CASES) >= 10
    bodies = [case.normalise(_load(p)[1]) for p in V2_CASES]
    assert {b["merchant"]["kind"] for b in bodies} == set(case.MERCHANT_KINDS)
    parties = {c["party"] for b in bodies for c in b["contacts"]}
    assert {"payment", "police", "marketplace", "third_party"} <= parties
    assert any(len(b["order"]["payments"]) > 1 for b in bodies)
    assert any(b["order"]["quantity_failed"] for b in bodies)
    assert any(b["problem"] == "revoked" for b in bodies)
    assert any(b["merchant"]["handle"] and not b["merchant"]["name"] for b in bodies)
    assert any(r["stance"] == "unfair" for b in bodies for r in b["rules"])
    assert any(
        b["merchant"]["marketplace"] == "xianyu" and b["merchant"]["kind"] == "individual"
        for b in bodies
    )


@pytest.mark.parametrize("path", _flow_cases("steps"))
def test_stage_and_steps(path):
    expect, result = _check(path)
    assert result["stage"] == expect["stage"]
    assert [s["id"] for s in result["next_steps"]] == expect["steps"]
    assert result["resolved"] is expect.get("resolved", False)
    steps = {s["id"]: s for s in result["next_steps"]}
    for step_id, due in expect.get("step_due", {}).items():
        assert steps[step_id].get("due") == due, step_id


@pytest.mark.parametrize("path", _flow_cases("deadlines"))
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


@pytest.mark.parametrize("path", _flow_cases("warnings"))
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
    # The rules cited: the steps', the deadlines' and the theory's of the case.
    assert set(result["rules"]) == {
        r for item in result["next_steps"] + result["deadlines"] for r in item["rules"]
    } | set(result["theory"]["grounds"])


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_case_file_round_trips(path):
    _, raw = _load(path)
    assert case.validate(raw) == []
    normal = case.normalise(raw)
    exported = json.loads(case.dumps(normal))
    assert exported["version"] == case.CURRENT_VERSION == 2
    assert case.load(case.dumps(normal)) == normal
    assert case.normalise(exported) == normal


def _leaves(value: object, path: tuple = ()):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, (*path, index))
    else:
        yield path, value


def _same(normal: object, written: object) -> bool:
    # The same value, as normalising writes it: "300" is the money "300.00".
    if normal == written or not isinstance(written, str):
        return normal == written
    for parse in (lambda v: case.format_money(case.parse_money(v)), case.parse_time, str.strip):
        try:
            if parse(written) == normal:
                return True
        except ValueError:
            continue
    return False


def _at(value: object, path: tuple) -> object:
    for key in path:
        value = value[key]
    return value


@pytest.mark.parametrize("path", V1_CASES, ids=lambda p: p.stem)
def test_v1_file_keeps_every_value_through_migration(path):
    _, raw = _load(path)
    migrated = case.migrate(raw)
    assert migrated["version"] == 2 and raw["version"] == 1
    normal = case.normalise(migrated)
    for where, value in _leaves(raw["case"]):
        assert _same(_at(normal, where), value), where
    for contact, old in zip(normal["contacts"], raw["case"].get("contacts", []), strict=True):
        assert contact["party"] == case.CHANNEL_PARTY.get(old["channel"], "merchant")
    code = raw["case"].get("merchant", {}).get("credit_code", "")
    valid = bool(code) and case.credit_code_problem(code) is None
    assert normal["merchant"]["kind"] == ("business" if valid else "unknown")


@pytest.mark.parametrize("path", V2_CASES, ids=lambda p: p.stem)
def test_v2_file_needs_no_migration(path):
    _, raw = _load(path)
    assert case.migrate(raw) == raw
