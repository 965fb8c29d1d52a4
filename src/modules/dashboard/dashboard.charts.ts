// Charts as server-rendered SVG (d3-scale for the scales, d3-shape for lines; no DOM, no client
// script): a title and a text summary for screen readers (role="img", aria-labelledby), and the
// same numbers as a table the page shows in a <details> element. Text in the SVG is escaped here;
// the template outputs `svg` unescaped.
import { scaleBand, scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { escapeHtml } from './dashboard.format.js';

export interface ChartSeries {
  name: string;
  values: number[];
}

export interface ChartInput {
  /** Unique on the page (ids of title and description). */
  id: string;
  title: string;
  /** One or two sentences saying what the chart shows (its text alternative). */
  summary: string;
  /** Labels of the x positions (weeks, months, categories). */
  labels: string[];
  series: ChartSeries[];
  kind: 'bar' | 'line';
  /** Formats a number in the page's language (axis ticks, the table). */
  format: (n: number) => string;
}

export interface ChartView {
  id: string;
  title: string;
  summary: string;
  svg: string;
  table: { head: string[]; rows: string[][] };
}

const W = 640;
const H = 240;
const M = { top: 12, right: 12, bottom: 36, left: 44 };
/** Colours with at least 3:1 contrast on white, told apart also by the legend order. */
const COLOURS = ['#1f3d99', '#b3541e', '#2e7d32', '#6a1b9a', '#00838f'];

export function chart(c: ChartInput): ChartView {
  const max = Math.max(1, ...c.series.flatMap((s) => s.values));
  const y = scaleLinear().domain([0, max]).nice(4).range([H - M.bottom, M.top]);
  const x = scaleBand<number>().domain(c.labels.map((_, i) => i)).range([M.left, W - M.right]).padding(0.2);
  const parts: string[] = [];
  for (const t of y.ticks(4)) {
    parts.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${y(t)}" y2="${y(t)}" stroke="#d0d4dc"/>`
      + `<text x="${M.left - 6}" y="${y(t) + 4}" text-anchor="end" font-size="11">${escapeHtml(c.format(t))}</text>`);
  }
  const step = Math.max(1, Math.ceil(c.labels.length / 8));
  c.labels.forEach((label, i) => {
    if (i % step) return;
    parts.push(`<text x="${x(i)! + x.bandwidth() / 2}" y="${H - M.bottom + 16}" text-anchor="middle" font-size="11">${escapeHtml(label)}</text>`);
  });
  if (c.kind === 'bar') {
    const inner = scaleBand<number>().domain(c.series.map((_, i) => i)).range([0, x.bandwidth()]).padding(0.05);
    c.series.forEach((s, si) => s.values.forEach((v, i) => {
      parts.push(`<rect x="${x(i)! + inner(si)!}" y="${y(v)}" width="${inner.bandwidth()}" height="${Math.max(0, y(0) - y(v))}" fill="${COLOURS[si % COLOURS.length]}"/>`);
    }));
  } else {
    c.series.forEach((s, si) => {
      const path = line<number>().x((_, i) => x(i)! + x.bandwidth() / 2).y((v) => y(v))(s.values) ?? '';
      parts.push(`<path d="${path}" fill="none" stroke="${COLOURS[si % COLOURS.length]}" stroke-width="2"/>`);
    });
  }
  const legend = c.series.length > 1
    ? c.series.map((s, si) => `<tspan fill="${COLOURS[si % COLOURS.length]}">■</tspan> ${escapeHtml(s.name)}`).join('   ')
    : '';
  const svg = `<svg class="dash-chart" viewBox="0 0 ${W} ${H + (legend ? 18 : 0)}" role="img" aria-labelledby="${c.id}-title ${c.id}-desc" xmlns="http://www.w3.org/2000/svg">`
    + `<title id="${c.id}-title">${escapeHtml(c.title)}</title><desc id="${c.id}-desc">${escapeHtml(c.summary)}</desc>`
    + parts.join('')
    + (legend ? `<text x="${M.left}" y="${H + 12}" font-size="12">${legend}</text>` : '')
    + `</svg>`;
  return {
    id: c.id, title: c.title, summary: c.summary, svg,
    table: { head: c.series.map((s) => s.name), rows: c.labels.map((label, i) => [label, ...c.series.map((s) => c.format(s.values[i] ?? 0))]) },
  };
}

const HB = { label: 210, right: 40, row: 10, gap: 10, top: 8, axis: 22 };

/**
 * A horizontal bar chart for ranked categories (tags, topics): one row per label, one bar per
 * series, the first series' value at its bar's end; labels longer than 32 characters are cut (the
 * table keeps them whole).
 */
export function hbarChart(c: Omit<ChartInput, 'kind'>): ChartView {
  const max = Math.max(1, ...c.series.flatMap((s) => s.values));
  const rowH = c.series.length * HB.row + HB.gap;
  const height = HB.top + c.labels.length * rowH + HB.axis;
  const x = scaleLinear().domain([0, max]).nice(4).range([HB.label, W - HB.right]);
  const parts: string[] = [];
  // Counts: whole-number ticks only (a maximum of 1 would otherwise tick 0.2, 0.4 …).
  for (const t of x.ticks(4).filter(Number.isInteger)) {
    parts.push(`<line x1="${x(t)}" x2="${x(t)}" y1="${HB.top}" y2="${height - HB.axis + 4}" stroke="#d0d4dc"/>`
      + `<text x="${x(t)}" y="${height - 6}" text-anchor="middle" font-size="11">${escapeHtml(c.format(t))}</text>`);
  }
  c.labels.forEach((label, i) => {
    const top = HB.top + i * rowH;
    const text = label.length > 32 ? `${label.slice(0, 31)}…` : label;
    parts.push(`<text x="${HB.label - 6}" y="${top + (c.series.length * HB.row) / 2 + 4}" text-anchor="end" font-size="11">${escapeHtml(text)}</text>`);
    c.series.forEach((s, si) => {
      const v = s.values[i] ?? 0;
      parts.push(`<rect x="${HB.label}" y="${top + si * HB.row}" width="${Math.max(0, x(v) - HB.label)}" height="${HB.row - 1}" fill="${COLOURS[si % COLOURS.length]}"/>`);
    });
    parts.push(`<text x="${x(c.series[0]?.values[i] ?? 0) + 4}" y="${top + HB.row - 1}" font-size="10">${escapeHtml(c.format(c.series[0]?.values[i] ?? 0))}</text>`);
  });
  const legend = c.series.length > 1
    ? c.series.map((s, si) => `<tspan fill="${COLOURS[si % COLOURS.length]}">■</tspan> ${escapeHtml(s.name)}`).join('   ')
    : '';
  const svg = `<svg class="dash-chart" viewBox="0 0 ${W} ${height + (legend ? 18 : 0)}" role="img" aria-labelledby="${c.id}-title ${c.id}-desc" xmlns="http://www.w3.org/2000/svg">`
    + `<title id="${c.id}-title">${escapeHtml(c.title)}</title><desc id="${c.id}-desc">${escapeHtml(c.summary)}</desc>`
    + parts.join('')
    + (legend ? `<text x="${HB.label}" y="${height + 12}" font-size="12">${legend}</text>` : '')
    + `</svg>`;
  return {
    id: c.id, title: c.title, summary: c.summary, svg,
    table: { head: c.series.map((s) => s.name), rows: c.labels.map((label, i) => [label, ...c.series.map((s) => c.format(s.values[i] ?? 0))]) },
  };
}
