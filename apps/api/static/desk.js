// Keyboard shortcuts for the analysts' desk. Everything works without this script (links,
// forms, accesskeys); with it, single letters move through the queue and to the actions.
// A letter only ever moves the focus: deciding on a finding still takes Enter or a click,
// so a stray key can never confirm or dismiss anything.
(function () {
  'use strict';
  var help = document.getElementById('shortcuts');
  var queue = document.getElementById('queue');
  var rows = queue ? queue.querySelectorAll('tbody tr[data-row]') : [];
  var selected = -1;

  function isTyping(target) {
    if (!target || !target.tagName) return false;
    var tag = target.tagName;
    return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable;
  }

  function mark(index) {
    if (selected >= 0 && rows[selected]) rows[selected].classList.remove('selected');
    selected = index;
    rows[selected].classList.add('selected');
  }

  // The row's link takes the focus, so Enter opens the station the way any link opens.
  function selectRow(index) {
    if (rows.length === 0) return false;
    mark(Math.max(0, Math.min(rows.length - 1, index)));
    var link = rows[selected].querySelector('a.row-link');
    if (link) link.focus();
    rows[selected].scrollIntoView({ block: 'nearest' });
    return true;
  }

  if (queue) {
    // Tabbing into a row selects it too: j and k go on from where the reader is.
    queue.addEventListener('focusin', function (event) {
      var row = event.target.closest && event.target.closest('tr[data-row]');
      if (row) mark(Array.prototype.indexOf.call(rows, row));
    });
  }

  // The finding the reader is in (focus inside it), else the one the page marks as current.
  function currentFinding() {
    var active = document.activeElement;
    var inside = active && active.closest ? active.closest('.finding[data-flag]') : null;
    return inside || document.querySelector('.finding[data-current]');
  }

  function focusAction(letter) {
    var finding = currentFinding();
    var target = finding && finding.querySelector('[data-key="' + letter + '"]');
    if (!target) return false;
    target.focus();
    target.scrollIntoView({ block: 'center' });
    return true;
  }

  function toggleHelp() {
    if (!help) return false;
    help.open = !help.open;
    if (help.open) help.querySelector('summary').focus();
    return true;
  }

  document.addEventListener('keydown', function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey) return;
    if (isTyping(event.target)) return;
    var handled = false;
    switch (event.key) {
      case '?':
        handled = toggleHelp();
        break;
      case 'j':
        handled = selectRow(selected + 1);
        break;
      case 'k':
        handled = selectRow(selected < 0 ? 0 : selected - 1);
        break;
      case 'c':
      case 'd':
      case 'm':
      case 'n':
        handled = focusAction(event.key);
        break;
    }
    if (handled) event.preventDefault();
  });
})();
