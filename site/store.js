// The person's cases live only on this device, in localStorage, each as the case-file envelope
// of DESIGN.md plus `savedAt`. Nothing is ever silently dropped: data that cannot be read is set
// aside under a backup key, reported, and can be downloaded as it was.
//
// The format and its version are the core's (shell-data.js). A case stored by an older version
// is opened through Python (the "migrate" call) once it has booted; until then it is shown
// read-only, and it is written back only after the person changes it. A case from a newer app
// is set aside.

import { autoName, isAutoName } from "./case-names.js";
import { today } from "./dom.js";
import { emptyCase, SHELL } from "./shell-data.js";

const INDEX = "weiquan:index";
const CASE_PREFIX = "weiquan:case:";
const BACKUP_PREFIX = "weiquan:backup:";

/** @typedef {{id: string, name: string, auto?: boolean, created?: string}} IndexEntry  one case in the index (auto: named by the app, from `created`) */

/** @returns {IndexEntry} */
function autoEntry(id, kase) {
  const created = today();
  return { id, name: autoName(kase, created), auto: true, created };
}

export function envelope(kase) {
  return { format: SHELL.format, version: SHELL.version, case: kase };
}

// Every browser's way of saying "storage is full".
export function isQuotaError(error) {
  if (!error) return false;
  return (
    error.name === "QuotaExceededError" ||
    error.name === "NS_ERROR_DOM_QUOTA_REACHED" ||
    error.code === 22 ||
    error.code === 1014
  );
}

function openStorage() {
  try {
    const s = window.localStorage;
    const probe = "weiquan:probe";
    s.setItem(probe, "1");
    s.removeItem(probe);
    return s;
  } catch (error) {
    // A full disk is not "blocked": the store still works for reading.
    if (isQuotaError(error)) return window.localStorage;
    return null;
  }
}

const newId = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

// Reads one stored envelope: {case, savedAt} for the current version, {older: doc, case,
// savedAt} for one Python must migrate first, or null when it cannot be used (broken, or from a
// newer app: it must not be rewritten).
function readEnvelope(raw) {
  let doc;
  try {
    doc = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!doc || doc.format !== SHELL.format || typeof doc.case !== "object" || doc.case === null) return null;
  if (!Number.isInteger(doc.version) || doc.version < 1 || doc.version > SHELL.version) return null;
  if (doc.version < SHELL.version) return { older: doc, case: doc.case, savedAt: doc.savedAt || "" };
  return { case: { ...emptyCase(), ...doc.case }, savedAt: doc.savedAt || "" };
}

export class CaseStore {
  constructor({ onNotice, onExternalChange }) {
    this.onNotice = onNotice;
    this.onExternalChange = onExternalChange;
    this.storage = openStorage();
    this.dirty = false;
    this.savedAt = "";
    /** @type {{current: string, cases: IndexEntry[]}} */
    this.index = { current: "", cases: [] };
    // Cases stored by an older format version, by id → the stored envelope, until migrated.
    this.older = new Map();
    if (!this.storage) {
      onNotice("浏览器禁止了本地存储（例如无痕模式）：你可以继续使用，但关闭页面后填写的内容不会保留。请用“导出案件文件”自己保存。", "blocked");
    } else {
      this.loadIndex();
    }
    if (!this.index.cases.length) this.index.cases.push(autoEntry(newId(), emptyCase()));
    if (!this.index.cases.some((c) => c.id === this.index.current)) this.index.current = this.index.cases[0].id;
    this.case = this.read(this.index.current) || emptyCase();
    if (this.storage) {
      // Written at once, so a second tab opened now works on the same case, not a new one.
      if (this.storage.getItem(INDEX) === null) this.saveIndex();
      window.addEventListener("storage", (e) => this.external(e));
    }
  }

  // ------------------------------------------------------------ index

  loadIndex() {
    const raw = this.storage.getItem(INDEX);
    let index = null;
    if (raw !== null) {
      try {
        index = JSON.parse(raw);
      } catch {
        this.setAside(INDEX, raw);
      }
    }
    if (index && Array.isArray(index.cases)) {
      this.index = { current: String(index.current || ""), cases: index.cases.filter((c) => c && c.id) };
    }
    // A case stored without an index entry (an index lost or set aside) is still listed.
    const listed = new Set(this.index.cases.map((c) => c.id));
    for (const key of this.keys(CASE_PREFIX)) {
      const id = key.slice(CASE_PREFIX.length);
      if (!listed.has(id)) this.index.cases.push({ id, name: "找回的案件" });
    }
  }

  keys(prefix) {
    const out = [];
    for (let i = 0; i < this.storage.length; i++) {
      const key = this.storage.key(i);
      if (key && key.startsWith(prefix)) out.push(key);
    }
    return out;
  }

  get current() {
    return this.index.cases.find((c) => c.id === this.index.current);
  }

  // ------------------------------------------------------------ reading and writing

  read(id) {
    if (!this.storage) return null;
    const raw = this.storage.getItem(CASE_PREFIX + id);
    if (raw === null) return emptyCase(); // listed, never written: nothing typed yet
    const doc = readEnvelope(raw);
    if (doc) {
      if (id === this.index.current) this.savedAt = doc.savedAt;
      if (doc.older) this.older.set(id, doc.older);
      return doc.case;
    }
    this.setAside(CASE_PREFIX + id, raw);
    this.onNotice("有一份保存在本机的案件无法读取（可能来自更新版本的维权助手，或已损坏）。它已原样另存为备份，没有删除，可在“案件管理”里下载。", "set-aside");
    return null;
  }

  setAside(key, raw) {
    const backupKey = `${BACKUP_PREFIX}${Date.now()}-${key}`;
    try {
      this.storage.setItem(backupKey, raw);
      this.storage.removeItem(key);
    } catch {
      // No room for a copy: leave the original where it is rather than lose it.
    }
  }

  backups() {
    if (!this.storage) return [];
    return this.keys(BACKUP_PREFIX).map((key) => ({ key, raw: this.storage.getItem(key) }));
  }

  changed() {
    if (this.locked) return;
    this.dirty = true;
  }

  // The open case was stored by an older version and Python has not opened it yet: it is shown
  // but not editable, and nothing is written over it.
  get locked() {
    return this.older.has(this.index.current);
  }

  // Opens the current case through Python if it is of an older version. `call` is the worker's
  // call(); resolves true when the case changed. The stored copy stays as it was until the
  // person edits the case. A case Python cannot open is set aside and announced.
  async migrateCurrent(call) {
    const id = this.index.current;
    const older = this.older.get(id);
    if (!older) return false;
    let answer;
    try {
      answer = await call("migrate", { case: older });
    } catch (error) {
      if (error && error.code !== "invalid-case") return false; // Python is not there: try again later
      const raw = this.storage ? this.storage.getItem(CASE_PREFIX + id) : null;
      this.older.delete(id);
      if (raw !== null) this.setAside(CASE_PREFIX + id, raw);
      this.case = emptyCase();
      this.onNotice(`有一份保存在本机的旧版本案件无法转换：${error.message || ""}它已原样另存为备份，没有删除，可在“案件管理”里下载。`, "set-aside");
      return true;
    }
    if (this.index.current !== id || this.older.get(id) !== older) return false;
    this.older.delete(id);
    this.case = { ...emptyCase(), ...answer.case };
    this.dirty = false;
    return true;
  }

  // Writes the current case. `force` is for leaving the page: the tab being left was the one in use.
  save({ force = false } = {}) {
    if (!this.dirty || !this.storage || this.locked) return true;
    // Only the tab in front writes, so a tab left open in the background never overwrites newer work.
    if (!force && document.visibilityState !== "visible") return false;
    const savedAt = new Date().toISOString();
    const doc = { ...envelope(this.case), savedAt };
    try {
      this.storage.setItem(CASE_PREFIX + this.index.current, JSON.stringify(doc));
      this.storage.setItem(INDEX, JSON.stringify(this.index));
    } catch (error) {
      this.onNotice(
        isQuotaError(error)
          ? "本机存储空间已满，最新的修改没有保存到浏览器里（页面上的内容还在）。请先点“导出案件文件”保存一份，再删除不用的案件或证据文件。"
          : "保存失败：浏览器拒绝写入本地存储。请先点“导出案件文件”保存一份。",
        "quota",
      );
      return false;
    }
    this.dirty = false;
    this.savedAt = savedAt;
    this.onNotice("", "saved");
    return true;
  }

  saveIndex() {
    if (!this.storage) return;
    try {
      this.storage.setItem(INDEX, JSON.stringify(this.index));
    } catch (error) {
      if (isQuotaError(error)) this.onNotice("本机存储空间已满：案件列表的修改没有保存。", "quota");
    }
  }

  // Another tab wrote. Take its newer version of the open case if we have nothing unsaved;
  // if we do, keep ours and put theirs aside so neither is lost.
  external(event) {
    if (event.key === INDEX && event.newValue) {
      try {
        const theirs = JSON.parse(event.newValue);
        const current = this.index.current;
        this.index = { ...theirs, current };
        if (!this.index.cases.some((c) => c.id === current)) this.index.cases.push({ id: current, name: this.current?.name || "我的案件" });
        this.onExternalChange("index");
      } catch {
        // Its own tab will set it aside when it next loads.
      }
      return;
    }
    if (event.key !== CASE_PREFIX + this.index.current || event.newValue === null) return;
    const doc = readEnvelope(event.newValue);
    if (!doc || doc.older || doc.savedAt <= this.savedAt) return;
    if (this.dirty) {
      this.setAsideCopy(event.newValue);
      this.onNotice("另一个标签页同时修改了这个案件。这里的内容保持不变，那一版已另存为备份，可在“案件管理”里下载。", "conflict");
      return;
    }
    this.case = doc.case;
    this.savedAt = doc.savedAt;
    this.onExternalChange("case");
    this.onNotice("另一个标签页更新了这个案件，已载入最新内容。", "reloaded");
  }

  setAsideCopy(raw) {
    try {
      this.storage.setItem(`${BACKUP_PREFIX}${Date.now()}-conflict`, raw);
    } catch {
      // Nothing more we can do without room; the notice still tells the person.
    }
  }

  // ------------------------------------------------------------ several cases

  open(id) {
    this.save({ force: true });
    this.index.current = id;
    this.saveIndex();
    this.savedAt = "";
    this.case = this.read(id) || emptyCase();
    this.dirty = false;
  }

  /** A new case; without a name it is named from its content (case-names.js) until renamed. */
  create(name, kase = emptyCase()) {
    this.save({ force: true });
    const id = newId();
    this.index.cases.push(name ? { id, name } : autoEntry(id, kase));
    this.index.current = id;
    this.case = kase;
    this.dirty = true;
    this.save({ force: true });
    return id;
  }

  rename(id, name) {
    const entry = this.index.cases.find((c) => c.id === id);
    if (entry) {
      entry.name = name;
      entry.auto = false;
    }
    this.saveIndex();
  }

  /** The open case's automatic name follows what it is about; a name the person gave stays. */
  refreshName() {
    const entry = this.current;
    if (!entry || !isAutoName(entry)) return;
    const name = autoName(this.case, entry.created);
    if (name === entry.name && entry.auto) return;
    entry.name = name;
    entry.auto = true;
    this.saveIndex();
  }

  duplicate(id) {
    // A copy is written in the current format: an older case must be opened (migrated) first.
    if (this.older.has(id)) return null;
    this.save({ force: true });
    const source = id === this.index.current ? this.case : this.read(id) || emptyCase();
    const entry = this.index.cases.find((c) => c.id === id);
    return this.create(`${entry ? entry.name : "案件"}（副本）`, structuredClone(source));
  }

  // Returns what undo() needs; the stored copy is kept until the undo window closes.
  remove(id) {
    this.save({ force: true });
    const at = this.index.cases.findIndex((c) => c.id === id);
    if (at < 0) return null;
    const [entry] = this.index.cases.splice(at, 1);
    const raw = this.storage ? this.storage.getItem(CASE_PREFIX + id) : JSON.stringify(envelope(this.case));
    if (this.storage) this.storage.removeItem(CASE_PREFIX + id);
    if (!this.index.cases.length) this.index.cases.push(autoEntry(newId(), emptyCase()));
    if (this.index.current === id) {
      this.index.current = this.index.cases[0].id;
      this.case = this.read(this.index.current) || emptyCase();
      this.dirty = false;
    }
    this.saveIndex();
    return { entry, at, raw };
  }

  undoRemove(removed) {
    if (!removed) return;
    this.index.cases.splice(removed.at, 0, removed.entry);
    if (this.storage && removed.raw !== null) this.storage.setItem(CASE_PREFIX + removed.entry.id, removed.raw);
    this.saveIndex();
  }

  // ------------------------------------------------------------ everything

  usage() {
    if (!this.storage) return 0;
    let chars = 0;
    for (const key of this.keys("weiquan:")) chars += key.length + (this.storage.getItem(key) || "").length;
    return chars * 2; // localStorage keeps UTF-16
  }

  wipe() {
    if (this.storage) for (const key of this.keys("weiquan:")) this.storage.removeItem(key);
    this.older.clear();
    this.index = { current: newId(), cases: [] };
    this.index.cases.push(autoEntry(this.index.current, emptyCase()));
    this.case = emptyCase();
    this.dirty = false;
    this.savedAt = "";
  }
}
