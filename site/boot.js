// The page's first script. The build writes it inline at the top of <head> (its sha256 joins the
// CSP's script-src), so it runs the moment the parser reaches it. As an external script, even an
// async one, it ran only after the first style and layout of the pre-rendered guide: ~140 ms on a
// desktop and several times that on a slow phone, all of it before Python could start.
// What the worker says before the app listens is kept; py-client.js takes the worker over.
(() => {
  const root = document.documentElement;
  // Where the app's modules can run, its controls (.needs-js) are laid out from the first paint:
  // shown later by app.js, they pushed the page down (Lighthouse CLS 0.16 on a phone).
  if ("noModule" in HTMLScriptElement.prototype) root.classList.add("js");
  const url = root.dataset.worker;
  if (!("Worker" in window) || typeof WebAssembly !== "object" || !url) return;
  try {
    const worker = new Worker(url, { type: "module" });
    const kept = [];
    const keep = (e) => {
      if (e.type === "error") e.preventDefault();
      kept.push(e);
    };
    worker.addEventListener("message", keep);
    worker.addEventListener("error", keep);
    window.weiquanEarlyWorker = { url, worker, kept, keep };
  } catch {
    // the app's own start reports what is wrong
  }
})();
