// The page ↔ worker protocol, in one place. worker.js, py-client.js and weiquan/api.py follow
// what is written here. The call names (CallName, CALLS) and Python's error codes (PY_ERRORS)
// are generated from weiquan/protocol.py: the build rewrites the marked block below in dist/,
// and `python -m buildtools.protocol_tables` rewrites it here (tests/unit/test_protocol.py
// fails while this copy is stale).
//
// Messages are JSON-serialisable, except the one declared file side channel (`files` on a
// request, `file` on a reply), whose ArrayBuffers are transferred, not copied.
//
// ── page → worker ───────────────────────────────────────────────────────────────────────────
/**
 * @typedef {object} Request
 * @property {number} id          unique per page; the reply carries it back
 * @property {CallName} call
 * @property {object} args        the call's arguments (below)
 * @property {ArrayBuffer[]} [files]  file side channel: args.files[i] describes files[i]
 *
 * Arguments per call (`case` is a case-file envelope {format, version, case}; `today` is
 * "YYYY-MM-DD", the device's local date):
 *   problems  {}                              → [{id, label}]
 *   checklist {problem}                       → {problem, label, items[], chain[], hints[]}
 *   check     {case, today}                   → CheckResult
 *   validate  {case}                          → {errors: FieldError[]}  (never an error reply)
 *   draft     {case, today, letter}           → {kind, text, missing[], warnings[], sections?[],
 *                                                blocks[] (weiquan/blocks.py: title, heading,
 *                                                paragraph, left, center, right, table),
 *                                                timeline?: true (show the timeline with it),
 *                                                caution?: {title, lines[]} (shown above the letter,
 *                                                never in it: a letter to a suspected scammer)}
 *             {case, today, letter, docx: true} + files: []  (no input; asks for the one output)
 *                                             → the same + {docx_name} + file (the .docx bytes)
 *   rules     {}                              → [Rule]
 *   ics       {case, today}                   → {text, count, filename}
 *   migrate   {case}                          → {case, version}  (an older stored case, upgraded)
 *   bundle    {case, today, files: [{name, sha256, kind, added_at}]} + files
 *                                             → {name, size, sha256, files, output} + file
 *   paste     {text}                          → PasteResult  (fields empty, source null: not recognised)
 *   redact_targets {boxes: [text], lines: [[box index]]}   (a recognised screenshot's boxes)
 *                                             → {targets: [{box, kind, start, end}],
 *                                                kinds: [{id, label, count}]}  (打码: characters
 *                                                start..end of boxes[box] are personal)
 *   timeline  {case, today}                   → {svg, lines[]}  (svg: XML-escaped, no script)
 *   agenda    {cases: [{id, title, case}], today}
 *                                             → {today, horizon_days, items: AgendaItem[],
 *                                                errors: [{case_id, case_title, message}], resolved[]}
 *   import_bundle {} + files: [the .zip]      → {case, files: [{name, sha256, kind, added_at,
 *                                                offset, size}], new_case, suggested_title} + file
 *             `file` holds every evidence file back to back (files[i] at offset, size bytes);
 *             a failed check answers `bad-bundle` with one FieldError per file (field = name
 *             inside the zip) and nothing is imported.
 *   warm_letters {}                          → {warmed: true}  (idle time: the letters' shared
 *                                                template compiled before the first letter)
 *   review    {case}                          → ReviewResult  (the case as typed; a value that does
 *                                                not validate yet is shown as it stands)
 *
 * @typedef {object} Staged  what the worker adds to a request with files before Python sees it
 * @property {string[]} inputs  in-memory paths where files[i] were written, in order
 * @property {string} output    the one path the call may write; its bytes come back as `file`
 */
//
// ── worker → page ───────────────────────────────────────────────────────────────────────────
/**
 * @typedef {{id: number, ok: true, result: any, file?: ArrayBuffer}} OkReply
 *   `file` is present when Python's result names `output` (= Staged.output); the worker then
 *   drops `output` from the result and transfers the bytes.
 * @typedef {{id: number, ok: false, error: ErrorInfo}} ErrorReply
 * @typedef {OkReply|ErrorReply} Reply
 *
 * @typedef {object} ErrorInfo
 * @property {ErrorCode} code
 * @property {string} message      Chinese, for the person; "" from the worker (use MESSAGES)
 * @property {FieldError[]} [fields]
 * @property {string} [detail]     what the runtime said (English), for a bug report only
 *
 * @typedef {object} FieldError
 * @property {string} field        "case.order.amount", "case.contacts[2].at"; "" = whole file
 * @property {string} message      Chinese: what is wrong and how to fix it
 * @property {string} [brief]      for a choice: the message without the list of choices
 * @property {string} [allowed]    for a choice: the allowed values
 *
 * @typedef {object} Warning  one thing a check or a letter points out (check, validate, draft)
 * @property {string} code
 * @property {string} message       Chinese
 * @property {"wording"|"list"} place  where it belongs: beside the words the person writes
 *           (tone, vague demands), or in the list of what to fix or add (weiquan.protocol.placed)
 * @property {string} [suggestion]
 * @property {string} [field]       a case path, for a warning about one field
 *
 * @typedef {{event: "progress", stage: "runtime"|"snapshot", detail: string}} ProgressEvent
 * @typedef {{event: "ready", snapshot: boolean}} ReadyEvent
 * @typedef {{event: "loaded"}} LoadedEvent  after ready, once the app is imported and the
 *           template engine installed: the page starts its own background work only then
 * @typedef {{event: "error", error: ErrorInfo}} BootErrorEvent
 * @typedef {{event: "snapshot-saved", bytes: number}} SnapshotEvent  (the "snapshot" worker only)
 * @typedef {ProgressEvent|ReadyEvent|LoadedEvent|BootErrorEvent|SnapshotEvent} WorkerEvent
 *
 * @typedef {object} CheckResult
 * @property {{id, title, lines: string[], due}[]} urgent  what must be done today, above all else
 *           (a suspected fraud's 止付: content/urgent.toml); `due` is today, YYYY-MM-DD
 * @property {string} stage          a stage id of SHELL.stages
 * @property {number} stage_index    1-based position in SHELL.stages
 * @property {string} stage_label
 * @property {{id, title, why, stage, rules, how?, due?, due_label?, letter?}[]} next_steps
 *           `letter` is a letter kind of SHELL.letters: the step's letter
 * @property {{id, title, date, date_label, basis, status: "upcoming"|"met"|"passed", estimated}[]} deadlines
 * @property {{missing, missing_titles, chain_complete, chain, gap}} evidence
 * @property {Warning[]} warnings
 * @property {Object<string, Rule>} rules  the rules the steps and deadlines cite
 * @property {{id: string, value: string, label: string, ask?: {step: string, field: string, question: string}}[]} situation
 *           what the app believes the dispute is: every dimension of weiquan.situation.DIMENSIONS
 *           in that order, `value` "unknown" when the case does not say, `label` a sentence from
 *           content/situation.toml; `ask` on an unknown the intake asks for this case: the intake
 *           step (#/case/<step>), the field and its question, for the dashboard's link
 * @property {Theory} theory   the theory of the case every letter argues (weiquan.theory)
 *
 * @typedef {object} Theory
 * @property {string} cause         a cause id of content/causes.toml (non_delivery, refusal, defect,
 *           partial_failure, title_defect, service_ended, account_restricted, fraud,
 *           unjust_enrichment, minor, agreed_refund, breach)
 * @property {string} label         the theory in one Chinese sentence
 * @property {boolean} consumer_law whether 消费者权益保护法 is argued (a business, personal use)
 * @property {{kind: "refund"|"reissue"|"treble"|"compensation"|"other", amount?: string,
 *            quantity?: number, basis: string[], formula?: string}[]} claims
 *           from the person's demands only; `amount` capped at what the cause entitles to
 *           (never more than was paid; only the failed part's share); `formula` shows a share
 * @property {"company"|"sole_trader"|"person"|"unknown"} defendant
 * @property {"cure"|"outright"|"partial"|"restore"|"release"|"revoke"|"honour"} notice
 *           what the termination notice does
 * @property {string[]} grounds     every rule id the letters argue (each in `rules`)
 *
 * @typedef {object} ReviewResult  the 检查 step, drawn as it is (weiquan.review)
 * @property {{id: string, title: string, lines: string[]}[]} screens  every intake screen but the
 *           review, in order: `id` its step (#/case/<id>), `lines` what the person sees of it
 *           ("label：value", a contact, a payment…)
 * @property {string} none   what a screen with no lines shows ("（未填写）")
 *
 * @typedef {object} PasteResult
 * @property {{field, value, label, confidence, raw, line}[]} fields  `field` is a v2 case path
 *           ("order.id", "merchant.legal_name", "order.payments[].txn_id"); `label` is the label
 *           the value was found under on the page
 * @property {{at?, amount?, paid_via?, txn_id?}} payment  the page's one payment, v2 shape
 * @property {string|null} source
 * @property {string} [source_name]  Chinese name of the page it recognised
 * @property {{field, label, values, message}[]} conflicts
 * @property {string[]} notes
 *
 * @typedef {object} AgendaItem
 * @property {string} case_id
 * @property {string} case_title
 * @property {string} deadline_id
 * @property {string} title
 * @property {string} date           YYYY-MM-DD
 * @property {number} days_left
 * @property {number} days_overdue
 * @property {"overdue"|"today"|"soon"} status
 * @property {boolean} estimated
 * @property {boolean} [urgent]      the case's urgent card (CheckResult.urgent), dated today
 *
 * @typedef {object} Rule
 * @property {string} id
 * @property {string} name           《法名》第N条, without any note
 * @property {"verified"|"reference"} status
 * @property {string} status_label   Chinese
 * @property {string} summary
 * @property {string} checked        YYYY-MM-DD
 * @property {string} source         official URL
 */

// BEGIN generated from weiquan/protocol.py by buildtools/protocol_tables.py: do not edit
/**
 * @typedef {"bundle"|"migrate"|"problems"|"checklist"|"check"|"validate"|"draft"|"rules"|"ics"|"paste"|"agenda"|"timeline"|"import_bundle"|"redact_targets"|"warm_letters"|"review"} CallName
 *
 * The arguments each call reads (weiquan.protocol.CALLS; "?" = optional):
 *   bundle: case, today?, files, staged
 *   migrate: case
 *   problems: (none)
 *   checklist: problem
 *   check: case, today?
 *   validate: case
 *   draft: case, today?, letter, docx?, staged?
 *   rules: (none)
 *   ics: case, today?
 *   paste: text
 *   agenda: cases, today?
 *   timeline: case, today?
 *   import_bundle: staged
 *   redact_targets: boxes, lines?
 *   warm_letters: (none)
 *   review: case
 */

/** @type {CallName[]} — weiquan.protocol.CALLS */
export const CALLS = [
  "bundle",
  "migrate",
  "problems",
  "checklist",
  "check",
  "validate",
  "draft",
  "rules",
  "ics",
  "paste",
  "agenda",
  "timeline",
  "import_bundle",
  "redact_targets",
  "warm_letters",
  "review",
];

/** @type {CallName[]} — weiquan.protocol.TEMPLATE_CALLS (wait for Jinja2) */
export const TEMPLATE_CALLS = [
  "bundle",
  "draft",
  "warm_letters",
];

/**
 * Error codes Python answers with, and what each means for the person —
 * weiquan.protocol.ERRORS. A Python reply's own message is more specific and is shown
 * first.
 */
export const PY_ERRORS = {
  "bad-json": "请求参数不是有效的 JSON。",
  "bad-args": "请求参数有误。",
  "unknown-call": "程序内部调用了不存在的功能，请刷新页面。",
  "invalid-case": "案件信息里有需要修改的地方。",
  "unknown-letter": "不认识这种文书。",
  "bad-file": "有证据文件无法打包。",
  "bad-bundle": "这个证据包没有通过校验，没有导入任何内容。",
  internal: "内部错误：请导出案件文件并反馈给维护者。",
};
// END generated

/** Error codes only the worker or the page produce (their message is always this text). */
export const SHELL_ERRORS = {
  "old-browser":
    "你的浏览器版本太旧，无法运行互动功能。请把浏览器（或微信、系统）更新到最新版后再打开本页；下面的指南仍然可以阅读。",
  "files-missing":
    "部分程序文件没有加载成功，可能是网络中断或网站文件不完整。请检查网络后刷新页面；下面的指南仍然可以阅读。",
  integrity:
    "程序文件校验未通过，为安全起见已停止运行。请刷新页面重试；如果反复出现，请换一个网络。下面的指南仍然可以阅读。",
  timeout:
    "启动时间过长，可能是网络太慢或设备内存不足。请关闭其他页面后刷新重试；下面的指南仍然可以阅读。",
  "boot-failed":
    "本机计算环境启动失败。请刷新页面重试，或换用最新版的 Chrome、Edge、Safari；下面的指南仍然可以阅读。",
  "snapshot-failed": "本机快照保存失败（不影响使用）。",
  "worker-failed": "本机计算环境出错了。请先导出案件文件，再刷新页面重试。",
};

/** @typedef {keyof typeof PY_ERRORS | keyof typeof SHELL_ERRORS} ErrorCode */

/** Boot progress stages (ProgressEvent.stage) and the ready state, as the person reads them. */
export const PROGRESS = {
  // Measured (README, make bench): a first visit downloads about 5 MB and takes 10–20 s on a
  // slow phone; a later one starts from the browser's cache, or from a saved snapshot.
  // At most two lines on a 360 px phone with the seconds counter (the status keeps two lines'
  // room, so the page below does not jump).
  runtime: "正在下载计算环境（首次约5 MB，手机上要十几秒）",
  snapshot: "正在从本机快照启动计算环境",
  ready: "本机计算环境已就绪。你的数据只在这台设备上处理。",
};

/**
 * What to tell the person about an error: a Python reply's own Chinese message; for anything
 * the worker or the page raised, the fixed text of its code. Raw runtime text never shows.
 * @param {ErrorInfo|undefined} error
 */
export function errorText(error) {
  const code = error && error.code;
  if (code && SHELL_ERRORS[code]) return SHELL_ERRORS[code];
  if (code && PY_ERRORS[code]) return error.message || PY_ERRORS[code];
  return SHELL_ERRORS["worker-failed"];
}
