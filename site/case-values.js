// Reading and writing case values: by path in the case object, and from/into the page's inputs.
// Values are kept exactly as typed (validation is Python's job), so nothing typed is lost.

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

// A whole number typed into a numeric box is stored as a number; anything else as typed.
export const asCount = (input, v) => (input.inputMode === "numeric" && /^\s*\d+\s*$/.test(v) ? Number(v) : v);

export function readValue(input) {
  if (input.type === "checkbox") return input.checked;
  // An optional count left blank means "not said" (null), not a bad number.
  if ("blankIsNull" in input.dataset && input.value.trim() === "") return null;
  return asCount(input, input.value);
}

export function writeValue(input, value) {
  if (input.type === "checkbox") input.checked = Boolean(value);
  else if (input.type === "radio") input.checked = input.value === value;
  else if (input.type === "datetime-local" && /^\d{4}-\d{2}-\d{2}$/.test(value || "")) input.value = `${value}T00:00`;
  else input.value = value === undefined || value === null ? "" : String(value);
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
export function shownFor(kase, tests) {
  return tests.some((t) => valuesAt(kase, t.path).some((v) => {
    if (t.in) return t.in.includes(v);
    if (t.empty) return v === "" || v === null || v === undefined;
    return Number(v) > t.above;
  }));
}
