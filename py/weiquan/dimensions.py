"""The situation's dimensions and their values: the one vocabulary that situation.py derives,
routes.toml tests and urgent.toml names. A leaf module, so the routes can check conditions
against it without importing the derivation (which needs the deadlines, which need the routes).
"""

from __future__ import annotations

# Every dimension with its values, in the order `check` returns them (CONTRACT/DESIGN.md).
DIMENSIONS: dict[str, tuple[str, ...]] = {
    "counterparty": ("company", "sole_trader", "business", "person", "unknown"),
    "fraud": ("suspected", "no"),
    "purpose": ("personal", "resale", "unknown"),
    "consumer_law": ("yes", "no", "unknown"),
    "money_path": (
        "marketplace",
        "merchant",
        "person",
        "aggregator",
        "platform_balance",
        "unknown",
    ),
    "payment_complaint": ("available", "not_applicable", "account_closed", "unknown"),
    "delivery": (
        "none",
        "partial",
        "invalid",
        "revoked",
        "not_as_described",
        "service_ended",
        "account_restricted",
        "delivered",
        "unknown",
    ),
    "stance": (
        "resolved",
        "agreed",
        "promised",
        "promise_lapsed",
        "refused",
        "no_reply",
        "vanished",
        "not_contacted",
    ),
    "refund_route": ("original", "site_balance", "other", "unknown"),
    "payer": ("self", "other", "unknown"),
    "account_holder": ("self", "other", "unknown"),
    "minor": ("yes", "no", "unknown"),
    "price": ("far_below_face", "normal", "unknown"),
    "amount": ("tiny", "small", "medium", "large", "unknown"),
}
