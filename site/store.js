// The case lives only on this device, in localStorage, as the case-file envelope (DESIGN.md).
// Data that cannot be read is never dropped: it is set aside under a backup key and reported.

const KEY = "weiquan:case";
const BACKUP_PREFIX = "weiquan:backup:";

export function emptyCase() {
  return {
    problem: "",
    suspected_fraud: false,
    merchant: { name: "", site: "", marketplace: "none", credit_code: "", address: "" },
    order: {
      id: "", item: "", quantity: 1, amount: "", paid_via: "alipay", ordered_at: "", problem_found_at: "",
    },
    consumer: { name: "", phone: "", address: "" },
    demands: [],
    contacts: [],
    evidence: [],
    rules: [],
    facts: "",
  };
}

export function envelope(kase) {
  return { format: "weiquan-case", version: 1, case: kase };
}

function storage() {
  try {
    const s = window.localStorage;
    const probe = "weiquan:probe";
    s.setItem(probe, "1");
    s.removeItem(probe);
    return s;
  } catch {
    return null;
  }
}

export class CaseStore {
  constructor(onNotice) {
    this.onNotice = onNotice;
    this.storage = storage();
    this.case = emptyCase();
    this.dirty = false;
    if (!this.storage) {
      onNotice("浏览器禁止了本地存储（例如无痕模式）：你可以继续使用，但关闭页面后填写的内容不会保留。");
      return;
    }
    const raw = this.storage.getItem(KEY);
    if (raw === null) return;
    try {
      const doc = JSON.parse(raw);
      if (doc && doc.format === "weiquan-case" && doc.version === 1 && doc.case && typeof doc.case === "object") {
        this.case = { ...emptyCase(), ...doc.case };
        return;
      }
      throw new Error("unknown format or version");
    } catch {
      const backupKey = BACKUP_PREFIX + Date.now();
      this.storage.setItem(backupKey, raw);
      this.storage.removeItem(KEY);
      onNotice("本机保存的案件数据无法读取，已原样另存为备份（没有删除），现在从空白案件开始。");
    }
  }

  changed() {
    this.dirty = true;
  }

  save() {
    if (!this.dirty || !this.storage) return;
    try {
      this.storage.setItem(KEY, JSON.stringify({ ...envelope(this.case), savedAt: new Date().toISOString() }));
      this.dirty = false;
    } catch {
      this.onNotice("本机存储空间已满，最新的修改没能保存。请先不要关闭页面，清理浏览器存储后再继续。");
    }
  }
}
