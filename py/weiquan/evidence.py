"""What evidence matters for each problem, how to capture it, and whether the chain
订单—支付—商品—问题 is closed.

A complaint stands or falls on evidence a stranger can check: the regulator or a judge
sees only what you hand over. The checklist says, per kind, what the picture must show and
how to take it so that it is believed (真实性), tied to this order (关联性) and complete
(完整性).
"""

from __future__ import annotations

from dataclasses import dataclass

from weiquan import knowledge
from weiquan.case import EVIDENCE_KINDS, PROBLEMS

_SCREEN = "整屏截图，让手机状态栏或电脑右下角的时间露出来；不要裁剪、涂改或 PS"
_ORIGINAL = "保留原图、原视频和原始文件；需要遮挡隐私时另存一份，原件留底"
_NOW = "发现问题后马上取证，商家可能修改页面、删除聊天或关闭网站"


@dataclass(frozen=True)
class Kind:
    must_show: tuple[str, ...]
    how: tuple[str, ...]
    # Other kinds that prove the same thing well enough (a recorded call for a chat log).
    alternatives: tuple[str, ...] = ()


KINDS: dict[str, Kind] = {
    "order_record": Kind(
        ("订单号", "商品名称", "金额", "下单时间", "订单状态或发货内容（如发来的卡密）"),
        (
            "在订单详情页" + _SCREEN,
            "订单页能看到发货内容（卡密、充值账号）时，连同发货内容一起截",
            "平台能导出订单或发送订单邮件的，一并保存",
        ),
    ),
    "payment_record": Kind(
        ("支付流水号（交易单号）", "金额", "支付时间", "收款方名称"),
        (
            "在支付宝、微信或银行 App 的账单详情页截图，要看得到收款方全称和交易单号",
            "如支付 App 提供电子回单或交易流水证明，申请一份保存",
            "收款方名称是查找商家主体的重要线索，不要遮挡",
        ),
    ),
    "listing_claim": Kind(
        (
            "商品名称和描述",
            "宣传承诺原文（如“100%有效”“自动发货”“秒到账”“不成功包退”）",
            "店铺名或网址",
        ),
        (
            _NOW,
            "整页截图或录屏，电脑上让地址栏的网址一起入镜",
            "也可以把网页另存为文件，和截图一起保留",
        ),
    ),
    "failure_proof": Kind(
        ("出了什么问题", "问题出现的时间"),
        (_SCREEN, _ORIGINAL),
    ),
    "chat_log": Kind(
        (
            "客服的工号、昵称或 ID",
            "每条消息的日期和时间",
            "你提出的具体诉求",
            "对方的答复（拒绝、拖延或承诺）",
        ),
        (
            "从对话开头截到结尾，不要只挑对自己有利的几句；很长时用录屏",
            "让客服工号或昵称出现在截图里",
            "对方口头答应的事，请对方在聊天里书面确认一遍",
            "邮件保存原件（含发件时间和邮箱地址），不要只截正文",
        ),
        alternatives=("call_recording",),
    ),
    "call_recording": Kind(
        ("通话日期和时间", "对方身份（工号或姓名）", "对方的承诺或拒绝原话"),
        (
            "保留原始录音文件，不要剪辑",
            "记下对方号码和通话时间",
            "通话后在聊天或邮件里把对方的说法复述一遍，请对方确认",
        ),
    ),
    "promise_record": Kind(
        ("承诺做什么（补发、退款）", "承诺的期限（具体日期或几小时内）", "作出承诺的客服工号"),
        (
            "口头承诺不算数的风险很大：请对方在聊天里写明，例如“请确认：10月3日18时前补发1张有效卡密”",
            _SCREEN,
        ),
    ),
    "platform_rules": Kind(
        ("规则名称（如《用户协议》《售后规则》）", "和你诉求有关的条款原文", "截图日期"),
        (
            "规则可能被修改：截图并记下日期，能另存网页更好",
            "对“虚拟商品一律不退”“最终解释权归本站”这类条款也要截下来，它们可能无效",
        ),
    ),
    "complaint_receipt": Kind(
        ("投诉单号或工单号", "提交时间", "投诉内容", "处理状态"),
        (
            "提交投诉后立即截图回执页",
            "邮件投诉保存“已发送”里的原件",
            "12315 提交后记下投诉编号，之后凭编号查询进度",
        ),
    ),
    "merchant_registration": Kind(
        ("公司或个体户全称", "统一社会信用代码", "住所或经营地址", "网站备案号（ICP 备案）"),
        (
            "在网站底部找营业执照和备案号，截图",
            "到国家企业信用信息公示系统（https://www.gsxt.gov.cn/）按名称查询并截图",
            "支付记录里的收款方全称也能用来查主体",
        ),
    ),
    "supplier_info": Kind(
        ("上游供应商名称或联系方式", "商家让你“自己找上游”的原话"),
        (
            "商家把责任推给上游时，截图保存其说法",
            "你的合同对方是卖给你的商家，不必自己去找上游",
        ),
    ),
}

if set(KINDS) != set(EVIDENCE_KINDS):  # pragma: no cover - guards the vocabulary contract
    raise RuntimeError("evidence kinds out of sync with case.EVIDENCE_KINDS")


def _spec(problem: str) -> dict:
    """The problem's evidence needs and chain, from content/problems.toml."""
    return knowledge.problem(problem)


THREE_QUALITIES: tuple[dict[str, str], ...] = (
    {
        "name": "真实性",
        "hint": "保留原始截图、录屏和原始文件，不要 PS、裁剪或涂改；截图时让时间露出来。"
        "需要遮挡隐私时另存一份，原件留底备查。",
    },
    {
        "name": "关联性",
        "hint": "每份材料都要能和这笔订单对上：订单号、金额、时间、账号前后一致；"
        "与本订单无关的截图不要放进去。",
    },
    {
        "name": "完整性",
        "hint": "从下单、付款、发货、发现问题、联系客服到投诉，按时间顺序一环不缺；"
        "聊天记录完整截取，不要只截对自己有利的几句。",
    },
)


def _item(need: dict) -> dict:
    kind = KINDS[need["kind"]]
    return {
        "kind": need["kind"],
        "title": EVIDENCE_KINDS[need["kind"]],
        "must_show": list(need.get("must_show") or kind.must_show),
        "how": list(need.get("how", ())) + list(kind.how),
        "required": need["required"],
    }


def checklist(problem: str) -> dict:
    """The evidence checklist for a problem type (KeyError for an unknown one)."""
    spec = _spec(problem)
    return {
        "problem": problem,
        "label": PROBLEMS[problem],
        "items": [_item(need) for need in spec["evidence"]],
        "chain": [
            {"link": link["link"], "kinds": list(link["kinds"]), "need": link["need"]}
            for link in spec["chain"]
        ],
        "hints": [dict(h) for h in THREE_QUALITIES],
    }


def _held(case: dict) -> set[str]:
    return {item["kind"] for item in case["evidence"] if item["have"]}


def assess(case: dict) -> dict:
    """Which required evidence a normalised case lacks and whether the chain is closed."""
    spec = _spec(case["problem"])
    held = _held(case)
    missing = [
        need["kind"]
        for need in spec["evidence"]
        if need["required"]
        and need["kind"] not in held
        and not held.intersection(KINDS[need["kind"]].alternatives)
    ]
    chain = [
        {
            "link": link["link"],
            "kinds": list(link["kinds"]),
            "ok": bool(held.intersection(link["kinds"])),
            "need": link["need"],
        }
        for link in spec["chain"]
    ]
    open_links = [c for c in chain if not c["ok"]]
    gap = None
    if open_links:
        names = "、".join(f"“{c['link']}”" for c in open_links)
        needs = "；".join(c["need"] for c in open_links)
        gap = f"证据链在{names}处断开。请补充：{needs}。"
    return {
        "missing": missing,
        "missing_titles": [EVIDENCE_KINDS[k] for k in missing],
        "chain_complete": not open_links,
        "chain": chain,
        "gap": gap,
    }
