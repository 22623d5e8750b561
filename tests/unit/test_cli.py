"""python -m weiquan: exit codes and Chinese messages on bad input, never a traceback."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from weiquan.__main__ import main

GOOD = Path(__file__).parent / "cases" / "05_late_reissue_12315_pending.json"


def write(tmp_path: Path, content: str | dict, name: str = "case.json") -> str:
    path = tmp_path / name
    text = content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return str(path)


def good_doc() -> dict:
    doc = json.loads(GOOD.read_text(encoding="utf-8"))
    doc.pop("expect")
    return doc


def test_check_prints_json_with_the_contract(run_cli):
    done = run_cli("check", str(GOOD), "--today", "2026-10-09")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["stage"] == "third_party"
    assert [s["id"] for s in result["next_steps"]] == [
        "send-termination-notice",
        "dispute-payment",
        "complain-12315",
        "contact-association",
        "sue-court",
    ]
    assert result["evidence"] == {**result["evidence"], "missing": [], "chain_complete": True}
    assert "\\u" not in done.stdout and "补单" in done.stdout
    codes = {w["code"] for w in result["warnings"]}
    assert "deadline-passed" in codes


@pytest.mark.parametrize(
    ("content", "needles"),
    [
        ("这不是 JSON", ["不是有效的 JSON", "第 1 行"]),
        ({"format": "other", "version": 1, "case": {}}, ["format", "weiquan-case"]),
        ({"format": "weiquan-case", "version": 99, "case": {}}, ["version", "更新"]),
    ],
)
def test_bad_files_exit_2_with_chinese_message(tmp_path, content, needles, run_cli):
    done = run_cli("check", write(tmp_path, content))
    assert done.returncode == 2
    assert done.stdout == ""
    for needle in needles:
        assert needle in done.stderr
    assert "Traceback" not in done.stderr


def test_bad_money_and_date_name_their_fields(tmp_path, run_cli):
    doc = good_doc()
    doc["case"]["order"]["amount"] = 500.5
    doc["case"]["order"]["ordered_at"] = "2026-09-31T12:00"
    done = run_cli("check", write(tmp_path, doc))
    assert done.returncode == 2
    assert "case.order.amount" in done.stderr and "带引号" in done.stderr
    assert "case.order.ordered_at" in done.stderr and "2026年9月没有31日" in done.stderr
    assert "2 处问题" in done.stderr


def test_missing_file(tmp_path, run_cli):
    done = run_cli("check", str(tmp_path / "nope.json"))
    assert done.returncode == 2 and "找不到文件" in done.stderr


def test_unknown_letter_kind(run_cli):
    done = run_cli("draft", str(GOOD), "--letter", "poem")
    assert done.returncode == 2
    assert "不认识的文书类型“poem”" in done.stderr and "12315" in done.stderr


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        ([], "缺少命令"),
        (["judge", "x.json"], "不认识的命令"),
        (["check"], "请给出一个案件文件"),
        (["check", "a.json", "b.json"], "只能给出一个案件文件"),
        (["check", str(GOOD), "--today"], "后面缺少值"),
        (["check", str(GOOD), "--today", "2026-02-30"], "--today"),
        (["check", str(GOOD), "--today=yesterday"], "--today"),
        (["check", str(GOOD), "--letter", "12315"], "--letter 只用于 draft"),
        (["check", str(GOOD), "-v"], "不认识的选项 -v"),
        (["draft", str(GOOD)], "需要 --letter"),
    ],
)
def test_usage_errors_exit_2(capsys, argv, needle):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert needle in err and "Traceback" not in err


def test_help(capsys):
    assert main(["--help"]) == 0
    assert "python -m weiquan check" in capsys.readouterr().out


def test_help_lists_every_letter_kind_and_the_word_option(capsys):
    from weiquan.letters import LETTER_LABELS

    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for kind, label in LETTER_LABELS.items():
        assert re.search(rf"^\s+{re.escape(kind)}\s+{re.escape(label)}$", out, re.M), kind
    assert "--docx" in out


def test_draft_writes_the_word_file_and_refuses_docx_for_check(capsys, tmp_path):
    out = tmp_path / "起诉状.docx"
    assert main(["draft", str(GOOD), "--letter", "complaint-elements", "--docx", str(out)]) == 0
    assert "民事起诉状" in capsys.readouterr().out
    assert out.read_bytes()[:2] == b"PK"
    assert main(["check", str(GOOD), "--docx", str(out)]) == 2
    assert "--docx 只用于 draft" in capsys.readouterr().err


def test_draft_prints_the_letter(capsys, monkeypatch):
    import types

    from weiquan import letters

    monkeypatch.setattr(
        letters,
        "draft",
        lambda case, kind, today: types.SimpleNamespace(
            text=f"投诉书\n订单号：{case['order']['id']}\n",
            missing=["case.merchant.site"],
            warnings=[],
            sections=[],
            blocks=[],
        ),
    )
    assert main(["draft", str(GOOD), "--letter=12315", "--today", "2026-10-09"]) == 0
    out, err = capsys.readouterr()
    assert out == "投诉书\n订单号：WT0915-7731\n"
    assert "case.merchant.site" in err


def test_unexpected_errors_exit_1_without_traceback(capsys, monkeypatch):
    from weiquan import api

    monkeypatch.setattr(api, "check_case", lambda case, today: 1 / 0)
    assert main(["check", str(GOOD)]) == 1
    err = capsys.readouterr().err
    assert "内部错误（ZeroDivisionError）" in err and "Traceback" not in err
