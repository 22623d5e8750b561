"""What the shell needs to know about the case, declared once by the core.

The build calls `shell_data()` natively and writes the result into the page as JSON
(`<script type="application/json" id="shell-data">`); the templates render the intake from
it and `site/*.js` reads it. The shell therefore holds no case schema, vocabulary, stage list
or letter list of its own: a vocabulary added to `case.py` (any upper-case dict of id → label
there) or a letter kind added to `letters.py` reaches the page with no JavaScript change.
"""

from __future__ import annotations

from datetime import date

from weiquan import case as case_model
from weiquan import flow, letters
from weiquan.zhformat import date_zh

# The intake, one screen each (site/templates/steps/<id>.html); the URL is #/case/<id>.
INTAKE_STEPS: tuple[dict[str, str], ...] = (
    {"id": "problem", "title": "问题类型", "hint": "先说说出了什么问题。不确定就选最接近的一项。"},
    {"id": "shop", "title": "商家", "hint": "对方是谁、店开在哪里。不知道的可以先空着。"},
    {"id": "order", "title": "订单与付款", "hint": "照着订单详情页和支付记录填写。"},
    {"id": "facts", "title": "事情经过", "hint": "用自己的话按时间顺序写下来。"},
    {"id": "contacts", "title": "联系记录", "hint": "你和对方的每一次沟通。"},
    {"id": "evidence", "title": "证据", "hint": "已经保存了哪些证据。"},
    {"id": "demands", "title": "诉求", "hint": "你要对方做什么。"},
    {"id": "me", "title": "你的信息", "hint": "生成文书时需要。"},
    {"id": "review", "title": "检查", "hint": "确认无误后，去看进展或起草文书。"},
)

# How each demand kind is asked for on the demands screen: its checkbox text and the one
# detail it takes (none for an apology). Kinds come from case.DEMAND_KINDS; a kind missing
# here gets its vocabulary label and a free-text note.
_DEMAND_FORM: dict[str, dict] = {
    "refund": {
        "text": "退款",
        "detail": {
            "key": "amount",
            "label": "退款金额（元）",
            "inputmode": "decimal",
            "placeholder": "例如 300.00",
        },
    },
    "reissue": {
        "text": "补发有效卡密 / 重新发货",
        "detail": {"key": "quantity", "label": "数量", "inputmode": "numeric", "placeholder": ""},
    },
    "compensation": {
        "text": "赔偿",
        "detail": {
            "key": "amount",
            "label": "赔偿金额（元）",
            "inputmode": "decimal",
            "placeholder": "",
        },
    },
    "apology": {"text": "赔礼道歉", "detail": None},
    "other": {
        "text": "其他诉求",
        "detail": {"key": "note", "label": "写明具体要求", "inputmode": "", "placeholder": ""},
    },
}

# Fields shown as a drop-down with no empty entry: a new case starts on the first choice, so
# what the form shows and what the case holds are the same.
_SELECT_DEFAULTS = (
    ("merchant", "marketplace", "MARKETPLACES"),
    ("order", "paid_via", "PAID_VIA"),
)
# A new contact record: the usual first contact is the shop's online support, unanswered.
_NEW_CONTACT = {"channel": "chat", "outcome": "no_reply"}

_ZH_NUMBERS = "一二三四五六七八九十"

# Intake fields that matter only in some cases, each with the tests that show it (any one
# passing shows it): {"path", "in": [values]} · {"path", "empty": true} · {"path", "above": n}.
# Hiding a field never changes what the case holds.
_COMPANY_KINDS = ("business", "unknown")
_SHOWN_WHEN: dict[str, list[dict]] = {
    # 消法 and the 起诉状's company lines concern a 经营者; a private seller has none of these.
    "merchant.site": [{"path": "merchant.kind", "in": list(_COMPANY_KINDS)}],
    "merchant.credit_code": [{"path": "merchant.kind", "in": list(_COMPANY_KINDS)}],
    "merchant.legal_rep": [{"path": "merchant.kind", "in": list(_COMPANY_KINDS)}],
    # A seller reached only through QQ/WeChat/闲鱼 is named by that ID.
    "merchant.handle": [
        {"path": "merchant.kind", "in": ["individual", "unknown"]},
        {"path": "merchant.site", "empty": True},
    ],
    # Partial failure only means something when more than one item was bought.
    "order.quantity_failed": [{"path": "order.quantity", "above": 1}],
}


def vocabularies() -> dict[str, dict[str, str]]:
    """Every vocabulary case.py declares (an upper-case dict of id → Chinese label), keyed by
    the constant's name in lower case: PROBLEMS → "problems", CHANNELS → "channels"."""
    found = {}
    for name, value in vars(case_model).items():
        if (
            name.isupper()
            and isinstance(value, dict)
            and value
            and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())
        ):
            found[name.lower()] = dict(value)
    return found


def empty_case() -> dict:
    """A new case as the form holds it: every field present, nothing said yet."""
    first_problem = next(iter(case_model.PROBLEMS))
    kase = case_model.blank(first_problem)
    kase["problem"] = ""
    for group, key, vocab in _SELECT_DEFAULTS:
        kase[group][key] = next(iter(getattr(case_model, vocab)))
    return kase


def new_contact() -> dict:
    probe = case_model.normalise(
        {"problem": next(iter(case_model.PROBLEMS)), "contacts": [dict(_NEW_CONTACT)]}
    )
    return probe["contacts"][0]


# A field asked differently for some cases: for a private seller the registered name is the
# person's real name (what a 起诉状 against a natural person needs), not a licence's.
_ASKED_AS: dict[str, list[dict]] = {
    "merchant.legal_name": [
        {
            "path": "merchant.kind",
            "in": ["individual"],
            "label": "卖家的真实姓名（知道的话）",
            "hint": (
                "起诉个人卖家要写明被告姓名；不知道可以先空着，"
                "起诉时可以申请法院向平台调取对方的身份信息。"
            ),
        }
    ],
}


def asked_as() -> dict[str, list[dict]]:
    """Fields whose label and hint change with the case (see _ASKED_AS); the first match wins."""
    return {path: [dict(t) for t in tests] for path, tests in _ASKED_AS.items()}


def shown_when() -> dict[str, list[dict]]:
    """Which intake fields show only in some cases, and when (see _SHOWN_WHEN)."""
    return {path: [dict(t) for t in tests] for path, tests in _SHOWN_WHEN.items()}


def channel_party() -> dict[str, str]:
    """Every channel with the party a contact through it is with unless the person says
    otherwise — the same derivation the core applies to a file that leaves `party` out."""
    return {channel: case_model.party_of_channel(channel) for channel in case_model.CHANNELS}


def new_rule() -> dict:
    """One more shop clause (rules[]) as the form holds it: its stance not yet said."""
    return case_model.normalise({"problem": next(iter(case_model.PROBLEMS)), "rules": [{}]})[
        "rules"
    ][0]


def new_payment() -> dict:
    """One more row of order.payments as the form holds it."""
    probe = case_model.normalise(
        {"problem": next(iter(case_model.PROBLEMS)), "order": {"payments": [{}]}}
    )
    payment = probe["order"]["payments"][0]
    # A drop-down with no empty entry: the row holds what it shows.
    payment["paid_via"] = next(iter(case_model.PAID_VIA))
    return payment


def stages() -> list[dict]:
    return [
        {"id": ident, "label": label, "index": i + 1, "title": f"第{_ZH_NUMBERS[i]}步：{label}"}
        for i, (ident, label) in enumerate(flow.STAGES.items())
    ]


def stage_index(stage: str) -> int:
    """1 for the first stage; 0 for an unknown one."""
    return next((s["index"] for s in stages() if s["id"] == stage), 0)


def demand_form() -> list[dict]:
    out = []
    for kind, label in case_model.DEMAND_KINDS.items():
        declared = _DEMAND_FORM.get(kind)
        if declared is None:
            declared = {
                "text": label,
                "detail": {"key": "note", "label": label, "inputmode": "", "placeholder": ""},
            }
        out.append({"kind": kind, **declared})
    return out


def shell_data() -> dict:
    """Everything the shell renders the case from, as one JSON-ready dict."""
    return {
        "format": case_model.FORMAT,
        "version": case_model.CURRENT_VERSION,
        "empty_case": empty_case(),
        "new_contact": new_contact(),
        "new_payment": new_payment(),
        "new_rule": new_rule(),
        "channel_party": channel_party(),
        "shown_when": shown_when(),
        "asked_as": asked_as(),
        "verbal_channels": list(case_model.VERBAL_CHANNELS),
        "unwritten_channels": list(case_model.UNWRITTEN_CHANNELS),
        "vocab": vocabularies(),
        "stages": stages(),
        "step_ids": list(flow.STEP_IDS),
        "intake_steps": [dict(s) for s in INTAKE_STEPS],
        "demand_form": demand_form(),
        "letters": [{"id": k, "label": v} for k, v in letters.LETTER_LABELS.items()],
    }


def date_label(iso: str) -> str:
    """ "2026-10-14" → "2026年10月14日"; "" stays ""."""
    if not iso:
        return ""
    return date_zh(date.fromisoformat(iso[:10]))
