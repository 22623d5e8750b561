"""The theory of the case: the one legal reading every document argues.

`derive(case, situation)` picks the cause from the situation model (what was delivered,
what the other side did, who it is, whether the buyer was a minor or deceived) and turns
the person's demands — and only those — into claims, each with the rule ids it rests on.
The words of each cause live in `content/causes.toml`; this module only decides.

A missing fact never produces a claim or a legal basis: an unknown counterparty is not a
business, so the consumer law is not cited; an unknown amount stays unknown.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_DOWN, Decimal

from weiquan import claims as claims_of
from weiquan import clauses, datafiles, knowledge, rules

FILE = "causes.toml"
CAUSES = (
    "non_delivery",
    "refusal",
    "defect",
    "partial_failure",
    "title_defect",
    "service_ended",
    "account_restricted",
    "fraud",
    "unjust_enrichment",
    "minor",
    "agreed_refund",
    "breach",
)
NOTICES = ("cure", "outright", "partial", "restore", "release", "revoke", "honour")
_TEXT_KEYS = ("label", "subject", "short", "outstanding", "breach", "claim", "demand")
_ID_KEYS = (
    "basis",
    "restore",
    "compensate",
    "perform",
    "notice_basis",
    "cure_basis",
    "consumer_basis",
)
BUSINESS = ("company", "sole_trader", "business")
# Causes whose refund is only the part not yet used or the balance held.
SHARE_CAUSES = ("service_ended", "account_restricted")
CENT = Decimal("0.01")


# The one content error type; the old name stays for callers.
CausesError = datafiles.ContentError


def _fail(key: str, message: str) -> None:
    raise datafiles.error(FILE, key, message)


def _check(data: dict) -> None:
    causes = data.get("cause", {})
    for cause in CAUSES:
        if cause not in causes:
            _fail("cause", f"缺少 {cause}")
    for cause, spec in causes.items():
        where = f"cause.{cause}"
        for key in _TEXT_KEYS:
            if not isinstance(spec.get(key), str) or not spec[key]:
                _fail(f"{where}.{key}", "应为非空文字")
        if not spec.get("compensate"):
            _fail(f"{where}.compensate", "应为规则 id 的列表")
        if spec.get("notice") not in NOTICES:
            _fail(f"{where}.notice", f"应为 {NOTICES} 之一")
        for key in _ID_KEYS:
            rules.require_ids(FILE, f"{where}.{key}", spec.get(key, []))
        if not isinstance(spec.get("questions", []), list):
            _fail(f"{where}.questions", "应为问题的列表")
    for table in ("treble", "void_terms", "channel"):
        for key, ids in data.get(table, {}).items():
            rules.require_ids(FILE, f"{table}.{key}", ids)


_data = datafiles.checked(FILE, _check)


def load() -> dict:
    """Load and validate (raises CausesError); the build and tests call this."""
    return _data()


def cause_spec(cause: str) -> dict:
    return _data()["cause"][cause]


# ----------------------------------------------------------------------- the cause


def _cause(case: dict, sit: dict) -> str:
    delivery = sit.get("delivery", "unknown")
    if sit.get("minor") == "yes":
        return "minor"
    if sit.get("fraud") == "suspected" and (
        delivery in ("none", "unknown") or sit.get("counterparty") in ("person", "unknown")
    ):
        return "fraud"
    if sit.get("stance") == "agreed":
        # Once a refund is agreed, the dispute is that agreement, whatever went wrong before.
        return "agreed_refund"
    if delivery == "partial" or _failed_part(case):
        return "partial_failure"
    by_delivery = {
        "invalid": "defect",
        "not_as_described": "defect",
        "revoked": "title_defect",
        "service_ended": "service_ended",
        "account_restricted": "account_restricted",
    }
    if delivery in by_delivery:
        return by_delivery[delivery]
    if delivery == "none":
        if sit.get("stance") == "refused":
            return "refusal"
        if sit.get("counterparty") == "unknown" and sit.get("money_path") == "person":
            # Money sent to a private account of someone not known as the seller: no
            # contract with the payee can be shown, what it holds has no legal basis.
            return "unjust_enrichment"
        return "non_delivery"
    # Delivered, or not known: only that the other side did not do what was agreed.
    return "breach"


def _failed_part(case: dict) -> bool:
    order = case.get("order") or {}
    failed, quantity = order.get("quantity_failed"), order.get("quantity")
    return isinstance(failed, int) and isinstance(quantity, int) and 0 < failed < quantity


def defendant(sit: dict) -> str:
    """company · sole_trader · person · unknown (a business of unknown form is unknown:
    the 起诉状 must then name it from the register, not from a guess)."""
    value = sit.get("counterparty", "unknown")
    return value if value in ("company", "sole_trader", "person") else "unknown"


# ------------------------------------------------------------------- the amounts


def _money(value) -> Decimal | None:
    try:
        amount = Decimal(str(value))
    except (ArithmeticError, ValueError):
        return None
    return amount if amount > 0 else None


def paid(case: dict) -> Decimal | None:
    """The sum of every payment when each is known, else order.amount."""
    order = case.get("order") or {}
    amounts = [_money(p.get("amount")) for p in order.get("payments") or []]
    if amounts and all(amounts):
        return sum(amounts, Decimal(0))
    return _money(order.get("amount"))


def entitlement(case: dict, cause: str) -> tuple[Decimal | None, str]:
    """The most a refund can be under `cause`, and how it was computed ("" = all paid)."""
    order = case.get("order") or {}
    total = paid(case)
    # Only part failed: whatever the cause, the part that worked is not claimed back.
    if total is not None and _failed_part(case):
        failed, quantity = order["quantity_failed"], order["quantity"]
        # Rounded down: a claim never exceeds the failed part's exact share.
        share = (total * failed / quantity).quantize(CENT, ROUND_DOWN)
        return share, f"{_fmt(total)}元 × {failed}/{quantity} = {_fmt(share)}元"
    if cause in SHARE_CAUSES:
        unused = _money(order.get("unused_amount"))
        if unused is not None:
            return min(unused, total) if total else unused, ""
        days, used = _int(order.get("service_days")), _int(order.get("service_used_days"))
        if total is not None and days and used is not None and 0 <= used < days:
            share = (total * (days - used) / days).quantize(CENT, ROUND_DOWN)
            formula = f"{_fmt(total)}元 × ({days} − {used})/{days}天 = {_fmt(share)}元"
            return share, formula
        return None, ""
    return total, ""


def _int(value) -> int | None:
    try:
        return int(str(value).strip())
    except ValueError:
        return None


def _fmt(value: Decimal) -> str:
    return f"{value.quantize(CENT)}"


# --------------------------------------------------------------------- the claims


def _claims(case: dict, cause: str, consumer_law: bool, who: str) -> list[dict]:
    spec = cause_spec(cause)
    cap, formula = entitlement(case, cause)
    found: list[dict] = []
    for kind, demand in _first_demands(case):
        if kind == "refund":
            asked = _money(demand.get("amount"))
            # The person's figure, never above what the cause entitles to; none is no guess.
            amount = min(asked, cap) if asked is not None and cap is not None else asked
            claim = {"kind": "refund", "basis": list(spec["restore"])}
            if cause in SHARE_CAUSES and cap is None:
                # Only the unused part comes back, and the case does not say how much it is:
                # never the whole sum paid (a court fee on money that cannot be won).
                amount = None
                claim["needs"] = "order.unused_amount"
            if amount is not None:
                claim["amount"] = _fmt(amount)
            if formula and amount == cap:
                claim["formula"] = formula
            found.append(claim)
        elif kind == "reissue" and "perform" in spec and not _demands(case, "refund"):
            # Re-issue or refund is one either/or demand: the court gets the definite one.
            claim = {"kind": "reissue", "basis": list(spec["perform"])}
            if isinstance(demand.get("quantity"), int) and demand["quantity"] > 0:
                claim["quantity"] = demand["quantity"]
            found.append(claim)
        elif kind == "compensation":
            found += _compensation(case, demand, consumer_law, who, spec)
        elif kind == "other" and str(demand.get("note") or "").strip():
            found.append({"kind": "other", "basis": []})
    return found


def _demands(case: dict, kind: str) -> bool:
    return any(d.get("kind") == kind for d in case.get("demands") or [])


def _first_demands(case: dict):
    """Each demand kind once (the first), in the person's order; `other` every time."""
    seen: set[str] = set()
    for demand in case.get("demands") or []:
        kind = demand.get("kind")
        if kind == "other" or kind not in seen:
            seen.add(kind)
            yield kind, demand


def _compensation(case, demand, consumer_law, who, spec) -> list[dict]:
    if knowledge.asks_treble(case):
        # 消法55 binds a business, where the consumer law applies, on the person's own claim.
        if not consumer_law or who == "person":
            return []
        value, floored = claims_of.treble(paid(case))
        rule = clauses.load()
        claim = {"kind": "treble", "basis": list(_data()["treble"]["basis"])}
        if value is not None:
            claim["amount"] = _fmt(value)
            price = paid(case)
            claim["formula"] = (
                f"{_fmt(price)}元 × {rule.punitive_multiple} 不足{rule.punitive_minimum}元，"
                f"按{rule.punitive_minimum}元计"
                if floored
                else f"{_fmt(price)}元 × {rule.punitive_multiple} = {_fmt(value)}元"
            )
        return [claim]
    amount = _money(demand.get("amount"))
    claim = {"kind": "compensation", "basis": list(spec["compensate"])}
    if amount is not None:
        claim["amount"] = _fmt(amount)
    return [claim]


# ------------------------------------------------------------------- the theory


def derive(case: dict, situation: dict) -> dict:
    """{cause, label, consumer_law, claims, defendant} (+ notice, grounds) for `case`."""
    cause = _cause(case, situation)
    spec = cause_spec(cause)
    consumer_law = situation.get("consumer_law") == "yes"
    who = defendant(situation)
    found = _claims(case, cause, consumer_law, who)
    return {
        "cause": cause,
        "label": spec["label"],
        "consumer_law": consumer_law,
        "claims": found,
        "defendant": who,
        "notice": _notice(case, cause),
        "grounds": grounds(case, cause, consumer_law, found),
        "situation": dict(situation),
    }


def _notice(case: dict, cause: str) -> str:
    """What the notice does: a 催告 only where performance is possible and wanted."""
    mode = cause_spec(cause)["notice"]
    wants_performance = any(d.get("kind") == "reissue" for d in case.get("demands") or [])
    if mode == "outright" and cause == "defect" and wants_performance:
        return "cure"
    return mode


def notice_basis(case: dict, theory: dict) -> list[str]:
    spec = cause_spec(theory["cause"])
    if theory["notice"] == "cure" and "cure_basis" in spec:
        return list(spec["cure_basis"])
    return list(spec["notice_basis"])


def grounds(case: dict, cause: str, consumer_law: bool, found: list[dict]) -> list[str]:
    """Every rule id the documents argue: the cause, the consumer law where it applies,
    each claim's basis, and the void-term articles where a recorded clause excludes rights."""
    spec = cause_spec(cause)
    ids = list(spec.get("consumer_basis", [])) if consumer_law else []
    ids += spec["basis"]
    for claim in found:
        ids += claim["basis"]
    void = _data()["void_terms"]
    if knowledge.excluding_clauses(case):
        ids += void["consumer"] if consumer_law else void["contract"]
    no_reason = _data()["no_reason"]
    if consumer_law and re.search(no_reason["pattern"], _invoked(case)):
        ids += no_reason["basis"]
    return list(dict.fromkeys(ids))


def _invoked(case: dict) -> str:
    """What the other side and its clauses said: the recorded clauses and contacts."""
    clauses = [f"{r.get('title', '')}{r.get('text', '')}" for r in case.get("rules") or []]
    said = [f"{c.get('summary', '')}" for c in case.get("contacts") or []]
    return "\n".join([*clauses, *said, str(case.get("facts") or "")])


def channel_grounds(case: dict, found: dict, channel: str) -> list[str]:
    """The rule ids one letter or step argues through `channel` (grounds.for_channel)."""
    table = _data()["channel"]
    if channel == "termination":
        ids = notice_basis(case, found)
        ids += [i for c in found["claims"] if c["kind"] == "refund" for i in c["basis"]]
        return list(dict.fromkeys(ids))
    ids = list(found["grounds"])
    if channel == "marketplace":
        ids += table["marketplace"]
        if found["consumer_law"]:
            ids += table["marketplace_consumer"]
    return list(dict.fromkeys(ids))


def public(case: dict, situation: dict) -> dict:
    """The theory as `check` returns it (the situation it rests on is returned beside it)."""
    found = derive(case, situation)
    return {k: v for k, v in found.items() if k != "situation"}


def of_case(case: dict, today: date) -> dict:
    """The theory of a normalised case, from its situation on `today`."""
    from weiquan import situation

    return derive(case, situation.derive(case, today))


# ------------------------------------------------------------------ words for letters


def say(template: str, **values) -> str:
    """A content sentence with {placeholders} filled; unknown placeholders stay visible."""
    for key, value in values.items():
        template = template.replace("{" + key + "}", str(value))
    return template


def elements(cause: str) -> dict:
    """The 要素式 起诉状's contract elements of `cause` ([elements], overridden per cause)."""
    return {**_data()["elements"], **cause_spec(cause).get("elements", {})}


def phrase(key: str) -> str:
    return _data()["phrases"][key]


def check_message(key: str) -> str:
    return _data()["checks"][key]


def note(key: str) -> str:
    return _data()["notes"][key]


def formal_law_name(law: str) -> str:
    return _data()["law_names"].get(law, law)


def stance_line(found: dict, **values) -> str:
    """Where things stand with the other side (situation.stance), from [stance]."""
    table = _data()["stance"]
    sit = found.get("situation", {})
    stance = sit.get("stance", "")
    if stance == "agreed" and sit.get("refund_route") == "site_balance":
        stance = "agreed_site_balance"
    return say(table.get(stance, table["other"]), **values)


def delivery_words(found: dict) -> dict:
    """[delivery.<value>] of causes.toml for the situation's delivery ({} when none)."""
    delivery = found.get("situation", {}).get("delivery", "")
    return _data().get("delivery", {}).get(delivery, {})


def fault(found: dict, **values) -> str:
    table = _data()["fault"]
    delivery = found.get("situation", {}).get("delivery", "")
    return say(table.get(delivery, table["other"]), **values)


_SENTENCE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]?")


def adding_sentences(text: str, told: list[str]) -> str:
    """The sentences of `text` that add something: not flagged by the tone check, not a
    repeat of something already `told` (a contact's summary, a promise, the problem)."""
    from weiquan import tone

    kept = []
    for sentence in _SENTENCE.findall(text or ""):
        core = sentence.strip()
        if not core or tone.check(core):
            continue
        if any(_overlaps(core, t) for t in told):
            continue
        kept.append(core)
    return "".join(kept)


def _overlaps(sentence: str, told: str) -> bool:
    if told in sentence or sentence.rstrip("。！？!?；;") in told:
        return True
    pairs = {told[i : i + 2] for i in range(len(told) - 1)}
    mine = [sentence[i : i + 2] for i in range(len(sentence) - 1)]
    return bool(mine) and sum(p in pairs for p in mine) / len(mine) >= 0.6


def questions(case: dict, found: dict) -> list[str]:
    """The questions this case raises for a lawyer, in order of weight."""
    table = _data()["questions"]
    sit = found.get("situation", {})
    asked = list(cause_spec(found["cause"]).get("questions", []))
    merchant, order = case.get("merchant") or {}, case.get("order") or {}
    if found["defendant"] == "person":
        asked.append(table["person_seller"])
    elif sit.get("consumer_law", "unknown") == "unknown" or sit.get("purpose") == "unknown":
        asked.append(table["consumer_status"])
    if found["defendant"] == "unknown":
        asked.append(table["defendant_unknown"])
    if merchant.get("marketplace") not in ("", "none", None):
        from weiquan.case import MARKETPLACES

        name = MARKETPLACES.get(merchant["marketplace"], "电商")
        if merchant["marketplace"] == "other":
            name = merchant.get("marketplace_name") or "电商"
        asked.append(say(table["marketplace"], marketplace=name))
    if order.get("payer") == "other":
        asked.append(say(table["payer_other"], payer=order.get("payer_name") or "他人"))
    if order.get("account_holder") == "other":
        asked.append(table["holder_other"])
    for rule in knowledge.excluding_clauses(case):
        title = str(rule.get("title") or rule.get("text") or "").strip("《》")[:20]
        asked.append(say(table["clause"], title=f"《{title}》" if rule.get("title") else title))
    if any(c["kind"] == "treble" for c in found["claims"]) or (
        case.get("suspected_fraud") and found["defendant"] != "person"
    ):
        asked.append(table["fraud"])
    phoned = any(c.get("channel") == "phone" for c in case.get("contacts") or [])
    recorded = any(
        e.get("kind") == "call_recording" and e.get("have") for e in case.get("evidence") or []
    )
    if phoned and not recorded:
        asked.append(table["no_recording"])
    asked += [table["court"], table["evidence"]]
    return list(dict.fromkeys(asked))
