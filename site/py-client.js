// The worker client: one request id per call, a promise per request, staged boot progress.
// Message shapes and error codes: protocol.js.

// The worker boot.js started as the page began to load (for `url`; else a new one), with what it
// said meanwhile dispatched again once the caller has set its handlers (in the same task).
function takeWorker(url) {
  const taken = window.weiquanEarlyWorker;
  delete window.weiquanEarlyWorker;
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

export class PyClient {
  constructor(url, onProgress) {
    this.pending = new Map();
    this.nextId = 1;
    this.onProgress = onProgress;
    /** Told of a failure that comes after ready (the template engine's files, loaded then). */
    this.onLateFailure = (/** @type {import("./protocol.js").ErrorInfo} */ _error) => {};
    this.fromReady = false;
    this.ready = new Promise((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    /** Resolves once the worker has everything loaded (never, if it fails). */
    this.loaded = new Promise((resolve) => {
      this.resolveLoaded = resolve;
    });
    this.worker = takeWorker(url);
    this.worker.onmessage = (e) => this.receive(e.data);
    // A module worker that fails to load or parse (old browsers) only fires "error".
    this.worker.onerror = (e) => {
      e.preventDefault();
      this.fail({ code: "old-browser", message: "", detail: e.message || "worker failed to start" });
    };
  }

  /** @param {import("./protocol.js").Reply | import("./protocol.js").WorkerEvent} msg */
  receive(msg) {
    if ("event" in msg) {
      if (msg.event === "progress") {
        this.onProgress(msg.stage, msg.detail);
      } else if (msg.event === "ready") {
        this.fromSnapshot = Boolean(msg.snapshot);
        this.fromReady = true;
        this.resolveReady();
      } else if (msg.event === "loaded") {
        this.resolveLoaded();
      } else if (msg.event === "error") {
        this.fail(msg.error);
      }
    } else if (this.pending.has(msg.id)) {
      const { resolve, reject } = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      if (!msg.ok) reject(/** @type {import("./protocol.js").ErrorReply} */ (msg).error);
      else if (msg.file) resolve({ ...msg.result, file: msg.file });
      else resolve(msg.result);
    }
  }

  fail(error) {
    if (this.fromReady) this.onLateFailure(error);
    this.failed = error;
    this.rejectReady(error);
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
  }

  /**
   * One call to Python. `files` (optional) are ArrayBuffers moved, not copied, to the worker:
   * args.files[i] describes files[i] (protocol.js, the file side channel).
   * @param {import("./protocol.js").CallName} name
   * @param {object} [args]
   * @param {ArrayBuffer[]} [files]
   */
  call(name, args = {}, files = undefined) {
    if (this.failed) return Promise.reject(this.failed);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (files) this.worker.postMessage({ id, call: name, args, files }, files);
      else this.worker.postMessage({ id, call: name, args });
    });
  }
}

// After a boot without a snapshot, make one in the background for the next visit: a second,
// short-lived worker, started when the page is idle, so it never competes with the person.
export function saveSnapshotLater(workerURL, onSaved) {
  if (!("caches" in self) || (navigator.deviceMemory && navigator.deviceMemory < 2)) return;
  const start = () => {
    const worker = new Worker(workerURL, { type: "module", name: "snapshot" });
    worker.onmessage = (e) => {
      if (e.data.event === "snapshot-saved") onSaved(e.data.bytes);
      if (e.data.event === "snapshot-saved" || e.data.event === "error") worker.terminate();
    };
    worker.onerror = (e) => {
      e.preventDefault();
      worker.terminate();
    };
  };
  if ("requestIdleCallback" in window) requestIdleCallback(start, { timeout: 5000 });
  else setTimeout(start, 3000);
}

/**
 * A "newest wins" scope for one consumer (typing fires many calls): the wrapped function
 * resolves to {result} for the newest call and to null for one superseded by a newer call or
 * by cancel(). Each consumer makes its own scope, so one screen's calls never swallow
 * another's answers.
 */
export function newestWins(fn) {
  let ticket = 0;
  const run = async (...args) => {
    const mine = ++ticket;
    try {
      const result = await fn(...args);
      return mine === ticket ? { result } : null;
    } catch (error) {
      if (mine !== ticket) return null;
      throw error;
    }
  };
  run.cancel = () => {
    ticket++;
  };
  return run;
}
