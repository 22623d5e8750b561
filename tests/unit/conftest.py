from __future__ import annotations

import copy
import os
import subprocess
import sys
from pathlib import Path

import pytest
from weiquan import case

ROOT = Path(__file__).resolve().parents[2]

FULL_EVIDENCE = {
    "invalid_key": ["order_record", "payment_record", "failure_proof", "chat_log"],
    "not_delivered": [
        "order_record",
        "payment_record",
        "listing_claim",
        "failure_proof",
        "chat_log",
    ],
    "late_reissue": [
        "order_record",
        "payment_record",
        "failure_proof",
        "promise_record",
        "chat_log",
    ],
    "not_as_described": [
        "order_record",
        "payment_record",
        "listing_claim",
        "failure_proof",
        "chat_log",
    ],
    "refund_refused": ["order_record", "payment_record", "failure_proof", "chat_log"],
    "vanished": [
        "order_record",
        "payment_record",
        "failure_proof",
        "merchant_registration",
        "chat_log",
    ],
}

BASE = {
    "problem": "invalid_key",
    "merchant": {"name": "测试卡盟", "marketplace": "none", "address": "某市某区1号"},
    "order": {
        "id": "T-1",
        "item": "会员激活码",
        "amount": "300.00",
        "paid_via": "alipay",
        "ordered_at": "2026-11-02T09:00",
        "problem_found_at": "2026-11-02T10:00",
    },
    "consumer": {"name": "张三", "phone": "13800000000", "address": "某市某区2号"},
    "demands": [{"kind": "refund", "amount": "300.00"}],
}


def _deep_update(target: dict, changes: dict) -> None:
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _deep_update(target[key], value)
        else:
            target[key] = value


@pytest.fixture
def make_case():
    """A normalised case with full evidence for its problem, changed by keyword overrides."""

    def build(**changes) -> dict:
        raw = copy.deepcopy(BASE)
        _deep_update(raw, changes)
        raw.setdefault("evidence", [{"kind": k} for k in FULL_EVIDENCE[raw["problem"]]])
        return case.normalise(raw)

    return build


@pytest.fixture
def run_cli():
    """`python -m weiquan …` in a fresh process, as a person runs it."""

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "weiquan", *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT / "py"), "PYTHONIOENCODING": "utf-8"},
            timeout=60,
        )

    return run
