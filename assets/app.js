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
  // Toasts fade out after a while.
  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target && event.detail.target.id === "toasts") {
      var toast = event.detail.target.lastElementChild;
      if (toast) { setTimeout(function () { toast.remove(); }, 6000); }
    }
  });
})();
