// The dashboard's charts (ECharts from its WebJar), drawn from the page's data attributes: no inline script,
// no HTML tooltips (richText only, so nothing is written as HTML under the strict CSP). The same figures are
// in the page's table for screen readers and for print.
(function () {
  'use strict';
  function read(el) {
    try { return JSON.parse(el.getAttribute('data-chart')); } catch (e) { return null; }
  }
  function label(el, name) { return el.getAttribute('data-label-' + name) || name; }
  var COLORS = ['#b45309', '#1d4ed8', '#15803d', '#6b7280'];
  var charts = [];

  function progress(el) {
    var d = read(el);
    if (!d) { return; }
    var c = echarts.init(el, null, { renderer: 'canvas' });
    var series = [
      { name: label(el, 'enrolled'), type: 'line', data: d.enrolled, connectNulls: false, symbolSize: 6 },
      { name: label(el, 'completed'), type: 'line', data: d.completed, symbolSize: 6 },
      { name: label(el, 'placed'), type: 'line', data: d.placed, symbolSize: 6 }
    ];
    if (typeof d.quota === 'number') {
      series[0].markLine = { symbol: 'none', label: { position: 'insideEndTop', formatter: label(el, 'quota') + ' ' + d.quota },
        lineStyle: { type: 'dashed', color: '#6b7280' }, data: [{ yAxis: d.quota }] };
    }
    c.setOption({
      color: COLORS, animation: false, aria: { enabled: true },
      tooltip: { trigger: 'axis', renderMode: 'richText' },
      legend: { top: 0 }, grid: { left: 48, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: d.months.map(function (m) { return m + (document.documentElement.lang.indexOf('zh') === 0 ? '月' : ''); }) },
      yAxis: { type: 'value', minInterval: 1, max: function (v) { return Math.max(v.max, d.quota || 0); } },
      series: series
    });
    charts.push(c);
  }

  function rate(el) {
    var d = read(el);
    if (!d) { return; }
    function pct(bp) { return typeof bp === 'number' ? bp / 100 : null; }
    var c = echarts.init(el, null, { renderer: 'canvas' });
    var short = typeof d.placementRateBp === 'number' && typeof d.committedPlacementRateBp === 'number'
      && d.placementRateBp < d.committedPlacementRateBp;
    var placement = { name: label(el, 'placement'), type: 'bar', barWidth: '40%',
      data: [{ value: pct(d.completionRateBp), itemStyle: { color: '#1d4ed8' } },
             { value: pct(d.placementRateBp), itemStyle: { color: short ? '#b91c1c' : '#15803d' } }],
      label: { show: true, position: 'top', formatter: function (p) { return p.value == null ? '—' : p.value.toFixed(2) + '%'; } } };
    if (typeof d.committedPlacementRateBp === 'number') {
      placement.markLine = { symbol: 'none', lineStyle: { color: '#b91c1c', type: 'dashed' },
        label: { position: 'insideEndTop', formatter: label(el, 'committed') + ' ' + (d.committedPlacementRateBp / 100).toFixed(2) + '%' },
        data: [{ yAxis: d.committedPlacementRateBp / 100 }] };
    }
    c.setOption({
      color: ['#1d4ed8'], animation: false, aria: { enabled: true },
      tooltip: { renderMode: 'richText' }, grid: { left: 40, right: 16, top: 24, bottom: 28 },
      xAxis: { type: 'category', data: [label(el, 'completion'), label(el, 'placement')] },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [placement]
    });
    charts.push(c);
  }

  function money(el) {
    var d = read(el);
    if (!d) { return; }
    function wan(fen) { return typeof fen === 'number' ? Math.round(fen / 100) / 10000 : null; }
    var c = echarts.init(el, null, { renderer: 'canvas' });
    c.setOption({
      color: ['#b45309', '#15803d'], animation: false, aria: { enabled: true },
      tooltip: { renderMode: 'richText' }, grid: { left: 48, right: 16, top: 24, bottom: 28 },
      xAxis: { type: 'category', data: [label(el, 'committed'), label(el, 'paid')] },
      yAxis: { type: 'value', min: 0 },
      series: [{ type: 'bar', barWidth: '40%', colorBy: 'data', data: [wan(d.committedFen), wan(d.paidFen)],
        label: { show: true, position: 'top', formatter: function (p) { return p.value == null ? '—' : p.value.toFixed(2); } } }]
    });
    charts.push(c);
  }

  function draw() {
    if (!window.echarts) { return; }
    var p = document.getElementById('chart-progress');
    var r = document.getElementById('chart-rate');
    var m = document.getElementById('chart-money');
    if (p) { progress(p); }
    if (r) { rate(r); }
    if (m) { money(m); }
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
