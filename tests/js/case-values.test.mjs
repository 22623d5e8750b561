import "./fake-page.mjs";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { test } from "node:test";
import { readValue, shownFor, writeValue } from "../../site/case-values.js";
import { SHELL } from "../../site/shell-data.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const python = process.env.WEIQUAN_PYTHON || `${root}.venv/bin/python`;

// An input as the form has it: what readValue/writeValue look at.
const input = (type, props = {}) => ({ type, value: "", checked: false, inputMode: "", dataset: {}, ...props });

const READ = [
  ["text as typed, spaces kept", input("text", { value: "  DD 1 " }), "  DD 1 "],
  ["a whole number in a numeric box", input("text", { value: " 3 ", inputMode: "numeric" }), 3],
  ["a half-typed number stays text", input("text", { value: "3.", inputMode: "numeric" }), "3."],
  ["a blank optional count is not said", input("text", { value: " ", inputMode: "numeric", dataset: { blankIsNull: "" } }), null],
  ["a ticked box", input("checkbox", { checked: true }), true],
];
for (const [what, box, value] of READ) {
  test(`reads ${what}`, () => assert.equal(readValue(box), value));
}

const WRITE = [
  ["a date into a date-and-time box", input("datetime-local"), "2026-12-07", "value", "2026-12-07T00:00"],
  ["nothing as an empty box", input("text"), null, "value", ""],
  ["a number as text", input("text"), 12, "value", "12"],
  ["the matching radio is ticked", input("radio", { value: "a" }), "a", "checked", true],
  ["another radio is not", input("radio", { value: "b" }), "a", "checked", false],
];
for (const [what, box, value, prop, shown] of WRITE) {
  test(`writes ${what}`, () => {
    writeValue(box, value);
    assert.equal(box[prop], shown);
  });
}

const SHOWN = [
  ["a value in the list", { problem: "scammed" }, [{ path: "problem", in: ["scammed"] }], true],
  ["a value not in it", { problem: "other" }, [{ path: "problem", in: ["scammed"] }], false],
  ["an empty value", { order: { id: "" } }, [{ path: "order.id", empty: true }], true],
  ["a number above", { order: { amount: "12.5" } }, [{ path: "order.amount", above: 10 }], true],
  ["any contact's value", { contacts: [{ outcome: "x" }, { outcome: "ok" }] }, [{ path: "contacts[].outcome", in: ["ok"] }], true],
  ["no contacts at all", { contacts: [] }, [{ path: "contacts[].outcome", in: ["ok"] }], false],
];
for (const [what, kase, tests, shown] of SHOWN) {
  test(`a field is ${shown ? "shown" : "hidden"} for ${what}`, () => assert.equal(shownFor(kase, tests), shown));
}

test("every condition the core declares can be evaluated on the empty case", () => {
  for (const [path, tests] of Object.entries(SHELL.shown_when)) {
    assert.equal(typeof shownFor(SHELL.empty_case, tests), "boolean", path);
  }
});

// The review (weiquan.review) decides in Python what the form decides here: the same cases must
// get the same answer from describe.passes as from shownFor, values as typed included.
const TYPED = [
  ...SHOWN.map(([what, kase, tests]) => [what, kase, tests]),
  ["a count typed as text", { order: { quantity: "3" } }, [{ path: "order.quantity", above: 1 }]],
  ["a count left blank", { order: { quantity: "" } }, [{ path: "order.quantity", above: 0 }]],
  ["a count not said", { order: { quantity: null } }, [{ path: "order.quantity", above: -1 }]],
  ["a half-typed number", { order: { amount: "3百" } }, [{ path: "order.amount", above: 1 }]],
  ["a number with spaces and an exponent", { order: { amount: " 1e3 " } }, [{ path: "order.amount", above: 999 }]],
  ["a missing group", {}, [{ path: "merchant.site", empty: true }]],
  ["a value inside a text", { merchant: { site: "x" } }, [{ path: "merchant.site.deeper", empty: true }]],
  ["a row that is not an object", { contacts: ["agreed"] }, [{ path: "contacts[].outcome", empty: true }]],
  ["rows that are not a list", { contacts: { outcome: "agreed" } }, [{ path: "contacts[].outcome", in: ["agreed"] }]],
  ["the second test passing", { merchant: { kind: "business", site: "" } }, [{ path: "merchant.kind", in: ["individual"] }, { path: "merchant.site", empty: true }]],
];

test("the core's test agrees with the page's on every case", () => {
  const asked = JSON.stringify(TYPED.map(([, kase, tests]) => [kase, tests]));
  const script = "import json, sys\nfrom weiquan import describe\n"
    + "print(json.dumps([describe.passes(k, t) for k, t in json.load(sys.stdin)]))";
  const core = JSON.parse(execFileSync(python, ["-c", script], { cwd: root, env: { ...process.env, PYTHONPATH: `${root}py` }, input: asked, encoding: "utf-8" }));
  TYPED.forEach(([what, kase, tests], i) => assert.equal(core[i], shownFor(kase, tests), what));
});
