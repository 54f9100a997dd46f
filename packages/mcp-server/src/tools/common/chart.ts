/**
 * The `chart` control of run_report and query_reports: its zod schema (the one parser; its JSON Schema is zod's
 * own), a report result's columns and values as a chart reads them, and the reply's chart: the spec in structured
 * content (`chart`), a PNG beside the text, and the notes that say what the chart leaves out.
 */
import { addsUp, FIELD_KINDS, type FieldKind, type FieldMap } from '@wolkvox-mcp/contracts';
import { z } from 'zod';
import type { Row } from '../../backend/source.js';
import { CHART_VIEW_URI } from '../../catalog/uri.js';
import {
  CHART_KINDS,
  CHART_LIMITS,
  type ChartColumn,
  type ChartInput,
  type ChartRequest,
  type ChartRow,
  type ChartValue,
} from '../../charts/chart.js';
import type { ChartProblem } from '../../charts/pick.js';
import { renderChart } from '../../charts/render.js';
import { type BuiltChart, chartSpec } from '../../charts/spec.js';
import type { ReplyAttachment, ShapedRows } from '../../results/reply.js';
import { columnClass, readNumber } from '../../results/values.js';
import { MAX_NAME_CHARS, quietlyBoundedString } from './controls.js';
import type { ToolImage, ToolReply } from './types.js';

export { CHART_VIEW_URI };

const COLUMN = quietlyBoundedString(MAX_NAME_CHARS, 'expected a column name (a string)');

const COLUMNS = z
  .array(COLUMN, { error: 'expected a column name or a list of them, e.g. ["calls"]' })
  .min(1, { error: 'name at least one column' })
  .max(CHART_LIMITS.series, { error: `names more than ${CHART_LIMITS.series} columns` });

/**
 * Behind `z.unknown()` in the JSON Schema, as `aggregate` is: the object's schema would add ~500 bytes to tools/list
 * twice (run_report and query_reports), and the description says the same; the strict object parses every call.
 */
export const CHART_CONTROL = z
  .unknown()
  .pipe(
    z
      .strictObject(
        {
          kind: z.enum(CHART_KINDS, { error: `expected one of ${CHART_KINDS.join(', ')}` }),
          x: COLUMN.optional(),
          // One column may be given as a name.
          y: z.preprocess((value) => (typeof value === 'string' ? [value] : value), COLUMNS).optional(),
          series: COLUMN.optional(),
        },
        {
          error: (issue) =>
            issue.code === 'unrecognized_keys'
              ? 'takes kind, x, y and series'
              : 'expected an object such as {"kind": "bar"}',
        },
      )
      .transform(
        (value): ChartRequest => ({
          kind: value.kind,
          ...(value.x !== undefined ? { x: value.x } : {}),
          ...(value.y !== undefined ? { y: [...new Set(value.y)] } : {}),
          ...(value.series !== undefined ? { series: value.series } : {}),
        }),
      ),
  )
  .optional()
  .describe(
    'Image of the whole result: {"kind":"bar|stacked_bar|line|heatmap","x":col,"y":[cols],"series":col}; columns chosen if left out',
  );

/** Durations read as seconds, percentages as their number: the unit an axis title names. */
const UNITS: Partial<Record<FieldKind, string>> = {
  duration: 'seconds',
  seconds: 'seconds',
  minutes: 'minutes',
  percent: '%',
};

/**
 * A report reply's column as a chart reads it, by its field kind (grouped columns: `count`, `sum_<field>`).
 * Whether it adds up is the registry's (contracts' addsUp): an average duration is a duration that does not.
 */
function reportColumn(name: string, kind: FieldKind | undefined, fields: FieldMap): ChartColumn {
  const kindClass = columnClass(kind);
  if (kindClass === 'number') {
    // Group counts and sums add up as their fields did; averages, minimums and maximums do not.
    const spec = Object.hasOwn(fields, name) ? fields[name] : undefined;
    const additive = spec ? addsUp(spec) : kind === 'count' || /^sum_/.test(name);
    const unit = kind ? (UNITS[kind] ?? (/_seconds$/.test(name) ? 'seconds' : undefined)) : undefined;
    return { name, role: 'number', additive, ...(unit ? { unit } : {}) };
  }
  if (kind === 'hour_of_day' || kind === 'hour_label') return { name, role: 'hour' };
  if (kindClass === 'time') return { name, role: 'time' };
  return { name, role: 'category' };
}

/** A report value as a chart reads it: numbers by the field's kind (durations in seconds), the rest as text. */
function reportValue(value: unknown, kind: FieldKind | undefined): ChartValue {
  if (value === undefined || value === null) return null;
  if (kind && FIELD_KINDS[kind].numeric)
    return typeof value === 'number' ? value : (readNumber(value, kind) ?? null);
  if (kind === 'hour_of_day') return typeof value === 'number' ? value : String(value);
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Every row of a shaped report result, as the chart reads it. */
export function reportChartData(shaped: ShapedRows, fields: FieldMap): Pick<ChartInput, 'rows' | 'columns'> {
  const columns = shaped.columns.map((name) => reportColumn(name, shaped.kinds[name], fields));
  const rows = shaped.items.map((row: Row) => {
    const values: Record<string, ChartValue> = {};
    for (const name of shaped.columns) values[name] = reportValue(row[name], shaped.kinds[name]);
    return values as ChartRow;
  });
  return { rows, columns };
}

/** What building a reply's chart came to: a chart, the caller's mistake, or rows that cannot be drawn. */
export type ChartState =
  | { chart: BuiltChart }
  | { problems: ChartProblem[] }
  | { unchartable: string }
  | undefined;

/**
 * The chart of a result, attached to its reply: the spec in structured content (`chart`) and a note saying what
 * it draws; `state` keeps the outcome for `withChartImage`.
 */
export function chartAttachment(
  input: ChartInput,
  state: { outcome?: ChartState },
): ReplyAttachment | undefined {
  const outcome = chartSpec(input);
  state.outcome = outcome;
  if ('problems' in outcome) return undefined;
  if ('unchartable' in outcome) return { structured: {}, notes: [`No chart: ${outcome.unchartable}`] };
  const { chart } = outcome;
  const drawn = chart.notes.length
    ? `it draws ${chart.notes.join('; ')}`
    : 'it draws every row of the result';
  return {
    structured: {
      chart: {
        kind: chart.kind,
        columns: chart.columns,
        fields: chart.fields,
        notes: chart.notes,
        spec: chart.spec,
      },
    },
    notes: [
      `Chart (${chart.kind}, ${chart.columns.y.join(', ')} by ${chart.columns.x}${chart.columns.series ? ` and ${chart.columns.series}` : ''}): ` +
        `${drawn}. The image is below; its Vega-Lite spec is structured content's chart.spec.`,
    ],
  };
}

/**
 * The caller's chart mistakes, when building the chart found some, as an error reply (each argument named with its
 * rule); undefined when there are none.
 */
export function chartRefusal(tool: string, state: ChartState, again: string): ToolReply | undefined {
  if (!state || !('problems' in state)) return undefined;
  const lines = state.problems.map((problem) => `${problem.path.join('.')}: ${problem.rule}`);
  return { text: `${tool}: ${lines.join('; ')}. Nothing was charted; ${again}`, isError: true };
}

/** The reply with its chart's PNG beside the text, when it has a chart; rendering failures are said, not thrown. */
export async function withChartImage(reply: ToolReply, state: ChartState): Promise<ToolReply> {
  if (!state || !('chart' in state) || reply.isError) return reply;
  try {
    const { png } = await renderChart(state.chart.spec);
    if (!png) {
      return {
        ...reply,
        text: `${reply.text}\nNote: the chart's image is over 100 KB at every size tried, so none is attached; its spec is in structured content.`,
      };
    }
    const image: ToolImage = { data: png.toString('base64'), mimeType: 'image/png' };
    return { ...reply, images: [image] };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ...reply,
      text: `${reply.text}\nNote: the chart could not be drawn (${reason.slice(0, 200)}); its spec is in structured content.`,
    };
  }
}
