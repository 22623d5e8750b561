// 识别截图 and 打码 copies in the 智能粘贴 box. Loaded by paste-box.js only when a person first
// picks or drops a screenshot, from dist/ocr/<hash>/ with the recogniser (ocr-worker.js), so the
// first visit never downloads it. The service worker keeps this folder once used (offline).
//
// The recognised text goes through the same Python "paste" call and field rows as pasted text
// (nothing is written without a tick); the screenshot may be kept as evidence with its SHA-256;
// a 打码 copy blacks out what Python's "redact_targets" marks personal, plus the person's picks.

const CACHE = "wq-ocr"; // sw.js keeps the recogniser's files here
const here = new URL("./", import.meta.url);

let worker = null;
let loaded = false;
let nextId = 1;
const pending = new Map();
/** @type {(message: object) => void} */
let onProgress = () => {};

function ocrWorker() {
  if (worker) return worker;
  worker = new Worker(new URL("./ocr-worker.js", import.meta.url), { type: "module" });
  worker.addEventListener("message", (event) => {
    const message = event.data;
    if (message.event === "progress") {
      onProgress(message);
      return;
    }
    const waiting = pending.get(message.id);
    if (!waiting) return;
    pending.delete(message.id);
    if (message.ok) waiting.resolve(message.result);
    else waiting.reject(new Error(message.error));
  });
  worker.addEventListener("error", (event) => {
    for (const waiting of pending.values()) waiting.reject(new Error(event.message || "worker failed"));
    pending.clear();
    worker = null;
  });
  return worker;
}

function ask(message) {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    ocrWorker().postMessage({ ...message, id });
  });
}

/** Whether every file of the recogniser is on the device already (no download needed). */
export async function isCached(manifest) {
  if (loaded) return true;
  try {
    if (!(await caches.has(CACHE))) return false;
    const cache = await caches.open(CACHE);
    const hits = await Promise.all(Object.keys(manifest.sizes).map((name) => cache.match(new URL(name, here).href)));
    return hits.every(Boolean);
  } catch {
    return false;
  }
}

/** Start the recogniser while the person is still picking a file, when it needs no download. */
export async function warm(manifest) {
  if (loaded || worker || !(await isCached(manifest))) return;
  ask({ sizes: manifest.sizes }).then(
    () => {
      loaded = true;
    },
    () => {}, // the choice that follows reports any failure
  );
}

/** The recognised boxes and text of one image (used by the panel, the tests and the bench). */
export async function readImage(blob, manifest) {
  const result = await ask({ image: blob, sizes: manifest.sizes });
  loaded = true;
  await keepTheRest(manifest);
  return result;
}

// The worker keeps the models; the small files (this module, the worker, the runtime) are kept
// by the service worker when it controls the page. When it did not yet, keep what is missing
// here, so the recogniser works offline after this first use whatever the timing.
async function keepTheRest(manifest) {
  if (!self.caches) return;
  try {
    const cache = await caches.open(CACHE);
    const urls = Object.keys(manifest.sizes).map((name) => new URL(name, here).href);
    const missing = [];
    for (const url of urls) if (!(await cache.match(url))) missing.push(url);
    await cache.addAll(missing);
  } catch {
    // Storage full or blocked: the recogniser still works online; nothing to tell here.
  }
}

const megabytes = (bytes) => (bytes / 1e6).toFixed(1);

async function sha256Hex(blob) {
  const digest = await crypto.subtle.digest("SHA-256", await blob.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function askToDownload({ out, manifest, paste, el }) {
  return new Promise((resolve) => {
    const yes = el("button", { type: "button", className: "button", "data-ocr-download": "" }, "下载并识别");
    const no = el("button", { type: "button", className: "button button--quiet" }, "取消");
    yes.addEventListener("click", () => resolve(true));
    no.addEventListener("click", () => {
      paste.show(out, "cancelled", el("p", { className: "hint" }, "没有下载，什么也没有填入。也可以把页面文字复制后粘贴到上面的框里。"));
      resolve(false);
    });
    paste.show(
      out,
      "confirm",
      el("p", {}, `识别截图要先下载文字识别程序和模型，共约 ${megabytes(manifest.download_total)} MB。只下载这一次，之后不联网也能用。截图只在这台设备上识别，不会上传到任何地方。`),
      el("p", { className: "paste__buttons" }, yes, no),
    );
  });
}

export async function recogniseScreenshot({ box, out, file, paste, manifest, el, download, shell }) {
  const extras = box.querySelector("[data-ocr-extras]");
  extras.replaceChildren();
  const notice = (text) => el("p", { className: "notice" }, text);
  if (!file.type.startsWith("image/")) {
    paste.show(out, "error", notice("这不是图片文件：请选择订单或账单页面的截图（PNG 或 JPG）。"));
    return;
  }
  const cached = await isCached(manifest);
  if (!cached && !(await askToDownload({ out, manifest, paste, el }))) return;
  const status = el("p", { className: "pending", role: "status", "data-ocr-status": "" }, "正在准备识别……");
  paste.show(out, "pending", status);
  onProgress = (m) => {
    const percent = Math.min(99, Math.floor((100 * m.loaded) / Math.max(1, m.total)));
    status.textContent = {
      download: `正在下载识别模型……${percent}%`,
      start: "正在启动识别程序……",
      recognise: "正在识别截图里的文字（只在这台设备上）……",
    }[m.stage];
  };
  let read;
  try {
    read = await readImage(file, manifest);
  } catch (error) {
    const offline = !cached && !navigator.onLine;
    paste.show(
      out,
      "error",
      notice(offline ? "下载识别模型需要联网：请连上网络后再选一次截图。" : "截图没有识别成功：可以换一张更清晰的截图再试，或把页面文字复制后粘贴进来。"),
      el("p", { className: "hint" }, String(error.message || error)),
    );
    return;
  }
  let result;
  try {
    result = await paste.call("paste", { text: read.text });
  } catch (error) {
    paste.show(out, "error", notice(error.message || "识别出的文字没有处理成功。"));
    return;
  }
  if (result.fields.length) {
    paste.renderFound(box, out, result);
  } else {
    paste.show(
      out,
      "none",
      notice("截图里没有认出订单或账单信息，什么也没有填入。"),
      el("p", {}, `请截取这些页面之一的完整详情：${(result.known_sources || []).join("、")}。`),
    );
  }
  extras.replaceChildren(...screenshotActions({ file, read, result, paste, el, download, shell }));
}

function screenshotActions({ file, read, result, paste, el, download, shell }) {
  const seconds = (read.ms / 1000).toFixed(1);
  const text = el(
    "details",
    {},
    el("summary", {}, `识别出的文字（${read.boxes.length} 段，用时 ${seconds} 秒）`),
    el("pre", { className: "ocr__text", "data-ocr-text": "" }, read.text),
  );
  const kind = result.source && result.source.endsWith("-bill") ? "payment_record" : "order_record";
  const kindLabel = shell.vocab.evidence_kinds[kind] || kind;
  const said = el("p", { className: "ocr__hash", role: "status", "data-ocr-said": "" });
  const area = el("div", { "data-ocr-redaction": "" });
  const buttons = el("p", { className: "paste__buttons" });
  const storage = Boolean(paste.files && paste.store.storage);
  if (storage) {
    const keep = el("button", { type: "button", className: "button button--quiet", "data-ocr-keep": "" }, `把截图存为证据（${kindLabel}）`);
    keep.addEventListener("click", async () => {
      keep.disabled = true;
      try {
        const record = await paste.files.add(paste.store.index.current, kind, file);
        said.textContent = `截图已存为证据“${kindLabel}”：${record.name}，SHA-256 ${record.sha256}`;
        said.dataset.sha256 = record.sha256;
        paste.onEvidence();
      } catch (error) {
        said.textContent = error.message || "截图没有保存。";
        keep.disabled = false;
      }
    });
    buttons.append(keep);
  }
  const redact = el("button", { type: "button", className: "button button--quiet", "data-ocr-redact": "" }, "生成打码副本（发帖、分享用）");
  redact.addEventListener("click", () => {
    redact.disabled = true;
    openRedaction({ area, file, read, paste, el, download, storage, kind }).finally(() => {
      redact.disabled = false;
    });
  });
  buttons.append(redact);
  return [text, buttons, said, area];
}

// ------------------------------------------------------------------ 打码

// Where characters start..end of a recognised box lie: CJK characters are about twice as wide
// as digits and Latin letters; the cover is padded, and reaches the box's edge at its ends.
function coverOf(box, start, end) {
  const chars = Array.from(box.text);
  const weight = (ch) => (/[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(ch) ? 1 : 0.56);
  const widths = chars.map(weight);
  const total = widths.reduce((a, b) => a + b, 0) || 1;
  const before = widths.slice(0, start).reduce((a, b) => a + b, 0);
  const span = widths.slice(start, end).reduce((a, b) => a + b, 0);
  const unit = box.w / total;
  const pad = box.h * 0.35;
  const x0 = start <= 0 ? box.x : Math.max(box.x, box.x + before * unit - pad);
  const x1 = end >= chars.length ? box.x + box.w : Math.min(box.x + box.w, box.x + (before + span) * unit + pad);
  return { x: x0, y: box.y, w: x1 - x0, h: box.h };
}

async function openRedaction({ area, file, read, paste, el, download, storage, kind }) {
  let reply;
  try {
    reply = await paste.call("redact_targets", { boxes: read.boxes.map((b) => b.text), lines: read.lines });
  } catch (error) {
    area.replaceChildren(el("p", { className: "notice" }, error.message || "没有找出要遮住的内容。"));
    return;
  }
  const bitmap = await createImageBitmap(file);
  const canvas = el("canvas", { className: "ocr__preview", width: bitmap.width, height: bitmap.height, "data-ocr-preview": "" });
  const ctx = canvas.getContext("2d");
  const chosen = new Set(reply.kinds.filter((k) => k.count).map((k) => k.id));
  const picked = new Set(); // boxes the person tapped: covered whole

  const covers = () => [
    ...reply.targets.filter((t) => chosen.has(t.kind)).map((t) => coverOf(read.boxes[t.box], t.start, t.end)),
    ...[...picked].map((i) => read.boxes[i]),
  ];
  const draw = () => {
    ctx.drawImage(bitmap, 0, 0);
    ctx.fillStyle = "#000";
    for (const c of covers()) ctx.fillRect(c.x, c.y, c.w, c.h);
    // The copy says what it is, in its corner.
    const size = Math.max(14, Math.round(bitmap.width / 28));
    ctx.font = `${size}px sans-serif`;
    const label = "打码副本";
    const w = ctx.measureText(label).width + size;
    ctx.fillStyle = "rgba(200, 30, 30, 0.85)";
    ctx.fillRect(bitmap.width - w, bitmap.height - size * 1.8, w, size * 1.8);
    ctx.fillStyle = "#fff";
    ctx.fillText(label, bitmap.width - w + size / 2, bitmap.height - size * 0.55);
  };
  canvas.addEventListener("click", (event) => {
    const rect = canvas.getBoundingClientRect();
    const x = ((event.clientX - rect.left) * canvas.width) / rect.width;
    const y = ((event.clientY - rect.top) * canvas.height) / rect.height;
    const hit = read.boxes.findIndex((b) => x >= b.x && x <= b.x + b.w && y >= b.y && y <= b.y + b.h);
    if (hit < 0) return;
    if (picked.has(hit)) picked.delete(hit);
    else picked.add(hit);
    draw();
  });
  const kinds = el(
    "ul",
    { className: "ocr__kinds" },
    ...reply.kinds.map((k) => {
      const box = el("input", { type: "checkbox", checked: chosen.has(k.id), disabled: !k.count, "data-redact-kind": k.id });
      box.addEventListener("change", () => {
        if (box.checked) chosen.add(k.id);
        else chosen.delete(k.id);
        draw();
      });
      return el("li", {}, el("label", {}, box, ` ${k.label}（${k.count} 处）`));
    }),
  );
  const save = el("button", { type: "button", className: "button", "data-ocr-save-copy": "" }, "保存打码副本");
  const said = el("p", { className: "ocr__hash", role: "status", "data-ocr-copy-said": "" });
  save.addEventListener("click", async () => {
    save.disabled = true;
    try {
      const blob = await new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
      const [copyHash, originalHash] = await Promise.all([sha256Hex(blob), sha256Hex(file)]);
      const base = (file.name || "截图").replace(/\.[^.]+$/, "");
      const name = `打码副本-${base}.png`;
      download(name, blob);
      if (storage) {
        await paste.files.add(paste.store.index.current, kind, new File([blob], name, { type: "image/png" }), undefined, { copyOf: originalHash });
        paste.onEvidence();
      }
      said.textContent = `已保存打码副本 ${name}（SHA-256 ${copyHash}）。原截图没有改动（SHA-256 ${originalHash}）。发出前请再看一遍有没有漏遮的地方。`;
      said.dataset.sha256 = copyHash;
      said.dataset.original = originalHash;
    } catch (error) {
      said.textContent = error.message || "打码副本没有保存。";
    } finally {
      save.disabled = false;
    }
  });
  draw();
  area.replaceChildren(
    el("p", {}, "选择要遮住的内容；点图片上的文字可以另外遮住或取消。原截图不会改动。"),
    kinds,
    canvas,
    el("p", { className: "paste__buttons" }, save),
    said,
  );
}
