"""智能粘贴: fields from text copied off order pages and payment bills, never a guess."""

from __future__ import annotations

import json
import os
import string
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from weiquan import api, fields, paste
from weiquan import case as case_model

SAMPLES = Path(__file__).parent / "paste_samples"
TAOBAO_ID, TAOBAO_TXN = "3581726409153862417", "2026100222001174511408830127"

# sample file → (source, every field it must yield with its value). Exactly these fields.
EXPECTED = {
    "taobao_order_app.txt": (
        "taobao-order",
        {
            "merchant.marketplace": "taobao",
            "order.id": TAOBAO_ID,
            "order.amount": "300.00",
            "order.ordered_at": "2026-10-02T14:03",
            "order.paid_via": "alipay",
            "order.payments[].at": "2026-10-02T14:03",
            "order.payments[].txn_id": TAOBAO_TXN,
        },
    ),
    "taobao_order_separate_lines.txt": (
        "taobao-order",
        {
            "merchant.marketplace": "taobao",
            "order.id": TAOBAO_ID,
            "order.amount": "1280.00",
            "order.ordered_at": "2026-10-02T14:03",
            "order.paid_via": "alipay",
            "order.payments[].at": "2026-10-02T14:03",
            "order.payments[].txn_id": TAOBAO_TXN,
        },
    ),
    "tmall_order_fullwidth.txt": (
        "tmall-order",
        {
            "merchant.marketplace": "taobao",
            "order.id": "2187440931557602831",
            "order.amount": "278.00",
            "order.ordered_at": "2026-11-03T21:47",
            "order.paid_via": "alipay",
            "order.payments[].at": "2026-11-03T21:47",
            "order.payments[].txn_id": "2026110322001198765432109876",
        },
    ),
    "pinduoduo_order.txt": (
        "pinduoduo-order",
        {
            "merchant.marketplace": "pinduoduo",
            "order.id": "261002-184436701925531",
            "order.amount": "98.00",
            "order.ordered_at": "2026-10-02T14:03",
            "order.paid_via": "wechat",
            "order.payments[].txn_id": "XP0026100214031234567",
        },
    ),
    "pinduoduo_fullwidth_dates.txt": (
        "pinduoduo-order",
        {
            "merchant.marketplace": "pinduoduo",
            "order.id": "261115-098765432101234",
            "order.amount": "65.50",
            "order.ordered_at": "2026-11-15T08:05",
            "order.paid_via": "alipay",
        },
    ),
    "jd_order.txt": (
        "jd-order",
        {
            "merchant.marketplace": "jd",
            "order.id": "298461730522",
            "order.amount": "538.00",  # 实付款, not 应付总额 ¥560.00 printed above it
            "order.ordered_at": "2026-09-28T22:10",
            "order.paid_via": "platform_balance",
            "order.payments[].at": "2026-09-28T22:10",
            "merchant.name": "星河卡券专营店",
        },
    ),
    "jd_one_line.txt": (
        "jd-order",
        {
            "merchant.marketplace": "jd",
            "order.id": "301122334455",
            "order.amount": "49.90",
            "order.ordered_at": "2026-11-20T10:15",
            "order.paid_via": "wechat",
        },
    ),
    "xianyu_order.txt": (
        "xianyu-order",
        {
            "merchant.marketplace": "xianyu",
            "order.id": "4128837465102938475",
            "order.amount": "520.00",
            "order.ordered_at": "2026-10-17T19:22",
            "order.paid_via": "alipay",
            "order.payments[].at": "2026-10-17T19:22",
            "order.payments[].txn_id": "2026101722001149210038571122",
            "merchant.name": "小鱼卖卡",
        },
    ),
    "alipay_bill.txt": (
        "alipay-bill",
        {
            "order.id": "T200P" + TAOBAO_ID,
            "order.item": "Steam钱包充值卡 300元 自动发卡",
            "order.amount": "300.00",
            "order.ordered_at": "2026-10-02T14:03",
            "order.paid_via": "alipay",
            "order.payments[].at": "2026-10-02T14:03",
            "order.payments[].txn_id": TAOBAO_TXN,
            "merchant.legal_name": "示例晨星数码科技（杭州）有限公司",
        },
    ),
    "alipay_bill_fullwidth_colons.txt": (
        "alipay-bill",
        {
            "order.id": "KM202610021402118877",
            "order.item": "游戏币充值 1200元",
            "order.amount": "1200.00",
            "order.ordered_at": "2026-10-02T14:02",
            "order.paid_via": "alipay",
            "order.payments[].at": "2026-10-02T14:03",
            "order.payments[].txn_id": "2026100222001174519999120001",
            "merchant.legal_name": "示例星河网络科技有限公司",
        },
    ),
    "alipay_refund_bill.txt": (
        "alipay-bill",
        {  # "+300.00" is money coming back: not the amount paid
            "order.id": "T200P" + TAOBAO_ID,
            "order.ordered_at": "2026-10-02T14:03",
            "order.paid_via": "alipay",
            "order.payments[].txn_id": TAOBAO_TXN,
            "merchant.legal_name": "示例晨星数码科技（杭州）有限公司",
        },
    ),
    "wechat_bill.txt": (
        "wechat-bill",
        {
            "order.id": "XH2026112021364512",
            "order.item": "点卡自动发货 88元面值",
            "order.amount": "88.00",
            "order.ordered_at": "2026-11-20T21:36",
            "order.paid_via": "wechat",
            "order.payments[].at": "2026-11-20T21:36",
            "order.payments[].txn_id": "4200002345202611201234567890",
            "merchant.legal_name": "示例星河卡券贸易有限公司",
        },
    ),
    "wechat_bill_refunded.txt": (
        "wechat-bill",
        {
            "order.id": "XH2026112021364512",
            "order.item": "点卡自动发货 88元面值",
            "order.amount": "88.00",
            "order.ordered_at": "2026-11-20T21:36",
            "order.paid_via": "wechat",
            "order.payments[].at": "2026-11-20T21:36",
            "order.payments[].txn_id": "4200002345202611201234567890",
            "merchant.legal_name": "示例星河卡券贸易有限公司",
        },
    ),
    "taobao_two_orders.txt": (
        "taobao-order",
        {  # two orders, two 实付款: neither is picked
            "merchant.marketplace": "taobao",
            "order.ordered_at": "2026-10-02T14:03",
            "order.paid_via": "alipay",
            "order.payments[].txn_id": TAOBAO_TXN,
        },
    ),
}
FOREIGN = ["english_receipt.txt", "chat_log.txt", "prose.txt", "empty.txt"]


def read(name: str) -> str:
    return (SAMPLES / name).read_text("utf-8")


def test_every_sample_file_is_in_a_table():
    assert {p.name for p in SAMPLES.glob("*.txt")} == set(EXPECTED) | set(FOREIGN)
    assert len(EXPECTED) >= 12
    sources = {source for source, _ in EXPECTED.values()}
    assert sources == {s.id for s in paste.vocabulary().sources}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_yields_exactly_its_fields(name):
    text = read(name)
    result = paste.recognise(text)
    source, fields = EXPECTED[name]
    assert result["source"] == source
    assert {f["field"]: f["value"] for f in result["fields"]} == fields
    folded = paste.fold(text)
    for item in result["fields"]:
        assert item["label"] in folded
        assert 0 < item["confidence"] <= 1
        assert item["raw"] in text  # shown to the person exactly as they copied it


@pytest.mark.parametrize("name", FOREIGN)
def test_foreign_text_yields_nothing(name):
    result = paste.recognise(read(name))
    assert result["fields"] == [] and result["source"] is None and result["payment"] == {}


def test_actual_payment_wins_over_the_goods_total_printed_first():
    result = paste.recognise(
        read("taobao_order_app.txt").replace("商品总价 ￥300.00", "商品总价 ￥320.00")
    )
    (amount,) = [f for f in result["fields"] if f["field"] == "order.amount"]
    assert (amount["value"], amount["label"]) == ("300.00", "实付款")


def test_a_xianyu_page_with_only_the_labels_taobao_also_has_is_still_xianyu():
    text = read("xianyu_order.txt").replace("卖家昵称：小鱼卖卡\n", "")
    assert paste.recognise(text)["source"] == "xianyu-order"
    assert paste.recognise(text.replace("闲鱼", "淘宝"))["source"] == "taobao-order"


def test_two_different_values_under_one_label_are_a_conflict_not_a_pick():
    result = paste.recognise(read("taobao_two_orders.txt"))
    conflicts = {c["field"]: c for c in result["conflicts"]}
    assert set(conflicts) == {"order.id", "order.amount"}
    assert conflicts["order.amount"]["values"] == ["300.00", "120.00"]
    assert "请手动填写" in conflicts["order.amount"]["message"]


def test_two_bare_amount_lines_on_a_bill_give_no_amount():
    text = read("wechat_bill.txt").replace("-88.00", "-88.00\n-12.00")
    fields = {f["field"] for f in paste.recognise(text)["fields"]}
    assert "order.amount" not in fields and "merchant.legal_name" in fields


def test_refund_lines_add_a_note_and_the_refund_is_never_the_amount():
    result = paste.recognise(read("wechat_bill_refunded.txt"))
    assert any("退款" in n for n in result["notes"])
    refunded = paste.recognise(read("alipay_refund_bill.txt"))
    assert "order.amount" not in {f["field"] for f in refunded["fields"]}
    assert refunded["notes"]


def test_value_on_the_next_line_is_slightly_less_sure():
    same = {f["field"]: f for f in paste.recognise(read("taobao_order_app.txt"))["fields"]}
    below = {
        f["field"]: f for f in paste.recognise(read("taobao_order_separate_lines.txt"))["fields"]
    }
    assert below["order.id"]["confidence"] < same["order.id"]["confidence"]


def test_labels_inside_other_words_are_not_labels():
    # 商品说明书 is not 商品说明; 订单号楼 is not an order number.
    text = "支付宝 账单详情\n商品说明书 写得很清楚\n收款方全称：示例公司\n付款方式：余额\n"
    result = paste.recognise(text)
    assert "order.item" not in {f["field"] for f in result["fields"]}


def test_the_payment_summary_has_the_v2_payment_shape():
    result = paste.recognise(read("alipay_bill.txt"))
    assert result["payment"] == {
        "at": "2026-10-02T14:03",
        "amount": "300.00",
        "paid_via": "alipay",
        "txn_id": TAOBAO_TXN,
    }


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("-300.00", "300.00"),
        ("￥300", "300.00"),
        ("¥300", "300.00"),
        ("300.00元", "300.00"),
        ("¥ 1,280.5", "1280.50"),
        ("３００．００元", "300.00"),
        ("¥0.00", None),
        ("三百元", None),
        ("300.001", None),
        ("1,2345", None),
        ("¥300.00（含运费¥0.00）", "300.00"),
        ("RMB 58", "58.00"),
    ],
)
def test_amount_shapes(raw, value):
    label = paste.Label("实付款", ("order.amount",), "money", 0.9)
    assert paste.read_value(label, paste.fold(raw)) == value


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("2026-10-02 14:03:22", "2026-10-02T14:03"),
        ("2026年10月2日 14:03", "2026-10-02T14:03"),
        ("2026/10/02 9:05", "2026-10-02T09:05"),
        ("2026-10-02", "2026-10-02"),
        ("２０２６－１０－０２ １４：０３", "2026-10-02T14:03"),
        ("2026-02-30 10:00", None),
        ("昨天 14:03", None),
    ],
)
def test_time_shapes(raw, value):
    label = paste.Label("付款时间", ("order.payments[].at",), "time", 0.9)
    assert paste.read_value(label, paste.fold(raw)) == value


def test_the_vocabulary_file_is_checked_and_errors_name_file_and_key():
    good = (Path(__file__).resolve().parents[2] / "content" / "paste.toml").read_text("utf-8")
    paste.parse_vocabulary(good)
    bad_field = good.replace('field = "merchant.legal_name"', 'field = "merchant.legalname"', 1)
    with pytest.raises(paste.PasteDataError, match=r"content/paste.toml.*label\[0\]\.field"):
        paste.parse_vocabulary(bad_field)
    bad_kind = good.replace('kind = "money"', 'kind = "cash"', 1)
    with pytest.raises(paste.PasteDataError, match=r"content/paste.toml.*\.kind"):
        paste.parse_vocabulary(bad_kind)
    one_label = good.replace("min_labels = 3", "min_labels = 1", 1)
    with pytest.raises(paste.PasteDataError, match=r"alipay-bill\]\.min_labels"):
        paste.parse_vocabulary(one_label)
    bad_market = good.replace('marketplace = "jd"', 'marketplace = "jingdong"', 1)
    with pytest.raises(paste.PasteDataError, match=r"jd-order\]\.marketplace"):
        paste.parse_vocabulary(bad_market)
    typo = good.replace("min_labels = 2", "min_label = 2", 1)
    with pytest.raises(paste.PasteDataError, match=r"tmall-order\]\.min_label"):
        paste.parse_vocabulary(typo)
    with pytest.raises(paste.PasteDataError, match="不是有效的 TOML"):
        paste.parse_vocabulary(good + "\n[[source]\n")


def test_cli_prints_the_contract_json(run_cli, tmp_path):
    done = run_cli("paste", str(SAMPLES / "wechat_bill.txt"))
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["source"] == "wechat-bill"
    for item in out["fields"]:
        assert {"field", "value", "label", "confidence"} <= set(item)
    nothing = json.loads(run_cli("paste", str(SAMPLES / "prose.txt")).stdout)
    assert nothing["fields"] == [] and nothing["source"] is None


def test_cli_reads_standard_input_for_a_dash():
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-m", "weiquan", "paste", "-"],
        input=read("alipay_bill.txt").encode("utf-8"),
        capture_output=True,
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root / "py"), "PYTHONIOENCODING": "utf-8"},
        timeout=60,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8")
    assert json.loads(done.stdout)["source"] == "alipay-bill"


def test_cli_bad_input_exits_2_in_chinese(run_cli, tmp_path):
    missing = run_cli("paste", str(tmp_path / "none.txt"))
    assert missing.returncode == 2 and "找不到文件" in missing.stderr
    binary = tmp_path / "gbk.txt"
    binary.write_bytes("订单编号：123".encode("gbk"))
    wrong = run_cli("paste", str(binary))
    assert wrong.returncode == 2 and "UTF-8" in wrong.stderr
    assert "Traceback" not in missing.stderr + wrong.stderr
    two = run_cli("paste", "a.txt", "b.txt")
    assert two.returncode == 2 and "一个文字文件" in two.stderr


def test_api_call():
    answer = json.loads(api.dispatch("paste", json.dumps({"text": read("jd_order.txt")})))
    assert answer["ok"] and answer["result"]["source"] == "jd-order"
    # The confirmation list names each case field and shows a choice by its label.
    for item in answer["result"]["fields"]:
        assert item["field_label"] == fields.pasted()[item["field"]]
    named = {item["field"]: item["field_label"] for item in answer["result"]["fields"]}
    assert named["order.id"] == "订单号"
    bill = json.loads(api.dispatch("paste", json.dumps({"text": read("alipay_bill.txt")})))
    via = next(f for f in bill["result"]["fields"] if f["field"] == "order.paid_via")
    assert (via["value"], via["value_label"]) == ("alipay", case_model.PAID_VIA["alipay"])
    foreign = json.loads(api.dispatch("paste", json.dumps({"text": read("chat_log.txt")})))
    assert foreign["result"]["fields"] == []
    assert "支付宝账单详情" in foreign["result"]["known_sources"]
    bad = json.loads(api.dispatch("paste", json.dumps({})))
    assert not bad["ok"] and bad["error"]["fields"][0]["field"] == "text"


LABELS = sorted(
    {lab.label for s in paste.vocabulary().sources for lab in s.labels}
    | set(paste.vocabulary().other_labels)
    | {m for s in paste.vocabulary().sources for m in s.markers}
)
PIECES = st.one_of(
    st.sampled_from(LABELS),
    st.sampled_from(["：", ":", " ", "\n", "￥", "¥", "-", "元", "年", "月", "日", "复制"]),
    st.text(alphabet=string.digits + "０１２３４５６７８９.-: ", max_size=24),
    st.text(max_size=12),
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=40).map("".join))
def test_random_text_never_raises_and_never_invents_a_label(text):
    result = paste.recognise(text)
    folded = paste.fold(text)
    if result["source"] is None:
        assert result["fields"] == []
    for item in result["fields"]:
        assert item["label"] in folded
        assert item["field"] in fields.pasted()


@given(st.text(max_size=300))
def test_any_unicode_never_raises(text):
    paste.recognise(text)


VALUES = st.one_of(
    st.from_regex(r"[0-9０-９]{6,28}", fullmatch=True),
    st.from_regex(
        r"20[0-9]{2}[-年/][01]?[0-9][-月/][0-3]?[0-9]日? [0-2]?[0-9]:[0-5][0-9]", fullmatch=True
    ),
    st.from_regex(r"[-+]?[¥￥]?[0-9]{1,6}(\.[0-9]{1,2})?元?", fullmatch=True),
    st.sampled_from(["微信支付", "支付宝", "花呗", "零钱", "示例科技有限公司", "复制", ""]),
    st.text(max_size=10),
)
SEPARATORS = st.sampled_from([":", "：", " ", "", "\n"])


GOOD = {
    "id": st.from_regex(r"[0-9０-９]{6,28}", fullmatch=True),
    "time": st.from_regex(
        r"20[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8]) [01][0-9]:[0-5][0-9]", fullmatch=True
    ),
    "money": st.from_regex(r"[-]?[¥￥]?[1-9][0-9]{0,5}(\.[0-9]{2})?元?", fullmatch=True),
    "text": st.sampled_from(["示例科技有限公司", "点卡 100元", "小鱼卖卡"]),
    "choice": st.sampled_from(["微信支付", "支付宝", "银行卡"]),
    "fixed": st.sampled_from(["花呗", "零钱", "余额"]),
}


def page_of(source: paste.Source) -> st.SearchStrategy[str]:
    """Text built from one source's own labels and markers, values mostly of the right
    shape, with noise around them."""
    line = st.sampled_from(source.labels).flatmap(
        lambda lab: st.tuples(
            st.just(lab.label), SEPARATORS, st.one_of(GOOD[lab.kind], GOOD[lab.kind], VALUES)
        ).map("".join)
    )
    noise = st.one_of(st.sampled_from(LABELS), VALUES)
    parts = st.lists(st.one_of(line, line, line, noise), min_size=1, max_size=20)
    return st.tuples(st.sampled_from(source.markers), parts).map(
        lambda pair: "\n".join([pair[0], *pair[1]])
    )


PAGE = st.sampled_from(paste.vocabulary().sources).flatmap(page_of)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(PAGE)
def test_page_like_text_yields_only_valid_case_values_with_their_labels(text):
    result = paste.recognise(text)
    folded = paste.fold(text)
    if result["source"] is None:
        assert result["fields"] == []
    seen = set()
    for item in result["fields"]:
        assert item["label"] in folded and item["raw"] in text
        assert item["field"] not in seen  # one value per field, never two to choose from
        seen.add(item["field"])
        if item["field"] == "order.amount":
            assert case_model.parse_money(item["value"]) > 0
        elif item["field"].endswith(("_at", ".at")):
            assert case_model.parse_time(item["value"]) == item["value"]
        elif item["field"] == "order.paid_via":
            assert item["value"] in case_model.PAID_VIA


def test_the_page_strategy_does_reach_recognition():
    # Guards the property test above against testing only the "nothing recognised" path.
    text = "淘宝\n订单编号：3012345678901234567\n实付款 ￥300\n"
    assert paste.recognise(text)["source"] == "taobao-order"
