"""Build the static site into dist/: vendor → gather → render → write.

Every phase is a function. Nothing is written to dist/ until everything has been gathered and
rendered in memory; the result replaces dist/ in one rename, so a failed build never leaves a
half-written site behind.

    python build.py [--out DIR] [--strict] [--cache DIR]
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import re
import shutil
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import markdown
import markupsafe

from buildtools import compress, protocol_tables, statutory_holidays
from buildtools import content as content_check
from buildtools import vendor as vendoring
from buildtools.errors import BuildError
from buildtools.frontmatter import parse_front_matter
from buildtools.wheel import build_wheel

ROOT = Path(__file__).resolve().parent
SITE = ROOT / "site"
CONTENT = ROOT / "content"
PACKAGE = ROOT / "py" / "weiquan"
DEFAULT_CACHE = ROOT / ".cache" / "vendor"
# Compressed outputs by their input's sha256 (brotli at quality 11 is slow; see compress.py).
COMPRESS_CACHE = ROOT / ".cache" / "compressed"
APP_VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]

# Files served under their own names at the top of dist/ (not content-hashed).
ROOT_FILES = ("manifest.webmanifest", "icon.svg", "icon-192.png", "icon-512.png")

# Content files the Python core reads at run time (through weiquan.datafiles); each TOML file
# also travels pre-parsed as <name>.json (see buildtools/content.py).
CORE_DATA = ("*.toml", "letters/*.j2")

# The on-device text recogniser (识别截图): our modules in site/ocr/ beside the vendored runtime
# and models, all in dist/ocr/<hash>/. Fetched when a person first asks, never precached.
OCR_SOURCES = SITE / "ocr"
OCR_PLACEHOLDERS = ("paste-box.js", "sw.js")

# The one inline script, boot.js, is allowed by its hash: see inline_boot_script.
INLINE_SCRIPT = "boot.js"


def csp(boot_hash: str) -> str:
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' 'wasm-unsafe-eval' '{boot_hash}'",
            "connect-src 'self'",
            "worker-src 'self'",
            "img-src 'self' data: blob:",
            "style-src 'self'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
        ]
    )


def security_headers(boot_hash: str) -> dict[str, str]:
    return {
        "Content-Security-Policy": csp(boot_hash),
        "Referrer-Policy": "no-referrer",
        "X-Content-Type-Options": "nosniff",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    }


@dataclass
class Chapter:
    slug: str
    title: str
    order: int
    summary: str
    html: str
    source: Path


@dataclass
class Gathered:
    chapters: list[Chapter]
    templates: jinja2.Environment
    assets: dict[str, bytes]  # site/ static files by name (app.js, worker.js, style.css, …)
    ui: dict  # vocabularies, problems, letter kinds: pre-rendered so forms work before Python boots
    app_wheel: tuple[str, bytes]
    warnings: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- gather


def gather(strict: bool = False) -> Gathered:
    warnings: list[str] = []
    chapters = gather_guide(CONTENT / "guide", warnings)
    if strict and warnings:
        raise BuildError("strict mode: " + "; ".join(warnings))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(SITE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    assets = {
        p.name: p.read_bytes()
        for p in sorted(SITE.iterdir())
        if p.is_file() and p.suffix in {".js", ".css", ".svg", ".png", ".webmanifest"}
    }
    for needed in ("app.js", "worker.js", "style.css", "sw.js", INLINE_SCRIPT, *ROOT_FILES):
        if needed not in assets:
            raise BuildError(f"{SITE / needed}: file is missing; the page cannot start without it.")
    assets["protocol.js"] = protocol_js(assets.get("protocol.js"))
    compile_site_templates(env)
    twins = check_content()
    wheel = build_app_wheel(twins)
    ui = core_ui_data()
    return Gathered(chapters, env, assets, ui, wheel, warnings)


def protocol_js(source: bytes | None) -> bytes:
    """site/protocol.js with its tables written from the core's weiquan.protocol, so the page
    never carries a stale copy of the calls or the error codes."""
    if source is None:
        raise BuildError(
            f"{protocol_tables.SOURCE}: file is missing; the page cannot start without it."
        )
    block = protocol_tables.generate(protocol_tables.current_protocol())
    return protocol_tables.splice(source.decode("utf-8"), block).encode("utf-8")


def compile_site_templates(env: jinja2.Environment) -> None:
    """Every template under site/templates compiles, or the build names its file and line."""
    folder = SITE / "templates"
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        try:
            env.get_template(path.relative_to(folder).as_posix())
        except jinja2.TemplateSyntaxError as e:
            where = f"{e.filename or path}:{e.lineno}"
            raise BuildError(f"{where}: template error: {e.message}") from None


def check_content() -> dict[str, bytes]:
    """Every content file through the core's own loaders (rule ids resolved, letter templates
    compiled, see buildtools/content.py); the pre-parsed JSON twins of the TOML files."""
    statutory = CONTENT / "holidays-statutory.toml"
    if statutory.is_file():  # a missing one is named by the content check
        try:
            problem = statutory_holidays.stale(statutory)
        except ImportError as e:
            missing = f"{e.name} is missing: install requirements/dev.txt (make build)"
            raise BuildError(missing) from None
        if problem:
            raise BuildError(problem)
    return content_check.check(CONTENT, PACKAGE.parent)


def core_ui_data() -> dict:
    """Ask the same core the browser runs, natively, for everything the shell renders the case
    from (weiquan.describe); the page carries it as JSON, so forms work before Python boots."""
    sys.path.insert(0, str(PACKAGE.parent))
    try:
        from weiquan import describe, fields
    finally:
        sys.path.pop(0)
    shell = describe.shell_data()
    # Inside <script type="application/json"> only "</" could end the block early.
    as_json = json.dumps(shell, ensure_ascii=False).replace("</", "<\\/")
    rendered = ("vocab", "intake_steps", "demand_form", "letters")
    # Each screen draws its declared fields (content/fields.toml); a row template reads the
    # labels of its row's fields.
    declared = {"fields_on": fields.on_screen, "field": fields.field}
    return {**{k: shell[k] for k in rendered}, **declared, "shell_json": markupsafe.Markup(as_json)}


def gather_guide(folder: Path, warnings: list[str]) -> list[Chapter]:
    files = sorted(folder.glob("*.md"))
    if not files:
        raise BuildError(f"{folder}: no guide chapters (*.md) found.")
    md = markdown.Markdown(extensions=["extra", "sane_lists"], output_format="html")
    chapters = []
    for path in files:
        text = path.read_text("utf-8")
        meta, body, body_line = parse_front_matter(text, path)
        for key in ("slug", "title", "order", "summary"):
            if not meta.get(key):
                raise BuildError(f"{path}:1: front matter lacks '{key}'.")
        if not re.fullmatch(r"[a-z0-9-]+", meta["slug"]):
            raise BuildError(f"{path}:1: slug '{meta['slug']}' may use only a-z, 0-9 and '-'.")
        try:
            order = int(meta["order"])
        except ValueError:
            raise BuildError(f"{path}:1: order '{meta['order']}' is not a whole number.") from None
        md.reset()
        try:
            html = shift_headings(md.convert(body))
        except Exception as e:
            raise BuildError(f"{path}:{body_line}: Markdown could not be rendered: {e}") from None
        chapters.append(Chapter(meta["slug"], meta["title"], order, meta["summary"], html, path))
        if len(meta["summary"]) > 40:
            warnings.append(f"{path}: summary is longer than 40 characters")
    seen: dict[str, Path] = {}
    for ch in chapters:
        if ch.slug in seen:
            raise BuildError(f"{ch.source}:1: slug '{ch.slug}' is also used by {seen[ch.slug]}.")
        seen[ch.slug] = ch.source
    for ch in chapters:
        for target in re.findall(r'href="#guide-([a-z0-9-]+)"', ch.html):
            if target not in seen:
                warnings.append(f"{ch.source}: link to unknown chapter '#guide-{target}'")
    return sorted(chapters, key=lambda c: (c.order, c.slug))


def shift_headings(html: str) -> str:
    """Chapter bodies start at ## but sit under the page's own h2 chapter title: go one deeper."""
    return re.sub(r"<(/?)h([1-5])\b", lambda m: f"<{m[1]}h{int(m[2]) + 1}", html)


def build_app_wheel(twins: dict[str, bytes]) -> tuple[str, bytes]:
    if not (PACKAGE / "__init__.py").is_file():
        raise BuildError(f"{PACKAGE}: the weiquan package is missing.")
    files: dict[str, bytes] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        files[f"weiquan/{path.relative_to(PACKAGE).as_posix()}"] = path.read_bytes()
    for pattern in CORE_DATA:
        for path in sorted(CONTENT.glob(pattern)):
            name = path.relative_to(CONTENT).as_posix()
            # A TOML file travels only as its checked JSON twin: the browser reads that, and
            # the TOML's bytes would be downloaded for nothing on every first visit.
            if f"{name}.json" not in twins:
                files[f"weiquan/_content/{name}"] = path.read_bytes()
    for name, data in sorted(twins.items()):
        files[f"weiquan/_content/{name}"] = data
    # Stored: brotli over the whole wheel beats deflate file by file (and the worker unpacks
    # a stored member with no decompressing), see site/wheels.js.
    return build_wheel("weiquan", APP_VERSION, files, requires=["jinja2==3.1.6"], stored=True)


# ---------------------------------------------------------------- render


def hashed_name(name: str, data: bytes) -> str:
    stem, dot, ext = name.rpartition(".")
    return f"{stem}.{hashlib.sha256(data).hexdigest()[:10]}{dot}{ext}"


IMPORT_RE = re.compile(rb'((?:from|import)\s*)"\./([\w.-]+\.js)"')


def hash_assets(assets: dict[str, bytes]) -> dict[str, tuple[str, bytes]]:
    """Content-hash every asset; a module's imports are rewritten to the hashed names first,
    so a change in any imported module changes the importer's name too."""
    done: dict[str, tuple[str, bytes]] = {}

    def visit(name: str, chain: tuple[str, ...]) -> str:
        if name in done:
            return done[name][0]
        if name in chain:
            raise BuildError(f"{SITE / name}: import cycle {' → '.join((*chain, name))}.")
        data = assets[name]
        if name.endswith(".js"):
            for dep in IMPORT_RE.findall(data):
                if dep[1].decode() not in assets:
                    missing = dep[1].decode()
                    raise BuildError(f"{SITE / name}: imports ./{missing}, which does not exist.")

            def swap(m: re.Match) -> bytes:
                return m[1] + b'"./' + visit(m[2].decode(), (*chain, name)).encode() + b'"'

            data = IMPORT_RE.sub(swap, data)
        done[name] = (hashed_name(name, data), data)
        return done[name][0]

    for name in sorted(assets):
        visit(name, ())
    return done


def write_lockfile(vendored: vendoring.Vendored, app_wheel: tuple[str, bytes]) -> bytes:
    """A Pyodide lockfile listing exactly our wheels, each with its sha256.

    loadPyodide({lockFileURL, packages}) then fetches them while the runtime boots and rejects
    any file whose hash differs. The app's wheel lists no dependency: the template engine
    (Jinja2, MarkupSafe) serves letters only, and the worker loads it after it is ready.
    """
    packages = {}
    for w in vendored.wheels:
        packages[w.name] = lock_entry(
            w.name, w.version, w.file_name, w.sha256, w.imports, w.depends
        )
    name, data = app_wheel
    packages["weiquan"] = lock_entry(
        "weiquan", APP_VERSION, name, hashlib.sha256(data).hexdigest(), ["weiquan"], []
    )
    lock = {"info": vendored.lock_info, "packages": packages}
    return json.dumps(lock, indent=1, sort_keys=True).encode()


def lock_entry(name, version, file_name, sha256, imports, depends) -> dict:
    return {
        "name": name,
        "version": version,
        "file_name": file_name,
        "install_dir": "site",
        "sha256": sha256,
        "package_type": "package",
        "imports": list(imports),
        "depends": list(depends),
        "unvendored_tests": False,
        "shared_library": False,
    }


def render(
    g: Gathered, vendored: vendoring.Vendored, compress_cache: Path = COMPRESS_CACHE
) -> dict[str, bytes | Path]:
    out: dict[str, bytes | Path] = {}
    runtime: dict[str, bytes | Path] = dict(vendored.runtime_files)
    runtime["python_stdlib.zip"] = stored_stdlib(runtime["python_stdlib.zip"], compress_cache)
    # The runtime's own folder is named by its bytes, so it can be cached for good (_headers) and
    # the worker's requests reuse the page's preloads from the HTTP cache. The app's wheels and
    # lockfile stay in pyodide/ and change with every release without touching the runtime.
    runtime_dir = f"pyodide/runtime-{digest_of(runtime)[:8]}"
    for name, data in runtime.items():
        out[f"{runtime_dir}/{name}"] = data
    for w in vendored.wheels:
        out[f"pyodide/{w.file_name}"] = w.path
    out[f"pyodide/{g.app_wheel[0]}"] = g.app_wheel[1]

    lock = write_lockfile(vendored, g.app_wheel)
    lock_name = hashed_name("app-lock.json", lock)
    out[f"pyodide/{lock_name}"] = lock

    asset_urls = {}
    ocr_dir, ocr_files = ocr_folder(vendored, compress_cache)
    out.update({f"{ocr_dir}/{name}": data for name, data in ocr_files.items()})
    assets = with_ocr_folder(g.assets, ocr_dir, ocr_files, compress_cache)
    plain = {
        n: d
        for n, d in assets.items()
        if n not in ROOT_FILES and n not in {"worker.js", "sw.js", INLINE_SCRIPT}
    }
    hashed_plain = hash_assets(plain)
    for name, (hashed, data) in hashed_plain.items():
        out[f"assets/{hashed}"] = data
        asset_urls[name] = f"assets/{hashed}"

    # The worker imports our modules (wheels.js) by their hashed names, like any module.
    worker = IMPORT_RE.sub(
        lambda m: m[1] + b'"./' + hashed_plain[m[2].decode()][0].encode() + b'"',
        g.assets["worker.js"]
        .replace(b"%%LOCK_FILE%%", lock_name.encode())
        .replace(b"%%RUNTIME_DIR%%", runtime_dir.encode()),
    )
    worker_name = hashed_name("worker.js", worker)
    out[f"assets/{worker_name}"] = worker
    asset_urls["worker"] = f"assets/{worker_name}"
    # The manifest and its icons keep stable names: installed apps refer to them by URL.
    for name in ROOT_FILES:
        out[name] = g.assets[name]

    boot, boot_hash = inline_boot_script(g.assets[INLINE_SCRIPT])
    try:
        page = g.templates.get_template("index.html").render(
            boot_script=boot,
            chapters=g.chapters,
            assets=asset_urls,
            # Every module app.js imports, so the browser fetches them at once, not level by level.
            modules=sorted(u for n, u in asset_urls.items() if n.endswith(".js") and n != "app.js"),
            runtime_preloads=runtime_preloads(runtime_dir, asset_urls["worker"], lock_name),
            version=APP_VERSION,
            **g.ui,
        )
    except jinja2.TemplateSyntaxError as e:
        raise BuildError(f"{e.filename}:{e.lineno}: template error: {e.message}") from None
    except jinja2.TemplateError as e:
        raise BuildError(f"{SITE / 'templates'}: template error: {e}") from None
    out["index.html"] = page.encode()
    out["_headers"] = headers_file(boot_hash).encode()
    out["sw.js"] = service_worker(assets["sw.js"], out)
    return out


def ocr_folder(vendored: vendoring.Vendored, compress_cache: Path) -> tuple[str, dict[str, bytes]]:
    """The recogniser's files (vendored runtime and models, our worker and panel) and the
    folder they go in, named by their bytes so the page and the service worker may keep them."""
    files = dict(vendored.npm_files)
    for path in sorted(OCR_SOURCES.glob("*.js")):
        files[path.name] = path.read_bytes()
    if not files:
        raise BuildError(f"{OCR_SOURCES}: the recogniser's modules are missing.")
    return f"ocr/{digest_of(files)[:10]}", files


def download_bytes(name: str, data: bytes, compress_cache: Path) -> int:
    """What a browser that accepts brotli downloads for this file (see compress.siblings)."""
    if not compress.compressible(name):
        return len(data)
    packed = compress.compressed(data, ".br", compress_cache)
    return len(packed) if len(packed) <= len(data) * (1 - compress.MIN_GAIN) else len(data)


def ocr_manifest(files: dict[str, bytes], compress_cache: Path) -> dict:
    """Sizes the page shows before the first download and counts progress against."""
    sizes = {name: len(data) for name, data in files.items()}
    download = {name: download_bytes(name, d, compress_cache) for name, d in files.items()}
    return {"sizes": sizes, "download": download, "download_total": sum(download.values())}


def with_ocr_folder(
    assets: dict[str, bytes], ocr_dir: str, files: dict[str, bytes], compress_cache: Path
) -> dict[str, bytes]:
    """paste-box.js learns where the recogniser is and how big it is; sw.js which folder of
    its cache is current. Replaced before hashing, so their names follow."""
    manifest = json.dumps(ocr_manifest(files, compress_cache), sort_keys=True).encode()
    out = dict(assets)
    for name in OCR_PLACEHOLDERS:
        out[name] = (
            out[name]
            .replace(b"%%OCR_DIR%%", ocr_dir.encode())
            .replace(b'"%%OCR_MANIFEST%%"', manifest)
        )
    return out


def digest_of(files: dict[str, bytes | Path]) -> str:
    digest = hashlib.sha256()
    for name in sorted(files):
        data = files[name].read_bytes() if isinstance(files[name], Path) else files[name]
        digest.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()


def runtime_preloads(runtime_dir: str, worker_url: str, lock_name: str) -> list[dict]:
    """What the worker will fetch, for <link rel=preload> in the page's first bytes.

    A dedicated worker has no preload list of its own: its identical requests (same URL, CORS,
    same-origin credentials) are answered from the requests the page already started, so the
    downloads begin as the HTML arrives instead of several round trips later (worker script →
    pyodide.mjs → loadPyodide). That reuse needs URLs the cache may keep without asking again:
    content-hashed names only. The wheels are not preloaded: the weiquan wheel keeps its name
    across releases, and the worker asks for them early enough (with the lockfile) anyway.
    tests/e2e/test_delivery.py checks that nothing is fetched twice.
    """
    # Not the wasm, the stdlib or pyodide.asm.mjs: a page's preload is received and buffered on
    # the main thread, and 20 MB of decoded runtime made seconds of main-thread work under
    # Lighthouse's mobile throttling (total blocking time 8.5 s with them, 0 without). The
    # worker, started at once by boot.js with these two modules already on their way, asks for
    # them itself one round trip later.
    return [
        {"rel": "modulepreload", "href": worker_url},
        {"rel": "modulepreload", "href": f"{runtime_dir}/pyodide.mjs"},
        {"rel": "preload", "href": f"pyodide/{lock_name}", "as": "fetch"},
    ]


# Parts of Python's standard library this app never reaches, left out of the stdlib it ships:
# testing and debugging tools, the interactive console, mail, FTP and XML-RPC clients and
# servers, child processes (WebAssembly has none). About 1.8 MB, 0.3 MB on the wire: a quarter
# of a second on the bench's slow phone. tests/sitebuild/test_stdlib_trim.py checks that no
# call of the app imports any of them.
STDLIB_LEFT_OUT = (
    "__hello__", "__phello__", "_pyrepl", "antigravity", "bdb", "cProfile", "doctest",
    "ftplib", "imaplib", "mailbox", "modulefinder", "multiprocessing", "pdb", "pickletools",
    "poplib", "profile", "pstats", "pyclbr", "pydoc", "smtplib", "socketserver", "tabnanny",
    "this", "timeit", "trace", "unittest", "wsgiref", "xmlrpc", "zipapp",
)  # fmt: skip


def stored_stdlib(data: bytes, cache: Path) -> bytes:
    """Pyodide's stdlib zip with its members stored, so brotli/gzip can shrink it, less
    STDLIB_LEFT_OUT (cached)."""
    trimmed = hashlib.sha256(" ".join(STDLIB_LEFT_OUT).encode()).hexdigest()[:12]
    key = cache / f"{hashlib.sha256(data).hexdigest()}.{trimmed}.stored.zip"
    if key.is_file():
        return key.read_bytes()
    stored = compress.restore_stored(data, STDLIB_LEFT_OUT)
    compress.cache_put(key, stored)
    return stored


def service_worker(template: bytes, out: dict[str, bytes | Path]) -> bytes:
    """sw.js with this build's file list and a version derived from every file's bytes."""
    # The recogniser (dist/ocr/) is not precached: the first visit's bytes stay what they were.
    files = sorted(rel for rel in out if rel != "_headers" and not rel.startswith("ocr/"))
    digest = hashlib.sha256()
    for rel in files:
        data = out[rel].read_bytes() if isinstance(out[rel], Path) else out[rel]
        digest.update(rel.encode() + b"\0" + hashlib.sha256(data).digest())
    urls = ["./" if rel == "index.html" else rel for rel in files]
    return template.replace(b"%%VERSION%%", digest.hexdigest()[:16].encode()).replace(
        b'"%%FILES%%"', json.dumps(urls).encode()
    )


def inline_boot_script(source: bytes) -> tuple[markupsafe.Markup, str]:
    """boot.js as the text of an inline <script>, and its CSP hash source.

    Inline because the parser runs it on reaching it: an external script, even async, ran only
    after the first layout of the pre-rendered guide, which delayed the worker's start by
    ~140 ms on a desktop (several times that on a slow phone). The hash, not 'unsafe-inline',
    keeps every other inline script forbidden."""
    lines = source.decode("utf-8").splitlines()
    # Its comments are for whoever reads site/boot.js, not for every page load.
    text = "\n".join(line for line in lines if not line.lstrip().startswith("//")) + "\n"
    if "</script" in text.lower() or "<!--" in text:
        raise BuildError(f"{SITE / INLINE_SCRIPT}: cannot be inlined: it contains </script or <!--")
    digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
    return markupsafe.Markup(text), f"sha256-{digest}"


def headers_file(boot_hash: str) -> str:
    lines = ["/*"] + [f"  {k}: {v}" for k, v in security_headers(boot_hash).items()]
    lines += ["/assets/*", "  Cache-Control: public, max-age=31536000, immutable"]
    # pyodide/runtime-<hash>/, ocr/<hash>/ and the lockfile are named by their bytes; the wheels
    # are not.
    for pattern in ("/pyodide/*/*", "/pyodide/app-lock.*", "/ocr/*/*"):
        lines += [pattern, "  Cache-Control: public, max-age=31536000, immutable"]
    return "\n".join(PRECOMPRESSED_NOTE + lines) + "\n"


# Written at the top of dist/_headers for whoever deploys dist/.
PRECOMPRESSED_NOTE = [
    "# Every compressible file X in this folder has X.br (brotli) and X.gz (gzip) beside it.",
    "# Serve them precompressed: when a request's Accept-Encoding allows br (else gzip), answer",
    "# with the sibling's bytes, `Content-Encoding: br|gzip`, `Vary: Accept-Encoding` and the",
    "# Content-Type of X. Most static hosts and servers do this with one setting (often called",
    "# precompressed or static compression); serve.py shows the exact behaviour.",
]


# ---------------------------------------------------------------- write


def write(outputs: dict[str, bytes | Path], dist: Path) -> None:
    """Write everything into a fresh sibling folder, then swap it in."""
    dist.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{dist.name}-", dir=dist.parent))
    try:
        for rel, data in outputs.items():
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(data, Path):
                shutil.copyfile(data, target)
            else:
                target.write_bytes(data)
        old = dist.with_name(f".{dist.name}-old")
        if old.exists():
            shutil.rmtree(old)
        if dist.exists():
            dist.rename(old)
        staging.rename(dist)
        if old.exists():
            shutil.rmtree(old)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


# ---------------------------------------------------------------- main


def build(
    out: Path,
    cache: Path = DEFAULT_CACHE,
    strict: bool = False,
    compress_cache: Path = COMPRESS_CACHE,
) -> list[str]:
    vendored = vendoring.vendor(ROOT / "vendor.toml", cache)
    gathered = gather(strict=strict)
    outputs = render(gathered, vendored, compress_cache)
    outputs.update(compress.siblings(outputs, compress_cache))
    write(outputs, out)
    return gathered.warnings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--strict", action="store_true", help="fail on warnings")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        warnings = build(args.out, args.cache, args.strict)
    except BuildError as e:
        print(f"build failed: {e}", file=sys.stderr)
        return 1
    for w in warnings:
        print(f"warning: {w}", file=sys.stderr)
    print(f"built {args.out} in {time.perf_counter() - started:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
