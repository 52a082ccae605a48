// The monitoring trends' charts (ECharts from its WebJar), drawn from the page's data attributes like the
// dashboard's, by console.js's sunshineCharts: no inline script, richText tooltips only (strict CSP). The same
// figures are in the page's tables.
(function () {
  'use strict';
  function quarters(d) {
    var zh = document.documentElement.lang.indexOf('zh') === 0;
    return d.map(function (q) { return zh ? '第' + q.quarter + '季度' : 'Q' + q.quarter; });
  }
  function reported(q, v) { return q.pointsReporting > 0 ? v : null; }

  function labour(d, label) {
    return {
      color: ['#6b7280', '#15803d', '#1d4ed8', '#b45309'], animation: false, aria: { enabled: true },
      tooltip: { trigger: 'axis', renderMode: 'richText' }, legend: { top: 0 },
      grid: { left: 56, right: 56, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: quarters(d) },
      yAxis: [{ type: 'value', minInterval: 1 }, { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } }],
      series: [
        { name: label('labourers'), type: 'bar', data: d.map(function (q) { return reported(q, q.labourers); }) },
        { name: label('transferred'), type: 'bar', data: d.map(function (q) { return reported(q, q.transferred); }) },
        { name: label('newly'), type: 'bar', data: d.map(function (q) { return reported(q, q.newlyTransferred); }) },
        { name: label('rate'), type: 'line', yAxisIndex: 1, symbolSize: 6,
          data: d.map(function (q) { return typeof q.transferRateBp === 'number' ? q.transferRateBp / 100 : null; }) }
      ]
    };
  }

  function where(d, label) {
    function s(name, key) {
      return { name: label(name), type: 'bar', stack: 'where', data: d.map(function (q) { return reported(q, q[key]); }) };
    }
    return {
      color: ['#15803d', '#1d4ed8', '#b45309'], animation: false, aria: { enabled: true },
      tooltip: { trigger: 'axis', renderMode: 'richText' }, legend: { top: 0 },
      grid: { left: 56, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: quarters(d) }, yAxis: { type: 'value', minInterval: 1 },
      series: [s('in-county', 'inCounty'), s('in-province', 'inProvince'), s('out', 'outOfProvince')]
    };
  }

  function needs(d, label) {
    return {
      color: ['#b45309'], animation: false, aria: { enabled: true },
      tooltip: { renderMode: 'richText' }, grid: { left: 56, right: 16, top: 16, bottom: 28 },
      xAxis: { type: 'category', data: d.map(function (n) { return n.majorName; }) }, yAxis: { type: 'value', minInterval: 1 },
      series: [{ name: label('head'), type: 'bar', barMaxWidth: 48, data: d.map(function (n) { return n.headCount; }),
        label: { show: true, position: 'top' } }]
    };
  }

  window.sunshineCharts({ 'chart-labour': labour, 'chart-where': where, 'chart-needs': needs });
})();
