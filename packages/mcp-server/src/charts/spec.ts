/**
 * A result's rows as a Vega-Lite spec: one mark per row, nothing aggregated by the chart (the result's group_by,
 * aggregate or SQL did that), so every mark is a value of the result and the spec's data are the rows drawn.
 *
 * Exact means: every row of the result is drawn, or the chart says which it draws. A result with more x values
 * (bars, points, days) or series than a chart shows legibly (CHART_LIMITS) is drawn for its first ones, in time order
 * for time and hour columns and in the result's order otherwise (so order_by/top or ORDER BY/LIMIT choose them);
 * rows without an x or y value are not drawn; a result that is only the first rows of a larger one (query_reports
 * keeps its first rows) is drawn for those. Each of these is said in the chart's subtitle and in the answer's notes.
 * Two rows on the same mark (the same x, and series) are not summed or stacked silently: the chart is not drawn,
 * and the answer says to group the rows first.
 *
 * Time values are drawn as the text the result gives (the tenant's wall time), in time order, never through Date:
 * the chart shows what the rows say whatever the server's own zone.
 */
import {
  CHART_HEIGHT,
  CHART_LIMITS,
  CHART_WIDTH,
  type ChartColumn,
  type ChartInput,
  type ChartKind,
  type ChartValue,
} from './chart.js';
import { type ChartPlan, type ChartProblem, planChart } from './pick.js';
import { hourOf, timeOrder, wallParts } from './time.js';

/** A Vega-Lite spec (v6), as JSON. */
export type VegaLiteSpec = Record<string, unknown>;

/** Which fields of the spec's data each channel reads: what the interactive view draws by. */
export interface ChartFields {
  x: string;
  y: string;
  series?: string;
}

export interface BuiltChart {
  kind: ChartKind;
  /** The result's columns drawn: x, y (one or several), series. */
  columns: { x: string; y: string[]; series?: string };
  fields: ChartFields;
  spec: VegaLiteSpec;
  /** The data drawn, one value per mark: the spec's data. */
  values: Record<string, ChartValue>[];
  /** What the chart leaves out, as sentences (its subtitle says the same); empty when it draws every row. */
  notes: string[];
}

export type ChartOutcome =
  | { chart: BuiltChart }
  /** The caller named something this result cannot draw: the answer is an error naming the argument. */
  | { problems: ChartProblem[] }
  /** The rows cannot be drawn one mark each: the answer keeps its rows and says why there is no chart. */
  | { unchartable: string };

const FONT = 'DejaVu Sans';

/**
 * The characters of a chart's data (its values as JSON) at most: the spec travels in structured content, within a
 * reply's 50,000 (a month of hours as a heat map comes near it; past it the chart draws its first x values or days).
 */
export const MAX_DATA_CHARS = 24_000;

const dataChars = (value: Record<string, ChartValue>) => JSON.stringify(value).length + 1;

/** How many of the first groups fit MAX_DATA_CHARS, given the characters each group's values take. */
function fittingPrefix(chars: readonly number[]): number {
  let total = 0;
  for (let i = 0; i < chars.length; i++) {
    total += chars[i]!;
    if (total > MAX_DATA_CHARS) return i;
  }
  return chars.length;
}

const count = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** A field name for derived data that no drawn column uses. */
function freeName(wanted: string, taken: readonly string[]): string {
  let name = wanted;
  for (let i = 1; taken.includes(name); i++) name = `${wanted}_${i}`;
  return name;
}

const label = (value: ChartValue): string => (value === null ? '(none)' : String(value));

function axisTitle(columns: readonly ChartColumn[]): string {
  const units = new Set(columns.map((column) => column.unit));
  const names = columns.length === 1 ? columns[0]!.name : 'value';
  const [unit] = units;
  return units.size === 1 && unit ? `${names} (${unit})` : names;
}

/** One mark: its x, series and value, and the row it came from. */
interface Mark {
  x: ChartValue;
  series?: string;
  y: number;
  /** Heat maps: the day and hour the mark stands at. */
  day?: string;
  hour?: number;
}

export function chartSpec(input: ChartInput): ChartOutcome {
  const planned = planChart(input.columns, input.request);
  if ('problems' in planned) return planned;
  const { plan } = planned;
  return plan.kind === 'heatmap' ? heatmap(input, plan) : xy(input, plan);
}

interface Skipped {
  noX: number;
  noY: number;
}

function skippedNotes(skipped: Skipped, plan: ChartPlan, x = plan.x.name): string[] {
  const notes: string[] = [];
  if (skipped.noX) notes.push(`${count(skipped.noX, 'row')} without a value of ${x} not drawn`);
  if (skipped.noY) {
    notes.push(
      `${count(skipped.noY, 'value')} of ${plan.y.map((column) => column.name).join(', ')} missing, not drawn`,
    );
  }
  return notes;
}

function firstRowsNote(input: ChartInput): string[] {
  const total = input.resultRows;
  return total !== undefined && total > input.rows.length
    ? [`the first ${count(input.rows.length, 'row')} of the result's ${total.toLocaleString('en-US')}`]
    : [];
}

function duplicate(plan: ChartPlan, n: number, example: string): { unchartable: string } {
  const keys = [plan.x.name, ...(plan.series ? [plan.series.name] : [])].join(' and ');
  return {
    unchartable:
      `${count(n, 'row')} share ${keys} with another row (e.g. ${example}), and a chart draws one mark per row: ` +
      `group the rows by ${keys} first (group_by, or GROUP BY in SQL) and chart that.`,
  };
}

/** Bars, stacked bars and lines: x by position, y by height, series by colour. */
function xy(input: ChartInput, plan: ChartPlan): ChartOutcome {
  const several = plan.y.length > 1;
  const taken = [
    plan.x.name,
    ...plan.y.map((column) => column.name),
    ...(plan.series ? [plan.series.name] : []),
  ];
  const seriesField = several ? freeName('measure', taken) : plan.series?.name;
  const yField = several ? freeName('value', taken) : plan.y[0]!.name;
  const skipped: Skipped = { noX: 0, noY: 0 };
  const marks: Mark[] = [];
  for (const row of input.rows) {
    const x = row[plan.x.name] ?? null;
    if (x === null || x === '') {
      skipped.noX += 1;
      continue;
    }
    for (const column of plan.y) {
      const y = row[column.name];
      if (typeof y !== 'number' || !Number.isFinite(y)) {
        skipped.noY += 1;
        continue;
      }
      const series = several ? column.name : plan.series ? label(row[plan.series.name] ?? null) : undefined;
      marks.push({ x, y, ...(series !== undefined ? { series } : {}) });
    }
  }
  const seen = new Map<string, number>();
  for (const mark of marks) {
    const key = `${typeof mark.x}:${mark.x}\u0001${mark.series ?? ''}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  const shared = [...seen.entries()].filter(([, n]) => n > 1);
  if (shared.length) {
    const [key] = shared[0]!;
    const example = key.split('\u0001')[0]!.replace(/^[a-z]+:/, '');
    return duplicate(
      plan,
      shared.reduce((sum, [, n]) => sum + n, 0),
      JSON.stringify(example),
    );
  }

  const notes = [...firstRowsNote(input)];
  let series = [...new Set(marks.map((mark) => mark.series).filter((name) => name !== undefined))];
  if (series.length > CHART_LIMITS.series) {
    notes.push(
      `the first ${CHART_LIMITS.series} of ${count(series.length, `${seriesField} series`, `${seriesField} series`)}`,
    );
    series = series.slice(0, CHART_LIMITS.series);
  }
  const seriesIndex = new Map(series.map((name, index) => [name, index]));
  const kept = marks.filter((mark) => mark.series === undefined || seriesIndex.has(mark.series));
  const datumOf = (mark: Mark) => ({
    [plan.x.name]: mark.x,
    ...(seriesField !== undefined ? { [seriesField]: mark.series ?? null } : {}),
    [yField]: mark.y,
  });

  // x in time order for times and hours (and for a line over numbers), else in the result's order.
  const timeLike = plan.x.role === 'time' || plan.x.role === 'hour';
  const xKey = (x: ChartValue) => `${typeof x}:${x}`;
  let xs = [...new Map(kept.map((mark) => [xKey(mark.x), mark.x])).values()];
  if (timeLike) xs.sort(timeOrder);
  else if (plan.kind === 'line' && plan.x.role === 'number') xs.sort((a, b) => Number(a) - Number(b));
  const chars = new Map<string, number>();
  for (const mark of kept) chars.set(xKey(mark.x), (chars.get(xKey(mark.x)) ?? 0) + dataChars(datumOf(mark)));
  const limit = plan.kind === 'line' ? CHART_LIMITS.linePoints : CHART_LIMITS.barCategories;
  const fit = fittingPrefix(xs.map((x) => chars.get(xKey(x))!));
  if (xs.length > Math.min(limit, fit)) {
    const order = timeLike ? 'in time order' : "in the result's order";
    const why =
      fit < limit
        ? `; a chart carries at most ${MAX_DATA_CHARS.toLocaleString('en-US')} characters of data`
        : '';
    notes.push(
      `the first ${Math.min(limit, fit)} of ${count(xs.length, `${plan.x.name} value`)} (${order}${why})`,
    );
    xs = xs.slice(0, Math.min(limit, fit));
  }
  notes.push(...skippedNotes(skipped, plan));

  const xIndex = new Map(xs.map((x, index) => [xKey(x), index]));
  const values = kept
    .filter((mark) => xIndex.has(xKey(mark.x)))
    // Data in x order, so that the ordinal axis (sort: null, the order of appearance) is the order chosen above.
    .sort(
      (a, b) =>
        xIndex.get(xKey(a.x))! - xIndex.get(xKey(b.x))! ||
        (seriesIndex.get(a.series!) ?? 0) - (seriesIndex.get(b.series!) ?? 0),
    )
    .map(datumOf);

  const fields: ChartFields = { x: plan.x.name, y: yField, ...(seriesField ? { series: seriesField } : {}) };
  const mark =
    plan.kind === 'line'
      ? { type: 'line', point: true, tooltip: { content: 'data' } }
      : { type: 'bar', tooltip: { content: 'data' } };
  const day = timeLike ? sameDay(xs) : undefined;
  const encoding: Record<string, unknown> = {
    x: {
      field: plan.x.name,
      type: 'ordinal',
      sort: null,
      // Times of one day are labelled by their time, the day said once in the axis title.
      title: day ? `${plan.x.name} (${day.day})` : plan.x.name,
      axis: {
        labelOverlap: 'greedy',
        labelLimit: 160,
        // Names slant rather than stand, so that they take less of the height the bars need.
        ...(timeLike ? {} : { labelAngle: -35, labelLimit: 130 }),
        ...(day ? { labelExpr: `slice(datum.label, ${day.prefix})` } : {}),
      },
    },
    y: {
      field: yField,
      type: 'quantitative',
      title: axisTitle(plan.y),
      // Stacked bars add up; every other kind draws each value from zero on its own.
      stack: plan.kind === 'stacked_bar' ? 'zero' : null,
    },
  };
  if (seriesField) {
    encoding.color = {
      field: seriesField,
      type: 'nominal',
      title: several ? null : seriesField,
      scale: { domain: series },
    };
    if (plan.kind === 'bar')
      encoding.xOffset = { field: seriesField, type: 'nominal', scale: { domain: series } };
  }
  return {
    chart: {
      kind: plan.kind,
      columns: {
        x: plan.x.name,
        y: plan.y.map((column) => column.name),
        ...(plan.series ? { series: plan.series.name } : {}),
      },
      fields,
      values,
      notes,
      spec: wrap(input, plan, { mark, encoding, values }, notes, values.length),
    },
  };
}

/** The day every x value falls on, and the length of the text before its time (`2025-02-03 `); else undefined. */
function sameDay(xs: readonly ChartValue[]): { day: string; prefix: number } | undefined {
  const first = typeof xs[0] === 'string' ? xs[0] : undefined;
  const wall = wallParts(first ?? null);
  if (!first || wall?.hour === undefined) return undefined;
  const prefix = /^\d{4}-\d{2}-\d{2}[ T]/.test(first) ? 11 : /^\d{10}/.test(first) ? 8 : 0;
  if (!prefix) return undefined;
  const head = first.slice(0, prefix);
  return xs.every((x) => typeof x === 'string' && x.startsWith(head) && x.length > prefix)
    ? { day: wall.day, prefix }
    : undefined;
}

/** A heat map: hour of the day across, days down, the value as colour. */
function heatmap(input: ChartInput, plan: ChartPlan): ChartOutcome {
  const yColumn = plan.y[0]!;
  const taken = [yColumn.name];
  const dayField = freeName('day', taken);
  const hourField = freeName('hour', [...taken, dayField]);
  const skipped: Skipped = { noX: 0, noY: 0 };
  const marks: Mark[] = [];
  for (const row of input.rows) {
    const x = row[plan.x.name] ?? null;
    const wall = plan.x.role === 'time' ? wallParts(x) : undefined;
    const hour = wall ? wall.hour : hourOf(x);
    const dayValue = plan.series ? (row[plan.series.name] ?? null) : wall ? wall.day : null;
    const day = dayValue === null ? undefined : (wallParts(dayValue)?.day ?? String(dayValue));
    if (hour === undefined || day === undefined || day === '') {
      skipped.noX += 1;
      continue;
    }
    const y = row[yColumn.name];
    if (typeof y !== 'number' || !Number.isFinite(y)) {
      skipped.noY += 1;
      continue;
    }
    marks.push({ x, y, day, hour });
  }
  const xName = plan.series ? `${plan.x.name} and ${plan.series.name}` : plan.x.name;
  if (marks.length === 0 && skipped.noX > 0) {
    return {
      unchartable: `no row's ${xName} reads as a day and an hour of the day, which a heat map draws by; name x (a date-time or an hour column) and series (a day column).`,
    };
  }
  const seen = new Map<string, number>();
  for (const mark of marks) {
    const cell = `${mark.day} ${String(mark.hour).padStart(2, '0')}:00`;
    seen.set(cell, (seen.get(cell) ?? 0) + 1);
  }
  const shared = [...seen.entries()].filter(([, n]) => n > 1);
  if (shared.length) {
    return {
      unchartable:
        `${count(
          shared.reduce((sum, [, n]) => sum + n, 0),
          'row',
        )} fall on the same day and hour as another row (e.g. ${shared[0]![0]}), and a heat map draws one cell ` +
        `per row: group the rows by day and hour first (an hour bucket column, or GROUP BY in SQL) and chart that.`,
    };
  }
  let days = [...new Set(marks.map((mark) => mark.day!))];
  // Days in time order when they are dates; other day labels (weekday names) in the result's order.
  if (days.every((day) => wallParts(day))) days.sort();
  const datumOf = (mark: Mark) => ({
    [dayField]: mark.day!,
    [hourField]: mark.hour!,
    [yColumn.name]: mark.y,
  });
  const chars = new Map<string, number>();
  for (const mark of marks) chars.set(mark.day!, (chars.get(mark.day!) ?? 0) + dataChars(datumOf(mark)));
  const fit = fittingPrefix(days.map((day) => chars.get(day)!));
  const notes = [...firstRowsNote(input)];
  if (days.length > Math.min(CHART_LIMITS.heatmapDays, fit)) {
    const n = Math.min(CHART_LIMITS.heatmapDays, fit);
    const why =
      fit < CHART_LIMITS.heatmapDays
        ? ` (a chart carries at most ${MAX_DATA_CHARS.toLocaleString('en-US')} characters of data)`
        : '';
    notes.push(`the first ${n} of ${count(days.length, 'day')}${why}`);
    days = days.slice(0, n);
  }
  notes.push(...skippedNotes(skipped, plan, xName));
  const dayIndex = new Map(days.map((day, index) => [day, index]));
  const values = marks
    .filter((mark) => dayIndex.has(mark.day!))
    .sort((a, b) => dayIndex.get(a.day!)! - dayIndex.get(b.day!)! || a.hour! - b.hour!)
    .map(datumOf);
  const hours = Array.from({ length: 24 }, (_, hour) => hour);
  const encoding = {
    x: {
      field: hourField,
      type: 'ordinal',
      title: 'hour of the day',
      scale: { domain: hours },
      axis: { labelAngle: 0 },
    },
    y: {
      field: dayField,
      type: 'ordinal',
      title: plan.series ? plan.series.name : 'day',
      scale: { domain: days },
    },
    color: {
      field: yColumn.name,
      type: 'quantitative',
      title: axisTitle([yColumn]),
      scale: { scheme: 'blues' },
    },
  };
  return {
    chart: {
      kind: 'heatmap',
      columns: { x: plan.x.name, y: [yColumn.name], ...(plan.series ? { series: plan.series.name } : {}) },
      fields: { x: hourField, y: yColumn.name, series: dayField },
      values,
      notes,
      spec: wrap(
        input,
        plan,
        { mark: { type: 'rect', tooltip: { content: 'data' } }, encoding, values },
        notes,
        values.length,
      ),
    },
  };
}

/** The spec around the marks: title (what, when, the zone), subtitle (what is drawn), size and font. */
function wrap(
  input: ChartInput,
  plan: ChartPlan,
  body: { mark: unknown; encoding: unknown; values: unknown[] },
  notes: readonly string[],
  marks: number,
): VegaLiteSpec {
  const measure = plan.y.map((column) => column.name).join(', ');
  const by =
    plan.kind === 'heatmap'
      ? 'by hour and day'
      : `by ${plan.x.name}${plan.series ? ` and ${plan.series.name}` : ''}`;
  const drawn = notes.length
    ? `${count(marks, 'mark')}: ${notes.join('; ')}`
    : `every row of the result: ${count(marks, 'mark')}`;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `${measure} ${by} — ${input.title.what}`,
      subtitle: [`${input.title.when} (${input.title.zone})`, drawn],
      anchor: 'start',
      limit: CHART_WIDTH - 20,
      subtitleLimit: CHART_WIDTH - 20,
    },
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    autosize: { type: 'fit', contains: 'padding' },
    padding: 10,
    background: 'white',
    data: { values: body.values },
    mark: body.mark,
    encoding: body.encoding,
    config: { font: FONT, title: { fontSize: 15 }, axis: { labelFontSize: 11, titleFontSize: 12 } },
  };
}
