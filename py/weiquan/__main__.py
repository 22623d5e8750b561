"""Command line: python -m weiquan check CASE.json [--today YYYY-MM-DD]
                  python -m weiquan draft CASE.json --letter KIND [--today YYYY-MM-DD]
                                          [--docx OUT.docx]
                  python -m weiquan paste TEXT_FILE

Bad input exits with code 2 and a Chinese message naming the field; never a traceback.
"""

from __future__ import annotations

import json
import sys

_USAGE = """用法：
  python -m weiquan check 案件文件.json [--today YYYY-MM-DD]
      检查案件：当前阶段、下一步、缺少的证据、期限和提醒（输出 JSON）
  python -m weiquan draft 案件文件.json --letter 文书类型 [--today YYYY-MM-DD] [--docx 输出.docx]
      起草文书，输出正文；加 --docx 同时写出 Word 文件（A4）。文书类型：
{kinds}
  python -m weiquan paste 文字文件.txt
      智能粘贴：从复制的订单详情或账单详情里识别订单号、金额、时间、收款方全称（输出 JSON；
      文件名写 - 则从标准输入读取）
选项：
  --today YYYY-MM-DD   按这一天计算期限（默认今天）
  --letter 类型        要起草的文书（仅 draft）
  --docx 文件          同时把文书写成 Word 文件（仅 draft）
  -h, --help           显示本说明
"""


def usage() -> str:
    """The help text; the letter kinds come from the one list of them (letters.LETTER_LABELS)."""
    from weiquan.letters import LETTER_LABELS

    kinds = "\n".join(f"        {kind:<20}{label}" for kind, label in LETTER_LABELS.items())
    return _USAGE.format(kinds=kinds)


class UsageError(Exception):
    pass


def _write(stream, text: str) -> None:
    try:
        stream.write(text)
    except UnicodeEncodeError:  # a console that cannot show Chinese still gets UTF-8 bytes
        stream.flush()
        stream.buffer.write(text.encode("utf-8"))
    stream.flush()


def _parse(argv: list[str]) -> tuple[str, str, dict[str, str]]:
    if not argv:
        raise UsageError("缺少命令：请写 check、draft 或 paste")
    command, rest = argv[0], argv[1:]
    if command not in ("check", "draft"):
        raise UsageError(f"不认识的命令“{command}”：请写 check、draft 或 paste")
    allowed = {"--today"} | ({"--letter", "--docx"} if command == "draft" else set())
    options: dict[str, str] = {}
    files: list[str] = []
    i = 0
    while i < len(rest):
        arg = rest[i]
        if arg.startswith("--"):
            name, eq, value = arg.partition("=")
            if name not in allowed:
                raise UsageError(
                    f"不认识的选项 {name}"
                    + (f"（{name} 只用于 draft）" if name in ("--letter", "--docx") else "")
                )
            if not eq:
                i += 1
                if i >= len(rest):
                    raise UsageError(f"选项 {name} 后面缺少值")
                value = rest[i]
            options[name] = value
        elif arg.startswith("-") and arg != "-":
            raise UsageError(f"不认识的选项 {arg}")
        else:
            files.append(arg)
        i += 1
    if len(files) != 1:
        raise UsageError("请给出一个案件文件（.json）" if not files else "只能给出一个案件文件")
    if command == "draft" and "--letter" not in options:
        raise UsageError("draft 需要 --letter 文书类型")
    return command, files[0], options


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if any(a in ("-h", "--help") for a in argv):
        _write(sys.stdout, usage())
        return 0
    try:
        return _run(argv)
    except UsageError as exc:
        _write(sys.stderr, f"错误：{exc}\n\n{usage()}")
        return 2
    except Exception as exc:  # never a traceback for the user
        _write(
            sys.stderr,
            f"内部错误（{type(exc).__name__}）：{exc}\n请把案件文件和命令反馈给维护者。\n",
        )
        return 1


def _run(argv: list[str]) -> int:
    if argv and argv[0] == "paste":
        from weiquan.paste import cli_paste

        return cli_paste(
            argv[1:], lambda text: _write(sys.stdout, text), lambda text: _write(sys.stderr, text)
        )
    from weiquan import api
    from weiquan.case import CaseError, load_file

    command, path, options = _parse(argv)
    try:
        today = api.parse_today(options.get("--today"), "--today")
        case = load_file(path)
        if command == "check":
            result = api.check_case(case, today)
            _write(sys.stdout, json.dumps(result, ensure_ascii=False, indent=2) + "\n")
            return 0
        made = api.draft_case(case, options["--letter"], today, options.get("--docx", ""))
    except CaseError as exc:
        if len(exc.errors) == 1 and not exc.errors[0].field:
            _write(sys.stderr, f"错误：{exc.errors[0].message}\n")
        else:
            lines = "\n".join(f"  {e}" for e in exc.errors)
            _write(sys.stderr, f"错误：案件文件 {path} 有 {len(exc.errors)} 处问题：\n{lines}\n")
        return 2
    except api.ApiError as exc:
        lines = "".join(f"\n  {f}" for f in exc.fields if f.message not in exc.message)
        _write(sys.stderr, f"错误：{exc.message}{lines}\n")
        return 2
    _write(sys.stdout, made["text"].rstrip("\n") + "\n")
    # Advice for the person stays off stdout, which is exactly the letter to send.
    notes = "".join(f"  {w['message']}\n" for w in made["warnings"] if w["code"] == "note")
    if notes:
        _write(sys.stderr, "提交前须知：\n" + notes)
    if made["missing"]:
        _write(sys.stderr, "提示：以下信息还没填，文中已留空：" + "、".join(made["missing"]) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
