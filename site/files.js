// Evidence files (screenshots, recordings) live in IndexedDB — localStorage is far too small —
// each with the SHA-256 it had when added, so the 证据包 can prove nothing changed since.

import { isQuotaError } from "./store.js";

const DB_NAME = "weiquan";
const STORE = "files";

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

export function localNow() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export async function sha256Hex(buffer) {
  const digest = await crypto.subtle.digest("SHA-256", buffer);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export class EvidenceFiles {
  constructor() {
    this.db = null;
  }

  async open() {
    if (this.db) return this.db;
    if (!("indexedDB" in window)) throw new Error("此浏览器不支持本地文件存储");
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => {
      const store = req.result.createObjectStore(STORE, { keyPath: "id" });
      store.createIndex("caseId", "caseId");
    };
    this.db = await request(req);
    return this.db;
  }

  // Reading must not create the database: after "delete everything" nothing may come back.
  async exists() {
    if (this.db) return true;
    if (!("indexedDB" in window)) return false;
    if (!indexedDB.databases) return true;
    return (await indexedDB.databases()).some((d) => d.name === DB_NAME);
  }

  async tx(mode, work) {
    const db = await this.open();
    const tx = db.transaction(STORE, mode);
    const done = new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error || new DOMException("aborted", "AbortError"));
    });
    const [result] = await Promise.all([work(tx.objectStore(STORE)), done]);
    return result;
  }

  // Reading and hashing are asynchronous, so even a 50 MB recording does not freeze the page.
  // `addedAt` keeps the time a file was first added when it moves here from another device.
  // The same file (same bytes) is kept once per evidence item: the existing record comes back
  // marked `duplicate`, and nothing is stored twice. `extra` is stored with the record (a 打码
  // copy: {copyOf: the original's SHA-256}).
  async add(caseId, kind, file, addedAt = localNow(), extra = {}) {
    const buffer = await file.arrayBuffer();
    const sha256 = await sha256Hex(buffer);
    const same = (await this.list(caseId)).find((r) => r.kind === kind && r.sha256 === sha256);
    if (same) return { ...same, duplicate: true };
    const record = {
      id: `${caseId}:${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`,
      caseId,
      kind,
      name: file.name || "文件",
      type: file.type || "application/octet-stream",
      size: file.size,
      sha256,
      addedAt,
      blob: new Blob([buffer], { type: file.type }),
      ...extra,
    };
    try {
      await this.tx("readwrite", (store) => request(store.put(record)));
    } catch (error) {
      if (isQuotaError(error)) throw new Error("设备存储空间不足，文件没有保存。请删除不用的证据文件，或先导出证据包保存到别处。");
      throw error;
    }
    return record;
  }

  async list(caseId) {
    if (!(await this.exists())) return [];
    return this.tx("readonly", (store) => request(store.index("caseId").getAll(caseId)));
  }

  remove(id) {
    return this.tx("readwrite", (store) => request(store.delete(id)));
  }

  async removeCase(caseId) {
    if (!(await this.exists())) return;
    const records = await this.list(caseId);
    await this.tx("readwrite", (store) => Promise.all(records.map((r) => request(store.delete(r.id)))));
  }

  // Files of cases that no longer exist (the page closed while "undo" was still offered).
  async prune(keepIds) {
    if (!(await this.exists())) return;
    const keep = new Set(keepIds);
    const all = await this.tx("readonly", (store) => request(store.getAll()));
    const orphans = all.filter((r) => !keep.has(r.caseId));
    if (orphans.length) {
      await this.tx("readwrite", (store) => Promise.all(orphans.map((r) => request(store.delete(r.id)))));
    }
  }

  async copyCase(fromId, toId) {
    const records = await this.list(fromId);
    await this.tx("readwrite", (store) =>
      Promise.all(records.map((r) => request(store.put({ ...r, id: r.id.replace(fromId, toId), caseId: toId })))),
    );
  }

  async wipe() {
    if (this.db) this.db.close();
    this.db = null;
    if ("indexedDB" in window) {
      const req = indexedDB.deleteDatabase(DB_NAME);
      await new Promise((resolve, reject) => {
        req.onsuccess = resolve;
        req.onerror = () => reject(req.error);
        req.onblocked = resolve; // other tabs close theirs on the versionchange event
      });
    }
  }
}
