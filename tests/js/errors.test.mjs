import "./fake-page.mjs";
import assert from "node:assert/strict";
import { test } from "node:test";
import { errorText, PROGRESS, PY_ERRORS, SHELL_ERRORS } from "../../site/protocol.js";

const CHINESE = /[\u4e00-\u9fff]/;
const RUNTIME = "Traceback (most recent call last): KeyError 'x'";

test("every error code has its own Chinese text, and none is blank", () => {
  const codes = [...Object.keys(PY_ERRORS), ...Object.keys(SHELL_ERRORS)];
  assert.ok(codes.length >= 15, codes.join(" "));
  assert.equal(new Set(codes).size, codes.length, "a code is both Python's and the shell's");
  for (const code of codes) {
    const text = errorText({ code, message: "" });
    assert.match(text, CHINESE, code);
    assert.ok(text.trim().length >= 6, code);
    assert.ok(!/[A-Za-z]{4,}/.test(text.replace(/Chrome|Edge|Safari|JSON/g, "")), `${code}: ${text}`);
  }
});

for (const code of Object.keys(PY_ERRORS)) {
  test(`a Python "${code}" reply shows its own message, and the code's text when it has none`, () => {
    assert.equal(errorText({ code, message: "订单号不能为空。" }), "订单号不能为空。");
    assert.equal(errorText({ code, message: "" }), PY_ERRORS[code]);
  });
}

for (const code of Object.keys(SHELL_ERRORS)) {
  test(`the shell's "${code}" always shows its fixed text, never what the runtime said`, () => {
    assert.equal(errorText({ code, message: RUNTIME, detail: RUNTIME }), SHELL_ERRORS[code]);
  });
}

test("the pages that cannot run anything still point at the guide", () => {
  for (const code of ["old-browser", "files-missing", "integrity", "timeout", "boot-failed"]) {
    assert.match(SHELL_ERRORS[code], /指南仍然可以阅读/, code);
  }
});

test("an unknown code, a missing error or a thrown Error reads as the worker's failure", () => {
  for (const error of [undefined, null, {}, { code: "no-such-code", message: RUNTIME }, new Error(RUNTIME)]) {
    assert.equal(errorText(error), SHELL_ERRORS["worker-failed"]);
  }
});

test("every boot stage the worker reports has a Chinese line", () => {
  for (const stage of ["runtime", "snapshot", "ready"]) assert.match(PROGRESS[stage], CHINESE, stage);
});
