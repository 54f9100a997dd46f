/**
 * A chart of a result, as data: what was asked (the kind and the columns), what the result's columns hold as a
 * chart reads them, and the limits of what one chart shows. Nothing here knows a report or a SQL engine: the tools
 * describe their result's columns (ChartColumn) and hand over every row of it.
 */

export const CHART_KINDS = ['bar', 'stacked_bar', 'line', 'heatmap'] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

/** What the caller asked for: the kind, and the columns it named (the rest is chosen, see pick.ts). */
export interface ChartRequest {
  kind: ChartKind;
  x?: string;
  /** One column, or several drawn as series of their own (then no `series` column). */
  y?: string[];
  series?: string;
}

/**
 * What a column holds, as a chart reads it: `time` a date or a date and time (wall time text as the result gives
 * it), `hour` an hour of the day (0..23, or an HH:MM label), `category` anything else that is not a number.
 */
export type ColumnRole = 'time' | 'hour' | 'category' | 'number';

export interface ChartColumn {
  name: string;
  role: ColumnRole;
  /**
   * Numbers only: whether values add up across rows (counts, durations, sums), as percentages, averages and
   * ratios do not. The default y is the first additive number.
   */
  additive?: boolean;
  /** Said in the axis title: `seconds` for durations read as seconds, `%` for percentages. */
  unit?: string;
}

/** A value as a chart reads it: numbers as numbers (durations in seconds), everything else as text. */
export type ChartValue = string | number | null;
export type ChartRow = Readonly<Record<string, ChartValue>>;

/** What the title says: what is drawn, over which window, in which time zone. */
export interface ChartTitle {
  what: string;
  when: string;
  zone: string;
}

export interface ChartInput {
  /** Every row of the result, in the result's order (after its filter, grouping, order and top). */
  rows: readonly ChartRow[];
  columns: readonly ChartColumn[];
  request: ChartRequest;
  title: ChartTitle;
  /**
   * The whole result's row count when `rows` are only its first ones (query_reports keeps the first rows of a
   * larger result): the chart then says it draws those.
   */
  resultRows?: number;
}

/**
 * How much one chart shows, legible at 800 px. Past these the chart draws the first ones, in the result's order
 * (time in time order), and says so in its subtitle and in the answer.
 */
export const CHART_LIMITS = {
  /** x values of a bar chart (bars, or stacks, or groups of bars). */
  barCategories: 60,
  /** x values of a line chart. */
  linePoints: 500,
  /** Days (rows) of a heat map: a month. */
  heatmapDays: 31,
  /** Series (colors). */
  series: 10,
} as const;

/** Pixels of the rendered chart (PNG): 800 wide, legible as hosts show images. */
export const CHART_WIDTH = 800;
export const CHART_HEIGHT = 450;
