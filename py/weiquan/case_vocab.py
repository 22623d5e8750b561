"""What each field of a case may hold: the vocabularies (id → Chinese label) of DESIGN.md's
case file. weiquan.case re-exports every name here; the shell renders them (weiquan.describe).
"""

from __future__ import annotations

PROBLEMS: dict[str, str] = {
    "invalid_key": "卡密无效",
    "not_delivered": "未发货",
    "late_reissue": "补单迟迟不到",
    "not_as_described": "货不对板",
    "refund_refused": "拒绝退款",
    "vanished": "平台跑路",
    "revoked": "到账后被追回或封号",
    "scammed": "付了钱被拉黑、联系不上，或被要求继续交钱",
    "service_ended": "服务或游戏提前终止，余额或会员没用完",
    "account_locked": "账号或余额被限制、冻结",
}
# Who sold: 消法 (and so 12315, 消协 and punitive damages) binds a 经营者; a private person
# selling now and then is usually not one, and is sued on the contract instead.
MERCHANT_KINDS: dict[str, str] = {
    "business": "公司或网店（经营者）",
    "individual": "个人卖家",
    "unknown": "还不清楚",
}
MARKETPLACES: dict[str, str] = {
    "none": "独立网站（不在电商平台上）",
    "taobao": "淘宝",
    "pinduoduo": "拼多多",
    "jd": "京东",
    "xianyu": "闲鱼",
    "other": "其他电商平台",
}
PAID_VIA: dict[str, str] = {
    "alipay": "支付宝",
    "wechat": "微信支付",
    "bank": "银行卡",
    "platform_balance": "平台余额",
    "other": "其他方式",
}
DEMAND_KINDS: dict[str, str] = {
    "refund": "退款",
    "reissue": "补发",
    "compensation": "赔偿",
    "apology": "赔礼道歉",
    "other": "其他",
}
CHANNELS: dict[str, str] = {
    "order_complaint": "订单内投诉",
    "ticket": "客服工单",
    "chat": "在线客服",
    "email": "投诉邮箱",
    "phone": "电话",
    "marketplace": "电商平台介入",
    "12315": "12315",
    "association": "消费者协会／行业协会",
    "lawyer": "律师",
    "court": "法院",
    "payment": "支付平台投诉",
    "police": "报警",
}
# Who a contact was with (v2); `channel` says how.
PARTIES: dict[str, str] = {
    "merchant": "商家（卖家）",
    "marketplace": "电商平台",
    "payment": "支付平台或银行",
    "regulator": "市场监管部门（12315）",
    "association": "消费者协会／行业协会",
    "police": "公安机关",
    "court": "法院",
    "lawyer": "律师",
    "third_party": "其他方（游戏运营方、发卡方等）",
}
# The party a contact was with when the file does not say: what a v1 channel meant.
CHANNEL_PARTY: dict[str, str] = {
    "marketplace": "marketplace",
    "12315": "regulator",
    "association": "association",
    "lawyer": "lawyer",
    "court": "court",
    "payment": "payment",
    "police": "police",
}
# What the user means to do with a shop clause they wrote down.
STANCES: dict[str, str] = {
    "supports": "对我有利，可以援引",
    "unfair": "不公平的格式条款，主张无效",
}
OUTCOMES: dict[str, str] = {
    "no_reply": "未答复",
    "refused": "拒绝",
    "promised": "承诺处理",
    "partial": "部分解决",
    "agreed": "同意处理，还没办",
    "resolved": "已解决",
}
EVIDENCE_KINDS: dict[str, str] = {
    "order_record": "订单记录",
    "payment_record": "支付记录",
    "listing_claim": "商品页面与宣传承诺",
    "failure_proof": "问题证明",
    "chat_log": "客服聊天记录",
    "call_recording": "通话录音",
    "promise_record": "处理承诺的书面记录",
    "platform_rules": "平台规则条款",
    "complaint_receipt": "投诉回执／单号",
    "merchant_registration": "商家主体信息",
    "supplier_info": "上游供应商信息",
}
# The situation's questions (DESIGN.md "Situation and theory"): each optional, "" = not said.
# Why the order was bought: 消法 protects 生活消费, not a purchase made to sell on at a profit.
ORDER_PURPOSES: dict[str, str] = {
    "personal": "自己用（或送人）",
    "resale": "买来转卖或代充赚钱",
}
# Who held the money after paying: it decides whether a payment complaint can reach anyone.
PAID_TO: dict[str, str] = {
    "marketplace": "在淘宝、拼多多、京东、闲鱼等平台里下单付款（钱先由平台代收）",
    "merchant": "扫商家的收款码或付到商家的收款账户",
    "person": "转账或发红包给个人",
    "aggregator": "付到第三方代收或聚合支付页面",
    "platform_balance": "用网站或游戏里的余额支付",
}
WHO: dict[str, str] = {
    "self": "我自己",
    "other": "别人",
}
YES_NO: dict[str, str] = {
    "yes": "是",
    "no": "不是",
}
DELIVERED: dict[str, str] = {
    "none": "什么都没收到",
    "part": "只收到一部分",
    "all": "全部收到了",
}
# How a shop that agreed to refund means to pay it back.
REFUND_OFFERS: dict[str, str] = {
    "original": "原路退回（退到付款的账户）",
    "site_balance": "只肯退到网站或游戏里的余额",
    "other": "其他方式",
}
# The 送达地址确认书: whether the consumer accepts service by electronic means.
E_SERVICE: dict[str, str] = {"yes": "同意电子送达", "no": "不同意电子送达"}
# Every vocabulary of the case file with its Chinese labels, for the shell to render.
VOCABULARIES: dict[str, dict[str, str]] = {
    "problems": PROBLEMS,
    "merchant_kinds": MERCHANT_KINDS,
    "marketplaces": MARKETPLACES,
    "paid_via": PAID_VIA,
    "demand_kinds": DEMAND_KINDS,
    "channels": CHANNELS,
    "parties": PARTIES,
    "outcomes": OUTCOMES,
    "evidence_kinds": EVIDENCE_KINDS,
    "stances": STANCES,
    "order_purposes": ORDER_PURPOSES,
    "paid_to": PAID_TO,
    "who": WHO,
    "yes_no": YES_NO,
    "delivered": DELIVERED,
    "refund_offers": REFUND_OFFERS,
    "e_service": E_SERVICE,
}

# Channels where what was said leaves no written trace: a promise made there needs confirming
# in writing (the intake shows a tip).
VERBAL_CHANNELS: tuple[str, ...] = ("phone", "chat")
# Of those, the ones that leave nothing in writing: a chat log is itself a written record of a
# promise, a call is not. Only a promise made here is asked to be confirmed in writing.
UNWRITTEN_CHANNELS: tuple[str, ...] = ("phone",)


def party_of_channel(channel: object) -> str:
    """Who a contact was with when the file does not say: what the channel meant in v1
    (12315 → regulator, …); a shop channel (chat, ticket, phone…) meant the merchant."""
    return CHANNEL_PARTY.get(channel, "merchant") if isinstance(channel, str) else "merchant"
