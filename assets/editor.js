// The stall editor (/sites/{id}/editor): tap or shift-tap stalls on the plan to select them
// (the list's checkboxes hold the selection, so the page works without this script), drag a
// selected stall to move it, drag the round handle of a single selected stall to turn it, tap
// open ground to place a new stall there. Stalls are found by their data-stall-id/data-code
// attributes, else by the code in their <title>.
//
// A long street is drawn as a strip turned along its length and cut into stacked segments, so
// a point on the screen is in site metres only through the segment it is drawn in: the plan
// carries that mapping (data-map, see src/views/plan.rs) and every pointer position goes
// through the segment's own transform, then the strip's turn, back to metres east and north.
(function () {
  "use strict";
  var figure = document.getElementById("editor-plan");
  var form = document.getElementById("editor-form");
  if (!figure || !form) return;
  var svg = figure.querySelector("svg");
  if (!svg) return;
  // angle (radians the site is turned clockwise), turned min x, turned max y, left padding,
  // top padding, segment length, row height: all in metres.
  var map = (svg.dataset.map || "0 0 0 0 0 1 1").split(" ").map(Number);
  var segments = Array.prototype.slice.call(svg.querySelectorAll("g.segment"));
  var boxes = {};
  Array.prototype.forEach.call(form.querySelectorAll("input[name=ids]"), function (box) {
    boxes[box.dataset.code] = box;
    boxes["#" + box.value] = box;
  });
  function codeOf(g) {
    if (g.dataset.stallId && boxes["#" + g.dataset.stallId]) return boxes["#" + g.dataset.stallId].dataset.code;
    if (g.dataset.code) return g.dataset.code;
    var title = g.querySelector("title");
    return title ? title.textContent.trim() : null;
  }
  var stalls = Array.prototype.slice.call(svg.querySelectorAll("g.stall"));
  function selected() {
    return stalls.filter(function (g) { return g.classList.contains("st-highlight"); });
  }

  // Screen → the coordinates of segment `seg` (what its stalls are drawn in).
  function inSegment(seg, evt) {
    var p = svg.createSVGPoint();
    p.x = evt.clientX;
    p.y = evt.clientY;
    return p.matrixTransform((seg || svg).getScreenCTM().inverse());
  }
  // The segment drawn under the pointer: the stacked rows are row-height apart.
  function segmentAt(evt) {
    if (segments.length <= 1) return segments[0] || null;
    var p = inSegment(null, evt);
    var i = Math.min(segments.length - 1, Math.max(0, Math.floor(p.y / map[6])));
    return segments[i];
  }
  // Segment coordinates → local metres (x east, y north of the site's centroid): undo the
  // drawing's offsets, then the strip's turn.
  function toSite(p) {
    var tx = p.x - map[3] + map[1], ty = map[2] + map[4] - p.y;
    var c = Math.cos(map[0]), s = Math.sin(map[0]);
    return { x: tx * c - ty * s, y: tx * s + ty * c };
  }

  function paint() {
    stalls.forEach(function (g) {
      var box = boxes[codeOf(g)];
      var on = !!(box && box.checked);
      g.classList.toggle("st-highlight", on);
      g.setAttribute("aria-selected", on ? "true" : "false");
    });
    placeHandle();
  }

  function submit(action, fields) {
    Object.keys(fields).forEach(function (k) { form.elements[k].value = fields[k]; });
    var input = document.createElement("input");
    input.type = "hidden";
    input.name = "action";
    input.value = action;
    form.appendChild(input);
    form.submit();
  }

  // A drag: a move of the selection, or a turn of one stall by its handle.
  var drag = null;
  function begin(evt, kind, g) {
    var seg = g.closest("g.segment");
    drag = { kind: kind, seg: seg, start: inSegment(seg, evt), moved: false, stall: g };
    if (kind === "turn") {
      var outline = g.querySelector("path"), b = (outline || g).getBBox();
      drag.centre = { x: b.x + b.width / 2, y: b.y + b.height / 2 };
    }
    svg.setPointerCapture(evt.pointerId);
    // The plan's pan (plan.js) listens on the same drawing: this gesture is the editor's.
    evt.stopPropagation();
    evt.preventDefault();
  }
  // Degrees counter-clockwise in the site from the start of a turn to `p` (both in the
  // stall's segment), measured in site metres so the strip's turn and flip cannot skew it.
  function turnDegrees(p) {
    var c = toSite(drag.centre), a = toSite(drag.start), b = toSite(p);
    var d = (Math.atan2(b.y - c.y, b.x - c.x) - Math.atan2(a.y - c.y, a.x - c.x)) * 180 / Math.PI;
    while (d > 180) d -= 360;
    while (d <= -180) d += 360;
    return d;
  }
  stalls.forEach(function (g) {
    g.style.cursor = "pointer";
    g.addEventListener("pointerdown", function (evt) {
      var box = boxes[codeOf(g)];
      if (!box || !box.checked || evt.shiftKey) return;
      begin(evt, "move", g);
    });
    g.addEventListener("click", function (evt) {
      evt.stopPropagation();
      if (drag && drag.moved) return;
      var box = boxes[codeOf(g)];
      if (!box) return;
      if (evt.shiftKey || evt.ctrlKey || evt.metaKey) {
        box.checked = !box.checked;
      } else {
        var was = box.checked;
        Object.keys(boxes).forEach(function (k) { boxes[k].checked = false; });
        box.checked = !was;
      }
      paint();
    });
  });

  // The turn handle: a ring beside a single selected stall, in the stall's own segment.
  var handle = null;
  function placeHandle() {
    if (handle) { handle.remove(); handle = null; }
    var one = selected();
    if (one.length !== 1) return;
    var g = one[0], outline = g.querySelector("path"), b = (outline || g).getBBox();
    var r = Math.max(parseFloat(svg.dataset.minFont) || 1, 0.6) * 0.8;
    handle = document.createElementNS("http://www.w3.org/2000/svg", "circle");
    handle.setAttribute("class", "turn-handle");
    handle.setAttribute("aria-hidden", "true");
    handle.setAttribute("r", r.toFixed(2));
    handle.setAttribute("cx", (b.x + b.width / 2).toFixed(2));
    handle.setAttribute("cy", (b.y - r * 1.6).toFixed(2));
    handle.style.cursor = "grab";
    (g.closest("g.segment") || svg).appendChild(handle);
    handle.addEventListener("pointerdown", function (evt) { begin(evt, "turn", g); });
    handle.addEventListener("click", function (evt) { evt.stopPropagation(); });
  }

  svg.addEventListener("pointermove", function (evt) {
    if (!drag || !drag.kind) return;
    var p = inSegment(drag.seg, evt);
    var dx = p.x - drag.start.x, dy = p.y - drag.start.y;
    if (Math.abs(dx) + Math.abs(dy) > 0.1) drag.moved = true;
    if (drag.kind === "turn") {
      // A turn counter-clockwise in the site is counter-clockwise on the screen too (the
      // strip is only turned and flipped top to bottom), and SVG's rotate() is clockwise.
      var t = "rotate(" + (-turnDegrees(p)).toFixed(2) + " " + drag.centre.x + " " + drag.centre.y + ")";
      drag.stall.setAttribute("transform", t);
      return;
    }
    // The preview moves each stall within its own segment (segments differ by a shift only,
    // so the same delta); the drop is read where the pointer is let go.
    selected().forEach(function (g) {
      g.setAttribute("transform", "translate(" + dx + " " + dy + ")");
    });
  });
  svg.addEventListener("pointerup", function (evt) {
    if (!drag || !drag.kind) return;
    var moved = drag.moved, kind = drag.kind;
    var end = inSegment(drag.seg, evt);
    var degrees = kind === "turn" ? turnDegrees(end) : 0;
    // Where the stall was picked up and where it is let go, each in metres through the
    // segment it is drawn in (a stall may be dropped onto the next row of the strip).
    var from = toSite(drag.start);
    var to = toSite(inSegment(segmentAt(evt), evt));
    drag = moved ? { moved: true } : null;
    if (!moved) return;
    setTimeout(function () { drag = null; }, 0);
    if (kind === "turn") {
      // Whole degrees: a finger is no finer, and a quarter turn comes out a quarter.
      submit("turn", { degrees: Math.round(degrees).toFixed(0) });
    } else {
      submit("drag", { dx: (to.x - from.x).toFixed(3), dy: (to.y - from.y).toFixed(3) });
    }
  });

  // Tap on open ground: the add form takes the point (metres east/north of the site's centre).
  var addForm = document.getElementById("add-form");
  svg.addEventListener("click", function (evt) {
    if (!addForm || evt.target.closest("g.stall") || evt.target === handle) return;
    // The click that ends a drag (the drawing holds the pointer) places nothing.
    if (drag && drag.moved) return;
    var seg = segmentAt(evt);
    var p = inSegment(seg, evt);
    var at = toSite(p);
    addForm.elements.x.value = at.x.toFixed(2);
    addForm.elements.y.value = at.y.toFixed(2);
    var marker = svg.querySelector("#add-marker");
    if (!marker) {
      marker = document.createElementNS("http://www.w3.org/2000/svg", "circle");
      marker.id = "add-marker";
      marker.setAttribute("r", "0.8");
      marker.setAttribute("class", "add-marker");
    }
    (seg || svg).appendChild(marker);
    marker.setAttribute("cx", p.x);
    marker.setAttribute("cy", p.y);
    var button = addForm.querySelector("button[type=submit]");
    if (button) button.focus();
  });
  form.addEventListener("change", paint);
  paint();
  var refused = figure.dataset.refused;
  if (refused && boxes["#" + refused]) {
    stalls.forEach(function (g) {
      if (codeOf(g) === boxes["#" + refused].dataset.code) g.classList.add("st-refused");
    });
  }
})();
