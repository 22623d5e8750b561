from __future__ import annotations

import pytest
from weiquan import datafiles


def test_reads_from_the_checkout():
    assert "[[year]]" in datafiles.read_text("holidays.toml")
    assert datafiles.locate("rules.toml").parent.name == "content"


def test_packaged_copy_wins(tmp_path, monkeypatch):
    (tmp_path / "holidays.toml").write_text("# packaged", encoding="utf-8")
    monkeypatch.setattr(datafiles, "_PACKAGED", tmp_path)
    assert datafiles.read_text("holidays.toml") == "# packaged"
    assert "[[rule]]" in datafiles.read_text("rules.toml")  # falls back per file


@pytest.mark.parametrize("name", ["../pyproject.toml", "/etc/passwd", "", "letters/../../x"])
def test_refuses_paths_outside_content(name):
    with pytest.raises(ValueError, match="数据文件名不合法"):
        datafiles.read_text(name)


def test_missing_file_is_named():
    with pytest.raises(FileNotFoundError, match=r"nothing\.toml"):
        datafiles.read_text("nothing.toml")


# ---------------------------------------------------------------- content errors and lines

SAMPLE = """\
# a comment [not.a.table]
title = "x"

[common.grounds]
fraud = ["cpl-55"]
refund = [
  "cc-577",
  "cc-563",  # a comment
]

[[source]]
id = "taobao-order"
min_labels = 3

[[source]]
id = "alipay-bill"
min_labels = 2
  [[source.label]]
  field = "order.id"
  [[source.label]]
  field = "order.amount"

[problem.x]
note = \"\"\"
[problem.y]
fake = 1
\"\"\"
grounds = { refund = ["cpl-24"] }
"""


@pytest.mark.parametrize(
    ("key", "value", "line"),
    [
        ("title", None, 2),
        ("common.grounds", None, 4),
        ("common.grounds.fraud", None, 5),
        ("common.grounds.refund", None, 6),
        ("common.grounds.refund", "cc-563", 8),  # the item inside a multi-line list
        ("source[0].min_labels", None, 13),
        ("source[alipay-bill].min_labels", None, 17),  # an element named by its id
        ("source[1].label[1].field", None, 21),
        ("source[alipay-bill].label[0]", None, 18),
        ("problem.x.grounds.refund", None, 28),  # inside an inline table: its line
        ("problem.x.missing", None, 23),  # absent: the table that should hold it
        ("problem.y", None, None),  # only inside a multi-line string
        ("nothing.here", None, None),
    ],
)
def test_line_of_a_dotted_key(key, value, line):
    assert datafiles.line_of(SAMPLE, key, value) == line


def test_a_content_error_reads_file_line_key_and_message():
    error = datafiles.ContentError("problems.toml", "problem.x.grounds.refund", 123, "未知")
    assert str(error) == "content/problems.toml:123 problem.x.grounds.refund: 未知"
    assert str(datafiles.ContentError("rules.toml", "", None, "坏了")) == "content/rules.toml: 坏了"
    assert isinstance(error, ValueError)


def test_malformed_toml_names_its_line():
    with pytest.raises(datafiles.ContentError) as raised:
        datafiles.parse_toml("x.toml", 'a = 1\nb = "open\n')
    assert raised.value.file == "x.toml" and raised.value.line == 2
    assert str(raised.value).startswith("content/x.toml:2: 不是有效的 TOML")


def test_the_packaged_json_twin_is_read_as_the_same_data(tmp_path, monkeypatch):
    text = datafiles.read_text("holidays.toml")
    data = datafiles.parse_toml("holidays.toml", text)
    (tmp_path / "holidays.toml.json").write_text(datafiles.to_json(data), encoding="utf-8")
    (tmp_path / "holidays.toml").write_text("broken = = toml", encoding="utf-8")
    monkeypatch.setattr(datafiles, "_PACKAGED", tmp_path)
    assert datafiles.load_toml("holidays.toml") == data  # dates come back as dates
    # A file without a twin is parsed from its TOML.
    assert datafiles.load_toml("clauses.toml") == datafiles.parse_toml(
        "clauses.toml", datafiles.read_text("clauses.toml")
    )
