// The case intake: binds the pre-rendered form to the case object, field by field.
// Values are kept exactly as typed (validation is Python's job), so nothing typed is lost.

import { el, timeLabel } from "./dom.js";
import { emptyCase, SHELL } from "./shell-data.js";

// A promise made where nothing is written (a call) needs written confirmation; a chat is written.
const UNWRITTEN = new Set(SHELL.unwritten_channels);

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
  // An optional count left blank means "not said" (null), not a bad number.
  if ("blankIsNull" in input.dataset && input.value.trim() === "") return null;
  return asCount(input, input.value);
}

// The values a test's path names: "contacts[].outcome" is every contact's outcome.
function valuesAt(kase, path) {
  const [head, tail] = path.split("[].");
  if (tail === undefined) return [getPath(kase, path)];
  const items = getPath(kase, head);
  return Array.isArray(items) ? items.map((item) => getPath(item, tail)) : [];
}

// Whether a field that matters only sometimes is shown for this case (SHELL.shown_when);
// describe.shown is the same test in Python.
function shownFor(kase, tests) {
  return tests.some((t) => valuesAt(kase, t.path).some((v) => {
    if (t.in) return t.in.includes(v);
    if (t.empty) return v === "" || v === null || v === undefined;
    return Number(v) > t.above;
  }));
}

function writeValue(input, value) {
  if (input.type === "checkbox") input.checked = Boolean(value);
  else if (input.type === "radio") input.checked = input.value === value;
  else if (input.type === "datetime-local" && /^\d{4}-\d{2}-\d{2}$/.test(value || "")) input.value = `${value}T00:00`;
  else input.value = value === undefined || value === null ? "" : String(value);
}

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
    document.getElementById("contact-add").addEventListener("click", () => this.addContact());
    document.getElementById("payment-add").addEventListener("click", () => this.addPayment());
    document.getElementById("rule-add").addEventListener("click", () => this.addRule());
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
    this.renderContacts();
    this.renderPayments();
    this.renderRules();
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
    } else if (t.dataset.pay) {
      this.readPayment(t);
    } else if (t.dataset.rule) {
      if (t.type === "radio" && !t.checked) return;
      this.case.rules[Number(t.closest("li[data-rule-index]").dataset.ruleIndex)][t.dataset.rule] = t.value;
    } else if (t.dataset.demand || t.dataset.demandField) {
      this.readDemand(t);
    } else if (t.dataset.item) {
      this.readContact(t);
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
    const template = /** @type {HTMLTemplateElement} */ (document.getElementById("contact-row"));
    const rows = this.case.contacts.map((contact, index) => {
      const row = /** @type {HTMLElement} */ (template.content.firstElementChild.cloneNode(true));
      row.dataset.index = index;
      row.querySelector(".contact__title").textContent = `第 ${index + 1} 次联系`;
      for (const input of /** @type {NodeListOf<HTMLInputElement>} */ (row.querySelectorAll("[data-item]"))) {
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
    this.showWhatMatters();
  }

  readContact(t) {
    const row = t.closest("[data-index]");
    const contact = this.case.contacts[Number(row.dataset.index)];
    // A new channel brings its usual party, unless the person already picked another one.
    if (t.dataset.item === "channel" && contact.party === SHELL.channel_party[contact.channel]) {
      contact.party = SHELL.channel_party[t.value];
      writeValue(row.querySelector("[data-item='party']"), contact.party);
    }
    contact[t.dataset.item] = t.value;
    this.promiseTip(row, contact);
  }

  promiseTip(row, contact) {
    row.querySelector("[data-promise-tip]").hidden = !(contact.promise && UNWRITTEN.has(contact.channel));
  }

  // ------------------------------------------------------------ payments (order.payments)

  addPayment() {
    this.case.order.payments = [...(this.case.order.payments || []), structuredClone(SHELL.new_payment)];
    this.store.changed();
    this.renderPayments();
    const rows = document.querySelectorAll("#payments > li");
    rows[rows.length - 1].querySelector("input").focus();
    this.onChange(null);
  }

  renderPayments() {
    const template = /** @type {HTMLTemplateElement} */ (document.getElementById("payment-row"));
    const rows = (this.case.order.payments || []).map((payment, index) => {
      const row = /** @type {HTMLElement} */ (template.content.firstElementChild.cloneNode(true));
      row.dataset.pay = index;
      row.querySelector(".contact__title").textContent = `第 ${index + 1} 笔付款`;
      for (const input of /** @type {NodeListOf<HTMLInputElement>} */ (row.querySelectorAll("[data-pay]"))) {
        const id = `payment-${index}-${input.dataset.pay}`;
        input.id = id;
        input.previousElementSibling.setAttribute("for", id);
        writeValue(input, payment[input.dataset.pay]);
      }
      row.querySelector("[data-remove-pay]").addEventListener("click", () => {
        this.case.order.payments.splice(index, 1);
        this.store.changed();
        this.renderPayments();
        document.getElementById("payment-add").focus();
        this.onChange(null);
      });
      return row;
    });
    document.getElementById("payments").replaceChildren(...rows);
  }

  readPayment(t) {
    const index = Number(t.closest("li[data-pay]").dataset.pay);
    this.case.order.payments[index][t.dataset.pay] = t.value;
    // The total is checked against the payments: its message belongs on screen now.
    this.touched.add("case.order.amount");
  }

  // ------------------------------------------------------------ shop clauses (rules)

  addRule() {
    this.case.rules = [...(this.case.rules || []), structuredClone(SHELL.new_rule)];
    this.store.changed();
    this.renderRules();
    const rows = document.querySelectorAll("#rules > li");
    rows[rows.length - 1].querySelector("input").focus();
    this.onChange(null);
  }

  renderRules() {
    const template = /** @type {HTMLTemplateElement} */ (document.getElementById("rule-row"));
    const rows = (this.case.rules || []).map((rule, index) => {
      const row = /** @type {HTMLElement} */ (template.content.firstElementChild.cloneNode(true));
      row.dataset.ruleIndex = index;
      row.querySelector(".contact__title").textContent = `第 ${index + 1} 条规则`;
      for (const input of /** @type {NodeListOf<HTMLInputElement>} */ (row.querySelectorAll("[data-rule]"))) {
        if (input.type === "radio") {
          input.name = `rule-${index}-stance`;
        } else {
          input.id = `rule-${index}-${input.dataset.rule}`;
          input.previousElementSibling.setAttribute("for", input.id);
        }
        writeValue(input, rule[input.dataset.rule]);
      }
      /** @type {HTMLElement} */ (row.querySelector("[data-rule-warning]")).dataset.warningFor = `rules[${index}].stance`;
      row.querySelector("[data-remove-rule]").addEventListener("click", () => {
        this.case.rules.splice(index, 1);
        this.store.changed();
        this.renderRules();
        document.getElementById("rule-add").focus();
        this.onChange(null);
      });
      return row;
    });
    document.getElementById("rules").replaceChildren(...rows);
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

  // ------------------------------------------------------------ errors and review

  pathOf(t) {
    if (t.dataset.field) return `case.${t.dataset.field}`;
    const row = t.closest("[data-index]");
    if (row && t.dataset.item) return `case.contacts[${row.dataset.index}].${t.dataset.item}`;
    const ruleRow = t.dataset.rule && t.closest("li[data-rule-index]");
    if (ruleRow) return `case.rules[${ruleRow.dataset.ruleIndex}].${t.dataset.rule}`;
    const payRow = t.dataset.pay && t.closest("li[data-pay]");
    if (payRow) return `case.order.payments[${payRow.dataset.pay}].${t.dataset.pay}`;
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
    const path = (field || "").replace(/^case\./, "");
    const contact = path.match(/^contacts\[(\d+)\]\.(\w+)$/);
    if (contact) {
      const input = document.getElementById(`contact-${contact[1]}-${contact[2]}`);
      const label = input && document.querySelector(`label[for="${input.id}"]`);
      return `第 ${Number(contact[1]) + 1} 次联系的${label ? label.textContent : contact[2]}`;
    }
    const payment = path.match(/^order\.payments\[(\d+)\]\.(\w+)$/);
    if (payment) {
      const label = document.querySelector(`label[for="payment-${payment[1]}-${payment[2]}"]`);
      return `第 ${Number(payment[1]) + 1} 笔付款的${label ? label.textContent : payment[2]}`;
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
    for (const step of /** @type {NodeListOf<HTMLFieldSetElement>} */ (this.form.querySelectorAll("fieldset[data-step]"))) step.disabled = locked;
    for (const input of /** @type {NodeListOf<HTMLInputElement>} */ (document.querySelectorAll("[data-field]"))) {
      if (!this.form.contains(input)) input.disabled = locked;
    }
  }

  errorSlot(field) {
    const path = (field || "").replace(/^case\./, "");
    const contact = path.match(/^contacts\[(\d+)\]\.(\w+)$/);
    if (contact) {
      return document.querySelector(`#contacts > li[data-index="${contact[1]}"] [data-error-item="${contact[2]}"]`);
    }
    const payment = path.match(/^order\.payments\[(\d+)\]\.(\w+)$/);
    if (payment) return document.querySelector(`#payments > li[data-pay="${payment[1]}"] [data-error-pay="${payment[2]}"]`);
    const rule = path.match(/^rules\[(\d+)\]\.(\w+)$/);
    if (rule) return document.querySelector(`#rules > li[data-rule-index="${rule[1]}"] [data-error-rule="${rule[2]}"]`);
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
      // The contacts screen also asks a question of the situation (order.refund_offer).
      const values = id === "contacts" ? [...this.summary(step), ...this.summary(step, { fieldsOnly: true })] : this.summary(step);
      parts.push(
        el("dt", {}, title, " ", el("a", { href: `#/case/${id}`, className: "linkish" }, "修改")),
        el("dd", {}, values.length ? el("ul", {}, ...values.map((v) => el("li", {}, v))) : el("span", { className: "hint" }, "（未填写）")),
      );
    }
    list.replaceChildren(...parts);
  }

  // `fieldsOnly`: just the step's own fields ("question: answer"), none of its lists.
  summary(step, { fieldsOnly = false } = {}) {
    const id = fieldsOnly ? "" : step.dataset.step;
    if (id === "contacts") {
      return this.case.contacts.map((c, i) => {
        // The party's own explanation in brackets is left out: 在线客服 · 商家, not 在线客服（商家（卖家））.
        const party = (SHELL.vocab.parties[c.party] || "").replace(/（.*）$/, "");
        const parts = [timeLabel(c.at) || "时间未填", SHELL.vocab.channels[c.channel], party, c.summary];
        return `第 ${i + 1} 次：${parts.filter(Boolean).join(" · ")}`;
      });
    }
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
      // A question this case does not ask is not part of its summary.
      if (input.closest(".field")?.hidden) continue;
      const value = getPath(this.case, input.dataset.field);
      if (input.type === "radio") {
        // A choice asked as a question (a legend) is shown with its question.
        const legend = input.closest("fieldset.field--choices")?.querySelector("legend");
        const name = legend ? `${legend.textContent.replace(/[？?]$/, "")}：` : "";
        if (input.checked) out.push(name + input.parentElement.textContent.trim());
      } else if (input.type === "checkbox") {
        if (value) out.push(input.parentElement.textContent.trim());
      } else if (value !== "" && value !== undefined && value !== null) {
        const label = document.querySelector(`label[for="${input.id}"]`);
        const shown = input.tagName === "SELECT"
          ? input.selectedOptions[0]?.textContent
          : input.type.startsWith("date") ? timeLabel(String(value)) : String(value);
        const name = label ? label.textContent.replace(/[？?]$/, "") : input.dataset.field;
        out.push(`${name}：${shown}`);
      }
    }
    if (id === "shop") {
      (this.case.rules || []).forEach((r, i) => {
        const text = [r.title, r.clause, r.text].filter(Boolean).join(" ");
        out.push(`第 ${i + 1} 条规则：${text || "未填写"}（${SHELL.vocab.stances[r.stance] || "用法未选"}）`);
      });
    }
    if (id === "order") {
      (this.case.order.payments || []).forEach((p, i) => {
        const via = SHELL.vocab.paid_via[p.paid_via] || "";
        const parts = [timeLabel(p.at) || "时间未填", `${p.amount || "?"} 元`, via, p.txn_id && `单号 ${p.txn_id}`, p.payee && `收款方 ${p.payee}`];
        out.push(`第 ${i + 1} 笔付款：${parts.filter(Boolean).join(" · ")}`);
      });
    }
    return out;
  }
}
