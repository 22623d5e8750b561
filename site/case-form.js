// The case intake: binds the pre-rendered form to the case object, field by field.
// Values are kept exactly as typed (validation is Python's job), so nothing typed is lost.

import { asCount, getPath, readValue, setPath, shownFor, writeValue } from "./case-values.js";
import { el } from "./dom.js";
import { locate, ROW_LISTS, rowErrorSelector, rowInputId } from "./field-paths.js";
import { RowList } from "./row-list.js";
import { emptyCase, SHELL } from "./shell-data.js";

// A promise made where nothing is written (a call) needs written confirmation; a chat is written.
const UNWRITTEN = new Set(SHELL.unwritten_channels);

/** Makes `kase` the scam problem, a suspected fraud; and, while nothing about the order is
 * known, with no means of payment: the empty case's drop-down default would have the urgent
 * card send someone who paid by WeChat to 支付宝. */
export function scamCase(kase) {
  kase.problem = "scammed";
  kase.suspected_fraud = true;
  if (JSON.stringify(kase.order) === JSON.stringify(emptyCase().order)) kase.order.paid_via = "";
  return kase;
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
    for (const input of /** @type {NodeListOf<HTMLInputElement>} */ (document.querySelectorAll("[data-field]"))) {
      if (!form.contains(input)) input.addEventListener("input", (e) => this.handle(e));
    }
    const rows = { store, onChange: (target) => this.onChange(target) };
    this.lists = {
      contacts: new RowList(ROW_LISTS.contacts, {
        ...rows,
        decorate: (row, contact) => this.promiseTip(row, contact),
        onDrawn: () => this.showWhatMatters(),
        // A new channel brings its usual party, unless the person already picked another one.
        beforeRead: (t, contact, row) => {
          if (t.dataset.item === "channel" && contact.party === SHELL.channel_party[contact.channel]) {
            contact.party = SHELL.channel_party[t.value];
            writeValue(row.querySelector("[data-item='party']"), contact.party);
          }
        },
        afterRead: (t, contact, row) => this.promiseTip(row, contact),
      }),
      payments: new RowList(ROW_LISTS.payments, {
        ...rows,
        // The total is checked against the payments: its message belongs on screen now.
        afterRead: () => this.touched.add("case.order.amount"),
      }),
      rules: new RowList(ROW_LISTS.rules, {
        ...rows,
        decorate: (row, rule, index) => {
          /** @type {HTMLElement} */ (row.querySelector("[data-rule-warning]")).dataset.warningFor = `rules[${index}].stance`;
        },
      }),
    };
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
    for (const input of /** @type {NodeListOf<HTMLInputElement>} */ (document.querySelectorAll("[data-field]"))) {
      writeValue(input, getPath(this.case, input.dataset.field));
    }
    this.fillDemands();
    for (const list of Object.values(this.lists)) list.render();
    this.showWhatMatters();
  }

  // Hides the fields that do not matter for this case; what they hold stays in the case.
  showWhatMatters() {
    const scamNext = this.form.querySelector("[data-scam-next]");
    if (scamNext) scamNext.hidden = this.case.problem !== "scammed";
    for (const [path, tests] of Object.entries(SHELL.shown_when)) {
      const input = this.form.querySelector(`[data-field="${path}"]`);
      const box = input && input.closest(".field");
      if (box) box.hidden = !shownFor(this.case, tests);
    }
    // Some fields are asked differently for some cases (SHELL.asked_as); the page's own
    // wording is kept to go back to.
    for (const [path, variants] of Object.entries(SHELL.asked_as)) {
      const input = this.form.querySelector(`[data-field="${path}"]`);
      const label = input && /** @type {HTMLElement} */ (document.querySelector(`label[for="${input.id}"]`));
      if (!label) continue;
      const hint = document.getElementById(`${input.id}-hint`);
      label.dataset.asked ??= label.textContent;
      if (hint) hint.dataset.asked ??= hint.textContent;
      const variant = variants.find((v) => shownFor(this.case, [v]));
      label.textContent = variant ? variant.label : label.dataset.asked;
      if (hint) hint.textContent = variant ? variant.hint : hint.dataset.asked;
    }
  }

  handle(event) {
    const t = event.target;
    this.touched.add(this.pathOf(t));
    if (t.dataset.field) {
      if (t.type === "radio" && !t.checked) return;
      setPath(this.case, t.dataset.field, readValue(t));
      // 付了钱被拉黑… is a suspected fraud by its nature: no separate box to find and tick.
      if (t.dataset.field === "problem" && t.value === "scammed") {
        scamCase(this.case);
        for (const box of /** @type {NodeListOf<HTMLInputElement>} */ (this.form.querySelectorAll('[data-field="suspected_fraud"], [data-field="order.paid_via"]'))) {
          writeValue(box, getPath(this.case, box.dataset.field));
        }
      }
      // The facts field appears twice (intake and letter workspace): keep both in step.
      for (const twin of /** @type {NodeListOf<HTMLInputElement>} */ (document.querySelectorAll(`[data-field="${t.dataset.field}"]`))) {
        if (twin !== t && twin.type !== "radio") writeValue(twin, getPath(this.case, t.dataset.field));
      }
      this.showWhatMatters();
    } else if (this.listOf(t)) {
      if (!this.listOf(t).read(t)) return;
    } else if (t.dataset.demand || t.dataset.demandField) {
      this.readDemand(t);
    } else if (t.dataset.evidence) {
      this.readEvidence(t);
    } else {
      return;
    }
    if (!t.dataset.field) this.showWhatMatters();
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

  promiseTip(row, contact) {
    row.querySelector("[data-promise-tip]").hidden = !(contact.promise && UNWRITTEN.has(contact.channel));
  }

  /** The row list an input belongs to (contacts, payments, clauses), if any. */
  listOf(t) {
    return Object.values(this.lists).find((list) => list.rowOf(t));
  }

  // The core's warnings about one field (e.g. a clause it reads as unfair), shown beside it.
  showWarnings(warnings) {
    for (const slot of this.form.querySelectorAll("[data-warning-for]")) {
      slot.textContent = "";
      slot.hidden = true;
    }
    // Beside a field: what looks wrong in what was typed (a date in the future, a discovery
    // before the purchase, an unfair clause…), not what is still to be filled in.
    for (const w of warnings.filter((x) => x.code !== "missing-field")) {
      const path = (w.field || "").replace(/^case\./, "");
      const slot = path && this.form.querySelector(`[data-warning-for="${path}"]`);
      if (slot) {
        slot.textContent = w.message;
        slot.hidden = false;
      }
    }
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
    const box = /** @type {HTMLInputElement} */ (document.getElementById(`ev-${kind}`));
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

  // ------------------------------------------------------------ errors

  pathOf(t) {
    if (t.dataset.field) return `case.${t.dataset.field}`;
    const list = this.listOf(t);
    if (list) return list.pathOf(t);
    const demand = t.dataset.demandField || t.dataset.demand;
    if (demand) {
      const index = this.case.demands.findIndex((d) => d.kind === demand.split(".")[0]);
      return `case.demands[${index}].${demand.split(".")[1] || "kind"}`;
    }
    return "";
  }

  showErrors(errors, { all = false } = {}) {
    for (const slot of document.querySelectorAll(".field__error")) slot.textContent = "";
    for (const input of document.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
    const placed = [];
    for (const error of errors) {
      const slot = this.errorSlot(error.field);
      const input = slot && /** @type {HTMLInputElement} */ (slot.parentElement.querySelector("input, select, textarea"));
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
    const at = locate(field);
    if (at.kind === "row" && at.rows.labelled) {
      const label = document.querySelector(`label[for="${rowInputId(at.rows, at.index, at.key)}"]`);
      return `第 ${at.index + 1} ${at.rows.noun}的${label ? label.textContent : at.key}`;
    }
    const path = at.kind === "field" ? at.path : (field || "").replace(/^case\./, "");
    const input = this.form.querySelector(`[data-field="${path}"]`);
    const label = input && document.querySelector(`label[for="${input.id}"]`);
    if (label) return label.textContent;
    // A choice list has no label of its own: its step's title names it.
    const step = input && SHELL.intake_steps.find((s) => s.id === /** @type {HTMLElement} */ (input.closest("[data-step]")).dataset.step);
    return step ? step.title : "";
  }

  // An older case not yet opened by Python is shown but cannot be changed.
  setLocked(locked) {
    for (const step of /** @type {NodeListOf<HTMLFieldSetElement>} */ (this.form.querySelectorAll("fieldset[data-step]"))) step.disabled = locked;
    for (const input of /** @type {NodeListOf<HTMLInputElement>} */ (document.querySelectorAll("[data-field]"))) {
      if (!this.form.contains(input)) input.disabled = locked;
    }
  }

  errorSlot(field) {
    const at = locate(field);
    if (at.kind === "row") return document.querySelector(rowErrorSelector(at.rows, at.index, at.key));
    if (at.kind === "demand") {
      const entry = this.case.demands[at.index];
      return entry && document.querySelector(`[data-error-demand="${entry.kind}.${at.key}"]`);
    }
    return document.querySelector(`[data-error-for="${at.path}"]`);
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
}
