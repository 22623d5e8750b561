// A case's name until the person gives it one: from what the case is about (the problem, the
// shop, the day), so 今天要做的 and the case list say which case a row belongs to, and no
// case is called 我的案件 like the tab. A name the person typed is never replaced.

import { SHELL } from "./shell-data.js";

// Names the app used to give by default; such a case is renamed from its content.
const OLD_DEFAULTS = /^(我的案件|案件 \d+|新案件.*)$/;

export function isAutoName(entry) {
  return entry.auto === true || (entry.auto === undefined && OLD_DEFAULTS.test(entry.name || ""));
}

function shortProblem(problem) {
  const label = SHELL.vocab.problems[problem] || "";
  return label.split(/[、，,（(]/)[0];
}

function dayOf(value) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value || "");
  return m ? `${Number(m[2])}月${Number(m[3])}日` : "";
}

/** 「卡密无效 · 星辰数码专营店」, 「付了钱被拉黑 · 12月7日」, 「新案件 · 12月7日」. */
export function autoName(kase, created) {
  const problem = shortProblem(kase.problem);
  const shop = (kase.merchant && kase.merchant.name) || (kase.merchant && kase.merchant.handle) || "";
  const day = dayOf(kase.order && kase.order.ordered_at) || dayOf(created);
  if (!problem) return `新案件${day ? ` · ${day}` : ""}`;
  return `${problem} · ${shop.slice(0, 20) || day}`.replace(/ · $/, "");
}
