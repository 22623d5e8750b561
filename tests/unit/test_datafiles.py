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
