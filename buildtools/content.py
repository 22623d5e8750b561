"""Check content/ through the core's own loaders, and pre-parse it for the browser.

The check runs in a fresh Python process (`python -m buildtools.content DIR`) so that the
loaders' caches and the build's own imports cannot hide a mistake, and so that the build may
point it at any content folder (the tests break a copy on purpose). It:

- parses every content/*.toml (a syntax error is reported with its line);
- calls every loader marked `@datafiles.loader(name)` in py/weiquan: they validate their file,
  and every rule id in it against rules.toml; a TOML file no loader checks is an error;
- compiles every letter template in content/letters with the core's own Jinja environment.

On success it prints, as JSON, the pre-parsed twin of each TOML file (datafiles.to_json),
which the wheel ships beside it: the browser then reads JSON instead of parsing TOML.
A failure is one line on stderr, e.g.
"content/problems.toml:31 common.grounds.fraud: 未知的规则编号 cpl-555", and exit status 1.
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

from buildtools.errors import BuildError

ROOT = Path(__file__).resolve().parents[1]


def check(content: Path, package_parent: Path) -> dict[str, bytes]:
    """Check `content` with the core found in `package_parent`; the JSON twins by file name
    (e.g. "rules.toml.json"). BuildError with the file and line on the first mistake."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(package_parent), str(ROOT)])}
    done = subprocess.run(
        [sys.executable, "-m", "buildtools.content", str(content)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    if done.returncode != 0:
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        raise BuildError(lines[-1] if lines else f"content check exited {done.returncode}")
    return {name: text.encode("utf-8") for name, text in json.loads(done.stdout).items()}


def _import_core() -> None:
    """Import every module of the core, so that every @datafiles.loader is registered."""
    import weiquan

    for module in pkgutil.iter_modules(weiquan.__path__):
        if not module.name.startswith("_"):
            importlib.import_module(f"weiquan.{module.name}")


def _compile_letters(content: Path) -> None:
    import jinja2
    from weiquan import datafiles, letters

    # The environment the letters are drafted with: its filters and settings.
    environment = letters._environment()
    for path in sorted((content / "letters").glob("*.j2")):
        try:
            environment.get_template(path.name)
        except jinja2.TemplateSyntaxError as e:
            name = f"letters/{e.name or path.name}"
            raise datafiles.ContentError(name, "", e.lineno, f"模板无法编译：{e.message}") from None


def run(content: Path) -> dict[str, str]:
    from weiquan import datafiles

    datafiles.use_root(content)
    _import_core()
    twins = {}
    for path in sorted(content.glob("*.toml")):
        data = datafiles.parse_toml(path.name, path.read_text("utf-8"))
        if path.name not in datafiles.LOADERS:
            raise datafiles.ContentError(
                path.name,
                "",
                None,
                f'no loader checks this file: mark its loader @datafiles.loader("{path.name}")',
            )
        twins[f"{path.name}.json"] = datafiles.to_json(data)
    for name, loaders in sorted(datafiles.LOADERS.items()):
        for load in loaders:
            try:
                load()
            except datafiles.ContentError:
                raise
            except FileNotFoundError as e:
                raise datafiles.ContentError(name, "", None, f"file is missing ({e})") from None
            except Exception as e:  # a loader that crashes is a content mistake it missed
                message = f"loading it failed: {type(e).__name__}: {e}"
                raise datafiles.ContentError(name, "", None, message) from None
    _compile_letters(content)
    return twins


def main(argv: list[str]) -> int:
    from weiquan import datafiles

    try:
        twins = run(Path(argv[0]).resolve())
    except datafiles.ContentError as e:
        print(e, file=sys.stderr)
        return 1
    print(json.dumps(twins, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
