// Whiskerworks on the worker's phone: registers the service worker (sw.js), and keeps the
// job report as a draft in IndexedDB while it is written, so it survives no signal, a reload
// or a closed tab. "Send" without signal queues the draft; it is sent once the connection is
// back (the draft id makes a resend harmless: the server answers the first result again).
// Photos are made smaller on the phone (JPEG, longest side 1,600 px). Without this file the
// form posts as it always did.
(function () {
  "use strict";
  if ("serviceWorker" in navigator) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {});
    });
  }
  if (!("indexedDB" in window) || !window.fetch || !window.FormData) { return; }

  var MAX_SIDE = 1600;
  var RETRY_MS = 15000;

  // A few lines of IndexedDB: one object store of drafts, keyed by the form's action.
  var opened = null;
  function db() {
    if (!opened) {
      opened = new Promise(function (resolve, reject) {
        var req = indexedDB.open("whiskerworks", 1);
        req.onupgradeneeded = function () { req.result.createObjectStore("drafts"); };
        req.onsuccess = function () { resolve(req.result); };
        req.onerror = function () { reject(req.error); };
      });
    }
    return opened;
  }
  function store(mode, work) {
    return db().then(function (d) {
      return new Promise(function (resolve, reject) {
        var t = d.transaction("drafts", mode);
        var req = work(t.objectStore("drafts"));
        t.oncomplete = function () { resolve(req && req.result); };
        t.onerror = function () { reject(t.error); };
      });
    });
  }
  function load(key) { return store("readonly", function (s) { return s.get(key); }); }
  function save(draft) { return store("readwrite", function (s) { return s.put(draft, draft.key); }); }
  function drop(key) { return store("readwrite", function (s) { return s.delete(key); }); }
  function queued() {
    return store("readonly", function (s) { return s.getAll(); }).then(function (all) {
      return (all || []).filter(function (d) { return d.queued; });
    });
  }

  function uuid() {
    if (crypto.randomUUID) { return crypto.randomUUID(); }
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  // A picture as a JPEG whose longest side is at most 1,600 px; anything else as it is. The
  // canvas keeps no metadata, so the phone's location does not leave it either.
  function shrink(file) {
    if (!/^image\/(jpeg|png|webp)$/.test(file.type) || !window.createImageBitmap) {
      return Promise.resolve({ name: file.name, blob: file });
    }
    return createImageBitmap(file, { imageOrientation: "from-image" }).then(function (bitmap) {
      var scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
      var canvas = document.createElement("canvas");
      canvas.width = Math.max(1, Math.round(bitmap.width * scale));
      canvas.height = Math.max(1, Math.round(bitmap.height * scale));
      canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      return new Promise(function (resolve) { canvas.toBlob(resolve, "image/jpeg", 0.85); });
    }).then(function (blob) {
      if (!blob) { throw new Error("no JPEG"); }
      return { name: file.name.replace(/\.[^.]*$/, "") + ".jpg", blob: blob };
    }).catch(function () { return { name: file.name, blob: file }; });
  }

  function csrfToken() {
    var field = document.querySelector("input[name=csrf_token]");
    return field ? field.value : "";
  }

  // Sends a draft once at a time per page. Resolves to "sent", "refused" (the server said
  // no: shown, the draft kept for editing) or "waiting" (no answer: stays queued).
  var sending = {};
  function send(draft) {
    if (sending[draft.key]) { return sending[draft.key]; }
    var body = new FormData();
    body.append("csrf_token", csrfToken());
    body.append("draft_id", draft.draftId);
    body.append("finished_at", draft.finishedAt || "");
    draft.checked.forEach(function (id) { body.append("checked", id); });
    body.append("note", draft.note);
    draft.photos.forEach(function (p) { body.append("files", p.blob, p.name); });
    var done = fetch(draft.key, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRF-Token": csrfToken() }
    }).then(function (res) {
      var type = res.headers.get("Content-Type") || "";
      if (type.indexOf("application/json") !== 0) { return { outcome: "waiting" }; }
      return res.json().then(function (answer) {
        if (answer.ok) {
          return drop(draft.key).then(function () { return { outcome: "sent", location: answer.location }; });
        }
        draft.queued = false;
        // Like the form without script: refused files are all dropped, to be picked again.
        if (answer.field === "files") { draft.photos = []; }
        return save(draft).then(function () {
          return { outcome: "refused", message: answer.message, field: answer.field };
        });
      });
    }, function () { return { outcome: "waiting" }; });
    sending[draft.key] = done;
    return done.then(function (result) { delete sending[draft.key]; return result; });
  }

  // Sends every queued draft; this page's own one through its form, which shows how it went.
  function flush() {
    if (!csrfToken()) { return Promise.resolve(); }
    return queued().then(function (drafts) {
      return Promise.all(drafts.map(function (d) {
        if (!form) { return send(d); }
        if (d.key !== form.key) { return send(d); }
        return form.draft && form.draft.queued ? sendMine() : null;
      }));
    });
  }

  // The job page's report form, when there is one.
  var form = null;
  function status(text, alert) {
    form.status.textContent = text;
    form.status.hidden = !text;
    form.status.setAttribute("role", alert ? "alert" : "status");
  }
  function showPhotos() {
    var box = form.photos, photos = form.draft.photos;
    box.textContent = "";
    box.hidden = !photos.length;
    if (!photos.length) { return; }
    var caption = document.createElement("small");
    caption.textContent = form.el.getAttribute("data-draft-kept");
    var list = document.createElement("ul");
    photos.forEach(function (p, i) {
      var li = document.createElement("li");
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "secondary outline small";
      remove.textContent = form.el.getAttribute("data-draft-remove");
      remove.addEventListener("click", function () {
        photos.splice(i, 1);
        save(form.draft).then(showPhotos);
      });
      li.appendChild(document.createTextNode(p.name));
      li.appendChild(remove);
      list.appendChild(li);
    });
    box.appendChild(caption);
    box.appendChild(list);
  }
  // A refusal's message beside its field, as the page without script shows it.
  function problem(field, message) {
    form.el.querySelectorAll(".field-error").forEach(function (e) { e.remove(); });
    var input = form.el.querySelector("[name=" + field + "]");
    var visible = input && input.type !== "hidden";
    var note = document.createElement("small");
    note.className = "field-error";
    note.id = field + "-error";
    note.setAttribute("role", "alert");
    note.textContent = message;
    (visible ? (input.closest("label") || input) : form.status).insertAdjacentElement("afterend", note);
    if (visible) {
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", note.id);
    }
    note.scrollIntoView({ block: "center" });
  }
  function readForm() {
    var d = form.draft;
    d.note = form.el.querySelector("textarea[name=note]").value;
    d.checked = Array.prototype.map.call(form.el.querySelectorAll("input[name=checked]:checked"), function (c) { return c.value; });
    return save(d);
  }
  function sendMine() {
    status(form.el.getAttribute("data-draft-sending"));
    return send(form.draft).then(function (result) {
      if (result.outcome === "sent") { window.location.assign(result.location); return; }
      if (result.outcome === "refused") {
        showPhotos();
        if (result.field) { status(""); problem(result.field, result.message); return; }
        status(form.el.getAttribute("data-draft-refused") + " " + result.message, true);
        return;
      }
      status(form.el.getAttribute("data-draft-waiting"));
      form.status.scrollIntoView({ block: "center" });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var el = document.querySelector("form[data-draft]");
    if (el) {
      var key = new URL(el.action, window.location.href).pathname;
      form = { el: el, key: key, status: el.querySelector("#draft-status"), photos: el.querySelector("#draft-photos") };
      // The finishing time is the server's clock at page load plus the time since on this
      // phone's clock: right even when the phone's clock is not (the server checks it).
      var serverNow = Date.parse(el.getAttribute("data-server-now"));
      var loadedAt = Date.now();
      var files = el.querySelector("input[type=file]");
      // Every step waits for the ones before it (the draft loaded, photos made smaller), so
      // a quick pick or a quick "Send" never races them.
      form.pending = load(key).then(function (found) {
        form.draft = found || { key: key, draftId: uuid(), note: "", checked: [], photos: [], queued: false };
        el.querySelector("input[name=draft_id]").value = form.draft.draftId;
        if (found) {
          // The page may show the server's copy of a refused form; the phone's is newer.
          el.querySelector("textarea[name=note]").value = found.note;
          el.querySelectorAll("input[name=checked]").forEach(function (c) { c.checked = found.checked.indexOf(c.value) >= 0; });
        }
        showPhotos();
        el.setAttribute("data-draft-ready", "");
        if (form.draft.queued) { sendMine(); }
      }, function () {
        // No IndexedDB after all (a private window may refuse it): the plain form it is.
        form = null;
      });
      el.addEventListener("input", function () { if (form && form.draft) { readForm(); } });
      el.addEventListener("change", function () { if (form && form.draft) { readForm(); } });
      files.addEventListener("change", function () {
        if (!form) { return; }
        var picked = Array.prototype.slice.call(files.files);
        files.value = "";
        form.pending = form.pending.then(function () {
          return Promise.all(picked.map(shrink));
        }).then(function (photos) {
          form.draft.photos = form.draft.photos.concat(photos);
          return save(form.draft);
        }).then(showPhotos, showPhotos);
      });
      el.addEventListener("submit", function (event) {
        // app.js may have asked "is it really done?" and been told no.
        if (event.defaultPrevented || !form) { return; }
        event.preventDefault();
        if (!el.reportValidity()) { return; }
        var finishedAt = new Date(serverNow + (Date.now() - loadedAt)).toISOString();
        form.pending.then(function () {
          form.draft.finishedAt = finishedAt;
          form.draft.queued = true;
          return readForm();
        }).then(sendMine);
      });
    }
    // A job page without the form (the report went another way): its idle draft goes.
    if (!el && /^\/worker\/jobs\/\d+$/.test(window.location.pathname)) {
      load(window.location.pathname + "/report").then(function (d) {
        if (d && !d.queued) { drop(d.key); }
      });
    }
    flush();
    setInterval(function () { if (navigator.onLine) { flush(); } }, RETRY_MS);
  });
  window.addEventListener("online", function () { flush(); });
})();
