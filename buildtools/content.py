"""Check content/ through the core's own loaders, and pre-parse it for the browser.

The check runs in a fresh Python process (`python -m buildtools.content DIR`) so that the
loaders' caches and the build's own imports cannot hide a mistake, and so that the build may
point it at any content folder (the tests break a copy on purpose). It:

- parses every content/*.toml (a syntax error is reported with its line);
- calls every loader in py/weiquan: each function marked `@datafiles.loader(name)`, and every
  cached function of no arguments (`@lru_cache`/`@cache`: how the core loads content). They
  validate their file, and every rule id in it against rules.toml; a TOML file that no loader
  reads is an error;
- compiles every letter template in content/letters with the core's own Jinja environment.

On success it prints, as JSON, the pre-parsed twin of each TOML file (datafiles.to_json),
which the wheel ships beside it: the browser then reads JSON instead of parsing TOML.
A failure is one line on stderr, e.g.
"content/problems.toml:31 common.grounds.fraud: 未知的规则编号 cpl-555", and exit status 1.
"""

from __future__ import annotations

import importlib
import inspect
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


def _loaders() -> list[tuple[str, object]]:
    """Every content loader of the core, with a name for messages: the ones marked
    @datafiles.loader and every module-level cached function that takes no arguments."""
    import weiquan
    from weiquan import datafiles

    found: dict[int, tuple[str, object]] = {}
    for module in pkgutil.iter_modules(weiquan.__path__):
        if module.name.startswith("_"):
            continue
        label = f"weiquan.{module.name}"
        try:
            loaded = importlib.import_module(label)
        except datafiles.ContentError:
            raise
        except Exception as e:  # a module that loads content as it is imported
            message = f"importing {label} failed: {type(e).__name__}: {e}"
            raise datafiles.ContentError(_last_read(label), "", None, message) from None
        for name, function in vars(loaded).items():
            if not (callable(function) and hasattr(function, "cache_clear")):
                continue
            if getattr(function, "__module__", None) != loaded.__name__:
                continue
            wrapped = getattr(function, "__wrapped__", function)
            required = [
                p
                for p in inspect.signature(wrapped).parameters.values()
                if p.default is p.empty and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
            ]
            if not required:
                found[id(function)] = (f"{loaded.__name__}.{name}", function)
    for name, functions in datafiles.LOADERS.items():
        for function in functions:
            found.setdefault(id(function), (name, function))
    return sorted(found.values(), key=lambda item: item[0])


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
    datafiles.READ.clear()
    twins = {}
    for path in sorted(content.glob("*.toml")):
        data = datafiles.parse_toml(path.name, path.read_text("utf-8"))
        twins[f"{path.name}.json"] = datafiles.to_json(data)
    loaders = _loaders()
    for _, load in loaders:
        if hasattr(load, "cache_clear"):  # a module may have loaded content as it was imported
            load.cache_clear()
    for label, load in loaders:
        try:
            load()
        except datafiles.ContentError:
            raise
        except FileNotFoundError as e:
            missing = f"file is missing ({e})"
            raise datafiles.ContentError(_last_read(label), "", None, missing) from None
        except Exception as e:  # a loader's own error type, or a crash on a mistake it missed
            message = f"{label} failed: {type(e).__name__}: {e}"
            raise datafiles.ContentError(_last_read(label), "", None, message) from None
    for path in sorted(content.glob("*.toml")):
        if path.name not in datafiles.READ:
            message = "no loader in py/weiquan reads this file, so nothing checks it"
            raise datafiles.ContentError(path.name, "", None, message)
    _compile_letters(content)
    return twins


def _last_read(label: str) -> str:
    """The file a failing loader was reading: the last one read (the loader's own name if none)."""
    from weiquan import datafiles

    return next(reversed(datafiles.READ), label)


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
