// Service worker: precaches one build of dist/ and serves it cache-first, so the app works
// offline after one visit. build.py fills in the build's version and file list.
// A new build installs beside the old one and waits; the page offers a reload. Each version
// answers only from its own cache, so files of two builds are never mixed.
const VERSION = "%%VERSION%%";
const FILES = "%%FILES%%";
const CACHE = `weiquan-${VERSION}`;
const scope = new URL(self.registration.scope);

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(FILES.map((f) => new Request(f, { cache: "no-cache" })))),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("weiquan-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== scope.origin) return;
  const key = request.mode === "navigate" ? new URL("./", scope).href : url.origin + url.pathname;
  event.respondWith(
    caches.open(CACHE).then((cache) => cache.match(key).then((hit) => hit || fetch(request))),
  );
});
