// The phone's position for the complaint form (progressive enhancement: without this file,
// or without permission, the stall code or the lon/lat fields still work). The button shows
// only where the browser offers geolocation; the position fills the two fields.
(function () {
  'use strict';
  var button = document.getElementById('use-position');
  if (!button || !navigator.geolocation) { return; }
  button.hidden = false;
  button.addEventListener('click', function () {
    navigator.geolocation.getCurrentPosition(function (p) {
      document.getElementById('f-lon').value = p.coords.longitude.toFixed(7);
      document.getElementById('f-lat').value = p.coords.latitude.toFixed(7);
    }, function () {
      // Refused or unavailable (WeChat, plain http): say so and what to do instead.
      button.disabled = true;
      var status = document.getElementById('position-status');
      if (status) { status.textContent = button.getAttribute('data-unavailable') || ''; }
    }, { enableHighAccuracy: true, timeout: 10000 });
  });
})();
