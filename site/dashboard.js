// The dashboard: where the case stands, what to do next and by when. Everything shown here is
// computed by weiquan.api "check"; this module only lays it out.

import { el } from "./dom.js";
import { SHELL } from "./shell-data.js";
import { situationCard } from "./situation-card.js";
import { timelineFigure } from "./timeline.js";

export function renderErrors(target, errors, title) {
  const items = errors.map((e) =>
    el("li", {}, e.step ? el("a", { href: `#/case/${e.step}` }, e.message) : e.message),
  );
  target.replaceChildren(el("h2", {}, title), el("ul", { className: "warnings" }, ...items));
}

/** The urgent card(s): first on the page and in large type, so a fraud victim sees 止付
 * without scrolling on a phone. The words are Python's (content/urgent.toml). */
function urgentCards(result) {
  return (result.urgent || []).map((u) =>
    el("section", { className: "card urgent", "data-urgent": u.id, "aria-labelledby": `urgent-${u.id}` },
      el("h2", { id: `urgent-${u.id}`, className: "urgent__title" }, u.title),
      el("ul", { className: "urgent__lines" }, ...u.lines.map((line) => el("li", {}, line)))));
}

export function renderDashboard(target, result) {
  const stage = SHELL.stages.find((s) => s.index === result.stage_index);
  const parts = [
    ...urgentCards(result),
    el("section", { className: "card", "aria-labelledby": "dash-stage" },
      el("h2", { id: "dash-stage" }, "现在处在哪一步"),
      el("p", { className: "stage", "data-stage": result.stage }, stage ? stage.title : result.stage_label),
      el("ol", { className: "stage-bar", "aria-hidden": "true" },
        ...SHELL.stages.map((s) => el("li", { className: s.index <= result.stage_index ? "done" : "" }, String(s.index)))),
    ),
  ];
  const understood = situationCard(result);
  if (understood) parts.push(understood);

  const steps = (result.next_steps || []).map((s) =>
    el("li", { className: "next-step", "data-step-id": s.id },
      el("p", { className: "next-step__title" }, s.title),
      el("p", { className: "next-step__why" }, s.why),
      s.proportion ? el("p", { className: "next-step__proportion" }, `值不值得：${s.proportion}`) : null,
      s.how && s.how.length ? el("ul", { className: "next-step__how" }, ...s.how.map((h) => el("li", {}, h))) : null,
      s.due ? el("p", { className: "next-step__due" }, `最晚：${s.due_label}`) : null,
      s.letter ? el("p", {}, el("a", { href: `#/letters/${s.letter}` }, "起草这一步要用的文书")) : null),
  );
  parts.push(el("section", { className: "card", "aria-labelledby": "dash-next" },
    el("h2", { id: "dash-next" }, "下一步做什么"),
    steps.length ? el("ol", { className: "next-steps" }, ...steps) : el("p", {}, "暂时没有需要做的事。"),
    el("p", {}, el("a", { className: "button", href: "#/letters" }, "去起草文书"))));

  const deadlines = result.deadlines || [];
  const rows = deadlines.map((d) =>
    el("tr", { "data-deadline": d.id },
      el("td", {}, d.title),
      el("td", { className: "nowrap" }, d.date_label,
        d.estimated ? el("span", { className: "badge" }, "估算") : null,
        d.status === "met" ? el("span", { className: "badge badge--ok" }, "已按时做到") : null,
        d.status === "passed" ? el("span", { className: "badge badge--late" }, "已过期") : null),
      el("td", {}, d.basis)),
  );
  parts.push(el("section", { className: "card", "aria-labelledby": "dash-deadlines" },
    el("h2", { id: "dash-deadlines" }, "期限"),
    rows.length
      ? el("div", { className: "table-wrap" }, el("table", { className: "deadlines" },
          el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "事项"), el("th", { scope: "col" }, "日期"), el("th", { scope: "col" }, "依据"))),
          el("tbody", {}, ...rows)))
      : el("p", {}, "填写下单时间和发现问题的时间后，这里会算出各项期限。"),
    rows.length ? el("button", { type: "button", className: "button button--quiet", id: "ics-download" }, "把期限加入手机日历（.ics）") : null));

  const missing = (result.evidence && result.evidence.missing) || [];
  parts.push(el("section", { className: "card", "aria-labelledby": "dash-evidence" },
    el("h2", { id: "dash-evidence" }, "证据"),
    el("p", {}, result.evidence && result.evidence.chain_complete ? "订单—支付—商品—问题的证据链已经闭合。" : "证据链还没有闭合。"),
    missing.length
      ? el("ul", {}, ...missing.map((k, i) => el("li", {}, el("a", { href: "#/case/evidence" }, `还缺：${result.evidence.missing_titles[i] || k}`))))
      : null));

  const cited = Object.values(result.rules || {});
  if (cited.length) {
    parts.push(el("section", { className: "card", "aria-labelledby": "dash-rules" },
      el("h2", { id: "dash-rules" }, "上面引用的规定"),
      el("p", { className: "hint" }, `核对日期见各条；法律条文请以官方最新文本为准。`),
      el("ul", { className: "rules" }, ...cited.map((r) =>
        el("li", { "data-rule": r.id },
          el("p", { className: "rules__head" }, `${r.name} `,
            el("span", { className: r.status === "verified" ? "badge badge--ok" : "badge" }, r.status_label)),
          el("p", {}, r.summary),
          el("p", { className: "hint" }, `核对于 ${r.checked} · `,
            el("a", { href: r.source, rel: "noopener noreferrer", target: "_blank" }, "查看官方来源")))))));
  }

  const warnings = result.warnings || [];
  if (warnings.length) {
    parts.push(el("section", { className: "card", "aria-labelledby": "dash-warnings" },
      el("h2", { id: "dash-warnings" }, "需要注意"),
      el("ul", { className: "warnings" }, ...warnings.map((w) => el("li", { "data-code": w.code }, w.message)))));
  }
  target.replaceChildren(...parts);
}

/** The timeline card, filled in when Python's picture arrives (after the check's own cards). */
export function renderTimeline(target, result) {
  const card = el("section", { className: "card", "aria-labelledby": "dash-timeline", id: "dash-timeline-card" },
    el("h2", { id: "dash-timeline" }, "时间线"),
    timelineFigure(result, "dash"));
  const old = document.getElementById("dash-timeline-card");
  if (old) old.replaceWith(card);
  else target.querySelector("[aria-labelledby='dash-stage']").after(card);
}
