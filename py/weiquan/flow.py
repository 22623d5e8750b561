"""Where a case stands and what to do next, each step with the reason in plain Chinese.

The order follows what works for a consumer with little money at stake: close the
evidence chain, complain to the platform in writing, escalate to third parties when the
platform refuses or lets its deadline pass, and go to law when the amount is large, fraud is
suspected, the shop has vanished or the other routes have failed.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from weiquan import claims, deadlines, evidence, grounds, knowledge, timeline
from weiquan.case import CHANNELS, MARKETPLACES, PAID_VIA, VERBAL_CHANNELS, format_money, money
from weiquan.deadlines import PLATFORM_CHANNELS, ChannelStatus, channel_status
from weiquan.zhformat import date_zh, moment_zh, when_zh

STAGES: dict[str, str] = {
    "evidence": "收集证据",
    "platform": "平台投诉",
    "third_party": "第三方介入",
    "legal": "法律途径",
}
STEP_IDS = knowledge.STEP_IDS
STEP_STAGE = {
    "report-police": "third_party",
    "sue-court": "legal",
    "collect-evidence": "evidence",
    "complain-platform": "platform",
    "send-termination-notice": "platform",
    "escalate-marketplace": "third_party",
    "dispute-payment": "third_party",
    "complain-12315": "third_party",
    "contact-association": "third_party",
    "consult-lawyer": "legal",
    "sue-small-claims": "legal",
}
LEGAL_AMOUNT = Decimal("5000")
ON_MARKETPLACE = tuple(k for k in MARKETPLACES if k != "none")
GSXT = "国家企业信用信息公示系统（https://www.gsxt.gov.cn/）"


def _step(ident: str, title: str, why: str, rules: list[str], **extra) -> dict:
    step = {"id": ident, "title": title, "why": why, "stage": STEP_STAGE[ident], "rules": rules}
    step.update({k: v for k, v in extra.items() if v not in (None, [], "")})
    return step


def claim_amount(case: dict) -> Decimal | None:
    """What the consumer asks for in money: every money claim of the pleading (3× damages
    included when demanded); with no demands at all, the price as an estimate."""
    if not case["demands"]:
        return money(case["order"]["amount"])
    return claims.money_total(claims.pleading(case))


def _supplier_excuse(case: dict) -> bool:
    texts = [case["facts"], *(c["summary"] for c in case["contacts"])]
    return any(e["kind"] == "supplier_info" for e in case["evidence"]) or any(
        "上游" in t for t in texts
    )


# ------------------------------------------------------------------ individual steps


def _payments_summary(case: dict) -> str:
    """ "你一共付款N笔、合计X元" for several payments, else ""."""
    payments = case["order"]["payments"]
    if len(payments) < 2:
        return ""
    total = sum((money(p["amount"]) or Decimal("0") for p in payments), Decimal("0"))
    return f"你一共付款{len(payments)}笔、合计{format_money(total)}元，"


def _paid_channels(case: dict) -> list[str]:
    """Every way the person paid, in the order of the payments (the order's own if none)."""
    ways = [p["paid_via"] for p in case["order"]["payments"] if p["paid_via"]]
    return list(dict.fromkeys(ways or [case["order"]["paid_via"]]))


def _police(case: dict) -> dict:
    why = (
        "你标记了“怀疑欺诈”，对方又不是登记的经营者、收钱后没有交付：这时第一步是报警，"
        "而不是向对方投诉。立即拨打110，或拨打96110反诈专线；带上付款记录、聊天记录和对方的"
        "账号、网址，到派出所报案，请求出具受案回执。"
        + _payments_summary(case)
        + "报案时逐笔列明每笔付款的时间、金额和交易单号。"
        "同时：马上停止付款——以“保证金”“解冻费”“升级通道”等名义继续要钱的，都是同一个骗局；"
        "尽快联系付款银行，或在支付App里联系客服说明被骗，请求对收款账户紧急止付、冻结。"
        "警惕自称能“追回损失”“内部渠道退款”的人或机构，他们往往是第二次诈骗，不要再付任何费用。"
        "报案后在“联系记录”里登记一条（对象选“公安机关”），写上受案回执号。"
    )
    return _step(
        "report-police",
        "立即报警，并申请紧急止付",
        why,
        knowledge.refs("police"),
        how=[
            "拨打110报警，或拨打96110反诈专线咨询",
            "到派出所报案：带身份证、付款记录、聊天记录、对方账号和网址，要求出具受案回执",
            "联系付款银行或在支付App里找客服，说明被骗，请求紧急止付、冻结收款账户",
        ],
        letter="police-report",
    )


def _collect(case: dict, assessed: dict) -> dict:
    parts = []
    if assessed["gap"]:
        parts.append(assessed["gap"])
    if assessed["missing_titles"]:
        parts.append("还缺：" + "、".join(assessed["missing_titles"]) + "。")
    parts.append(
        "投诉和起诉时，处理人员只能看你交上去的材料：证据要能证明“订单—支付—商品—问题”"
        "每一环。拿不到的记录（如商家后台的发货记录），可以在投诉中要求商家提供："
        "在电子商务争议处理中，经营者应当提供原始合同和交易记录；因其丢失、伪造、篡改、销毁、"
        "隐匿或者拒绝提供，致使争议事实无法查明的，经营者要承担相应的法律责任（电子商务法第六十二条）。"
    )
    checklist = {item["kind"]: item for item in evidence.checklist(case["problem"])["items"]}
    how = [
        f"{checklist[k]['title']}：要看得到{'、'.join(checklist[k]['must_show'])}"
        for k in assessed["missing"]
    ]
    return _step(
        "collect-evidence",
        "补齐证据",
        "".join(parts),
        knowledge.refs("evidence_records"),
        how=how,
        letter="evidence-list",
    )


def _demand_example(case: dict) -> str:
    """The user's own demand as a concrete phrase, or a generic example."""
    asks = []
    for demand in case["demands"]:
        if demand["kind"] == "refund" and (demand["amount"] or case["order"]["amount"]):
            asks.append(f"“退款{demand['amount'] or case['order']['amount']}元”")
        elif demand["kind"] == "reissue" and demand["quantity"]:
            asks.append(f"“补发{demand['quantity']}张有效卡密”")
    return "、".join(asks) if asks else "“退款300.00元”或“补发1张有效卡密”"


def _platform(case: dict, status: ChannelStatus, window: dict | None) -> dict:
    basis = knowledge.problem(case["problem"])["basis"]
    if status.state == "pending":
        contact = case["contacts"][status.index]
        sent = f"于{when_zh(contact['at'])}" if contact["at"] else "（未填时间）"
        if status.due is not None:
            due_text = moment_zh(status.due, status.due_has_time)
            wait = f"到{due_text}仍没有答复或没有兑现承诺，就可以升级投诉。"
        else:
            wait = "请补上投诉时间，才能算出什么时候可以升级。"
        why = (
            f"你已{sent}向商家投诉，现在等待答复。{wait}"
            "等待期间保存所有往来记录；客服口头答应的事，请对方在聊天里写明期限。"
        )
        return _step(
            "complain-platform",
            "跟进对商家的投诉",
            why,
            knowledge.refs("complaint_channel"),
            due=status.due.date().isoformat() if status.due else None,
            letter="platform-ticket",
        )
    if knowledge.shape(case) == "private":
        why = (
            "卖家是个人，没有平台可以投诉：先用能留下记录的方式（微信、QQ消息，或短信）向卖家本人"
            "书面提出要求，写清订单内容、付款时间和金额、问题，以及你的诉求，"
            f"例如{_demand_example(case)}，并给出答复期限；截图保存对方是否已读和回复。"
            "对方拒绝或到期不处理的，下一步是向法院起诉。"
        )
        return _step("complain-platform", "向卖家书面提出要求", why, [], letter="platform-ticket")
    informal = [c for c in case["contacts"] if c["channel"] in VERBAL_CHANNELS]
    prefix = "你和客服沟通过，但还没有留下正式投诉记录。" if informal else ""
    why = (
        prefix + "先向商家本身正式投诉：成本最低、往往最快，商家有义务提供便捷有效的投诉渠道"
        "（电子商务法第五十九条）；投诉单号也是之后升级时证明“已先协商”的凭证。"
        + basis
        + f"诉求要具体，例如{_demand_example(case)}，并给出答复期限。"
    )
    how = [
        "订单页的“投诉／售后”入口：字数有限，写清订单号、问题和诉求",
        "客服工单：标题写明“投诉”，以免被当作普通咨询",
        "投诉邮箱：正文写清时间、订单号、问题、依据和诉求，附上证据截图",
    ]
    due = window["date"] if window and window["status"] == "upcoming" else None
    return _step(
        "complain-platform",
        "向商家正式投诉",
        why,
        knowledge.refs("complaint_channel"),
        due=due,
        how=how,
        letter="platform-ticket",
    )


def _termination(case: dict, period: deadlines.CurePeriod) -> dict:
    due = period.end.isoformat()
    if period.sent:
        why = (
            f"你已于{date_zh(period.start)}发出催告及解除合同通知，履行期限到{date_zh(period.end)}。"
            "到期对方仍不履行的，合同自期限届满时解除（民法典第五百六十五条），你可以要求退还货款"
            "并追究违约责任（第五百六十六条）；投诉和起诉时附上这份通知及送达记录。"
        )
        return _step(
            "send-termination-notice",
            "等待催告期限届满",
            why,
            knowledge.refs("termination_notice"),
            due=due,
            letter="termination-notice",
        )
    what = "交付" if not knowledge.problem(case["problem"])["delivered"] else "兑现承诺"
    why = (
        f"商家迟迟不{what}。法律给了你一个明确的办法：书面催告，给出合理的履行期限，并写明"
        "“到期仍不履行，合同即解除”。对方到期仍不履行的，你可以解除合同（民法典第五百六十三条），"
        "通知到达对方时生效，写明期限的则在期限届满时解除（第五百六十五条）；"
        "合同解除后，你要求退还货款就有了稳固的依据（第五百六十六条）。"
        "用能留下记录的方式发送（订单留言、客服工单、邮件），截图保存送达记录；"
        "发出后在“联系记录”里登记一条，摘要写明“催告”。"
    )
    return _step(
        "send-termination-notice",
        "发出催告及解除合同通知",
        why,
        knowledge.refs("termination_notice"),
        due=due,
        letter="termination-notice",
    )


def _platform_outcome(case: dict, status: ChannelStatus) -> str:
    """One sentence on how the platform complaint ended, to open an escalation step."""
    if status.state != "failed" or status.index is None:
        return ""
    contact = case["contacts"][status.index]
    sent = f"于{when_zh(contact['at'])}" if contact["at"] else ""
    ticket = f"（单号{contact['ticket']}）" if contact["ticket"] else ""
    channel = CHANNELS[contact["channel"]]
    return f"你{sent}通过{channel}{ticket}联系商家，结果：{status.reason}。"


def _marketplace(case: dict, status: ChannelStatus, platform: ChannelStatus) -> dict:
    name = MARKETPLACES[case["merchant"]["marketplace"]]
    if status.state == "pending":
        due_text = moment_zh(status.due, status.due_has_time) if status.due else ""
        why = f"你已申请{name}介入，正在等待处理。" + (
            f"到{due_text}仍无结果，可以继续向12315投诉。" if due_text else ""
        )
        return _step(
            "escalate-marketplace",
            f"跟进{name}平台介入",
            why,
            knowledge.refs("marketplace_help"),
            due=status.due.date().isoformat() if status.due else None,
            letter="marketplace",
        )
    proof = (
        "商家已经失联，失联的截图就是“投诉无果”的证明。"
        if case["problem"] == "vanished"
        else "申请时附上“投诉商家无果”的凭证：投诉单号、客服拒绝或到期不回复的截图。"
    )
    why = (
        _platform_outcome(case, platform)
        + f"商家开在{name}上。平台应当积极协助消费者维权（电子商务法第六十一条）；平台知道或应当"
        "知道商家侵权却不采取必要措施的，要与商家承担连带责任（电子商务法第三十八条），"
        "平台说不出商家真实名称、地址和联系方式的，可以直接找平台赔偿（消费者权益保护法第四十四条）。"
        + proof
    )
    if case["merchant"]["marketplace"] == "xianyu":
        why += "闲鱼卖家常是个人，能否按“经营者”追责要看对方是否以此为业；但卖家收钱就要按约交付。"
    return _step(
        "escalate-marketplace",
        f"申请{name}平台介入",
        why,
        knowledge.refs("marketplace_liability"),
        how=[f"在{name}的订单详情里找“申请售后”“投诉商家”或“平台介入”入口，上传证据"],
        letter="marketplace",
    )


def _dispute(case: dict, vanished: bool, scam: bool) -> dict:
    ways = _paid_channels(case)
    if scam:
        names = "、".join(PAID_VIA.get(w, "付款渠道") for w in ways)
        why = (
            f"你是通过{names}付的款。在每个付款渠道的账单里找到每一笔付款，进入详情页的投诉入口，"
            "投诉类型选“涉嫌诈骗”（不要选普通交易纠纷），上传付款、聊天截图和报案回执；"
            "银行转账的，请打给付款银行说明被骗。支付平台可以核实并处置收款账户，"
            "你报警后公安机关也能据此查询、冻结。受理期限以各支付机构的规则为准，越早越好。"
            "付款记录里的收款方名称和账号，是报案和起诉的关键线索。"
        )
        return _step("dispute-payment", "在付款渠道按“涉嫌诈骗”投诉", why, [])
    paid_via = ways[0]
    titles = {
        "alipay": "向支付宝投诉收款方",
        "wechat": "向微信支付投诉商户",
        "bank": "联系付款银行",
        "platform_balance": "联系当初充值平台余额时用的付款渠道",
    }
    title = titles.get(paid_via, "联系付款渠道")
    channel = PAID_VIA.get(paid_via, "付款渠道") if paid_via != "platform_balance" else "付款渠道"
    reason = "商家已经跑路，" if vanished else "商家拒绝处理，"
    why = (
        reason + f"可以向{channel}投诉收款方：支付平台可以帮你核实收款方、转达并督促处理，"
        "有时能协调退款。"
        f"在{channel}的账单里找到这笔付款，进入详情页使用投诉入口，上传订单、付款和沟通截图。"
        "支付机构受理投诉一般有时间限制，以其规则为准，越早越好。"
    )
    if case["suspected_fraud"] or vanished:
        why += "付款记录里的收款方全称，也是查找商家主体和报案的关键线索。"
    return _step("dispute-payment", title, why, [])


def _regulator(case: dict, status: ChannelStatus, platform: ChannelStatus) -> dict:
    if status.state == "pending":
        due = status.due.date() if status.due else None
        why = (
            "你已向12315投诉。市场监管部门应当在收到投诉后七个工作日内处理并告知你"
            "（消费者权益保护法第四十六条）"
            + (f"，按工作日计算到{date_zh(due)}" if due else "")
            + "。可凭投诉编号在全国12315平台查询进度；逾期没有消息可以致电12315询问。"
        )
        return _step(
            "complain-12315",
            "跟进12315投诉",
            why,
            knowledge.refs("regulator_reply"),
            due=due.isoformat() if due else None,
            letter="12315",
        )
    merchant = case["merchant"]
    where = f"（你填写的商家地址：{merchant['address']}）" if merchant["address"] else ""
    on_market = merchant["marketplace"] in ON_MARKETPLACE
    jurisdiction = (
        "管辖（旧规定，供参考）：按原《市场监督管理投诉举报处理暂行办法》，投诉由商家实际经营地或"
        f"住所地的县级市场监管部门处理{where}"
        + ("；商家开在电商平台上的，也可以由平台经营者住所地的部门处理" if on_market else "")
        + "。该办法已被2026年4月15日起施行的《市场监督管理投诉举报处理办法》"
        "（国家市场监督管理总局令第121号）取代，新办法的规定请以官方最新文本为准。"
    )
    why = (
        _platform_outcome(case, platform)
        + (
            "商家跑路后仍可以投诉它的经营主体：查到公司名称和地址，就能向市场监督管理部门投诉"
            if case["problem"] == "vanished"
            else "向商家投诉没有结果时，可以向市场监督管理部门投诉"
        )
        + "，这是法律明确的解决途径之一"
        "（消费者权益保护法第三十九条）。通过全国12315平台（网站、App 或小程序）提交；"
        "部门应在收到投诉后七个工作日内处理并告知你（第四十六条）。"
        "投诉里写清：你的姓名、电话、地址，商家名称和地址，具体诉求，以及事实经过并附证据；"
        "和向商家投诉时的说法、诉求保持一致。"
    )
    return _step(
        "complain-12315",
        "向12315投诉（市场监督管理部门）",
        why,
        knowledge.refs("regulator_route"),
        jurisdiction=jurisdiction,
        how=[
            "全国12315平台：https://www.12315.cn/",
            "选择“网络购物”类投诉，上传订单、付款、问题和沟通截图",
        ],
        letter="12315",
    )


def _association(case: dict, status: ChannelStatus) -> dict:
    rules = knowledge.refs("mediation")
    if status.state == "pending":
        return _step(
            "contact-association",
            "跟进消费者协会调解",
            "你已请消费者协会调解，等待其联系商家。调解不成，可以走诉讼。",
            rules,
            due=status.due.date().isoformat() if status.due else None,
            letter="association",
        )
    return _step(
        "contact-association",
        "请消费者协会调解",
        "请消费者协会或者依法成立的其他调解组织调解，是法律列明的解决途径之一"
        "（消费者权益保护法第三十九条）；是否收费、怎样申请，以当地消协的说明为准。也可以向相关"
        "行业协会反映。调解没有强制力，适合与12315并行或作为补充；调解不成仍可以起诉。",
        rules,
        letter="association",
    )


def _legal_reasons(case: dict, third_failed: list[str]) -> list[tuple[str, list[str]]]:
    reasons: list[tuple[str, list[str]]] = []
    amount = money(case["order"]["amount"])
    if amount is not None and amount > LEGAL_AMOUNT:
        reasons.append((f"订单金额{amount}元，超过5000元，值得请专业人士评估。", []))
    if knowledge.shape(case) == "scam":
        reasons.append(
            (
                "对方涉嫌诈骗：报案后，刑事程序追回的赃款不一定能全额退还，你也可以民事起诉要求"
                "返还款项。对方是不是经营者不明，消费者权益保护法的三倍赔偿以对方是经营者为前提，"
                "请律师结合证据判断；受欺诈订立的合同还可以请求撤销，有一年期限（见“期限”）。",
                [],
            )
        )
    elif case["suspected_fraud"]:
        reasons.append(
            (
                "你怀疑商家欺诈：经营者有欺诈行为的，可以要求增加赔偿所付价款的三倍、最低500元"
                "（消费者权益保护法第五十五条）；哪些行为算欺诈，可对照《侵害消费者权益行为处罚办法》"
                "第十六条。是否构成欺诈要靠证据，请律师帮你判断；决定主张的，在诉求里加一项"
                "“赔偿”并注明“价款三倍”，起诉状才会写上这项请求。",
                knowledge.refs("fraud_suggestion"),
            )
        )
    if case["problem"] == "vanished":
        reasons.append(
            (
                "商家已经跑路：需要查清收款方和经营主体，才知道向谁追偿。"
                "如果对方是有预谋地收钱后消失，可以向公安机关报案；普通的不发货、不退款纠纷，"
                "一般通过投诉和民事诉讼解决。",
                [],
            )
        )
    if third_failed:
        reasons.append((f"{'、'.join(third_failed)}都没有结果。", []))
    return reasons


def _lawyer(case: dict, reasons: list[tuple[str, list[str]]], claim, limit) -> dict:
    rules: list[str] = []
    for _, ids in reasons:
        rules += ids
    why = "".join(text for text, _ in reasons)
    why += (
        f"准备：在{GSXT}按名称查询商家全称、统一社会信用代码和住所并截图，投诉和起诉都要用到。"
        "不少地方有免费的法律援助和律师咨询，可拨打12348公共法律服务热线。"
    )
    if limit is not None and claim is not None and claim > limit:
        why += (
            f"你的请求金额{claim}元超过你填写的小额诉讼标准{limit}元，不能依法适用小额诉讼程序，"
            "可以按普通程序起诉；不超过本省上年度就业人员年平均工资二倍（即你填写数额的四倍，"
            f"{limit * 4}元）的，双方当事人可以约定适用小额诉讼程序（民事诉讼法第一百六十五条）。"
        )
        rules += knowledge.refs("small_claims_scope")
    if _supplier_excuse(case):
        why += (
            "商家把责任推给上游供应商的，不影响它对你的责任：因第三人原因违约，仍应向你承担违约"
            "责任（民法典第五百九十三条，请以官方最新文本为准）。"
        )
        rules += knowledge.refs("third_party_breach")
    return _step(
        "consult-lawyer",
        "咨询律师，查清商家主体",
        why,
        list(dict.fromkeys(rules)),
        letter="lawyer-brief",
        links=[GSXT],
    )


def _small_claims(
    case: dict, claim: Decimal, limit: Decimal, vanished: bool, individual: bool
) -> dict:
    why = (
        f"你的诉讼请求都是金钱给付，合计{claim}元，不超过你填写的本省小额诉讼标准{limit}元："
        "基层法院审理这类简单案件依法适用小额诉讼程序，一审终审，一般在立案后两个月内审结"
        "（民事诉讼法第一百六十五条、第一百六十八条）。"
        "网上下单、网上交付的，可以向你住所地的法院起诉（民诉法解释第二十条），"
        "也可以向对方住所地的法院起诉（民事诉讼法第二十四条）。受理费：一万元以下的财产案件"
        "每件五十元（诉讼费用交纳办法第十三条）；适用简易程序的减半交纳（第十六条），"
        "小额诉讼是否同样减半请以法院收费为准。起诉状要写明双方信息、诉讼请求、事实和理由、"
        "证据及来源（民事诉讼法第一百二十四条）。"
    )
    rules = knowledge.refs("small_claims")
    if vanished:
        why += (
            "注意：一方当事人下落不明的案件不适用小额诉讼程序（民事诉讼法第一百六十六条）；"
            "如果法院找不到商家，可能要改按普通程序审理。"
        )
        rules += knowledge.refs("small_claims_absent_party")
    if individual:
        why += _IDENTITY_HINT
    return _step(
        "sue-small-claims",
        "向法院提起小额诉讼",
        why,
        list(dict.fromkeys(rules)),
        letter="civil-complaint",
    )


_IDENTITY_HINT = (
    "对方是个人：起诉状要写明其姓名、性别、出生日期、住址和身份证号，知道多少写多少。"
    "起诉需要有明确的被告；只知道微信号、QQ号或收款账号的，可以在立案时说明情况，申请法院"
    "（或由法院出具调查令）向平台、支付机构调取对方的实名信息；各地法院做法不一，以立案窗口的要求为准。"
)


def _court(case: dict, claim: Decimal | None, limit: Decimal | None, individual: bool) -> dict:
    if limit is None:
        why = (
            "对方拒绝处理，可以向法院起诉。请求全部是金钱给付、金额不超过本省上年度就业人员"
            "年平均工资50%的，依法适用小额诉讼程序（民事诉讼法第一百六十五条）：请查到本省的数字"
            "填入“小额诉讼标准”，本应用会告诉你能否适用；不能适用的按普通程序（简易程序）审理。"
        )
    elif claim is None:
        why = (
            "你的诉讼请求里有不是金钱给付的内容（如补发、交付），不能适用小额诉讼程序"
            "（民事诉讼法第一百六十五条），可以按普通程序起诉，基层法院一般适用简易程序审理。"
        )
    else:
        why = (
            f"你的请求金额{claim}元超过你填写的小额诉讼标准{limit}元，不能依法适用小额诉讼程序，"
            "可以按普通程序起诉，基层法院一般适用简易程序审理；不超过该数额四倍的，双方当事人"
            "可以约定适用小额诉讼程序（民事诉讼法第一百六十五条）。"
        )
    why += (
        "网上下单、网上交付的，可以向你住所地的法院起诉（民诉法解释第二十条），也可以向对方"
        "住所地的法院起诉（民事诉讼法第二十四条）。起诉状要写明双方信息、诉讼请求、事实和理由、"
        "证据及来源（民事诉讼法第一百二十四条）。"
    )
    if individual:
        why += _IDENTITY_HINT
    rules = knowledge.refs("small_claims_scope") + knowledge.refs("court")
    return _step(
        "sue-court",
        "向法院起诉",
        why,
        list(dict.fromkeys(rules)),
        letter="civil-complaint",
    )


# ------------------------------------------------------------------ missing fields


def _missing(field: str, message: str, rules: list[str] | None = None) -> dict:
    warning = {"code": "missing-field", "field": field, "message": message}
    if rules:
        warning["rules"] = rules
    return warning


def _missing_fields(case: dict, step_ids: set[str], legal: bool) -> list[dict]:
    order, merchant, consumer = case["order"], case["merchant"], case["consumer"]
    found = []
    if not order["problem_found_at"]:
        found.append(
            _missing(
                "case.order.problem_found_at",
                "请填写发现问题的时间：投诉期限和三年诉讼时效都从这天算。",
            )
        )
    if not order["amount"]:
        found.append(
            _missing("case.order.amount", "请填写订单金额：投诉诉求和能否走小额诉讼都要用到。")
        )
    if not order["id"]:
        found.append(
            _missing("case.order.id", "请填写订单号：每份证据都要能和订单号对上（关联性）。")
        )
    if not merchant["name"]:
        found.append(
            _missing("case.merchant.name", "请填写商家或店铺名称：投诉信和12315都要写明被投诉方。")
        )
    if not merchant["marketplace"]:
        found.append(
            _missing(
                "case.merchant.marketplace",
                "请选择商家开在哪个平台（都不是就选“独立网站”）：决定能否申请电商平台介入。",
            )
        )
    if not case["demands"]:
        found.append(
            _missing(
                "case.demands",
                "请写明诉求，例如“退款300.00元”或“补发1张有效卡密”：诉求具体，对方才好处理。",
            )
        )
    for i, contact in enumerate(case["contacts"]):
        if not contact["at"]:
            found.append(
                _missing(
                    f"case.contacts[{i}].at", "请填写这次联系的时间：没有时间就算不出答复期限。"
                )
            )
        if contact["outcome"] == "promised" and not contact["promise_due"]:
            found.append(
                _missing(
                    f"case.contacts[{i}].promise_due",
                    "对方答应处理却没说期限：请对方确认具体日期，并填在这里。",
                )
            )
    if "dispute-payment" in step_ids and not order["paid_via"]:
        found.append(_missing("case.order.paid_via", "请选择付款方式：决定向哪个支付渠道投诉。"))
    if "complain-12315" in step_ids:
        for field, value, label in (
            ("case.consumer.name", consumer["name"], "你的姓名"),
            ("case.consumer.phone", consumer["phone"], "你的电话"),
            ("case.consumer.address", consumer["address"], "你的地址"),
            ("case.merchant.address", merchant["address"], "商家地址"),
        ):
            if not value:
                found.append(
                    _missing(
                        field, f"12315投诉需要写明{label}（旧规定，供参考；以12315平台表单为准）。"
                    )
                )
    if legal and merchant["kind"] == "individual":
        if not merchant["legal_name"] or not merchant["address"]:
            found.append(
                _missing(
                    "case.merchant.legal_name",
                    "起诉个人卖家要写明其真实姓名和住址（还有性别、出生日期、身份证号，知道多少写多少）。"
                    "转账记录里常能看到对方实名的一部分；只知道微信号、QQ号或收款账号的，可以在立案时"
                    "申请法院向平台或支付机构调取对方的实名信息。",
                )
            )
    elif legal and not merchant["credit_code"] and not merchant["address"]:
        found.append(
            _missing(
                "case.merchant.credit_code",
                f"起诉需要写明被告的准确信息：请在{GSXT}查到商家的统一社会信用代码和住所。",
            )
        )
    if legal and not case["small_claims_limit"]:
        found.append(
            _missing(
                "case.small_claims_limit",
                "能否走小额诉讼，取决于本省上一年度就业人员年平均工资的50%（民事诉讼法第一百六十五条）。"
                "这个数每年变化，本应用不内置各省数字：请在本省高级人民法院或统计部门公布的数据中"
                "查到后填入“小额诉讼标准”。",
                knowledge.refs("small_claims_scope"),
            )
        )
    return found


# ------------------------------------------------------------------ the plan


def _contacted(case: dict, channel: str) -> bool:
    return any(timeline.belongs(c, (channel,)) for c in case["contacts"])


def plan(case: dict, today: date) -> dict:
    """Stage, next steps (with why/due/rules) and flow warnings for a normalised case.

    Which steps fit the other side, and in what order, is the route of the case's shape in
    problems.toml (knowledge.route); here each step gets its condition.
    """
    assessed = evidence.assess(case)
    entries = deadlines.compute(case, today)
    window = next((e for e in entries if e["id"] == "platform-window"), None)
    vanished = case["problem"] == "vanished"
    marketplace = case["merchant"]["marketplace"]
    shape = knowledge.shape(case)
    route = knowledge.route(case)
    scam = shape == "scam"
    individual = case["merchant"]["kind"] == "individual"

    platform = channel_status(case, PLATFORM_CHANNELS, today)
    market = channel_status(case, ("marketplace",), today)
    regulator = channel_status(case, ("12315",), today)
    association = channel_status(case, ("association",), today)
    payment = channel_status(case, ("payment",), today)
    police = channel_status(case, ("police",), today)
    lawyer_done = _contacted(case, "lawyer")
    court_done = _contacted(case, "court")

    third_failed = [
        name
        for name, status in (
            ("电商平台介入", market),
            ("12315投诉", regulator),
            ("消协调解", association),
        )
        if status.state == "failed"
    ]
    escalate = vanished or platform.state == "failed" or market.state == "failed"
    amount_claim = claim_amount(case)
    limit = money(case["small_claims_limit"])
    money_claim = claims.money_total(claims.pleading(case))
    reasons = _legal_reasons(case, third_failed)
    # A private seller who refused (or let a promise lapse) can only be made to pay by a
    # court: no regulator or association acts on a private person.
    merchant_failed = platform.state == "failed" or market.state == "failed"
    to_court = shape in ("private", "private_marketplace") and merchant_failed
    # A refused refund within the small-claims figure: the court is cheap and final, so it
    # is offered next to the third parties, not only after they failed.
    small_refusal = (
        merchant_failed
        and not scam
        and limit is not None
        and money_claim is not None
        and money_claim <= limit
        and any(d["kind"] == "refund" for d in case["demands"])
    )
    legal = bool(reasons) or lawyer_done or court_done or to_court or small_refusal
    resolved = _resolved(case)

    steps: list[dict] = []
    need_evidence = not assessed["chain_complete"] or bool(assessed["missing"])
    if scam and police.state == "none" and not resolved:
        steps.append(_police(case))
    if need_evidence and not resolved:
        steps.append(_collect(case, assessed))
    if not resolved:
        if not vanished and platform.state in ("none", "pending"):
            steps.append(_platform(case, platform, window))

        # A route opens when escalation is due; one the user already took is followed up
        # while it is pending, whatever the platform is doing.
        escalation: list[dict] = []
        on_market = marketplace in ON_MARKETPLACE
        if market.state == "pending" or (escalate and on_market and market.state == "none"):
            escalation.append(_marketplace(case, market, platform))
        merchant_refuses = platform.state == "failed" or case["problem"] == "refund_refused"
        paid_via = case["order"]["paid_via"]
        # A complaint already logged with the payment channel counts as taken.
        if payment.state == "none" and (
            scam or vanished or (paid_via in ("alipay", "wechat") and merchant_refuses)
        ):
            escalation.append(_dispute(case, vanished, scam))
        if regulator.state == "pending" or (escalate and regulator.state == "none"):
            escalation.append(_regulator(case, regulator, platform))
        # The 催告 sits with the platform complaint while that is open; once escalation is
        # under way it follows the escalation routes, so it never pulls the stage back.
        cure = deadlines.cure_period(case, today)
        if cure is not None and not court_done:
            step = _termination(case, cure)
            if platform.state in ("none", "pending") and not vanished:
                step["_phase"] = "open"
            steps.append(step)
        # Mediation needs a counterpart (not a vanished shop) and is moot once in court.
        if not court_done and (
            association.state == "pending"
            or (escalate and not vanished and association.state == "none")
        ):
            steps.append(_association(case, association))
        if reasons and not lawyer_done and not court_done:
            steps.append(_lawyer(case, reasons, amount_claim, limit))
        if legal and not court_done:
            if limit is not None and money_claim is not None and money_claim <= limit:
                steps.append(_small_claims(case, money_claim, limit, vanished, individual))
            elif to_court or (limit is not None and not scam):
                steps.append(_court(case, money_claim, limit, individual))
        steps += escalation

    # The route (problems.toml) decides which steps fit and their order.
    steps = _in_route_order(steps, route, bool(third_failed) and regulator.state != "pending")
    for step in steps:
        _attach_grounds(case, step, today)
    step_ids = {s["id"] for s in steps}
    if need_evidence:
        stage = "evidence"
    elif steps:
        stage = steps[0]["stage"]
    else:
        stage = _stage_from_contacts(case)
    warnings = _missing_fields(case, step_ids, legal)
    shown, passed = deadlines.split_warnings(entries)
    return {
        "stage": stage,
        "stage_label": STAGES[stage],
        "next_steps": steps,
        "resolved": resolved,
        "channels": {
            "platform": platform.state,
            "marketplace": market.state,
            "12315": regulator.state,
            "association": association.state,
            "payment": payment.state,
            "police": police.state,
        },
        "evidence": assessed,
        "deadlines": shown,
        "warnings": warnings + passed,
    }


def _in_route_order(steps: list[dict], route: dict, third_failed: bool) -> list[dict]:
    """The steps that fit the route, in its order; with law_first and third parties failed,
    the legal steps come right after those that open the complaint."""
    entries = route["steps"]
    fits = {entry.partition("@")[0] for entry in entries}

    def place(step: dict) -> int:
        tagged = f"{step['id']}@{step.pop('_phase', '')}"
        return entries.index(tagged if tagged in entries else step["id"])

    placed = sorted((place(s), i, s) for i, s in enumerate(steps) if s["id"] in fits)
    if not (route["law_first"] and third_failed):
        return [s for _, _, s in placed]
    opening = max((i for i, entry in enumerate(entries) if entry.endswith("@open")), default=-1)
    head = [s for p, _, s in placed if p <= opening]
    rest = [s for p, _, s in placed if p > opening]
    return (
        head
        + [s for s in rest if s["stage"] == "legal"]
        + [s for s in rest if s["stage"] != "legal"]
    )


def _attach_grounds(case: dict, step: dict, today: date) -> None:
    """The step's grounds, from the function its letter asks too, listed before its rules."""
    channel = grounds.STEP_CHANNEL.get(step["id"])
    if channel is None:
        return
    step["grounds"] = grounds.for_channel(case, channel, today)
    step["rules"] = list(dict.fromkeys([*step["grounds"], *step["rules"]]))


def _resolved(case: dict) -> bool:
    # A third party's "resolved" (the game operator lifted a ban) does not settle the
    # dispute with the seller.
    contacts = case["contacts"]
    order = [i for i in timeline.contact_order(contacts) if contacts[i]["party"] != "third_party"]
    return bool(order) and contacts[order[-1]]["outcome"] == "resolved"


def _stage_from_contacts(case: dict) -> str:
    parties = {c["party"] for c in case["contacts"]}
    if parties & {"lawyer", "court"}:
        return "legal"
    if parties & {"marketplace", "regulator", "association", "payment", "police"}:
        return "third_party"
    return "platform"
