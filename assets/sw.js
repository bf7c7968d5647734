// Whiskerworks service worker: keeps the app shell (the hashed assets and the offline page)
// so the worker's phone opens the app without signal. Served from /sw.js with the version
// and the asset list filled in by the server (src/web/pwa.rs).
//
// Never kept: signed-in pages (they carry names, addresses and a CSRF token) and anything
// but GET. Report drafts live in IndexedDB (offline.js), not here.
"use strict";

var VERSION = "__VERSION__";
var CACHE = "whiskerworks-" + VERSION;
var SHELL = __SHELL__;
var OFFLINE = "/offline";

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    // The offline page is fetched without cookies: it is the same for everyone.
    var offline = fetch(OFFLINE, { credentials: "omit" }).then(function (res) {
      if (!res.ok) { throw new Error("offline page: " + res.status); }
      return cache.put(OFFLINE, res);
    });
    return Promise.all([cache.addAll(SHELL), offline]);
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (key) {
      return key.indexOf("whiskerworks-") === 0 && key !== CACHE;
    }).map(function (key) { return caches.delete(key); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (url.pathname.indexOf("/assets/") === 0) {
    // Hashed URLs never change: the cache first, the network for what it lacks.
    event.respondWith(caches.match(request).then(function (hit) {
      return hit || fetch(request);
    }));
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(function () {
      return caches.match(OFFLINE);
    }));
  }
});
