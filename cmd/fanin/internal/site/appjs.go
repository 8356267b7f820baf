package site

import (
	"fmt"
	"html"
	"regexp"
)

// go-app's app.js registers the service worker first thing, and hands
// WebAssembly a Response it rebuilds in JavaScript to count the download's
// progress. On a first visit the worker's install then downloads and
// stores every file again — the 12 MB wasm too — while the page compiles
// and starts its own copy, on the same few cores. The site patches both
// (the rest of app.js is go-app's): the wasm is compiled from the fetch's
// own response (the one the page's preload link began with the HTML), its
// progress counted on a clone only when it really downloads (no service
// worker answers yet), and the worker registered once the page has
// started.

// jsPatch is one replacement in a script go-app v10 writes: its app.js,
// or its service worker's template (worker.go).
type jsPatch struct {
	find    *regexp.Regexp
	replace string
}

var appJSPatches = []jsPatch{
	{regexp.MustCompile(`(?m)^goappInitServiceWorker\(\);\n`), "faninAfterStart(goappInitServiceWorker);\n"},
	{regexp.MustCompile(`const wasm = await instantiateStreaming\(\s*fetchWithProgress\(("[^"]*"), showProgress\),\s*go\.importObject\s*\);`),
		`const wasm = await faninInstantiate($1, showProgress, go.importObject);`},
	{regexp.MustCompile(`go\.run\(wasm\.instance\);\n(\s*)loader\.remove\(\);`), "go.run(wasm.instance);\n${1}loader.remove();\n${1}faninStarted();"},
	// A failed load, and a browser the wasm is not loaded for, start too.
	{regexp.MustCompile(`console\.error\("loading wasm failed: ", err\);`), "console.error(\"loading wasm failed: \", err);\n    faninStarted();"},
	{regexp.MustCompile(`if \(!goappCanLoadWebAssembly\(\)\) \{\n(\s*)loader\.remove\(\);`), "if (!goappCanLoadWebAssembly()) {\n${1}loader.remove();\n${1}faninStarted();"},
}

// appJSFanin is appended to app.js: the functions the patches call.
const appJSFanin = `
// -----------------------------------------------------------------------------
// fanin (cmd/fanin/internal/site/appjs.go)
// -----------------------------------------------------------------------------
async function faninInstantiate(url, progress, importObject) {
  if (!WebAssembly.compileStreaming) {
    const res = await fetchWithProgress(url, progress);
    return await WebAssembly.instantiate(await res.arrayBuffer(), importObject);
  }
  const response = fetch(url);
  // Under the service worker the wasm comes from its cache in a moment, and
  // counting 12 MB in JavaScript would cost more than the bar is worth.
  const counted = !(navigator.serviceWorker && navigator.serviceWorker.controller);
  const module = WebAssembly.compileStreaming(counted ? response.then((r) => r.clone()) : response);
  if (counted) {
    faninCountProgress(response, progress);
  }
  const compiled = await module;
  const instance = await WebAssembly.instantiate(compiled, importObject);
  return { module: compiled, instance };
}

async function faninCountProgress(responsePromise, progress) {
  try {
    const response = await responsePromise;
    let total = parseInt(goappWasmContentLength, 10);
    if (!(total > 0)) {
      total = parseInt(response.headers.get("Content-Length"), 10);
    }
    const reader = response.body.getReader();
    let loaded = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        break;
      }
      loaded += value.byteLength;
      if (total > 0) {
        progress(Math.min(100, Math.round((loaded * 100) / total)));
      }
    }
  } catch (err) {
    // The compile reads the same bytes and reports the failure.
  }
}

function faninStartPromise() {
  if (!window.faninStart) {
    let resolve;
    window.faninStart = new Promise((r) => { resolve = r; });
    window.faninStart.resolve = resolve;
  }
  return window.faninStart;
}

function faninStarted() {
  faninStartPromise().resolve();
}

function faninAfterStart(f) {
  faninStartPromise().then(() => {
    if (window.requestIdleCallback) {
      requestIdleCallback(() => f(), { timeout: 2000 });
    } else {
      setTimeout(f, 0);
    }
  });
}
`

// patchAppJS returns go-app's app.js with fanin's patches, or an error when
// this go-app's app.js differs from the one they were written for.
func patchAppJS(js []byte) ([]byte, error) {
	js, err := patchJS("app.js", "appjs.go", js, appJSPatches)
	if err != nil {
		return nil, err
	}
	return append(js, appJSFanin...), nil
}

// patchJS applies patches to go-app's script what, each where it matches
// exactly once; a script they do not fit is an error (a go-app upgrade:
// see the file where).
func patchJS(what, where string, js []byte, patches []jsPatch) ([]byte, error) {
	for _, p := range patches {
		if n := len(p.find.FindAllIndex(js, -1)); n != 1 {
			return nil, fmt.Errorf("go-app's %s: %d places match %q, want 1 (a go-app upgrade? see cmd/fanin/internal/site/%s)", what, n, p.find, where)
		}
		js = p.find.ReplaceAll(js, []byte(p.replace))
	}
	return js, nil
}

// wasmPreload is the <link> that starts the wasm's download with the HTML.
// as="fetch" with crossorigin (anonymous: same-origin credentials) is
// exactly the request app.js's fetch(url) makes, so the browser hands it
// that download instead of making a second one.
func wasmPreload(href string) string {
	return `<link rel="preload" href="` + html.EscapeString(href) + `" as="fetch" crossorigin="anonymous">`
}
