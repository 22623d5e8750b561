import "./fake-page.mjs";
import assert from "node:assert/strict";
import { test } from "node:test";
import { attr, locate, ROW_LISTS, rowErrorSelector, rowInputId, rowPath } from "../../site/field-paths.js";
import { getPath, setPath } from "../../site/case-values.js";
import { emptyCase, SHELL } from "../../site/shell-data.js";

// A path the core names in an error or a warning, and where the page shows it.
const PLACES = [
  ["case.contacts[2].at", "row", "contacts", 2, "at", '#contacts > li[data-index="2"] [data-error-item="at"]', "contact-2-at"],
  ["contacts[0].channel", "row", "contacts", 0, "channel", '#contacts > li[data-index="0"] [data-error-item="channel"]', "contact-0-channel"],
  ["case.order.payments[1].amount", "row", "payments", 1, "amount", '#payments > li[data-pay="1"] [data-error-pay="amount"]', "payment-1-amount"],
  ["case.rules[0].stance", "row", "rules", 0, "stance", '#rules > li[data-rule-index="0"] [data-error-rule="stance"]', "rule-0-stance"],
  ["case.rules[12].text", "row", "rules", 12, "text", '#rules > li[data-rule-index="12"] [data-error-rule="text"]', "rule-12-text"],
];
for (const [field, kind, name, index, key, slot, id] of PLACES) {
  test(`${field} is ${name} row ${index}'s ${key}, shown at ${slot}`, () => {
    const at = locate(field);
    assert.equal(at.kind, kind);
    assert.equal(at.name, name);
    assert.equal(at.index, index);
    assert.equal(at.key, key);
    assert.equal(rowErrorSelector(at.rows, at.index, at.key), slot);
    assert.equal(rowInputId(at.rows, at.index, at.key), id);
    // …and the input's own path leads back to the same place.
    assert.equal(locate(rowPath(at.rows, index, key)).rows, at.rows);
    assert.equal(rowPath(at.rows, index, key), `case.${field.replace(/^case\./, "")}`);
  });
}

const FIELDS = [
  ["case.order.amount", { kind: "field", path: "order.amount" }],
  ["merchant.name", { kind: "field", path: "merchant.name" }],
  ["case.evidence[0].note", { kind: "field", path: "evidence[0].note" }], // no row list of its own
  ["case.demands[1].amount", { kind: "demand", index: 1, key: "amount" }],
  ["", { kind: "field", path: "" }], // the whole file
  [undefined, { kind: "field", path: "" }],
];
for (const [field, place] of FIELDS) {
  test(`${JSON.stringify(field)} is ${JSON.stringify(place)}`, () => assert.deepEqual(locate(field), place));
}

test("every row list is a list in the empty case, with its empty item declared by the core", () => {
  for (const rows of Object.values(ROW_LISTS)) {
    assert.ok(Array.isArray(getPath(emptyCase(), rows.path)), rows.path);
    assert.equal(typeof SHELL[rows.newItem], "object", rows.newItem);
  }
});

test("data attributes are spelled as the templates spell them", () => {
  assert.equal(attr("ruleIndex"), "data-rule-index");
  assert.equal(attr("pay"), "data-pay");
});

test("setPath makes the objects on the way; getPath of a missing part is undefined", () => {
  const kase = {};
  setPath(kase, "order.payments", []);
  assert.deepEqual(kase, { order: { payments: [] } });
  assert.equal(getPath(kase, "order.id"), undefined);
  assert.equal(getPath(kase, "merchant.name"), undefined);
});
