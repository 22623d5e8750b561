import "./fake-page.mjs";
import assert from "node:assert/strict";
import { test } from "node:test";
import { parseRoute } from "../../site/router.js";

// Every screen's address, and what an address that names no screen opens.
const ROUTES = [
  ["", { view: "home" }],
  ["#", { view: "home" }],
  ["#/", { view: "home" }],
  ["#/nowhere", { view: "home" }],
  ["#/guide", { view: "home", chapter: "" }],
  ["#/guide/refund", { view: "home", chapter: "refund" }],
  ["#guide-refund", { view: "home", chapter: "refund" }], // links shared before #/ addresses
  ["#/case", { view: "case", step: "" }],
  ["#/case/order", { view: "case", step: "order" }],
  ["#case/order", { view: "case", step: "order" }],
  ["#/case/order/", { view: "case", step: "order" }],
  ["#/dashboard", { view: "dashboard" }],
  ["#/letters", { view: "letters", letter: "" }],
  ["#/letters/complaint", { view: "letters", letter: "complaint" }],
  ["#/cases", { view: "cases" }],
];

for (const [hash, route] of ROUTES) {
  test(`the address ${JSON.stringify(hash)} opens ${JSON.stringify(route)}`, () => {
    assert.deepEqual(parseRoute(hash), route);
  });
}

test("no address is read as a case's data: an unknown old-style fragment opens the home screen", () => {
  assert.deepEqual(parseRoute("#guide-"), { view: "home" });
  assert.deepEqual(parseRoute("#order-123"), { view: "home" });
  assert.deepEqual(parseRoute(undefined), { view: "home" });
});
