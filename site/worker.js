// Module worker: boots Pyodide from our own origin and answers calls with weiquan.api.dispatch.
// Every message shape, the file side channel and every error code: protocol.js.
// Started with the name "snapshot" it instead saves a memory snapshot of a freshly booted runtime
// and answers {event: "snapshot-saved", bytes} (see makeSnapshot below).
// build.py names the runtime's folder by its content (pyodide/runtime-<hash>/).
import { loadPyodide } from "../%%RUNTIME_DIR%%/pyodide.mjs";
import { TEMPLATE_CALLS } from "./protocol.js";
import { fetchWheels, writeWheels } from "./wheels.js";

// build.py replaces this with the content-hashed lockfile that lists our wheels and their sha256.
const LOCK_FILE = "%%LOCK_FILE%%";
const runtimeURL = new URL("../%%RUNTIME_DIR%%/", import.meta.url).href;
const packagesURL = new URL("../pyodide/", import.meta.url).href;

const progress = (stage, detail) => self.postMessage({ event: "progress", stage, detail });

// Errors cross postMessage as plain objects: Error instances and Python exceptions do not clone.
// The runtime's own words go in `detail`; the page shows the code's Chinese text (protocol.js).
function plainError(code, err) {
  const detail = err && err.message ? String(err.message) : String(err);
  return { code, message: "", detail };
}

let pyodide = null;
let bootedFromSnapshot = false;

// The lockfile, for site/wheels.js. loadPyodide fetches it again by URL (the HTTP cache
// answers): handing it this parsed copy (lockFileContents) measured ~0.13 s slower, unexplained.
const lockfile = fetch(packagesURL + LOCK_FILE).then((r) => {
  if (!r.ok) throw new Error(`${LOCK_FILE}: HTTP status ${r.status}`);
  return r.json();
});
lockfile.catch(() => {}); // reported by whichever step awaits it

const RUNTIME = {
  indexURL: runtimeURL,
  lockFileURL: packagesURL + LOCK_FILE,
  packageBaseUrl: packagesURL,
  stdout: () => {},
  stderr: () => {},
};

// Starting CPython and importing the app take most of a cold boot (about 2.5 s here). A memory
// snapshot of a runtime with weiquan.api imported, made once in the background after the first
// visit and kept on the device, restores in a fraction of that. It belongs to one build (the
// runtime's folder and the lockfile are both named by their content) and holds no case data:
// it is taken before any call.
const SNAPSHOT_CACHE = "wq-runtime-snapshot";
const runtimeName = runtimeURL.split("/").filter(Boolean).pop();
const snapshotKey = new URL(`snapshot/${runtimeName}-${LOCK_FILE}.bin`, packagesURL).href;

async function readSnapshot() {
  try {
    const cache = await caches.open(SNAPSHOT_CACHE);
    const hit = await cache.match(snapshotKey);
    if (!hit) return null;
    const expected = Number(hit.headers.get("x-snapshot-bytes"));
    const bytes = await hit.arrayBuffer();
    return bytes.byteLength === expected ? bytes : null;
  } catch {
    return null;
  }
}

async function dropSnapshots() {
  try {
    await caches.delete(SNAPSHOT_CACHE);
  } catch {
    // nothing stored, or storage unavailable: either way there is nothing to drop
  }
}

// Our wheels go in through site/wheels.js, not Pyodide's package loader (whose first use costs
// about 0.1 s of its own imports). The app's wheel downloads while the runtime boots.
const appWheel = self.name === "snapshot" ? null : fetchWheels(lockfile, packagesURL, ["weiquan"]);
appWheel?.catch(() => {});

function install(unpacked) {
  const site = pyodide.runPython("import sys; next(p for p in sys.path if p.endswith('site-packages'))");
  writeWheels(pyodide.FS, site, unpacked);
  pyodide.runPython("import importlib; importlib.invalidate_caches()");
}

async function bootFromSnapshot(snapshot) {
  progress("snapshot", "从本机快照启动 Python");
  pyodide = await loadPyodide({ ...RUNTIME, _loadSnapshot: snapshot });
  // The snapshot holds the imported modules (wasm memory) but not the files (the file system
  // lives in JS): the wheels are unpacked again for what the app reads or imports later.
  install(await appWheel);
}

async function boot() {
  const snapshot = await readSnapshot();
  if (snapshot) {
    try {
      await bootFromSnapshot(snapshot);
      bootedFromSnapshot = true;
    } catch {
      // A snapshot that does not restore is dropped; the normal boot below always works.
      await dropSnapshots();
      pyodide = null;
    }
  }
  if (!pyodide) {
    progress("runtime", "下载并启动 Python 运行环境");
    pyodide = await loadPyodide({ ...RUNTIME });
    install(await appWheel);
  }
  return pyodide.pyimport("weiquan.entry");
}

// What the calls need beyond the first screen, loaded once the worker has said it is ready:
// the app's modules (weiquan.entry.warm), which every call waits for, and the template
// engine's wheels, which only the calls that render letters wait for (TEMPLATE_CALLS). A
// returning visit restores the modules from the snapshot and only unpacks the wheels again.
function warmUp(entry) {
  entry.warm();
  return entry.dispatch;
}

async function installTemplates() {
  install(await fetchWheels(lockfile, packagesURL, ["jinja2"]));
}

async function makeSnapshot() {
  const fresh = await loadPyodide({ ...RUNTIME, packages: ["weiquan", "jinja2"], _makeSnapshot: true });
  // Imported before the snapshot, so a warm start skips the import (about 0.4 s here). Only
  // code and the build's own content are in memory then: no call has run, no case is seen.
  fresh.runPython("import weiquan.entry; weiquan.entry.warm()");
  // A snapshot may only hold the JS objects Pyodide expects, among them an empty record of
  // loaded packages. Emptied here it also tells the truth after a restore: the wheels' files
  // are not there until bootFromSnapshot unpacks them again.
  for (const name of Object.keys(fresh.loadedPackages)) delete fresh.loadedPackages[name];
  const snapshot = fresh.makeMemorySnapshot();
  await dropSnapshots();
  const cache = await caches.open(SNAPSHOT_CACHE);
  await cache.put(
    snapshotKey,
    new Response(snapshot, {
      headers: { "content-type": "application/octet-stream", "x-snapshot-bytes": String(snapshot.length) },
    }),
  );
  self.postMessage({ event: "snapshot-saved", bytes: snapshot.length });
}

function classify(err) {
  const text = String((err && err.message) || err);
  if (/404|HTTP status|Failed to fetch|NetworkError|not found|Load failed/i.test(text)) {
    return plainError("files-missing", err);
  }
  if (/integrity|sha256|hash/i.test(text)) return plainError("integrity", err);
  return plainError("boot-failed", err);
}

let failed = false;
function bootFailed(err) {
  if (failed) return;
  failed = true;
  self.postMessage({ event: "error", error: classify(err) });
}

self.addEventListener("unhandledrejection", (e) => bootFailed(e.reason));
self.addEventListener("error", (e) => bootFailed(e.error || e.message));

// Pyodide 314 catches a failed wasm instantiation (a 404, a truncated file), only warns, and
// leaves loadPyodide pending for ever. Its warning is the one signal we get, so listen for it.
const warn = console.warn.bind(console);
let instantiationFailed = false;
console.warn = (...args) => {
  warn(...args);
  if (args[0] === "wasm instantiation failed!") instantiationFailed = true;
  else if (instantiationFailed) bootFailed(args[0]);
};

// The role travels in the worker's name: a query string would be lost when the service worker
// answers the script from its cache (import.meta.url is then the cached response's URL).
const role = self.name;
const booted = role === "snapshot" ? new Promise(() => {}) : boot();
if (role === "snapshot") {
  makeSnapshot().catch((err) => self.postMessage({ event: "error", error: plainError("snapshot-failed", err) }));
} else {
  // Said before warmUp starts (callbacks run in the order they were added): warmUp's import
  // holds the worker for a tenth of a second, and the page need not wait for it.
  booted.then(() => self.postMessage({ event: "ready", snapshot: bootedFromSnapshot }), bootFailed);
}
const ready = booted.then(warmUp);
const templates = booted.then(installTemplates);
if (role !== "snapshot") {
  Promise.all([ready, templates]).then(() => self.postMessage({ event: "loaded" }), bootFailed);
}

// The file side channel (protocol.js): a request's transferred ArrayBuffers are written to
// Pyodide's in-memory file system and Python is told where, in `args.staged`; a result that
// names `output` (the one path it was given to write) is read back and transferred as `file`.
function stageFiles(id, files) {
  pyodide.FS.mkdirTree("/tmp/weiquan");
  const inputs = files.map((buffer, i) => {
    const path = `/tmp/weiquan/${id}-${i}`;
    pyodide.FS.writeFile(path, new Uint8Array(buffer));
    return path;
  });
  return { inputs, output: `/tmp/weiquan/${id}-out` };
}

function unlinkAll(paths) {
  for (const path of paths) {
    try {
      pyodide.FS.unlink(path);
    } catch {
      // already gone (or never written)
    }
  }
}

self.onmessage = async (event) => {
  const { id, call, args, files } = event.data || {};
  let staged = null;
  try {
    const dispatch = await ready;
    if (TEMPLATE_CALLS.includes(call)) await templates;
    const request = { ...(args ?? {}) };
    if (files) {
      staged = stageFiles(id, files);
      request.staged = staged;
    }
    const reply = JSON.parse(dispatch(String(call), JSON.stringify(request)));
    if (!reply.ok) {
      self.postMessage({ id, ok: false, error: reply.error });
    } else if (staged && reply.result && reply.result.output === staged.output) {
      const bytes = pyodide.FS.readFile(staged.output);
      delete reply.result.output;
      self.postMessage({ id, ok: true, result: reply.result, file: bytes.buffer }, [bytes.buffer]);
    } else {
      self.postMessage({ id, ok: true, result: reply.result });
    }
  } catch (err) {
    self.postMessage({ id, ok: false, error: plainError("worker-failed", err) });
  } finally {
    if (staged) unlinkAll([...staged.inputs, staged.output]);
  }
};
