// The worker client: one request id per call, a promise per request, staged boot progress.

import { takeWorker } from "./boot.js";

export const MESSAGES = {
  runtime: "正在启动本机计算环境（首次约需几秒）……指南可以先读，案件也可以先填。",
  snapshot: "正在启动本机计算环境……",
  import: "正在载入投诉规则……",
  ready: "本机计算环境已就绪。你的数据只在这台设备上处理。",
  "old-browser":
    "你的浏览器版本太旧，无法运行互动功能。请把浏览器（或微信、系统）更新到最新版后再打开本页；下面的指南仍然可以阅读。",
  "files-missing":
    "部分程序文件没有加载成功，可能是网络中断或网站文件不完整。请检查网络后刷新页面；下面的指南仍然可以阅读。",
  integrity:
    "程序文件校验未通过，为安全起见已停止运行。请刷新页面重试；如果反复出现，请换一个网络。下面的指南仍然可以阅读。",
  timeout:
    "启动时间过长，可能是网络太慢或设备内存不足。请关闭其他页面后刷新重试；下面的指南仍然可以阅读。",
  "boot-failed":
    "本机计算环境启动失败。请刷新页面重试，或换用最新版的 Chrome、Edge、Safari；下面的指南仍然可以阅读。",
};

export class PyClient {
  constructor(url, onProgress) {
    this.pending = new Map();
    this.nextId = 1;
    this.onProgress = onProgress;
    this.ready = new Promise((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    this.worker = takeWorker(url); // started by boot.js as the page began to load
    this.worker.onmessage = (e) => this.receive(e.data);
    // A module worker that fails to load or parse (old browsers) only fires "error".
    this.worker.onerror = (e) => {
      e.preventDefault();
      this.fail({ code: "old-browser", message: e.message || "worker failed to start" });
    };
  }

  receive(msg) {
    if (msg.event === "progress") {
      this.onProgress(msg.stage, msg.detail);
    } else if (msg.event === "ready") {
      this.fromSnapshot = Boolean(msg.snapshot);
      this.resolveReady();
    } else if (msg.event === "error") {
      this.fail(msg.error);
    } else if (this.pending.has(msg.id)) {
      const { resolve, reject } = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      if (!msg.ok) reject(msg.error);
      else if (msg.file) resolve({ ...msg.result, file: msg.file });
      else resolve(msg.result);
    }
  }

  fail(error) {
    this.failed = error;
    this.rejectReady(error);
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
  }

  call(name, args = {}) {
    if (this.failed) return Promise.reject(this.failed);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, call: name, args });
    });
  }

  // Like call(), with ArrayBuffers moved (not copied) to the worker: args.files[i] describes files[i].
  callWithFiles(name, args, files) {
    if (this.failed) return Promise.reject(this.failed);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, call: name, args, files }, files);
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

// Calls whose answer only matters if no newer call of the same kind was made meanwhile
// (typing fires many): resolves with undefined for superseded calls.
export function latestOnly(py, name) {
  let ticket = 0;
  return async (args) => {
    const mine = ++ticket;
    const result = await py.call(name, args);
    return mine === ticket ? result : undefined;
  };
}
