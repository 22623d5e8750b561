// The intake screen (#/case/<step>): one step at a time, the core's check beside the fields,
// the evidence list for the chosen problem, and the review. Owns its "newest answer wins"
// scopes: leaving the screen drops the answers still on their way.

import { CaseForm } from "./case-form.js";
import { Review } from "./case-review.js";
import { debounce, el } from "./dom.js";
import { EvidenceShelf } from "./evidence-shelf.js";
import { errorText } from "./protocol.js";
import { newestWins } from "./py-client.js";
import { focusHeading, parseRoute } from "./router.js";

export class CaseScreen {
  /**
   * @param {import("./session.js").Session} session
   * @param {{whileDrafting: () => void}} hooks  a case field typed in the letter workspace
   */
  constructor(session, { whileDrafting }) {
    this.session = session;
    const { store, call, saveSoon } = session;
    this.check = newestWins((a) => call("check", a));
    this.evidenceList = newestWins((a) => call("checklist", a));
    this.recheckSoon = debounce(() => this.recheck(), 200);
    this.form = new CaseForm(document.getElementById("case-form"), store, (target) => {
      store.refreshName();
      saveSoon();
      const view = parseRoute(location.hash).view;
      if (view === "letters") whileDrafting();
      else if (view === "case") {
        if (target && target.dataset.field === "problem") this.refreshEvidence();
        this.recheckSoon();
      }
    });
    this.shelf = new EvidenceShelf(session);
    this.review = new Review(session);
  }

  enter(r) {
    const steps = [.../** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll("[data-step]"))];
    const step = steps.find((s) => s.dataset.step === r.step) || steps[0];
    for (const s of steps) s.hidden = s !== step;
    for (const link of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll("[data-step-link]"))) {
      if (link.dataset.stepLink === step.dataset.step) link.setAttribute("aria-current", "step");
      else link.removeAttribute("aria-current");
    }
    focusHeading(step.querySelector("legend"));
    if (step.dataset.step === "evidence") this.refreshEvidence();
    if (step.dataset.step === "review") this.review.show();
    else this.review.cancel();
    this.recheck();
  }

  // A re-check scheduled or running for the intake means nothing once the intake is gone.
  leave() {
    this.recheckSoon.cancel();
    this.check.cancel();
    this.review.cancel();
  }

  // The intake's check: errors beside the fields, tone hints under the facts. Its answer is
  // dropped when the intake is no longer on screen.
  async recheck() {
    const { args, onScreen } = this.session;
    const form = this.form;
    let answer;
    try {
      answer = await this.check(args());
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
    const tone = (result.warnings || []).filter((w) => w.place === "wording");
    document.querySelector("[data-tone-for='facts']").replaceChildren(
      ...tone.map((w) => el("li", { "data-code": w.code }, w.suggestion ? `${w.message} ${w.suggestion}` : w.message)),
    );
    return result;
  }

  async refreshEvidence() {
    const problem = this.session.store.case.problem;
    const box = document.getElementById("evidence-items");
    if (!problem) {
      box.replaceChildren(el("p", { className: "pending" }, el("a", { href: "#/case/problem" }, "先在第 1 步选择问题类型"), "，这里才能列出对应的证据。"));
      return;
    }
    try {
      const answer = await this.evidenceList({ problem });
      if (!answer) return; // a newer list (another problem) is on its way
      this.form.renderEvidence(answer.result);
      this.shelf.render();
    } catch (error) {
      box.replaceChildren(el("p", { className: "notice" }, errorText(error)));
    }
  }
}
