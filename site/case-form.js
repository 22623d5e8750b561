// The case intake: binds the pre-rendered form to the case object, field by field.
// Values are kept exactly as typed (validation is Python's job), so nothing typed is lost.

import { el } from "./dom.js";
import { SHELL } from "./shell-data.js";

const VERBAL = new Set(SHELL.verbal_channels);

// A whole number typed into a numeric box is stored as a number; anything else as typed.
const asCount = (input, v) => (input.inputMode === "numeric" && /^\s*\d+\s*$/.test(v) ? Number(v) : v);

export function getPath(obj, path) {
  return path.split(".").reduce((o, k) => (o === null || o === undefined ? undefined : o[k]), obj);
}

export function setPath(obj, path, value) {
  const keys = path.split(".");
  let o = obj;
  for (const k of keys.slice(0, -1)) {
    if (typeof o[k] !== "object" || o[k] === null) o[k] = {};
    o = o[k];
  }
  o[keys.at(-1)] = value;
}

function readValue(input) {
  if (input.type === "checkbox") return input.checked;
  return asCount(input, input.value);
}

function writeValue(input, value) {
  if (input.type === "checkbox") input.checked = Boolean(value);
  else if (input.type === "radio") input.checked = input.value === value;
  else if (input.type === "datetime-local" && /^\d{4}-\d{2}-\d{2}$/.test(value || "")) input.value = `${value}T00:00`;
  else input.value = value === undefined || value === null ? "" : String(value);
}

export class CaseForm {
  constructor(form, store, onChange) {
    this.form = form;
    this.store = store;
    this.onChange = onChange;
    // Demand details typed while the box is unticked are kept here, so re-ticking restores them.
    this.demandDrafts = {};
    // Errors show next to a field only once the person has been there (or on the review step).
    this.touched = new Set();
    form.addEventListener("input", (e) => this.handle(e));
    form.addEventListener("change", (e) => this.handle(e));
    form.addEventListener("submit", (e) => e.preventDefault());
    // Case fields outside the intake form (the letter workspace's facts box) bind the same way.
    for (const input of document.querySelectorAll("[data-field]")) {
      if (!form.contains(input)) input.addEventListener("input", (e) => this.handle(e));
    }
    document.getElementById("contact-add").addEventListener("click", () => this.addContact());
    this.fill();
  }

  get case() {
    return this.store.case;
  }

  // A different case was opened: forget what belonged to the previous one.
  reset() {
    this.demandDrafts = {};
    this.touched = new Set();
    this.fill();
  }

  fill() {
    for (const input of document.querySelectorAll("[data-field]")) {
      writeValue(input, getPath(this.case, input.dataset.field));
    }
    this.fillDemands();
    this.renderContacts();
  }

  handle(event) {
    const t = event.target;
    this.touched.add(this.pathOf(t));
    if (t.dataset.field) {
      if (t.type === "radio" && !t.checked) return;
      setPath(this.case, t.dataset.field, readValue(t));
      // The facts field appears twice (intake and letter workspace): keep both in step.
      for (const twin of document.querySelectorAll(`[data-field="${t.dataset.field}"]`)) {
        if (twin !== t && twin.type !== "radio") writeValue(twin, getPath(this.case, t.dataset.field));
      }
    } else if (t.dataset.demand || t.dataset.demandField) {
      this.readDemand(t);
    } else if (t.dataset.item) {
      this.readContact(t);
    } else if (t.dataset.evidence) {
      this.readEvidence(t);
    } else {
      return;
    }
    this.store.changed();
    this.onChange(t);
  }

  // ------------------------------------------------------------ demands

  demand(kind) {
    return this.case.demands.find((d) => d.kind === kind);
  }

  readDemand(t) {
    const [kind, key] = t.dataset.demand ? [t.dataset.demand, null] : t.dataset.demandField.split(".");
    let entry = this.demand(kind);
    if (t.dataset.demand && !t.checked) {
      if (entry) this.demandDrafts[kind] = entry;
      this.case.demands = this.case.demands.filter((d) => d.kind !== kind);
      return;
    }
    if (!entry) {
      entry = this.demandDrafts[kind] || { kind };
      this.case.demands.push(entry);
      this.form.querySelector(`[data-demand="${kind}"]`).checked = true;
    }
    if (key) entry[key] = asCount(t, t.value);
  }

  fillDemands() {
    for (const box of this.form.querySelectorAll("[data-demand]")) {
      box.checked = Boolean(this.demand(box.dataset.demand));
    }
    for (const input of this.form.querySelectorAll("[data-demand-field]")) {
      const [kind, key] = input.dataset.demandField.split(".");
      const entry = this.demand(kind);
      input.value = entry && entry[key] !== undefined ? String(entry[key]) : "";
    }
  }

  // ------------------------------------------------------------ contacts

  addContact() {
    this.case.contacts.push(structuredClone(SHELL.new_contact));
    this.store.changed();
    this.renderContacts();
    const rows = document.querySelectorAll("#contacts > li");
    rows[rows.length - 1].querySelector("input").focus();
    this.onChange(null);
  }

  renderContacts() {
    const list = document.getElementById("contacts");
    const template = document.getElementById("contact-row");
    const rows = this.case.contacts.map((contact, index) => {
      const row = template.content.firstElementChild.cloneNode(true);
      row.dataset.index = index;
      row.querySelector(".contact__title").textContent = `第 ${index + 1} 次联系`;
      for (const input of row.querySelectorAll("[data-item]")) {
        const id = `contact-${index}-${input.dataset.item}`;
        input.id = id;
        input.previousElementSibling.setAttribute("for", id);
        writeValue(input, contact[input.dataset.item]);
      }
      row.querySelector("[data-remove]").addEventListener("click", () => {
        this.case.contacts.splice(index, 1);
        this.store.changed();
        this.renderContacts();
        document.getElementById("contact-add").focus();
        this.onChange(null);
      });
      this.promiseTip(row, contact);
      return row;
    });
    list.replaceChildren(...rows);
  }

  readContact(t) {
    const row = t.closest("[data-index]");
    const contact = this.case.contacts[Number(row.dataset.index)];
    contact[t.dataset.item] = t.value;
    this.promiseTip(row, contact);
  }

  promiseTip(row, contact) {
    row.querySelector("[data-promise-tip]").hidden = !(contact.promise && VERBAL.has(contact.channel));
  }

  // ------------------------------------------------------------ evidence

  renderEvidence(checklist) {
    const box = document.getElementById("evidence-items");
    const items = checklist.items.map((item) => {
      const held = this.case.evidence.find((e) => e.kind === item.kind);
      const id = `ev-${item.kind}`;
      const check = el("input", { type: "checkbox", id, checked: Boolean(held && held.have), "data-evidence": item.kind });
      const note = el("input", {
        type: "text", id: `${id}-note`, value: (held && held.note) || "", "data-evidence": item.kind, "data-evidence-note": "1",
      });
      return el(
        "div",
        { className: "evidence-item", "data-kind": item.kind },
        el("label", { className: "choice choice--check", for: id }, check, ` ${item.title}`, item.required ? el("span", { className: "badge" }, "必备") : null),
        el("p", { className: "field__hint" }, `要能看清：${item.must_show.join("、")}`),
        el("label", { className: "field__label", for: `${id}-note` }, "备注（例如截图存在哪里）"),
        note,
        el("label", { className: "button button--quiet file-pick", for: `${id}-file` }, "＋ 添加截图、录音或文件"),
        el("input", { type: "file", id: `${id}-file`, multiple: true, className: "visually-hidden", "data-file-kind": item.kind }),
        el("ul", { className: "files", "data-files-for": item.kind, "aria-live": "polite" }),
      );
    });
    box.replaceChildren(...items);
  }

  // Attaching a file to an item means the person has that evidence.
  markHeld(kind) {
    const box = document.getElementById(`ev-${kind}`);
    if (box && !box.checked) {
      box.checked = true;
      this.readEvidence(box);
      this.store.changed();
      this.onChange(box);
    }
  }

  readEvidence(t) {
    const kind = t.dataset.evidence;
    let entry = this.case.evidence.find((e) => e.kind === kind);
    if (!entry) {
      entry = { kind, have: false, note: "" };
      this.case.evidence.push(entry);
    }
    if (t.dataset.evidenceNote) entry.note = t.value;
    else entry.have = t.checked;
  }

  // ------------------------------------------------------------ errors and review

  pathOf(t) {
    if (t.dataset.field) return `case.${t.dataset.field}`;
    const row = t.closest("[data-index]");
    if (row && t.dataset.item) return `case.contacts[${row.dataset.index}].${t.dataset.item}`;
    const demand = t.dataset.demandField || t.dataset.demand;
    if (demand) {
      const index = this.case.demands.findIndex((d) => d.kind === demand.split(".")[0]);
      return `case.demands[${index}].${demand.split(".")[1] || "kind"}`;
    }
    return "";
  }

  // Shows each error beside its field and returns them with a readable label and their step.
  showErrors(errors, { all = false } = {}) {
    for (const slot of document.querySelectorAll(".field__error")) slot.textContent = "";
    for (const input of document.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
    const placed = [];
    for (const error of errors) {
      const slot = this.errorSlot(error.field);
      const input = slot && slot.parentElement.querySelector("input, select, textarea");
      // A choice list on screen already shows the allowed values: no need to repeat them.
      const message = error.brief && input && input.type !== "text" && input.tagName !== "TEXTAREA"
        ? error.brief : error.message;
      if (slot && (all || this.touched.has(error.field))) {
        slot.textContent = message;
        if (input) input.setAttribute("aria-invalid", "true");
      }
      const label = this.labelOf(error.field);
      placed.push({ ...error, message: label ? `${label}：${message}` : message, step: this.stepOf(error.field) });
    }
    return placed;
  }

  labelOf(field) {
    const path = (field || "").replace(/^case\./, "");
    const contact = path.match(/^contacts\[(\d+)\]\.(\w+)$/);
    if (contact) {
      const input = document.getElementById(`contact-${contact[1]}-${contact[2]}`);
      const label = input && document.querySelector(`label[for="${input.id}"]`);
      return `第 ${Number(contact[1]) + 1} 次联系的${label ? label.textContent : contact[2]}`;
    }
    const input = this.form.querySelector(`[data-field="${path}"]`);
    const label = input && document.querySelector(`label[for="${input.id}"]`);
    if (label) return label.textContent;
    // A choice list has no label of its own: its step's title names it.
    const step = input && SHELL.intake_steps.find((s) => s.id === input.closest("[data-step]").dataset.step);
    return step ? step.title : "";
  }

  // An older case not yet opened by Python is shown but cannot be changed.
  setLocked(locked) {
    for (const step of this.form.querySelectorAll("fieldset[data-step]")) step.disabled = locked;
    for (const input of document.querySelectorAll("[data-field]")) {
      if (!this.form.contains(input)) input.disabled = locked;
    }
  }

  errorSlot(field) {
    const path = (field || "").replace(/^case\./, "");
    const contact = path.match(/^contacts\[(\d+)\]\.(\w+)$/);
    if (contact) {
      return document.querySelector(`#contacts > li[data-index="${contact[1]}"] [data-error-item="${contact[2]}"]`);
    }
    const demand = path.match(/^demands\[(\d+)\]\.(\w+)$/);
    if (demand) {
      const entry = this.case.demands[Number(demand[1])];
      return entry && document.querySelector(`[data-error-demand="${entry.kind}.${demand[2]}"]`);
    }
    return document.querySelector(`[data-error-for="${path}"]`);
  }

  // The intake screen a field is on: where its input or its error slot is, else the screen named
  // like the field's first part (a list such as the evidence), else the review.
  stepOf(field) {
    const path = (field || "").replace(/^case\./, "");
    const input = this.form.querySelector(`[data-field="${path}"]`) || this.errorSlot(field);
    const step = input && input.closest("[data-step]");
    if (step) return step.dataset.step;
    const head = path.split(/[.[]/)[0];
    return SHELL.intake_steps.some((s) => s.id === head) ? head : "review";
  }

  renderReview() {
    const list = document.getElementById("review");
    const parts = [];
    for (const step of this.form.querySelectorAll("[data-step]")) {
      const id = step.dataset.step;
      if (id === "review") continue;
      const title = step.querySelector("legend").textContent.replace(/^第.*?：/, "");
      const values = this.summary(step);
      parts.push(
        el("dt", {}, title, " ", el("a", { href: `#/case/${id}`, className: "linkish" }, "修改")),
        el("dd", {}, values.length ? el("ul", {}, ...values.map((v) => el("li", {}, v))) : el("span", { className: "hint" }, "（未填写）")),
      );
    }
    list.replaceChildren(...parts);
  }

  summary(step) {
    const id = step.dataset.step;
    if (id === "contacts") return this.case.contacts.map((c, i) => `第 ${i + 1} 次：${c.at || "时间未填"} ${c.summary || ""}`.trim());
    if (id === "evidence") {
      const have = this.case.evidence.filter((e) => e.have).map((e) => e.kind);
      return have.length ? [`已保存 ${have.length} 项`] : [];
    }
    if (id === "demands") {
      return this.case.demands.map((d) => {
        const label = this.form.querySelector(`[data-demand="${d.kind}"]`).parentElement.textContent.trim();
        return [label, d.amount ? `${d.amount} 元` : "", d.quantity ? `${d.quantity} 份` : "", d.note || ""].filter(Boolean).join(" ");
      });
    }
    const out = [];
    for (const input of step.querySelectorAll("[data-field]")) {
      const value = getPath(this.case, input.dataset.field);
      if (input.type === "radio") {
        if (input.checked) out.push(input.parentElement.textContent.trim());
      } else if (input.type === "checkbox") {
        if (value) out.push(input.parentElement.textContent.trim());
      } else if (value !== "" && value !== undefined && value !== null) {
        const label = document.querySelector(`label[for="${input.id}"]`);
        const shown = input.tagName === "SELECT" ? input.selectedOptions[0]?.textContent : String(value);
        const name = label ? label.textContent.replace(/[？?]$/, "") : input.dataset.field;
        out.push(`${name}：${shown}`);
      }
    }
    return out;
  }
}
