// Kasir head office: the one script of the web app, served by the binary itself.
// It only makes pages live; every page works without it.
(function () {
  "use strict";
  function refresh(panel) {
    fetch(panel.dataset.live, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (r) {
        // The session ended (the panel was answered by the login page): show the login.
        if (r.redirected) { window.location.reload(); throw new Error("signed out"); }
        if (r.ok) { return r.text(); }
        throw new Error(String(r.status));
      })
      .then(function (html) { panel.innerHTML = html; })
      .catch(function () { /* the next event tries again */ });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var panel = document.querySelector("[data-live]");
    if (panel && window.EventSource) {
      var pending = null;
      var source = new EventSource("/events");
      source.addEventListener("sales", function () {
        // Several terminals syncing at once cost one refresh.
        if (pending) { return; }
        pending = setTimeout(function () { pending = null; refresh(panel); }, 200);
      });
    }
    // A form that changes something hard to undo asks first.
    document.querySelectorAll("form[data-confirm]").forEach(function (f) {
      f.addEventListener("submit", function (e) {
        if (!window.confirm(f.dataset.confirm)) { e.preventDefault(); }
      });
    });
    document.querySelectorAll("[data-print]").forEach(function (b) {
      b.addEventListener("click", function () { window.print(); });
    });
  });
})();
