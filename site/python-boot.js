// The Python worker's start as the person sees it: the status line with its step and seconds,
// the boot timeout, the messages on the parts of the page that need Python, and the service
// worker (registered only after boot, so its precache never competes with the first start).

import { PROGRESS, SHELL_ERRORS } from "./protocol.js";
import { PyClient, saveSnapshotLater } from "./py-client.js";

const root = document.documentElement;
const statusText = document.getElementById("py-status-text");
const BOOT_TIMEOUT_MS = 90_000;

function setState(state, text) {
  root.dataset.py = state;
  statusText.textContent = text;
}

function registerServiceWorker() {
  if (!("serviceWorker" in navigator)) return;
  const banner = document.getElementById("update");
  let accepted = false;
  const offer = (waiting) => {
    banner.hidden = false;
    document.getElementById("update-reload").onclick = () => {
      accepted = true;
      waiting.postMessage("skip-waiting");
    };
  };
  // Reload only when the person asked for the new version, and only once.
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (!accepted) return;
    accepted = false;
    location.reload();
  });
  navigator.serviceWorker.register("sw.js").then(
    (reg) => {
      if (!reg) return; // registration refused (e.g. service workers blocked by policy)
      if (reg.waiting && navigator.serviceWorker.controller) offer(reg.waiting);
      reg.addEventListener("updatefound", () => {
        const incoming = reg.installing;
        incoming.addEventListener("statechange", () => {
          // Only an update needs the person's word; the first install just starts caching.
          if (incoming.state === "installed" && navigator.serviceWorker.controller) offer(incoming);
        });
      });
    },
    () => {},
  );
}

/** The worker client, or null where the browser cannot run it (the status says why). */
export function startPython() {
  if (!("Worker" in window) || typeof WebAssembly !== "object") {
    setState("error", SHELL_ERRORS["old-browser"]);
    return null;
  }
  // Progress: the step the start is at, and how long it has taken so far (a first visit on a
  // phone takes seconds; a counter that moves says it is still working).
  const started = performance.now();
  let stageText = statusText.textContent;
  const showProgress = () => {
    if (root.dataset.py !== "loading") return;
    const seconds = Math.round((performance.now() - started) / 1000);
    statusText.textContent = seconds >= 2 ? `${stageText} · 已用 ${seconds} 秒` : stageText;
  };
  const ticker = setInterval(showProgress, 1000);
  const py = new PyClient(root.dataset.worker, (stage, detail) => {
    stageText = PROGRESS[stage] || detail;
    root.dataset.bootStage = stage;
    showProgress();
  });
  const timer = setTimeout(() => py.fail({ code: "timeout", message: "", detail: "boot timeout" }), BOOT_TIMEOUT_MS);
  py.ready.finally(() => clearInterval(ticker)).catch(() => {});
  py.ready.then(
    () => {
      clearTimeout(timer);
      setState("ready", PROGRESS.ready);
      for (const p of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll("[data-needs-python]"))) p.hidden = true;
      root.dataset.snapshot = py.fromSnapshot ? "used" : "none";
      // Started once the worker has loaded everything, so neither the precache download nor a
      // second runtime's boot competes with the start or with the first answers after it.
      py.loaded.then(() => {
        registerServiceWorker();
        if (!py.fromSnapshot) {
          saveSnapshotLater(root.dataset.worker, () => {
            root.dataset.snapshot = "saved";
          });
        }
      });
    },
    (error) => {
      clearTimeout(timer);
      failed(error);
    },
  );
  py.onLateFailure = failed;
  function failed(error) {
    const text = SHELL_ERRORS[error.code] || SHELL_ERRORS["boot-failed"];
    setState("error", text);
    for (const p of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll("[data-needs-python]"))) {
      p.hidden = false;
      p.textContent = text;
    }
  }
  return py;
}
