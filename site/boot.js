// The page's first script: starts the Python worker from the HTML's first bytes, before the
// app's modules are fetched and parsed (that used to delay the runtime's start by about 0.5 s).
// Loaded as an async module in <head> and imported by py-client.js: one module, one worker.
// What the worker says before the app listens is kept and replayed, in order.
const root = document.documentElement;
let early = null;

function start() {
  if (!("Worker" in window) || typeof WebAssembly !== "object" || !root.dataset.worker) return;
  try {
    const worker = new Worker(root.dataset.worker, { type: "module" });
    const kept = [];
    const keep = (e) => {
      if (e.type === "error") e.preventDefault();
      kept.push(e);
    };
    worker.addEventListener("message", keep);
    worker.addEventListener("error", keep);
    early = { url: root.dataset.worker, worker, kept, keep };
  } catch {
    early = null; // the app's own start reports what is wrong
  }
}

// The worker started at page load for `url` (or a new one), with what it said meanwhile
// dispatched again once the caller has set its handlers (in the same task).
export function takeWorker(url) {
  const taken = early;
  early = null;
  if (!taken || taken.url !== url) return new Worker(url, { type: "module" });
  const { worker, kept, keep } = taken;
  queueMicrotask(() => {
    worker.removeEventListener("message", keep);
    worker.removeEventListener("error", keep);
    for (const e of kept) {
      worker.dispatchEvent(
        e.type === "message"
          ? new MessageEvent("message", { data: e.data })
          : new ErrorEvent("error", { message: e.message, cancelable: true }),
      );
    }
  });
  return worker;
}

start();
