"""The legal grounds of one step or letter: what the dashboard lists and the letter cites.

A letter and the dashboard step it belongs to ask this one function with the same channel,
so they cannot cite different articles; both argue the theory of the case (theory.py). The
letter shows only the verified ones by number; the dashboard lists all, with their status.
"""

from __future__ import annotations

from datetime import date

from weiquan import deadlines, knowledge, theory

# Which channel each letter goes through and each step acts on.
LETTER_CHANNEL: dict[str, str] = {
    "platform-order": "shop",
    "platform-ticket": "shop",
    "platform-email": "shop",
    "termination-notice": "termination",
    "marketplace": "marketplace",
    "12315": "regulator",
    "association": "mediation",
    "lawyer-brief": "court",
    "civil-complaint": "court",
    "complaint-elements": "court",
}
STEP_CHANNEL: dict[str, str] = {
    "complain-platform": "shop",
    "send-termination-notice": "termination",
    "escalate-marketplace": "marketplace",
    "complain-12315": "regulator",
    "contact-association": "mediation",
    "consult-lawyer": "court",
    "sue-small-claims": "court",
}


def for_channel(case: dict, channel: str, today: date) -> list[str]:
    """Rule ids of the theory of the case (theory.channel_grounds). A regulator also hears
    that a business has stalled past the fifteen days the consumer rules allow, once
    deadlines.delay_period says they are over."""
    found = theory.of_case(case, today)
    ids = theory.channel_grounds(case, found, channel)
    if channel == "regulator" and found["consumer_law"]:
        period = deadlines.delay_period(case)
        if period is not None and period.passed(today):
            ids += knowledge.refs("stalling")
    return list(dict.fromkeys(ids))
