"""The one order of events in a case, used by the letters, the deadlines and the dashboard.

Dated events go by date. Within one day, an event known only by its date cannot be placed
against a timed one, so the logical order of a purchase breaks the tie: order → discovery →
contacts (and among contacts, their time, then the order the person entered them). An
event with no date at all keeps its logical place: the order first, the discovery right
after it, undated contacts last in the order they were entered — the person adds them as
things happen, so an undated one is most likely the latest.
"""

from __future__ import annotations

from datetime import date, time

from weiquan.case import CHANNEL_PARTY, when

ORDERED, FOUND, CONTACT = 0, 1, 2
_NO_DATE = date.max


def _key(value: str, rank: int, index: int, undated_first: bool) -> tuple:
    moment = when(value) if value else None
    if moment is None:
        day = date.min if undated_first else _NO_DATE
        return (day, rank, time.min, index)
    return (moment.date(), rank, moment.time(), index)


def belongs(contact: dict, channels: tuple[str, ...]) -> bool:
    """Whether `contact` counts for the channel group `channels`: by whom it was with.

    A contact with the merchant counts for the merchant's own channels (chat, ticket…);
    any other contact counts for the group of its party whatever way it went (an email to
    the marketplace is a marketplace contact). A third party (game operator, Steam, card
    issuer) belongs to no group: calling it is never contacting the merchant.
    """
    channel = contact.get("channel")
    party = contact.get("party") or CHANNEL_PARTY.get(channel, "merchant")
    if party == "merchant":
        return channel in channels
    return any(CHANNEL_PARTY.get(c) == party for c in channels)


def contact_order(contacts: list[dict], channels: tuple[str, ...] | None = None) -> list[int]:
    """Indices of `contacts` (of the group `channels`, if given) in time order, undated last."""
    chosen = [i for i, c in enumerate(contacts) if channels is None or belongs(c, channels)]
    return sorted(chosen, key=lambda i: _key(contacts[i].get("at", ""), CONTACT, i, False))


def events(case: dict) -> list[tuple[str, int | None]]:
    """("ordered", None), ("found", None) and ("contact", i) in the order they happened."""
    order = case.get("order") or {}
    ordered_at = order.get("ordered_at", "")
    found_at = order.get("problem_found_at", "")
    # An undated order or discovery sits before everything dated: a purchase comes first.
    keyed = [
        (_key(ordered_at, ORDERED, 0, True), ("ordered", None)),
        (_key(found_at or ordered_at, FOUND, 0, True), ("found", None)),
    ]
    for i, contact in enumerate(case.get("contacts") or []):
        keyed.append((_key(contact.get("at", ""), CONTACT, i, False), ("contact", i)))
    return [item for _key_, item in sorted(keyed, key=lambda pair: pair[0])]
