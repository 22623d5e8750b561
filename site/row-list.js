// One case list drawn as rows of its <template> (contacts, payments, shop clauses): drawing,
// adding, removing, and reading what is typed into a row. Each list's page conventions are
// declared once in field-paths.js.

import { getPath, setPath, writeValue } from "./case-values.js";
import { attr, rowInputId, rowPath } from "./field-paths.js";
import { SHELL } from "./shell-data.js";

export class RowList {
  /**
   * @param {import("./field-paths.js").RowList} rows
   * @param {{store: {case: object, changed: Function}, onChange: Function,
   *   decorate?: (row: HTMLElement, item: object, index: number) => void,
   *   beforeRead?: (input: HTMLInputElement, item: object, row: HTMLElement) => void,
   *   afterRead?: (input: HTMLInputElement, item: object, row: HTMLElement) => void,
   *   onDrawn?: () => void}} hooks
   *   decorate: extra per-row drawing; before/afterRead: around storing a typed value;
   *   onDrawn: after every drawing. onChange(null) runs after a row is added or removed.
   */
  constructor(rows, hooks) {
    this.rows = rows;
    this.hooks = hooks;
    document.getElementById(rows.add).addEventListener("click", () => this.add());
  }

  get items() {
    return getPath(this.hooks.store.case, this.rows.path) || [];
  }

  add() {
    setPath(this.hooks.store.case, this.rows.path, [...this.items, structuredClone(SHELL[this.rows.newItem])]);
    this.hooks.store.changed();
    this.render();
    const drawn = document.querySelectorAll(`#${this.rows.list} > li`);
    /** @type {HTMLElement} */ (drawn[drawn.length - 1].querySelector("input")).focus();
    this.hooks.onChange(null);
  }

  remove(index) {
    this.items.splice(index, 1);
    this.hooks.store.changed();
    this.render();
    document.getElementById(this.rows.add).focus();
    this.hooks.onChange(null);
  }

  render() {
    const { rows, hooks } = this;
    const template = /** @type {HTMLTemplateElement} */ (document.getElementById(rows.template));
    const drawn = this.items.map((item, index) => {
      const row = /** @type {HTMLElement} */ (template.content.firstElementChild.cloneNode(true));
      row.dataset[rows.row] = String(index);
      row.querySelector(".contact__title").textContent = `第 ${index + 1} ${rows.noun}`;
      for (const input of /** @type {NodeListOf<HTMLInputElement>} */ (row.querySelectorAll(`[${attr(rows.item)}]`))) {
        const key = input.dataset[rows.item];
        if (input.type === "radio") {
          input.name = rowInputId(rows, index, key);
        } else {
          input.id = rowInputId(rows, index, key);
          input.previousElementSibling.setAttribute("for", input.id);
        }
        writeValue(input, item[key]);
      }
      row.querySelector(`[${attr(rows.remove)}]`).addEventListener("click", () => this.remove(index));
      if (hooks.decorate) hooks.decorate(row, item, index);
      return row;
    });
    document.getElementById(rows.list).replaceChildren(...drawn);
    if (hooks.onDrawn) hooks.onDrawn();
  }

  /** The row an input of this list is in, or null when the input is not one of its own. */
  rowOf(input) {
    if (input.dataset[this.rows.item] === undefined) return null;
    return /** @type {HTMLElement} */ (input.closest(`li[${attr(this.rows.row)}]`));
  }

  pathOf(input) {
    const row = this.rowOf(input);
    return row ? rowPath(this.rows, row.dataset[this.rows.row], input.dataset[this.rows.item]) : "";
  }

  /** Stores what was typed; false when the event changes nothing (an unticked radio). */
  read(input) {
    if (input.type === "radio" && !input.checked) return false;
    const row = this.rowOf(input);
    const item = this.items[Number(row.dataset[this.rows.row])];
    if (this.hooks.beforeRead) this.hooks.beforeRead(input, item, row);
    item[input.dataset[this.rows.item]] = input.value;
    if (this.hooks.afterRead) this.hooks.afterRead(input, item, row);
    return true;
  }
}
