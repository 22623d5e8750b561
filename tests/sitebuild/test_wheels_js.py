"""site/wheels.js, the worker's own wheel installer, run by Node on the wheels the build ships:
it must unpack exactly what Python's zipfile reads, and refuse a wheel whose sha256 differs."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

import build

ROOT = Path(__file__).resolve().parents[2]
WHEELS_JS = (ROOT / "site" / "wheels.js").as_uri()
NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="Node.js is needed for the shell's checks")

# Reads the lockfile and wheels from disk in place of the network, then runs one of the
# installer's functions and prints its result as JSON.
SCRIPT = """
import { readFile } from "node:fs/promises";
import { createHash } from "node:crypto";
const { fetchWheels, withDependencies } = await import(%(module)s);
const folder = %(folder)s;
globalThis.fetch = async (url) => {
  try {
    return new Response(await readFile(folder + url.slice("pkg:".length)));
  } catch {
    return new Response("gone", { status: 404 });
  }
};
const lock = JSON.parse(await readFile(folder + %(lock)s, "utf8"));
for (const [name, entry] of Object.entries(%(tamper)s)) Object.assign(lock.packages[name], entry);
try {
  const unpacked = await fetchWheels(Promise.resolve(lock), "pkg:", %(names)s);
  const out = {};
  for (const [name, files] of unpacked) {
    out[name] = Object.fromEntries(
      [...files].map(([p, d]) => [p, createHash("sha256").update(d).digest("hex")]),
    );
  }
  console.log(JSON.stringify({ order: withDependencies(lock.packages, %(names)s), out }));
} catch (err) {
  console.log(JSON.stringify({ error: String(err.message) }));
}
"""


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("w") / "dist"
    build.build(out, strict=True)
    return out


def run(dist: Path, names: list[str], tamper: dict | None = None) -> dict:
    (lock,) = (dist / "pyodide").glob("app-lock.*.json")
    script = SCRIPT % {
        "module": json.dumps(WHEELS_JS),
        "folder": json.dumps(str(dist / "pyodide") + "/"),
        "lock": json.dumps(lock.name),
        "tamper": json.dumps(tamper or {}),
        "names": json.dumps(names),
    }
    done = subprocess.run(
        [NODE, "--input-type=module", "-e", script], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def python_view(wheel: Path) -> dict[str, str]:
    with zipfile.ZipFile(wheel) as z:
        return {
            i.filename: hashlib.sha256(z.read(i)).hexdigest()
            for i in z.infolist()
            if not i.is_dir()
        }


def test_every_shipped_wheel_unpacks_to_exactly_what_zipfile_reads(dist):
    # The app's wheel is stored, Jinja2's and MarkupSafe's are deflated: both ways are read.
    got = run(dist, ["weiquan", "jinja2"])
    assert got["order"] == ["weiquan", "markupsafe", "jinja2"]
    for name, files in got["out"].items():
        (wheel,) = (dist / "pyodide").glob(f"{name}-*.whl")
        assert files == python_view(wheel), name
    assert "weiquan/entry.py" in got["out"]["weiquan"]


def test_a_wheel_whose_bytes_differ_from_the_lockfile_is_refused(dist):
    got = run(dist, ["markupsafe"], tamper={"markupsafe": {"sha256": "0" * 64}})
    assert "integrity" in got["error"]


def test_a_missing_wheel_says_which_and_why(dist):
    got = run(dist, ["jinja2"], tamper={"jinja2": {"file_name": "jinja2-gone.whl"}})
    assert "jinja2-gone.whl" in got["error"] and "HTTP status 404" in got["error"]
