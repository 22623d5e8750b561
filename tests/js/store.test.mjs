import { freshStorage, storageEvent } from "./fake-page.mjs";
import assert from "node:assert/strict";
import { beforeEach, test } from "node:test";
import { SHELL, emptyCase } from "../../site/shell-data.js";
import { CaseStore, envelope, isQuotaError } from "../../site/store.js";

const INDEX = "weiquan:index";
const CASE = (id) => `weiquan:case:${id}`;
const backups = (storage) => [...storage.map.keys()].filter((k) => k.startsWith("weiquan:backup:"));

let storage;
let notices;
let external;
const open = () => new CaseStore({ onNotice: (text, kind) => notices.push({ text, kind }), onExternalChange: (w) => external.push(w) });

/** A store whose only case is stored as `doc` (an object is written as JSON, a string as is). */
function storeWith(doc, id = "c1") {
  storage.setItem(INDEX, JSON.stringify({ current: id, cases: [{ id, name: "我的订单" }] }));
  storage.setItem(CASE(id), typeof doc === "string" ? doc : JSON.stringify(doc));
  return open();
}

beforeEach(() => {
  storage = freshStorage();
  notices = [];
  external = [];
});

test("a first visit has one empty case, listed at once so a second tab opens the same one", () => {
  const store = open();
  assert.deepEqual(store.case, emptyCase());
  const index = JSON.parse(storage.getItem(INDEX));
  assert.equal(index.cases.length, 1);
  assert.equal(index.current, index.cases[0].id);
  assert.equal(store.current.auto, true);
  assert.equal(store.locked, false);
});

test("a saved case is stored as the core's envelope and read back as typed", () => {
  const store = open();
  store.case.order.id = "  DD-2026 ";
  store.changed();
  assert.equal(store.save(), true);
  const doc = JSON.parse(storage.getItem(CASE(store.index.current)));
  assert.equal(doc.format, SHELL.format);
  assert.equal(doc.version, SHELL.version);
  assert.ok(doc.savedAt);
  assert.deepEqual(envelope(store.case), { format: SHELL.format, version: SHELL.version, case: store.case });
  assert.equal(open().case.order.id, "  DD-2026 ");
});

test("a case saved without a field added since is read with that field's empty value", () => {
  const kase = emptyCase();
  const [missing] = Object.keys(kase);
  delete kase[missing];
  const store = storeWith({ format: SHELL.format, version: SHELL.version, case: kase });
  assert.deepEqual(store.case[missing], emptyCase()[missing]);
});

// What cannot be read is never rewritten or lost: it is set aside as it was, and announced.
const UNREADABLE = [
  ["broken JSON", "{not json"],
  ["a newer app's case", { format: SHELL.format, version: SHELL.version + 1, case: {} }],
  ["another format", { format: "something-else", version: 1, case: {} }],
  ["an envelope without a case", { format: SHELL.format, version: SHELL.version, case: null }],
  ["version 0", { format: SHELL.format, version: 0, case: {} }],
];
for (const [what, doc] of UNREADABLE) {
  test(`${what} is set aside unchanged, announced, and the case opens empty`, () => {
    const raw = typeof doc === "string" ? doc : JSON.stringify(doc);
    const store = storeWith(doc);
    assert.deepEqual(store.case, emptyCase());
    assert.equal(storage.getItem(CASE("c1")), null);
    assert.deepEqual(store.backups().map((b) => b.raw), [raw]);
    assert.deepEqual(notices.map((n) => n.kind), ["set-aside"]);
    assert.match(notices[0].text, /备份/);
  });
}

test("a broken index is set aside, and the cases stored under it are still listed", () => {
  storage.setItem(INDEX, "[[[");
  storage.setItem(CASE("k9"), JSON.stringify({ ...envelope(emptyCase()), savedAt: "2026-12-01T00:00:00Z" }));
  const store = open();
  assert.deepEqual(store.index.cases.map((c) => [c.id, c.name]), [["k9", "找回的案件"]]);
  assert.deepEqual(store.backups().map((b) => b.raw), ["[[["]);
});

const older = (kase) => ({ format: SHELL.format, version: SHELL.version - 1, case: kase, savedAt: "2026-01-02T00:00:00Z" });

test("an older version's case is shown read-only until Python has migrated it", { skip: SHELL.version < 2 }, async () => {
  const oldCase = { problem: "invalid_code", old_only: "x" };
  const store = storeWith(older(oldCase));
  assert.equal(store.locked, true);
  store.changed();
  assert.equal(store.dirty, false, "a locked case takes no changes");
  const stored = storage.getItem(CASE("c1"));
  assert.equal(store.save({ force: true }), true);
  assert.equal(storage.getItem(CASE("c1")), stored, "nothing is written over it");

  const calls = [];
  const call = async (name, args) => {
    calls.push([name, args]);
    return { case: { problem: "invalid_code" }, version: SHELL.version };
  };
  assert.equal(await store.migrateCurrent(call), true);
  assert.deepEqual(calls, [["migrate", { case: older(oldCase) }]]);
  assert.equal(store.locked, false);
  assert.deepEqual(store.case, { ...emptyCase(), problem: "invalid_code" });
  assert.equal(storage.getItem(CASE("c1")), stored, "written back only once the person changes it");
  store.changed();
  store.save();
  assert.equal(JSON.parse(storage.getItem(CASE("c1"))).version, SHELL.version);
});

test("while Python is not there, an older case waits, still read-only", { skip: SHELL.version < 2 }, async () => {
  const store = storeWith(older({}));
  assert.equal(await store.migrateCurrent(() => Promise.reject({ code: "old-browser", message: "" })), false);
  assert.equal(store.locked, true);
  assert.deepEqual(notices, []);
});

test("an older case Python cannot open is set aside with Python's reason", { skip: SHELL.version < 2 }, async () => {
  const store = storeWith(older({ order: 5 }));
  const changed = await store.migrateCurrent(() => Promise.reject({ code: "invalid-case", message: "订单信息不完整。" }));
  assert.equal(changed, true);
  assert.equal(store.locked, false);
  assert.deepEqual(store.case, emptyCase());
  assert.equal(backups(storage).length, 1);
  assert.equal(notices.at(-1).kind, "set-aside");
  assert.match(notices.at(-1).text, /订单信息不完整。/);
});

test("a full disk keeps what is on the page, says so, and saves once there is room", () => {
  const store = open();
  store.case.order.id = "A1";
  store.changed();
  storage.full = true;
  assert.equal(store.save(), false);
  assert.equal(store.dirty, true);
  assert.equal(notices.at(-1).kind, "quota");
  storage.full = false;
  assert.equal(store.save(), true);
  assert.equal(notices.at(-1).kind, "saved");
});

const QUOTA = [
  [{ name: "QuotaExceededError" }, true],
  [{ name: "NS_ERROR_DOM_QUOTA_REACHED" }, true],
  [{ code: 22 }, true],
  [{ code: 1014 }, true],
  [{ name: "SecurityError", code: 18 }, false],
  [null, false],
];
for (const [error, quota] of QUOTA) {
  test(`${JSON.stringify(error)} ${quota ? "is" : "is not"} a full disk`, () => {
    assert.equal(isQuotaError(error), quota);
  });
}

test("another tab's newer save is taken when nothing here is unsaved", () => {
  const store = open();
  const id = store.index.current;
  const theirs = { ...envelope({ ...emptyCase(), problem: "not_delivered" }), savedAt: "2999-01-01T00:00:00Z" };
  storageEvent(CASE(id), JSON.stringify(theirs));
  assert.equal(store.case.problem, "not_delivered");
  assert.deepEqual(external, ["case"]);
  assert.equal(notices.at(-1).kind, "reloaded");
});

test("another tab's save while this one has unsaved changes is kept aside, and ours stays", () => {
  const store = open();
  store.case.order.id = "mine";
  store.changed();
  const raw = JSON.stringify({ ...envelope({ ...emptyCase(), order: { id: "theirs" } }), savedAt: "2999-01-01T00:00:00Z" });
  storageEvent(CASE(store.index.current), raw);
  assert.equal(store.case.order.id, "mine");
  assert.deepEqual(store.backups().map((b) => b.raw), [raw]);
  assert.equal(notices.at(-1).kind, "conflict");
});

test("a removed case comes back with undo, with what it held", () => {
  const store = open();
  const first = store.index.current;
  store.case.order.id = "keep me";
  store.changed();
  const second = store.create("第二个");
  const removed = store.remove(first);
  assert.equal(storage.getItem(CASE(first)), null);
  assert.deepEqual(store.index.cases.map((c) => c.id), [second]);
  store.undoRemove(removed);
  assert.deepEqual(store.index.cases.map((c) => c.id), [first, second]);
  store.open(first);
  assert.equal(store.case.order.id, "keep me");
});

test("removing the last case leaves a fresh empty one, never an empty list", () => {
  const store = open();
  store.remove(store.index.current);
  assert.equal(store.index.cases.length, 1);
  assert.equal(store.current.id, store.index.current);
  assert.deepEqual(store.case, emptyCase());
});
