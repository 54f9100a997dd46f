/**
 * The interactive view's drawing, pure: a chart's structured content (its Vega-Lite spec and the fields it draws
 * by) laid out as SVG text, one element per datum of the spec's data, each carrying the index of its datum
 * (`data-datum`) so that the view can show the datum on hover and a test can read the marks back. It draws the four
 * kinds the server writes (bar, stacked bar, line, heat map), by the spec's own encodings (the x order of the data,
 * the series' domain, the stack, the heat map's days), and leaves out the series the reader has switched off.
 *
 * Hand-written rather than vega in the page: vega, vega-lite and vega-embed inlined are 900 KB of script (and
 * vega's expressions want `unsafe-eval` or an interpreter); this is a few KB and needs no eval.
 */

export interface ViewChart {
  kind: 'bar' | 'stacked_bar' | 'line' | 'heatmap';
  fields: { x: string; y: string; series?: string };
  spec: {
    title?: { text?: string; subtitle?: string[] };
    data: { values: Record<string, unknown>[] };
    encoding: {
      x?: { title?: string; axis?: { labelExpr?: string }; scale?: { domain?: unknown[] } };
      y?: { title?: string; scale?: { domain?: unknown[] } };
      color?: { title?: string | null; scale?: { domain?: unknown[] } };
    };
  };
}

/** Vega's default series colours (tableau10), so that the view and the image colour series alike. */
export const SERIES_COLOURS = [
  '#4c78a8',
  '#f58518',
  '#e45756',
  '#72b7b2',
  '#54a24b',
  '#eeca3b',
  '#b279a2',
  '#ff9da6',
  '#9d755d',
  '#bab0ac',
];

export interface Layout {
  width: number;
  height: number;
}

const MARGIN = { top: 12, right: 16, bottom: 78, left: 64 };

const escapeText = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const round = (n: number) => Math.round(n * 10) / 10;

/** The series of a chart in its colour order (the spec's colour domain, else the data's order). */
export function seriesOf(chart: ViewChart): string[] {
  const domain = chart.spec.encoding.color?.scale?.domain;
  if (chart.kind === 'heatmap' || !chart.fields.series) return [];
  if (domain?.length) return domain.map(String);
  return [...new Set(chart.spec.data.values.map((value) => String(value[chart.fields.series!])))];
}

/** Ticks for 0..max: 1, 2 or 5 times a power of ten, about five of them. */
export function ticks(max: number): number[] {
  if (!(max > 0)) return [0];
  const rough = max / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough)!;
  const top = Math.ceil(max / step) * step;
  const result: number[] = [];
  for (let v = 0; v <= top + step / 2; v += step) result.push(Math.round(v * 1e9) / 1e9);
  return result;
}

/** An x label as the spec's axis writes it: `slice(datum.label, N)` shortens times of one day to their time. */
function xLabel(chart: ViewChart, value: unknown): string {
  const text = String(value);
  const slice = /^slice\(datum\.label, (\d+)\)$/.exec(chart.spec.encoding.x?.axis?.labelExpr ?? '');
  return slice ? text.slice(Number(slice[1])) : text;
}

function yAxis(max: number, plotHeight: number, plotWidth: number, title: string): string[] {
  const out: string[] = [];
  const values = ticks(max);
  const top = values.at(-1) || 1;
  for (const value of values) {
    const y = round(MARGIN.top + plotHeight - (value / top) * plotHeight);
    out.push(
      `<line class="grid" x1="${MARGIN.left}" x2="${MARGIN.left + plotWidth}" y1="${y}" y2="${y}"/>`,
      `<text class="tick" x="${MARGIN.left - 6}" y="${y + 4}" text-anchor="end">${value.toLocaleString('en-US')}</text>`,
    );
  }
  out.push(
    `<text class="axis-title" transform="translate(14 ${MARGIN.top + plotHeight / 2}) rotate(-90)" text-anchor="middle">${escapeText(title)}</text>`,
  );
  return out;
}

function xAxis(
  labels: { at: number; text: string }[],
  plotHeight: number,
  plotWidth: number,
  title: string,
): string[] {
  const out: string[] = [];
  const base = MARGIN.top + plotHeight;
  // No more labels than fit about 14 px apart.
  const every = Math.max(1, Math.ceil((labels.length * 14) / Math.max(plotWidth, 1)));
  labels.forEach((label, index) => {
    if (index % every) return;
    const text = label.text.length > 18 ? `${label.text.slice(0, 17)}…` : label.text;
    out.push(
      `<text class="tick" transform="translate(${round(label.at)} ${base + 12}) rotate(-35)" text-anchor="end">${escapeText(text)}</text>`,
    );
  });
  out.push(
    `<line class="axis" x1="${MARGIN.left}" x2="${MARGIN.left + plotWidth}" y1="${base}" y2="${base}"/>`,
    `<text class="axis-title" x="${MARGIN.left + plotWidth / 2}" y="${base + MARGIN.bottom - 6}" text-anchor="middle">${escapeText(title)}</text>`,
  );
  return out;
}

const mark = (index: number, attributes: string) => `<${attributes} data-datum="${index}"/>`;

/** The chart as SVG text, `hidden` series left out (and the y scale fitted to what is left). */
export function drawChart(chart: ViewChart, layout: Layout, hidden: ReadonlySet<string> = new Set()): string {
  const { width, height } = layout;
  const plotWidth = Math.max(40, width - MARGIN.left - MARGIN.right);
  const plotHeight = Math.max(40, height - MARGIN.top - MARGIN.bottom);
  const body =
    chart.kind === 'heatmap'
      ? heatmap(chart, plotWidth, plotHeight)
      : xy(chart, plotWidth, plotHeight, hidden);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">` +
    `${body.join('')}</svg>`
  );
}

function xy(chart: ViewChart, plotWidth: number, plotHeight: number, hidden: ReadonlySet<string>): string[] {
  const { x, y, series } = chart.fields;
  const allSeries = seriesOf(chart);
  const visible = allSeries.filter((name) => !hidden.has(name));
  const colour = (name: string | undefined) =>
    SERIES_COLOURS[(name === undefined ? 0 : allSeries.indexOf(name)) % SERIES_COLOURS.length]!;
  const data = chart.spec.data.values
    .map((datum, index) => ({ datum, index, series: series ? String(datum[series]) : undefined }))
    .filter((item) => item.series === undefined || !hidden.has(item.series));
  // x in the order of the data (the spec's sort: null), over every datum: switching a series off keeps the axis.
  const xs = [...new Set(chart.spec.data.values.map((datum) => String(datum[x])))];
  const band = plotWidth / Math.max(xs.length, 1);
  const xAt = (value: unknown) => MARGIN.left + xs.indexOf(String(value)) * band;
  const stacked = chart.kind === 'stacked_bar';
  // A stack's top per x; the stack order is vega's: series in descending order of their names from the base.
  const totals = new Map<string, number>();
  let max = 0;
  for (const item of data) {
    const value = Number(item.datum[y]) || 0;
    const key = String(item.datum[x]);
    const total = (stacked ? (totals.get(key) ?? 0) : 0) + Math.max(value, 0);
    totals.set(key, total);
    max = Math.max(max, total);
  }
  const top = ticks(max).at(-1) || 1;
  const yAt = (value: number) => MARGIN.top + plotHeight - (value / top) * plotHeight;
  const out = yAxis(max, plotHeight, plotWidth, chart.spec.encoding.y?.title ?? y);

  if (chart.kind === 'line') {
    for (const name of series ? visible : [undefined]) {
      const points = data.filter((item) => item.series === name);
      const path = points.map(
        (item) => `${round(xAt(item.datum[x]) + band / 2)},${round(yAt(Number(item.datum[y])))}`,
      );
      out.push(
        `<polyline class="line" fill="none" stroke="${colour(name)}" stroke-width="2" points="${path.join(' ')}"/>`,
      );
      for (const item of points) {
        out.push(
          mark(
            item.index,
            `circle class="mark" cx="${round(xAt(item.datum[x]) + band / 2)}" cy="${round(yAt(Number(item.datum[y])))}" r="3.5" fill="${colour(name)}"`,
          ),
        );
      }
    }
  } else {
    const stackOrder = [...visible].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
    const base = new Map<string, number>();
    const ordered = stacked
      ? [...data].sort((a, b) => stackOrder.indexOf(a.series!) - stackOrder.indexOf(b.series!))
      : data;
    const groups = chart.kind === 'bar' && series ? Math.max(visible.length, 1) : 1;
    const inner = band * 0.9;
    for (const item of ordered) {
      const value = Math.max(Number(item.datum[y]) || 0, 0);
      const key = String(item.datum[x]);
      const from = stacked ? (base.get(key) ?? 0) : 0;
      base.set(key, from + value);
      const slot = groups > 1 ? visible.indexOf(item.series!) : 0;
      const barWidth = inner / groups;
      const left = xAt(item.datum[x]) + band * 0.05 + slot * barWidth;
      const yTop = yAt(from + value);
      out.push(
        mark(
          item.index,
          `rect class="mark" x="${round(left)}" y="${round(yTop)}" width="${round(Math.max(barWidth - 1, 1))}" height="${round(yAt(from) - yTop)}" fill="${colour(item.series)}"`,
        ),
      );
    }
  }
  out.push(
    ...xAxis(
      xs.map((value, index) => ({ at: MARGIN.left + index * band + band / 2, text: xLabel(chart, value) })),
      plotHeight,
      plotWidth,
      chart.spec.encoding.x?.title ?? x,
    ),
  );
  return out;
}

/** A blue from light (smallest value) to dark (largest), as the image's `blues` scheme runs. */
export function heatColour(share: number): string {
  const light = [222, 235, 247];
  const dark = [8, 69, 148];
  const t = Math.min(Math.max(share, 0), 1);
  const channel = (i: number) => Math.round(light[i]! + (dark[i]! - light[i]!) * t);
  return `rgb(${channel(0)},${channel(1)},${channel(2)})`;
}

function heatmap(chart: ViewChart, plotWidth: number, plotHeight: number): string[] {
  const { x, y, series } = chart.fields;
  const hours = (chart.spec.encoding.x?.scale?.domain ?? Array.from({ length: 24 }, (_, h) => h)).map(Number);
  const days = (chart.spec.encoding.y?.scale?.domain ?? []).map(String);
  const values = chart.spec.data.values.map((datum) => Number(datum[y]));
  const low = Math.min(...values);
  const high = Math.max(...values);
  const cellWidth = plotWidth / hours.length;
  const cellHeight = plotHeight / Math.max(days.length, 1);
  const out: string[] = [];
  chart.spec.data.values.forEach((datum, index) => {
    const column = hours.indexOf(Number(datum[x]));
    const row = days.indexOf(String(datum[series!]));
    if (column < 0 || row < 0) return;
    const share = high > low ? (Number(datum[y]) - low) / (high - low) : 1;
    out.push(
      mark(
        index,
        `rect class="mark" x="${round(MARGIN.left + column * cellWidth)}" y="${round(MARGIN.top + row * cellHeight)}" width="${round(cellWidth - 1)}" height="${round(cellHeight - 1)}" fill="${heatColour(share)}"`,
      ),
    );
  });
  days.forEach((day, row) => {
    out.push(
      `<text class="tick" x="${MARGIN.left - 6}" y="${round(MARGIN.top + (row + 0.5) * cellHeight + 4)}" text-anchor="end">${escapeText(day.length > 10 ? day.slice(5) : day)}</text>`,
    );
  });
  out.push(
    ...xAxis(
      hours.map((hour, index) => ({ at: MARGIN.left + (index + 0.5) * cellWidth, text: String(hour) })),
      plotHeight,
      plotWidth,
      chart.spec.encoding.x?.title ?? 'hour of the day',
    ),
  );
  return out;
}
