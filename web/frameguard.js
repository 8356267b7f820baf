// fanin refuses to run inside a frame: a page that frames it could lay
// its own pictures over fanin's buttons and have a visitor click "Fetch
// them" on a link's URLs unseen (clickjacking). `fanin serve` forbids
// framing with frame-ancestors, but a static host's <meta> policy cannot,
// so the page checks for itself, before anything else runs; the wasm
// checks again and does not start (cmd/fanin/browser.go).
(function () {
  "use strict";
  var framed;
  try {
    framed = window.top !== window.self;
  } catch (e) {
    framed = true;
  }
  if (!framed) {
    return;
  }
  document.documentElement.setAttribute("data-framed", "true");
  document.addEventListener("DOMContentLoaded", function () {
    var box = document.createElement("main");
    box.id = "framed";
    box.setAttribute("role", "alert");
    var p = document.createElement("p");
    p.textContent = "fanin does not run inside a frame. Open it in a tab of its own: ";
    var a = document.createElement("a");
    a.href = location.href;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    a.textContent = location.origin + location.pathname;
    p.appendChild(a);
    box.appendChild(p);
    document.body.replaceChildren(box);
  });
})();
