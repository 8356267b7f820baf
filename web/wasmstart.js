// fanin starts its wasm as early as the page can: this script runs while
// the HTML is parsed (a plain <script> at the end of the head, right after
// the <link rel="preload"> that began app.wasm's download with the HTML;
// the preload scanner fetched this script then too), asks for app.wasm —
// the browser answers from that one download — and compiles it as the
// bytes stream in. go-app's app.js, patched by the site
// (cmd/fanin/internal/site/appjs.go), takes the compiled module from here
// once it runs after the parse, instantiates it and, on a first visit,
// shows the download's progress from the same response.
//
// compileStreaming on the fetch's own Response (not a copy made in
// JavaScript) lets the browser keep the compiled code with the cached wasm,
// so a returning visitor's load skips most of the compile.
//
// A static file because the page's Content-Security-Policy allows no inline
// script; it sits next to app.wasm under /web/VERSION/.
"use strict";
(() => {
  if (!window.WebAssembly || !WebAssembly.compileStreaming) {
    return; // app.js compiles the old way
  }
  // As go-app's app.js decides whether to load the wasm at all.
  if (/bot|googlebot|crawler|spider|robot|crawling/i.test(navigator.userAgent) ||
      new URLSearchParams(location.search).get("wasm") === "false") {
    return;
  }
  let framed;
  try {
    framed = window.top !== window.self;
  } catch (e) {
    framed = true;
  }
  if (framed || !document.currentScript) {
    return; // web/frameguard.js shows the refusal; nothing starts
  }
  const url = new URL("app.wasm", document.currentScript.src).href;
  const response = fetch(url);
  // A first visit downloads the wasm: app.js shows its progress, counted on
  // the response while the compile reads a clone. Under the service worker
  // it comes from the worker's cache in a moment, and counting 12 MB in
  // JavaScript would cost the page more than the bar is worth.
  const counted = !(navigator.serviceWorker && navigator.serviceWorker.controller);
  const module = WebAssembly.compileStreaming(counted ? response.then((r) => r.clone()) : response);
  module.catch(() => {}); // app.js reports a failure, once
  response.catch(() => {});
  window.faninWasm = { url, response: counted ? response : null, module };
})();
