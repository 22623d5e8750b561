// 进展与期限 (#/dashboard): the core's check of the case drawn as stages, deadlines and next
// steps, with the timeline below it. Owns its "newest answer wins" scopes.

import { renderDashboard, renderErrors, renderTimeline } from "./dashboard.js";
import { download, el } from "./dom.js";
import { notice } from "./notice.js";
import { errorText } from "./protocol.js";
import { newestWins } from "./py-client.js";
import { focusHeading } from "./router.js";

export class DashboardScreen {
  /** @param {import("./session.js").Session} session */
  constructor(session) {
    this.session = session;
    this.check = newestWins((a) => session.call("check", a));
    this.timeline = newestWins((a) => session.call("timeline", a));
    this.lettersWarm = false;
  }

  enter() {
    focusHeading(document.querySelector("[data-view='dashboard'] h1"));
    this.refresh();
  }

  leave() {
    this.check.cancel();
    this.timeline.cancel();
  }

  // Every refresh ends in content or an error on screen; only one superseded by a newer refresh
  // (which will draw) or one whose screen is gone draws nothing.
  async refresh() {
    const { args, onScreen, call, form } = this.session;
    const target = document.getElementById("dashboard");
    target.dataset.state = "pending";
    delete target.dataset.timeline;
    let answer;
    try {
      answer = await this.check(args());
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
    this.warmLettersSoon();
    this.drawTimeline(target);
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
  warmLettersSoon() {
    if (this.lettersWarm) return;
    this.lettersWarm = true;
    const idle = window.requestIdleCallback || ((fn) => setTimeout(fn, 1));
    setTimeout(() => idle(() => this.session.call("warm_letters", {}).catch(() => {})), 1000);
  }

  async drawTimeline(target) {
    try {
      const answer = await this.timeline(this.session.args());
      if (!answer || !this.session.onScreen("dashboard")) return;
      renderTimeline(target, answer.result);
      target.dataset.timeline = "drawn";
    } catch {
      // The check above already explains what is wrong with the case.
    }
  }
}
