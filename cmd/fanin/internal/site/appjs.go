package site

import (
	"fmt"
	"html"
	"regexp"
)

// go-app's app.js fetches app.wasm only once it runs, after the whole page
// is parsed, and hands WebAssembly a Response it rebuilds in JavaScript to
// count progress: one with no URL, whose compiled code the browser cannot
// cache. The site patches that one call (the rest of app.js is go-app's):
// the page takes the module that web/wasmstart.js began compiling while the
// HTML was parsed, from the download the preload link began with the HTML,
// and counts progress on that same response.

// appJSInstantiate is go-app v10's call that fetches and compiles the wasm.
var appJSInstantiate = regexp.MustCompile(`const wasm = await instantiateStreaming\(\s*fetchWithProgress\(("[^"]*"), showProgress\),\s*go\.importObject\s*\);`)

// appJSEarly replaces it: the early module when web/wasmstart.js made one
// for this URL, else the same compile started here; go-app's own
// fetchWithProgress only where the browser has no compileStreaming.
const appJSEarly = `
// -----------------------------------------------------------------------------
// fanin: the wasm compiled as it downloads (cmd/fanin/internal/site/appjs.go)
// -----------------------------------------------------------------------------
async function faninInstantiate(url, progress, importObject) {
  if (!WebAssembly.compileStreaming) {
    const res = await fetchWithProgress(url, progress);
    return await WebAssembly.instantiate(await res.arrayBuffer(), importObject);
  }
  let early = window.faninWasm;
  if (!early || early.url !== new URL(url, document.baseURI).href) {
    const response = fetch(url);
    early = { response, module: WebAssembly.compileStreaming(response.then((r) => r.clone())) };
  }
  if (early.response) {
    faninCountProgress(early.response, progress);
  }
  const module = await early.module;
  const instance = await WebAssembly.instantiate(module, importObject);
  return { module, instance };
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
    progress(100);
  } catch (err) {
    // The compile reads the same bytes and reports the failure.
  }
}
`

// patchAppJS returns go-app's app.js with the early compile in place of
// its own fetch, or an error when this go-app's app.js differs from the one
// the patch was written for.
func patchAppJS(js []byte) ([]byte, error) {
	if n := len(appJSInstantiate.FindAllIndex(js, -1)); n != 1 {
		return nil, fmt.Errorf("go-app's app.js: %d calls to patch, want 1 (a go-app upgrade? see cmd/fanin/internal/site/appjs.go)", n)
	}
	out := appJSInstantiate.ReplaceAll(js, []byte(`const wasm = await faninInstantiate($1, showProgress, go.importObject);`))
	return append(out, appJSEarly...), nil
}

// wasmPreload is the <link> that starts the wasm's download with the HTML.
// as="fetch" with crossorigin (anonymous: same-origin credentials) is
// exactly the request fetch(url) makes, so the browser hands that download
// to web/wasmstart.js's fetch instead of making a second one.
func wasmPreload(href string) string {
	return `<link rel="preload" href="` + html.EscapeString(href) + `" as="fetch" crossorigin="anonymous">`
}
