"""Fetch, verify and cache what the browser runs that we did not write (see vendor.toml).

Fetching uses the ordinary clients as the machine configures them (`npm pack`, `pip download`);
no registry address appears here. A cached file is used only when its hash matches the pin;
otherwise it is fetched again, and a fetched file that does not match stops the build.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from buildtools.errors import BuildError
from buildtools.wheel import build_wheel


@dataclass
class Wheel:
    name: str
    version: str
    file_name: str
    path: Path
    sha256: str
    imports: list[str]
    depends: list[str]


@dataclass
class Vendored:
    runtime_files: dict[str, bytes]
    lock_info: dict
    wheels: list[Wheel]
    # Files of the [[npm]] pins by their base name (the on-device text recogniser).
    npm_files: dict[str, bytes] = field(default_factory=dict)


def vendor(pins_file: Path, cache: Path) -> Vendored:
    pins = tomllib.loads(pins_file.read_text("utf-8"))
    cache.mkdir(parents=True, exist_ok=True)
    runtime, info = vendor_pyodide(pins["pyodide"], cache)
    wheels = [vendor_wheel(w, cache) for w in pins.get("wheel", [])]
    wheels += [vendor_sdist_as_pure_wheel(s, cache) for s in pins.get("sdist", [])]
    npm_files: dict[str, bytes] = {}
    for pin in pins.get("npm", []):
        npm_files.update(vendor_npm_files(pin, cache))
    return Vendored(runtime, info, wheels, npm_files)


# ---------------------------------------------------------------- hashes


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def npm_integrity_of(path: Path) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(path.read_bytes()).digest()).decode()


def cached(path: Path, matches) -> bool:
    """True when the cached file exists and passes its check; a bad copy is removed."""
    if not path.is_file():
        return False
    if matches(path):
        return True
    path.unlink()
    return False


# ---------------------------------------------------------------- pyodide (npm)


def npm_tarball(name: str, version: str, integrity: str, cache: Path) -> Path:
    """The pinned npm tarball from the cache, fetched (once) when missing or not matching."""
    tgz = cache / f"{name.lstrip('@').replace('/', '-')}-{version}.tgz"
    if not cached(tgz, lambda p: npm_integrity_of(p) == integrity):
        fetch_npm_tarball(f"{name}@{version}", tgz)
        if npm_integrity_of(tgz) != integrity:
            tgz.unlink()
            raise BuildError(
                f"vendor.toml: {name}@{version} as downloaded does not match its pinned "
                "integrity; check the pin and your npm registry setting, then build again."
            )
    return tgz


def vendor_npm_files(pin: dict, cache: Path) -> dict[str, bytes]:
    """The pinned package's listed files, read from the verified tarball, by base name."""
    name, version = pin["name"], pin["version"]
    tgz = npm_tarball(name, version, pin["integrity"], cache)
    wanted = {f"package/{f}": f.rsplit("/", 1)[-1] for f in pin["files"]}
    files: dict[str, bytes] = {}
    with tarfile.open(tgz, "r:gz") as tar:
        for member in tar:
            if member.isfile() and member.name in wanted:
                files[wanted[member.name]] = tar.extractfile(member).read()
    missing = [
        f for f, base in zip(pin["files"], wanted.values(), strict=True) if base not in files
    ]
    if missing:
        raise BuildError(f"vendor.toml: {name}@{version} has no file '{missing[0]}'.")
    return files


def vendor_pyodide(pin: dict, cache: Path) -> tuple[dict[str, bytes], dict]:
    version, integrity = pin["version"], pin["integrity"]
    tgz = npm_tarball("pyodide", version, integrity, cache)
    # The tarball is verified; the runtime files are read from it on every build so that no file
    # edited in the cache can reach dist/. Read into memory, not extracted into the cache: the
    # cache is shared, and builds running at the same time must not pull files from under
    # each other.
    files: dict[str, bytes] = {}
    with tarfile.open(tgz, "r:gz") as tar:
        members = {m.name.removeprefix("package/"): m for m in tar.getmembers() if m.isfile()}
        for name in [*pin["files"], "pyodide-lock.json"]:
            if name not in members:
                raise BuildError(f"vendor.toml: pyodide@{version} has no file '{name}'.")
            files[name] = tar.extractfile(members[name]).read()
    info = json.loads(files.pop("pyodide-lock.json").decode("utf-8"))["info"]
    return files, info


def fetch_npm_tarball(spec: str, dest: Path) -> None:
    npm = shutil.which("npm")
    if npm is None:
        raise BuildError(
            f"npm was not found, and it is needed once to fetch {spec}: install Node.js "
            "(which brings npm), then build again."
        )
    with tempfile.TemporaryDirectory() as tmp:
        proc = subprocess.run(
            [npm, "pack", spec, "--pack-destination", tmp, "--json", "--silent"],
            capture_output=True,
            text=True,
        )
        tarballs = list(Path(tmp).glob("*.tgz"))
        if proc.returncode != 0 or len(tarballs) != 1:
            raise BuildError(
                f"could not fetch {spec} with npm ({last_line(proc.stderr)}); connect to the "
                "package registry once, after which the cache in .cache/vendor needs no network."
            )
        shutil.move(tarballs[0], dest)


# ---------------------------------------------------------------- wheels (pip)


def pip_download(name: str, version: str, sha256: str, binary: bool, dest: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        req = Path(tmp) / "req.txt"
        req.write_text(f"{name}=={version} --hash=sha256:{sha256}\n")
        kind = ["--only-binary", ":all:"] if binary else ["--no-binary", ":all:"]
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--require-hashes", *kind]
        cmd += ["-r", str(req), "-d", tmp, "--quiet", "--disable-pip-version-check"]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        got = [p for p in Path(tmp).iterdir() if p.name != "req.txt"]
        if proc.returncode != 0 or len(got) != 1:
            if "THESE PACKAGES DO NOT MATCH THE HASHES" in proc.stderr:
                raise BuildError(
                    f"vendor.toml: {name} {version} as downloaded does not match its pinned "
                    "sha256; check the pin, then build again."
                )
            raise BuildError(
                f"could not fetch {name}=={version} with pip ({last_line(proc.stderr)}); connect "
                "to the package index once, after which .cache/vendor needs no network."
            )
        shutil.move(got[0], dest)


def fetch_pinned(pin: dict, cache: Path, binary: bool) -> Path:
    """The pinned file from the cache, fetched (once) when missing or not matching its hash."""
    path = cache / pin["file"]
    if not cached(path, lambda p: sha256_of(p) == pin["sha256"]):
        pip_download(pin["name"], pin["version"], pin["sha256"], binary=binary, dest=path)
        if sha256_of(path) != pin["sha256"]:
            path.unlink()
            raise BuildError(f"vendor.toml: {pin['file']} does not match its pinned sha256.")
    return path


def vendor_wheel(pin: dict, cache: Path) -> Wheel:
    path = fetch_pinned(pin, cache, binary=True)
    return Wheel(
        pin["name"],
        pin["version"],
        pin["file"],
        path,
        pin["sha256"],
        pin["imports"],
        pin["depends"],
    )


def vendor_sdist_as_pure_wheel(pin: dict, cache: Path) -> Wheel:
    sdist = fetch_pinned(pin, cache, binary=False)
    name, data = pure_wheel_from_sdist(sdist, pin["name"], pin["version"])
    path = cache / name
    path.write_bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    return Wheel(pin["name"], pin["version"], name, path, digest, pin["imports"], pin["depends"])


def pure_wheel_from_sdist(sdist: Path, name: str, version: str) -> tuple[str, bytes]:
    """Package the sdist's Python sources as a py3-none-any wheel, leaving out C sources."""
    prefix = f"{name}-{version}/"
    files: dict[str, bytes] = {}
    metadata = None
    with tarfile.open(sdist, "r:gz") as tar:
        for m in tar.getmembers():
            if not m.isfile():
                continue
            rel = m.name.removeprefix(prefix)
            if rel == "PKG-INFO":
                metadata = tar.extractfile(m).read().decode()
            elif rel.startswith(f"src/{name}/") and not rel.endswith(".c"):
                files[rel.removeprefix("src/")] = tar.extractfile(m).read()
    if metadata is None or not any(p.endswith(".py") for p in files):
        raise BuildError(f"{sdist}: unexpected sdist layout; no src/{name}/ package found.")
    return build_wheel(name, version, files, metadata=metadata)


def last_line(text: str) -> str:
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    return lines[-1] if lines else "no message"
