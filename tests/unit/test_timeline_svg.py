"""The timeline picture: right order, right dates, safe text, readable on a 360 px phone."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from weiquan import api, deadlines, timeline_svg
from weiquan import case as case_model
from weiquan.zhformat import date_zh, when_zh

CASES = Path(__file__).parent / "cases"
NS = "{http://www.w3.org/2000/svg}"


def load(name: str) -> dict:
    return case_model.normalise(json.loads((CASES / name).read_text("utf-8")))


def parsed(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # raises on anything that is not well-formed XML


def texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{NS}text")]


def test_broken_promise_case_in_order_with_today_between_past_and_future():
    kase = load("04_not_delivered_chunjie_promise_broken.json")
    made = timeline_svg.case_timeline(kase, date(2026, 2, 26))
    lines = made.lines
    assert lines[0] == "案件时间线：好运虚拟商品店"
    body = lines[2:]
    today = body.index("今天　2026年2月26日")
    assert body[0].startswith("2026年2月12日20时00分　下单：爱奇艺黄金会员年卡")
    assert body[1] == "2026年2月13日9时00分　发现问题：未发货"
    assert body[2].startswith("2026年2月13日10时00分　在线客服：承诺处理，客服说春节放假")
    assert "2026年2月24日　承诺期限：节后补发（未兑现）" in body[:today]
    assert body[today + 1] == "2026年2月28日　期限：超过15日不处理即属“故意拖延”"
    assert "下一个期限：2026年2月28日" in lines[1]


def test_every_deadline_date_is_written_as_the_letters_write_it():
    kase = load("05_late_reissue_12315_pending.json")
    today = date(2026, 11, 25)
    lines = timeline_svg.case_timeline(kase, today).lines
    for entry in deadlines.compute(kase, today):
        moment = entry.get("datetime") or entry["date"]
        assert any(line.startswith(when_zh(moment) + "　期限：" + entry["title"]) for line in lines)
    assert f"今天　{date_zh(today)}" in lines


@pytest.mark.parametrize(
    ("contacts", "today", "state"),
    [
        (
            [
                {
                    "at": "2026-11-03T10:00",
                    "channel": "chat",
                    "outcome": "promised",
                    "promise": "三天内补发",
                    "promise_due": "2026-11-06",
                },
                {"at": "2026-11-05T10:00", "channel": "chat", "outcome": "resolved"},
            ],
            date(2026, 11, 20),
            "已兑现",
        ),
        (
            [
                {
                    "at": "2026-11-03T10:00",
                    "channel": "chat",
                    "outcome": "promised",
                    "promise": "三天内补发",
                    "promise_due": "2026-11-06",
                }
            ],
            date(2026, 11, 20),
            "未兑现",
        ),
        (
            [
                {
                    "at": "2026-11-03T10:00",
                    "channel": "chat",
                    "outcome": "promised",
                    "promise": "三天内补发",
                    "promise_due": "2026-11-06",
                }
            ],
            date(2026, 11, 4),
            "待兑现",
        ),
    ],
)
def test_promises_are_kept_broken_or_pending(make_case, contacts, today, state):
    kase = make_case(contacts=contacts)
    lines = timeline_svg.case_timeline(kase, today).lines
    assert f"2026年11月6日　承诺期限：三天内补发（{state}）" in lines


def test_user_text_is_escaped_and_the_svg_stays_well_formed(make_case):
    nasty = '<script>alert("x")</script> & 退款 \x01 ]]>'
    kase = make_case(
        merchant={"name": "A&B <卡盟>"},
        contacts=[{"at": "2026-11-03T10:00", "channel": "chat", "summary": nasty}],
    )
    made = timeline_svg.case_timeline(kase, date(2026, 11, 20))
    root = parsed(made.svg)
    assert "<script" not in made.svg and root.find(f".//{NS}script") is None
    assert "&lt;script&gt;" in made.svg and "&amp; 退款" in made.svg
    assert root.find(f"{NS}title").text == "案件时间线：A&B <卡盟>"
    assert any("<script>alert" in t for t in texts(root))
    assert any('<script>alert("x")</script> & 退款' in line for line in made.lines)


def test_accessible_and_self_contained(make_case):
    made = timeline_svg.case_timeline(make_case(), date(2026, 11, 20))
    root = parsed(made.svg)
    assert root.get("role") == "img" and root.get("width") == "100%"
    assert root.get("viewBox").startswith("0 0 360 ")
    title, desc = root.find(f"{NS}title"), root.find(f"{NS}desc")
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert desc.text.startswith("共 ") and made.lines[:2] == [title.text, desc.text]
    assert re.findall(r"\w+://[^\"' ]*", made.svg) == ["http://www.w3.org/2000/svg"]
    assert "@font-face" not in made.svg and "href" not in made.svg


def test_readable_at_360_px(make_case):
    long = "客服说这批卡密是上游供应商的问题，要等供应商那边重新发卡，" * 6
    kase = make_case(
        order={"item": "超长名称的游戏点卡" * 8},
        contacts=[{"at": "2026-11-03T10:00", "channel": "chat", "summary": long}],
    )
    root = parsed(timeline_svg.case_timeline(kase, date(2026, 11, 20)).svg)
    for node in root.iter(f"{NS}text"):
        size = int(node.get("font-size"))
        assert size >= 12  # the viewBox is 360 wide: 1 unit = 1 px on a 360 px phone
        width = sum(timeline_svg._em(ch) for ch in node.text) * size
        assert int(node.get("x")) + width <= 360
    shown = texts(root)
    assert any(t.endswith("…") for t in shown)  # cut, never run off the edge
    assert sum(1 for t in shown if "客服说" in t or "供应商" in t) <= timeline_svg.DETAIL_LINES


def test_wrap_keeps_short_text_and_cuts_long_text():
    assert timeline_svg.wrap("下单", 14, 2) == ["下单"]
    lines = timeline_svg.wrap("字" * 100, 14, 2)
    assert len(lines) == 2 and lines[1].endswith("…")
    assert timeline_svg.wrap("", 14, 2) == []


def test_render_takes_neutral_events_from_any_source():
    events = [
        {
            "date": "2026-10-02T14:03",
            "kind": "order",
            "label": "下单",
            "detail": "",
            "state": "neutral",
        },
        {"date": "", "kind": "contact", "label": "电话", "detail": "没接", "state": "waiting"},
    ]
    ahead = [{"date": "2026-10-20", "label": "某期限", "detail": "", "state": "upcoming"}]
    made = timeline_svg.render(events, ahead, date(2026, 10, 10), title="T", id_prefix="x")
    assert made.lines[2:] == [
        "2026年10月2日14时03分　下单",
        "时间未记录　电话，没接",
        "今天　2026年10月10日",
        "2026年10月20日　期限：某期限",
    ]
    assert 'id="x-title"' in made.svg


def test_every_real_case_draws(make_case):
    for path in sorted(CASES.glob("*.json")):
        kase = case_model.normalise(json.loads(path.read_text("utf-8")))
        made = timeline_svg.case_timeline(kase, date(2026, 11, 25))
        parsed(made.svg)
        assert "今天　2026年11月25日" in made.lines


def test_api_timeline(make_case):
    answer = json.loads(
        api.dispatch("timeline", json.dumps({"case": make_case(), "today": "2026-11-20"}))
    )
    assert answer["ok"] and answer["result"]["svg"].startswith("<svg")
    assert "今天　2026年11月20日" in answer["result"]["lines"]
    bad = json.loads(api.dispatch("timeline", json.dumps({"today": "2026-11-20"})))
    assert not bad["ok"] and bad["error"]["fields"][0]["field"] == "case"


def test_within_a_day_the_picture_keeps_the_letters_order_of_events():
    """weiquan.timeline: a discovery known only by its date still comes after that day's timed
    order, and contacts follow in time order — as in the letters."""
    from weiquan import timeline

    kase = load("04_not_delivered_chunjie_promise_broken.json")
    kase["order"]["ordered_at"] = "2026-02-13T20:00"
    kase["order"]["problem_found_at"] = "2026-02-13"
    events, _ = timeline_svg.events_from_case(kase, date(2026, 2, 26))
    kinds = [e["kind"] for e in events if e["kind"] != "promise"]
    assert kinds[:2] == ["order", "discovery"]
    assert [k for k, _ in timeline.events(kase)][:2] == ["ordered", "found"]
    body = timeline_svg.case_timeline(kase, date(2026, 2, 26)).lines[2:]
    assert "下单" in body[0] and "发现问题" in body[1]
