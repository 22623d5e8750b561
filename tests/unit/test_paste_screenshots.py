"""智能粘贴 from a screenshot's recognised text: the layouts copied text never has (amount line
without its label or with a minus sign, label and value in columns, O/l read for 0/1) and
花呗 as a way of paying through Alipay. Never a guess: a digit is read only with evidence."""

from __future__ import annotations

import pytest
from weiquan import paste

TXN = "2026100222001174511408830127"
ORDER = "3581726409153862417"


def fields(text: str) -> dict[str, str]:
    return {f["field"]: f["value"] for f in paste.recognise(text)["fields"]}


def test_payment_amount_with_a_minus_sign_fills_the_amount_and_the_whole_payment_row():
    # issue 23: 「付款金额 -100.00」 left 实付金额 empty and a payment row without its amount.
    text = (
        "账单详情\n付款金额 -100.00\n付款方式 花呗\n收款方全称 示例畅玩网络科技有限公司\n"
        f"支付时间 2026-10-02 14:03:11\n订单号 {TXN}\n商家订单号 T200P{ORDER}\n"
    )
    result = paste.recognise(text)
    got = {f["field"]: f["value"] for f in result["fields"]}
    assert got["order.amount"] == "100.00"
    assert got["order.paid_via"] == "alipay"
    assert result["payment"] == {
        "at": "2026-10-02T14:03",
        "amount": "100.00",
        "paid_via": "alipay",
        "txn_id": TXN,
    }


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("拼多多 订单编号 261002-184436701925531\n实付 ¥98.00\n支付方式 花呗\n", "alipay"),
        ("京东 订单编号 298765432101\n实付款 ¥199.00\n支付方式 花呗分期\n", "alipay"),
        ("京东 订单编号 298765432101\n实付款 ¥199.00\n支付方式 白条\n", "platform_balance"),
        ("拼多多 订单编号 261002-184436701925531\n实付 ¥98.00\n支付方式 先用后付\n", None),
    ],
)
def test_huabei_is_a_way_of_paying_through_alipay(page, expected):
    assert fields(page).get("order.paid_via") == expected


# (what the recogniser gave, what the amount must be: None = no amount)
BILL_HEAD = "账单详情\n畅玩游戏点卡专营店\n{amount}\n交易成功\n"
BILL_REST = f"付款方式 余额\n收款方全称 示例畅玩网络科技有限公司\n订单号 {TXN}\n"


@pytest.mark.parametrize(
    ("amount_line", "expected"),
    [
        ("-100.00", "100.00"),
        ("-¥100.00", "100.00"),
        ("100.00", "100.00"),  # the minus sign lost in recognition, alone above the labels
        ("¥100.00", "100.00"),
        ("100.00\n20.00", None),  # two bare amounts: which was paid is not ours to guess
        ("+100.00", None),  # money that came back is not what was paid
        ("100", None),  # no cents: a count, a code, not the bill's amount
    ],
)
def test_bill_amount_without_a_label(amount_line, expected):
    text = BILL_HEAD.format(amount=amount_line) + BILL_REST
    assert fields(text).get("order.amount") == expected


def test_an_unsigned_amount_below_the_labels_is_not_the_bill_amount():
    text = BILL_HEAD.format(amount="交易成功") + BILL_REST + "300.00\n"
    assert "order.amount" not in fields(text)


def test_label_column_then_value_column_pair_up_in_order():
    text = (
        "淘宝 订单详情\n订单编号\n支付宝交易号\n创建时间\n"
        f"{ORDER}\n{TXN}\n2026-10-02 14:03:11\n实付款 ¥300.00\n"
    )
    got = fields(text)
    assert got["order.id"] == ORDER
    assert got["order.payments[].txn_id"] == TXN
    assert got["order.ordered_at"] == "2026-10-02T14:03"
    assert got["order.amount"] == "300.00"


def test_columns_of_different_lengths_pair_nothing():
    text = f"淘宝 订单详情\n订单编号\n支付宝交易号\n创建时间\n{ORDER}\n{TXN}\n实付款 ¥300.00\n"
    got = fields(text)
    assert "order.id" not in got and "order.payments[].txn_id" not in got


@pytest.mark.parametrize(
    ("line", "field", "expected"),
    [
        (f"订单编号 {ORDER[:8]}O{ORDER[9:]}", "order.id", ORDER),  # O for 0
        (f"订单编号 {ORDER[:3]}l{ORDER[4:]} 复制", "order.id", ORDER),  # l for 1
        (f"支付宝交易号 {TXN[:1]}O{TXN[2:4]}|{TXN[5:]}", "order.payments[].txn_id", TXN),
        ("实付款 ¥3OO.00", "order.amount", "300.00"),
        ("实付款 ¥l99.00", "order.amount", "199.00"),
        ("创建时间 2O26-1O-02 l4:03:11", "order.ordered_at", "2026-10-02T14:03"),
        # no evidence: a run that is mostly letters, or a number followed by a word
        ("订单编号 OOlI35", "order.id", None),
        (f"订单编号 {ORDER[:8]}O{ORDER[9:]}号楼", "order.id", None),
    ],
)
def test_letters_inside_a_number_are_read_as_digits_only_with_evidence(line, field, expected):
    others = {
        "order.id": f"订单编号 {ORDER}",
        "order.payments[].txn_id": f"支付宝交易号 {TXN}",
        "order.amount": "实付款 ¥300.00",
    }
    rest = "\n".join(v for k, v in others.items() if k != field)
    text = f"淘宝 订单详情\n{line}\n付款时间 2026-10-02 14:03:25\n{rest}\n"
    result = paste.recognise(text)
    got = {f["field"]: f for f in result["fields"]}
    if expected is None:
        assert field not in got
        return
    assert got[field]["value"] == expected
    assert got[field]["confidence"] < 0.9  # less sure than a number read as printed
    assert any("O、l" in note for note in result["notes"])


def test_ids_that_may_hold_letters_keep_them():
    # 商家订单号 and 商户单号 may hold letters: an O there stays an O.
    text = (
        "账单详情\n-100.00\n付款方式 余额\n收款方全称 示例公司\n"
        f"订单号 {TXN}\n商家订单号 TOOPl{ORDER}\n"
    )
    result = paste.recognise(text)
    got = {f["field"]: f["value"] for f in result["fields"]}
    assert got["order.id"] == f"TOOPl{ORDER}"
    assert not result["notes"]


def test_a_number_read_as_printed_carries_no_note():
    text = f"淘宝 订单详情\n订单编号 {ORDER}\n支付宝交易号 {TXN}\n实付款 ¥300.00\n"
    assert paste.recognise(text)["notes"] == []


@pytest.mark.parametrize(
    ("kind", "raw", "read", "changed"),
    [
        ("id", "35817264O9", "3581726409", True),
        ("id", "OOlI35", "OOlI35", False),
        ("id", "HELLO123", "HELLO123", False),
        ("money", "-¥1O.5O", "-¥10.50", True),
        ("money", "¥300.00", "¥300.00", False),
        ("time", "2O26年1O月2日", "2026年10月2日", True),
        ("text", "O1O", "O1O", False),
    ],
)
def test_digits_read(kind, raw, read, changed):
    assert paste.digits_read(kind, raw) == (read, changed)
