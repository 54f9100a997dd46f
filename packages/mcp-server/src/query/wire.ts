/**
 * How a table's rows travel into a query's database: one array per column and a batch of rows per statement, as
 * one JSON text (`{"c0": [...], "c1": [...]}`), parsed by DuckDB's `from_json` into the columns' types and unnested
 * side by side. The server builds the text (batches.ts, from each cell's reading in table.ts); the query process
 * inserts it with the statement made here. Per-value calls into the native binding (the appender, data chunks)
 * cost more: measured side by side on 60,000 rows of 20 columns, about 0.8 s through data chunks and half that as
 * columns of JSON, and a text crosses to the query process as one string.
 *
 * Times travel as naive wall-time milliseconds and become TIMESTAMP/DATE in SQL (`make_timestamp`); nested lists
 * travel as their JSON text and become JSON values in SQL.
 */
import type { SqlType } from './table.js';

/** What the query process needs of a table: its name and its columns' names and types. */
export interface TableShape {
  name: string;
  columns: readonly { name: string; type: SqlType }[];
}

/** A plain SQL identifier needs no quotes; any other name is written `"..."` with inner quotes doubled. */
export function sqlIdentifier(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`;
}

/** The type a column's values have in the JSON text: milliseconds for times, seconds for spans, text for JSON. */
function wireType(type: SqlType): string {
  if (type === 'TIMESTAMP' || type === 'DATE') return 'BIGINT';
  if (type === 'INTERVAL') return 'DOUBLE';
  return type === 'JSON' ? 'VARCHAR' : type;
}

/** The table's CREATE statement, and the INSERT that loads one batch (`$1`: the batch's JSON text). */
export function tableInsert(table: TableShape): { create: string; insert: string } {
  const { columns } = table;
  const name = sqlIdentifier(table.name);
  const ddl = columns.map((column) => `${sqlIdentifier(column.name)} ${column.type}`).join(', ');
  const structure = JSON.stringify(
    Object.fromEntries(columns.map((column, c) => [`c${c}`, [wireType(column.type)]])),
  );
  const unnested = columns.map((_, c) => `unnest(j.c${c}) AS c${c}`).join(', ');
  const typed = columns
    .map((column, c) => {
      if (column.type === 'TIMESTAMP') return `make_timestamp(u.c${c} * 1000)`;
      if (column.type === 'DATE') return `CAST(make_timestamp(u.c${c} * 1000) AS DATE)`;
      if (column.type === 'INTERVAL') return `to_microseconds(CAST(round(u.c${c} * 1e6) AS BIGINT))`;
      // Text that is not JSON (a drifted value) stays whole, as a JSON string.
      if (column.type === 'JSON') {
        return `CASE WHEN json_valid(u.c${c}) THEN CAST(u.c${c} AS JSON) ELSE to_json(u.c${c}) END`;
      }
      return `u.c${c}`;
    })
    .join(', ');
  return {
    create: `CREATE TABLE ${name} (${ddl})`,
    insert:
      `INSERT INTO ${name} SELECT ${typed} FROM (SELECT ${unnested} FROM ` +
      `(SELECT from_json(CAST($1 AS VARCHAR), '${structure.replaceAll("'", "''")}') AS j)) AS u`,
  };
}
