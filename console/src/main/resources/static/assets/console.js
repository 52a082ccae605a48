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

// The chart pages (dashboard.js, monitoring.js; ECharts from its WebJar, loaded after this script): a chart is an
// element with its figures as JSON in data-chart and its words in data-label-NAME. sunshineCharts({id: option, …})
// draws, once the page is read, each such element present: option(figures, label) answers its ECharts option (label(NAME)
// reads data-label-NAME, the name itself when missing); an element whose figures do not parse is left empty. How many
// were drawn goes to <html data-charts>; the charts follow the window's size and printing's.
window.sunshineCharts = function (options) {
  var charts = [];
  function draw() {
    if (!window.echarts) { return; }
    Object.keys(options).forEach(function (id) {
      var el = document.getElementById(id);
      var figures = null;
      try { figures = el && JSON.parse(el.getAttribute('data-chart')); } catch (e) { figures = null; }
      if (!figures) { return; }
      var label = function (name) { return el.getAttribute('data-label-' + name) || name; };
      var option = options[id](figures, label);
      var c = echarts.init(el, null, { renderer: 'canvas' });
      c.setOption(option);
      charts.push(c);
    });
    document.documentElement.setAttribute('data-charts', String(charts.length));
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', draw);
  } else {
    draw();
  }
  window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
  window.addEventListener('beforeprint', function () { charts.forEach(function (c) { c.resize(); }); });
};
