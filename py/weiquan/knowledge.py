"""What the app knows about each problem, read from `content/problems.toml`.

One place for the per-problem knowledge: the evidence a problem needs, the grounds it
rests on per purpose (refund, reissue, compensation, fraud, the platform's liability,
termination, void standard terms), how letters name it and the rewrite the tone check
offers. Letters and the dashboard both ask `grounds()`, so they cannot disagree.

Validated at first use like rules.toml: every rule id must exist there, every problem of
the case vocabulary must be described, and an error names the file and the key.
"""

from __future__ import annotations

import re

from weiquan import datafiles, rules
from weiquan.case import DEMAND_KINDS, EVIDENCE_KINDS, PROBLEMS

# The step ids of the dashboard (DESIGN.md); routes.toml may name only these.
STEP_IDS = (
    "report-police",
    "collect-evidence",
    "complain-platform",
    "send-termination-notice",
    "escalate-marketplace",
    "dispute-payment",
    "complain-12315",
    "contact-association",
    "consult-lawyer",
    "sue-small-claims",
    "sue-court",
)
DEADLINE_IDS = (
    "stop-payment",
    "after-sales-window",
    "promise-due",
    "platform-window",
    "topup-24h",
    "platform-reply",
    "marketplace-reply",
    "association-reply",
    "regulator-reply",
    "delay-15d",
    "termination-cure",
    "revoke-1y",
    "limitation-3y",
)

FILE = "problems.toml"
PURPOSES = (
    "base",
    "refund",
    "reissue",
    "compensation",
    "fraud",
    "platform",
    "termination",
    "void_terms",
)
_PROBLEM_KEYS = (
    "letter_label",
    "delivered",
    "found",
    "tone_fact",
    "basis",
    "failure_proof",
    "grounds",
    "evidence",
    "chain",
    "topup_line",
    "delay_line",
    "termination",
    "scam_shape",
    "gone",
    "refusal",
    "asked",
    "delivery",
)
_PROOF_KEYS = ("label", "source", "purpose")
# The channel a letter goes through, or a dashboard step acts on: what it adds to the grounds.
CHANNEL_PURPOSES: dict[str, tuple[str, ...]] = {
    "shop": (),
    "marketplace": ("platform",),
    "regulator": (),
    "mediation": (),
    "court": (),
    "termination": ("termination",),
}


# The one content error type (datafiles.ContentError); the old name stays for callers.
KnowledgeError = datafiles.ContentError


def _fail(key: str, message: str, value: object = None) -> None:
    raise datafiles.error(FILE, key, message, value=value)


def _check_ids(key: str, ids, known: set[str]) -> None:
    rules.require_ids(FILE, key, ids)


def _check(data: dict) -> None:
    known = rules.ids()
    common = data.get("common", {}).get("grounds", {})
    for purpose, ids in common.items():
        if purpose not in PURPOSES:
            _fail(f"common.grounds.{purpose}", f"用途应为 {PURPOSES} 之一")
        _check_ids(f"common.grounds.{purpose}", ids, known)
    for name, ids in data.get("refs", {}).items():
        _check_ids(f"refs.{name}", ids, known)
    for key in ("item_words", "not_words"):
        try:
            re.compile(data.get("topup", {})[key])
        except (KeyError, re.error) as error:
            _fail(f"topup.{key}", f"应为正则表达式（{error}）")
    for key in ("treble", "excluding"):
        try:
            re.compile(data.get("patterns", {})[key])
        except (KeyError, re.error) as error:
            _fail(f"patterns.{key}", f"应为正则表达式（{error}）")
    problems = data.get("problem", {})
    # A problem may be described before it enters the case vocabulary (e.g. `revoked`).
    absent = set(PROBLEMS) - set(problems)
    if absent:
        _fail("problem", f"缺少问题类型 {sorted(absent)}")
    for problem, spec in problems.items():
        where = f"problem.{problem}"
        for key in _PROBLEM_KEYS:
            if key not in spec:
                _fail(where, f"缺少 {key}")
        for key in _PROOF_KEYS:
            if not spec["failure_proof"].get(key):
                _fail(f"{where}.failure_proof", f"缺少 {key}")
        for purpose, ids in spec["grounds"].items():
            if purpose not in PURPOSES:
                _fail(f"{where}.grounds.{purpose}", f"用途应为 {PURPOSES} 之一")
            _check_ids(f"{where}.grounds.{purpose}", ids, known)
        for i, need in enumerate(spec["evidence"]):
            if need.get("kind") not in EVIDENCE_KINDS:
                _fail(f"{where}.evidence[{i}].kind", f"未知的证据类型 {need.get('kind')!r}")
        for i, link in enumerate(spec["chain"]):
            for kind in link.get("kinds", []):
                if kind not in EVIDENCE_KINDS:
                    _fail(f"{where}.chain[{i}].kinds", f"未知的证据类型 {kind!r}")


_data = datafiles.checked(FILE, _check)


def load() -> dict:
    """Load and validate (raises KnowledgeError); the build and tests call this."""
    return _data()


def problem(name: str) -> dict:
    """The description of one problem (KeyError for an unknown one)."""
    return _data()["problem"][name]


def topup() -> dict:
    return dict(_data()["topup"])


def refs(name: str) -> list[str]:
    """A named rule list of a step or deadline (KeyError naming it when absent)."""
    try:
        return list(_data()["refs"][name])
    except KeyError:
        raise KeyError(f"{FILE} 中没有 refs.{name}") from None


def purposes(case: dict, channel: str) -> tuple[str, ...]:
    """What the consumer is after in this case, as grounds purposes, through `channel`.

    Only what the case says counts: refund/reissue/compensation from `demands`, fraud only
    when a damages demand asks for the 3×, void terms when a recorded shop clause excludes
    the consumer's rights (or the problem is a refusal). No demands: refund and reissue,
    the two ways of putting a bad purchase right.
    """
    kinds = [d.get("kind") for d in case.get("demands") or []]
    wanted = [k for k in ("refund", "reissue", "compensation") if k in kinds]
    if channel == "termination":
        wanted = ["termination", "refund"]
    elif not wanted:
        wanted = ["refund", "reissue"]
    if asks_treble(case):
        wanted.append("fraud")
    if problem(case.get("problem") or "")["refusal"] or excluding_clauses(case):
        wanted.append("void_terms")
    return ("base", *wanted, *CHANNEL_PURPOSES.get(channel, ()))


def asks_treble(case: dict) -> bool:
    """Whether the person demanded the punitive 3× damages (a damages demand whose note says
    so; case format v1 has no separate kind for it): only then is fraud a ground argued."""
    treble = re.compile(_data()["patterns"]["treble"])
    return any(
        d.get("kind") == "compensation" and treble.search(str(d.get("note") or ""))
        for d in case.get("demands") or []
    )


def excluding_clauses(case: dict) -> list[dict]:
    """Recorded shop clauses that exclude refunds, complaints or lawsuits: void standard terms
    (rules cpl-26 and spc-online-1), to be challenged rather than relied on."""
    excluding = _data()["patterns"]["excluding"]
    return [
        raw
        for raw in case.get("rules") or []
        if raw.get("stance") == "unfair"  # case v2: the person marked it as one to challenge
        or re.search(excluding, f"{raw.get('title', '')}{raw.get('text', '')}")
    ]


def grounds(case: dict, channel: str) -> list[str]:
    """Rule ids the case rests on through `channel`, problem-specific before common, in
    purpose order, without repeats. Letters cite the verified ones; the dashboard lists all."""
    spec = problem(case.get("problem") or "")
    common = _data().get("common", {}).get("grounds", {})
    ids: list[str] = []
    for purpose in purposes(case, channel):
        own = spec["grounds"].get(purpose)
        ids += own if own is not None else common.get(purpose, [])
    return list(dict.fromkeys(ids))


def demand_purpose_names() -> dict[str, str]:
    """Demand kinds that are grounds purposes, with their names (for the tests' matrix)."""
    return {k: v for k, v in DEMAND_KINDS.items() if k in PURPOSES}
