// fanin's fetch helper (app/webfetch drives it): it runs one request to
// completion in JavaScript — fetch, status, Retry-After, the body read with
// the byte cap checked as it streams, the CORS-or-network question — and
// hands the page's Go one finished result, in batches, through one callback
// that Go registers once. Requests come from Go in batches too (one JSON
// string a batch); each is one slot in a batch back; Go copies each body
// once.
//
// A static file because the page's Content-Security-Policy allows no eval.
// The page loads it with a deferred <script> before its wasm starts.
"use strict";
(() => {
  // Kinds of result, as app/webfetch reads them.
  const OK = 0;           // status, retryAfter, bytes
  const DECLARED = 1;     // too large by Content-Length (detail: the length)
  const TOO_LARGE = 2;    // too large while streaming
  const CORS = 3;         // the server answered, but not to this page
  const NETWORK = 4;      // message: the error's name and message
  const BODY = 5;         // the body failed after detail bytes; message
  const ABORTED = 6;      // Go aborted it (its context ended)
  const MIXED = 7;        // an http URL from an https page
  const OTHER = 8;        // fetch failed with something other than a TypeError

  // One entry a result, STRIDE slots each:
  // id, kind, status, detail, retryAfter, message, bytes, finalURL, link
  // (finalURL: where a redirected response came from; link: the Link
  // header, when the server exposes it). Absent strings are
  // null, not "": a number or null crosses into Go without a reference to
  // keep and finalize, a string does not.
  const STRIDE = 9;
  const empty = new Uint8Array(0);
  const controllers = new Map(); // request id → AbortController
  let deliver = null;
  let batches = 0; // startAll calls so far
  let queue = [];
  let scheduled = false;

  // Results go to Go in a task of their own, so the ones that finish
  // together cross into Go together.
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    scheduled = false;
    const batch = queue;
    queue = [];
    if (deliver !== null && batch.length > 0) deliver(batch);
  };

  function settle(id, kind, status, detail, retryAfter, message, bytes, finalURL = null, link = null) {
    if (!controllers.delete(id)) return; // aborted and already answered
    queue.push(id, kind, status, detail, retryAfter, message, bytes, finalURL, link);
    if (!scheduled) {
      scheduled = true;
      channel.port2.postMessage(0);
    }
  }

  function init(mode, signal, headers) {
    const o = {
      method: "GET", mode, credentials: "omit", referrerPolicy: "no-referrer",
      cache: "no-store", redirect: "follow", signal,
    };
    if (headers) o.headers = headers;
    return o;
  }

  // readBody reads a body whole, failing past max bytes as soon as a chunk
  // crosses it; one chunk is kept as it is, more are joined once.
  async function readBody(body, max, cancelled) {
    if (body === null) return empty;
    const reader = body.getReader();
    const chunks = [];
    let n = 0;
    for (;;) {
      let step;
      try {
        step = await reader.read();
      } catch (e) {
        throw {kind: cancelled() ? ABORTED : BODY, detail: n, message: describe(e)};
      }
      if (step.done) break;
      const c = step.value;
      if (max > 0 && n + c.length > max) {
        reader.cancel().catch(() => {});
        throw {kind: TOO_LARGE, detail: max, message: null};
      }
      chunks.push(c);
      n += c.length;
    }
    if (chunks.length === 0) return empty;
    if (chunks.length === 1) return chunks[0];
    const out = new Uint8Array(n);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }

  function describe(e) {
    if (e !== null && typeof e === "object") {
      return (e.name || "Error") + ": " + (e.message || "unknown JavaScript error");
    }
    return "Error: " + String(e);
  }

  function declaredLength(res) {
    const v = res.headers.get("content-length");
    if (v === null) return -1;
    const t = v.trim();
    if (!/^[0-9]+$/.test(t)) return -1;
    return Number(t);
  }

  function mixedContent(url) {
    return location.protocol === "https:" && url.slice(0, 5).toLowerCase() === "http:";
  }

  async function run(id, url, max, headers, ctl) {
    const signal = ctl.signal;
    const cancelled = () => signal.aborted;
    let res;
    try {
      res = await fetch(url, init("cors", signal, headers));
    } catch (e) {
      if (cancelled()) return settle(id, ABORTED, 0, 0, null, null, empty);
      if (!(e instanceof TypeError)) return settle(id, OTHER, 0, 0, null, describe(e), empty);
      if (mixedContent(url)) return settle(id, MIXED, 0, 0, null, null, empty);
      // fetch rejects a CORS refusal and a network failure with the same
      // TypeError: an opaque answer in no-cors mode means the server is
      // there and only its CORS headers are missing.
      try {
        await fetch(url, init("no-cors", signal, null));
        return settle(id, CORS, 0, 0, null, null, empty);
      } catch {
        if (cancelled()) return settle(id, ABORTED, 0, 0, null, null, empty);
        return settle(id, NETWORK, 0, 0, null, describe(e), empty);
      }
    }
    const status = res.status;
    const retryAfter = res.headers.get("retry-after");
    const finalURL = res.redirected ? res.url : null;
    const link = res.headers.get("link");
    const length = declaredLength(res);
    if (max > 0 && length > max) {
      ctl.abort();
      return settle(id, DECLARED, status, length, retryAfter, null, empty, finalURL, link);
    }
    let bytes;
    try {
      bytes = await readBody(res.body, max, cancelled);
    } catch (e) {
      if (e === null || typeof e !== "object" || typeof e.kind !== "number") {
        return settle(id, OTHER, status, 0, retryAfter, describe(e), empty, finalURL, link);
      }
      if (e.kind === TOO_LARGE) ctl.abort();
      return settle(id, e.kind, status, e.detail, retryAfter, e.message, empty, finalURL, link);
    }
    settle(id, OK, status, bytes.length, retryAfter, null, bytes, finalURL, link);
  }

  function start(id, url, max, headers) {
    const ctl = new AbortController();
    controllers.set(id, ctl);
    run(id, url, max, headers, ctl).catch(e => settle(id, OTHER, 0, 0, null, describe(e), empty));
  }

  globalThis.faninFetch = Object.freeze({
    STRIDE,
    // connect registers Go's one callback, which takes a batch of results.
    connect(fn) { deliver = fn; },
    // startAll begins a batch of requests, a JSON array of {i: id, u: url,
    // m: byte cap (0: none), h: headers (an object of name → value; absent:
    // none)}. Each one's result comes in a batch, once.
    startAll(text) {
      batches++;
      for (const r of JSON.parse(text)) start(r.i, r.u, r.m, r.h ?? null);
    },
    // abort ends request id; it is answered at once as aborted.
    abort(id) {
      const ctl = controllers.get(id);
      if (ctl === undefined) return;
      ctl.abort();
      settle(id, ABORTED, 0, 0, null, null, empty);
    },
    // pending is how many requests have not been answered yet (for tests).
    pending() { return controllers.size; },
    // batches is how many times startAll was called (for tests).
    batches() { return batches; },
  });
})();
