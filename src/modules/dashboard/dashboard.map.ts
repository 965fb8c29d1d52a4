// The map of Germany's 16 Länder as a server-rendered SVG choropleth. The outlines are the paths of
// the npm package @svg-maps/germany (MapSVG, CC BY 4.0 — the page shows the attribution under the
// map, and that the coordinates are rounded), already projected to its viewBox; nothing here draws
// geometry. Its points are rounded to whole units of the viewBox (roundedOutline): at most half a
// unit, under half a pixel at the map's widest (30rem for 586 units) and thinner than the outline,
// and a shared border rounds the same in both Länder; the map then takes 24 KB instead of 67 KB of
// every dashboard page. Each Land is filled on a
// sequential scale of 5 classes (d3-scale's scaleQuantize over 0 … the largest value, rounded by
// nice()), 0 in light grey and "no data" hatched; every path has a <title> naming its Land and
// value, the SVG a title and a summary (role="img"), and the legend (HTML beside the map, with a
// small swatch per class) states each class's range.
//
// The package ships its data as `export default {…}` in a .js file whose package.json has no
// "type": Node 24 detects the ESM syntax, but jest loads such a file as CommonJS and fails on
// `export`. So the data file is read and parsed as the JSON it is (checked with zod): the same in
// `npm run build` + node, tsx and jest, and a change of the package's format fails loudly.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { scaleQuantize } from 'd3-scale';
import { z } from 'zod';
import { escapeHtml } from './dashboard.format.js';

export interface LandShape {
  /** Our state code (BW, BY, …; administrations.state). */
  code: string;
  path: string;
}

const PACKAGE_DATA = z.object({
  viewBox: z.string().regex(/^0 0 \d+(\.\d+)? \d+(\.\d+)?$/),
  locations: z.array(z.object({ id: z.string(), name: z.string(), path: z.string().min(1) })),
});

let shapes: { width: number; height: number; lands: LandShape[] } | undefined;

/**
 * An outline of the package's form — rings of relative points ("m dx,dy dx,dy … z", nothing else;
 * anything else throws) — with every point rounded to whole units: the absolute points are rounded
 * (so errors do not add up along a border and neighbours stay joined), a point equal to the one
 * before is dropped, and a ring left with fewer than 3 points (an islet under a unit) is dropped.
 * Written back as relative points in the same form.
 */
export function roundedOutline(path: string): string {
  const tokens = path.trim().split(/[\s,]+|(?=[mz])|(?<=[mz])/).filter(Boolean);
  const rings: [number, number][][] = [];
  let x = 0;
  let y = 0;
  let start: [number, number] = [0, 0];
  for (let i = 0; i < tokens.length;) {
    const tok = tokens[i]!;
    if (tok === 'z') {
      [x, y] = start;
      i += 1;
      continue;
    }
    const moving = tok === 'm';
    if (moving) i += 1;
    const dx = Number(tokens[i]);
    const dy = Number(tokens[i + 1]);
    if (!Number.isFinite(dx) || !Number.isFinite(dy) || (!moving && rings.length === 0)) throw new Error(`map outline: unexpected "${tokens.slice(i - 1, i + 2).join(' ')}"`);
    i += 2;
    x += dx;
    y += dy;
    if (moving) {
      start = [x, y];
      rings.push([]);
    }
    rings.at(-1)!.push([x, y]);
  }
  let px = 0;
  let py = 0;
  let out = '';
  for (const ring of rings) {
    const points: [number, number][] = [];
    for (const [rx, ry] of ring) {
      const p: [number, number] = [Math.round(rx), Math.round(ry)];
      const last = points.at(-1);
      if (!last || last[0] !== p[0] || last[1] !== p[1]) points.push(p);
    }
    if (points.length < 3) continue;
    out += `${out ? ' ' : ''}m ${points.map(([X, Y]) => {
      const d = `${X - px},${Y - py}`; // whole numbers (a -0 prints as 0)
      [px, py] = [X, Y];
      return d;
    }).join(' ')} z`;
    [px, py] = points[0]!; // "z" returns to the ring's first point: the next "m" starts there
  }
  return out;
}

/** The package's 16 outlines, mapped from its ids (bw, by, …) to our codes; read once. */
export function germanyShapes(codes: readonly string[]): { width: number; height: number; lands: LandShape[] } {
  if (shapes) return shapes;
  const file = createRequire(import.meta.url).resolve('@svg-maps/germany');
  const text = readFileSync(file, 'utf8').trim().replace(/^export default\s*/, '').replace(/;$/, '');
  const data = PACKAGE_DATA.parse(JSON.parse(text));
  const lands = data.locations.map((l) => ({ code: l.id.toUpperCase(), path: roundedOutline(l.path) }));
  const missing = codes.filter((c) => !lands.some((l) => l.code === c));
  if (missing.length || lands.length !== codes.length) throw new Error(`@svg-maps/germany: unexpected Länder (missing ${missing.join(', ') || 'none'})`);
  const [, , width, height] = data.viewBox.split(' ').map(Number);
  shapes = { width: width!, height: height!, lands };
  return shapes;
}

export interface ChoroplethInput {
  /** Unique on the page (ids of title, description, pattern). */
  id: string;
  title: string;
  summary: string;
  codes: readonly string[];
  /** Value per state code; null: no data (shown hatched). */
  values: Record<string, number | null>;
  /** The <title> of a Land's path ("Sachsen: 0,45 Aktivitäten je Mitglied"). */
  label: (code: string, value: number | null) => string;
  legend: {
    heading: string;
    /** Text of a class from … to (the last class includes its upper end). */
    range: (from: number, to: number, first: boolean, last: boolean) => string;
    zero: string;
    noData: string;
  };
}

export interface ChoroplethView {
  id: string;
  title: string;
  summary: string;
  svg: string;
  /** The legend as HTML-ready entries (a swatch SVG and its text), so it stays readable on a narrow screen. */
  legend: { heading: string; entries: { swatch: string; text: string }[] };
}

/** Light to dark (ColorBrewer YlGnBu), each Land outlined in dark grey so borders show on every class. */
export const MAP_COLOURS = ['#c7e9b4', '#7fcdbb', '#41b6c4', '#2c7fb8', '#253494'];
export const ZERO_COLOUR = '#d9d9d9';
const STROKE = '#3d4250';

export function choropleth(m: ChoroplethInput): ChoroplethView {
  const { width, height, lands } = germanyShapes(m.codes);
  const max = Math.max(0, ...Object.values(m.values).map((v) => v ?? 0));
  const scale = scaleQuantize<string>().domain([0, max > 0 ? max : 1]).nice().range(MAP_COLOURS);
  const noData = `${m.id}-nodata`;
  const fill = (v: number | null) => (v === null ? `url(#${noData})` : v === 0 ? ZERO_COLOUR : scale(v));
  const paths = lands.map((l) => {
    const v = m.values[l.code] ?? null;
    return `<path d="${l.path}" fill="${fill(v)}" stroke="${STROKE}" stroke-width="0.8" data-state="${l.code}"><title>${escapeHtml(m.label(l.code, v))}</title></path>`;
  });
  const hatch = (id: string) => `<pattern id="${id}" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">`
    + `<rect width="8" height="8" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="8" stroke="#8a8f9c" stroke-width="1.5"/></pattern>`;
  const swatch = (colour: string, defs = '') =>
    `<svg class="dash-map__swatch" width="20" height="20" viewBox="0 0 20 20" aria-hidden="true" focusable="false" xmlns="http://www.w3.org/2000/svg">${defs}`
    + `<rect x="0.5" y="0.5" width="19" height="19" fill="${colour}" stroke="${STROKE}"/></svg>`;
  const entries = [
    ...MAP_COLOURS.map((colour, i) => {
      const [from, to] = scale.invertExtent(colour);
      return { swatch: swatch(colour), text: m.legend.range(from, to, i === 0, i === MAP_COLOURS.length - 1) };
    }),
    { swatch: swatch(ZERO_COLOUR), text: m.legend.zero },
    { swatch: swatch(`url(#${noData}-key)`, `<defs>${hatch(`${noData}-key`)}</defs>`), text: m.legend.noData },
  ];
  const svg = `<svg class="dash-chart dash-map" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${m.id}-title ${m.id}-desc" xmlns="http://www.w3.org/2000/svg">`
    + `<title id="${m.id}-title">${escapeHtml(m.title)}</title><desc id="${m.id}-desc">${escapeHtml(m.summary)}</desc>`
    + `<defs>${hatch(noData)}</defs>` + paths.join('') + `</svg>`;
  return { id: m.id, title: m.title, summary: m.summary, svg, legend: { heading: m.legend.heading, entries } };
}
