"""Deadlines that matter to a complaint, each with the date and its basis in plain Chinese.

Legal periods are counted the way 民法典 counts them (start day excluded, a last day on a
holiday moves to the next working day). Practical deadlines that are not law — a platform's
own complaint window, the 48-hour escalation habit, 24 hours for a failed game top-up — say
so in their basis, so nobody mistakes a habit for a statute.

This module also decides whether a complaint channel is still waiting, has failed or was
resolved, because that is a question of whose deadline has passed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from weiquan import calendar, knowledge, timeline
from weiquan import rules as rulebook
from weiquan.case import CHANNELS, MARKETPLACES, has_time, when
from weiquan.zhformat import date_zh, moment_zh, when_zh

PLATFORM_CHANNELS = ("order_complaint", "ticket", "chat", "email", "phone")
FORMAL_PLATFORM_CHANNELS = ("order_complaint", "ticket", "email")
REPLY_HOURS = 48
NO_REPLY_HABIT = ("payment", "police")
COMMON_WINDOW_DAYS = 7
REGULATOR_WORKING_DAYS = 7
DELAY_DAYS = 15
LIMITATION_YEARS = 3
REVOKE_YEARS = 1
# The reasonable period a 催告 gives the shop to perform (民法典 Art. 563(3)): a week, as
# for a reply to a letter; delivering a key or a top-up takes minutes, so it is generous.
CURE_DAYS = 7
_NOTICE_RE = re.compile(r"催告|解除合同|解除通知")


# ------------------------------------------------------------------ channel status


@dataclass(frozen=True)
class ChannelStatus:
    """Where one complaint channel stands. state: none · pending · failed · resolved."""

    state: str
    index: int | None = None  # the contact the state is based on
    due: datetime | None = None  # when waiting ends (reply or promise deadline)
    due_has_time: bool = False
    reason: str = ""


def _sorted_contacts(case: dict, channels: tuple[str, ...]) -> list[tuple[int, dict]]:
    contacts = case["contacts"]
    return [(i, contacts[i]) for i in timeline.contact_order(contacts, channels)]


def reply_due(contact: dict) -> tuple[datetime | None, bool, str]:
    """When an answer to `contact` is due: the promise, else 48 h (12315: 7 working days)."""
    if contact["outcome"] == "promised" and contact["promise_due"]:
        return when(contact["promise_due"]), has_time(contact["promise_due"]), "promise"
    sent = when(contact["at"])
    # A payment channel or the police sets its own pace: no 48-hour habit applies.
    if sent is None or contact.get("party") in NO_REPLY_HABIT:
        return None, False, ""
    if contact["channel"] == "12315":
        end = calendar.add_working_days(sent.date(), REGULATOR_WORKING_DAYS).date
        return datetime.combine(end, datetime.min.time()), False, "regulator"
    return sent + timedelta(hours=REPLY_HOURS), has_time(contact["at"]), "habit"


def channel_status(case: dict, channels: tuple[str, ...], today: date) -> ChannelStatus:
    contacts = _sorted_contacts(case, channels)
    if not contacts:
        return ChannelStatus("none")
    index, latest = contacts[-1]
    outcome = latest["outcome"] or "no_reply"
    if outcome == "resolved":
        return ChannelStatus("resolved", index, reason="已解决")
    if outcome == "refused":
        return ChannelStatus("failed", index, reason="明确拒绝")
    if outcome == "partial":
        return ChannelStatus("failed", index, reason="只解决了一部分")
    due, due_time, kind = reply_due(latest)
    if due is None:
        reason = "等待处理" if latest["at"] else "没有记录联系时间，无法判断是否逾期"
        return ChannelStatus("pending", index, reason=reason)
    if due.date() < today:
        reason = "承诺到期未兑现" if kind == "promise" else "到期未答复"
        return ChannelStatus("failed", index, due, due_time, reason)
    return ChannelStatus("pending", index, due, due_time, "等待答复")


# ------------------------------------------------------------------ deadlines


def is_past(last_day: date, today: date) -> bool:
    """A deadline's last day still counts in full: it has passed only from the next day."""
    return last_day < today


def _entry(
    ident: str,
    title: str,
    day: date,
    basis: str,
    rules: list[str],
    *,
    estimated: bool = False,
    moment: datetime | None = None,
    with_time: bool = False,
    met: bool = False,
    passed_message: str,
    today: date,
) -> dict:
    passed = is_past(day, today)
    entry = {
        "id": ident,
        "title": title,
        "date": day.isoformat(),
        "basis": basis,
        "rules": rules,
        "estimated": estimated,
        "status": "met" if met else ("passed" if passed else "upcoming"),
        "passed": passed and not met,
    }
    if moment is not None and with_time:
        entry["datetime"] = moment.strftime("%Y-%m-%dT%H:%M")
    entry["_passed_message"] = passed_message
    return entry


def _first_formal_platform(case: dict) -> tuple[int, dict] | None:
    contacts = [pair for pair in _sorted_contacts(case, FORMAL_PLATFORM_CHANNELS) if pair[1]["at"]]
    return contacts[0] if contacts else None


def _window_owner(case: dict) -> str:
    """Who set the complaint window: the marketplace by name (淘宝), or the shop's own site."""
    market = case["merchant"]["marketplace"]
    if market in ("", "none"):
        return "商家网站"
    return "电商平台" if market == "other" else MARKETPLACES[market]


def _platform_window(case: dict, today: date) -> dict | None:
    found = when(case["order"]["problem_found_at"])
    if found is None:
        return None
    if case["problem"] == "vanished" and case["merchant"]["marketplace"] in ("", "none"):
        return None  # nobody left to complain to on the platform itself
    days = case["platform_window_days"]
    end = found.date() + timedelta(days=days or COMMON_WINDOW_DAYS)
    first = _first_formal_platform(case)
    met = first is not None and when(first[1]["at"]).date() <= end
    # Whose rule it is: the marketplace's by name (淘宝), else the shop's own site.
    owner = _window_owner(case)
    if days:
        title = f"在{owner}规定的{days}天内向商家投诉"
        basis = (
            f"你填写的{owner}规则：发现问题后{days}天内投诉。这是{owner}自己的规定，不是法律；"
            "这里按日历天数算、遇节假日不顺延，宁早勿晚。"
        )
    else:
        title = f"尽量在发现问题后{COMMON_WINDOW_DAYS}天内向商家投诉"
        basis = (
            f"常见做法，非法律规定：不少平台要求发现问题后{COMMON_WINDOW_DAYS}天内投诉，"
            f"超期可能被当作默认商品没问题。请查看{owner}的《售后规则》或《用户协议》，"
            "把实际期限填进“平台规定的投诉期限（天）”。按日历天数算、不顺延。"
        )
    return _entry(
        "platform-window",
        title,
        end,
        basis,
        [],
        met=met,
        today=today,
        passed_message=(
            f"{owner}的投诉期限已于{date_zh(end)}届满，你还没有向商家正式投诉的记录。这里只算"
            "与商家本身的订单内投诉、客服工单或投诉邮箱：这些渠道会留下单号或时间戳，"
            "能证明你在期限内提出过；在线客服聊天、电话，以及找游戏运营方、支付平台等其他方，"
            "都不算。如果你其实按时投诉过，请在“联系记录”里补上那次投诉（渠道、时间和单号）。"
            f"{owner}规则里的期限不是法律期限，超期后仍可以投诉或起诉，但对方可能以此推脱："
            "请尽快投诉，并说明晚投诉的原因。"
        ),
    )


def _topup(case: dict, today: date) -> dict | None:
    order = case["order"]
    line = knowledge.topup()
    if not knowledge.problem(case["problem"]).get("topup_line"):
        return None
    if not re.search(line["item_words"], order["item"]) or re.search(
        line["not_words"], order["item"]
    ):
        return None
    found = when(order["problem_found_at"])
    if found is None:
        return None
    due = found + timedelta(hours=24)
    with_time = has_time(order["problem_found_at"])
    first = _sorted_contacts(case, PLATFORM_CHANNELS)
    met = bool(first) and bool(first[0][1]["at"]) and when(first[0][1]["at"]) <= due
    return _entry(
        "topup-24h",
        "游戏充值失败：24小时内联系商家",
        due.date(),
        "实践建议，非法律规定：游戏充值失败后，充值记录和服务器日志可能很快被清理，"
        "越早投诉越容易查到这笔充值的去向。",
        [],
        moment=due,
        with_time=with_time,
        met=met,
        today=today,
        passed_message="充值失败已超过24小时。这不影响你的权利，但请尽快联系商家，"
        "并先把游戏内充值记录截图保存。",
    )


def _reply(case: dict, today: date, group: tuple[str, ...], ident: str, who: str):
    status = channel_status(case, group, today)
    if status.state not in ("pending", "failed") or status.due is None:
        return None
    contact = case["contacts"][status.index]
    if contact["outcome"] not in ("", "no_reply", "promised"):
        return None
    channel = CHANNELS[contact["channel"]]
    sent = when_zh(contact["at"]) if contact["at"] else ""
    if contact["outcome"] == "promised" and contact["promise_due"]:
        promise = f"（{contact['promise']}）" if contact["promise"] else ""
        title = f"{who}承诺的处理期限"
        basis = (
            f"{who}自己的承诺{promise}：到期没有兑现，就可以升级投诉。"
            "请保存承诺的书面记录（聊天截图），口头承诺请对方书面确认。"
        )
        due_text = moment_zh(status.due, status.due_has_time)
        passed = f"{who}承诺的处理期限（{due_text}）已过，仍未兑现，可以升级投诉了。"
    else:
        title = f"{who}答复期限（投诉后{REPLY_HOURS}小时）"
        basis = (
            f"常见做法，非法律规定：你于{sent}通过{channel}投诉，{who}没有承诺答复时间的，"
            f"{REPLY_HOURS}小时仍无答复即可升级投诉。"
        )
        passed = f"{who}在{moment_zh(status.due, status.due_has_time)}前没有答复，可以升级投诉了。"
    return _entry(
        ident,
        title,
        status.due.date(),
        basis,
        [],
        moment=status.due,
        with_time=status.due_has_time,
        today=today,
        passed_message=passed,
    )


def _regulator(case: dict, today: date) -> dict | None:
    status = channel_status(case, ("12315",), today)
    if status.state not in ("pending", "failed") or status.index is None:
        return None
    contact = case["contacts"][status.index]
    if contact["outcome"] not in ("", "no_reply") or not contact["at"]:
        return None
    start = when(contact["at"]).date()
    result = calendar.add_working_days(start, REGULATOR_WORKING_DAYS)
    years = sorted({start.year, result.date.year})
    notices = "、".join(f"《{calendar.notice_for(y)}》" for y in years if calendar.has_data(y))
    basis = (
        "消费者权益保护法第四十六条：有关行政部门应当自收到投诉之日起七个工作日内处理并告知"
        f"消费者。从你{date_zh(start)}提交投诉的次日起算，跳过周末和法定节假日、计入调休上班日"
        + (f"（依据{notices}）" if notices else "")
        + "。部门实际收到投诉的日期可能稍晚于提交日。"
    )
    if result.estimated:
        basis += "所涉年份的节假日安排尚未公布，这个日期只按周末估算。"
    rules = knowledge.refs("regulator_deadline") + [
        f"holidays-{y}" for y in years if calendar.has_data(y)
    ]
    return _entry(
        "regulator-reply",
        "市场监管部门告知处理情况的期限（7个工作日）",
        result.date,
        basis,
        rules,
        estimated=result.estimated,
        today=today,
        passed_message=(
            f"市场监管部门应在{date_zh(result.date)}前告知处理情况，已逾期。"
            "可凭投诉编号在12315平台查询进度，或致电12315询问；仍无结果的，可以考虑调解或起诉。"
        ),
    )


@dataclass(frozen=True)
class DelayPeriod:
    """The fifteen days of 处罚办法 Art. 8, counted from the day after the first request.

    Letters and the dashboard both read this one value, so a letter never claims the
    fifteen days are over while the dashboard still counts them, or starts the clock on a
    different contact.
    """

    start: date  # the day of the first request
    end: date  # the last day, moved past a holiday (民法典 Art. 203)
    estimated: bool  # the holiday schedule of a year involved is not published yet

    def passed(self, today: date) -> bool:
        return is_past(self.end, today)


def _first_request(case: dict) -> dict | None:
    # 处罚办法 Art. 8 is about an operator stalling a request; against a seller who took
    # the money and vanished, or a private seller, the 15-day line does not fit.
    if not knowledge.problem(case["problem"]).get("delay_line", True):
        return None
    if case["merchant"].get("kind") == "individual":
        return None
    asks = {d["kind"] for d in case["demands"]}
    if not asks.intersection({"refund", "reissue"}) and case["problem"] not in (
        "refund_refused",
        "late_reissue",
    ):
        return None
    dated = [c for _, c in _sorted_contacts(case, (*PLATFORM_CHANNELS, "marketplace")) if c["at"]]
    return dated[0] if dated else None


def delay_period(case: dict) -> DelayPeriod | None:
    """The Art. 8 period of a normalised case; None when nothing was asked for (a refund or
    a re-issue, through the shop or its marketplace) or the matter has been resolved."""
    first = _first_request(case)
    if first is None:
        return None
    if settled(case):
        return None
    start = when(first["at"]).date()
    result = calendar.add_days(start, DELAY_DAYS)
    return DelayPeriod(start, result.date, result.estimated)


def _delay(case: dict, today: date) -> dict | None:
    period = delay_period(case)
    if period is None:
        return None
    basis = (
        "侵害消费者权益行为处罚办法第八条：对消费者依法提出的退货、更换、退款等要求，经营者"
        "无正当理由超过十五日不处理的，属于“故意拖延或者无理拒绝”。"
        f"从你第一次提出要求（{date_zh(period.start)}）的次日起算15天，最后一天逢节假日顺延"
        "（民法典第二百零一条、第二百零三条）。"
    )
    if period.estimated:
        basis += "所涉年份的节假日安排尚未公布，顺延只按周末估算。"
    return _entry(
        "delay-15d",
        "超过15日不处理即属“故意拖延”",
        period.end,
        basis,
        knowledge.refs("delay"),
        estimated=period.estimated,
        today=today,
        passed_message=(
            f"自你第一次提出要求已超过15日（{date_zh(period.end)}届满）仍未解决，"
            "投诉时可以写明商家已构成故意拖延（侵害消费者权益行为处罚办法第八条）。"
        ),
    )


@dataclass(frozen=True)
class CurePeriod:
    """The reasonable period of a 催告 (民法典 Art. 563(3)): from the notice (sent, or
    today when not yet sent) to the last day; after it the contract ends (Art. 565)."""

    start: date
    end: date
    sent: bool  # a contact records that the notice went out
    estimated: bool

    def passed(self, today: date) -> bool:
        return is_past(self.end, today)


def settled(case: dict) -> bool:
    """Whether a contact that can settle the matter says it was resolved: a third party's
    "resolved" (the game operator unbanned the account) never settles it with the seller."""
    return any(
        c["outcome"] == "resolved" and c.get("party") != "third_party" for c in case["contacts"]
    )


def _overdue(case: dict, today: date) -> bool:
    """A delivery or a promise is overdue: nothing delivered (and the shop still there),
    or a promise whose date has passed without the matter being resolved."""
    if settled(case):
        return False
    if not knowledge.problem(case["problem"]).get("termination", False):
        return False
    if not knowledge.problem(case["problem"])["delivered"]:
        return True
    return any(
        c["outcome"] == "promised" and c["promise_due"] and when(c["promise_due"]).date() < today
        for _, c in _sorted_contacts(case, (*PLATFORM_CHANNELS, "marketplace"))
    )


def notice_contact(case: dict) -> tuple[int, dict] | None:
    """The contact that sent the 催告/解除 notice (its summary says so), if any."""
    for i in timeline.contact_order(case["contacts"]):
        contact = case["contacts"][i]
        if contact["at"] and _NOTICE_RE.search(contact["summary"]):
            return i, contact
    return None


def cure_period(case: dict, today: date) -> CurePeriod | None:
    """The 催告's deadline, or None when no delivery or promise is overdue."""
    sent = notice_contact(case)
    if sent is None and not _overdue(case, today):
        return None
    start = when(sent[1]["at"]).date() if sent else today
    result = calendar.add_days(start, CURE_DAYS)
    return CurePeriod(start, result.date, sent is not None, result.estimated)


def _cure(case: dict, today: date) -> dict | None:
    period = cure_period(case, today)
    if period is None:
        return None
    if period.sent:
        title = "催告期限届满（合同解除）"
        basis = (
            f"你于{date_zh(period.start)}发出催告及解除合同通知，给了{CURE_DAYS}天履行期限。"
            "期限届满仍未履行的，合同自期限届满时解除（民法典第五百六十五条），"
            "你可以要求退还货款（第五百六十六条）。期限从通知到达对方的次日起算，最后一天逢节假日顺延。"
        )
    else:
        title = f"催告的合理期限（今天发出则为{CURE_DAYS}天）"
        basis = (
            "交付或补单承诺已经逾期：发出催告及解除合同通知，给对方一个合理期限履行；"
            "到期仍不履行的，合同解除，退款请求才有稳固的依据（民法典第五百六十三条、第五百六十五条）。"
            f"这里按今天发出、期限{CURE_DAYS}天计算，最后一天逢节假日顺延。"
        )
    if period.estimated:
        basis += "所涉年份的节假日安排尚未公布，顺延只按周末估算。"
    return _entry(
        "termination-cure",
        title,
        period.end,
        basis,
        knowledge.refs("termination_notice"),
        estimated=period.estimated,
        today=today,
        passed_message=(
            f"催告期限已于{date_zh(period.end)}届满，对方仍未履行的，合同已经解除"
            "（民法典第五百六十五条）：请要求退款，并在投诉或起诉时附上这份通知及送达记录。"
        ),
    )


def _revoke(case: dict, today: date) -> dict | None:
    """The one year to revoke a contract made under fraud, from the discovery date."""
    if not case["suspected_fraud"]:
        return None
    found = when(case["order"]["problem_found_at"])
    if found is None:
        return None
    result = calendar.roll_forward(_same_day_years_later(found.date(), REVOKE_YEARS))
    basis = (
        "受欺诈订立的合同，受欺诈方可以请求法院或仲裁机构撤销；民法典规定撤销权一般应自知道"
        "或者应当知道撤销事由之日起一年内行使，逾期不行使的撤销权消灭（条文编号本应用尚未与"
        "全文核对，请以官方最新文本为准）。这里按你发现问题的日期算，逢节假日顺延。"
        "撤销之外，要求退款、赔偿的诉讼时效是三年；是否主张撤销，请律师帮你判断。"
    )
    if result.estimated:
        basis += "届时的节假日安排尚未公布，顺延只按周末估算。"
    return _entry(
        "revoke-1y",
        "以受欺诈为由撤销合同的期限（一年）",
        result.date,
        basis,
        knowledge.refs("revoke"),
        estimated=result.estimated,
        today=today,
        passed_message=(
            "自发现问题起已超过一年：以受欺诈为由撤销合同的权利可能已经消灭；"
            "要求退款、赔偿仍受三年诉讼时效保护，请尽快咨询律师或法律援助（12348）。"
        ),
    )


def _same_day_years_later(start: date, years: int) -> date:
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February: the month has no such day, so its last day counts
        return start.replace(year=start.year + years, day=28)


def _limitation(case: dict, today: date) -> dict | None:
    found = when(case["order"]["problem_found_at"])
    if found is None:
        return None
    result = calendar.roll_forward(_same_day_years_later(found.date(), LIMITATION_YEARS))
    basis = (
        "民法典第一百八十八条：向法院请求保护民事权利的诉讼时效一般为三年，从知道权利受损时起算"
        "（这里按你发现问题的日期算；向对方主张权利、对方同意履行等情况会使时效重新计算）。"
        "到期日逢节假日顺延（第二百零三条）。"
        "旧《市场监督管理投诉举报处理暂行办法》对超过三年的投诉也不予受理（旧规定，供参考）。"
    )
    if result.estimated:
        basis += "届时的节假日安排尚未公布，顺延只按周末估算。"
    return _entry(
        "limitation-3y",
        "诉讼时效（三年）届满",
        result.date,
        basis,
        knowledge.refs("limitation"),
        estimated=result.estimated,
        today=today,
        passed_message=(
            "按发现问题的日期计算，三年诉讼时效可能已经届满。若期间曾向对方主张权利或对方"
            "答应过处理，时效可能重新计算，请尽快咨询律师或法律援助（12348）。"
        ),
    )


def compute(case: dict, today: date) -> list[dict]:
    """All deadlines for a normalised case, earliest first; each keeps its basis and rules.

    Entries still carry `_passed_message`; `split_warnings` removes it and turns passed
    deadlines into warnings.
    """
    found = [
        _platform_window(case, today),
        _topup(case, today),
        _reply(case, today, PLATFORM_CHANNELS, "platform-reply", "商家"),
        _reply(case, today, ("marketplace",), "marketplace-reply", "电商平台"),
        _reply(case, today, ("association",), "association-reply", "消费者协会"),
        _regulator(case, today),
        _delay(case, today),
        _cure(case, today),
        _revoke(case, today),
        _limitation(case, today),
    ]
    skip = set(knowledge.route(case)["skip_deadlines"])
    entries = sorted(
        (e for e in found if e and e["id"] not in skip), key=lambda e: (e["date"], e["id"])
    )
    return entries


def _rules_in(message: str, rule_ids: list[str]) -> list[str]:
    """The entry's rules that the warning itself restates (law and article both named)."""
    found = []
    for rule_id in rule_ids:
        rule = rulebook.get(rule_id)
        if rule["law"] in message and rule["article"] in message:
            found.append(rule_id)
    return found


def split_warnings(entries: list[dict]) -> tuple[list[dict], list[dict]]:
    """Deadlines as shown (internal keys removed) and a deadline-passed warning per passed one."""
    shown, warnings = [], []
    for entry in entries:
        message = entry.pop("_passed_message")
        shown.append(entry)
        if entry["passed"]:
            warnings.append(
                {
                    "code": "deadline-passed",
                    "deadline": entry["id"],
                    "date": entry["date"],
                    "message": message,
                    "rules": _rules_in(message, entry["rules"]),
                }
            )
    return shown, warnings
