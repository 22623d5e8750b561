"""Deadlines that matter to a complaint, each with the date and its basis in plain Chinese.

Legal periods are counted the way the Civil Code counts them (start day excluded, a last
day on a holiday moves to the next working day), except a 除斥期间 (the one-year limit to
revoke), which never rolls: its deadline is the last working day on or before it.
Practical deadlines that are not law — a platform's own complaint window, the 48-hour
escalation habit, 24 hours for a failed game top-up — say so in their basis. Every word
is content/deadlines.toml; which deadline fits which situation too (its `unless`).

This module also decides whether a complaint channel is still waiting, has failed or was
resolved, because that is a question of whose deadline has passed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from weiquan import calendar, datafiles, knowledge, routes, timeline
from weiquan import rules as rulebook
from weiquan.case import CHANNELS, MARKETPLACES, has_time, when
from weiquan.zhformat import date_zh, moment_zh, when_zh

PLATFORM_CHANNELS = ("order_complaint", "ticket", "chat", "email", "phone")
FORMAL_PLATFORM_CHANNELS = ("order_complaint", "ticket", "email")
REPLY_HOURS = 48
NO_REPLY_HABIT = ("payment", "police")
COMMON_WINDOW_DAYS = 7
REGULATOR_WORKING_DAYS = 7
DELAY_DAYS = 15
LIMITATION_YEARS = 3
REVOKE_YEARS = 1
# The reasonable period a 催告 gives the shop to perform (rule cc-563): a week, as for a
# reply to a letter; delivering a key or a top-up takes minutes, so it is generous.
CURE_DAYS = 7
FILE = "deadlines.toml"


# The one content error type; the old name stays for callers.
DeadlinesError = datafiles.ContentError


def _check(data: dict) -> None:
    specs = data.get("deadline", {})
    for ident in knowledge.DEADLINE_IDS:
        if not isinstance(specs.get(ident), dict) or "passed" not in specs[ident]:
            raise datafiles.error(FILE, f"deadline.{ident}", "缺少这一项或它的 passed")
        routes.check_condition(f"deadline.{ident}.unless", specs[ident].get("unless"), FILE)
    unknown = set(specs) - set(knowledge.DEADLINE_IDS)
    if unknown:
        raise datafiles.error(FILE, "deadline", f"未知的期限 id {sorted(unknown)}")


_content = datafiles.checked(FILE, _check)


def load() -> dict:
    """Load and validate (raises DeadlinesError); the build and tests call this."""
    return _content()


def _words(ident: str, key: str, variant: str = "", **fields) -> str:
    spec = _content()["deadline"][ident]
    raw = spec[variant][key] if variant and key in spec.get(variant, {}) else spec[key]
    return raw.format_map({**{k: v for k, v in spec.items() if isinstance(v, str)}, **fields})


def _status(key: str) -> str:
    """How a channel stands, in words (the platform's outcome in an escalation step)."""
    return _content()["status"][key]


def _text(key: str, **fields) -> str:
    return _content()["text"][key].format_map(fields)


# ------------------------------------------------------------------ channel status


@dataclass(frozen=True)
class ChannelStatus:
    """Where one complaint channel stands. state: none · pending · failed · resolved."""

    state: str
    index: int | None = None  # the contact the state is based on
    due: datetime | None = None  # when waiting ends (reply or promise deadline)
    due_has_time: bool = False
    reason: str = ""


def sorted_contacts(case: dict, channels: tuple[str, ...]) -> list[tuple[int, dict]]:
    contacts = case["contacts"]
    return [(i, contacts[i]) for i in timeline.contact_order(contacts, channels)]


def reply_due(contact: dict) -> tuple[datetime | None, bool, str]:
    """When an answer to `contact` is due: the promise, else 48 h (12315: 7 working days)."""
    # An agreement with a date is a promise: it is due then, not 48 hours after it was made.
    if contact["outcome"] in ("promised", "agreed") and contact["promise_due"]:
        return when(contact["promise_due"]), has_time(contact["promise_due"]), "promise"
    sent = when(contact["at"])
    # A payment channel or the police sets its own pace: no 48-hour habit applies.
    if sent is None or contact.get("party") in NO_REPLY_HABIT:
        return None, False, ""
    if contact["channel"] == "12315":
        end = calendar.add_working_days(sent.date(), REGULATOR_WORKING_DAYS).date
        return datetime.combine(end, datetime.min.time()), False, "regulator"
    return sent + timedelta(hours=REPLY_HOURS), has_time(contact["at"]), "habit"


def channel_status(case: dict, channels: tuple[str, ...], today: date) -> ChannelStatus:
    contacts = sorted_contacts(case, channels)
    if not contacts:
        return ChannelStatus("none")
    index, latest = contacts[-1]
    outcome = latest["outcome"] or "no_reply"
    if outcome == "resolved":
        return ChannelStatus("resolved", index, reason=_status("resolved"))
    if outcome == "refused":
        return ChannelStatus("failed", index, reason=_status("refused"))
    if outcome == "partial":
        return ChannelStatus("failed", index, reason=_status("partial"))
    due, due_time, kind = reply_due(latest)
    if due is None:
        reason = _status("waiting" if latest["at"] else "no_time")
        return ChannelStatus("pending", index, reason=reason)
    # The other side said yes: what is awaited is the refund or the key, not an answer. Past
    # the usual 48 hours (or the date it gave) the yes has not been kept.
    agreed = outcome == "agreed"
    if due.date() < today:
        lapsed = (
            "agreed_lapsed" if agreed else "promise_lapsed" if kind == "promise" else "no_reply"
        )
        return ChannelStatus("failed", index, due, due_time, _status(lapsed))
    return ChannelStatus(
        "pending", index, due, due_time, _status("agreed" if agreed else "awaiting")
    )


# ------------------------------------------------------------------ deadlines


def is_past(last_day: date, today: date) -> bool:
    """A deadline's last day still counts in full: it has passed only from the next day."""
    return last_day < today


def _entry(
    ident: str,
    day: date,
    rules: list[str],
    *,
    today: date,
    fields: dict,
    variant: str = "",
    estimated: bool = False,
    note: str = "",
    moment: datetime | None = None,
    with_time: bool = False,
    met: bool = False,
) -> dict:
    passed = is_past(day, today)
    fields = {"date": date_zh(day), **fields}
    basis = _words(ident, "basis", variant, **fields)
    if estimated and note:
        basis += _text(note)
    entry = {
        "id": ident,
        "title": _words(ident, "title", variant, **fields),
        "date": day.isoformat(),
        "basis": basis,
        "rules": rules,
        "estimated": estimated,
        "status": "met" if met else ("passed" if passed else "upcoming"),
        "passed": passed and not met,
    }
    if moment is not None and with_time:
        entry["datetime"] = moment.strftime("%Y-%m-%dT%H:%M")
    entry["_passed_message"] = _words(ident, "passed", variant, **fields)
    return entry


def _first_formal_platform(case: dict) -> dict | None:
    contacts = [c for _, c in sorted_contacts(case, FORMAL_PLATFORM_CHANNELS) if c["at"]]
    return contacts[0] if contacts else None


def _refused_in_writing(case: dict) -> dict | None:
    """A written refusal by the shop (not by phone): the shop has plainly been asked."""
    written = [c for _, c in sorted_contacts(case, PLATFORM_CHANNELS) if c["channel"] != "phone"]
    return next((c for c in written if c["outcome"] == "refused" and c["at"]), None)


def _window_owner(case: dict) -> str:
    """Whose rule the complaint window is: the marketplace by name (淘宝), else the shop's site."""
    market = case["merchant"]["marketplace"]
    if market in ("", "none"):
        return _text("owner_site")
    return _text("owner_other") if market == "other" else MARKETPLACES[market]


def _platform_window(case: dict, today: date) -> dict | None:
    found = when(case["order"]["problem_found_at"])
    if found is None:
        return None
    gone = knowledge.problem(case["problem"])["gone"]
    if gone and case["merchant"]["marketplace"] in ("", "none"):
        return None  # nobody left to complain to on the platform itself
    days = case["platform_window_days"]
    end = found.date() + timedelta(days=days or COMMON_WINDOW_DAYS)
    first = _first_formal_platform(case)
    # A shop that refused in writing has plainly been asked: "you never complained" would
    # be false, whenever the refusal came.
    met = (first is not None and when(first["at"]).date() <= end) or bool(_refused_in_writing(case))
    return _entry(
        "platform-window",
        end,
        [],
        today=today,
        variant="own" if days else "common",
        fields={"days": days or COMMON_WINDOW_DAYS, "owner": _window_owner(case)},
        met=met,
    )


def _topup(case: dict, today: date) -> dict | None:
    order = case["order"]
    line = knowledge.topup()
    if not knowledge.problem(case["problem"]).get("topup_line"):
        return None
    if not re.search(line["item_words"], order["item"]) or re.search(
        line["not_words"], order["item"]
    ):
        return None
    found = when(order["problem_found_at"])
    if found is None:
        return None
    due = found + timedelta(hours=24)
    first = sorted_contacts(case, PLATFORM_CHANNELS)
    met = bool(first) and bool(first[0][1]["at"]) and when(first[0][1]["at"]) <= due
    with_time = has_time(order["problem_found_at"])
    return _entry(
        "topup-24h",
        due.date(),
        [],
        today=today,
        fields={},
        moment=due,
        with_time=with_time,
        met=met,
    )


def _reply(case: dict, today: date, group: tuple[str, ...], ident: str) -> dict | None:
    """The reply a channel owes: a promised date (promise-due), else the 48-hour habit."""
    status = channel_status(case, group, today)
    if status.state not in ("pending", "failed") or status.due is None:
        return None
    contact = case["contacts"][status.index]
    if contact["outcome"] not in ("", "no_reply", "promised"):
        return None
    fields = {
        "channel": CHANNELS[contact["channel"]],
        "sent": when_zh(contact["at"]) if contact["at"] else "",
        "hours": REPLY_HOURS,
        "due": moment_zh(status.due, status.due_has_time),
    }
    # An agreement with a date is a promise: it is due then, not 48 hours after it was made.
    if contact["outcome"] in ("promised", "agreed") and contact["promise_due"]:
        fields["who"] = _content()["deadline"][ident]["who"]
        promise = contact["promise"]
        fields["promise"] = _text("promise_quote", promise=promise) if promise else ""
        ident = "promise-due"
    return _entry(
        ident,
        status.due.date(),
        [],
        today=today,
        fields=fields,
        moment=status.due,
        with_time=status.due_has_time,
    )


def _regulator(case: dict, today: date) -> dict | None:
    status = channel_status(case, ("12315",), today)
    if status.state not in ("pending", "failed") or status.index is None:
        return None
    contact = case["contacts"][status.index]
    if contact["outcome"] not in ("", "no_reply") or not contact["at"]:
        return None
    start = when(contact["at"]).date()
    result = calendar.add_working_days(start, REGULATOR_WORKING_DAYS)
    years = sorted({start.year, result.date.year})
    notices = "、".join(
        _text("notice_name", name=calendar.notice_for(y)) for y in years if calendar.has_data(y)
    )
    rules = knowledge.refs("regulator_deadline") + [
        f"holidays-{y}" for y in years if calendar.has_data(y)
    ]
    return _entry(
        "regulator-reply",
        result.date,
        rules,
        today=today,
        fields={
            "start": date_zh(start),
            "notices": _text("notice_basis", notices=notices) if notices else "",
        },
        estimated=result.estimated,
        note="estimated_working",
    )


@dataclass(frozen=True)
class DelayPeriod:
    """The fifteen days of rule penalty-8, counted from the day after the first request.

    Letters and the dashboard both read this one value, so a letter never claims the
    fifteen days are over while the dashboard still counts them, or starts the clock on a
    different contact.
    """

    start: date  # the day of the first request
    end: date  # the last day, moved past a holiday (rule cc-203)
    estimated: bool  # the holiday schedule of a year involved is not published yet

    def passed(self, today: date) -> bool:
        return is_past(self.end, today)


def _first_request(case: dict) -> dict | None:
    # Rule penalty-8 is about an operator stalling a request; against a seller who took
    # the money and vanished, or a private seller, the 15-day line does not fit.
    if not knowledge.problem(case["problem"]).get("delay_line", True):
        return None
    if case["merchant"].get("kind") == "individual":
        return None
    asks = {d["kind"] for d in case["demands"]}
    asked = knowledge.problem(case["problem"])["asked"]
    if not asks.intersection({"refund", "reissue"}) and not asked:
        return None
    dated = [c for _, c in sorted_contacts(case, (*PLATFORM_CHANNELS, "marketplace")) if c["at"]]
    return dated[0] if dated else None


def delay_period(case: dict) -> DelayPeriod | None:
    """The Art. 8 period of a normalised case; None when nothing was asked for (a refund or
    a re-issue, through the shop or its marketplace) or the matter has been resolved."""
    first = _first_request(case)
    if first is None:
        return None
    if settled(case):
        return None
    start = when(first["at"]).date()
    result = calendar.add_days(start, DELAY_DAYS)
    return DelayPeriod(start, result.date, result.estimated)


def _delay(case: dict, today: date) -> dict | None:
    period = delay_period(case)
    if period is None:
        return None
    return _entry(
        "delay-15d",
        period.end,
        knowledge.refs("delay"),
        today=today,
        fields={"start": date_zh(period.start)},
        estimated=period.estimated,
        note="estimated_roll",
    )


@dataclass(frozen=True)
class CurePeriod:
    """The reasonable period of a 催告 (rule cc-563): from the notice (sent, or
    today when not yet sent) to the last day; after it the contract ends (rule cc-565)."""

    start: date
    end: date
    sent: bool  # a contact records that the notice went out
    estimated: bool

    def passed(self, today: date) -> bool:
        return is_past(self.end, today)


def settled(case: dict) -> bool:
    """Whether a contact that can settle the matter says it was resolved: a third party's
    "resolved" (the game operator unbanned the account) never settles it with the seller."""
    return any(
        c["outcome"] == "resolved" and c.get("party") != "third_party" for c in case["contacts"]
    )


def _overdue(case: dict, today: date) -> bool:
    """A delivery or a promise is overdue: nothing delivered (and the shop still there),
    or a promise whose date has passed without the matter being resolved."""
    if settled(case):
        return False
    if not knowledge.problem(case["problem"]).get("termination", False):
        return False
    spec = knowledge.problem(case["problem"])
    # Nothing delivered, or a service ended / a balance held: the notice is due now.
    if not spec["delivered"] or spec["delivery"] in ("service_ended", "account_restricted"):
        return True
    return any(
        c["outcome"] == "promised" and c["promise_due"] and when(c["promise_due"]).date() < today
        for _, c in sorted_contacts(case, (*PLATFORM_CHANNELS, "marketplace"))
    )


def notice_contact(case: dict) -> tuple[int, dict] | None:
    """The contact that sent the 催告/解除 notice (its summary says so), if any."""
    for i in timeline.contact_order(case["contacts"]):
        contact = case["contacts"][i]
        if contact["at"] and re.search(_content()["patterns"]["notice"], contact["summary"]):
            return i, contact
    return None


def cure_period(case: dict, today: date) -> CurePeriod | None:
    """The 催告's deadline, or None when no delivery or promise is overdue."""
    sent = notice_contact(case)
    if sent is None and not _overdue(case, today):
        return None
    start = when(sent[1]["at"]).date() if sent else today
    result = calendar.add_days(start, CURE_DAYS)
    return CurePeriod(start, result.date, sent is not None, result.estimated)


def _cure(case: dict, today: date) -> dict | None:
    period = cure_period(case, today)
    if period is None:
        return None
    return _entry(
        "termination-cure",
        period.end,
        knowledge.refs("termination_notice"),
        today=today,
        variant="sent" if period.sent else "due",
        fields={"start": date_zh(period.start), "days": CURE_DAYS},
        estimated=period.estimated,
        note="estimated_roll",
    )


def last_working_day_by(day: date) -> calendar.WorkdayResult:
    """The last working day on or before `day` (a 除斥期间 never rolls forward)."""
    estimated = False
    while True:
        estimated = estimated or not calendar.has_data(day.year)
        if calendar.is_working_day(day):
            return calendar.WorkdayResult(day, estimated)
        day -= timedelta(days=1)


def _revoke(case: dict, today: date) -> dict | None:
    """The one year to revoke a contract made under fraud, from the discovery date."""
    if not case["suspected_fraud"]:
        return None
    found = when(case["order"]["problem_found_at"])
    if found is None:
        return None
    end = _same_day_years_later(found.date(), REVOKE_YEARS)
    result = last_working_day_by(end)
    return _entry(
        "revoke-1y",
        result.date,
        knowledge.refs("revoke"),
        today=today,
        fields={"end": date_zh(end)},
        estimated=result.estimated,
        note="estimated_back",
    )


def _same_day_years_later(start: date, years: int) -> date:
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February: the month has no such day, so its last day counts
        return start.replace(year=start.year + years, day=28)


def _limitation(case: dict, today: date) -> dict | None:
    found = when(case["order"]["problem_found_at"])
    if found is None:
        return None
    result = calendar.roll_forward(_same_day_years_later(found.date(), LIMITATION_YEARS))
    return _entry(
        "limitation-3y",
        result.date,
        knowledge.refs("limitation"),
        today=today,
        fields={},
        estimated=result.estimated,
        note="estimated_later",
    )


def _stop_payment(today: date) -> dict:
    return _entry("stop-payment", today, [], today=today, fields={})


def _after_sales(case: dict, today: date) -> dict | None:
    """The marketplace's after-sales window, as the order page shows it."""
    raw = case["order"].get("after_sales_until") or ""
    try:
        until = date.fromisoformat(raw[:10]) if raw else None
    except ValueError:
        return None
    if until is None:
        return None
    name = MARKETPLACES.get(case["merchant"]["marketplace"], "")
    fields = {"marketplace": name if case["merchant"]["marketplace"] not in ("", "none") else ""}
    return _entry("after-sales-window", until, [], today=today, fields=fields)


def compute(case: dict, today: date) -> list[dict]:
    """All deadlines for a normalised case, earliest first; each keeps its basis and rules.

    Entries still carry `_passed_message`; `split_warnings` removes it and turns passed
    deadlines into warnings. A deadline whose `unless` (deadlines.toml) matches the
    situation is left out.
    """
    sit = routes.situation(case, today)
    facts = {
        **sit,
        "scam": routes.is_scam(case, sit),
        "on_marketplace": case["merchant"]["marketplace"] not in ("", "none"),
        "payment": channel_status(case, ("payment",), today).state,
    }
    found = [
        _stop_payment(today),
        _after_sales(case, today),
        _platform_window(case, today),
        _topup(case, today),
        _reply(case, today, PLATFORM_CHANNELS, "platform-reply"),
        _reply(case, today, ("marketplace",), "marketplace-reply"),
        _reply(case, today, ("association",), "association-reply"),
        _regulator(case, today),
        _delay(case, today),
        _cure(case, today),
        _revoke(case, today),
        _limitation(case, today),
    ]
    specs = _content()["deadline"]
    fits = [e for e in found if e and routes.holds(None, specs[e["id"]].get("unless"), facts)]
    return sorted(fits, key=lambda e: (e["date"], e["id"]))


def _rules_in(message: str, rule_ids: list[str]) -> list[str]:
    """The entry's rules that the warning itself restates (law and article both named)."""
    found = []
    for rule_id in rule_ids:
        rule = rulebook.get(rule_id)
        if rule["law"] in message and rule["article"] in message:
            found.append(rule_id)
    return found


def split_warnings(entries: list[dict]) -> tuple[list[dict], list[dict]]:
    """Deadlines as shown (internal keys removed) and a deadline-passed warning per passed one."""
    shown, warnings = [], []
    for entry in entries:
        message = entry.pop("_passed_message")
        shown.append(entry)
        if entry["passed"]:
            warnings.append(
                {
                    "code": "deadline-passed",
                    "deadline": entry["id"],
                    "date": entry["date"],
                    "message": message,
                    "rules": _rules_in(message, entry["rules"]),
                }
            )
    return shown, warnings
