"""What the 报案材料 (letter kind `police-report`) needs beyond the other letters: every
payment as its own row, the accounts the other side used, and what they promised.

The police trace money by payment: a letter that merges six transfers into one "purchase"
hides the payee accounts and transaction ids they need to stop and follow the money. So each
row is one payment, and a fact not in the case is 【待补充：…】, never a guess.
"""

from __future__ import annotations

from typing import Any

from weiquan import case as case_model
from weiquan import zhformat
from weiquan.letterfields import _positive_money

# As a table cell: how the money went.
_VIA = {**case_model.PAID_VIA, "wechat": "微信", "other": "其他"}


class PoliceReportFields:
    """Mixed into letter_facts' builder (`L` in content/letters/police-report.j2)."""

    # Provided by letterfields.Fields.
    raw: Any
    gap: Any
    has: Any
    amount: Any
    channel_label: Any  # letter_facts: 聊天软件 for a chat outside a marketplace

    @property
    def payment_rows(self) -> list[dict]:
        """One row per payment: {n, when, amount, via, payee, txn}. A case with no payment
        list is one payment of the order's amount, by the order's means."""
        payments = self.raw("order.payments") or [{}]
        single = not self.raw("order.payments")
        rows = []
        for i, pay in enumerate(payments):
            where = f"case.order.payments[{i}]"
            at = pay.get("at", "")
            amount = self.raw("order.amount") if single else pay.get("amount", "")
            via = self.raw("order.paid_via") if single else pay.get("paid_via", "")
            rows.append(
                {
                    "n": i + 1,
                    "when": zhformat.when_zh(at) if at else self.gap(f"{where}.at"),
                    "amount": zhformat.money(amount)
                    if _positive_money(amount)
                    else self.gap("order.amount" if single else f"{where}.amount"),
                    "via": _VIA.get(via, "")
                    or self.gap("order.paid_via" if single else f"{where}.paid_via"),
                    "payee": str(pay.get("payee", "")).strip() or self.gap(f"{where}.payee"),
                    "txn": str(pay.get("txn_id", "")).strip() or self.gap(f"{where}.txn_id"),
                }
            )
        return rows

    @property
    def accounts(self) -> list[tuple[str, str]]:
        """(what, value) of every way the other side was reached: name, site, chat accounts,
        the marketplace it sold on. At least one account or site is asked for."""
        found = []
        for path, what in (
            ("merchant.name", "名称"),
            ("merchant.handle", "联系账号（微信号、QQ号、群号等）"),
            ("merchant.site", "网址或店铺链接"),
        ):
            if self.has(path):
                found.append((what, str(self.raw(path)).strip()))
        if not (self.has("merchant.handle") or self.has("merchant.site")):
            found.append(("联系账号", self.gap("merchant.handle")))
        market = self.raw("merchant.marketplace")
        if market not in ("", "none", "other"):
            found.append(("所在电商平台", case_model.MARKETPLACES[market]))
        return found

    @property
    def promises(self) -> list[dict]:
        """What the other side promised, contact by contact: {when, channel, promise, due}."""
        found = []
        for contact in self.raw("contacts") or []:
            promise = str(contact.get("promise", "")).strip().rstrip("。")
            if not promise or contact.get("party", "merchant") != "merchant":
                continue
            at, due = contact.get("at", ""), contact.get("promise_due", "")
            found.append(
                {
                    "when": zhformat.when_zh(at) if at else "",
                    "channel": self.channel_label(contact.get("channel", "")),
                    "promise": promise,
                    "due": zhformat.when_zh(due) if due else "",
                }
            )
        return found

    @property
    def payments_total(self) -> str:
        return self.amount()
