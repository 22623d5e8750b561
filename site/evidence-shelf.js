// The evidence files on this device: chosen per evidence item, hashed and kept in IndexedDB,
// listed under their item, and packed with the case into the evidence bundle (证据包).

import { download, el } from "./dom.js";
import { notice } from "./notice.js";
import { errorText } from "./protocol.js";

export class EvidenceShelf {
  /** @param {import("./session.js").Session} session */
  constructor(session) {
    this.session = session;
    document.getElementById("evidence-items").addEventListener("change", (e) => this.add(e));
    for (const button of /** @type {NodeListOf<HTMLButtonElement>} */ (document.querySelectorAll("[data-action='bundle']"))) {
      button.addEventListener("click", () => this.download(button));
    }
  }

  async add(e) {
    const { files, store, form } = this.session;
    const input = /** @type {HTMLInputElement} */ (e.target);
    if (!input.dataset.fileKind) return;
    const kind = input.dataset.fileKind;
    const chosen = [...input.files];
    input.value = "";
    const list = document.querySelector(`[data-files-for="${kind}"]`);
    list.append(el("li", { className: "pending" }, `正在保存 ${chosen.length} 个文件……`));
    const repeated = [];
    try {
      for (const file of chosen) {
        const record = await files.add(store.index.current, kind, file);
        if (record.duplicate) repeated.push(file.name);
      }
      form.markHeld(kind);
    } catch (error) {
      notice(error.message || "文件没有保存。", "quota");
    }
    await this.render();
    if (repeated.length) {
      list.append(el("li", { className: "hint", "data-duplicate": "" },
        `${repeated.map((n) => `“${n}”`).join("、")}已经添加过（内容完全相同），没有重复保存。`));
    }
  }

  async render() {
    const { files, store } = this.session;
    let records = [];
    try {
      records = await files.list(store.index.current);
    } catch {
      return;
    }
    for (const list of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll("[data-files-for]"))) {
      const mine = records.filter((r) => r.kind === list.dataset.filesFor);
      list.replaceChildren(
        ...mine.map((r) =>
          el(
            "li",
            { "data-file": r.name },
            el("span", {}, r.name),
            el("span", { className: "hint" }, `${(r.size / 1024).toFixed(0)} KB · ${r.addedAt.replace("T", " ")}`),
            el("code", { title: "SHA-256" }, `SHA-256 ${r.sha256.slice(0, 12)}…`),
            el("button", {
              type: "button",
              className: "linkish",
              onclick: async () => {
                await files.remove(r.id);
                this.render();
              },
            }, `删除 ${r.name}`),
          ),
        ),
      );
    }
  }

  async download(button) {
    const { files, store, call, args, setStatus } = this.session;
    const say = (text) => {
      setStatus(text);
      notice(text, "bundle");
    };
    button.disabled = true;
    try {
      const records = await files.list(store.index.current);
      const buffers = await Promise.all(records.map((r) => r.blob.arrayBuffer()));
      const meta = records.map((r) => ({ name: r.name, sha256: r.sha256, kind: r.kind, added_at: r.addedAt }));
      store.save({ force: true });
      const result = await call("bundle", { ...args(), files: meta }, buffers);
      download(result.name, new Blob([result.file], { type: "application/zip" }));
      setStatus(`证据包已生成：${result.files} 个文件。`);
    } catch (error) {
      say(errorText(error));
    } finally {
      button.disabled = false;
    }
  }
}
