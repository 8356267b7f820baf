package site

import (
	"regexp"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// goappFetch is go-app's service worker fetch handler: every request the
// page makes, to any origin, goes through the worker, which looks it up in
// Cache Storage and then fetches it itself.
const goappFetch = `self.addEventListener("fetch", (event) => {
  event.respondWith(fetchWithCache(event.request));
});`

// faninFetch answers only the page's own requests (the page, its scripts,
// the wasm) from the worker's cache, keeping the jq worker's wasm there on
// its first use. A run's requests to other origins are
// not the worker's business: a static route sends them straight to the
// network, so the worker is not even woken (Chromium 123 and later), and
// where the browser has no such routes the handler leaves them to the
// browser. Through go-app's handler each of a run's requests took a trip
// to the worker's thread, a cache lookup and a second fetch: on 1,000 URLs
// the page's fetch() calls cost 0.39 ms each, the plain-JS page's 0.15 ms
// (bench -profile).
const faninFetch = `self.addEventListener("install", (event) => {
  if (!event.addRoutes || typeof URLPattern !== "function") return;
  const own = new URLPattern({protocol: self.location.protocol.slice(0, -1), hostname: self.location.hostname, port: self.location.port});
  event.addRoutes([
    {condition: {urlPattern: own}, source: "fetch-event"},
    {condition: {urlPattern: new URLPattern({})}, source: "network"},
  ]).catch((error) => console.error("the worker's routes were refused:", error));
});

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== self.location.origin) return; // the network's, not the cache's
  event.respondWith(keptOnFirstUse.test(url.pathname) ? fetchAndKeep(event.request) : fetchWithCache(event.request));
});

// The jq worker's wasm is not precached, so that a first visit that never
// filters does not download it; the first time the jq worker asks for it,
// a copy goes into this version's cache, so that later starts read it
// decoded from there, as the page's own wasm is read.
const keptOnFirstUse = /\/jq\.wasm$/;

async function fetchAndKeep(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    const copy = response.clone();
    caches.open(cacheName)
      .then((cache) => cache.put(request, copy))
      .catch((error) => console.error("keeping", request.url, "failed:", error));
  }
  return response;
}`

// workerPatches put faninFetch in place of goappFetch.
var workerPatches = []jsPatch{{regexp.MustCompile(regexp.QuoteMeta(goappFetch)), strings.ReplaceAll(faninFetch, "$", "$$")}}

// serviceWorker is go-app's worker template with faninFetch for its fetch
// handler, or an error when go-app's template no longer holds goappFetch:
// the site then fails at start, as it does for app.js, rather than send
// every request of a run through the worker again.
func serviceWorker() (string, error) {
	js, err := patchJS("app-worker.js template", "worker.go", []byte(app.DefaultAppWorkerJS), workerPatches)
	return string(js), err
}
