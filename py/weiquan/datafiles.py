"""Access to the data files in `content/` (holidays, rules, letter templates, guide).

The same code runs from a repo checkout and from the browser wheel, so a file is looked
up in two places: `weiquan/_content/` (the wheel ships content there because Pyodide has
no repo checkout) and then the repo's `content/` directory.

Every content loader reads TOML through `load_toml` and reports a mistake as one error
type, `ContentError`, naming the file, the key and the line. The build (build.py) calls
every loader (marked `@loader(...)`, or cached with no arguments) and fails on the first
such error; it also ships
each TOML file pre-parsed as `<name>.json` beside it, which `load_toml` prefers: JSON
parses about 25 times faster than TOML, and the browser parses it on a phone.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path, PurePosixPath

_PACKAGED = Path(__file__).parent / "_content"
_HERE = Path(__file__).resolve()
# py/weiquan/datafiles.py → repo root; an installed wheel may sit too shallow for that.
_CHECKOUT = _HERE.parents[2] / "content" if len(_HERE.parents) > 2 else _PACKAGED
# Set by use_root() (the build's content check): then only that folder is read.
_ROOT: Path | None = None

# Texts that stand in for files (tests: see `replaced`).
_REPLACED: dict[str, str] = {}
# The names read so far, last one last: the build's check asks which files its loaders read.
READ: dict[str, None] = {}

# Loaders of each content file, by file name: the build calls them all (see `loader`).
LOADERS: dict[str, list[Callable[[], object]]] = {}


class ContentError(ValueError):
    """A content file is wrong. str(): "content/problems.toml:123 problem.x.grounds.refund:
    未知的规则编号 cc-999" — file, line (when known), dotted key (when known), what to fix."""

    def __init__(self, file: str, key: str = "", line: int | None = None, message: str = ""):
        self.file, self.key, self.line, self.message = file, key, line, message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"content/{self.file}" + (f":{self.line}" if self.line else "")
        return f"{where} {self.key}: {self.message}" if self.key else f"{where}: {self.message}"

    def __reduce__(self):
        return (type(self), (self.file, self.key, self.line, self.message))


def error(
    file: str, key: str, message: str, *, value: object = None, text: str | None = None
) -> ContentError:
    """A ContentError at `key` of `file`, its line looked up in the file's text (`text`, else
    the file as read now). `value` (e.g. the unknown rule id) narrows the line inside a list."""
    if text is None:
        try:
            text = read_text(file)
        except (OSError, ValueError):
            text = ""
    return ContentError(file, key, line_of(text, key, value), message)


def located(exc: ContentError, text: str) -> ContentError:
    """`exc` with its line looked up in `text`, for a parser that raised it without one."""
    if exc.line or not exc.key:
        return exc
    return type(exc)(exc.file, exc.key, line_of(text, exc.key), exc.message)


def loader(name: str):
    """Mark the function that loads and validates content/<name> (no arguments, cached).

    The build calls every marked loader, so a mistake in the file fails `make build` with
    its file and line instead of failing in the browser on first use.
    """

    def mark(function):
        LOADERS.setdefault(name, []).append(function)
        return function

    return mark


def checked(name: str, check):
    """The loader of content/<name>: parsed (load_toml), checked by `check(data)` once, cached,
    and marked for the build. `load.cache_clear()` forgets it (tests that replace the file)."""

    @loader(name)
    @lru_cache(maxsize=1)
    def load() -> dict:
        data = load_toml(name)
        check(data)
        return data

    return load


def use_root(folder: Path | None) -> None:
    """Read content only from `folder` (None: back to the wheel's copy, then the checkout)."""
    global _ROOT
    _ROOT = Path(folder) if folder is not None else None


def _roots() -> tuple[Path, ...]:
    return (_ROOT,) if _ROOT is not None else (_PACKAGED, _CHECKOUT)


def _safe_parts(name: str) -> tuple[str, ...]:
    # Names come from code, but a stray "../" would read outside content/ — refuse it.
    path = PurePosixPath(name)
    if not name or path.is_absolute() or any(part in ("..", "") for part in path.parts):
        raise ValueError(f"数据文件名不合法：{name!r}（应为 content/ 下的相对路径）")
    return path.parts


def locate(name: str) -> Path:
    """The file that `read_text(name)` would read; FileNotFoundError when neither exists."""
    parts = _safe_parts(name)
    for root in _roots():
        candidate = root.joinpath(*parts)
        if candidate.is_file():
            return candidate
    searched = " 和 ".join(str(r) for r in _roots())
    raise FileNotFoundError(f"找不到数据文件 {name}（已查找 {searched}）")


def read_text(name: str) -> str:
    """Text of `content/<name>` (UTF-8), e.g. read_text("holidays.toml")."""
    READ.pop(name, None)
    READ[name] = None
    if name in _REPLACED:
        return _REPLACED[name]
    return locate(name).read_text(encoding="utf-8")


class replaced:  # lower case: used like a function, `with replaced(name, text):`
    """Within the block, content/<name> reads as `text` (for tests that break a file on
    purpose). Loaders cache what they read: clear the loader's cache before and after."""

    def __init__(self, name: str, text: str):
        self.name, self.text = name, text

    def __enter__(self):
        _REPLACED[self.name] = self.text

    def __exit__(self, *exc):
        _REPLACED.pop(self.name, None)


# ---------------------------------------------------------------- TOML, and its JSON twin


def load_toml(name: str) -> dict:
    """The data of content/<name>: the build's pre-parsed JSON when the wheel has it, else
    the TOML parsed here. Malformed TOML raises ContentError with the line."""
    if _ROOT is None and name not in _REPLACED:
        twin = _PACKAGED.joinpath(*_safe_parts(name + ".json"))
        if twin.is_file():
            return json.loads(twin.read_text(encoding="utf-8"), object_hook=_revive)
    return parse_toml(name, read_text(name))


def parse_toml(name: str, text: str) -> dict:
    """`text` parsed as TOML; ContentError (file and line) when it is not valid TOML."""
    import tomllib  # only when there is no pre-parsed JSON: the browser never needs it

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        line = getattr(exc, "lineno", None) or (int(found[1]) if found else None)
        raise ContentError(name, "", line, f"不是有效的 TOML：{exc}") from None


# TOML has dates and times, JSON has not: they travel as {"$date": "2026-10-01"} etc.
_TAGS: dict[str, Callable[[str], object]] = {
    "$date": dt.date.fromisoformat,
    "$datetime": dt.datetime.fromisoformat,
    "$time": dt.time.fromisoformat,
}


def _tagged(value: object) -> dict:
    if isinstance(value, dt.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, dt.time):
        return {"$time": value.isoformat()}
    raise TypeError(f"cannot store {type(value).__name__} as JSON")


def _revive(obj: dict) -> object:
    if len(obj) == 1:
        ((tag, text),) = obj.items()
        if tag in _TAGS and isinstance(text, str):
            return _TAGS[tag](text)
    return obj


def to_json(data: dict) -> str:
    """The JSON twin that load_toml reads back as the same data (key order kept)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=_tagged)


# ---------------------------------------------------------------- where a key is


_BARE = r"[A-Za-z0-9_-]+"
_QUOTED = r'"(?:[^"\\]|\\.)*"|\'[^\']*\''
_PART = rf"(?:{_BARE}|{_QUOTED})"
_DOTTED = rf"{_PART}(?:\s*\.\s*{_PART})*"
_HEADER = re.compile(rf"\s*(\[\[?)\s*({_DOTTED})\s*\]\]?")
_KEY = re.compile(rf"\s*({_DOTTED})\s*=\s*")
_SEGMENT = re.compile(rf"({_PART})\s*\.?\s*")
_TARGET = re.compile(r"([^.\[\]]+)|\[([^\]]*)\]")


class _Selector(str):
    """`source[taobao-order]` in a key: the element of an array of tables whose id is that."""


def _parts(dotted: str) -> list[str]:
    return [p.strip("\"'") for p in _SEGMENT.findall(dotted)]


def _target(key: str) -> list:
    out: list = []
    for name, index in _TARGET.findall(key):
        if name:
            out.append(name)
        elif index.isdigit():
            out.append(int(index))
        else:
            out.append(_Selector(index.strip("\"'")))
    return out


def _scan(text: str) -> tuple[list[tuple[tuple, int]], dict[tuple, str]]:
    """Every table header and key of a TOML text as (path, line): a path is the key's parts
    with the index of each array-of-tables element ("year", 0, "holiday", 2, "off"). Also the
    `id` of each array element, so errors may name an element by its id."""
    entries: list[tuple[tuple, int]] = []
    ids: dict[tuple, str] = {}
    counts: dict[tuple, int] = {}
    table: tuple = ()
    depth, in_string = 0, ""

    def resolve(parts: list[str]) -> tuple:
        path: tuple = ()
        for part in parts:
            path += (part,)
            if path in counts:
                path += (counts[path],)
        return path

    for number, line in enumerate(text.splitlines(), 1):
        rest = line
        if not in_string and depth == 0:
            header, key = _HEADER.match(line), _KEY.match(line)
            if header:
                parts = _parts(header[2])
                if header[1] == "[[":
                    array = (*resolve(parts[:-1]), parts[-1])
                    counts[array] = counts.get(array, -1) + 1
                    table = (*array, counts[array])
                else:
                    table = resolve(parts)
                entries.append((table, number))
                rest = line[header.end() :]
            elif key:
                path = table + tuple(_parts(key[1]))
                entries.append((path, number))
                rest = line[key.end() :]
                value = re.match(rf"\s*({_QUOTED})", rest)
                if path[-1] == "id" and table and isinstance(table[-1], int) and value:
                    ids[table] = value[1][1:-1]
        depth, in_string = _brackets(rest, depth, in_string)
    return entries, ids


def _brackets(rest: str, depth: int, in_string: str) -> tuple[int, str]:
    """Bracket depth and open multi-line string after `rest` (comments and strings skipped)."""
    i = 0
    while i < len(rest):
        if in_string:
            end = rest.find(in_string, i)
            if end < 0:
                return depth, in_string
            i, in_string = end + len(in_string), ""
            continue
        char = rest[i]
        if rest.startswith(('"""', "'''"), i):
            in_string, i = rest[i : i + 3], i + 3
        elif char in "\"'":
            end = re.match(_QUOTED, rest[i:])
            i += end.end() if end else len(rest)
        elif char == "#":
            break
        else:
            depth += (char in "[{") - (char in "]}")
            i += 1
    return depth, in_string


def _matched(target: list, path: tuple, ids: dict[tuple, str]) -> int:
    """How many parts of `target` the whole of `path` matches (0: `path` is elsewhere).
    Array indices may be left out of `target`: then any element matches."""
    count, i = 0, 0
    for part in target:
        if i < len(path) and isinstance(path[i], int) and type(part) is str:
            i += 1  # an index the key leaves out: any element
        if i >= len(path):
            break
        here = path[i]
        if isinstance(part, _Selector):
            if not isinstance(here, int) or ids.get(path[: i + 1]) != part:
                break
        elif here != part:
            break
        count, i = count + 1, i + 1
    rest = path[i:]
    return count if all(isinstance(part, int) for part in rest) else 0


def line_of(text: str, key: str, value: object = None) -> int | None:
    """The line (1-based) of dotted `key` in a TOML text, e.g. "problem.x.grounds.refund",
    "year[1].holiday[0].work", "source[taobao-order].min_labels" (the element whose id is
    taobao-order). A key that is absent gives its nearest enclosing table. With `value`, the
    line inside the key's value where that string appears (an item of a multi-line list)."""
    if not text or not key:
        return None
    entries, ids = _scan(text)
    target = _target(key)
    best, best_found = None, 0
    for index, (path, _) in enumerate(entries):
        found = _matched(target, path, ids)
        if found > best_found:  # the deepest key or table that encloses `key`
            best, best_found = index, found
    if best is None:
        return None
    path, line = entries[best]
    if value is not None:
        lines = text.splitlines()
        end = next((ln - 1 for p, ln in entries[best + 1 :] if p[: len(path)] != path), len(lines))
        quoted = re.compile(rf"[\"']{re.escape(str(value))}[\"']")
        for number in range(line, end + 1):
            if quoted.search(lines[number - 1]):
                return number
    return line
