// The console's only script (CSP: scripts from this origin only, nothing inline). htmx sends the CSRF
// token of the page with every request it makes.
document.addEventListener('htmx:configRequest', function (event) {
  var token = document.querySelector('meta[name="_csrf"]');
  var header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header) {
    event.detail.headers[header.content] = token.content;
  }
});

// A plain form (no htmx) marked data-disable-in-flight: its buttons are disabled once it is sent, so a
// double-click sends it once (the request's Idempotency-Key covers a resend after a lost answer).
document.addEventListener('submit', function (event) {
  var form = event.target;
  if (form && form.hasAttribute && form.hasAttribute('data-disable-in-flight') && !form.hasAttribute('hx-post')) {
    window.setTimeout(function () {
      form.querySelectorAll('button').forEach(function (b) { b.disabled = true; });
    }, 0);
  }
});

// A print button (data-print): the browser's print dialog, with the page's print stylesheet (A4).
document.addEventListener('click', function (event) {
  var target = event.target;
  if (target && target.closest && target.closest('[data-print]')) {
    event.preventDefault();
    window.print();
  }
});

// The top bar's menus (<details class="nav-group">): one open at a time; a click elsewhere or Esc closes them.
document.addEventListener('click', function (event) {
  document.querySelectorAll('details.nav-group[open]').forEach(function (d) {
    if (!d.contains(event.target)) {
      d.removeAttribute('open');
    }
  });
});
document.addEventListener('keydown', function (event) {
  if (event.key === 'Escape') {
    document.querySelectorAll('details.nav-group[open]').forEach(function (d) {
      d.removeAttribute('open');
      var summary = d.querySelector('summary');
      if (summary) {
        summary.focus();
      }
    });
  }
});
