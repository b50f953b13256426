// The stall editor (/sites/{id}/editor): tap or shift-tap stalls on the plan to select them
// (the list's checkboxes hold the selection, so the page works without this script), drag a
// selected stall to move it, tap open ground to place a new stall there. Stalls are found by
// their data-stall-id/data-code attributes, else by the code in their <title>.
(function () {
  "use strict";
  var figure = document.getElementById("editor-plan");
  var form = document.getElementById("editor-form");
  if (!figure || !form) return;
  var svg = figure.querySelector("svg");
  if (!svg) return;
  var ox = parseFloat(figure.dataset.originX) || 0;
  var oy = parseFloat(figure.dataset.originY) || 0;
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
  function paint() {
    stalls.forEach(function (g) {
      var box = boxes[codeOf(g)];
      var on = !!(box && box.checked);
      g.classList.toggle("st-highlight", on);
      g.setAttribute("aria-selected", on ? "true" : "false");
    });
  }
  function svgPoint(evt) {
    var p = svg.createSVGPoint();
    p.x = evt.clientX;
    p.y = evt.clientY;
    return p.matrixTransform(svg.getScreenCTM().inverse());
  }
  var drag = null;
  stalls.forEach(function (g) {
    g.style.cursor = "pointer";
    g.addEventListener("pointerdown", function (evt) {
      var box = boxes[codeOf(g)];
      if (!box || !box.checked || evt.shiftKey) return;
      drag = { start: svgPoint(evt), moved: false, id: evt.pointerId };
      svg.setPointerCapture(evt.pointerId);
      evt.preventDefault();
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
  svg.addEventListener("pointermove", function (evt) {
    if (!drag) return;
    var p = svgPoint(evt);
    var dx = p.x - drag.start.x, dy = p.y - drag.start.y;
    if (Math.abs(dx) + Math.abs(dy) > 0.1) drag.moved = true;
    stalls.forEach(function (g) {
      if (g.classList.contains("st-highlight")) g.setAttribute("transform", "translate(" + dx + " " + dy + ")");
    });
  });
  svg.addEventListener("pointerup", function (evt) {
    if (!drag) return;
    var p = svgPoint(evt);
    var moved = drag.moved;
    var dx = p.x - drag.start.x, dy = p.y - drag.start.y;
    drag = moved ? { moved: true } : null;
    if (!moved) return;
    setTimeout(function () { drag = null; }, 0);
    form.elements.dx.value = dx.toFixed(3);
    form.elements.dy.value = (-dy).toFixed(3);
    var action = document.createElement("input");
    action.type = "hidden";
    action.name = "action";
    action.value = "drag";
    form.appendChild(action);
    form.submit();
  });
  // Tap on open ground: the add form takes the point (metres east/north of the site's centre).
  var addForm = document.getElementById("add-form");
  svg.addEventListener("click", function (evt) {
    if (!addForm || evt.target.closest("g.stall")) return;
    var p = svgPoint(evt);
    addForm.elements.x.value = (p.x + ox).toFixed(2);
    addForm.elements.y.value = (oy - p.y).toFixed(2);
    var marker = svg.getElementById ? svg.getElementById("add-marker") : null;
    if (!marker) {
      marker = document.createElementNS("http://www.w3.org/2000/svg", "circle");
      marker.id = "add-marker";
      marker.setAttribute("r", "0.8");
      marker.setAttribute("class", "add-marker");
      svg.appendChild(marker);
    }
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
