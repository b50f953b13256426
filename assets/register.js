// Check-as-you-type for the register form (progressive enhancement: without this file the
// form still works and the server gives the same messages on submit). The phone and the ID
// number are sent to /register/check once complete (or when the field is left); the answer
// is a small HTML fragment written by the server, shown in a polite live region.
(function () {
  'use strict';
  var form = document.querySelector('form[data-live-check]');
  if (!form || !window.fetch) { return; }
  // Length at which a value is worth checking while typing (spaces and dashes aside).
  var complete = { phone: 11, id_number: 18 };
  Object.keys(complete).forEach(function (name) {
    var input = form.querySelector('[name="' + name + '"]');
    if (!input) { return; }
    var slot = document.createElement('div');
    slot.id = input.id + '-live';
    slot.className = 'live-check';
    slot.setAttribute('aria-live', 'polite');
    input.parentNode.appendChild(slot);
    var described = input.getAttribute('aria-describedby');
    input.setAttribute('aria-describedby', (described ? described + ' ' : '') + slot.id);
    var timer = null;
    var last = null;
    function check(force) {
      var value = input.value.trim();
      var bare = value.replace(/[\s-]/g, '').replace(/^(\+86|0086)/, '');
      if (!force && bare.length < complete[name]) { return; }
      if (value === last) { return; }
      last = value;
      if (!value) { slot.textContent = ''; input.removeAttribute('aria-invalid'); return; }
      var url = '/register/check?field=' + name + '&value=' + encodeURIComponent(value);
      fetch(url, { credentials: 'same-origin', headers: { Accept: 'text/html' } })
        .then(function (r) { return r.ok ? r.text() : ''; })
        .then(function (fragment) {
          if (input.value.trim() !== value || !fragment) { return; }
          slot.innerHTML = fragment;
          var bad = slot.querySelector('[data-valid="false"]');
          if (bad) { input.setAttribute('aria-invalid', 'true'); } else { input.removeAttribute('aria-invalid'); }
          // The message from the last submit is now out of date.
          var old = document.getElementById(input.id + '-err');
          if (old) { old.remove(); }
        })
        .catch(function () { /* offline: the server checks on submit anyway */ });
    }
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () { check(false); }, 300);
    });
    input.addEventListener('change', function () { check(true); });
    input.addEventListener('blur', function () { check(true); });
  });
})();
