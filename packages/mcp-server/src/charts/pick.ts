/**
 * Which columns a chart draws: those the caller named, checked against the result's columns, and otherwise a
 * sensible choice from the kind alone. x: the first time (or hour) column, else the first category; for a heat map
 * the first hour column (its days from a time column beside it), else the first time column. y: the first additive number (a count, a duration, a sum), else the first
 * number. series: for a stacked bar, the next category after x; for a heat map whose x is only an hour, the day
 * column.
 */
import type { ChartColumn, ChartKind, ChartRequest } from './chart.js';

export interface ChartPlan {
  kind: ChartKind;
  x: ChartColumn;
  y: ChartColumn[];
  series?: ChartColumn;
}

/** A problem with what the caller asked: the argument it names (`chart.x`) and the rule. */
export interface ChartProblem {
  path: string[];
  rule: string;
}

const listing = (columns: readonly ChartColumn[]) =>
  columns.map((column) => column.name).join(', ') || '(none)';

const isNumber = (column: ChartColumn) => column.role === 'number';
const isDiscrete = (column: ChartColumn) => column.role !== 'number';

function firstOf(columns: readonly ChartColumn[], ...tests: ((column: ChartColumn) => boolean)[]) {
  for (const test of tests) {
    const found = columns.find(test);
    if (found) return found;
  }
  return undefined;
}

export function planChart(
  columns: readonly ChartColumn[],
  request: ChartRequest,
): { plan: ChartPlan } | { problems: ChartProblem[] } {
  const problems: ChartProblem[] = [];
  const byName = new Map(columns.map((column) => [column.name, column]));
  const named = (path: string[], name: string | undefined): ChartColumn | undefined => {
    if (name === undefined) return undefined;
    const column = byName.get(name);
    if (!column) problems.push({ path, rule: `unknown column; this result's columns: ${listing(columns)}` });
    return column;
  };
  const x = named(['chart', 'x'], request.x);
  const ys = (request.y ?? []).map((name, index) => named(['chart', 'y', String(index)], name));
  const series = named(['chart', 'series'], request.series);
  if (problems.length) return { problems };

  const y = ys.filter((column): column is ChartColumn => column !== undefined);
  y.forEach((column, index) => {
    if (!isNumber(column)) {
      problems.push({
        path: ['chart', 'y', String(index)],
        rule: `takes a numeric column; ${column.name} is ${column.role === 'category' ? 'text' : `a ${column.role}`}`,
      });
    }
  });
  if (y.length > 1 && series) {
    problems.push({
      path: ['chart', 'series'],
      rule: 'does not apply with several y columns (each is a series)',
    });
  }
  if (request.kind === 'heatmap' && y.length > 1) {
    problems.push({ path: ['chart', 'y'], rule: 'a heat map colours one column' });
  }
  if (x && series && x.name === series.name) {
    problems.push({
      path: ['chart', 'series'],
      rule: 'names the x column; a series needs a column of its own',
    });
  }
  if (problems.length) return { problems };

  const chosenX =
    x ??
    (request.kind === 'heatmap'
      ? firstOf(
          columns,
          // An hour column with a day column beside it (series), else a date-time that carries both.
          (column) => column.role === 'hour' && column !== series,
          (column) => column.role === 'time' && column !== series,
        )
      : firstOf(
          columns,
          (column) => (column.role === 'time' || column.role === 'hour') && column !== series,
          (column) => column.role === 'category' && column !== series,
          (column) => !y.includes(column) && column !== series,
        ));
  if (!chosenX) {
    const rule =
      request.kind === 'heatmap'
        ? 'no column of this result holds a time or an hour of the day; name x'
        : 'no column of this result can be the x axis; name x';
    return { problems: [{ path: ['chart', 'x'], rule }] };
  }
  const chosenY = y.length
    ? y
    : [
        firstOf(
          columns,
          (column) => isNumber(column) && column.additive === true && column !== chosenX,
          (column) => isNumber(column) && column !== chosenX,
        ),
      ].filter((column): column is ChartColumn => column !== undefined);
  if (chosenY.length === 0) {
    return { problems: [{ path: ['chart', 'y'], rule: 'no numeric column in this result to draw; name y' }] };
  }
  const others = (column: ChartColumn) =>
    isDiscrete(column) && column !== chosenX && !chosenY.includes(column);
  let chosenSeries = series;
  if (!chosenSeries && chosenY.length === 1) {
    if (request.kind === 'stacked_bar') chosenSeries = firstOf(columns, others);
    // A heat map's rows are days: from x when it carries the date, else from another column.
    if (request.kind === 'heatmap' && chosenX.role === 'hour') {
      chosenSeries = firstOf(columns, (column) => others(column) && column.role === 'time', others);
    }
  }
  return {
    plan: {
      kind: request.kind,
      x: chosenX,
      y: chosenY,
      ...(chosenSeries ? { series: chosenSeries } : {}),
    },
  };
}
