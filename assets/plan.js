// Plans readable at any length: zoom and pan on every drawn plan (buttons, drag when zoomed),
// and "find a stall" answered in place. Without this script the plan is the same SVG, every
// code drawn, and "find" goes to the server as ?find=.
(function () {
  'use strict';
  if (window.nmPlanLoaded) { return; }
  window.nmPlanLoaded = true;
  function box(svg) { return svg.getAttribute('viewBox').split(/[\s,]+/).map(Number); }
  function setBox(svg, b) { svg.setAttribute('viewBox', b.map(function (v) { return v.toFixed(2); }).join(' ')); }

  function zoomable(svg) {
    if (svg.nmZoom) { return svg.nmZoom; }
    var home = box(svg);
    var bar = svg.parentNode.querySelector('.plan-zoom');
    function zoomAt(cx, cy, factor) {
      var b = box(svg);
      var w = Math.min(home[2], Math.max(home[2] / 12, b[2] / factor));
      var h = w * home[3] / home[2];
      var x = Math.min(Math.max(cx - w / 2, home[0]), home[0] + home[2] - w);
      var y = Math.min(Math.max(cy - h / 2, home[1]), home[1] + home[3] - h);
      setBox(svg, [x, y, w, h]);
      svg.classList.toggle('zoomed', w < home[2] - 0.01);
    }
    function centre() { var b = box(svg); return [b[0] + b[2] / 2, b[1] + b[3] / 2]; }
    if (bar) {
      bar.hidden = false;
      bar.addEventListener('click', function (ev) {
        var b = ev.target.closest('button[data-zoom]');
        if (!b) { return; }
        var z = b.getAttribute('data-zoom'), c = centre();
        if (z === 'in') { zoomAt(c[0], c[1], 1.6); } else if (z === 'out') { zoomAt(c[0], c[1], 1 / 1.6); } else { setBox(svg, home); svg.classList.remove('zoomed'); }
      });
    }
    // Drag to pan, only when zoomed in (otherwise the page scrolls as usual).
    var drag = null;
    svg.addEventListener('pointerdown', function (ev) {
      if (!svg.classList.contains('zoomed')) { return; }
      drag = { x: ev.clientX, y: ev.clientY, b: box(svg) };
      svg.setPointerCapture(ev.pointerId);
    });
    svg.addEventListener('pointermove', function (ev) {
      if (!drag) { return; }
      var r = svg.getBoundingClientRect(), k = drag.b[2] / r.width;
      var x = drag.b[0] - (ev.clientX - drag.x) * k, y = drag.b[1] - (ev.clientY - drag.y) * k;
      x = Math.min(Math.max(x, home[0]), home[0] + home[2] - drag.b[2]);
      y = Math.min(Math.max(y, home[1]), home[1] + home[3] - drag.b[3]);
      setBox(svg, [x, y, drag.b[2], drag.b[3]]);
    });
    ['pointerup', 'pointercancel'].forEach(function (t) { svg.addEventListener(t, function () { drag = null; }); });
    svg.addEventListener('wheel', function (ev) {
      if (!ev.ctrlKey) { return; }
      ev.preventDefault();
      var r = svg.getBoundingClientRect(), b = box(svg);
      zoomAt(b[0] + (ev.clientX - r.left) / r.width * b[2], b[1] + (ev.clientY - r.top) / r.height * b[3], ev.deltaY < 0 ? 1.25 : 0.8);
    }, { passive: false });
    svg.nmZoom = { zoomAt: zoomAt, home: home };
    return svg.nmZoom;
  }

  function normalise(text) {
    return text.trim().replace(/[－—–]/g, '-').replace(/\s+/g, '').toUpperCase();
  }
  function matches(code, wanted) {
    code = code.toUpperCase();
    if (!wanted) { return false; }
    var i = code.indexOf('-');
    return code === wanted || (i >= 0 && code.slice(i + 1) === wanted);
  }

  function find(form) {
    var wanted = normalise(form.querySelector('input[name="find"]').value);
    var figure = form.nextElementSibling && form.nextElementSibling.querySelector ? form.nextElementSibling : document;
    var svg = figure.querySelector('svg.plan') || document.querySelector('svg.plan');
    if (!svg) { return; }
    svg.querySelectorAll('.stall.found').forEach(function (g) { g.classList.remove('found'); g.removeAttribute('id'); });
    var hit = null;
    svg.querySelectorAll('[data-code]').forEach(function (g) { if (!hit && matches(g.getAttribute('data-code'), wanted)) { hit = g; } });
    var status = form.parentNode.querySelector('.find-result');
    if (!status) {
      status = document.createElement('p');
      status.className = 'find-result';
      status.setAttribute('role', 'status');
      form.parentNode.insertBefore(status, form.nextSibling);
    }
    if (!hit) {
      status.classList.add('error-message');
      status.textContent = '⚠ ' + (form.getAttribute('data-not-found') || '').replace('{code}', wanted);
      return;
    }
    status.classList.remove('error-message');
    status.textContent = '★ ' + hit.getAttribute('data-code');
    // On a session page a booked stall's row is where its vendor is checked in: link to it.
    var row = document.querySelector('tr[data-stall-code="' + hit.getAttribute('data-code') + '"]');
    if (row && row.id) {
      var to = document.createElement('a');
      to.href = '#' + row.id;
      to.textContent = ' · ' + (row.cells[1] ? row.cells[1].textContent : '') + ' →';
      status.appendChild(to);
    }
    hit.classList.add('found');
    hit.id = 'found-stall';
    var z = zoomable(svg);
    setBox(svg, z.home);
    var r = hit.getBoundingClientRect(), s = svg.getBoundingClientRect(), b = box(svg);
    var cx = b[0] + (r.left + r.width / 2 - s.left) / s.width * b[2];
    var cy = b[1] + (r.top + r.height / 2 - s.top) / s.height * b[3];
    if (!svg.classList.contains('plan-strip')) { z.zoomAt(cx, cy, 3); }
    hit.scrollIntoView({ block: 'center' });
    if (window.history && history.replaceState) {
      var url = new URL(window.location.href);
      url.searchParams.set('find', wanted);
      url.hash = 'found-stall';
      history.replaceState(null, '', url.toString());
    }
  }

  function start() {
    document.querySelectorAll('svg.plan').forEach(zoomable);
    document.querySelectorAll('form.find-stall').forEach(function (form) {
      form.addEventListener('submit', function (ev) { ev.preventDefault(); find(form); });
    });
    var found = document.getElementById('found-stall');
    if (found) { found.scrollIntoView({ block: 'center' }); }
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
}());
