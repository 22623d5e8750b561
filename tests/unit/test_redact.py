"""打码: which characters of a recognised screenshot are personal (and which are not)."""

from __future__ import annotations

import pytest
from weiquan import api, redact


def marked(rows: list[list[str]]) -> set[tuple[str, str]]:
    """(kind, text) of every target, from rows of box texts as the recogniser reads them."""
    boxes = [text for row in rows for text in row]
    lines, n = [], 0
    for row in rows:
        lines.append(list(range(n, n + len(row))))
        n += len(row)
    return {
        (t["kind"], boxes[t["box"]][t["start"] : t["end"]]) for t in redact.targets(boxes, lines)
    }


# A valid resident ID (check character computed) and a Luhn-valid card number.
ID = "11010519491231002X"
CARD = "6222021234567890128"


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([["对方账户", "13812345678"]], {("phone", "13812345678")}),
        (
            [["收货人", "张伟 13912345678"]],
            {
                ("phone", "13912345678"),
                ("name_address", "张伟 13912345678"),
                ("name_address", "张伟"),
            },
        ),
        ([["张伟13912345678"]], {("phone", "13912345678"), ("name_address", "张伟")}),
        ([["浙江省杭州市西湖区文三路100号"]], {("name_address", "浙江省杭州市西湖区文三路100号")}),
        ([["身份证号", ID]], {("id_number", ID)}),
        ([["银行卡号", CARD]], {("bank_card", CARD)}),
        ([["订单编号", "3581726409153862417", "复制"]], {("order_no", "3581726409153862417")}),
        ([["订单编号：3581726409153862417"]], {("order_no", "3581726409153862417")}),
        ([["商家订单号", "T200P3581726409153862417"]], {("order_no", "T200P3581726409153862417")}),
        (
            [["交易单号", "4200002387202611151234567890"]],
            {("order_no", "4200002387202611151234567890")},
        ),
        # not personal: amounts, times, labels, shop names, short numbers
        ([["实付款", "¥300.00"], ["创建时间", "2026-10-02 14:03:11"]], set()),
        ([["商品说明", "王者荣耀点券1000点"], ["账单分类", "充值缴费"]], set()),
        # an 18-character run whose check character is wrong is not an ID (a long number)
        ([["11010519491231002Y"]], {("order_no", "11010519491231002")}),
        ([["110105194912310021"]], {("order_no", "110105194912310021")}),
    ],
)
def test_personal_items_by_shape_and_by_label(rows, expected):
    assert marked(rows) == expected


def test_the_api_call_counts_each_kind_in_the_offered_order():
    reply = api.CALLS["redact_targets"](
        {
            "boxes": ["收货人", "张伟 13912345678", "订单编号", "3581726409153862417"],
            "lines": [[0, 1], [2, 3]],
        }
    )
    assert [k["id"] for k in reply["kinds"]] == [
        "phone",
        "id_number",
        "bank_card",
        "name_address",
        "order_no",
    ]
    counts = {k["id"]: k["count"] for k in reply["kinds"]}
    assert counts["phone"] == 1 and counts["order_no"] == 1 and counts["id_number"] == 0
    assert all(k["label"] for k in reply["kinds"])


@pytest.mark.parametrize(
    "args",
    [
        {},
        {"boxes": "文字"},
        {"boxes": [1, 2]},
        {"boxes": ["a"], "lines": [[5]]},
        {"boxes": ["a"], "lines": "x"},
    ],
)
def test_bad_arguments_are_a_chinese_bad_args_error(args):
    with pytest.raises(api.ApiError) as caught:
        api.CALLS["redact_targets"](args)
    assert caught.value.code == "bad-args" and "重新识别" in str(caught.value)


def test_checks():
    assert redact.id_number_valid(ID) and not redact.id_number_valid(ID[:-1] + "1")
    assert redact.luhn_valid(CARD) and not redact.luhn_valid(CARD[:-1] + "9")
