// What every screen shares: the case store, the evidence files, the Python worker and the
// calls into it, the debounced save. Created once by app.js.

import { debounce, today } from "./dom.js";
import { EvidenceFiles } from "./files.js";
import { notice } from "./notice.js";
import { startPython } from "./python-boot.js";
import { parseRoute } from "./router.js";
import { CaseStore, envelope } from "./store.js";

/**
 * @typedef {object} Session
 * @property {CaseStore} store
 * @property {EvidenceFiles} files
 * @property {import("./py-client.js").PyClient|null} py   null where the browser cannot run it
 * @property {(name: string, args: object, files?: ArrayBuffer[]) => Promise<any>} call
 * @property {() => {case: object, today: string}} args  the open case as most calls take it
 * @property {(view: string) => boolean} onScreen         whether that screen is still shown
 * @property {(() => void) & {cancel: () => void}} saveSoon
 * @property {(text: string) => void} setStatus           the case list's status line
 * @property {import("./case-form.js").CaseForm} form     set once the intake screen exists
 * @property {() => void} switched                        another case was opened
 */

/** @param {{onExternalChange: (what: string) => void}} hooks @returns {Session} */
export function createSession({ onExternalChange }) {
  const store = new CaseStore({ onNotice: notice, onExternalChange });
  const files = new EvidenceFiles();
  if (store.storage) files.prune(store.index.cases.map((c) => c.id)).catch(() => {});
  const py = startPython();
  const call = (name, args, files) => (py ? py.call(name, args, files) : Promise.reject({ code: "old-browser" }));
  let askedToPersist = false;
  const saveSoon = debounce(() => {
    // After the first real save, ask the browser not to evict this site's data under pressure.
    if (store.save() && !askedToPersist && navigator.storage && navigator.storage.persist) {
      askedToPersist = true;
      navigator.storage.persist().catch(() => {});
    }
  }, 400);
  return {
    store,
    files,
    py,
    call,
    args: () => ({ case: envelope(store.case), today: today() }),
    onScreen: (view) => parseRoute(location.hash).view === view,
    saveSoon,
    setStatus: (text) => {
      document.getElementById("cases-status").textContent = text;
    },
    form: null,
    switched: () => {},
  };
}
