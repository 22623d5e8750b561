// Service worker: precaches one build of dist/ and serves it cache-first, so the app works
// offline after one visit. build.py fills in the build's version and file list.
// A new build installs beside the old one and waits; the page offers a reload. Each version
// answers only from its own cache, so files of two builds are never mixed.
/** @type {ServiceWorkerGlobalScope} */
const sw = /** @type {any} */ (self);
const VERSION = "%%VERSION%%";
const FILES = "%%FILES%%"; // build.py writes the list over the string (tests read it back)
/** @type {string[]} */
const precached = /** @type {any} */ (FILES);
const CACHE = `weiquan-${VERSION}`;
// The on-device recogniser (ocr/<hash>/, ~17 MB) is not precached: it is kept here once a
// person has used it, so it works offline from then on. Only this build's folder is kept.
const OCR_CACHE = "wq-ocr";
const OCR_DIR = new URL("%%OCR_DIR%%/", sw.registration.scope).pathname;
const scope = new URL(sw.registration.scope);

sw.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(precached.map((f) => new Request(f, { cache: "no-cache" })))),
  );
});

sw.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("weiquan-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => dropOldRecognisers())
      .then(() => sw.clients.claim()),
  );
});

async function dropOldRecognisers() {
  if (!(await caches.has(OCR_CACHE))) return;
  const cache = await caches.open(OCR_CACHE);
  const old = (await cache.keys()).filter((r) => !new URL(r.url).pathname.startsWith(OCR_DIR));
  await Promise.all(old.map((r) => cache.delete(r)));
}

// Answered while it streams (the page counts the download); stored when it has all arrived.
async function recogniserFile(event, key) {
  const cache = await caches.open(OCR_CACHE);
  const hit = await cache.match(key);
  if (hit) return hit;
  const response = await fetch(event.request);
  if (response.ok) event.waitUntil(cache.put(key, response.clone()));
  return response;
}

sw.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") sw.skipWaiting();
});

sw.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== scope.origin) return;
  const key = request.mode === "navigate" ? new URL("./", scope).href : url.origin + url.pathname;
  if (url.pathname.startsWith(OCR_DIR)) {
    event.respondWith(recogniserFile(event, key));
    return;
  }
  event.respondWith(
    caches.open(CACHE).then((cache) => cache.match(key).then((hit) => hit || fetch(request))),
  );
});
