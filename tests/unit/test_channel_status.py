"""How a channel stands after its latest contact (deadlines.channel_status), by outcome."""

from datetime import date

import pytest
from weiquan import case, deadlines

TODAY = date(2026, 3, 20)


def status(outcome: str, at: str, promise_due: str = ""):
    kase = case.normalise(
        {
            "problem": "refund_refused",
            "contacts": [
                {"channel": "chat", "at": at, "outcome": outcome, "promise_due": promise_due}
            ],
        }
    )
    return deadlines.channel_status(kase, deadlines.PLATFORM_CHANNELS, TODAY)


@pytest.mark.parametrize(
    "outcome, at, promise_due, state, reason",
    [
        ("no_reply", "2026-03-19T10:00", "", "pending", "等待答复"),
        ("no_reply", "2026-03-10T10:00", "", "failed", "到期未答复"),
        ("refused", "2026-03-19T10:00", "", "failed", "明确拒绝"),
        ("resolved", "2026-03-19T10:00", "", "resolved", "已解决"),
        ("promised", "2026-03-10T10:00", "2026-03-25T18:00", "pending", "等待答复"),
        ("promised", "2026-03-10T10:00", "2026-03-15T18:00", "failed", "承诺到期未兑现"),
        # A yes is awaited as a refund, not as an answer; a yes not kept is not "no reply".
        ("agreed", "2026-03-19T10:00", "", "pending", "对方已答应处理，等待兑现"),
        ("agreed", "2026-03-10T10:00", "", "failed", "对方答应处理，但到期没有兑现"),
        ("agreed", "2026-03-10T10:00", "2026-03-25T18:00", "pending", "对方已答应处理，等待兑现"),
        (
            "agreed",
            "2026-03-10T10:00",
            "2026-03-15T18:00",
            "failed",
            "对方答应处理，但到期没有兑现",
        ),
    ],
)
def test_each_outcome_reads_as_what_it_is(outcome, at, promise_due, state, reason):
    got = status(outcome, at, promise_due)
    assert (got.state, got.reason) == (state, reason)


def test_an_agreement_with_a_date_is_due_on_that_date():
    got = status("agreed", "2026-03-10T10:00", "2026-03-25T18:00")
    assert got.due.date() == date(2026, 3, 25)
