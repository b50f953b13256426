// The site map (Leaflet, vendored as /assets/leaflet-1.9.4.js): draw and edit a site's outline
// and holes, or a zone (a keep-clear polygon or a fire lane's centre line), by clicking; trace
// over an image placed by reference points. Everything drawn fills the same form fields the
// page has without JavaScript, so the server checks every outline in one place.
(function () {
  'use strict';
  if (window.nmSiteMapLoaded) { return; }
  window.nmSiteMapLoaded = true;

  function $(id) { return document.getElementById(id); }
  function round(v, d) { var f = Math.pow(10, d); return Math.round(v * f) / f; }

  // A metric grid with a north arrow, for a server without basemap tiles.
  function addGrid(map) {
    var layer = L.layerGroup().addTo(map);
    function redraw() {
      layer.clearLayers();
      var b = map.getBounds(), c = map.getCenter();
      var mPerPx = 40075016.686 * Math.cos(c.lat * Math.PI / 180) / Math.pow(2, map.getZoom() + 8);
      var target = mPerPx * 80, base = Math.pow(10, Math.floor(Math.log10(target)));
      var step = [1, 2, 5, 10].map(function (m) { return m * base; }).filter(function (s) { return s >= target; })[0] || base;
      var dLat = step / 111320, dLng = step / (111320 * Math.cos(c.lat * Math.PI / 180));
      var style = { color: '#8a8a8a', weight: 1, opacity: 0.6, interactive: false };
      for (var lat = Math.floor(b.getSouth() / dLat) * dLat; lat <= b.getNorth(); lat += dLat) {
        L.polyline([[lat, b.getWest()], [lat, b.getEast()]], style).addTo(layer);
      }
      for (var lng = Math.floor(b.getWest() / dLng) * dLng; lng <= b.getEast(); lng += dLng) {
        L.polyline([[b.getSouth(), lng], [b.getNorth(), lng]], style).addTo(layer);
      }
    }
    map.on('moveend zoomend', redraw);
    map.whenReady(redraw);
    var North = L.Control.extend({
      options: { position: 'topright' },
      onAdd: function () {
        var d = L.DomUtil.create('div', 'map-north');
        d.setAttribute('aria-hidden', 'true');
        d.textContent = '▲ N';
        return d;
      }
    });
    map.addControl(new North());
    el(map).classList.add('grid-map');
  }
  function el(map) { return map.getContainer(); }

  function baseMap(node) {
    var map = L.map(node, { doubleClickZoom: false, zoomSnap: 0.5, maxZoom: 22, preferCanvas: true });
    var tiles = node.getAttribute('data-tiles');
    if (tiles) {
      L.tileLayer(tiles, { maxZoom: 20, maxNativeZoom: 18, subdomains: /t\{s\}/.test(tiles) ? '01234567' : 'abc' }).addTo(map);
    } else {
      addGrid(map);
      var note = node.parentNode.querySelector('.map-note');
      if (note) { note.hidden = false; }
    }
    L.control.scale({ imperial: false }).addTo(map);
    return map;
  }

  function showTools(id) {
    var tools = document.querySelector('.map-tools[data-for="' + id + '"]');
    if (tools) { tools.hidden = false; }
    return tools;
  }

  // Keeps the map sized when it sits in a <details> that opens later.
  function watchDetails(node, map) {
    var d = node.closest('details');
    if (d) { d.addEventListener('toggle', function () { map.invalidateSize(); }); }
  }

  function ringsOf(geojson) {
    if (!geojson) { return []; }
    var g = geojson.type === 'Feature' ? geojson.geometry : geojson;
    if (g && g.type === 'FeatureCollection' && g.features && g.features[0]) { g = g.features[0].geometry; }
    if (!g) { return []; }
    var toLatLng = function (p) { return L.latLng(p[1], p[0]); };
    var strip = function (ring) { var r = ring.map(toLatLng); if (r.length > 1 && r[0].equals(r[r.length - 1])) { r.pop(); } return r; };
    if (g.type === 'Polygon') { return g.coordinates.map(strip); }
    if (g.type === 'MultiPolygon' && g.coordinates[0]) { return g.coordinates[0].map(strip); }
    return [];
  }

  function initDraw(node) {
    var mode = node.getAttribute('data-mode');
    var map = baseMap(node);
    node.nmMap = map;
    watchDetails(node, map);
    var tools = showTools(node.id);
    var target = $(node.getAttribute('data-target'));
    var crsField = $(node.getAttribute('data-crs-field'));
    var crs = node.getAttribute('data-tiles-crs') || 'wgs84';
    var outline = null;
    try { outline = JSON.parse(node.getAttribute('data-outline') || 'null'); } catch (e) { outline = null; }
    var rings = mode === 'site' ? ringsOf(outline) : [];
    var context = mode === 'zone' ? ringsOf(outline) : [];
    var shapes = L.layerGroup().addTo(map), handles = L.layerGroup().addTo(map);
    var drawing = null; // { kind: 'outline'|'hole'|'zone'|'line', points: [] }
    var line = null; // a finished fire-lane line (zone mode)

    function write() {
      var close = function (r) { var c = r.map(function (p) { return [round(p.lng, 8), round(p.lat, 8)]; }); c.push(c[0]); return c; };
      var value = '';
      if (mode === 'site' && rings.length && rings[0].length >= 3) {
        value = JSON.stringify({ type: 'Polygon', coordinates: rings.filter(function (r) { return r.length >= 3; }).map(close) });
      } else if (mode === 'zone' && line && line.length >= 2) {
        value = JSON.stringify({ type: 'LineString', coordinates: line.map(function (p) { return [round(p.lng, 8), round(p.lat, 8)]; }) });
      } else if (mode === 'zone' && rings.length && rings[0].length >= 3) {
        value = JSON.stringify({ type: 'Polygon', coordinates: [close(rings[0])] });
      }
      if (target) { target.value = value; }
      if (crsField && value) { crsField.value = crs; }
      // The map's outline is the one sent: a pasted list or a trace would take precedence.
      ['f-points', 'f-trace_px'].forEach(function (id) { if (value && $(id) && mode === 'site') { $(id).value = ''; } });
    }

    function redraw() {
      shapes.clearLayers();
      handles.clearLayers();
      if (rings.length) { L.polygon(rings, { color: '#a3161a', weight: 3, fillOpacity: 0.15 }).addTo(shapes); }
      if (line) { L.polyline(line, { color: '#a3161a', weight: 4 }).addTo(shapes); }
      var editable = rings.map(function (r) { return r; });
      if (line) { editable.push(line); }
      editable.forEach(function (ring) {
        ring.forEach(function (p, i) {
          var m = L.marker(p, { draggable: true, keyboard: false, icon: L.divIcon({ className: 'vertex', iconSize: [16, 16] }) });
          m.on('drag', function (ev) { ring[i] = ev.target.getLatLng(); shapes.clearLayers(); if (rings.length) { L.polygon(rings, { color: '#a3161a', weight: 3, fillOpacity: 0.15 }).addTo(shapes); } if (line) { L.polyline(line, { color: '#a3161a', weight: 4 }).addTo(shapes); } });
          m.on('dragend', function () { write(); });
          m.addTo(handles);
        });
      });
      if (drawing && drawing.points.length) {
        L.polyline(drawing.points, { color: '#0072b2', weight: 3, dashArray: '6 4' }).addTo(shapes);
        drawing.points.forEach(function (p) { L.circleMarker(p, { radius: 5, color: '#0072b2', fillOpacity: 1 }).addTo(shapes); });
      }
    }

    map.on('click', function (ev) {
      if (!drawing) { return; }
      drawing.points.push(ev.latlng);
      redraw();
    });

    function finish() {
      if (!drawing) { return; }
      var pts = drawing.points;
      if (drawing.kind === 'line') {
        if (pts.length >= 2) { line = pts; rings = []; }
        var kind = document.getElementById('f-zkind');
        if (kind) { kind.value = 'fire_lane'; }
      } else if (pts.length >= 3) {
        if (drawing.kind === 'hole' && rings.length) { rings.push(pts); } else { rings = [pts].concat(drawing.kind === 'outline' ? rings.slice(1) : []); line = null; }
      }
      drawing = null;
      node.classList.remove('drawing');
      redraw();
      write();
    }

    if (tools) {
      tools.addEventListener('click', function (ev) {
        var b = ev.target.closest('button[data-action]');
        if (!b) { return; }
        var a = b.getAttribute('data-action');
        if (a === 'outline' || a === 'hole' || a === 'zone' || a === 'line') {
          drawing = { kind: a, points: [] };
          node.classList.add('drawing');
          tools.querySelectorAll('button').forEach(function (x) { x.removeAttribute('aria-pressed'); });
          b.setAttribute('aria-pressed', 'true');
        } else if (a === 'undo') {
          if (drawing && drawing.points.length) { drawing.points.pop(); } else if (!drawing && rings.length > 1) { rings.pop(); write(); }
          redraw();
        } else if (a === 'finish') {
          tools.querySelectorAll('button').forEach(function (x) { x.removeAttribute('aria-pressed'); });
          finish();
        } else if (a === 'clear') {
          rings = []; line = null; drawing = null; redraw(); write();
        }
      });
    }

    var fault = node.getAttribute('data-fault');
    var bounds = null, at = null;
    if (rings.length) { bounds = L.polygon(rings).getBounds(); }
    if (context.length) { bounds = L.polygon(context).getBounds(); }
    if (fault) {
      var f = fault.split(',').map(Number);
      at = L.latLng(f[1], f[0]);
      bounds = bounds ? bounds.extend(at) : L.latLngBounds([at, at]);
    }
    if (bounds) { map.fitBounds(bounds.pad(0.15), { maxZoom: 19 }); } else {
      var c = (node.getAttribute('data-center') || '100.81,38.43').split(',').map(Number);
      map.setView([c[1], c[0]], 17);
    }
    // Layers only once the map has a view (Leaflet's renderers need its bounds).
    if (at) {
      L.circleMarker(at, { radius: 12, color: '#a3161a', weight: 4, fillColor: '#fff', fillOpacity: 0.6, className: 'fault-marker' })
        .addTo(map)
        .bindTooltip('⚠ ' + (node.getAttribute('data-fault-label') || '') + '：' + (node.getAttribute('data-fault-text') || ''), { permanent: true, direction: 'top', className: 'fault-tip' });
    }
    if (context.length) { L.polygon(context, { color: '#4a4a4a', weight: 2, fill: false, dashArray: '4 4', interactive: false }).addTo(map); }
    redraw();
  }

  // Tracing over an image kept in the browser: pixels in, reference points and outline out.
  function initTrace() {
    var input = $('f-trace_image'), node = $('trace-map');
    if (!input || !node) { return; }
    var map = null, overlay = null, marks = null, mode = null, traced = [];
    var tools = showTools('trace-map');
    var form = input.form;
    function error(text) {
      var p = $('f-trace_image-err');
      if (!text) { if (p) { p.remove(); } input.removeAttribute('aria-invalid'); return; }
      if (!p) { p = document.createElement('p'); p.className = 'error'; p.id = 'f-trace_image-err'; p.setAttribute('role', 'alert'); input.parentNode.appendChild(p); }
      p.textContent = '⚠ ' + text;
      input.setAttribute('aria-invalid', 'true');
    }
    function px(latlng) { return round(latlng.lng, 1) + ',' + round(-latlng.lat, 1); }
    function redraw() {
      marks.clearLayers();
      if (traced.length) { L.polygon(traced, { color: '#a3161a', weight: 3, fillOpacity: 0.1 }).addTo(marks); }
      traced.forEach(function (p) { L.circleMarker(p, { radius: 4, color: '#a3161a', fillOpacity: 1 }).addTo(marks); });
      ['a', 'b'].forEach(function (k) {
        var v = ($('f-ref_' + k + '_px') || {}).value;
        if (!v) { return; }
        var xy = v.split(',').map(Number);
        if (xy.length === 2 && isFinite(xy[0]) && isFinite(xy[1])) {
          L.marker([-xy[1], xy[0]], { icon: L.divIcon({ className: 'ref-mark', html: k.toUpperCase(), iconSize: [22, 22] }), keyboard: false }).addTo(marks);
        }
      });
      $('f-trace_px').value = traced.map(px).join('\n');
    }
    input.addEventListener('change', function () {
      var file = input.files && input.files[0];
      if (!file) { return; }
      file.slice(0, 16).arrayBuffer().then(function (buf) {
        var b = new Uint8Array(buf);
        var png = b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4E && b[3] === 0x47;
        var jpeg = b.length >= 3 && b[0] === 0xFF && b[1] === 0xD8 && b[2] === 0xFF;
        if (!png && !jpeg) { error(input.getAttribute('data-not-image')); node.hidden = true; return; }
        error(null);
        var url = URL.createObjectURL(file), img = new Image();
        img.onload = function () {
          node.hidden = false;
          var w = img.naturalWidth, h = img.naturalHeight, bounds = [[-h, 0], [0, w]];
          if (!map) {
            map = L.map(node, { crs: L.CRS.Simple, minZoom: -6, maxZoom: 4, zoomSnap: 0.25, doubleClickZoom: false, preferCanvas: true });
            marks = L.layerGroup().addTo(map);
            map.on('click', function (ev) {
              if (mode === 'ref_a' || mode === 'ref_b') {
                $('f-' + mode + '_px').value = px(ev.latlng);
                mode = null;
                node.classList.remove('drawing');
              } else if (mode === 'trace') {
                traced.push(ev.latlng);
              }
              redraw();
            });
            watchDetails(node, map);
          }
          if (overlay) { overlay.remove(); }
          overlay = L.imageOverlay(url, bounds, { alt: input.getAttribute('aria-label') || '' }).addTo(map);
          map.invalidateSize();
          map.fitBounds(bounds);
          redraw();
        };
        img.src = url;
      });
    });
    if (tools) {
      tools.addEventListener('click', function (ev) {
        var b = ev.target.closest('button[data-action]');
        if (!b || !map) { return; }
        var a = b.getAttribute('data-action');
        if (a === 'ref_a' || a === 'ref_b' || a === 'trace') { mode = a; node.classList.add('drawing'); if (a === 'trace') { traced = []; } }
        else if (a === 'undo') { traced.pop(); }
        else if (a === 'finish') { mode = null; node.classList.remove('drawing'); }
        redraw();
      });
    }
    // The image stays here: only its first bytes go to the server, which checks what it is.
    if (form) {
      form.addEventListener('submit', function () {
        var file = input.files && input.files[0];
        if (!file || !window.DataTransfer) { return; }
        try {
          var dt = new DataTransfer();
          dt.items.add(new File([file.slice(0, 64)], file.name, { type: file.type }));
          input.files = dt.files;
        } catch (e) { /* the whole file goes; the server reads only its head */ }
      });
    }
  }

  function start() {
    if (!window.L) { return; }
    // A map in a closed <details> has no size yet: it starts when opened.
    document.querySelectorAll('.site-map[data-mode]').forEach(function (node) {
      var closed = node.closest('details:not([open])');
      if (!closed) { initDraw(node); return; }
      closed.addEventListener('toggle', function once() {
        if (!closed.open) { return; }
        closed.removeEventListener('toggle', once);
        initDraw(node);
      });
    });
    initTrace();
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
}());
