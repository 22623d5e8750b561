"""Checks the user's own words for name-calling, threats and vague demands.

Insults and threats give the other side a reason to stop talking (many platforms end
service on abuse) and can put the writer in the wrong; vague complaints ("售后差", "给个说法")
give nobody anything to act on. Each finding comes with a concrete rewrite in the order
事实—依据—诉求: what happened (checkable), what rule it breaks, what exactly you want by when.

Legal wording is not emotional: "涉嫌欺诈", "要求三倍赔偿", "我将向12315投诉", "保留起诉的权利"
must pass untouched, and the tests hold that line as firmly as they hold the flags.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from weiquan import knowledge, rules
from weiquan.case import when

# A clause ends at punctuation; conditions and numbers are judged within one clause.
_CLAUSE_END = re.compile(r"[。！？!?；;，,\n]")
_SENTENCE_END = re.compile(r"[。！？!?\n]")
_CONDITION = re.compile(r"如果|如|若|假如|倘若|要是|逾期|到期|届时|否则|一旦")
_CONCRETE = re.compile(
    r"\d+(\.\d+)?\s*(元|块|张|天|日|号|小时|个工作日|倍|月|年|次|点)"
    r"|\d{1,2}[:：]\d{2}|\d{4}-\d{1,2}-\d{1,2}"
    r"|[一二两三四五六七八九十百千万]+(元|块|张|天|日|号|小时|个工作日|倍)"
)


@dataclass(frozen=True)
class _Pattern:
    code: str  # "tone" or "vague-demand"
    kind: str  # insult · threat · vague-fact · vague-ask
    regex: re.Pattern
    message: str
    conditional_ok: bool = False  # "如不处理，我将……" is a condition, not a vague complaint
    needs_no_number: bool = False  # "尽快" is fine when the clause gives a date or amount


def _p(code, kind, pattern, message, **flags) -> _Pattern:
    return _Pattern(code, kind, re.compile(pattern, re.IGNORECASE), message, **flags)


_INSULT = "这是指责，不是事实：对方看到只会对立，处理的人也无法核实。"
_THREAT = "带威胁的话可能让对方终止沟通，也可能让你自己承担法律风险；后续行动请写成正式途径。"

PATTERNS: tuple[_Pattern, ...] = (
    _p("tone", "insult", r"骗子", "“骗子”" + _INSULT),
    _p("tone", "insult", r"黑心(商家|平台|老板|店家?|公司)?", "“黑心”" + _INSULT),
    _p(
        "tone",
        "insult",
        r"(?<!反)诈骗(平台|网站|公司|犯|团伙|集团|分子|商家|店)",
        "“诈骗平台”这类称呼" + _INSULT + "若确有欺诈，写“涉嫌欺诈”并列出事实。",
    ),
    _p("tone", "insult", r"骗钱|坑钱|圈钱跑路的", "这是指责" + _INSULT[4:]),
    _p("tone", "insult", r"垃圾(?!邮件|短信|箱|桶|分类|信息|广告|电话)", "“垃圾”" + _INSULT),
    _p(
        "tone",
        "insult",
        r"无良|奸商|人渣|败类|王八蛋|混蛋|畜生|狗东西|不要脸|脑残|吸血鬼?",
        "辱骂性的词" + _INSULT[2:],
    ),
    _p(
        "tone",
        "insult",
        r"傻[逼比屄B]|煞笔|沙比|他妈的?|草泥马|操你|(?<![A-Za-z])(SB|TMD|NMSL|CNM)(?![A-Za-z])",
        "脏话" + _INSULT[2:],
    ),
    _p("tone", "threat", r"去死|死全家|弄死|砍死|打死你|炸了你", "诅咒或暴力的话" + _THREAT[6:]),
    _p(
        "tone",
        "threat",
        r"曝光你|把你们?.{0,8}曝光|我(要|会|就|将)(去|到|在)?.{0,6}曝光(你们?)?",
        "“曝光你们”" + _THREAT[6:],
    ),
    _p(
        "tone",
        "threat",
        r"让你们?.{0,8}(好看|倒闭|关门|完蛋|后悔)|走着瞧|等着瞧|你们?给我等着|跟你们?没完",
        "这是威胁" + _THREAT[6:],
    ),
    _p("tone", "threat", r"人肉(你|搜索)|找人(收拾|弄|砸|堵)|网暴", "这是威胁" + _THREAT[6:]),
    _p("tone", "insult", r"(给我|你们?|都)滚|滚(吧|蛋|出去)", "“滚”" + _INSULT),
    _p(
        "vague-demand",
        "vague-fact",
        r"(售后|服务|态度|客服|平台)(也|太|很|非常|极其|真|特别)?(差|烂)(?![价评额距异])",
        "“售后差”是评价，不是事实：对方和处理人员无法据此处理。",
    ),
    _p(
        "vague-demand",
        "vague-fact",
        r"(一直|就是|根本|完全|都)?不(给|帮我?)?处理(?!结果)",
        "“不处理”太笼统：写清你哪天通过什么渠道提出了什么要求、对方怎么答复的。",
        conditional_ok=True,
        needs_no_number=True,
    ),
    _p(
        "vague-demand",
        "vague-ask",
        r"给(我|个|一个|我一个|我个)(说法|交代|解释)",
        "“给个说法”没有说明你要什么：写明具体诉求和期限。",
    ),
    _p(
        "vague-demand",
        "vague-ask",
        r"(你们)?(自己)?看着办",
        "“看着办”没有说明你要什么：写明具体诉求和期限。",
    ),
    _p(
        "vague-demand",
        "vague-ask",
        r"讨(个|回)公道|还我公道|负责到底|严肃处理",
        "这句话没有说明你要对方做什么：写明具体诉求和期限。",
    ),
    _p(
        "vague-demand",
        "vague-ask",
        r"(尽快|赶紧|马上|立刻|立即|速速)(给我|帮我)?(处理|退款|解决|回复|答复|补发|退钱|给)",
        "“尽快”没有期限，对方可以一直拖：给出具体日期或时限。",
        needs_no_number=True,
        conditional_ok=True,
    ),
    _p(
        "vague-demand",
        "vague-ask",
        r"赔偿(我的?|全部|所有)?(的)?损失",
        "没写金额的赔偿要求无法执行：写明要求赔偿多少元、怎么算的。",
        needs_no_number=True,
    ),
)


def _bounds(stops: re.Pattern, text: str, start: int, end: int) -> tuple[int, int]:
    """Where the clause or sentence (per `stops`) around text[start:end] begins and ends."""
    left = max((m.end() for m in stops.finditer(text, 0, start)), default=0)
    right_match = stops.search(text, end)
    return left, right_match.start() if right_match else len(text)


def _skip(pattern: _Pattern, text: str, start: int, end: int) -> bool:
    left, right = _bounds(_CLAUSE_END, text, start, end)
    if pattern.conditional_ok:
        before = text[left:start]
        if _CONDITION.search(before) or text[end:right].startswith("的话"):
            return True
    if pattern.needs_no_number:
        s_left, s_right = _bounds(_SENTENCE_END, text, start, end)
        if _CONCRETE.search(text[s_left:start] + text[end:s_right]):
            return True
    return False


# ------------------------------------------------------------------ rewrite suggestions


def _rule_id(case: dict) -> str:
    """The first verified ground a letter to the shop cites: the rewrite cites the same."""
    for rule_id in knowledge.grounds(case, "shop"):
        if rules.get(rule_id)["status"] == "verified":
            return rule_id
    return ""


def _zh(value: str) -> str:
    moment = when(value) if value else None
    return f"{moment.month}月{moment.day}日" if moment else "X月X日"


def _fact(case: dict | None) -> str:
    if not case:
        return "我于X月X日购买了（商品名称）（订单号……），支付X元，（具体问题，截图附后）。"
    order = case["order"]
    item = order["item"] or "（商品名称）"
    order_id = f"（订单号{order['id']}）" if order["id"] else "（订单号……）"
    amount = order["amount"] or "X"
    return (
        f"我于{_zh(order['ordered_at'])}购买了{item}{order_id}，支付{amount}元，"
        f"{knowledge.problem(case['problem'])['tone_fact']}。"
    )


def _ask(case: dict | None) -> str:
    if not case:
        return "依据（法律条文或平台规则），请于X月X日前退款X元（或补发X张有效卡密）。"
    # As in the letters: a refund and a re-issue are alternatives (either puts things right);
    # compensation is asked on top.
    either, also = [], []
    for demand in case["demands"]:
        if demand["kind"] == "refund":
            either.append(f"退款{demand['amount'] or case['order']['amount'] or 'X'}元")
        elif demand["kind"] == "reissue":
            either.append(f"补发{demand['quantity'] or 'X'}张有效卡密")
        elif demand["kind"] == "compensation" and demand["amount"]:
            also.append(f"赔偿{demand['amount']}元")
    if not either and not also:
        either.append(f"退款{case['order']['amount'] or 'X'}元")
    wanted = "，并".join((["，或".join(either)] if either else []) + also)
    rule_id = _rule_id(case)
    basis = f"依据{rules.citation(rule_id)}，" if rule_id else ""
    return f"{basis}请于X月X日前{wanted}。"


def _suggestion_rules(kind: str, case: dict | None) -> list[str]:
    """The rule a suggestion cites (only rewrites built from a case name a law)."""
    if case is None or kind not in ("insult", "vague-ask"):
        return []
    rule_id = _rule_id(case)
    return [rule_id] if rule_id else []


def _suggestion(kind: str, case: dict | None) -> str:
    if kind == "threat":
        return "改成正式途径，例如：“如在X月X日前仍未处理，我将向12315投诉，并保留依法起诉的权利。”"
    if kind == "vague-fact":
        return (
            "写出具体经过，例如：“"
            + _fact(case)
            + "X月X日我在客服工单中提出退款，客服答复‘虚拟商品不退’，至今未处理。”"
        )
    if kind == "vague-ask":
        return "把诉求写具体，例如：“" + _ask(case) + "”"
    return "删去这个说法，按“事实—依据—诉求”改写，例如：“" + _fact(case) + _ask(case) + "”"


# ------------------------------------------------------------------ public API


def check(text: str, case: dict | None = None) -> list[dict]:
    """Findings in one text: {code, kind, text, start, end, message, suggestion, rules}.

    `start`/`end` are character offsets into `text`. Overlapping matches keep the first.
    """
    if not text:
        return []
    hits: list[tuple[int, int, _Pattern]] = []
    for pattern in PATTERNS:
        for match in pattern.regex.finditer(text):
            start, end = match.span()
            if end > start and not _skip(pattern, text, start, end):
                hits.append((start, end, pattern))
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    findings, taken_until = [], -1
    for start, end, pattern in hits:
        if start < taken_until:
            continue
        taken_until = end
        findings.append(
            {
                "code": pattern.code,
                "place": "wording",
                "kind": pattern.kind,
                "text": text[start:end],
                "start": start,
                "end": end,
                "message": pattern.message,
                "suggestion": _suggestion(pattern.kind, case),
                "rules": _suggestion_rules(pattern.kind, case),
            }
        )
    return findings


def user_texts(case: dict):
    """(field path, text) for every free text the user wrote in a normalised case."""
    yield "case.facts", case["facts"]
    for i, contact in enumerate(case["contacts"]):
        yield f"case.contacts[{i}].summary", contact["summary"]
    for i, demand in enumerate(case["demands"]):
        yield f"case.demands[{i}].note", demand["note"]


def check_case(case: dict) -> list[dict]:
    """Findings for every free text in a normalised case, each naming its field."""
    found = []
    for field, text in user_texts(case):
        for finding in check(text, case):
            found.append({"field": field, **finding})
    return found
