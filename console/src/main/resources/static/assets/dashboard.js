// The dashboard's charts (ECharts from its WebJar), drawn from the page's data attributes by console.js's
// sunshineCharts: no inline script, no HTML tooltips (richText only, so nothing is written as HTML under the strict
// CSP). The same figures are in the page's table for screen readers and for print.
(function () {
  'use strict';
  var COLORS = ['#b45309', '#1d4ed8', '#15803d', '#6b7280'];

  function progress(d, label) {
    var series = [
      { name: label('enrolled'), type: 'line', data: d.enrolled, connectNulls: false, symbolSize: 6 },
      { name: label('completed'), type: 'line', data: d.completed, symbolSize: 6 },
      { name: label('placed'), type: 'line', data: d.placed, symbolSize: 6 }
    ];
    if (typeof d.quota === 'number') {
      series[0].markLine = { symbol: 'none', label: { position: 'insideEndTop', formatter: label('quota') + ' ' + d.quota },
        lineStyle: { type: 'dashed', color: '#6b7280' }, data: [{ yAxis: d.quota }] };
    }
    return {
      color: COLORS, animation: false, aria: { enabled: true },
      tooltip: { trigger: 'axis', renderMode: 'richText' },
      legend: { top: 0 }, grid: { left: 48, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: d.months.map(function (m) { return m + (document.documentElement.lang.indexOf('zh') === 0 ? '月' : ''); }) },
      yAxis: { type: 'value', minInterval: 1, max: function (v) { return Math.max(v.max, d.quota || 0); } },
      series: series
    };
  }

  function rate(d, label) {
    function pct(bp) { return typeof bp === 'number' ? bp / 100 : null; }
    var short = typeof d.placementRateBp === 'number' && typeof d.committedPlacementRateBp === 'number'
      && d.placementRateBp < d.committedPlacementRateBp;
    var placement = { name: label('placement'), type: 'bar', barWidth: '40%',
      data: [{ value: pct(d.completionRateBp), itemStyle: { color: '#1d4ed8' } },
             { value: pct(d.placementRateBp), itemStyle: { color: short ? '#b91c1c' : '#15803d' } }],
      label: { show: true, position: 'top', formatter: function (p) { return p.value == null ? '—' : p.value.toFixed(2) + '%'; } } };
    if (typeof d.committedPlacementRateBp === 'number') {
      placement.markLine = { symbol: 'none', lineStyle: { color: '#b91c1c', type: 'dashed' },
        label: { position: 'insideEndTop', formatter: label('committed') + ' ' + (d.committedPlacementRateBp / 100).toFixed(2) + '%' },
        data: [{ yAxis: d.committedPlacementRateBp / 100 }] };
    }
    return {
      color: ['#1d4ed8'], animation: false, aria: { enabled: true },
      tooltip: { renderMode: 'richText' }, grid: { left: 40, right: 16, top: 24, bottom: 28 },
      xAxis: { type: 'category', data: [label('completion'), label('placement')] },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [placement]
    };
  }

  function money(d, label) {
    function wan(fen) { return typeof fen === 'number' ? Math.round(fen / 100) / 10000 : null; }
    return {
      color: ['#b45309', '#15803d'], animation: false, aria: { enabled: true },
      tooltip: { renderMode: 'richText' }, grid: { left: 48, right: 16, top: 24, bottom: 28 },
      xAxis: { type: 'category', data: [label('committed'), label('paid')] },
      yAxis: { type: 'value', min: 0 },
      series: [{ type: 'bar', barWidth: '40%', colorBy: 'data', data: [wan(d.committedFen), wan(d.paidFen)],
        label: { show: true, position: 'top', formatter: function (p) { return p.value == null ? '—' : p.value.toFixed(2); } } }]
    };
  }

  window.sunshineCharts({ 'chart-progress': progress, 'chart-rate': rate, 'chart-money': money });
})();
