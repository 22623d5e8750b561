"""The case file: loading, schema migration, validation and normalisation.

A case file is JSON: {"format": "weiquan-case", "version": 2, "case": {...}} (see DESIGN.md,
"Case file" and "Version 2"). Version 1 files are upgraded by `migrate` (UPGRADES[1]).
Everything else in the core works on the *normalised* case: a plain dict in which every
documented key is present, money is a "300.00" string, times are local ISO-8601 without
offset, and anything the user did not say is "" (or None for numbers) — never guessed.

Validation collects every problem at once, each naming its field path
(`case.order.amount`, `case.contacts[2].at`) with a Chinese message saying what to fix.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from weiquan import clauses

FORMAT = "weiquan-case"
CURRENT_VERSION = 2

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
}

_SHORT = 300  # names, ids, tickets: one line
_LONG = 20_000  # facts, summaries: a few pages at most
_MAX_ITEMS = 500
_MAX_QUANTITY = 1_000_000
_MAX_DAYS = 36_500  # a hundred years: more is a typo
_DAYS_RE = re.compile(r"^\d+$")
CENT = Decimal("0.01")
_MONEY_RE = re.compile(r"^(\d+)(?:\.(\d+))?$")
_TIME_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
_OFFSET_RE = re.compile(r"(Z|[+-]\d{2}:?\d{2})$")
_MIN_YEAR, _MAX_YEAR = 2000, 2099


@dataclass(frozen=True)
class FieldError:
    field: str  # "case.order.amount"; "" when the whole file is wrong
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"field": self.field, "message": self.message}

    def __str__(self) -> str:
        return f"{self.field or '整个文件'}：{self.message}"


class CaseError(ValueError):
    """The case file cannot be used; `errors` lists every problem found."""

    def __init__(self, errors: list[FieldError]):
        self.errors = list(errors)
        super().__init__("\n".join(str(e) for e in self.errors))


# ---------------------------------------------------------------- money and time


def parse_money(value: object, field: str = "金额") -> Decimal:
    """A money string ("300", "300.5", "300.50") as an exact Decimal; ValueError in Chinese."""
    if isinstance(value, bool) or not isinstance(value, str):
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            raise ValueError(
                f'金额要写成带引号的文字，如 "{_hint_money(value)}"，'
                f"不能直接写数字 {value}（数字在传递中可能失去精度）"
            )
        raise ValueError('金额应为文字，如 "300.00"')
    text = value.strip()
    if text.startswith("-"):
        raise ValueError(f"金额“{text}”不能是负数")
    match = _MONEY_RE.match(text)
    if not match:
        raise ValueError(
            f'金额“{text}”格式不对：只写数字和小数点，如 "300.00"（不要带 ¥、元或逗号）'
        )
    if match.group(2) is not None and len(match.group(2)) > 2:
        raise ValueError(f"金额“{text}”最多两位小数（元、角、分）")
    try:
        amount = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the regex already guarantees digits
        raise ValueError(f"金额“{text}”不是数字") from None
    if amount >= Decimal("1e10"):
        raise ValueError(f"金额“{text}”过大，请检查是否多写了数字")
    return amount.quantize(CENT)


def _hint_money(value: object) -> str:
    try:
        return str(Decimal(str(value)).quantize(CENT))
    except (InvalidOperation, ValueError):
        return "300.00"


def format_money(amount: Decimal) -> str:
    return str(amount.quantize(CENT))


def money(value: str) -> Decimal | None:
    """A normalised money string as Decimal; None when unknown ("")."""
    return parse_money(value) if value else None


def parse_time(value: object) -> str:
    """Check a local ISO-8601 time and return it normalised ("T" separator, zero-padded).

    Accepted: "2026-10-01", "2026-10-01T14:30", "2026-10-01T14:30:05" (a space may stand
    for the T). Raises ValueError with a Chinese message for anything else.
    """
    if not isinstance(value, str):
        raise ValueError('时间应为文字，如 "2026-10-01" 或 "2026-10-01T14:30"')
    text = value.strip()
    if _OFFSET_RE.search(text) and "T" in text:
        raise ValueError(
            f"时间“{text}”带了时区，请去掉末尾的 Z 或 +08:00，直接写北京时间，如 2026-10-01T14:30"
        )
    match = _TIME_RE.match(text)
    if not match:
        if re.match(r"^\d{4}-\d{1,2}-\d{1,2}[T ]\d{1,2}:\d{2}:\d{2}\.\d+$", text):
            raise ValueError(f"时间“{text}”精确到秒即可，秒后面不要带小数")
        raise ValueError(
            f"时间“{text}”格式不对，请写成 2026-10-01（只有日期）或 2026-10-01T14:30（日期和时间）"
        )
    year, month, day = (int(match.group(i)) for i in (1, 2, 3))
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        raise ValueError(
            f"时间“{text}”的年份 {year} 看起来不对（应在 {_MIN_YEAR}–{_MAX_YEAR} 之间）"
        )
    if not 1 <= month <= 12:
        raise ValueError(f"时间“{text}”的月份 {month} 不存在（应为 1–12）")
    try:
        parsed_day = date(year, month, day)
    except ValueError:
        raise ValueError(f"日期“{text}”不存在：{year}年{month}月没有{day}日") from None
    if match.group(4) is None:
        return parsed_day.isoformat()
    hour, minute = int(match.group(4)), int(match.group(5))
    second = match.group(6)
    if hour > 23 or minute > 59 or (second is not None and int(second) > 59):
        raise ValueError(f"时间“{text}”的时分秒不存在（时 0–23，分和秒 0–59）")
    clock = f"{hour:02d}:{minute:02d}" + (f":{int(second):02d}" if second is not None else "")
    return f"{parsed_day.isoformat()}T{clock}"


def has_time(value: str) -> bool:
    """Whether a normalised case time carries a clock time (not only a date)."""
    return "T" in value


def when(value: str) -> datetime | None:
    """A normalised case time as a naive local datetime (midnight for date-only)."""
    if not value:
        return None
    return datetime.fromisoformat(value)


def when_date(value: str) -> date | None:
    moment = when(value)
    return moment.date() if moment else None


# ---------------------------------------------------------------- unified social credit code

_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_problem(code: str) -> str | None:
    """Why a 统一社会信用代码 looks wrong (GB 32100 format and check digit), or None."""
    if not code:
        return None
    if len(code) != 18 or any(ch not in _USCC_CHARS for ch in code):
        return "统一社会信用代码应为 18 位数字或大写字母（不含 I、O、S、V、Z），请对照营业执照核对"
    total = sum(_USCC_CHARS.index(ch) * w for ch, w in zip(code, _USCC_WEIGHTS, strict=False))
    expected = _USCC_CHARS[(31 - total % 31) % 31]
    if code[-1] != expected:
        return "统一社会信用代码的校验位对不上，可能抄错了一位，请在国家企业信用信息公示系统核对"
    return None


# ---------------------------------------------------------------- migration

# One step per old version: UPGRADES[n] turns a version-n document into version n+1.
# Each step copies what it changes, so `migrate` never mutates the caller's document.


def party_of_channel(channel: object) -> str:
    """Who a contact was with when the file does not say: what the channel meant in v1
    (12315 → regulator, …); a shop channel (chat, ticket, phone…) meant the merchant."""
    return CHANNEL_PARTY.get(channel, "merchant") if isinstance(channel, str) else "merchant"


def _v1_merchant_kind(merchant: dict) -> str:
    # Conservative: only a 统一社会信用代码 proves a registered 经营者 (a company or an
    # individual business — both are bound by 消法). A 闲鱼 or QQ seller may still be a shop
    # in disguise, so nothing else in a v1 file is taken as proof either way.
    code = merchant.get("credit_code")
    if isinstance(code, str) and code.strip() and credit_code_problem(code.strip().upper()) is None:
        return "business"
    return "unknown"


def _v1_to_v2(doc: dict) -> dict:
    """v1 → v2: every v1 field keeps its name and meaning; v2 fields are derived only where
    v1 already said it — `contacts[].party` from the channel, `merchant.kind` from a valid
    credit code (else "unknown"). `small_claims_limit`, `merchant.legal_name` and
    `merchant.legal_rep` were read by v1 apps as extra fields under these same names, so
    they stay where they are and are now part of the format."""
    raw = doc.get("case")
    if isinstance(raw, dict):
        raw = dict(raw)
        merchant = raw.get("merchant")
        if isinstance(merchant, dict) and "kind" not in merchant:
            raw["merchant"] = {**merchant, "kind": _v1_merchant_kind(merchant)}
        elif merchant is None:
            raw["merchant"] = {"kind": "unknown"}
        contacts = raw.get("contacts")
        if isinstance(contacts, list):
            raw["contacts"] = [
                {**c, "party": party_of_channel(c.get("channel"))}
                if isinstance(c, dict) and "party" not in c
                else c
                for c in contacts
            ]
    return {**doc, "version": 2, "case": raw}


UPGRADES: dict[int, Callable[[dict], dict]] = {1: _v1_to_v2}


def _fail(field: str, message: str) -> CaseError:
    return CaseError([FieldError(field, message)])


def migrate(doc: object) -> dict:
    """Bring a parsed case file (the envelope) up to CURRENT_VERSION. Never mutates `doc`."""
    if not isinstance(doc, dict):
        raise _fail("", "文件内容应是一个 JSON 对象（以 { 开头），这不是维权助手导出的案件文件")
    fmt = doc.get("format")
    if fmt != FORMAT:
        shown = "缺失" if fmt is None else f"“{fmt}”"
        raise _fail("format", f'不是维权助手的案件文件：format 应为 "{FORMAT}"，实际{shown}')
    version = doc.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        shown = "缺失" if version is None else f"是 {json.dumps(version, ensure_ascii=False)}"
        raise _fail("version", f"版本号应为整数（当前为 {CURRENT_VERSION}），实际{shown}")
    if version > CURRENT_VERSION:
        raise _fail(
            "version",
            f"这个文件来自更新的维权助手（格式第 {version} 版），本程序只能读取到第 "
            f"{CURRENT_VERSION} 版，请更新维权助手后再打开",
        )
    if version < 1:
        raise _fail("version", f"不认识的版本号 {version}，支持的版本：1–{CURRENT_VERSION}")
    result = dict(doc)
    while result["version"] < CURRENT_VERSION:
        step = UPGRADES.get(result["version"])
        if step is None:
            raise _fail("version", f"无法把第 {result['version']} 版的文件升级，请联系维护者")
        result = step(dict(result))
    return result


# ---------------------------------------------------------------- reading fields


class _Reader:
    """Collects errors while building the normalised case, so one pass reports everything."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def error(self, field: str, message: str) -> None:
        self.errors.append(FieldError(field, message))

    def obj(self, parent: dict, key: str, path: str) -> dict:
        value = parent.get(key)
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.error(path, "应为一组字段（JSON 对象，以 { 开头）")
            return {}
        return value

    def items(self, parent: dict, key: str, path: str) -> list[tuple[str, dict]]:
        value = parent.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(path, "应为列表（JSON 数组，以 [ 开头）")
            return []
        if len(value) > _MAX_ITEMS:
            self.error(path, f"条目太多（{len(value)} 条），最多 {_MAX_ITEMS} 条")
            return []
        out = []
        for index, item in enumerate(value):
            item_path = f"{path}[{index}]"
            if isinstance(item, dict):
                out.append((item_path, item))
            else:
                self.error(item_path, "每一条应为一组字段（JSON 对象）")
        return out

    def text(self, parent: dict, key: str, path: str, limit: int = _SHORT) -> str:
        value = parent.get(key)
        if value is None:
            return ""
        if not isinstance(value, str):
            self.error(path, f"应为文字（带引号的字符串），实际是 {_describe(value)}")
            return ""
        value = value.strip()
        if len(value) > limit:
            self.error(path, f"太长了（{len(value)} 字），最多 {limit} 字")
        return value

    def enum(
        self, parent: dict, key: str, path: str, vocab: dict[str, str], *, required: bool
    ) -> str:
        value = parent.get(key)
        allowed = "、".join(f"{k}（{v}）" for k, v in vocab.items())
        if value is None or value == "":
            if required:
                self.error(path, f"必须填写。可选：{allowed}")
            return ""
        if not isinstance(value, str) or value not in vocab:
            self.error(path, f"不认识的取值 {_describe(value)}。可选：{allowed}")
            return ""
        return value

    def flag(self, parent: dict, key: str, path: str) -> bool:
        value = parent.get(key)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.error(path, f"应为 true 或 false，实际是 {_describe(value)}")
            return False
        return value

    def flag_default_true(self, parent: dict, key: str, path: str) -> bool:
        # An evidence entry records a piece of evidence; "have": false marks one still missing.
        return self.flag(parent, key, path) if key in parent else True

    def count(
        self, parent: dict, key: str, path: str, *, low: int, high: int, default: int | None
    ) -> int | None:
        value = parent.get(key)
        # A box typed into and then emptied sends ""; an optional number left empty is simply
        # not said. A whole number typed as text ("7") is that number.
        if isinstance(value, str):
            value = value.strip()
            if value == "":
                return default
            if re.fullmatch(r"[+-]?\d+", value):
                value = int(value)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(path, f"请填一个整数，如 {low}；{_describe(value)}不是整数")
            return default
        if not low <= value <= high:
            self.error(path, f"请填 {low} 到 {high} 之间的整数（现在是 {value}）")
            return default
        return value

    def days(self, parent: dict, key: str, path: str) -> str:
        """A number of days as a string ("" when not said); a bare JSON integer is accepted
        and kept as its digits."""
        value = parent.get(key)
        if value is None or value == "":
            return ""
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        text = value.strip() if isinstance(value, str) else None
        if text is None or not _DAYS_RE.match(text):
            self.error(path, f'应为天数（整数，如 "30"），实际是 {_describe(value)}')
            return ""
        if int(text) > _MAX_DAYS:
            self.error(path, f"{int(text)} 天太长了（最多 {_MAX_DAYS} 天），请检查是否多写了数字")
            return ""
        return str(int(text))

    def day(self, parent: dict, key: str, path: str) -> str:
        """A calendar date only ("2026-10-15"): the field is a day, never a moment."""
        moment = self.time(parent, key, path)
        if has_time(moment):
            self.error(path, f"只写日期即可，如 {moment[:10]}（不要带时间）")
            return ""
        return moment

    def money(self, parent: dict, key: str, path: str) -> str:
        return self._parsed(parent, key, path, lambda value: format_money(parse_money(value)))

    def time(self, parent: dict, key: str, path: str) -> str:
        return self._parsed(parent, key, path, parse_time)

    def _parsed(self, parent: dict, key: str, path: str, parse: Callable[[object], str]) -> str:
        value = parent.get(key)
        if value is None or value == "":
            return ""
        try:
            return parse(value)
        except ValueError as exc:
            self.error(path, str(exc))
            return ""


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"“{value}”"
    if isinstance(value, int | float):
        return f"数字 {value}"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, dict):
        return "对象"
    return "空值" if value is None else type(value).__name__


def _extras(raw: dict, known: tuple[str, ...]) -> dict:
    # Unknown keys are kept as they are: newer app versions and the UI may add fields.
    return {k: v for k, v in raw.items() if k not in known}


_MERCHANT_KEYS = (
    "name",
    "site",
    "marketplace",
    "credit_code",
    "address",
    "kind",
    "handle",
    "legal_name",
    "legal_rep",
)
_ORDER_KEYS = (
    "id",
    "item",
    "quantity",
    "amount",
    "paid_via",
    "ordered_at",
    "problem_found_at",
    "payments",
    "quantity_failed",
    "purpose",
    "paid_to",
    "payer",
    "payer_name",
    "account_holder",
    "payment_account_closed",
    "delivered",
    "worked_days",
    "face_value",
    "after_sales_until",
    "service_days",
    "service_used_days",
    "unused_amount",
    "refund_offer",
)
_PAYMENT_KEYS = ("at", "amount", "paid_via", "txn_id", "payee")
_CONSUMER_KEYS = ("name", "phone", "address", "minor")
_DEMAND_KEYS = ("kind", "amount", "quantity", "note")
_CONTACT_KEYS = (
    "at",
    "channel",
    "party",
    "ticket",
    "summary",
    "promise",
    "promise_due",
    "outcome",
)
_EVIDENCE_KEYS = ("kind", "have", "note")
_RULE_KEYS = ("title", "clause", "text", "stance")
_CASE_KEYS = (
    "problem",
    "suspected_fraud",
    "merchant",
    "order",
    "consumer",
    "demands",
    "contacts",
    "evidence",
    "rules",
    "facts",
    "small_claims_limit",
    "platform_window_days",
)


def _build_case(raw: dict) -> tuple[dict, list[FieldError]]:
    r = _Reader()
    p = "case"
    # Read first so that its error (the most basic one) is reported first.
    problem = r.enum(raw, "problem", f"{p}.problem", PROBLEMS, required=True)
    merchant_raw = r.obj(raw, "merchant", f"{p}.merchant")
    mp = f"{p}.merchant"
    merchant = {
        "name": r.text(merchant_raw, "name", f"{mp}.name"),
        "site": r.text(merchant_raw, "site", f"{mp}.site"),
        "marketplace": r.enum(
            merchant_raw, "marketplace", f"{mp}.marketplace", MARKETPLACES, required=False
        ),
        "credit_code": r.text(merchant_raw, "credit_code", f"{mp}.credit_code").upper(),
        "address": r.text(merchant_raw, "address", f"{mp}.address"),
        "kind": r.enum(merchant_raw, "kind", f"{mp}.kind", MERCHANT_KINDS, required=False)
        or "unknown",
        "handle": r.text(merchant_raw, "handle", f"{mp}.handle"),
        "legal_name": r.text(merchant_raw, "legal_name", f"{mp}.legal_name"),
        "legal_rep": r.text(merchant_raw, "legal_rep", f"{mp}.legal_rep"),
        **_extras(merchant_raw, _MERCHANT_KEYS),
    }
    order_raw = r.obj(raw, "order", f"{p}.order")
    op = f"{p}.order"
    order = {
        "id": r.text(order_raw, "id", f"{op}.id"),
        "item": r.text(order_raw, "item", f"{op}.item"),
        # An order holds at least one item; 1 is the design's default, not a guess about money.
        "quantity": r.count(
            order_raw, "quantity", f"{op}.quantity", low=1, high=_MAX_QUANTITY, default=1
        ),
        "amount": r.money(order_raw, "amount", f"{op}.amount"),
        "paid_via": r.enum(order_raw, "paid_via", f"{op}.paid_via", PAID_VIA, required=False),
        "ordered_at": r.time(order_raw, "ordered_at", f"{op}.ordered_at"),
        "problem_found_at": r.time(order_raw, "problem_found_at", f"{op}.problem_found_at"),
        "payments": [
            {
                "at": r.time(x, "at", f"{path}.at"),
                "amount": r.money(x, "amount", f"{path}.amount"),
                "paid_via": r.enum(x, "paid_via", f"{path}.paid_via", PAID_VIA, required=False),
                "txn_id": r.text(x, "txn_id", f"{path}.txn_id"),
                # Who received it (户名 and account, as the bill shows): the police need it.
                "payee": r.text(x, "payee", f"{path}.payee"),
                **_extras(x, _PAYMENT_KEYS),
            }
            for path, x in r.items(order_raw, "payments", f"{op}.payments")
        ],
        "quantity_failed": r.count(
            order_raw,
            "quantity_failed",
            f"{op}.quantity_failed",
            low=1,
            high=_MAX_QUANTITY,
            default=None,
        ),
        **_situation_order_fields(r, order_raw, op),
        **_extras(order_raw, _ORDER_KEYS),
    }
    _check_order_totals(r, order, op)
    _check_service_days(r, order, op)
    consumer_raw = r.obj(raw, "consumer", f"{p}.consumer")
    cp = f"{p}.consumer"
    consumer = {
        "name": r.text(consumer_raw, "name", f"{cp}.name"),
        "phone": r.text(consumer_raw, "phone", f"{cp}.phone"),
        "address": r.text(consumer_raw, "address", f"{cp}.address"),
        "minor": r.enum(consumer_raw, "minor", f"{cp}.minor", YES_NO, required=False),
        **_extras(consumer_raw, _CONSUMER_KEYS),
    }
    demands = [
        {
            "kind": r.enum(d, "kind", f"{path}.kind", DEMAND_KINDS, required=True),
            "amount": r.money(d, "amount", f"{path}.amount"),
            "quantity": r.count(
                d, "quantity", f"{path}.quantity", low=1, high=_MAX_QUANTITY, default=None
            ),
            "note": r.text(d, "note", f"{path}.note", _LONG),
            **_extras(d, _DEMAND_KEYS),
        }
        for path, d in r.items(raw, "demands", f"{p}.demands")
    ]
    contacts = [
        {
            "at": r.time(c, "at", f"{path}.at"),
            "channel": r.enum(c, "channel", f"{path}.channel", CHANNELS, required=True),
            "party": r.enum(c, "party", f"{path}.party", PARTIES, required=False)
            or party_of_channel(c.get("channel")),
            "ticket": r.text(c, "ticket", f"{path}.ticket"),
            "summary": r.text(c, "summary", f"{path}.summary", _LONG),
            "promise": r.text(c, "promise", f"{path}.promise", _LONG),
            "promise_due": r.time(c, "promise_due", f"{path}.promise_due"),
            "outcome": r.enum(c, "outcome", f"{path}.outcome", OUTCOMES, required=False),
            **_extras(c, _CONTACT_KEYS),
        }
        for path, c in r.items(raw, "contacts", f"{p}.contacts")
    ]
    evidence = [
        {
            "kind": r.enum(e, "kind", f"{path}.kind", EVIDENCE_KINDS, required=True),
            "have": r.flag_default_true(e, "have", f"{path}.have"),
            "note": r.text(e, "note", f"{path}.note", _LONG),
            **_extras(e, _EVIDENCE_KEYS),
        }
        for path, e in r.items(raw, "evidence", f"{p}.evidence")
    ]
    rules = [
        {
            "title": r.text(x, "title", f"{path}.title"),
            "clause": r.text(x, "clause", f"{path}.clause"),
            "text": r.text(x, "text", f"{path}.text", _LONG),
            "stance": _stance(r, x, path),
            **_extras(x, _RULE_KEYS),
        }
        for path, x in r.items(raw, "rules", f"{p}.rules")
    ]
    case = {
        "problem": problem,
        "suspected_fraud": r.flag(raw, "suspected_fraud", f"{p}.suspected_fraud"),
        "merchant": merchant,
        "order": order,
        "consumer": consumer,
        "demands": demands,
        "contacts": contacts,
        "evidence": evidence,
        "rules": rules,
        "facts": r.text(raw, "facts", f"{p}.facts", _LONG),
        "small_claims_limit": r.money(raw, "small_claims_limit", f"{p}.small_claims_limit"),
        "platform_window_days": r.count(
            raw, "platform_window_days", f"{p}.platform_window_days", low=1, high=365, default=None
        ),
        **_extras(raw, _CASE_KEYS),
    }
    _court_packet(r, case, raw)
    return case, r.errors


def _situation_order_fields(r: _Reader, raw: dict, op: str) -> dict:
    """The order's optional situation fields (DESIGN.md "Situation and theory")."""

    def enum(key: str, vocab: dict[str, str]) -> str:
        return r.enum(raw, key, f"{op}.{key}", vocab, required=False)

    return {
        "purpose": enum("purpose", ORDER_PURPOSES),
        "paid_to": enum("paid_to", PAID_TO),
        "payer": enum("payer", WHO),
        "payer_name": r.text(raw, "payer_name", f"{op}.payer_name"),
        "account_holder": enum("account_holder", WHO),
        "payment_account_closed": enum("payment_account_closed", YES_NO),
        "delivered": enum("delivered", DELIVERED),
        "worked_days": r.days(raw, "worked_days", f"{op}.worked_days"),
        "face_value": r.money(raw, "face_value", f"{op}.face_value"),
        "after_sales_until": r.day(raw, "after_sales_until", f"{op}.after_sales_until"),
        "service_days": r.days(raw, "service_days", f"{op}.service_days"),
        "service_used_days": r.days(raw, "service_used_days", f"{op}.service_used_days"),
        "unused_amount": r.money(raw, "unused_amount", f"{op}.unused_amount"),
        "refund_offer": enum("refund_offer", REFUND_OFFERS),
    }


def _check_service_days(r: _Reader, order: dict, op: str) -> None:
    total, used = order["service_days"], order["service_used_days"]
    if total and used and int(used) > int(total):
        r.error(
            f"{op}.service_used_days",
            f"已经用了 {used} 天，不能多于买的 {total} 天：请核对这两个数",
        )


def _check_order_totals(r: _Reader, order: dict, op: str) -> None:
    """Several payments: order.amount is their total. Filled in when left empty (it is a sum,
    not a guess); when both are given they must agree, and the message says which to fix."""
    amounts = [x["amount"] for x in order["payments"]]
    if amounts and all(amounts):
        total = format_money(sum((Decimal(a) for a in amounts), Decimal(0)))
        if not order["amount"]:
            order["amount"] = total
        elif order["amount"] != total:
            listed = " + ".join(amounts)
            r.error(
                f"{op}.amount",
                f"订单金额 {order['amount']} 元与各笔付款之和 {total} 元（{listed}）对不上。"
                f"订单金额应为实际付款的合计：请改为 {total}，或核对 order.payments 里每一笔的金额",
            )
    failed, quantity = order["quantity_failed"], order["quantity"]
    if failed is not None and quantity is not None and failed > quantity:
        r.error(
            f"{op}.quantity_failed",
            f"出问题的数量 {failed} 不能多于订单数量 {quantity}：请核对，"
            "全部都有问题时可以不填这一项",
        )


def _stance(r: _Reader, rule: dict, path: str) -> str:
    # A clause excluding refunds, complaints or lawsuits is void against a consumer whatever
    # the user meant to do with it, so it is never recorded as one to rely on.
    picked = r.enum(rule, "stance", f"{path}.stance", STANCES, required=False)
    words = " ".join(str(rule.get(k) or "") for k in ("title", "clause", "text"))
    return "unfair" if clauses.unfair_groups(words) else picked


def _inner(doc: object) -> dict:
    """The raw case object from an envelope (migrated) or from a bare case dict."""
    if isinstance(doc, dict) and ("format" in doc or "version" in doc or "case" in doc):
        doc = migrate(doc)
        raw = doc.get("case")
        if not isinstance(raw, dict):
            raise _fail("case", "缺少案件内容：case 应为一组字段（JSON 对象）")
        return raw
    if not isinstance(doc, dict):
        raise _fail("", "文件内容应是一个 JSON 对象（以 { 开头）")
    return doc


# ---------------------------------------------------------------- public API


def parse_json(text: str | bytes) -> object:
    """Parse JSON text, turning syntax errors into a CaseError a person can act on."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise _fail("", "文件不是 UTF-8 编码的文字，请用维权助手重新导出") from None
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise _fail("", "文件是空的")

    def no_constants(name: str) -> object:
        raise ValueError(name)

    try:
        return json.loads(text, parse_constant=no_constants)
    except json.JSONDecodeError as exc:
        raise _fail(
            "", f"不是有效的 JSON：第 {exc.lineno} 行第 {exc.colno} 列附近有错（{_json_hint(exc)}）"
        ) from None
    except ValueError as exc:
        raise _fail("", f"不是有效的 JSON：不支持 {exc}") from None


def _json_hint(exc: json.JSONDecodeError) -> str:
    msg = exc.msg
    if "Expecting property name" in msg:
        return "键名要用英文双引号，最后一项后面不要多逗号"
    if "Expecting ',' delimiter" in msg:
        return "可能少了逗号"
    if "Expecting value" in msg:
        return "这里缺少值，或多了逗号"
    if "Unterminated string" in msg:
        return "引号没有配对"
    if "Extra data" in msg:
        return "JSON 结束后还有多余内容"
    if "Invalid control character" in msg:
        return "文字里有换行等控制字符，请写成 \\n"
    return msg


def validate(doc: object) -> list[FieldError]:
    """Every problem in a case file (envelope or bare case dict); [] when it is usable."""
    try:
        raw = _inner(doc)
    except CaseError as exc:
        return exc.errors
    return _build_case(raw)[1]


def normalise(doc: object) -> dict:
    """The normalised case dict (see module doc). Accepts the envelope or a bare case dict,
    including an already normalised one (normalising twice changes nothing).
    Raises CaseError listing every problem."""
    case, errors = _build_case(_inner(doc))
    if errors:
        raise CaseError(errors)
    return case


def load(source: str | bytes | dict) -> dict:
    """Parse (if text), migrate, validate and normalise a case file."""
    doc = parse_json(source) if isinstance(source, str | bytes) else source
    return normalise(doc)


def load_file(path: str | Path) -> dict:
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise _fail("", f"找不到文件 {path}，请检查路径") from None
    except IsADirectoryError:
        raise _fail("", f"{path} 是文件夹，请给出案件文件（.json）") from None
    except OSError as exc:
        raise _fail("", f"无法读取文件 {path}：{exc.strerror or exc}") from None
    return load(data)


def dump(case: dict) -> dict:
    """The envelope for saving or exporting: {"format", "version", "case"}."""
    return {"format": FORMAT, "version": CURRENT_VERSION, "case": normalise(case)}


def dumps(case: dict) -> str:
    """The case file as JSON text (UTF-8, readable Chinese, stable layout)."""
    return json.dumps(dump(case), ensure_ascii=False, indent=2) + "\n"


def blank(problem: str = "invalid_key") -> dict:
    """A new, empty normalised case for the given problem."""
    return normalise({"problem": problem})


def has_evidence(case: dict, kind: str) -> bool:
    return any(item["kind"] == kind and item["have"] for item in case["evidence"])


# ---------------------------------------------------------------- consistency (plausibility)

# Channels where what was said leaves no written trace: a promise made there needs confirming
# in writing (the intake shows a tip).
VERBAL_CHANNELS: tuple[str, ...] = ("phone", "chat")
# Of those, the ones that leave nothing in writing: a chat log is itself a written record of a
# promise, a call is not. Only a promise made here is asked to be confirmed in writing.
UNWRITTEN_CHANNELS: tuple[str, ...] = ("phone",)


def consistency(case: dict, today: date) -> list[dict]:
    """Things a normalised case may say but that are probably typos: dates out of order or in
    the future, a credit code that fails its check digit. Warnings, never errors."""
    found = []

    def warn(code: str, field: str, message: str) -> None:
        found.append({"code": code, "field": field, "message": message})

    order = case["order"]
    ordered, problem = when(order["ordered_at"]), when(order["problem_found_at"])
    if ordered and problem and problem.date() < ordered.date():
        warn("date-order", "case.order.problem_found_at", "发现问题的时间早于下单时间，请核对。")
    # (field, its name in a sentence, time): a message beside a field still says which.
    dated = [
        ("case.order.ordered_at", "下单时间", ordered),
        ("case.order.problem_found_at", "发现问题的时间", problem),
    ]
    for i, contact in enumerate(case["contacts"]):
        at = when(contact["at"])
        dated.append((f"case.contacts[{i}].at", f"第 {i + 1} 次联系的时间", at))
        if at and ordered and at.date() < ordered.date():
            warn("date-order", f"case.contacts[{i}].at", "这次联系早于下单时间，请核对。")
        due = when(contact["promise_due"])
        if at and due and due < at:
            warn(
                "date-order",
                f"case.contacts[{i}].promise_due",
                "承诺的期限早于这次联系的时间，请核对。",
            )
    shown_today = f"{today.year}年{today.month}月{today.day}日"
    for field, name, moment in dated:
        if moment and moment.date() > today:
            warn("future-date", field, f"{name}晚于今天（{shown_today}），请核对。")
    problem_text = credit_code_problem(case["merchant"]["credit_code"])
    if problem_text:
        warn("credit-code", "case.merchant.credit_code", problem_text)
    return found


# ---------------------------------------------------------------- the court packet (issue 22)

E_SERVICE: dict[str, str] = {"yes": "同意电子送达", "no": "不同意电子送达"}
_POSTCODE_RE = re.compile(r"^\d{6}$")
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _court_packet(r: _Reader, case: dict, raw: dict) -> None:
    """The fields only the 起诉状 and the 送达地址确认书 need: "" when absent (unknown)."""
    consumer_raw = raw.get("consumer") if isinstance(raw.get("consumer"), dict) else {}
    merchant_raw = raw.get("merchant") if isinstance(raw.get("merchant"), dict) else {}
    cp, mp = "case.consumer", "case.merchant"
    consumer, merchant = case["consumer"], case["merchant"]
    for key in ("work_unit", "email", "postcode"):
        consumer[key] = r.text(consumer_raw, key, f"{cp}.{key}")
    consumer["e_service"] = r.enum(
        consumer_raw, "e_service", f"{cp}.e_service", E_SERVICE, required=False
    )
    if consumer["postcode"] and not _POSTCODE_RE.match(consumer["postcode"]):
        r.error(f"{cp}.postcode", f"邮政编码“{consumer['postcode']}”应为 6 位数字，如 310012")
    if consumer["email"] and not _EMAIL_RE.match(consumer["email"]):
        r.error(f"{cp}.email", f"电子邮箱“{consumer['email']}”格式不对，应像 name@example.com")
    for key in ("work_unit", "domicile", "gender", "birth_date", "id_number"):
        merchant[key] = r.text(merchant_raw, key, f"{mp}.{key}")
    case["jurisdiction_clause"] = r.text(
        raw, "jurisdiction_clause", "case.jurisdiction_clause", _LONG
    )
