// 智能粘贴 on the 商家 and 订单 screens: the person pastes an order page or a bill, Python's
// "paste" says what it found (case field, value, the page's label), and the person confirms it
// field by field. A field that already holds something else is shown old → new and starts
// unticked: nothing typed is ever replaced without a tick. Names and labels come from the reply.
// 「识别截图」 (or an image dropped on the box) loads the on-device recogniser from dist/ocr/ on
// first use only (ocr-panel.js there); its text goes through the same "paste" and rows.

import { download, el } from "./dom.js";
import { errorText } from "./protocol.js";
import { getPath, setPath } from "./case-values.js";
import { SHELL } from "./shell-data.js";

const PAYMENT = "order.payments[].";
// build.py fills in the recogniser's folder and its sizes (nothing of it is precached).
const OCR = { dir: "%%OCR_DIR%%", manifest: "%%OCR_MANIFEST%%" };

const shown = (value) => String(value ?? "").replace(/^(\d{4}-\d{2}-\d{2})T/, "$1 ");

export class PasteBoxes {
  /**
   * @param {{call: Function, store: object, onFilled: Function, files?: object, onEvidence?: Function}} deps
   *   onFilled() runs after fields were written into store.case (refill the form, save, check).
   */
  constructor({ call, store, onFilled, files = null, onEvidence = () => {} }) {
    this.call = call;
    this.store = store;
    this.onFilled = onFilled;
    this.files = files; // EvidenceFiles: a screenshot and its 打码 copy can be kept as evidence
    this.onEvidence = onEvidence;
    for (const box of document.querySelectorAll("[data-paste-box]")) this.bind(box);
  }

  bind(box) {
    const text = box.querySelector("[data-paste-text]");
    const read = () => this.read(box, text.value);
    // The box is inside the case form but holds no case field: keep its typing to itself.
    box.addEventListener("input", (e) => e.stopPropagation());
    box.addEventListener("change", (e) => e.stopPropagation());
    // A paste is the whole gesture: recognising it at once saves the person a tap.
    text.addEventListener("input", (e) => {
      if (e.inputType === "insertFromPaste") read();
    });
    box.querySelector("[data-paste-read]").addEventListener("click", read);
    const picker = box.querySelector("[data-ocr]");
    if (!picker) return;
    // Opening the file picker starts the recogniser if it is on the device already: it gets
    // ready while the person looks for the screenshot.
    picker.addEventListener("click", () => this.panel().then((p) => p.warm(OCR.manifest), () => {}));
    picker.addEventListener("change", () => {
      const file = picker.files[0];
      picker.value = "";
      if (file) this.screenshot(box, file);
    });
    const image = (e) => [...(e.dataTransfer?.items || [])].some((i) => i.kind === "file" && i.type.startsWith("image/"));
    box.addEventListener("dragover", (e) => {
      if (!image(e)) return;
      e.preventDefault();
      box.classList.add("paste--drop");
    });
    box.addEventListener("dragleave", () => box.classList.remove("paste--drop"));
    box.addEventListener("drop", (e) => {
      box.classList.remove("paste--drop");
      const file = [...(e.dataTransfer?.files || [])].find((f) => f.type.startsWith("image/"));
      if (!file) return;
      e.preventDefault();
      this.screenshot(box, file);
    });
  }

  // The recogniser's panel, loaded once (from dist/ocr/, kept offline by the service worker).
  panel() {
    this.ocrPanel ||= import(new URL(`../${OCR.dir}/ocr-panel.js`, import.meta.url).href).catch((error) => {
      this.ocrPanel = null;
      throw error;
    });
    return this.ocrPanel;
  }

  async screenshot(box, file) {
    const out = box.querySelector("[data-paste-result]");
    let panel;
    try {
      panel = await this.panel();
    } catch {
      this.show(out, "error", el("p", { className: "notice" }, "识别截图的程序还没有下载到这台设备：第一次使用需要联网，请连上网络后再选一次截图。"));
      return;
    }
    panel.recogniseScreenshot({ box, out, file, paste: this, manifest: OCR.manifest, el, download, shell: SHELL });
  }

  async read(box, text) {
    const out = box.querySelector("[data-paste-result]");
    if (!text.trim()) {
      this.show(out, "empty", el("p", { className: "notice" }, "先把复制的订单或账单详情粘贴到上面的框里。"));
      return;
    }
    out.dataset.state = "pending";
    let result;
    try {
      result = await this.call("paste", { text });
    } catch (error) {
      this.show(out, "error", el("p", { className: "notice" }, errorText(error)));
      return;
    }
    if (!result.fields.length) {
      const pages = (result.known_sources || []).join("、");
      this.show(
        out,
        "none",
        el("p", { className: "notice" }, "没有认出订单信息，什么也没有填入。"),
        el("p", {}, `请粘贴这些页面之一的完整文字：${pages}。在页面上长按选择“全选”，再复制；聊天记录、截图里的字和只复制了一部分的文字认不出来。`),
      );
      return;
    }
    this.renderFound(box, out, result);
  }

  show(out, state, ...children) {
    out.replaceChildren(...children);
    out.dataset.state = state;
  }

  /** The value this field holds now, and whether taking `value` would replace something. */
  current(field, value) {
    if (field.startsWith(PAYMENT)) {
      const key = field.slice(PAYMENT.length);
      const payments = this.store.case.order?.payments || [];
      const same = payments.some((p) => String(p[key] ?? "") === String(value));
      return { now: same ? value : "", replaces: false };
    }
    const now = getPath(this.store.case, field);
    // A value the new case starts with (a preselected choice) was not typed by anyone.
    const untouched = now === getPath(SHELL.empty_case, field);
    const empty = untouched || now === undefined || now === null || String(now).trim() === "";
    return { now: empty ? "" : now, replaces: !empty && String(now) !== String(value) };
  }

  renderFound(box, out, result) {
    const step = box.dataset.pasteBox;
    const rows = result.fields.map((f, i) => {
      const { now, replaces } = this.current(f.field, f.value);
      const same = now !== "" && !replaces;
      const id = `paste-${step}-${i}`;
      const check = el("input", { type: "checkbox", id, checked: !replaces && !same, disabled: same });
      check.dataset.index = String(i);
      const value = replaces
        ? el("span", { className: "paste__value" },
            el("del", {}, shown(now)), " → ", el("ins", {}, shown(f.value_label)))
        : el("span", { className: "paste__value" }, shown(f.value_label));
      const note = same ? "已经是这个值" : replaces ? "会替换你填写的内容，确认无误再勾选" : `来自“${f.label}”`;
      return el("li", { className: "paste__row", "data-paste-field": f.field, "data-value": f.value, "data-replaces": String(replaces) },
        check,
        el("label", { for: id },
          el("span", { className: "paste__name" }, f.field_label),
          value,
          el("span", { className: "paste__from" }, replaces ? `${note}（来自“${f.label}”）` : note)));
    });
    const apply = el("button", { type: "button", className: "button", "data-paste-apply": "" }, "填入所选");
    apply.addEventListener("click", () => this.apply(box, out, result));
    this.show(
      out,
      "found",
      el("p", { className: "paste__source" }, `认出了${result.source_name}，找到 ${result.fields.length} 项。请逐项核对，勾选要填入的：`),
      el("ul", { className: "paste__rows" }, ...rows),
      ...(result.conflicts || []).map((c) => el("p", { className: "notice", "data-conflict": c.field }, c.message)),
      ...(result.notes || []).map((n) => el("p", { className: "notice" }, n)),
      el("p", { className: "paste__actions" }, apply),
    );
  }

  apply(box, out, result) {
    const picked = [...out.querySelectorAll("input[type=checkbox][data-index]:checked")].map(
      (c) => result.fields[Number(c.dataset.index)],
    );
    if (!picked.length) {
      out.querySelector(".paste__actions").append(el("span", { className: "hint", role: "status" }, " 没有勾选任何一项。"));
      return;
    }
    const payment = {};
    for (const f of picked) {
      if (f.field.startsWith(PAYMENT)) payment[f.field.slice(PAYMENT.length)] = f.value;
      else setPath(this.store.case, f.field, f.value);
    }
    if (Object.keys(payment).length) this.addPayment({ ...result.payment, ...payment }, payment);
    this.store.changed();
    this.onFilled();
    box.querySelector("[data-paste-text]").value = "";
    this.show(
      out,
      "applied",
      el("p", { className: "paste__done", role: "status" },
        `已填入 ${picked.length} 项：${picked.map((f) => f.field_label).join("、")}。请在下面核对。`),
    );
  }

  // The page's one payment joins order.payments (v2); the same transaction is completed, never
  // duplicated, and what it already says is kept.
  addPayment(described, picked) {
    const order = this.store.case.order || (this.store.case.order = {});
    const payments = Array.isArray(order.payments) ? order.payments : (order.payments = []);
    const known = picked.txn_id ? payments.find((p) => p.txn_id === picked.txn_id) : null;
    const entry = Object.fromEntries(Object.entries(described).filter(([, v]) => v !== "" && v != null));
    if (!known) payments.push(entry);
    else for (const [k, v] of Object.entries(entry)) if (!known[k]) known[k] = v;
  }
}
