// Assigning from the plan on the manager's session page: tap a free stall → its candidates page;
// tap a booked stall, then a free one → the booking moves there (the hidden move form); the
// booked stall's cancel button is in the list below the plan. Stalls are found by their
// data-stall-id/data-code attributes, else by the code in their <title>.
(function () {
  "use strict";
  var section = document.getElementById("assign-plan");
  var svg = document.querySelector("figure.session-plan svg");
  if (!section || !svg) return;
  var status = document.getElementById("assign-status");
  var move = document.getElementById("plan-move");
  var free = {}, booked = {};
  Array.prototype.forEach.call(section.querySelectorAll("a.free-stall"), function (a) {
    free[a.dataset.code] = a;
  });
  Array.prototype.forEach.call(section.querySelectorAll("li.booked-stall"), function (li) {
    booked[li.dataset.code] = li;
  });
  var byId = {};
  Object.keys(free).forEach(function (k) { byId[free[k].dataset.stallId] = k; });
  Object.keys(booked).forEach(function (k) { byId[booked[k].dataset.stallId] = k; });
  function codeOf(g) {
    if (g.dataset.stallId && byId[g.dataset.stallId]) return byId[g.dataset.stallId];
    if (g.dataset.code) return g.dataset.code;
    var title = g.querySelector("title");
    return title ? title.textContent.trim() : null;
  }
  var picked = null;
  Array.prototype.forEach.call(svg.querySelectorAll("g.stall"), function (g) {
    var code = codeOf(g);
    if (!free[code] && !booked[code]) return;
    g.style.cursor = "pointer";
    g.addEventListener("click", function () {
      if (booked[code]) {
        Object.keys(booked).forEach(function (k) { booked[k].classList.remove("picked"); });
        if (picked === booked[code]) {
          picked = null;
          status.textContent = "";
          return;
        }
        picked = booked[code];
        picked.classList.add("picked");
        status.textContent = picked.dataset.picked;
        picked.scrollIntoView({ block: "nearest" });
        return;
      }
      if (picked) {
        move.elements.booking_id.value = picked.dataset.booking;
        move.elements.stall_id.value = free[code].dataset.stallId;
        move.submit();
        return;
      }
      window.location.href = free[code].href;
    });
  });
})();
