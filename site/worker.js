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

async function boot() {
  progress("runtime", "下载并启动 Python 运行环境");
  // Wheels listed in `packages` download while the runtime boots; Pyodide checks each sha256.
  const pyodide = await loadPyodide({
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

self.onmessage = async (event) => {
  const { id, call, args } = event.data || {};
  try {
    const dispatch = await ready;
    const reply = JSON.parse(dispatch(String(call), JSON.stringify(args ?? {})));
    if (reply.ok) self.postMessage({ id, ok: true, result: reply.result });
    else self.postMessage({ id, ok: false, error: reply.error });
  } catch (err) {
    self.postMessage({ id, ok: false, error: plainError("internal", err) });
  }
};
