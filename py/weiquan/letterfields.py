"""Field access for letters: every value a letter shows, or 【待补充：…】 when it is missing.

A missing value is handed on as a `Gap` (its field path): the facts' builder keeps it with
the fact that shows it, the letter's recorder notes it when the letter shows that fact, so
the letter's warnings name exactly the fields this letter needs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from weiquan import fields, zhformat
from weiquan.letter_record import Gap

# Chinese names of the case fields a letter may show, used in 【待补充：…】 and warnings:
# "case.<path>" → name, declared with the fields (`letter` in content/fields.toml).
FIELD_LABELS: Mapping[str, str] = fields.LetterLabels()
# Labels for fields inside list items (case.contacts[2].at → "联系时间").
_ITEM_LABELS: dict[str, str] = {
    "contacts.at": "联系时间",
    "demands.amount": "诉求金额",
    "demands.quantity": "补发数量",
    "demands.note": "诉求内容",
    "evidence.pages": "页数",
    "payments.at": "付款时间",
    "payments.amount": "付款金额",
    "payments.paid_via": "付款方式",
    "payments.payee": "收款方户名和账号",
    "payments.txn_id": "交易单号",
}
# Where a person can find a value they do not have yet (shown in the warning).
_FIELD_HINTS: dict[str, str] = {
    "case.merchant.credit_code": "可在国家企业信用信息公示系统按商家名称查询",
    "case.merchant.address": "可查看网站底部的备案信息、店铺的营业执照信息，"
    "或在国家企业信用信息公示系统查询",
    "case.merchant.legal_name": "起诉要写经营者的登记名称（个人卖家写真实姓名）而不是店铺名或网名，"
    "公司可在店铺的证照信息或国家企业信用信息公示系统查到；个人卖家的实名可在转账记录中核对，"
    "或申请法院向平台、支付机构调取",
    "case.merchant.legal_rep": "可在国家企业信用信息公示系统查询",
    "case.merchant.id_number": "只知道对方的微信号、QQ号或收款账号的，可以在立案时说明，"
    "申请法院向平台或支付机构调取对方的实名信息",
    "case.court": "见“提交前须知”中的法院选择说明",
    "case.order.unused_amount": "服务提前终止或余额被限制时，只能要回没有用掉的部分："
    "填写账号里剩余的金额，或者服务的总天数和终止时已用的天数，由维权助手按比例计算",
}


def _missing_warning(path: str, label: str = "") -> dict:
    label = label or _label(path)
    message = f"缺少{label}，文中以“【待补充：{label}】”标出，发送前请补上"
    hint = _FIELD_HINTS.get(path)
    if hint:
        message += f"（{hint}）"
    return {"code": "missing-field", "field": path, "message": message}


def _label(path: str) -> str:
    if path in FIELD_LABELS:
        return FIELD_LABELS[path]
    # case.contacts[2].at, case.order.payments[0].payee
    match = re.fullmatch(r"case\.(?:\w+\.)?(\w+)\[(\d+)\]\.(\w+)", path)
    if match:
        group, _index, name = match.groups()
        return _ITEM_LABELS.get(f"{group}.{name}", name)
    return path


class Fields:
    """The case's values; a missing one goes to `missing(gap)`, which a subclass defines."""

    def __init__(self, case: dict):
        self.case = case

    def missing(self, gap: Gap) -> None:
        raise NotImplementedError

    def raw(self, path: str) -> Any:
        node: Any = self.case
        for part in path.split("."):
            node = node.get(part) if isinstance(node, Mapping) else None
        return "" if node is None else node

    def has(self, path: str) -> bool:
        value = self.raw(path)
        if path.endswith(("amount", "limit")):
            return _positive_money(value)
        return str(value).strip() != ""

    def gap(self, path: str, label: str = "") -> str:
        """The placeholder of a missing field; `label` names it where the usual name would
        mislead (a private seller has a 真实姓名, not a 经营者登记名称)."""
        full = path if path.startswith("case.") else f"case.{path}"
        self.missing(Gap(full, label))
        return placeholder(full, label)

    def need(self, path: str, label: str = "") -> str:
        """The value, or a placeholder that is recorded as missing."""
        return str(self.raw(path)).strip() if self.has(path) else self.gap(path, label)

    def amount(self, path: str = "order.amount") -> str:
        return zhformat.money(self.raw(path)) if self.has(path) else self.gap(path)

    def when(self, path: str) -> str:
        value = self.raw(path)
        return zhformat.when_zh(value) if value else self.gap(path)

    def count(self, value: Any, path: str) -> str:
        """A positive whole number as text, or the placeholder (recorded as missing)."""
        return str(value) if isinstance(value, int) and value > 0 else self.gap(path)


def placeholder(path: str, label: str = "") -> str:
    return f"【待补充：{label or _label(path)}】"


def _paren(text: Any) -> str:
    """“（text）” for an optional remark, "" when there is none."""
    text = str(text or "").strip()
    return f"（{text}）" if text else ""


def _positive_money(value: Any) -> bool:
    try:
        return zhformat.to_decimal(value) > 0
    except ValueError:
        return False


_END_PUNCTUATION = "。；;，,、 \n\t"


def _clause(text: Any) -> str:
    """A user's phrase to be embedded mid-sentence: trimmed, trailing stop removed."""
    return str(text or "").strip().rstrip(_END_PUNCTUATION).strip()
