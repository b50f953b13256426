// The service worker of the manager's pages (issue 18, point 7): pages and assets are fetched
// from the network when there is one, and the last copy is kept, so that a session page opened
// once can be reloaded without signal. Check-ins themselves are queued by /assets/offline.js.
"use strict";
var CACHE = "nightmarket-pages-v1";

self.addEventListener("install", function (e) { self.skipWaiting(); });
self.addEventListener("activate", function (e) { e.waitUntil(self.clients.claim()); });

self.addEventListener("fetch", function (e) {
  var req = e.request;
  if (req.method !== "GET") return;
  var url = new URL(req.url);
  if (url.origin !== location.origin) return;
  var keep = url.pathname.indexOf("/sessions/") === 0 || url.pathname.indexOf("/assets/") === 0;
  if (!keep) return;
  e.respondWith(
    fetch(req).then(function (res) {
      if (res.ok) {
        var copy = res.clone();
        caches.open(CACHE).then(function (c) { c.put(req, copy); });
      }
      return res;
    }).catch(function () {
      return caches.match(req).then(function (hit) {
        return hit || new Response("offline", { status: 503, headers: { "Content-Type": "text/plain" } });
      });
    })
  );
});
