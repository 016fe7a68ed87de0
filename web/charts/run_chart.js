// Draws each [data-run-chart] element's chart JSON (GET /api/v1/kpis/{id}/chart) as
// a uPlot run chart: points, a median line per period, baseline and target, and the
// points of every signal highlighted. The page carries the same facts as a table.
import uPlot from 'uplot';

const COLORS = {
  value: '#1d4e89',
  median: '#2b7a3d',
  baseline: '#7a6a2b',
  target: '#8a2b6d',
  better: '#1d6b32',
  worse: '#c0392b',
  neutral: '#5a4a7a',
};

function seriesFor(chart) {
  const n = chart.points.length;
  const xs = chart.points.map((_, i) => i);
  const values = chart.points.map((p) => p.value);
  const median = new Array(n).fill(null);
  chart.periods.forEach((p) => {
    for (let i = p.first_point; i < p.first_point + p.point_count; i += 1) median[i] = p.median;
  });
  // Signal points by the KPI's direction: an improvement green, a deterioration red.
  const flagged = { better: new Array(n).fill(null), worse: new Array(n).fill(null), neutral: new Array(n).fill(null) };
  chart.signals.forEach((s) => s.points.forEach((i) => {
    const effect = flagged[s.effect] ? s.effect : 'neutral';
    if (flagged.better[i] === null && flagged.worse[i] === null && flagged.neutral[i] === null) flagged[effect][i] = values[i];
  }));
  const data = [xs, values, median];
  const series = [
    { label: 'period', value: (u, i) => (i === null || !chart.points[i] ? '' : chart.points[i].period) },
    { label: 'value', stroke: COLORS.value, width: 2, points: { size: 6 } },
    { label: 'median', stroke: COLORS.median, width: 2, points: { show: false } },
  ];
  for (const key of ['baseline', 'target']) {
    if (chart[key] !== null && chart[key] !== undefined) {
      data.push(new Array(n).fill(chart[key]));
      series.push({ label: key, stroke: COLORS[key], dash: [6, 4], width: 1, points: { show: false } });
    }
  }
  for (const effect of ['better', 'worse', 'neutral']) {
    if (!flagged[effect].some((v) => v !== null)) continue;
    data.push(flagged[effect]);
    series.push({
      label: `signal_${effect}`, stroke: COLORS[effect], width: 0, paths: () => null,
      points: { show: true, size: 11, stroke: COLORS[effect], fill: COLORS[effect] },
    });
  }
  return { data, series };
}

function draw(el) {
  const chart = JSON.parse(el.dataset.runChart);
  if (!chart.points.length) return;
  const { data, series } = seriesFor(chart);
  const labels = el.dataset.labels ? JSON.parse(el.dataset.labels) : {};
  series.forEach((s) => { if (s.label && labels[s.label]) s.label = labels[s.label]; });
  const width = Math.max(320, el.clientWidth || 640);
  const plot = new uPlot({
    width,
    height: 320,
    series,
    scales: { x: { time: false } },
    axes: [
      { values: (u, ticks) => ticks.map((i) => (chart.points[i] ? chart.points[i].period : '')) },
      {},
    ],
  }, data, el);
  el.classList.add('drawn');
  el.dataset.signals = String(chart.signals.length);
  window.addEventListener('resize', () => plot.setSize({ width: Math.max(320, el.clientWidth), height: 320 }));
}

function init() {
  document.querySelectorAll('[data-run-chart]').forEach(draw);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
else init();
