// 今天要做的 on the home screen: every saved case's deadlines due within a week or already
// overdue, soonest first, from one "agenda" call. Each links to its case's dashboard.

import { el, today } from "./dom.js";
import { emptyCase } from "./shell-data.js";
import { envelope } from "./store.js";

export class TodayList {
  constructor({ store, call, onSwitch }) {
    this.store = store;
    this.call = call;
    this.onSwitch = onSwitch;
    this.section = document.getElementById("today");
    this.list = document.getElementById("today-list");
    this.ticket = 0;
  }

  /** Every saved case with something in it, as the batch call takes them. */
  saved() {
    const blank = JSON.stringify(emptyCase());
    const out = [];
    for (const entry of this.store.index.cases) {
      const current = entry.id === this.store.index.current;
      const kase = current ? this.store.case : this.store.read(entry.id);
      const older = this.store.older.get(entry.id);
      if (!kase || JSON.stringify(kase) === blank) continue;
      out.push({ id: entry.id, title: entry.name, case: older || envelope(kase) });
    }
    return out;
  }

  async render() {
    const mine = ++this.ticket;
    const cases = this.saved();
    if (!cases.length) {
      this.section.hidden = true;
      this.section.dataset.state = "empty";
      return;
    }
    let result;
    try {
      result = await this.call("agenda", { cases, today: today() });
    } catch {
      if (mine !== this.ticket) return;
      this.section.hidden = true; // the case screens explain what is wrong with a case
      this.section.dataset.state = "error";
      return;
    }
    if (mine !== this.ticket) return;
    const items = result.items.map((item) =>
      el("li", { className: "today__item", "data-status": item.status, "data-case": item.case_id, "data-deadline": item.deadline_id },
        el("a", { href: "#/dashboard", onclick: () => this.open(item.case_id) },
          el("span", { className: "today__when" }, item.when_label),
          el("span", { className: "today__title" }, item.title),
          el("span", { className: "today__meta" },
            el("span", { className: "today__case" }, item.case_title), " · ",
            el("span", { className: "today__date" }, `${item.date_label}${item.estimated ? "（估算）" : ""}`)))),
    );
    this.list.replaceChildren(...items);
    this.section.hidden = items.length === 0;
    this.section.dataset.state = "drawn";
  }

  // The link goes to the dashboard; the case it belongs to becomes the one being worked on.
  open(id) {
    if (id === this.store.index.current) return;
    this.store.open(id);
    this.onSwitch();
  }
}
