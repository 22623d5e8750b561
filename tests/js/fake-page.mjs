// A page for the shell's modules to load in Node: the shell data the build writes into the page
// (from the real core, so the tests follow its format and version), a Map-backed localStorage,
// and the few window/document members the modules touch. Import this before any site/ module.

import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const python = process.env.WEIQUAN_PYTHON || `${root}.venv/bin/python`;

export const shellJson = execFileSync(
  python,
  ["-c", "import json, weiquan.describe as d; print(json.dumps(d.shell_data(), ensure_ascii=False))"],
  { cwd: root, env: { ...process.env, PYTHONPATH: `${root}py` }, encoding: "utf-8" },
);

/** localStorage as the browser has it: strings only, key(i), length; `full` makes writes fail. */
export class FakeStorage {
  constructor() {
    this.map = new Map();
    this.full = false;
  }
  get length() {
    return this.map.size;
  }
  key(i) {
    return [...this.map.keys()][i] ?? null;
  }
  getItem(key) {
    return this.map.has(key) ? this.map.get(key) : null;
  }
  setItem(key, value) {
    if (this.full) throw Object.assign(new Error("full"), { name: "QuotaExceededError" });
    this.map.set(key, String(value));
  }
  removeItem(key) {
    this.map.delete(key);
  }
  clear() {
    this.map.clear();
  }
}

const listeners = new Map();
globalThis.window = {
  localStorage: new FakeStorage(),
  addEventListener(type, fn) {
    listeners.set(type, [...(listeners.get(type) || []), fn]);
  },
};
globalThis.document = {
  visibilityState: "visible",
  getElementById(id) {
    return id === "shell-data" ? { textContent: shellJson } : null;
  },
  querySelectorAll() {
    return [];
  },
};

/** A fresh, empty localStorage (and no listeners) for the next test. */
export function freshStorage() {
  window.localStorage = new FakeStorage();
  listeners.clear();
  return window.localStorage;
}

/** What another tab's write looks like to this one. */
export function storageEvent(key, newValue) {
  for (const fn of listeners.get("storage") || []) fn({ key, newValue });
}
