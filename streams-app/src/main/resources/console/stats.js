'use strict';
(async () => {
  await Flipad.header();
  const COLORS = ['#2f5bd3', '#b42318', '#067647', '#93370d', '#6941c6'];
  const SVG = 'http://www.w3.org/2000/svg';
  const W = 400;
  const H = 170;
  const PAD = { left: 56, right: 12, top: 8, bottom: 22 };
  const $ = (id) => document.getElementById(id);

  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, v));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function rate(value) {
    return value >= 1 || value === 0 ? value.toFixed(1) : value.toPrecision(2);
  }

  function tidy(value) {
    if (value === 0) return '0';
    if (Math.abs(value) >= 100) return value.toFixed(0);
    if (Math.abs(value) >= 1) return value.toFixed(1);
    return value.toFixed(2);
  }

  // One chart: minutes along x (the last 60), each series a polyline; null values are gaps.
  function chart(element, points, series, format) {
    const values = series.flatMap((s) => points.map(s.value)).filter((v) => v !== null && !Number.isNaN(v));
    const top = Math.max(series.max || 0, ...values, 1e-9) * 1.1;
    const x = (i) => PAD.left + (i * (W - PAD.left - PAD.right)) / Math.max(1, points.length - 1);
    const y = (v) => H - PAD.bottom - (v / top) * (H - PAD.top - PAD.bottom);
    element.replaceChildren();
    [0, 0.5, 1].forEach((f) => {
      element.append(svg('line', { class: 'axis', x1: PAD.left, x2: W - PAD.right, y1: y(top * f), y2: y(top * f) }));
      element.append(svg('text', { class: 'label', x: PAD.left - 4, y: y(top * f) + 3, 'text-anchor': 'end' }, format(top * f)));
    });
    [0, 30, 59].forEach((i) => {
      if (points[i]) {
        const label = i === 59 ? 'now' : '−' + (59 - i) + ' min';
        element.append(svg('text', { class: 'label', x: x(i), y: H - 6, 'text-anchor': 'middle' }, label));
      }
    });
    series.forEach((s, n) => {
      let path = '';
      points.forEach((p, i) => {
        const v = s.value(p);
        if (v === null || Number.isNaN(v)) return;
        const gap = i === 0 || s.value(points[i - 1]) === null;
        path += (gap ? 'M' : 'L') + x(i).toFixed(1) + ' ' + y(v).toFixed(1) + ' ';
      });
      if (path) {
        element.append(svg('path', { class: 'line', d: path, stroke: COLORS[n % COLORS.length] }));
      }
      // A dot per minute with verdicts, so that a lone minute shows too.
      points.forEach((p, i) => {
        const v = s.value(p);
        if (v !== null && !Number.isNaN(v) && p.verdicts > 0) {
          element.append(svg('circle', { class: 'dot', cx: x(i), cy: y(v), r: 2.5, fill: COLORS[n % COLORS.length] }));
        }
      });
    });
  }

  function attributionOf(point, modelId) {
    const model = point.models.find((m) => m.modelId === modelId);
    return model ? model.attributionRate : null;
  }

  function render(stats) {
    const rows = stats.windows.map((w) =>
      Flipad.el(
        'tr',
        { dataset: { window: w.window } },
        Flipad.el('td', {}, w.window),
        Flipad.el('td', { className: 'num' }, w.verdicts),
        Flipad.el('td', { className: 'num' }, rate(w.verdictsPerSecond)),
        Flipad.el('td', { className: 'num' }, w.decisions.ATTRIBUTED),
        Flipad.el('td', { className: 'num' }, w.decisions.NOT_ATTRIBUTED),
        Flipad.el('td', { className: 'num' }, w.decisions.UNDECIDED),
        Flipad.el('td', { className: 'num' }, w.latencyMs.p50 === null ? '–' : w.latencyMs.p50 + ' ms'),
        Flipad.el('td', { className: 'num' }, w.latencyMs.p99 === null ? '–' : w.latencyMs.p99 + ' ms'),
        Flipad.el(
          'td',
          {},
          w.models.map((m) => m.modelId + ' ' + (100 * m.attributionRate).toFixed(1) + ' %').join(', ') || '–',
        ),
      ),
    );
    $('windows').querySelector('tbody').replaceChildren(...rows);
    const points = stats.perMinute;
    chart($('chart-rate'), points, [{ value: (p) => p.verdictsPerSecond }], tidy);
    const models = [...new Set(points.flatMap((p) => p.models.map((m) => m.modelId)))].sort();
    chart(
      $('chart-attribution'),
      points,
      Object.assign(models.map((id) => ({ value: (p) => attributionOf(p, id) })), { max: 1 }),
      (v) => (100 * v).toFixed(0) + ' %',
    );
    $('legend-attribution').replaceChildren(
      ...models.map((id, n) => Flipad.el('span', {}, Flipad.el('i', { className: 'c' + (n % COLORS.length) }), id)),
    );
    chart(
      $('chart-latency'),
      points,
      [{ value: (p) => p.latencyMs.p50 }, { value: (p) => p.latencyMs.p99 }],
      (v) => tidy(v) + ' ms',
    );
    $('stats-status').textContent = 'updated ' + new Date(stats.generatedAt).toLocaleTimeString();
  }

  async function refresh() {
    try {
      render(await Flipad.getJson('/console/api/stats'));
    } catch (e) {
      $('stats-status').textContent = 'not updated: ' + e.message;
    }
  }
  await refresh();
  setInterval(refresh, 10000);
})();
