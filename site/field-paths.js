// One mapping between a case path ("case.contacts[2].at") and where that value is on the page.
// Plain fields carry data-field="<path>"; the case's lists (contacts, payments, shop clauses) are
// rows of one template each, whose conventions are declared here once. Pure: no DOM.

/**
 * @typedef {object} RowList  one case list drawn as rows (row-list.js)
 * @property {string} path      the list in the case ("order.payments")
 * @property {string} list      id of the <ol>/<ul> the rows go in
 * @property {string} template  id of the <template> of one row
 * @property {string} add       id of the button that adds a row
 * @property {string} row       the row's data attribute (camelCase) holding its index
 * @property {string} item      the data attribute (camelCase) naming an input's key in the item
 * @property {string} error     the data attribute (kebab-case) of an input's error slot
 * @property {string} remove    the data attribute (kebab-case) of the row's remove button
 * @property {string} idPrefix  inputs are given the id `${idPrefix}-${index}-${key}`
 * @property {string} noun      "第 N <noun>", the row's title
 * @property {string} newItem   the SHELL key of an empty item
 * @property {boolean} labelled an error names the row and the input's label ("第 2 笔付款的金额")
 */

/** @type {Record<"contacts"|"payments"|"rules", RowList>} */
export const ROW_LISTS = {
  contacts: {
    path: "contacts", list: "contacts", template: "contact-row", add: "contact-add", row: "index", item: "item",
    error: "error-item", remove: "remove", idPrefix: "contact", noun: "次联系", newItem: "new_contact", labelled: true,
  },
  payments: {
    path: "order.payments", list: "payments", template: "payment-row", add: "payment-add", row: "pay", item: "pay",
    error: "error-pay", remove: "remove-pay", idPrefix: "payment", noun: "笔付款", newItem: "new_payment", labelled: true,
  },
  rules: {
    path: "rules", list: "rules", template: "rule-row", add: "rule-add", row: "ruleIndex", item: "rule",
    error: "error-rule", remove: "remove-rule", idPrefix: "rule", noun: "条规则", newItem: "new_rule", labelled: false,
  },
};

/** camelCase dataset key → its attribute: "ruleIndex" → "data-rule-index". */
export const attr = (key) => `data-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/**
 * Where a field path points: a row's key of one of ROW_LISTS, a demand's key, or a plain field.
 * "case." is optional. The demands are kept apart: their inputs are named by the demand's kind.
 * @param {string} field
 * @returns {{kind: "row", name: string, rows: RowList, index: number, key: string}
 *   | {kind: "demand", index: number, key: string} | {kind: "field", path: string}}
 */
export function locate(field) {
  const path = (field || "").replace(/^case\./, "");
  const m = path.match(/^(.+)\[(\d+)\]\.(\w+)$/);
  if (m) {
    const [, list, index, key] = m;
    if (list === "demands") return { kind: "demand", index: Number(index), key };
    for (const [name, rows] of Object.entries(ROW_LISTS)) {
      if (rows.path === list) return { kind: "row", name, rows, index: Number(index), key };
    }
  }
  return { kind: "field", path };
}

/** The case path of a row's input: rowPath(ROW_LISTS.payments, 1, "at") → "case.order.payments[1].at". */
export const rowPath = (rows, index, key) => `case.${rows.path}[${index}].${key}`;

/** The CSS selector of a row's error slot for `key`. */
export const rowErrorSelector = (rows, index, key) =>
  `#${rows.list} > li[${attr(rows.row)}="${index}"] [data-${rows.error}="${key}"]`;

/** The id the row list gives a row's input (so its label points at it). */
export const rowInputId = (rows, index, key) => `${rows.idPrefix}-${index}-${key}`;
