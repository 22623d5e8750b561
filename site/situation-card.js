// 「我们对这件事的理解」: what the core believes the dispute is (check's `situation`). Known facts
// are listed as the core words them; an unknown the intake asks for this case says 「不清楚」 and
// links to the screen with its question. Unknowns that would not change the advice stay out.

import { el } from "./dom.js";

// After the app has shown the intake screen (its hashchange listener runs first), the question
// itself gets the focus, so a long screen opens where the answer goes.
function focusQuestion(field) {
  const box = /** @type {HTMLElement} */ (document.querySelector(`[data-field="${field}"]`)?.closest(".field"));
  if (!box || box.hidden) return;
  /** @type {HTMLElement} */ (box.querySelector("input:checked") || box.querySelector("input, select, textarea"))?.focus();
}

export function situationCard(result) {
  const items = (result.situation || []).filter((s) => s.value !== "unknown" || s.ask);
  if (!items.length) return null;
  const rows = items.map((s) =>
    el("li", { "data-situation": s.id, "data-value": s.value },
      s.ask ? el("span", { className: "badge badge--unknown" }, "不清楚") : null,
      s.label,
      s.ask ? el("a", {
        className: "situation__ask", href: `#/case/${s.ask.step}`, "data-ask": s.ask.field,
        onclick: () => window.addEventListener("hashchange", () => focusQuestion(s.ask.field), { once: true }),
      }, s.ask.question) : null),
  );
  return el("section", { className: "card", "aria-labelledby": "dash-situation", id: "situation-card" },
    el("h2", { id: "dash-situation" }, "我们对这件事的理解"),
    el("ul", { className: "situation" }, ...rows),
    el("p", { className: "hint" }, "下面的建议按这些理解给出。哪一条不对，或标着「不清楚」的你知道答案，点链接回去补上。"));
}
