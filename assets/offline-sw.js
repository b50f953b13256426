// The service worker of the manager's pages (issue 18, point 7): pages and assets are fetched
// from the network when there is one, and the last copy is kept, so that a session page opened
// once can be reloaded without signal. Check-ins themselves are queued by /assets/offline.js.
//
// The kept pages name vendors and their phones, and a market phone is often shared: whenever
// the login page is asked for (after logging out, or a session that ended) every kept page is
// dropped, so that the next person cannot read them offline. Pages answered by a redirect to
// the login page are never kept.
"use strict";
var CACHE = "nightmarket-pages-v2";

self.addEventListener("install", function (e) { self.skipWaiting(); });
self.addEventListener("activate", function (e) {
  e.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (n) { return n !== CACHE; }).map(function (n) { return caches.delete(n); }));
    }).then(function () { return self.clients.claim(); })
  );
});

function forget() { return caches.delete(CACHE); }

function isLogin(path) { return path === "/login" || path.indexOf("/login/") === 0; }

self.addEventListener("fetch", function (e) {
  var req = e.request;
  if (req.method !== "GET") return;
  var url = new URL(req.url);
  if (url.origin !== location.origin) return;
  if (isLogin(url.pathname)) {
    e.waitUntil(forget());
    return;
  }
  var keep = url.pathname.indexOf("/sessions/") === 0 || url.pathname.indexOf("/assets/") === 0;
  if (!keep) return;
  e.respondWith(
    fetch(req).then(function (res) {
      if (res.redirected && isLogin(new URL(res.url).pathname)) {
        e.waitUntil(forget());
      } else if (res.ok && !res.redirected) {
        var copy = res.clone();
        e.waitUntil(caches.open(CACHE).then(function (c) { return c.put(req, copy); }));
      }
      return res;
    }).catch(function () {
      return caches.match(req).then(function (hit) {
        return hit || new Response("offline", { status: 503, headers: { "Content-Type": "text/plain" } });
      });
    })
  );
});
