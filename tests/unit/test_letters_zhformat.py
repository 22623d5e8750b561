"""Chinese formatting used in letters: capital numerals, dates, money."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from weiquan import zhformat

# Figures and their capital form as written on bank slips and court papers.
CAPITALS = [
    ("300.00", "人民币叁佰元整"),
    ("4800.00", "人民币肆仟捌佰元整"),
    ("14400.00", "人民币壹万肆仟肆佰元整"),
    ("500", "人民币伍佰元整"),
    ("10", "人民币壹拾元整"),
    ("15.00", "人民币壹拾伍元整"),
    ("1010", "人民币壹仟零壹拾元整"),
    ("100010", "人民币壹拾万零壹拾元整"),
    ("100050", "人民币壹拾万零伍拾元整"),
    ("1000001", "人民币壹佰万零壹元整"),
    ("20000", "人民币贰万元整"),
    ("100000000", "人民币壹亿元整"),
    ("100000001", "人民币壹亿零壹元整"),
    ("1680.32", "人民币壹仟陆佰捌拾元叁角贰分"),
    ("16409.02", "人民币壹万陆仟肆佰零玖元零贰分"),
    ("325.04", "人民币叁佰贰拾伍元零肆分"),
    ("98.50", "人民币玖拾捌元伍角"),
    ("0.50", "人民币伍角"),
    ("0.05", "人民币伍分"),
    ("0", "人民币零元整"),
    (Decimal("196.00"), "人民币壹佰玖拾陆元整"),
]


@pytest.mark.parametrize(("amount", "expected"), CAPITALS)
def test_capital_amount(amount, expected):
    assert zhformat.capital_amount(amount) == expected


@pytest.mark.parametrize(
    ("amount", "message"),
    [("-1", "负数"), ("1.005", "两位小数"), ("abc", "格式不对"), ("1000000000000", "过大")],
)
def test_capital_amount_rejects_bad_amounts_in_chinese(amount, message):
    with pytest.raises(ValueError, match=message):
        zhformat.capital_amount(amount)


@pytest.mark.parametrize(
    ("amount", "expected"),
    [("300", "300.00元"), ("98.5", "98.50元"), (Decimal("4800"), "4800.00元")],
)
def test_money(amount, expected):
    assert zhformat.money(amount) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2026, 11, 24), "2026年11月24日"),
        (date(2026, 1, 2), "2026年1月2日"),
        (datetime(2026, 10, 1, 9, 5), "2026年10月1日"),
    ],
)
def test_dates_have_no_zero_padding(value, expected):
    assert zhformat.date_zh(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-11-05", "2026年11月5日"),
        ("2026-11-05T09:05", "2026年11月5日9时05分"),
        ("2026-11-05T21:00:30", "2026年11月5日21时00分"),
    ],
)
def test_case_times_show_the_clock_only_when_recorded(value, expected):
    assert zhformat.when_zh(value) == expected
