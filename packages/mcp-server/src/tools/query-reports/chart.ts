/**
 * A query's result as a chart reads it: roles from DuckDB's column types (times, numbers, the rest categories) and
 * from the names SQL gives (an integer `hour` is an hour of the day; `avg_`, `pct`, `rate`… do not add up), and
 * the title's what, when and zone from the tables the query read.
 */
import type { ChartColumn, ChartInput, ChartTitle, ChartValue } from '../../charts/chart.js';
import type { QueryOutcome, ResultColumn } from '../../query/engine.js';
import type { LoadedTable } from './reply.js';

const TIME_TYPES = /^(TIMESTAMP|DATE)\b/;
const NUMBER_TYPES =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|REAL|DECIMAL)\b/;
const HOUR_NAME = /^(hour|hora|hour_of_day|hh)$/i;
/** Names of figures that do not add up across rows: averages, extremes, percentages, rates, ratios, levels. */
const NOT_ADDITIVE =
  /(^|_)(avg|average|mean|median|min|max|pct|percent|percentage|rate|ratio|share|level|occupancy|aht|asa)(_|$)/i;

function queryColumn(column: ResultColumn): ChartColumn {
  const type = column.type.toUpperCase();
  if (TIME_TYPES.test(type)) return { name: column.name, role: 'time' };
  if (type === 'TIME') return { name: column.name, role: 'hour' };
  if (NUMBER_TYPES.test(type)) {
    if (HOUR_NAME.test(column.name) && !/^(FLOAT|DOUBLE|REAL|DECIMAL)/.test(type)) {
      return { name: column.name, role: 'hour' };
    }
    const unit = /(_s|_seconds|_secs)$/i.test(column.name)
      ? 'seconds'
      : /(^|_)(pct|percent|percentage)(_|$)/i.test(column.name)
        ? '%'
        : undefined;
    return {
      name: column.name,
      role: 'number',
      additive: !NOT_ADDITIVE.test(column.name),
      ...(unit ? { unit } : {}),
    };
  }
  return { name: column.name, role: 'category' };
}

function chartValue(value: unknown): ChartValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Every row the query kept, its columns, and how many rows the whole result has. */
export function queryChartData(outcome: QueryOutcome): Pick<ChartInput, 'rows' | 'columns' | 'resultRows'> {
  const columns = outcome.columns.map(queryColumn);
  const rows = outcome.rows.map((row) =>
    Object.fromEntries(outcome.columns.map((column) => [column.name, chartValue(row[column.name])])),
  );
  return { rows, columns, resultRows: outcome.total };
}

/** What the chart's title says: the tables read, their windows, the zone. */
export function queryChartTitle(tables: readonly LoadedTable[], timeZone: string): ChartTitle {
  const names = tables.map((item) =>
    item.table === item.report ? item.report : `${item.table} (${item.report})`,
  );
  const windows = [
    ...new Set(
      tables.map((item) =>
        item.result.window ? `${item.result.window.from} to ${item.result.window.to}` : 'current state',
      ),
    ),
  ];
  return { what: `query over ${names.join(', ')}`, when: windows.join('; '), zone: timeZone };
}
