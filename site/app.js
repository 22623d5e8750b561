// Main-thread shell: starts the Python worker at once, shows its progress, renders results.
// No complaint logic lives here; every answer comes from weiquan.api in the worker.

const root = document.documentElement;
const statusText = document.getElementById("py-status-text");
const BOOT_TIMEOUT_MS = 90_000;

const MESSAGES = {
  runtime: "正在启动本机计算环境（首次约需几秒）……指南可以先读。",
  import: "正在载入投诉规则……",
  ready: "本机计算环境已就绪。你的数据只在这台设备上处理。",
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
};

function setState(state, text) {
  root.dataset.py = state;
  statusText.textContent = text;
}

class PyClient {
  constructor(url) {
    this.pending = new Map();
    this.nextId = 1;
    this.ready = new Promise((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    this.worker = new Worker(url, { type: "module" });
    this.worker.onmessage = (e) => this.receive(e.data);
    // A module worker that fails to load or parse (old browsers) only fires "error".
    this.worker.onerror = (e) => {
      e.preventDefault();
      this.fail({ code: "old-browser", message: e.message || "worker failed to start" });
    };
  }

  receive(msg) {
    if (msg.event === "progress") {
      if (root.dataset.py === "loading") statusText.textContent = MESSAGES[msg.stage] || msg.detail;
    } else if (msg.event === "ready") {
      this.resolveReady();
    } else if (msg.event === "error") {
      this.fail(msg.error);
    } else if (this.pending.has(msg.id)) {
      const { resolve, reject } = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      if (msg.ok) resolve(msg.result);
      else reject(msg.error);
    }
  }

  fail(error) {
    this.rejectReady(error);
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
  }

  call(name, args = {}) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, call: name, args });
    });
  }
}

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, props);
  for (const child of children) node.append(child);
  return node;
}

function renderChecklist(target, data) {
  const items = data.items.map((item) => {
    const li = el("li", { className: "evidence" });
    const head = el("p", { className: "evidence__title" }, item.title);
    if (item.required) head.append(el("span", { className: "badge" }, "必备"));
    li.append(head);
    if (item.must_show.length) {
      li.append(el("p", { className: "evidence__label" }, "要能看清："));
      li.append(el("ul", { className: "evidence__show" }, ...item.must_show.map((s) => el("li", {}, s))));
    }
    if (item.how.length) {
      li.append(el("p", { className: "evidence__label" }, "怎么留存："));
      li.append(el("ul", { className: "evidence__how" }, ...item.how.map((s) => el("li", {}, s))));
    }
    return li;
  });
  const parts = [el("h3", { tabIndex: -1 }, `「${data.label}」需要的证据`)];
  if (data.chain && data.chain.length) {
    parts.push(el("p", { className: "chain" }, "证据链：" + data.chain.map(chainLabel).join(" → ")));
  }
  parts.push(el("ol", { className: "evidence-list" }, ...items));
  if (data.hints && data.hints.length) {
    parts.push(el("ul", { className: "hints" }, ...data.hints.map((h) => el("li", {}, hintText(h)))));
  }
  target.replaceChildren(...parts);
  target.dataset.problem = data.problem;
}

const chainLabel = (link) => (typeof link === "string" ? link : link.label || link.title || link.id);
const hintText = (h) => (typeof h === "string" ? h : [h.title, h.text].filter(Boolean).join("："));

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
  navigator.serviceWorker.register("sw.js").then((reg) => {
    if (reg.waiting && navigator.serviceWorker.controller) offer(reg.waiting);
    reg.addEventListener("updatefound", () => {
      const incoming = reg.installing;
      incoming.addEventListener("statechange", () => {
        // Only an update needs the person's word; the first install just starts caching.
        if (incoming.state === "installed" && navigator.serviceWorker.controller) offer(incoming);
      });
    });
  }, () => {});
}

function start() {
  const checklist = document.getElementById("checklist");
  const buttons = [...document.querySelectorAll("[data-problem]")];
  if (!("Worker" in window) || typeof WebAssembly !== "object") {
    setState("error", MESSAGES["old-browser"]);
    return;
  }
  const py = new PyClient(root.dataset.worker);
  const timer = setTimeout(() => py.fail({ code: "timeout", message: "boot timeout" }), BOOT_TIMEOUT_MS);
  py.ready.then(
    () => {
      clearTimeout(timer);
      setState("ready", MESSAGES.ready);
      // Registered after boot so the precache download never competes with the first start.
      registerServiceWorker();
    },
    (error) => {
      clearTimeout(timer);
      setState("error", MESSAGES[error.code] || MESSAGES["boot-failed"]);
    },
  );

  let latest = 0;
  for (const button of buttons) {
    button.addEventListener("click", async () => {
      for (const b of buttons) b.setAttribute("aria-pressed", String(b === button));
      const ticket = ++latest;
      if (root.dataset.py === "loading") {
        checklist.replaceChildren(el("p", { className: "pending" }, "计算环境准备好后，清单会自动显示在这里。"));
      }
      try {
        const data = await py.call("checklist", { problem: button.dataset.problem });
        if (ticket === latest) renderChecklist(checklist, data);
      } catch (error) {
        if (ticket !== latest) return;
        const text = error && error.code && MESSAGES[error.code] ? MESSAGES[error.code] : (error && error.message) || "出错了，请重试。";
        checklist.replaceChildren(el("p", { className: "notice" }, text));
      }
    });
  }
}

start();
