// The review step (检查): what the case says, screen by screen, each with a link back to change
// it. Drawn as the core returns it (the `review` call, weiquan.review): the page reads no label,
// legend or option off the form. Owns its "newest answer wins" scope.

import { el } from "./dom.js";
import { errorText } from "./protocol.js";
import { newestWins } from "./py-client.js";

export class Review {
  /** @param {import("./session.js").Session} session */
  constructor(session) {
    this.session = session;
    this.ask = newestWins((a) => session.call("review", a));
  }

  // Asked on every visit: the case may have changed on another step. Until the answer arrives
  // (Python may still be starting) the box says so; an answer for an earlier visit is dropped.
  async show() {
    const box = document.getElementById("review");
    box.dataset.state = "pending";
    box.setAttribute("aria-busy", "true");
    box.replaceChildren(el("p", { className: "pending" }, "正在整理…"));
    let answer;
    try {
      answer = await this.ask({ case: this.session.args().case });
    } catch (error) {
      this.done(box, "error", el("p", { className: "notice" }, errorText(error)));
      return;
    }
    if (answer) this.done(box, "drawn", reviewList(answer.result));
  }

  // The review is gone (another step, another screen): its answer on the way means nothing.
  cancel() {
    this.ask.cancel();
  }

  done(box, state, content) {
    box.replaceChildren(content);
    box.dataset.state = state;
    box.removeAttribute("aria-busy");
  }
}

/** @param {import("./protocol.js").ReviewResult} review */
export function reviewList(review) {
  const parts = review.screens.flatMap((s) => [
    el("dt", {}, s.title, " ", el("a", { href: `#/case/${s.id}`, className: "linkish" }, "修改")),
    el("dd", {}, s.lines.length ? el("ul", {}, ...s.lines.map((line) => el("li", {}, line))) : el("span", { className: "hint" }, review.none)),
  ]);
  return el("dl", {}, ...parts);
}
