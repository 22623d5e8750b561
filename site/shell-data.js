// What the core declares about the case (weiquan.describe.shell_data), written into the page
// by the build as <script type="application/json" id="shell-data">. The shell renders from
// this and from the worker's replies; it holds no case schema or vocabulary of its own.
// Shape: {format, version, empty_case, new_contact, new_payment, new_rule, channel_party,
//         shown_when: {path: [{path, in?, empty?, above?}]} (a path "contacts[].outcome" tests each
//         contact), asked_as: {path: [{path, in, label, hint}]} (both declared per field in
//         content/fields.toml), verbal_channels, unwritten_channels, vocab: {name: {id: label}},
//         stages: [{id, label, index, title}], step_ids, intake_steps, demand_form, letters}.

export const SHELL = JSON.parse(document.getElementById("shell-data").textContent);

/** A fresh copy of the empty case (the caller may change it). */
export const emptyCase = () => structuredClone(SHELL.empty_case);
