"""The page ↔ core protocol, declared once: the calls and the arguments each reads, the error
codes and what each means for the person, and reading the common arguments (`today`, `case`,
the staged files) from a request.

`weiquan.api` implements the calls; every module that answers a call raises `ApiError` from
here, so none of them imports `api` (no import cycle). The build writes site/protocol.js's
tables (CALLS, PY_ERRORS, the CallName typedef) from this module (buildtools/protocol_tables.py).
"""

from __future__ import annotations

from datetime import date

from weiquan import case as case_model
from weiquan.case import CaseError, FieldError

# Every call the worker may make, in the order the page documents them, with the arguments it
# reads. A trailing "?" marks an optional one; `staged` is added by the worker for a call with
# files (site/protocol.js, `Staged`), `today` defaults to the real date.
CALLS: dict[str, tuple[str, ...]] = {
    "bundle": ("case", "today?", "files", "staged"),
    "migrate": ("case",),
    "problems": (),
    "checklist": ("problem",),
    "check": ("case", "today?"),
    "validate": ("case",),
    "draft": ("case", "today?", "letter", "docx?", "staged?"),
    "rules": (),
    "ics": ("case", "today?"),
    "paste": ("text",),
    "agenda": ("cases", "today?"),
    "timeline": ("case", "today?"),
    "import_bundle": ("staged",),
    "redact_targets": ("boxes", "lines?"),
    "warm_letters": (),
    "review": ("case",),
}

# Where on screen a warning belongs, said by the core so the page knows no warning code:
# "wording" beside the words the person writes (tone, vague demands: weiquan.tone sets it),
# "list" in the list of what to fix or add (every other warning).
WARNING_PLACES = ("wording", "list")


def placed(warnings: list[dict]) -> list[dict]:
    """The warnings of a reply, each with its `place` (see WARNING_PLACES)."""
    return [{**w, "place": w.get("place", "list")} for w in warnings]


# The calls that render letters with the template engine (Jinja2). The worker installs its
# wheels only after it said it was ready, and holds just these calls until they are in; every
# other call runs without them (tests/unit/test_protocol.py checks both ways).
TEMPLATE_CALLS: tuple[str, ...] = ("bundle", "draft", "warm_letters")

# Every error code a reply can carry, each with what it means for the person (Chinese).
# The reply's own message says more when there is more to say (which field, which value).
ERRORS: dict[str, str] = {
    "bad-json": "请求参数不是有效的 JSON。",
    "bad-args": "请求参数有误。",
    "unknown-call": "程序内部调用了不存在的功能，请刷新页面。",
    "invalid-case": "案件信息里有需要修改的地方。",
    "unknown-letter": "不认识这种文书。",
    "bad-file": "有证据文件无法打包。",
    "bad-bundle": "这个证据包没有通过校验，没有导入任何内容。",
    "internal": "内部错误：请导出案件文件并反馈给维护者。",
}


class ApiError(Exception):
    """A request the core cannot serve, with a Chinese message and the fields at fault."""

    def __init__(self, code: str, message: str, fields: list[FieldError] | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.fields = fields or []

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "message": self.message,
            "fields": [field_dict(f) for f in self.fields],
        }


_CHOICES = "。可选："


def field_dict(error: FieldError) -> dict:
    """A field error for the page. A choice error ("…。可选：a、b") also carries `brief`, the
    sentence without the list, for a form that already shows the choices."""
    out = error.to_dict()
    brief, sep, allowed = error.message.partition(_CHOICES)
    if sep:
        out["brief"] = brief + "。"
        out["allowed"] = allowed
    return out


def bad_args(field: str, message: str) -> ApiError:
    """A missing or malformed argument, named so the page can point at it."""
    return ApiError("bad-args", message, [FieldError(field, message)])


def parse_today(value: object, field: str = "today") -> date:
    """`today` from a request: None → the real date; otherwise strictly YYYY-MM-DD."""
    if value is None or value == "":
        return date.today()
    if isinstance(value, str):
        try:
            if len(value) == 10:
                return date.fromisoformat(value)
        except ValueError:
            pass
    message = (
        f"{field} 的日期“{value}”无效，请写成 2026-10-01 这样的格式（年-月-日，且日期真实存在）"
    )
    raise bad_args(field, message)


def invalid_case(error: CaseError) -> ApiError:
    count = len(error.errors)
    first = str(error.errors[0]) if error.errors else ""
    summary = f"案件文件有 {count} 处问题，需要先改正" + (
        f"：{first}" if count == 1 else f"。第一处：{first}"
    )
    return ApiError("invalid-case", summary, error.errors)


def read_case(value: object) -> dict:
    """The request's `case` (an envelope, as JSON text or already parsed), normalised; a case
    that does not validate raises CaseError (answered as `invalid-case`)."""
    if value is None:
        raise ApiError("bad-args", "缺少案件内容（case）", [FieldError("case", "缺少案件内容")])
    doc = case_model.parse_json(value) if isinstance(value, str) else value
    return case_model.normalise(doc)


def staged_paths(args: dict, count: int, message: str) -> tuple[list[str], str]:
    """The file side channel (site/protocol.js, `Staged`): where the worker wrote the request's
    files, in order, and where this call may write the one file its reply carries."""
    staged = args.get("staged")
    paths = staged.get("inputs") if isinstance(staged, dict) else None
    out = staged.get("output") if isinstance(staged, dict) else None
    if (
        not isinstance(paths, list)
        or len(paths) != count
        or not all(isinstance(p, str) and p for p in paths)
        or not isinstance(out, str)
        or not out
    ):
        raise ApiError("bad-args", message)
    return paths, out
