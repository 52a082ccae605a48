// The monitoring trends' charts (ECharts from its WebJar), drawn from the page's data attributes like the
// dashboard's: no inline script, richText tooltips only (strict CSP). The same figures are in the page's tables.
(function () {
  'use strict';
  function read(el) {
    try { return JSON.parse(el.getAttribute('data-chart')); } catch (e) { return null; }
  }
  function label(el, name) { return el.getAttribute('data-label-' + name) || name; }
  var charts = [];
  function quarters(el, d) {
    var zh = document.documentElement.lang.indexOf('zh') === 0;
    return d.map(function (q) { return zh ? '第' + q.quarter + '季度' : 'Q' + q.quarter; });
  }
  function reported(q, v) { return q.pointsReporting > 0 ? v : null; }

  function labour(el) {
    var d = read(el);
    if (!d) { return; }
    var c = echarts.init(el, null, { renderer: 'canvas' });
    c.setOption({
      color: ['#6b7280', '#15803d', '#1d4ed8', '#b45309'], animation: false, aria: { enabled: true },
      tooltip: { trigger: 'axis', renderMode: 'richText' }, legend: { top: 0 },
      grid: { left: 56, right: 56, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: quarters(el, d) },
      yAxis: [{ type: 'value', minInterval: 1 }, { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } }],
      series: [
        { name: label(el, 'labourers'), type: 'bar', data: d.map(function (q) { return reported(q, q.labourers); }) },
        { name: label(el, 'transferred'), type: 'bar', data: d.map(function (q) { return reported(q, q.transferred); }) },
        { name: label(el, 'newly'), type: 'bar', data: d.map(function (q) { return reported(q, q.newlyTransferred); }) },
        { name: label(el, 'rate'), type: 'line', yAxisIndex: 1, symbolSize: 6,
          data: d.map(function (q) { return typeof q.transferRateBp === 'number' ? q.transferRateBp / 100 : null; }) }
      ]
    });
    charts.push(c);
  }

  function where(el) {
    var d = read(el);
    if (!d) { return; }
    var c = echarts.init(el, null, { renderer: 'canvas' });
    function s(name, key) {
      return { name: label(el, name), type: 'bar', stack: 'where', data: d.map(function (q) { return reported(q, q[key]); }) };
    }
    c.setOption({
      color: ['#15803d', '#1d4ed8', '#b45309'], animation: false, aria: { enabled: true },
      tooltip: { trigger: 'axis', renderMode: 'richText' }, legend: { top: 0 },
      grid: { left: 56, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: quarters(el, d) }, yAxis: { type: 'value', minInterval: 1 },
      series: [s('in-county', 'inCounty'), s('in-province', 'inProvince'), s('out', 'outOfProvince')]
    });
    charts.push(c);
  }

  function needs(el) {
    var d = read(el);
    if (!d) { return; }
    var c = echarts.init(el, null, { renderer: 'canvas' });
    c.setOption({
      color: ['#b45309'], animation: false, aria: { enabled: true },
      tooltip: { renderMode: 'richText' }, grid: { left: 56, right: 16, top: 16, bottom: 28 },
      xAxis: { type: 'category', data: d.map(function (n) { return n.majorName; }) }, yAxis: { type: 'value', minInterval: 1 },
      series: [{ name: label(el, 'head'), type: 'bar', barMaxWidth: 48, data: d.map(function (n) { return n.headCount; }),
        label: { show: true, position: 'top' } }]
    });
    charts.push(c);
  }

  function draw() {
    if (!window.echarts) { return; }
    var l = document.getElementById('chart-labour');
    var w = document.getElementById('chart-where');
    var n = document.getElementById('chart-needs');
    if (l) { labour(l); }
    if (w) { where(w); }
    if (n) { needs(n); }
    document.documentElement.setAttribute('data-charts', String(charts.length));
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', draw);
  } else {
    draw();
  }
  window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
  window.addEventListener('beforeprint', function () { charts.forEach(function (c) { c.resize(); }); });
})();
