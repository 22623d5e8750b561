// 案件管理: several cases, export/import of the case file, backups set aside, storage use,
// and deleting everything. Validation of imported files is Python's ("validate").

import { download, el, today } from "./dom.js";
import { errorText } from "./protocol.js";
import { emptyCase } from "./shell-data.js";
import { envelope } from "./store.js";

const UNDO_MS = 10_000;

function fileStamp() {
  return today().replaceAll("-", "");
}

function formatBytes(n) {
  if (n < 1024) return `${n} 字节`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function describe(kase, problems) {
  const parts = [problems[kase.problem] || "问题类型未填", kase.merchant?.name, kase.order?.id && `订单 ${kase.order.id}`];
  return parts.filter(Boolean).join(" · ");
}

export class CasesView {
  constructor({ store, files, call, problems, onSwitch, status }) {
    this.store = store;
    this.files = files;
    this.call = call;
    this.problems = problems;
    this.onSwitch = onSwitch;
    this.status = status;
    this.pendingRemoval = null;
    document.getElementById("case-new").addEventListener("click", () => {
      this.store.create();
      this.onSwitch();
      location.hash = "#/case/problem";
    });
    document.getElementById("case-import").addEventListener("change", (e) => this.importFile(e.target));
    document.getElementById("bundle-import").addEventListener("change", (e) => this.importBundle(e.target));
    document.getElementById("undo-button").addEventListener("click", () => this.undo());
    document.getElementById("wipe").addEventListener("click", () => this.wipe());
  }

  render() {
    const list = document.getElementById("case-list");
    list.replaceChildren(
      ...this.store.index.cases.map((entry) => {
        const current = entry.id === this.store.index.current;
        const kase = current ? this.store.case : this.store.read(entry.id);
        const nameId = `case-name-${entry.id}`;
        const name = el("input", { type: "text", id: nameId, value: entry.name });
        name.addEventListener("change", () => {
          this.store.rename(entry.id, name.value.trim() || entry.name);
          this.status(`已改名为“${name.value.trim() || entry.name}”。`);
        });
        const actions = [
          current
            ? el("span", { className: "badge" }, "正在编辑")
            : this.button("打开", () => {
                this.store.open(entry.id);
                this.onSwitch();
                location.hash = "#/case";
              }),
          this.button("复制一份", () => this.duplicate(entry.id)),
          this.button("删除", () => this.remove(entry.id)),
        ];
        return el(
          "li",
          { className: "case-item", "data-case": entry.id, "aria-current": String(current) },
          el("label", { className: "field__label", for: nameId }, "案件名称"),
          name,
          el("p", { className: "case-item__meta" }, kase ? describe(kase, this.problems) : "（无法读取，已另存为备份）"),
          el("div", { className: "case-item__actions" }, ...actions),
        );
      }),
    );
    this.renderBackups();
    this.renderUsage();
  }

  button(text, onclick) {
    return el("button", { type: "button", className: "button button--quiet", onclick }, text);
  }

  async duplicate(id) {
    const copy = this.store.duplicate(id);
    if (copy === null) {
      this.status("这份案件来自旧版本，请先打开它，等转换完成后再复制。");
      return;
    }
    try {
      await this.files.copyCase(id, copy);
    } catch {
      this.status("案件已复制，但证据文件没能一起复制。");
    }
    this.onSwitch();
    this.render();
    this.status("已复制一份，现在编辑的是副本。");
  }

  remove(id) {
    this.finishRemoval();
    const entry = this.store.index.cases.find((c) => c.id === id);
    const removed = this.store.remove(id);
    if (!removed) return;
    this.pendingRemoval = { removed, timer: setTimeout(() => this.finishRemoval(), UNDO_MS) };
    document.getElementById("undo-text").textContent = `已删除“${entry.name}”。`;
    document.getElementById("undo").hidden = false;
    this.onSwitch();
    this.render();
    document.getElementById("undo-button").focus();
  }

  undo() {
    if (!this.pendingRemoval) return;
    clearTimeout(this.pendingRemoval.timer);
    this.store.undoRemove(this.pendingRemoval.removed);
    this.pendingRemoval = null;
    document.getElementById("undo").hidden = true;
    this.render();
    this.status("已恢复。");
  }

  // The stored case went when it was deleted; its files go once undo is no longer offered.
  finishRemoval() {
    if (!this.pendingRemoval) return;
    clearTimeout(this.pendingRemoval.timer);
    this.files.removeCase(this.pendingRemoval.removed.entry.id).catch(() => {});
    this.pendingRemoval = null;
    document.getElementById("undo").hidden = true;
  }

  exportCurrent() {
    this.store.save({ force: true });
    const name = this.store.current ? this.store.current.name : "案件";
    // A case not yet opened by Python is exported exactly as it was stored.
    const stored = this.store.locked ? this.store.older.get(this.store.index.current) : envelope(this.store.case);
    const text = JSON.stringify({ ...stored, exportedAt: new Date().toISOString() }, null, 2);
    download(`维权案件-${name}-${fileStamp()}.json`, text, "application/json");
    this.status("案件文件已导出。证据文件不在其中，请另外下载证据包。");
  }

  async importFile(input) {
    const file = input.files && input.files[0];
    input.value = "";
    const box = document.getElementById("import-errors");
    box.replaceChildren();
    if (!file) return;
    let doc;
    try {
      doc = JSON.parse(await file.text());
    } catch {
      box.replaceChildren(el("li", {}, `“${file.name}”不是有效的案件文件（内容不是 JSON 格式）。请选择由维权助手导出的 .json 文件。`));
      return;
    }
    let result;
    let migrated = null;
    try {
      result = await this.call("validate", { case: doc });
      // A file from an older version arrives in the current format, through Python.
      if (!(result.errors && result.errors.length)) migrated = await this.call("migrate", { case: doc });
    } catch (error) {
      const fields = (error && error.fields) || [];
      box.replaceChildren(
        el("li", {}, `“${file.name}”不能导入：${errorText(error)}`),
        ...fields.map((f) => el("li", { "data-field": f.field }, `${f.field || "整个文件"}：${f.message}`)),
      );
      return;
    }
    if (result.errors && result.errors.length) {
      box.replaceChildren(
        el("li", {}, `“${file.name}”有 ${result.errors.length} 处需要改正，没有导入：`),
        ...result.errors.map((f) => el("li", { "data-field": f.field }, `${f.field || "整个文件"}：${f.message}`)),
      );
      return;
    }
    // An import never replaces a case: it always arrives as a new one.
    const name = file.name.replace(/\.json$/i, "").replace(/^维权案件-/, "") || "导入的案件";
    this.store.create(name, { ...emptyCase(), ...migrated.case });
    this.onSwitch();
    this.render();
    this.status(`已导入为新案件“${name}”，原有案件没有改动。`);
  }

  // A 证据包 from another device: Python checks every file's SHA-256 against the manifest
  // (import_bundle); only a zip that passes becomes a new case, with all its files or none.
  async importBundle(input) {
    const file = input.files && input.files[0];
    input.value = "";
    const box = document.getElementById("import-errors");
    box.replaceChildren();
    if (!file) return;
    this.status(`正在校验“${file.name}”……`);
    let result;
    try {
      result = await this.call("import_bundle", {}, [await file.arrayBuffer()]);
    } catch (error) {
      const fields = (error && error.fields) || [];
      this.status("");
      box.replaceChildren(
        el("li", {}, `“${file.name}”没有导入：${errorText(error)}`),
        ...fields.map((f) => el("li", { "data-file": f.field }, f.field ? `${f.field}：${f.message}` : f.message)),
      );
      return;
    }
    const id = this.store.create(result.suggested_title, { ...emptyCase(), ...result.case.case });
    try {
      for (const meta of result.files) {
        const bytes = result.file.slice(meta.offset, meta.offset + meta.size);
        await this.files.add(id, meta.kind, new File([bytes], meta.name), meta.added_at || undefined);
      }
    } catch (error) {
      // All or nothing: a case without its evidence would look complete and is not.
      this.store.remove(id);
      await this.files.removeCase(id).catch(() => {});
      this.onSwitch();
      this.render();
      this.status("");
      box.replaceChildren(el("li", {}, `“${file.name}”没有导入：${error.message || "证据文件没能保存"}`));
      return;
    }
    this.onSwitch();
    this.render();
    this.status(`已导入为新案件“${result.suggested_title}”，含 ${result.files.length} 个证据文件，校验全部通过；原有案件没有改动。`);
  }

  renderBackups() {
    const backups = this.store.backups();
    document.getElementById("backups").hidden = backups.length === 0;
    document.getElementById("backup-list").replaceChildren(
      ...backups.map(({ key, raw }) =>
        el(
          "li",
          { "data-backup": key },
          `${key.replace("weiquan:backup:", "")}（${formatBytes(raw.length * 2)}） `,
          this.button("下载原始数据", () => download(`weiquan-backup-${fileStamp()}.txt`, raw)),
        ),
      ),
    );
  }

  async renderUsage() {
    const target = document.getElementById("storage-usage");
    let filesBytes = 0;
    let fileCount = 0;
    try {
      for (const entry of this.store.index.cases) {
        for (const record of await this.files.list(entry.id)) {
          filesBytes += record.size;
          fileCount += 1;
        }
      }
    } catch {
      // IndexedDB unavailable: the text below says what is known.
    }
    const parts = [`案件数据约 ${formatBytes(this.store.usage())}`, `证据文件 ${fileCount} 个，约 ${formatBytes(filesBytes)}`];
    if (navigator.storage && navigator.storage.estimate) {
      const { usage, quota } = await navigator.storage.estimate();
      if (quota) parts.push(`浏览器为本站分配的空间已用 ${formatBytes(usage)} / ${formatBytes(quota)}`);
    }
    target.textContent = parts.join("；") + "。";
  }

  async wipe() {
    if (!window.confirm("确定要删除这台设备上的全部案件、证据文件和备份吗？删除后无法恢复。建议先导出。")) return;
    this.finishRemoval();
    this.store.wipe();
    await this.files.wipe();
    // The runtime snapshot holds no case data, but "everything" means everything this site kept.
    if ("caches" in window) await caches.delete("wq-runtime-snapshot").catch(() => {});
    this.onSwitch();
    this.render();
    this.status("本机的案件、证据文件、备份和运行快照已全部删除。");
  }
}
