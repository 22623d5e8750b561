// Main-thread shell: starts the Python worker at once, routes between screens, keeps the case
// on this device and shows what Python computes. No complaint logic lives here.

import { CaseForm, scamCase } from "./case-form.js";
import { CasesView } from "./cases-view.js";
import { PasteBoxes } from "./paste-box.js";
import { TodayList } from "./today.js";
import { renderDashboard, renderErrors, renderTimeline } from "./dashboard.js";
import { copyText, debounce, download, el, today } from "./dom.js";
import { EvidenceFiles } from "./files.js";
import { LetterWorkspace } from "./letters.js";
import { errorText, PROGRESS, SHELL_ERRORS } from "./protocol.js";
import { newestWins, PyClient, saveSnapshotLater } from "./py-client.js";
import { focusHeading, parseRoute, showView } from "./router.js";
import { emptyCase, SHELL } from "./shell-data.js";
import { CaseStore, envelope } from "./store.js";

const root = document.documentElement;
const statusText = document.getElementById("py-status-text");
const BOOT_TIMEOUT_MS = 90_000;

function setState(state, text) {
  root.dataset.py = state;
  statusText.textContent = text;
}

// The notice under the header is for what must not be missed: storage full, storage blocked,
// data set aside, another tab's changes. A successful save clears a "full" warning.
let noticeKind = "";
function notice(text, kind = "info") {
  const box = document.getElementById("storage-notice");
  if (kind === "saved") {
    if (noticeKind === "quota") box.hidden = true;
    return;
  }
  noticeKind = kind;
  document.getElementById("storage-notice-text").textContent = text;
  /** @type {HTMLElement} */ (box.querySelector(".notice__actions")).hidden = !(kind === "quota" || kind === "blocked");
  box.hidden = false;
}

function registerServiceWorker() {
  if (!("serviceWorker" in navigator)) return;
  const banner = document.getElementById("update");
  let accepted = false;
  const offer = (waiting) => {
    banner.hidden = false;
    document.getElementById("update-reload").onclick = () => {
      accepted = true;
      waiting.postMessage("skip-waiting");
    };
  };
  // Reload only when the person asked for the new version, and only once.
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (!accepted) return;
    accepted = false;
    location.reload();
  });
  navigator.serviceWorker.register("sw.js").then(
    (reg) => {
      if (!reg) return; // registration refused (e.g. service workers blocked by policy)
      if (reg.waiting && navigator.serviceWorker.controller) offer(reg.waiting);
      reg.addEventListener("updatefound", () => {
        const incoming = reg.installing;
        incoming.addEventListener("statechange", () => {
          // Only an update needs the person's word; the first install just starts caching.
          if (incoming.state === "installed" && navigator.serviceWorker.controller) offer(incoming);
        });
      });
    },
    () => {},
  );
}

function renderChecklist(target, data) {
  const items = data.items.map((item) => {
    const li = el("li", { className: "evidence" });
    const head = el("p", { className: "evidence__title" }, item.title);
    if (item.required) head.append(el("span", { className: "badge" }, "必备"));
    li.append(head);
    if (item.must_show.length) {
      li.append(el("p", { className: "evidence__label" }, "要能看清："));
      li.append(el("ul", { className: "evidence__show" }, ...item.must_show.map((s) => el("li", {}, s))));
    }
    if (item.how.length) {
      li.append(el("p", { className: "evidence__label" }, "怎么留存："));
      li.append(el("ul", { className: "evidence__how" }, ...item.how.map((s) => el("li", {}, s))));
    }
    return li;
  });
  const parts = [el("h2", { className: "checklist__title" }, `「${data.label}」需要的证据`)];
  parts.push(el("p", { className: "chain" }, "证据链：" + data.chain.map(chainLabel).join(" → ")));
  parts.push(el("ul", { className: "chain-needs" }, ...data.chain.map((c) => el("li", {}, c.need))));
  parts.push(el("ol", { className: "evidence-list" }, ...items));
  parts.push(el("h3", { className: "hints__title" }, "证据的“三性”"));
  parts.push(el("ul", { className: "hints" }, ...data.hints.map((h) => el("li", {}, hintText(h)))));
  target.replaceChildren(...parts);
  target.dataset.problem = data.problem;
}

const chainLabel = (link) => link.link;
const hintText = (h) => `${h.name}：${h.hint}`;

function startPython() {
  if (!("Worker" in window) || typeof WebAssembly !== "object") {
    setState("error", SHELL_ERRORS["old-browser"]);
    return null;
  }
  // Progress: the step the start is at, and how long it has taken so far (a first visit on a
  // phone takes seconds; a counter that moves says it is still working).
  const started = performance.now();
  let stageText = statusText.textContent;
  const showProgress = () => {
    if (root.dataset.py !== "loading") return;
    const seconds = Math.round((performance.now() - started) / 1000);
    statusText.textContent = seconds >= 2 ? `${stageText} · 已用 ${seconds} 秒` : stageText;
  };
  const ticker = setInterval(showProgress, 1000);
  const py = new PyClient(root.dataset.worker, (stage, detail) => {
    stageText = PROGRESS[stage] || detail;
    root.dataset.bootStage = stage;
    showProgress();
  });
  const timer = setTimeout(() => py.fail({ code: "timeout", message: "", detail: "boot timeout" }), BOOT_TIMEOUT_MS);
  py.ready.finally(() => clearInterval(ticker)).catch(() => {});
  py.ready.then(
    () => {
      clearTimeout(timer);
      setState("ready", PROGRESS.ready);
      for (const p of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll("[data-needs-python]"))) p.hidden = true;
      // Registered after boot so the precache download never competes with the first start.
      registerServiceWorker();
      root.dataset.snapshot = py.fromSnapshot ? "used" : "none";
      if (!py.fromSnapshot) {
        saveSnapshotLater(root.dataset.worker, () => {
          root.dataset.snapshot = "saved";
        });
      }
    },
    (error) => {
      clearTimeout(timer);
      const text = SHELL_ERRORS[error.code] || SHELL_ERRORS["boot-failed"];
      setState("error", text);
      for (const p of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll("[data-needs-python]"))) p.textContent = text;
    },
  );
  return py;
}

function start() {
  root.classList.add("js"); // boot.js did it already, unless a stale or rewriting host blocked it
  for (const link of /** @type {NodeListOf<HTMLAnchorElement>} */ (document.querySelectorAll("[data-route]"))) link.href = link.dataset.route;

  const store = new CaseStore({ onNotice: notice, onExternalChange: (what) => externalChange(what) });
  const files = new EvidenceFiles();
  if (store.storage) files.prune(store.index.cases.map((c) => c.id)).catch(() => {});
  const py = startPython();
  const call = (name, args, files) => (py ? py.call(name, args, files) : Promise.reject({ code: "old-browser" }));
  // One "newest wins" scope per consumer: the form's re-check, the dashboard, the letter and the
  // evidence list never swallow each other's answers.
  const formCheck = newestWins((a) => call("check", a));
  const dashboardCheck = newestWins((a) => call("check", a));
  const dashboardTimeline = newestWins((a) => call("timeline", a));
  const draft = newestWins((a) => call("draft", a));
  const letterTimeline = newestWins((a) => call("timeline", a));
  const evidenceList = newestWins((a) => call("checklist", a));
  const args = () => ({ case: envelope(store.case), today: today() });
  const onScreen = (view) => parseRoute(location.hash).view === view;

  let askedToPersist = false;
  const saveSoon = debounce(() => {
    // After the first real save, ask the browser not to evict this site's data under pressure.
    if (store.save() && !askedToPersist && navigator.storage && navigator.storage.persist) {
      askedToPersist = true;
      navigator.storage.persist().catch(() => {});
    }
  }, 400);
  const form = new CaseForm(document.getElementById("case-form"), store, (target) => {
    store.refreshName();
    saveSoon();
    const view = parseRoute(location.hash).view;
    if (view === "letters") letters.refresh();
    else if (view === "case") {
      if (target && target.dataset.field === "problem") refreshEvidence();
      recheckSoon();
    }
  });
  const letters = new LetterWorkspace(
    async (kind) => {
      const answer = await draft({ ...args(), letter: kind });
      return answer ? answer.result : undefined;
    },
    (fields) => form.showErrors(fields, { all: true }),
    async () => {
      const answer = await letterTimeline(args());
      return answer ? answer.result : undefined;
    },
    // No input files, one output: the empty list asks the worker for the staged output path.
    (kind) => call("draft", { ...args(), letter: kind, docx: true }, []),
  );

  // Whatever happens to the page, the last keystroke is written first.
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") store.save({ force: true });
  });
  window.addEventListener("pagehide", () => store.save({ force: true }));

  const setStatus = (text) => {
    document.getElementById("cases-status").textContent = text;
  };
  const cases = new CasesView({ store, files, call, problems: SHELL.vocab.problems, onSwitch: () => switched(), status: setStatus });
  const todayList = new TodayList({ store, call, onSwitch: () => switched() });
  new PasteBoxes({
    call,
    store,
    files,
    onEvidence: () => renderFiles(),
    onFilled: () => {
      form.fill();
      store.refreshName();
      saveSoon();
      recheckSoon();
    },
  });

  function switched() {
    form.reset();
    form.setLocked(store.locked);
    route();
    openOlderCase();
  }

  // A case stored by an older version opens once Python has migrated it; until then it shows
  // read-only. Nothing is written back until the person changes it.
  async function openOlderCase() {
    if (!store.locked || !py) return;
    notice("这份案件由旧版本的维权助手保存，正在转换格式；转换完成前暂时不能修改，原件不会改动。", "migrating");
    try {
      await py.ready;
    } catch {
      return; // the boot error is already on screen; the stored case is untouched
    }
    if (await store.migrateCurrent(call)) {
      if (noticeKind === "migrating") document.getElementById("storage-notice").hidden = true;
      form.reset();
      form.setLocked(store.locked);
      route();
    }
  }

  function externalChange(what) {
    if (what === "case") form.reset();
    if (parseRoute(location.hash).view === "cases") cases.render();
    else if (what === "case") route();
  }

  for (const button of document.querySelectorAll("[data-action='export']")) {
    button.addEventListener("click", () => cases.exportCurrent());
  }
  for (const button of document.querySelectorAll("[data-action='bundle']")) {
    button.addEventListener("click", () => downloadBundle(button));
  }

  async function downloadBundle(button) {
    const say = (text) => {
      setStatus(text);
      notice(text, "bundle");
    };
    button.disabled = true;
    try {
      const records = await files.list(store.index.current);
      const buffers = await Promise.all(records.map((r) => r.blob.arrayBuffer()));
      const meta = records.map((r) => ({ name: r.name, sha256: r.sha256, kind: r.kind, added_at: r.addedAt }));
      store.save({ force: true });
      const result = await call("bundle", { ...args(), files: meta }, buffers);
      download(result.name, new Blob([result.file], { type: "application/zip" }));
      setStatus(`证据包已生成：${result.files} 个文件。`);
    } catch (error) {
      say(errorText(error));
    } finally {
      button.disabled = false;
    }
  }

  // Evidence files: chosen per evidence item, hashed and kept in IndexedDB.
  document.getElementById("evidence-items").addEventListener("change", async (e) => {
    const input = /** @type {HTMLInputElement} */ (e.target);
    if (!input.dataset.fileKind) return;
    const kind = input.dataset.fileKind;
    const chosen = [...input.files];
    input.value = "";
    const list = document.querySelector(`[data-files-for="${kind}"]`);
    list.append(el("li", { className: "pending" }, `正在保存 ${chosen.length} 个文件……`));
    const repeated = [];
    try {
      for (const file of chosen) {
        const record = await files.add(store.index.current, kind, file);
        if (record.duplicate) repeated.push(file.name);
      }
      form.markHeld(kind);
    } catch (error) {
      notice(error.message || "文件没有保存。", "quota");
    }
    await renderFiles();
    if (repeated.length) {
      list.append(el("li", { className: "hint", "data-duplicate": "" },
        `${repeated.map((n) => `“${n}”`).join("、")}已经添加过（内容完全相同），没有重复保存。`));
    }
  });

  async function renderFiles() {
    let records = [];
    try {
      records = await files.list(store.index.current);
    } catch {
      return;
    }
    for (const list of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll("[data-files-for]"))) {
      const mine = records.filter((r) => r.kind === list.dataset.filesFor);
      list.replaceChildren(
        ...mine.map((r) =>
          el(
            "li",
            { "data-file": r.name },
            el("span", {}, r.name),
            el("span", { className: "hint" }, `${(r.size / 1024).toFixed(0)} KB · ${r.addedAt.replace("T", " ")}`),
            el("code", { title: "SHA-256" }, `SHA-256 ${r.sha256.slice(0, 12)}…`),
            el("button", {
              type: "button",
              className: "linkish",
              onclick: async () => {
                await files.remove(r.id);
                renderFiles();
              },
            }, `删除 ${r.name}`),
          ),
        ),
      );
    }
  }

  // The intake's check: errors beside the fields, tone hints under the facts. Its answer is
  // dropped when the intake is no longer on screen.
  async function recheck() {
    let answer;
    try {
      answer = await formCheck(args());
    } catch (error) {
      if (!onScreen("case")) return undefined;
      if (error && error.fields) {
        const onReview = parseRoute(location.hash).step === "review";
        const placed = form.showErrors(error.fields, { all: onReview });
        const box = document.getElementById("review-errors");
        box.replaceChildren(...placed.map((e) => el("li", {}, el("a", { href: `#/case/${e.step}` }, e.message))));
      }
      return undefined;
    }
    if (!answer || !onScreen("case")) return undefined;
    const result = answer.result;
    form.showErrors([]);
    document.getElementById("review-errors").replaceChildren();
    form.showWarnings(result.warnings || []);
    const tone = (result.warnings || []).filter((w) => w.code === "tone" || w.code === "vague-demand");
    document.querySelector("[data-tone-for='facts']").replaceChildren(
      ...tone.map((w) => el("li", { "data-code": w.code }, w.suggestion ? `${w.message} ${w.suggestion}` : w.message)),
    );
    return result;
  }
  const recheckSoon = debounce(recheck, 200);

  async function refreshEvidence() {
    const problem = store.case.problem;
    const box = document.getElementById("evidence-items");
    if (!problem) {
      box.replaceChildren(el("p", { className: "pending" }, el("a", { href: "#/case/problem" }, "先在第 1 步选择问题类型"), "，这里才能列出对应的证据。"));
      return;
    }
    try {
      const answer = await evidenceList({ problem });
      if (!answer) return; // a newer list (another problem) is on its way
      form.renderEvidence(answer.result);
      renderFiles();
    } catch (error) {
      box.replaceChildren(el("p", { className: "notice" }, errorText(error)));
    }
  }

  // Every refresh ends in content or an error on screen; only one superseded by a newer refresh
  // (which will draw) or one whose screen is gone draws nothing.
  async function refreshDashboard() {
    const target = document.getElementById("dashboard");
    target.dataset.state = "pending";
    delete target.dataset.timeline;
    let answer;
    try {
      answer = await dashboardCheck(args());
    } catch (error) {
      if (!onScreen("dashboard")) return;
      if (error && error.fields && error.fields.length) {
        renderErrors(target, form.showErrors(error.fields, { all: true }), errorText({ code: "invalid-case", message: "" }));
      } else {
        target.replaceChildren(el("p", { className: "notice" }, errorText(error)));
      }
      target.dataset.state = "error";
      return;
    }
    if (!answer || !onScreen("dashboard")) return;
    const result = answer.result;
    renderDashboard(target, result);
    target.dataset.state = "drawn";
    warmLettersSoon();
    drawTimeline(target);
    const ics = document.getElementById("ics-download");
    if (ics) {
      ics.addEventListener("click", async () => {
        try {
          const file = await call("ics", args());
          download(file.filename, file.text, "text/calendar;charset=utf-8");
        } catch (error) {
          notice(errorText(error));
        }
      });
    }
  }

  // The first letter of a page session pays for the template engine and the shared wording
  // (1.5 s in the browser, 3 s under load, more on a slow phone): done once while the page is
  // idle after the dashboard, which is one tap from 起草文书.
  let lettersWarm = false;
  function warmLettersSoon() {
    if (lettersWarm) return;
    lettersWarm = true;
    const idle = window.requestIdleCallback || ((fn) => setTimeout(fn, 1));
    setTimeout(() => idle(() => call("warm_letters", {}).catch(() => {})), 1000);
  }

  async function drawTimeline(target) {
    try {
      const answer = await dashboardTimeline(args());
      if (!answer || !onScreen("dashboard")) return;
      renderTimeline(target, answer.result);
      target.dataset.timeline = "drawn";
    } catch {
      // The check above already explains what is wrong with the case.
    }
  }

  let firstRoute = true;
  function route() {
    const r = parseRoute(location.hash);
    // A re-check scheduled or running for the intake means nothing once the intake is gone.
    if (r.view !== "case") {
      recheckSoon.cancel();
      formCheck.cancel();
    }
    if (r.view !== "dashboard") {
      dashboardCheck.cancel();
      dashboardTimeline.cancel();
    }
    if (r.view !== "letters") {
      draft.cancel();
      letterTimeline.cancel();
    }
    showView(r.view);
    // Which case this is: 进展与期限 and 起草文书 say it under their title.
    for (const p of document.querySelectorAll("[data-case-name]")) p.textContent = store.current ? `案件：${store.current.name}` : "";
    const quiet = firstRoute && !location.hash;
    firstRoute = false;
    if (r.view === "home") {
      // 今天要做的, when there is something, comes before the problem picker: show it first.
      const todayFirst = () => {
        if (!r.chapter && !quiet && onScreen("home") && !document.getElementById("today").hidden) {
          focusHeading(document.getElementById("today-title"));
        }
      };
      if (py) py.ready.then(() => onScreen("home") && todayList.render().then(todayFirst), () => {});
      if (r.chapter) focusHeading(document.getElementById(`guide-${r.chapter}-title`));
      else if (!quiet) focusHeading(document.getElementById("tool-title"));
    } else if (r.view === "case") {
      const steps = [.../** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll("[data-step]"))];
      const step = steps.find((s) => s.dataset.step === r.step) || steps[0];
      for (const s of steps) s.hidden = s !== step;
      for (const link of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll("[data-step-link]"))) {
        if (link.dataset.stepLink === step.dataset.step) link.setAttribute("aria-current", "step");
        else link.removeAttribute("aria-current");
      }
      focusHeading(step.querySelector("legend"));
      if (step.dataset.step === "evidence") refreshEvidence();
      if (step.dataset.step === "review") form.renderReview();
      recheck();
    } else if (r.view === "dashboard") {
      focusHeading(document.querySelector("[data-view='dashboard'] h1"));
      refreshDashboard();
    } else if (r.view === "letters") {
      focusHeading(document.querySelector("[data-view='letters'] h1"));
      letters.show(r.letter);
    } else if (r.view === "cases") {
      focusHeading(document.querySelector("[data-view='cases'] h1"));
      cases.render();
    }
  }
  window.addEventListener("hashchange", route);
  form.setLocked(store.locked);
  route();
  openOlderCase();

  // 付了钱被拉黑 / 联系不上: straight to the dashboard, whose first card says 止付 now. The open
  // case is used when it holds nothing else; otherwise a new case keeps the other one intact.
  document.querySelector("[data-scam-entry]").addEventListener("click", () => {
    const bare = JSON.stringify({ ...store.case, problem: "" }) === JSON.stringify(emptyCase());
    if (store.locked || (!bare && store.case.problem !== "scammed")) {
      store.create("", scamCase(emptyCase()));
      form.reset();
      form.setLocked(store.locked);
    } else {
      scamCase(store.case);
      store.changed();
      store.refreshName();
      form.fill();
    }
    store.save({ force: true });
    location.hash = "#/dashboard";
  });

  // The quick checklist on the home screen.
  const checklist = document.getElementById("checklist");
  const buttons = [.../** @type {NodeListOf<HTMLButtonElement>} */ (document.querySelectorAll("button[data-problem]"))];
  let latest = 0;
  for (const button of buttons) {
    button.addEventListener("click", async () => {
      for (const b of buttons) b.setAttribute("aria-pressed", String(b === button));
      const ticket = ++latest;
      if (!store.case.problem) {
        store.case.problem = button.dataset.problem;
        store.changed();
        form.fill();
        saveSoon();
      }
      if (root.dataset.py === "loading") {
        checklist.replaceChildren(el("p", { className: "pending" }, "计算环境准备好后，清单会自动显示在这里。"));
      }
      try {
        const data = await call("checklist", { problem: button.dataset.problem });
        if (ticket === latest) {
          renderChecklist(checklist, data);
          // On a phone the list starts below the buttons: bring its heading into view.
          checklist.scrollIntoView({ block: "start" });
        }
      } catch (error) {
        if (ticket === latest) checklist.replaceChildren(el("p", { className: "notice" }, errorText(error)));
      }
    });
  }

  // Shared links point into the guide only; case data never goes into a URL.
  for (const button of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll("[data-share]"))) {
    button.addEventListener("click", async () => {
      const url = `${location.origin}${location.pathname}${button.dataset.share}`;
      if (navigator.share) {
        try {
          await navigator.share({ title: `维权助手 · ${button.dataset.title}`, url });
          return;
        } catch (error) {
          if (error && error.name === "AbortError") return;
        }
      }
      const ok = await copyText(url);
      button.textContent = ok ? "链接已复制" : url;
    });
  }
}

start();
