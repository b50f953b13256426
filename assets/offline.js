// Check-in and inspection that survive a poor signal (issue 18, point 7). Hand-written, no
// library.
//
// On the manager's inspection page every stall's form carries data-offline-inspect (the
// session id): a tap on "record" keeps the inspection — items, note and photo files — in the
// same queue and sends it to POST /api/v1/inspections (photos as Base64) with its own key.
//
// On the manager's session page every check-in button's form carries data-offline-checkin
// (the booking id). A tap puts the check-in in an IndexedDB queue on the phone with a fresh
// Idempotency-Key, then tries to send it to POST /api/v1/bookings/{id}/check-in with that key.
// Whatever could not be sent stays queued and is sent again when the signal returns (the
// `online` event, every few seconds, and on the next page load); the server's idempotency
// means a retry of a check-in that did arrive is answered from its first answer, never counted
// twice. The list #offline-queue shows what is still waiting. Without JavaScript the forms post
// as before. A service worker (/offline-sw.js) keeps the last copy of the page for a reload
// without signal.
(function () {
  "use strict";
  var list = document.getElementById("offline-queue");
  // Older phones lack some of what the queue needs (iOS before 10.1 has no
  // IDBObjectStore.getAll, before 11.1 no FormData.get/getAll): there the forms post as they
  // do without JavaScript, rather than being stopped and then lost.
  var able = window.indexedDB && window.Promise && window.IDBObjectStore &&
    IDBObjectStore.prototype.getAll && window.FormData && FormData.prototype.getAll &&
    FormData.prototype.get && Element.prototype.closest;
  if (!list || !able) return;
  var words = list.dataset;
  var DB = "nightmarket-offline", STORE = "checkins";
  var sending = false;

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/offline-sw.js", { scope: "/" }).catch(function () {});
  }

  function open() {
    return new Promise(function (resolve, reject) {
      var req = indexedDB.open(DB, 1);
      req.onupgradeneeded = function () {
        req.result.createObjectStore(STORE, { keyPath: "key" });
      };
      req.onsuccess = function () { resolve(req.result); };
      req.onerror = function () { reject(req.error); };
    });
  }

  function tx(mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var t = db.transaction(STORE, mode);
        var out = work(t.objectStore(STORE));
        t.oncomplete = function () { db.close(); resolve(out && out.result); };
        t.onerror = function () { db.close(); reject(t.error); };
      });
    });
  }

  function all() { return tx("readonly", function (s) { return s.getAll(); }); }
  function put(item) { return tx("readwrite", function (s) { s.put(item); }); }
  function drop(key) { return tx("readwrite", function (s) { s.delete(key); }); }

  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return "k-" + Date.now() + "-" + Math.random().toString(36).slice(2);
  }

  function rowOf(id) {
    var form = document.querySelector("form[data-offline-checkin='" + id + "']");
    return form ? form.closest("tr") : null;
  }

  function markRow(id, text) {
    var row = rowOf(id);
    if (!row) return;
    var status = row.querySelector("[data-checkin-status]");
    if (status) status.textContent = text;
    // The button goes: the check-in is on its way (a second tap would only queue a repeat).
    var form = row.querySelector("form[data-offline-checkin]");
    if (form) {
      form.hidden = true;
      form.style.display = "none";
      var button = form.querySelector("button");
      if (button) button.disabled = true;
    }
  }

  function arrived(id) {
    var row = rowOf(id);
    var count = document.getElementById("no-shows");
    if (!row || !count || row.dataset.noShow !== "1") return;
    row.dataset.noShow = "0";
    var n = parseInt(count.textContent, 10);
    if (n > 0) count.textContent = String(n - 1);
  }

  // Inspections the server refused (a 4xx): shown until the page is left, with its reason.
  var refused = [];

  function render(items) {
    list.textContent = "";
    items = (items || []).filter(function (i) { return i.page === location.pathname; });
    if (items.length === 0) {
      var none = document.createElement("li");
      none.className = "empty";
      none.textContent = words.none;
      list.appendChild(none);
    }
    items.forEach(function (i) {
      var li = document.createElement("li");
      if (i.kind === "inspection") li.dataset.inspection = i.stall;
      else li.dataset.booking = i.booking;
      li.dataset.key = i.key;
      li.textContent = i.label + " · " + words.queued;
      list.appendChild(li);
      if (i.kind !== "inspection") markRow(i.booking, words.queued);
    });
    refused.forEach(function (text) {
      var li = document.createElement("li");
      li.className = "refused";
      li.setAttribute("role", "alert");
      li.textContent = text;
      list.appendChild(li);
    });
    list.dataset.waiting = String(items.length);
  }

  function base64Of(blob) {
    return new Promise(function (resolve, reject) {
      var reader = new FileReader();
      reader.onload = function () {
        var url = String(reader.result);
        resolve(url.slice(url.indexOf(",") + 1));
      };
      reader.onerror = function () { reject(reader.error); };
      reader.readAsDataURL(blob);
    });
  }

  function post(url, key, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Idempotency-Key": key },
      body: body
    });
  }

  function sendInspection(item) {
    return Promise.all((item.photos || []).map(base64Of)).then(function (photos) {
      var body = {
        session_id: item.session,
        stall_id: item.stall,
        items: item.codes.map(function (code, n) {
          return n === 0 && item.note ? { code: code, note: item.note } : { code: code };
        }),
        photos: photos.map(function (p) { return { content_base64: p }; })
      };
      return post("/api/v1/inspections", item.key, JSON.stringify(body));
    }).then(function (r) {
      var keep = r.status >= 500 || r.status === 408 || r.status === 429 || r.status === 401;
      if (keep) return;
      var done = function () { return drop(item.key); };
      if (r.ok) {
        var form = inspectForm(item.label);
        if (form) form.reset();
        note(item.label, "✓ " + item.label + " · " + words.recorded, false);
        return done();
      }
      return r.json().catch(function () { return {}; }).then(function (j) {
        var why = j && j.error && j.error.message ? j.error.message : String(r.status);
        refused.push(item.label + " · " + why);
        // Said at the form the inspector just tapped, not only at the foot of the page.
        note(item.label, "⚠ " + why, true);
        return done();
      });
    });
  }

  function inspectForm(label) {
    return document.querySelector("form[data-offline-inspect][data-label='" + label + "']");
  }

  // A line inside a stall's inspection form: recorded, or why not.
  function note(label, text, refusal) {
    var form = inspectForm(label);
    if (!form) return;
    var line = form.querySelector("p.form-note");
    if (!line) {
      line = document.createElement("p");
      form.appendChild(line);
    }
    line.className = "form-note " + (refusal ? "error" : "flash");
    line.setAttribute("role", refusal ? "alert" : "status");
    line.textContent = text;
  }

  function refresh() { return all().then(render); }

  function send(item) {
    if (item.kind === "inspection") return sendInspection(item);
    return post("/api/v1/bookings/" + item.booking + "/check-in", item.key, "{}").then(function (r) {
      // Delivered: done (2xx), or refused for good (4xx, e.g. a cancelled booking). A 5xx or
      // a 408/429 is kept for the next try.
      var keep = r.status >= 500 || r.status === 408 || r.status === 429 || r.status === 401;
      if (!keep) {
        return drop(item.key).then(function () {
          // Done: the row says what the server recorded (checked in), as after a reload,
          // and the vendor no longer counts as not arrived.
          markRow(item.booking, r.ok ? (words.checked || words.sent) : r.status + "");
          if (r.ok) arrived(item.booking);
        });
      }
    });
  }

  function flush() {
    if (sending) return Promise.resolve();
    sending = true;
    return all().then(function (items) {
      return items.reduce(function (p, item) {
        return p.then(function () { return send(item); });
      }, Promise.resolve());
    }).catch(function () { /* offline: stays queued */ }).then(function () {
      sending = false;
      return refresh();
    });
  }

  document.addEventListener("submit", function (e) {
    var inspect = e.target.closest("form[data-offline-inspect]");
    if (inspect) {
      e.preventDefault();
      var data = new FormData(inspect);
      var photos = data.getAll("photo").filter(function (f) { return f && f.size > 0; });
      put({
        key: newKey(),
        kind: "inspection",
        session: Number(inspect.dataset.offlineInspect),
        stall: Number(data.get("stall_id")),
        codes: data.getAll("code"),
        note: String(data.get("note") || ""),
        photos: photos,
        label: inspect.dataset.label,
        page: location.pathname,
        at: new Date().toISOString()
      }).then(refresh, function () { inspect.submit(); }).then(flush);
      return;
    }
    var form = e.target.closest("form[data-offline-checkin]");
    if (!form) return;
    e.preventDefault();
    var item = {
      key: newKey(),
      booking: form.dataset.offlineCheckin,
      label: form.dataset.label || form.dataset.offlineCheckin,
      page: location.pathname,
      at: new Date().toISOString()
    };
    // A queue the phone will not keep (private browsing, storage full): post the plain form.
    put(item).then(refresh, function () { form.submit(); }).then(flush);
  });

  window.addEventListener("online", flush);
  setInterval(flush, 4000);
  refresh().then(flush);
  // For tests and the curious: what is waiting.
  window.nightmarketOffline = { flush: flush, pending: all };
})();
