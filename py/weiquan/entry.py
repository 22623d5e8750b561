"""The worker's first import: the call surface, with the app behind it loaded on first use.

Importing `weiquan.api` pulls in every content loader, the case model and the checks (about
0.1 s in the browser on a desktop, more on a phone). The worker announces itself ready once
the runtime and the app's files are in place and imports the app right after, before it
answers anything (`warm`): a call that arrives meanwhile waits for that import, as it would
have waited for the boot. A memory snapshot is taken after `warm`, so a returning visit has
everything imported already.
"""

from __future__ import annotations

import json


def warm() -> None:
    """Import everything the calls need (letters and the template engine excepted: those load
    on the first draft, or when the dashboard is idle, through the `warm_letters` call)."""
    import weiquan.api  # noqa: F401


def dispatch(call: str, args_json: str) -> str:
    """`weiquan.api.dispatch`, importing it first if `warm` has not run; never raises."""
    try:
        from weiquan import api
    except Exception as exc:  # the worker must always get an answer it can show
        message = f"内部错误（{type(exc).__name__}）：请导出案件文件并反馈给维护者"
        error = {"code": "internal", "message": message, "fields": []}
        return json.dumps({"ok": False, "error": error}, ensure_ascii=False)
    return api.dispatch(call, args_json)
