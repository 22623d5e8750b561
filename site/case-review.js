// The review step: what the case says, screen by screen, each with a link back to change it.

import { getPath } from "./case-values.js";
import { el, timeLabel } from "./dom.js";
import { SHELL } from "./shell-data.js";

// What each demand is called (the same words its tick box shows).
const DEMAND_TEXT = new Map(SHELL.demand_form.map((d) => [d.kind, d.text]));

// The screens' titles and the demands come from the core's data (shell-data); a field's label
// and a choice's words are still read from the pre-rendered form, which the build draws from
// the field declaration (content/fields.toml).
export function renderReview(form, kase) {
  const list = document.getElementById("review");
  const parts = [];
  for (const step of form.querySelectorAll("[data-step]")) {
    const id = step.dataset.step;
    if (id === "review") continue;
    const title = SHELL.intake_steps.find((s) => s.id === id).title;
    // The contacts screen also asks a question of the situation (order.refund_offer).
    const values = id === "contacts" ? [...summary(form, kase, step), ...summary(form, kase, step, { fieldsOnly: true })] : summary(form, kase, step);
    parts.push(
      el("dt", {}, title, " ", el("a", { href: `#/case/${id}`, className: "linkish" }, "修改")),
      el("dd", {}, values.length ? el("ul", {}, ...values.map((v) => el("li", {}, v))) : el("span", { className: "hint" }, "（未填写）")),
    );
  }
  list.replaceChildren(...parts);
}

// `fieldsOnly`: just the step's own fields ("question: answer"), none of its lists.
function summary(form, kase, step, { fieldsOnly = false } = {}) {
  const id = fieldsOnly ? "" : step.dataset.step;
  if (id === "contacts") {
    return kase.contacts.map((c, i) => {
      // The party's own explanation in brackets is left out: 在线客服 · 商家, not 在线客服（商家（卖家））.
      const party = (SHELL.vocab.parties[c.party] || "").replace(/（.*）$/, "");
      const parts = [timeLabel(c.at) || "时间未填", SHELL.vocab.channels[c.channel], party, c.summary];
      return `第 ${i + 1} 次：${parts.filter(Boolean).join(" · ")}`;
    });
  }
  if (id === "evidence") {
    const have = kase.evidence.filter((e) => e.have).map((e) => e.kind);
    return have.length ? [`已保存 ${have.length} 项`] : [];
  }
  if (id === "demands") {
    return kase.demands.map((d) => {
      const label = DEMAND_TEXT.get(d.kind) || d.kind;
      return [label, d.amount ? `${d.amount} 元` : "", d.quantity ? `${d.quantity} 份` : "", d.note || ""].filter(Boolean).join(" ");
    });
  }
  const out = [];
  for (const input of step.querySelectorAll("[data-field]")) {
    // A question this case does not ask is not part of its summary.
    if (input.closest(".field")?.hidden) continue;
    const value = getPath(kase, input.dataset.field);
    if (input.type === "radio") {
      // A choice asked as a question (a legend) is shown with its question.
      const legend = input.closest("fieldset.field--choices")?.querySelector("legend");
      const name = legend ? `${legend.textContent.replace(/[？?]$/, "")}：` : "";
      if (input.checked) out.push(name + input.parentElement.textContent.trim());
    } else if (input.type === "checkbox") {
      if (value) out.push(input.parentElement.textContent.trim());
    } else if (value !== "" && value !== undefined && value !== null) {
      const label = document.querySelector(`label[for="${input.id}"]`);
      const shown = input.tagName === "SELECT"
        ? input.selectedOptions[0]?.textContent
        : input.type.startsWith("date") ? timeLabel(String(value)) : String(value);
      const name = label ? label.textContent.replace(/[？?]$/, "") : input.dataset.field;
      out.push(`${name}：${shown}`);
    }
  }
  if (id === "shop") {
    (kase.rules || []).forEach((r, i) => {
      const text = [r.title, r.clause, r.text].filter(Boolean).join(" ");
      out.push(`第 ${i + 1} 条规则：${text || "未填写"}（${SHELL.vocab.stances[r.stance] || "用法未选"}）`);
    });
  }
  if (id === "order") {
    (kase.order.payments || []).forEach((p, i) => {
      const via = SHELL.vocab.paid_via[p.paid_via] || "";
      const parts = [timeLabel(p.at) || "时间未填", `${p.amount || "?"} 元`, via, p.txn_id && `单号 ${p.txn_id}`, p.payee && `收款方 ${p.payee}`];
      out.push(`第 ${i + 1} 笔付款：${parts.filter(Boolean).join(" · ")}`);
    });
  }
  return out;
}
