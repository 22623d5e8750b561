// Main-thread shell: starts the Python worker at once, keeps the case on this device, and routes
// between the screens. Each screen is a module with enter(route) and leave(); this file only
// wires them together. No complaint logic lives here.

import { CaseScreen } from "./case-screen.js";
import { CasesView } from "./cases-view.js";
import { DashboardScreen } from "./dashboard-screen.js";
import { HomeScreen } from "./home-screen.js";
import { LettersScreen } from "./letters-screen.js";
import { clearNotice, notice } from "./notice.js";
import { PasteBoxes } from "./paste-box.js";
import { focusHeading, parseRoute, showView } from "./router.js";
import { createSession } from "./session.js";
import { SHELL } from "./shell-data.js";

function start() {
  document.documentElement.classList.add("js"); // boot.js did it already, unless a stale or rewriting host blocked it
  for (const link of /** @type {NodeListOf<HTMLAnchorElement>} */ (document.querySelectorAll("[data-route]"))) link.href = link.dataset.route;

  const session = createSession({ onExternalChange: (what) => externalChange(what) });
  const { store, files, call, py } = session;
  session.switched = () => switched();

  const caseScreen = new CaseScreen(session, { whileDrafting: () => letters.refresh() });
  const form = caseScreen.form;
  session.form = form;
  const letters = new LettersScreen(session);
  const cases = new CasesView({ store, files, call, problems: SHELL.vocab.problems, onSwitch: () => switched(), status: session.setStatus });
  /** @type {Record<string, {enter: (route: object, how: {quiet: boolean}) => void, leave: () => void}>} */
  const screens = {
    home: new HomeScreen(session),
    case: caseScreen,
    dashboard: new DashboardScreen(session),
    letters,
    cases: {
      enter() {
        focusHeading(document.querySelector("[data-view='cases'] h1"));
        cases.render();
      },
      leave() {},
    },
  };

  // Whatever happens to the page, the last keystroke is written first.
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") store.save({ force: true });
  });
  window.addEventListener("pagehide", () => store.save({ force: true }));

  new PasteBoxes({
    call,
    store,
    files,
    onEvidence: () => caseScreen.shelf.render(),
    onFilled: () => {
      form.fill();
      store.refreshName();
      session.saveSoon();
      caseScreen.recheckSoon();
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
      clearNotice("migrating");
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

  let firstRoute = true;
  function route() {
    const r = parseRoute(location.hash);
    for (const [name, screen] of Object.entries(screens)) if (name !== r.view) screen.leave();
    showView(r.view);
    // Which case this is: 进展与期限 and 起草文书 say it under their title.
    for (const p of document.querySelectorAll("[data-case-name]")) p.textContent = store.current ? `案件：${store.current.name}` : "";
    const quiet = firstRoute && !location.hash;
    firstRoute = false;
    screens[r.view].enter(r, { quiet });
  }
  window.addEventListener("hashchange", route);
  form.setLocked(store.locked);
  route();
  openOlderCase();
}

start();
