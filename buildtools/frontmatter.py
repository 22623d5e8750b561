"""The guide's front matter: `key: value` lines between two `---` lines, nothing more."""

from __future__ import annotations

from pathlib import Path

from buildtools.errors import BuildError


def parse_front_matter(text: str, source: Path) -> tuple[dict[str, str], str, int]:
    """Return (meta, body, line number where the body starts)."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        raise BuildError(f"{source}:1: a guide chapter must start with a '---' front matter line.")
    meta: dict[str, str] = {}
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() == "---":
            return meta, "\n".join(lines[number:]), number + 1
        if not line.strip():
            continue
        key, sep, value = line.partition(":")
        if not sep or not key.strip():
            raise BuildError(f"{source}:{number}: front matter line is not 'key: value': {line!r}")
        meta[key.strip()] = value.strip()
    raise BuildError(f"{source}:1: front matter is never closed with a '---' line.")
