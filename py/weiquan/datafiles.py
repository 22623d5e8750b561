"""Access to the data files in `content/` (holidays, rules, letter templates, guide).

The same code runs from a repo checkout and from the browser wheel, so a file is looked
up in two places: `weiquan/_content/` (the wheel ships content there because Pyodide has
no repo checkout) and then the repo's `content/` directory.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

_PACKAGED = Path(__file__).parent / "_content"
_HERE = Path(__file__).resolve()
# py/weiquan/datafiles.py → repo root; an installed wheel may sit too shallow for that.
_CHECKOUT = _HERE.parents[2] / "content" if len(_HERE.parents) > 2 else _PACKAGED


def _safe_parts(name: str) -> tuple[str, ...]:
    # Names come from code, but a stray "../" would read outside content/ — refuse it.
    path = PurePosixPath(name)
    if not name or path.is_absolute() or any(part in ("..", "") for part in path.parts):
        raise ValueError(f"数据文件名不合法：{name!r}（应为 content/ 下的相对路径）")
    return path.parts


def locate(name: str) -> Path:
    """The file that `read_text(name)` would read; FileNotFoundError when neither exists."""
    parts = _safe_parts(name)
    for root in (_PACKAGED, _CHECKOUT):
        candidate = root.joinpath(*parts)
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"找不到数据文件 {name}（已查找 {_PACKAGED} 和 {_CHECKOUT}）")


def read_text(name: str) -> str:
    """Text of `content/<name>` (UTF-8), e.g. read_text("holidays.toml")."""
    return locate(name).read_text(encoding="utf-8")
