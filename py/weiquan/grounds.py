"""The legal grounds of one step or letter: what the dashboard lists and the letter cites.

A letter and the dashboard step it belongs to ask this one function with the same channel,
so they cannot cite different articles (tests walk every problem × demand × channel). The
letter shows only the verified ones by number; the dashboard lists all, with their status.
"""

from __future__ import annotations

from datetime import date

from weiquan import deadlines, knowledge

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
    """Rule ids, problem grounds first. A regulator also hears that the shop has stalled
    past 处罚办法 Art. 8's fifteen days, once deadlines.delay_period says they are over."""
    ids = knowledge.grounds(case, channel)
    if channel == "regulator":
        period = deadlines.delay_period(case)
        if period is not None and period.passed(today):
            ids += knowledge.refs("stalling")
    return list(dict.fromkeys(ids))
