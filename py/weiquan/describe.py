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
from weiquan import flow, situation
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
# A path "contacts[].outcome" tests every contact (any one passing counts).
# Hiding a field never changes what the case holds.
_COMPANY_KINDS = ("business", "unknown")
_MARKETPLACES = [m for m in case_model.MARKETPLACES if m != "none"]
# Problems where what arrived is not already said by the problem itself.
_DELIVERY_OPEN = ["not_delivered", "late_reissue", "refund_refused", "vanished", "scammed"]
# A card or a top-up has a face value; a membership cut short or a locked balance has none.
_FACE_VALUE_PROBLEMS = [
    p for p in case_model.PROBLEMS if p not in ("service_ended", "account_locked")
]
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
    # The situation's questions (issue 20), each only where its answer changes the advice.
    # Resale takes a purchase out of 消法; against a private seller it is out already.
    "order.purpose": [{"path": "merchant.kind", "in": list(_COMPANY_KINDS)}],
    "order.payment_account_closed": [{"path": "order.paid_via", "in": ["alipay", "wechat"]}],
    "order.payer_name": [{"path": "order.payer", "in": ["other"]}],
    "order.delivered": [{"path": "problem", "in": _DELIVERY_OPEN}],
    "order.worked_days": [
        {"path": "problem", "in": ["invalid_key", "revoked"]},
        {"path": "order.delivered", "in": ["part", "all"]},
    ],
    "order.face_value": [{"path": "problem", "in": _FACE_VALUE_PROBLEMS}],
    # Only a marketplace shows an after-sales window on the order page.
    "order.after_sales_until": [{"path": "merchant.marketplace", "in": _MARKETPLACES}],
    "order.service_days": [{"path": "problem", "in": ["service_ended"]}],
    "order.service_used_days": [{"path": "problem", "in": ["service_ended"]}],
    "order.unused_amount": [{"path": "problem", "in": ["service_ended", "account_locked"]}],
    # How a refund is to be paid matters once the other side agreed to one.
    "order.refund_offer": [{"path": "contacts[].outcome", "in": ["agreed"]}],
}

# How each situation question is typed in (content/situation.toml [question] holds its words):
# a choice from a case vocabulary (plus 「不清楚」 = ""), or a box of an input mode.
_QUESTION_CHOICES: dict[str, dict[str, str]] = {
    "order.purpose": case_model.ORDER_PURPOSES,
    "order.paid_to": case_model.PAID_TO,
    "order.payment_account_closed": case_model.YES_NO,
    "order.payer": case_model.WHO,
    "order.account_holder": case_model.WHO,
    "order.delivered": case_model.DELIVERED,
    "order.refund_offer": case_model.REFUND_OFFERS,
    "consumer.minor": case_model.YES_NO,
}
_QUESTION_INPUTS: dict[str, dict[str, str]] = {
    "order.payer_name": {"type": "text", "inputmode": ""},
    "order.worked_days": {"type": "text", "inputmode": "numeric"},
    "order.face_value": {"type": "text", "inputmode": "decimal"},
    "order.after_sales_until": {"type": "date", "inputmode": ""},
    "order.service_days": {"type": "text", "inputmode": "numeric"},
    "order.service_used_days": {"type": "text", "inputmode": "numeric"},
    "order.unused_amount": {"type": "text", "inputmode": "decimal"},
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


def _values_at(kase: dict, path: str) -> list:
    head, sep, tail = path.partition("[].")
    if sep:
        items = kase.get(head) or []
        return [v for item in items if isinstance(item, dict) for v in _values_at(item, tail)]
    value: object = kase
    for key in path.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    return [value]


def _passes(kase: dict, test: dict) -> bool:
    for value in _values_at(kase, test["path"]):
        if "in" in test and value in test["in"]:
            return True
        if test.get("empty") and value in ("", None):
            return True
        if "above" in test and isinstance(value, int | float) and value > test["above"]:
            return True
    return False


def shown(kase: dict, path: str) -> bool:
    """Whether the intake asks `path` for this case (the shell's own test, site/case-form.js)."""
    tests = _SHOWN_WHEN.get(path)
    return tests is None or any(_passes(kase, t) for t in tests)


def questions() -> dict[str, dict]:
    """The situation's intake questions by field: {step, label, hint, and either choices
    (value → label, ending with "" = 「不清楚」) or type and inputmode}."""
    words = situation.content()
    steps = {s["id"] for s in INTAKE_STEPS}
    out = {}
    for path, spec in words["question"].items():
        if spec["step"] not in steps:
            raise situation.SituationError(
                f'content/{situation.FILE} 的 question."{path}".step：'
                f"没有这个填写步骤（可选：{'、'.join(sorted(steps))}）"
            )
        asked = {"step": spec["step"], "label": spec["label"], "hint": spec.get("hint", "")}
        if path in _QUESTION_CHOICES:
            asked["choices"] = {**_QUESTION_CHOICES[path], "": words["unknown_choice"]}
        else:
            asked.update(_QUESTION_INPUTS.get(path, {"type": "text", "inputmode": ""}))
        out[path] = asked
    return out


def situation_reply(kase: dict, derived: dict[str, str]) -> list[dict]:
    """`check`'s situation: situation.labelled(derived), and for an unknown the intake asks for
    this case, `ask` = {step, field, question}: where the dashboard sends the person to answer."""
    dimensions = situation.content()["dimension"]
    asked = situation.content()["question"]
    out = []
    for item in situation.labelled(derived):
        spec = dimensions[item["id"]]
        field = spec.get("field")
        if item["value"] == situation.UNKNOWN and field and shown(kase, field):
            question = asked.get(field, {}).get("label") or spec.get("ask", spec["name"])
            item = {**item, "ask": {"step": spec["step"], "field": field, "question": question}}
        out.append(item)
    return out


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
        for i, (ident, label) in enumerate(flow.stages().items())
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
    # Only the build asks for this (natively); the worker's first screen never imports letters.
    from weiquan import letters

    return {
        "format": case_model.FORMAT,
        "version": case_model.CURRENT_VERSION,
        "empty_case": empty_case(),
        "new_contact": new_contact(),
        "new_payment": new_payment(),
        "new_rule": new_rule(),
        "channel_party": channel_party(),
        "shown_when": shown_when(),
        "questions": questions(),
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
