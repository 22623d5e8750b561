// Module worker: boots Pyodide from our own origin and answers calls with weiquan.api.dispatch.
// Protocol (see DESIGN.md):
//   page → worker  {id, call, args}
//   worker → page  {id, ok: true, result} | {id, ok: false, error: {code, message}}
//   worker → page  {event: "progress", stage, detail} | {event: "ready"} | {event: "error", error}
import { loadPyodide } from "../pyodide/pyodide.mjs";

// build.py replaces this with the content-hashed lockfile that lists our wheels and their sha256.
const LOCK_FILE = "%%LOCK_FILE%%";
const runtimeURL = new URL("../pyodide/", import.meta.url).href;

const progress = (stage, detail) => self.postMessage({ event: "progress", stage, detail });

// Errors cross postMessage as plain objects: Error instances and Python exceptions do not clone.
function plainError(code, err) {
  const message = err && err.message ? String(err.message) : String(err);
  return { code, message };
}

let pyodide = null;

async function boot() {
  progress("runtime", "下载并启动 Python 运行环境");
  // Wheels listed in `packages` download while the runtime boots; Pyodide checks each sha256.
  pyodide = await loadPyodide({
    indexURL: runtimeURL,
    lockFileURL: runtimeURL + LOCK_FILE,
    packageBaseUrl: runtimeURL,
    packages: ["weiquan"],
    stdout: () => {},
    stderr: () => {},
  });
  progress("import", "载入投诉规则与证据清单");
  const api = pyodide.pyimport("weiquan.api");
  return api.dispatch;
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

const ready = boot();
ready.then(() => self.postMessage({ event: "ready" }), bootFailed);

// Binary payloads (evidence files) are the one exception to JSON: they arrive as transferred
// ArrayBuffers, are written to Pyodide's in-memory file system, and Python gets their paths.
// A result naming a `file_path` is read back and transferred to the page the same way.
function stageFiles(id, request, files) {
  pyodide.FS.mkdirTree("/tmp/weiquan");
  const paths = files.map((buffer, i) => {
    const path = `/tmp/weiquan/${id}-${i}`;
    pyodide.FS.writeFile(path, new Uint8Array(buffer));
    request.files[i].path = path;
    return path;
  });
  request.out_path = `/tmp/weiquan/${id}-out`;
  return paths;
}

function unlinkAll(paths) {
  for (const path of paths) {
    try {
      pyodide.FS.unlink(path);
    } catch {
      // already gone
    }
  }
}

self.onmessage = async (event) => {
  const { id, call, args, files } = event.data || {};
  let staged = [];
  try {
    const dispatch = await ready;
    const request = args ?? {};
    if (files) staged = stageFiles(id, request, files);
    const reply = JSON.parse(dispatch(String(call), JSON.stringify(request)));
    if (!reply.ok) {
      self.postMessage({ id, ok: false, error: reply.error });
    } else if (reply.result && reply.result.file_path) {
      const bytes = pyodide.FS.readFile(reply.result.file_path);
      staged.push(reply.result.file_path);
      delete reply.result.file_path;
      self.postMessage({ id, ok: true, result: reply.result, file: bytes.buffer }, [bytes.buffer]);
    } else {
      self.postMessage({ id, ok: true, result: reply.result });
    }
  } catch (err) {
    self.postMessage({ id, ok: false, error: plainError("internal", err) });
  } finally {
    if (staged.length) unlinkAll(staged);
  }
};
