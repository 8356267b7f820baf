// jqworker.js runs fanin's jq filters and next-page expressions off the
// page's thread (see app/jqwork): it starts jq.wasm (cmd/fanin/jqworker),
// whose main hands faninReady its message handler. Messages that arrive
// before Go is ready wait in a queue.
"use strict";
const params = new URL(self.location.href).searchParams;
importScripts(params.get("exec"));
const queue = [];
self.onmessage = (e) => queue.push(e.data);
self.faninReady = (handle) => {
  self.onmessage = (e) => handle(e.data);
  for (const m of queue.splice(0)) handle(m);
};
const go = new Go();
WebAssembly.instantiateStreaming(fetch(params.get("wasm")), go.importObject)
  .then((r) => go.run(r.instance))
  .catch((err) => self.postMessage({ op: "failed", err: String(err) }));
