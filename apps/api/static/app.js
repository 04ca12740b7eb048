// Progressive enhancement for the voter's forms. Without this script every form still works
// (plain HTML posts). With it, a form marked data-queue is sent by the page: kept in
// IndexedDB first, so a photo taken during a blackout is not lost when the page is closed,
// sent with visible progress, and retried when the network comes back. A form marked
// data-keep="page" (how I voted: a phone number beside a choice) is held in this page's
// memory only, never written to the device, where a seized phone would give it away.
(function () {
  'use strict';
  var DB_NAME = 'crosstally-outbox';
  var STORE = 'outbox';
  var panel = document.getElementById('outbox');
  var forms = document.querySelectorAll('form[data-queue][data-api]');
  if (!panel || !('indexedDB' in window) || !window.FormData || forms.length === 0) return;
  var text = panel.dataset;
  var sending = false;
  // Items of data-keep="page" forms: retried like the others while the page is open.
  var inPage = [];

  function openDb() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = function () {
        request.result.createObjectStore(STORE, { keyPath: 'id' });
      };
      request.onsuccess = function () {
        resolve(request.result);
      };
      request.onerror = function () {
        reject(request.error);
      };
    });
  }

  function withStore(mode, work) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, mode);
        var result = work(tx.objectStore(STORE));
        // One connection per transaction, closed after it: flush runs every 15 s.
        tx.oncomplete = function () {
          db.close();
          resolve(result && 'result' in result ? result.result : undefined);
        };
        tx.onerror = function () {
          db.close();
          reject(tx.error);
        };
      });
    });
  }

  function all() {
    return withStore('readonly', function (store) {
      return store.getAll();
    })
      .catch(function () {
        return [];
      })
      .then(function (stored) {
        return stored.concat(inPage);
      });
  }

  function put(item) {
    return withStore('readwrite', function (store) {
      store.put(item);
    });
  }

  function remove(id) {
    var before = inPage.length;
    inPage = inPage.filter(function (item) {
      return item.id !== id;
    });
    if (inPage.length !== before) return Promise.resolve();
    return withStore('readwrite', function (store) {
      store.delete(id);
    });
  }

  function row(item) {
    var li = document.getElementById('outbox-' + item.id);
    if (!li) {
      li = document.createElement('li');
      li.id = 'outbox-' + item.id;
      panel.querySelector('ul').appendChild(li);
    }
    panel.hidden = false;
    return li;
  }

  function show(item, message, state, link) {
    var li = row(item);
    li.className = 'outbox-' + state;
    li.textContent = item.label + ': ' + message + ' ';
    if (link) {
      var a = document.createElement('a');
      a.href = link;
      a.textContent = text.receipt;
      li.appendChild(a);
    }
  }

  function waitingText(item) {
    return item.inPage ? text.waitingPage : text.waiting;
  }

  function fill(template, value) {
    return template.replace(/\{\w+\}/, value);
  }

  // A refused form is filled in again (files aside: a page cannot set them) so the voter
  // corrects it rather than typing it all again. Only on the form that sent it (same station),
  // and never over what was typed since.
  function restore(item) {
    Array.prototype.forEach.call(forms, function (form) {
      if (form.dataset.api !== item.api) return;
      item.fields.forEach(function (pair) {
        var field = form.elements.namedItem(pair[0]);
        if (!field || typeof pair[1] !== 'string' || field.type === 'file') return;
        if (field.type === 'radio') field.checked = field.value === pair[1];
        else if (!field.type || field.type === 'hidden' || field.value === '') field.value = pair[1];
      });
      keypadFor(form);
    });
  }

  function send(item) {
    return new Promise(function (resolve) {
      var body = new FormData();
      item.fields.forEach(function (pair) {
        body.append(pair[0], pair[1]);
      });
      var xhr = new XMLHttpRequest();
      xhr.open('POST', item.api);
      xhr.setRequestHeader('accept', 'application/json');
      xhr.upload.onprogress = function (event) {
        if (event.lengthComputable)
          show(item, fill(text.sending, Math.round((100 * event.loaded) / event.total)), 'sending');
      };
      xhr.onload = function () {
        var answer = {};
        try {
          answer = JSON.parse(xhr.responseText);
        } catch {
          answer = {};
        }
        if (xhr.status >= 200 && xhr.status < 300) {
          var link = answer.id ? '/' + document.documentElement.lang + '/photos/' + answer.id : null;
          show(item, answer.message || text.sent, 'sent', link);
          resolve('done');
        } else if (xhr.status === 429 || xhr.status >= 500) {
          show(item, waitingText(item), 'waiting');
          resolve('later');
        } else {
          show(item, fill(text.rejected, answer.message || String(xhr.status)), 'rejected');
          restore(item);
          resolve('done');
        }
      };
      xhr.onerror = function () {
        show(item, waitingText(item), 'waiting');
        resolve('later');
      };
      show(item, fill(text.sending, 0), 'sending');
      xhr.send(body);
    });
  }

  function flush() {
    if (sending) return Promise.resolve();
    sending = true;
    return all()
      .then(function (items) {
        return items.reduce(function (chain, item) {
          return chain.then(function () {
            return send(item).then(function (outcome) {
              if (outcome === 'done') return remove(item.id);
            });
          });
        }, Promise.resolve());
      })
      .catch(function () {})
      .then(function () {
        sending = false;
      });
  }

  // The phone keypad while a phone number is asked for; letters for an invitation code.
  function keypadFor(form) {
    var token = form.elements.namedItem('voterToken');
    var kind = form.elements.namedItem('voterKind');
    if (!token || !kind) return;
    if (kind.value === 'phone') token.setAttribute('inputmode', 'tel');
    else token.removeAttribute('inputmode');
  }

  Array.prototype.forEach.call(forms, function (form) {
    keypadFor(form);
    form.addEventListener('change', function () {
      keypadFor(form);
    });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var fields = [];
      new FormData(form).forEach(function (value, name) {
        // An empty file input means "no file", as the plain form treats it.
        if (value instanceof File && value.name === '' && value.size === 0) return;
        fields.push([name, value]);
      });
      var item = {
        id: Date.now().toString(36) + Math.random().toString(36).slice(2, 8),
        api: form.dataset.api,
        label: form.dataset.label || form.dataset.queue,
        fields: fields,
        inPage: form.dataset.keep === 'page',
      };
      var kept = item.inPage ? Promise.resolve(inPage.push(item)) : put(item);
      kept
        .then(function () {
          show(item, waitingText(item), 'waiting');
          form.reset();
          keypadFor(form);
          return flush();
        })
        .catch(function () {
          // No storage (private mode, quota): the plain form still works.
          form.submit();
        });
    });
  });

  all().then(function (items) {
    items.forEach(function (item) {
      show(item, text.waiting, 'waiting');
    });
    flush();
  });
  window.addEventListener('online', flush);
  setInterval(flush, 15000);
})();
