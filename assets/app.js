// Whiskerworks: small progressive enhancements. Everything works without this file.
(function () {
  "use strict";
  // Ask before submitting forms marked data-confirm (money, roles, deactivation).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);
  // A report sent within minutes of starting the job asks whether the job is really done.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var until = form.getAttribute && form.getAttribute("data-quick-until");
    if (until && Date.now() < Date.parse(until) &&
        !window.confirm(form.getAttribute("data-quick-confirm"))) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);
  // Submitting a test says how many questions have no answer yet (the page gives the
  // sentence for each count, in its language).
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-unanswered-confirms]");
    if (!button) { return; }
    var form = button.form;
    var open = 0;
    form.querySelectorAll("fieldset.question").forEach(function (set) {
      var answered = Array.prototype.some.call(set.querySelectorAll("input, textarea"), function (el) {
        return (el.type === "radio" || el.type === "checkbox") ? el.checked : el.value.trim() !== "";
      });
      if (!answered) { open += 1; }
    });
    var sentences = JSON.parse(button.getAttribute("data-unanswered-confirms"));
    if (!window.confirm(sentences[Math.min(open, sentences.length - 1)])) { event.preventDefault(); }
  }, true);
  // A test's countdown to the server's deadline.
  document.addEventListener("DOMContentLoaded", function () {
    var clock = document.querySelector(".countdown[data-deadline]");
    if (!clock) { return; }
    var deadline = Date.parse(clock.getAttribute("data-deadline"));
    function tick() {
      var left = Math.floor((deadline - Date.now()) / 1000);
      if (left <= 0) { clock.textContent = clock.getAttribute("data-over"); return; }
      var minutes = Math.floor(left / 60), seconds = left % 60;
      clock.textContent = "(" + minutes + ":" + (seconds < 10 ? "0" : "") + seconds + ")";
      setTimeout(tick, 1000);
    }
    tick();
  });
  // Adding a card from the order form comes back to the form as typed: the card form's
  // `back` carries the order form's current fields.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var source = form.getAttribute && form.getAttribute("data-carry-order");
    var order = source && document.querySelector(source);
    if (!order) { return; }
    var fields = new URLSearchParams(new FormData(order));
    fields.delete("csrf_token");
    var url = new URL(form.action, window.location.href);
    url.searchParams.set("back", "/client/orders/new?" + fields.toString());
    form.action = url.pathname + url.search;
  }, true);
  // Toasts fade out after a while.
  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target && event.detail.target.id === "toasts") {
      var toast = event.detail.target.lastElementChild;
      if (toast) { setTimeout(function () { toast.remove(); }, 6000); }
    }
  });
  // After an in-page change (an htmx post), the bell asks for its count again.
  document.addEventListener("htmx:afterRequest", function (event) {
    var verb = event.detail.requestConfig && event.detail.requestConfig.verb;
    if (verb && verb !== "get") { document.body.dispatchEvent(new Event("badge-refresh")); }
  });
  // A form shown again with a problem opens at the first problem, not at the page's top.
  document.addEventListener("DOMContentLoaded", function () {
    var problem = document.querySelector(".field-error");
    if (problem) { problem.scrollIntoView({ block: "center" }); }
  });
  // A live part of the page does not refresh under someone typing in it; the next event or
  // a reload brings it up to date.
  document.addEventListener("htmx:beforeRequest", function (event) {
    var part = event.detail.elt;
    var focused = document.activeElement;
    if (part.classList && part.classList.contains("live") && focused && part.contains(focused) &&
        /^(INPUT|TEXTAREA|SELECT)$/.test(focused.tagName)) {
      event.preventDefault();
    }
  });
  // Forms marked data-shows-by="NAME" show only the fields (data-kinds) that the choice in
  // their NAME select uses: the test builder's question kinds, matching's strategies.
  function showChosenFields(form) {
    var name = form.getAttribute("data-shows-by");
    var chosen = form.querySelector("select[name=" + name + "]").value;
    form.querySelectorAll("[data-kinds]").forEach(function (field) {
      field.hidden = field.getAttribute("data-kinds").split(" ").indexOf(chosen) < 0;
    });
  }
  document.addEventListener("change", function (event) {
    var form = event.target.closest && event.target.closest("form[data-shows-by]");
    if (form && event.target.name === form.getAttribute("data-shows-by")) { showChosenFields(form); }
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-shows-by]").forEach(showChosenFields);
  });
  // Tables shown as cards on a phone (table.phone-cards) label each cell with its column's
  // heading, unless the page already did; the first cell is the card's title.
  function labelCells(root) {
    root.querySelectorAll("table.phone-cards").forEach(function (table) {
      var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
        return th.textContent.trim();
      });
      table.querySelectorAll("tbody tr").forEach(function (row) {
        Array.prototype.forEach.call(row.children, function (cell, i) {
          if (i > 0 && heads[i] && !cell.hasAttribute("data-label")) {
            cell.setAttribute("data-label", heads[i]);
          }
        });
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { labelCells(document); });
  document.addEventListener("htmx:afterSwap", function (event) { labelCells(event.target); });
  // A row of tabs that scrolls sideways (phones) shows the current tab.
  document.addEventListener("DOMContentLoaded", function () {
    var current = document.querySelector(".tabs [aria-current=page]");
    var row = current && current.closest("ul");
    if (row && row.scrollWidth > row.clientWidth) {
      var offset = current.getBoundingClientRect().left - row.getBoundingClientRect().left;
      row.scrollLeft += offset - (row.clientWidth - current.offsetWidth) / 2;
    }
  });
  // The signature pad on the signing page: drawn strokes become a PNG in a hidden field.
  document.addEventListener("DOMContentLoaded", function () {
    var canvas = document.getElementById("signature-pad");
    if (!canvas || typeof window.SignaturePad === "undefined") { return; }
    var pad = new window.SignaturePad(canvas, { penColor: "#1b2a4a" });
    function fit() {
      var ratio = Math.max(window.devicePixelRatio || 1, 1);
      var data = pad.toData();
      canvas.width = canvas.offsetWidth * ratio;
      canvas.height = canvas.offsetHeight * ratio;
      canvas.getContext("2d").scale(ratio, ratio);
      pad.clear();
      pad.fromData(data);
    }
    window.addEventListener("resize", fit);
    fit();
    var clear = document.getElementById("signature-clear");
    if (clear) { clear.addEventListener("click", function () { pad.clear(); }); }
    var form = document.getElementById("sign-form");
    form.addEventListener("submit", function (event) {
      if (pad.isEmpty()) {
        event.preventDefault();
        window.alert(canvas.getAttribute("data-empty-message"));
        return;
      }
      document.getElementById("signature-data").value = pad.toDataURL("image/png");
    });
  });
})();
