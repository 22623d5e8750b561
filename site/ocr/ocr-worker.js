// Module worker: reads the text of a screenshot on the device with PaddleOCR PP-OCRv4 (Chinese
// detection + recognition, ONNX) on onnxruntime-web's wasm build. Nothing leaves the device:
// the runtime and models come from this folder (dist/ocr/<hash>/), the image from the page.
//
// page → worker  {id, load: true}                       fetch and start the models
//                {id, image: Blob}                      recognise one screenshot
// worker → page  {event: "progress", stage: "download", loaded, total}   (models' bytes, decoded)
//                {event: "progress", stage: "start"}    (models in; the runtime starts)
//                {event: "progress", stage: "recognise"}
//                {id, ok: true, result: {text, lines[], boxes[], width, height, ms}}
//                {id, ok: false, error: "…"}
// timing: {fetch_ms, start_ms (first use in this worker), detect_ms, recognise_ms}.
// boxes[i] = {text, x, y, w, h, score} in the image's own pixels; lines[j] = box indexes of one
// row, left to right; text = the rows top to bottom, boxes of a row joined by two spaces.
import * as ort from "./ort.wasm.min.mjs";

const here = new URL("./", import.meta.url).href;
const FILES = {
  wasm: "ort-wasm-simd-threaded.wasm",
  det: "ch_PP-OCRv4_det_infer.onnx",
  rec: "ch_PP-OCRv4_rec_infer.onnx",
  keys: "ppocr_keys_v1.txt",
};

// Detection sees the screenshot scaled so that its longer side is at most this many pixels
// (multiples of 32, as the network downsamples 32×); a 1080×2340 screenshot becomes 448×960.
const DET_LIMIT = 960;
const DET_THRESH = 0.3; // DB: pixel probability that counts as text
const BOX_THRESH = 0.5; // DB: mean probability a box needs to be kept
const UNCLIP = 1.6; // DB: how far a shrunk text kernel is grown back
const REC_HEIGHT = 48;
const REC_MIN_WIDTH = 64;

let models = null;

// The service worker keeps what it serves from this folder, but a page it did not control yet
// (the first visit, before its install finished) sends this worker's requests past it. So the
// worker keeps the models itself, in the same cache under the same keys as sw.js.
const CACHE = "wq-ocr";

async function kept(url) {
  const cache = self.caches ? await caches.open(CACHE) : null;
  const hit = cache && (await cache.match(url));
  if (hit) return hit;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  if (cache) await cache.put(url, response.clone());
  return response;
}

async function fetchAll(sizes) {
  const total = [FILES.det, FILES.rec, FILES.keys].reduce((n, f) => n + (sizes[f] || 0), 0);
  let loaded = 0;
  const progress = () => self.postMessage({ event: "progress", stage: loaded < total ? "download" : "start", loaded, total });
  const read = async (name) => {
    const response = await kept(here + name);
    const reader = response.body.getReader();
    const parts = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      loaded += value.byteLength;
      progress();
    }
    return new Blob(parts).arrayBuffer();
  };
  const [det, rec, keys] = await Promise.all([read(FILES.det), read(FILES.rec), read(FILES.keys)]);
  return { det, rec, keys: new TextDecoder().decode(keys) };
}

const timing = {};

// One load per worker, however many requests arrive while it runs (a warm-up, then the image).
let loading = null;
function load(sizes) {
  loading ||= start(sizes).catch((error) => {
    loading = null;
    throw error;
  });
  return loading;
}

async function start(sizes) {
  let t = performance.now();
  const files = await fetchAll(sizes);
  timing.fetch_ms = Math.round(performance.now() - t);
  t = performance.now();
  // The runtime compiles its wasm while streaming it from this folder: after the first time,
  // Chromium reuses the compiled code it cached with the response.
  ort.env.wasm.wasmPaths = here;
  ort.env.wasm.numThreads = 1; // threads need cross-origin isolation, which the site does not ask for
  ort.env.wasm.proxy = false;
  ort.env.logLevel = "error";
  const options = { executionProviders: ["wasm"], graphOptimizationLevel: "all" };
  const det = await ort.InferenceSession.create(new Uint8Array(files.det), options);
  const rec = await ort.InferenceSession.create(new Uint8Array(files.rec), options);
  timing.start_ms = Math.round(performance.now() - t);
  // The recogniser's classes: 0 is CTC's blank, then the character list, then a space.
  const chars = ["", ...files.keys.replace(/\r/g, "").split("\n").filter((c, i, all) => c !== "" || i < all.length - 1), " "];
  models = { det, rec, chars };
  return models;
}

// ------------------------------------------------------------------ image → pixels

async function pixelsOf(blob) {
  const bitmap = await createImageBitmap(blob);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  return { canvas, width: canvas.width, height: canvas.height };
}

function scaled(source, sx, sy, sw, sh, dw, dh) {
  const canvas = new OffscreenCanvas(dw, dh);
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  ctx.imageSmoothingQuality = "high";
  ctx.drawImage(source, sx, sy, sw, sh, 0, 0, dw, dh);
  return ctx.getImageData(0, 0, dw, dh).data;
}

// PaddleOCR's models were trained on OpenCV's BGR channel order.
function tensorOf(rgba, width, height, mean, std, padWidth = width) {
  const plane = height * padWidth;
  const data = new Float32Array(3 * plane);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const o = y * padWidth + x;
      data[o] = (rgba[i + 2] / 255 - mean[0]) / std[0];
      data[plane + o] = (rgba[i + 1] / 255 - mean[1]) / std[1];
      data[2 * plane + o] = (rgba[i] / 255 - mean[2]) / std[2];
    }
  }
  return new ort.Tensor("float32", data, [1, 3, height, padWidth]);
}

// ------------------------------------------------------------------ detection (DB)

async function detect(image) {
  const ratio = Math.min(1, DET_LIMIT / Math.max(image.width, image.height));
  const dw = Math.max(32, Math.round((image.width * ratio) / 32) * 32);
  const dh = Math.max(32, Math.round((image.height * ratio) / 32) * 32);
  const rgba = scaled(image.canvas, 0, 0, image.width, image.height, dw, dh);
  const input = tensorOf(rgba, dw, dh, [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]);
  const output = await models.det.run({ [models.det.inputNames[0]]: input });
  const prob = output[models.det.outputNames[0]].data;
  return boxesFrom(prob, dw, dh, image.width / dw, image.height / dh, image);
}

// Connected regions of the thresholded probability map, each grown back by DB's unclip offset
// and scaled to the image. Screenshots are upright, so an axis-aligned box is the region.
function boxesFrom(prob, w, h, sx, sy, image) {
  const label = new Int32Array(w * h);
  const stack = new Int32Array(w * h);
  const boxes = [];
  let next = 0;
  for (let start = 0; start < w * h; start++) {
    if (label[start] || prob[start] < DET_THRESH) continue;
    next += 1;
    let top = 0;
    stack[top++] = start;
    label[start] = next;
    let minX = w, minY = h, maxX = 0, maxY = 0, sum = 0, count = 0;
    while (top) {
      const p = stack[--top];
      const x = p % w;
      const y = (p - x) / w;
      sum += prob[p];
      count += 1;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      const around = [x > 0 ? p - 1 : -1, x < w - 1 ? p + 1 : -1, y > 0 ? p - w : -1, y < h - 1 ? p + w : -1];
      for (const q of around) {
        if (q >= 0 && !label[q] && prob[q] >= DET_THRESH) {
          label[q] = next;
          stack[top++] = q;
        }
      }
    }
    const bw = maxX - minX + 1;
    const bh = maxY - minY + 1;
    if (Math.min(bw, bh) < 3 || sum / count < BOX_THRESH) continue;
    const grow = (bw * bh * UNCLIP) / (2 * (bw + bh));
    const x0 = Math.max(0, (minX - grow) * sx);
    const y0 = Math.max(0, (minY - grow) * sy);
    const x1 = Math.min(image.width, (maxX + 1 + grow) * sx);
    const y1 = Math.min(image.height, (maxY + 1 + grow) * sy);
    boxes.push({ x: Math.round(x0), y: Math.round(y0), w: Math.round(x1 - x0), h: Math.round(y1 - y0), score: sum / count });
  }
  return boxes;
}

// ------------------------------------------------------------------ recognition (CTC)

async function recognise(image, box) {
  const width = Math.max(REC_MIN_WIDTH, Math.ceil((REC_HEIGHT * box.w) / box.h));
  const padWidth = Math.ceil(width / 8) * 8;
  const rgba = scaled(image.canvas, box.x, box.y, box.w, box.h, width, REC_HEIGHT);
  const input = tensorOf(rgba, width, REC_HEIGHT, [0.5, 0.5, 0.5], [0.5, 0.5, 0.5], padWidth);
  const output = await models.rec.run({ [models.rec.inputNames[0]]: input });
  const result = output[models.rec.outputNames[0]];
  const [, steps, classes] = result.dims;
  const probs = result.data;
  let text = "";
  let last = 0;
  let sum = 0;
  let kept = 0;
  for (let t = 0; t < steps; t++) {
    let best = 0;
    let bestP = -1;
    const row = t * classes;
    for (let c = 0; c < classes; c++) {
      if (probs[row + c] > bestP) {
        bestP = probs[row + c];
        best = c;
      }
    }
    if (best !== 0 && best !== last) {
      text += models.chars[best] ?? "";
      sum += bestP;
      kept += 1;
    }
    last = best;
  }
  return { text: text.trim(), score: kept ? sum / kept : 0 };
}

// ------------------------------------------------------------------ reading order

// Rows top to bottom: a box belongs to the row whose vertical middle band it overlaps; within a
// row, left to right (a label column, then its value column).
function rows(boxes) {
  const order = boxes.map((b, i) => i).sort((a, b) => boxes[a].y + boxes[a].h / 2 - (boxes[b].y + boxes[b].h / 2));
  const out = [];
  for (const i of order) {
    const b = boxes[i];
    const mid = b.y + b.h / 2;
    const row = out.find((r) => mid > r.top && mid < r.bottom);
    if (row) {
      row.items.push(i);
      row.top = Math.min(row.top, b.y + b.h * 0.25);
      row.bottom = Math.max(row.bottom, b.y + b.h * 0.75);
    } else {
      out.push({ top: b.y + b.h * 0.25, bottom: b.y + b.h * 0.75, items: [i] });
    }
  }
  out.sort((a, b) => a.top - b.top);
  return out.map((r) => r.items.sort((a, b) => boxes[a].x - boxes[b].x));
}

async function read(blob) {
  const started = performance.now();
  const image = await pixelsOf(blob);
  self.postMessage({ event: "progress", stage: "recognise" });
  let t = performance.now();
  const found = await detect(image);
  timing.detect_ms = Math.round(performance.now() - t);
  t = performance.now();
  const boxes = [];
  for (const box of found) {
    const { text, score } = await recognise(image, box);
    if (text) boxes.push({ ...box, text, score: Math.min(box.score, score) });
  }
  timing.recognise_ms = Math.round(performance.now() - t);
  const lines = rows(boxes);
  const text = lines.map((line) => line.map((i) => boxes[i].text).join("  ")).join("\n");
  const ms = Math.round(performance.now() - started);
  return { text, lines, boxes, width: image.width, height: image.height, ms, timing: { ...timing } };
}

self.addEventListener("message", async (event) => {
  const { id, image, sizes } = event.data;
  try {
    await load(sizes || {});
    const result = image ? await read(image) : { loaded: true };
    self.postMessage({ id, ok: true, result });
  } catch (error) {
    self.postMessage({ id, ok: false, error: String(error && error.message ? error.message : error) });
  }
});
