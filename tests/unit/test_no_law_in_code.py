"""No article number and no law name in the Python core: they live in content/ and are
cited through rule ids (issue 20). Walks every string constant (docstrings included)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "py" / "weiquan"
LAW = re.compile(
    r"第[一二三四五六七八九十百千零〇两\d]+条"
    r"|民法典|消费者权益保护法|消法|电子商务法|民事诉讼法|民诉法|法释|诉讼费用交纳办法|处罚办法"
)
MUST_BE_CLEAN = {"flow.py", "deadlines.py", "knowledge.py", "routes.py"}


def _offending(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        f"{path.name}:{node.lineno}: {LAW.search(node.value).group()}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and LAW.search(node.value)
    ]


@pytest.mark.parametrize("path", sorted(PACKAGE.glob("*.py")), ids=lambda p: p.name)
def test_no_article_number_or_law_name_in_code(path):
    assert _offending(path) == []


def test_the_route_modules_are_walked():
    assert all((PACKAGE / name).is_file() for name in MUST_BE_CLEAN)


def test_the_guard_sees_an_article_number(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('"""Doc."""\nWHY = "依据民法典第五百六十三条"\n', encoding="utf-8")
    assert len(_offending(sample)) == 1
