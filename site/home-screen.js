// The home screen: 今天要做的 (every case's deadlines), the quick evidence checklist per problem,
// the scam entry, and the guide's share buttons.

import { scamCase } from "./case-form.js";
import { copyText, el } from "./dom.js";
import { errorText } from "./protocol.js";
import { focusHeading } from "./router.js";
import { emptyCase } from "./shell-data.js";
import { TodayList } from "./today.js";

const root = document.documentElement;

export class HomeScreen {
  /** @param {import("./session.js").Session} session */
  constructor(session) {
    this.session = session;
    const { store, call } = session;
    this.todayList = new TodayList({ store, call, onSwitch: () => session.switched() });
    const form = () => session.form;
    const saveSoon = session.saveSoon;

    // 付了钱被拉黑 / 联系不上: straight to the dashboard, whose first card says 止付 now. The open
    // case is used when it holds nothing else; otherwise a new case keeps the other one intact.
    document.querySelector("[data-scam-entry]").addEventListener("click", () => {
      const bare = JSON.stringify({ ...store.case, problem: "" }) === JSON.stringify(emptyCase());
      if (store.locked || (!bare && store.case.problem !== "scammed")) {
        store.create("", scamCase(emptyCase()));
        form().reset();
        form().setLocked(store.locked);
      } else {
        scamCase(store.case);
        store.changed();
        store.refreshName();
        form().fill();
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
          form().fill();
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

  enter(r, { quiet }) {
    const { py, onScreen } = this.session;
    // 今天要做的, when there is something, comes before the problem picker: show it first.
    const todayFirst = () => {
      if (!r.chapter && !quiet && onScreen("home") && !document.getElementById("today").hidden) {
        focusHeading(document.getElementById("today-title"));
      }
    };
    if (py) py.ready.then(() => onScreen("home") && this.todayList.render().then(todayFirst), () => {});
    if (r.chapter) focusHeading(document.getElementById(`guide-${r.chapter}-title`));
    else if (!quiet) focusHeading(document.getElementById("tool-title"));
  }

  leave() {}
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
