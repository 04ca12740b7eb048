// Keyboard help for the digitizer's task form; without it the form works the same with Tab
// and Enter (Enter anywhere sends it). With it, Enter moves to the next field and only
// Enter on the last line sends, and a field's content is selected when it gets the focus,
// so a correction is typed over the old number instead of being appended to it.
(function () {
  'use strict';
  var form = document.getElementById('entry');
  if (!form) return;
  var fields = Array.prototype.slice.call(form.querySelectorAll('input:not([type=hidden])'));
  var sent = false;

  form.addEventListener('keydown', function (event) {
    if (event.key !== 'Enter' || event.isComposing) return;
    var at = fields.indexOf(event.target);
    if (at < 0 || at === fields.length - 1) return;
    event.preventDefault();
    fields[at + 1].focus();
  });

  form.addEventListener('focusin', function (event) {
    if (event.target instanceof HTMLInputElement) event.target.select();
  });

  // A second Enter while the first is on its way would be refused as a second entry.
  form.addEventListener('submit', function (event) {
    if (sent) event.preventDefault();
    sent = true;
  });

  if (document.activeElement instanceof HTMLInputElement && form.contains(document.activeElement)) {
    document.activeElement.select();
  }
})();
