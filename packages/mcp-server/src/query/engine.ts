/**
 * SQL over fetched reports on embedded DuckDB (`@duckdb/node-api`, in process).
 *
 * The module is imported on the first query, never at start-up: a server that only lists tools or runs reports
 * never loads DuckDB's native binary. Each query gets a fresh in-memory database, created locked down (no file,
 * network or extension access, configuration locked, a memory limit, nothing spilled to disk), so tables of one
 * call never reach another and the statement can only read the tables loaded for it. A statement must be one
 * SELECT (or WITH ... SELECT): DuckDB's own parser decides (`extract_statements` counts them,
 * `json_serialize_sql` serializes only SELECT statements, and the prepared statement's type must be SELECT).
 */
import type { Row } from '../backend/source.js';
import { type ReferencedNames, referencedNames } from './columns.js';
import { classifyDuckDbError, QueryFailure, trimDuckDbMessage } from './errors.js';
import type { QueryLimits } from './limits.js';
import { type ReportTable, readCell, sqlIdentifier } from './table.js';

type DuckDbModule = typeof import('@duckdb/node-api');
type DuckDbConnection = import('@duckdb/node-api').DuckDBConnection;
type DuckDbInstance = import('@duckdb/node-api').DuckDBInstance;

let loading: Promise<DuckDbModule> | undefined;

/**
 * Rows per load statement: enough to amortise a statement, few enough that reading the next batch in JS overlaps
 * DuckDB's parsing of this one, and that the JSON in memory stays small.
 */
const LOAD_BATCH_ROWS = 16_384;

/** DuckDB's module, imported once, on first use. */
function duckdb(): Promise<DuckDbModule> {
  loading ??= import('@duckdb/node-api');
  return loading;
}

/** A result column: its name (deduplicated: `x`, `x_1`) and DuckDB's type. */
export interface ResultColumn {
  name: string;
  type: string;
}

export interface QueryOutcome {
  columns: ResultColumn[];
  /** The first `keepRows` rows, values as JSON (numbers for numeric columns, text for times). */
  rows: Record<string, unknown>[];
  /** Every row of the result, counted. */
  total: number;
}

export interface LoadOutcome {
  rows: number;
  /** Per column, the values that were there but did not read as the column's type (NULL in it). */
  unreadable: Record<string, number>;
}

/** The statement's leading keyword, for messages only (the decisions are the parser's). */
function leadingKeyword(sql: string): string {
  const text = sql.replace(/^(?:\s+|--[^\n]*\n?|\/\*[\s\S]*?\*\/)*/, '');
  return /^[A-Za-z]+/.exec(text)?.[0]?.toUpperCase() ?? 'this statement';
}

const ONLY_SELECT =
  'only a SELECT (or WITH ... SELECT) statement runs: no ATTACH, COPY, INSTALL, LOAD, PRAGMA, SET, EXPORT, ' +
  'IMPORT, CALL, CREATE, INSERT, UPDATE or DELETE';

/** Numeric DuckDB types whose JSON form is a string (64/128-bit integers, decimals): sent as JSON numbers. */
const NUMERIC_AS_TEXT = new Set(['BIGINT', 'UBIGINT', 'HUGEINT', 'UHUGEINT', 'DECIMAL', 'BIGNUM']);

function jsonCell(value: unknown, numericText: boolean): unknown {
  if (numericText && typeof value === 'string') return Number(value);
  // JSON has no NaN or infinities: DuckDB's JSON form writes them as strings; a number column shows null.
  if (value === 'NaN' || value === 'Infinity' || value === '-Infinity') return null;
  return value;
}

export class QuerySession {
  private constructor(
    private readonly db: DuckDbModule,
    private readonly instance: DuckDbInstance,
    private readonly connection: DuckDbConnection,
    private readonly limits: QueryLimits,
  ) {}

  /** A fresh, locked-down, in-memory database. */
  static async open(limits: QueryLimits): Promise<QuerySession> {
    const db = await duckdb();
    const instance = await db.DuckDBInstance.create(':memory:', {
      enable_external_access: 'false',
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
      allow_community_extensions: 'false',
      memory_limit: limits.memoryLimit,
      // Nothing spills to disk: a query that does not fit in memory fails instead.
      max_temp_directory_size: '0B',
      threads: '2',
      // Last: after this no setting can change, whatever a statement says.
      lock_configuration: 'true',
    });
    const connection = await instance.connect();
    return new QuerySession(db, instance, connection, limits);
  }

  /**
   * Refuses anything but one SELECT, by DuckDB's parser, before any report is fetched for it, and says which
   * columns it reads (columns.ts). Names and columns are checked later, when the tables exist.
   */
  async checkStatement(sql: string): Promise<ReferencedNames> {
    let count: number;
    try {
      count = (await this.connection.extractStatements(sql)).count;
    } catch (error) {
      throw new QueryFailure(
        'parse',
        trimDuckDbMessage(error instanceof Error ? error.message : String(error)),
      );
    }
    if (count === 0) throw new QueryFailure('parse', 'holds no statement: write one SELECT');
    if (count > 1) {
      throw new QueryFailure('refused', `holds ${count} statements; one SELECT runs per call`);
    }
    const reader = await this.connection.runAndReadAll(
      'SELECT json_serialize_sql(CAST($1 AS VARCHAR)) AS ast',
      [sql],
      [this.db.VARCHAR],
    );
    const [row] = reader.getRowObjectsJS() as { ast: string }[];
    const ast = JSON.parse(row?.ast ?? '{}') as {
      error?: boolean;
      error_type?: string;
      error_message?: string;
    };
    if (ast.error) {
      if (ast.error_type === 'parser')
        throw new QueryFailure('parse', trimDuckDbMessage(ast.error_message ?? ''));
      throw new QueryFailure('refused', `${leadingKeyword(sql)} is refused: ${ONLY_SELECT}`);
    }
    return referencedNames(ast);
  }

  /**
   * Creates the table and loads the rows. Each cell is read in JS by `readCell` (table.ts, the one reading
   * of wolkvox's strings), and the typed values go to DuckDB as JSON, one array per column and a batch of rows
   * per statement, parsed by DuckDB's `from_json` into the column types and unnested side by side. Per-value
   * calls into the native binding (the appender, data chunks) cost more: measured side by side on 60,000 rows of
   * 20 columns, about 0.8 s through data chunks and half that as columns of JSON.
   * Times travel as naive wall-time milliseconds and become TIMESTAMP/DATE in SQL (`make_timestamp`); nested
   * lists travel as their JSON text and become JSON values in SQL.
   */
  async load(table: ReportTable, rows: readonly Row[], signal?: AbortSignal): Promise<LoadOutcome> {
    const { db, connection } = this;
    const columns = table.columns;
    const ddl = columns.map((column) => `${sqlIdentifier(column.name)} ${column.type}`).join(', ');
    await connection.run(`CREATE TABLE ${sqlIdentifier(table.name)} (${ddl})`);
    const unreadable: Record<string, number> = {};
    // Times travel as milliseconds, JSON as its text (readCell's reading; parsed in SQL).
    const wireType = (type: string) =>
      type === 'TIMESTAMP' || type === 'DATE' ? 'BIGINT' : type === 'JSON' ? 'VARCHAR' : type;
    const structure = JSON.stringify(
      Object.fromEntries(columns.map((column, c) => [`c${c}`, [wireType(column.type)]])),
    );
    const unnested = columns.map((_, c) => `unnest(j.c${c}) AS c${c}`).join(', ');
    const typed = columns
      .map((column, c) => {
        if (column.type === 'TIMESTAMP') return `make_timestamp(u.c${c} * 1000)`;
        if (column.type === 'DATE') return `CAST(make_timestamp(u.c${c} * 1000) AS DATE)`;
        // Text that is not JSON (a drifted value) stays whole, as a JSON string.
        if (column.type === 'JSON') {
          return `CASE WHEN json_valid(u.c${c}) THEN CAST(u.c${c} AS JSON) ELSE to_json(u.c${c}) END`;
        }
        return `u.c${c}`;
      })
      .join(', ');
    const insert =
      `INSERT INTO ${sqlIdentifier(table.name)} SELECT ${typed} FROM (SELECT ${unnested} FROM ` +
      `(SELECT from_json(CAST($1 AS VARCHAR), '${structure.replaceAll("'", "''")}') AS j)) AS u`;
    // A batch is read and serialized in JS while DuckDB parses the one before (its work runs off the event
    // loop): the two overlap instead of adding up. One connection keeps the batches in order.
    let inserting: Promise<unknown> | undefined;
    for (let start = 0; start < rows.length; start += LOAD_BATCH_ROWS) {
      const end = Math.min(rows.length, start + LOAD_BATCH_ROWS);
      const batch: Record<string, (number | string | null)[]> = {};
      columns.forEach((column, c) => {
        const values = new Array<number | string | null>(end - start);
        for (let i = start; i < end; i += 1) {
          const cell = readCell(column, rows[i]![column.field]);
          if (cell === undefined) unreadable[column.name] = (unreadable[column.name] ?? 0) + 1;
          values[i - start] = cell ?? null;
        }
        batch[`c${c}`] = values;
      });
      const json = JSON.stringify(batch);
      await inserting;
      // A caller who gave up stops the load between batches (a year of rows takes seconds to load); checked once
      // the batch before has landed, so no insert is left running unawaited.
      signal?.throwIfAborted();
      inserting = connection.run(insert, [json], [db.VARCHAR]);
    }
    await inserting;
    return { rows: rows.length, unreadable };
  }

  /**
   * Runs the checked statement over the loaded tables: counts every result row (at most `maxResultRows`), keeps
   * the first `keepRows`, and is interrupted after `timeoutMs` or when `signal` aborts.
   */
  async run(sql: string, signal?: AbortSignal): Promise<QueryOutcome> {
    const { db, connection, limits } = this;
    const interrupt = () => connection.interrupt();
    const timer = setTimeout(interrupt, limits.timeoutMs);
    signal?.addEventListener('abort', interrupt, { once: true });
    try {
      const extracted = await connection.extractStatements(sql);
      const prepared = await extracted.prepare(0);
      if (prepared.statementType !== db.StatementType.SELECT) {
        throw new QueryFailure('refused', `${leadingKeyword(sql)} is refused: ${ONLY_SELECT}`);
      }
      const result = await prepared.stream();
      const names = result.deduplicatedColumnNames();
      const types = result.columnTypes();
      const numericText = types.map((type) => NUMERIC_AS_TEXT.has(db.DuckDBTypeId[type.typeId] ?? ''));
      const rows: Record<string, unknown>[] = [];
      let total = 0;
      for (;;) {
        const chunk = await result.fetchChunk();
        if (!chunk || chunk.rowCount === 0) break;
        for (let i = 0; i < chunk.rowCount && rows.length < limits.keepRows; i += 1) {
          const values = chunk.convertRowValues(i, db.JsonDuckDBValueConverter);
          const row: Record<string, unknown> = {};
          names.forEach((name, c) => {
            row[name] = jsonCell(values[c], numericText[c]!);
          });
          rows.push(row);
        }
        total += chunk.rowCount;
        if (total > limits.maxResultRows) {
          throw new QueryFailure(
            'too_many_rows',
            `the result has more than ${limits.maxResultRows.toLocaleString('en-US')} rows; aggregate it (GROUP BY) or add LIMIT`,
          );
        }
      }
      return { columns: names.map((name, c) => ({ name, type: types[c]!.toString() })), rows, total };
    } catch (error) {
      if (error instanceof QueryFailure) throw error;
      throw classifyDuckDbError(error, limits.timeoutMs);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', interrupt);
    }
  }

  close(): void {
    try {
      this.connection.closeSync();
    } finally {
      this.instance.closeSync();
    }
  }
}
