/**
 * SQL over fetched reports on embedded DuckDB (`@duckdb/node-api`). The server runs it only in a query process of
 * its own (worker.ts, started by process.ts): nothing DuckDB does runs in the server's process, and the process can
 * be killed at any moment. Benchmarks and unit tests open a session in their own process, over the same code.
 *
 * Each query gets a fresh in-memory database, created locked down (no file, network or extension access,
 * configuration locked, a memory limit, nothing spilled to disk), so tables of one call never reach another and the
 * statement can only read the tables loaded for it. A statement must be one SELECT (or WITH ... SELECT): DuckDB's own
 * parser decides (`extract_statements` counts them, `json_serialize_sql` serializes only SELECT statements, and the
 * prepared statement's type must be SELECT).
 *
 * A result leaves the session bounded by a `ResultBudget`: its column list, the rows kept (by count and by
 * characters), each cell; every row is still counted, so the total stays exact.
 */
import { TooLargeError } from '../exports/file.js';
import type { ExportFormat } from '../exports/formats.js';
import { openRowWriter } from '../exports/writer.js';
import { type ReferencedNames, referencedNames } from './columns.js';
import { classifyDuckDbError, QueryFailure, trimDuckDbMessage } from './errors.js';
import { cellColumns, chunkCells } from './export-cells.js';
import { DAY_KEY, writeParquet, writeParquetDays } from './parquet.js';
import { sqlIdentifier, type TableShape, tableInsert } from './wire.js';

type DuckDbModule = typeof import('@duckdb/node-api');
type DuckDbConnection = import('@duckdb/node-api').DuckDBConnection;
type DuckDbInstance = import('@duckdb/node-api').DuckDBInstance;

let loading: Promise<DuckDbModule> | undefined;

/** DuckDB's module, imported once, on first use. */
function duckdb(): Promise<DuckDbModule> {
  loading ??= import('@duckdb/node-api');
  return loading;
}

/** What the database of a session may use. */
export interface SessionSettings {
  /** DuckDB's `memory_limit` (its tables and the statement's work; lists and long strings escape it). */
  memoryLimit: string;
}

/** How much of a result leaves the session (the answer cannot carry more). */
export interface ResultBudget {
  /** Result rows counted at most: a larger result is refused. */
  maxResultRows: number;
  /** Rows kept, the first ones. */
  keepRows: number;
  /** Characters of the kept rows' JSON: rows stop being kept once this is reached. */
  maxRowChars: number;
  /** Characters of one value (its JSON for lists and structs); a longer one is cut, and counted. */
  maxCellChars: number;
  /** Characters of the column list's JSON (names and types): a wider result is refused. */
  maxColumnChars: number;
}

/** A result column: its name (deduplicated: `x`, `x_1`) and DuckDB's type. */
export interface ResultColumn {
  name: string;
  type: string;
}

export interface QueryOutcome {
  columns: ResultColumn[];
  /** The first rows, values as JSON (numbers for numeric columns, text for times), within the budget. */
  rows: Record<string, unknown>[];
  /** Every row of the result, counted. */
  total: number;
  /** Values of the kept rows that were longer than `maxCellChars` and are cut. */
  cutCells: number;
}

/** Where and how a result is written whole (exports/): the server chose the folder, in its exports directory. */
export interface ExportRequest {
  format: ExportFormat;
  /** The export's work folder: the file is written here, and nothing else is. */
  dir: string;
  /** The file to write, in `dir`. */
  path: string;
  /** CSV: a UTF-8 byte order mark first, for Excel. */
  bom: boolean;
  /** The tenant's zone: a TIMESTAMP WITH TIME ZONE is written in its wall time. */
  timeZone: string;
  /** The file may not grow past this many bytes. */
  maxBytes: number;
}

export interface ExportOutcome {
  columns: ResultColumn[];
  /** Every row of the result, written. */
  rows: number;
  bytes: number;
}

/** How often, at most, an export says how far it got. */
const PROGRESS_EVERY_MS = 500;

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

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

/** A value within `max` characters: text cut with an ellipsis; a list or struct longer as JSON becomes its cut JSON. */
function boundedCell(value: unknown, max: number): { value: unknown; cut: boolean } {
  if (typeof value === 'string') {
    return value.length > max ? { value: `${value.slice(0, max - 1)}…`, cut: true } : { value, cut: false };
  }
  if (value === null || typeof value !== 'object') return { value, cut: false };
  const json = JSON.stringify(value);
  return json.length > max ? { value: `${json.slice(0, max - 1)}…`, cut: true } : { value, cut: false };
}

export class QuerySession {
  /** The insert statement of each table created (the rows' wire form is fixed by the table's columns). */
  private readonly inserts = new Map<string, string>();

  private constructor(
    private readonly db: DuckDbModule,
    private readonly instance: DuckDbInstance,
    private readonly connection: DuckDbConnection,
  ) {}

  /**
   * A fresh, locked-down, in-memory database. `readable` are the store's day files this query reads in place
   * (store/): DuckDB's `allowed_paths`, the only files it may open once external access is off; nothing else,
   * not even their folder, can be read or listed.
   */
  static async open(settings: SessionSettings, readable: readonly string[] = []): Promise<QuerySession> {
    const db = await duckdb();
    const instance = await db.DuckDBInstance.create(':memory:', {
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
      allow_community_extensions: 'false',
      memory_limit: settings.memoryLimit,
      max_temp_directory_size: '0B',
      threads: '2',
    });
    const connection = await instance.connect();
    // Nothing spills to disk: a query that does not fit in memory fails instead. Without a temp directory DuckDB
    // creates none (a size of 0 alone still creates `.tmp` in the working directory), and allows no path at all.
    // Set by statements, before the lock: the creation options do not take an empty directory, and external
    // access must be on to change it.
    await connection.run("SET temp_directory = ''");
    if (readable.length > 0) {
      await connection.run(`SET allowed_paths = [${readable.map(literal).join(', ')}]`);
    }
    await connection.run('SET enable_external_access = false');
    // Last: after this no setting can change, whatever a statement says.
    await connection.run('SET lock_configuration = true');
    return new QuerySession(db, instance, connection);
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
   * The table a statement names, over stored days read in place and the rows loaded into `memory` (today, a partial
   * day): one view, with the memory table's columns (a day file written before a column existed reads NULL there).
   */
  async createStoredView(view: TableShape, files: readonly string[], memory: string): Promise<void> {
    const columns = view.columns.map((column) => sqlIdentifier(column.name)).join(', ');
    await this.connection.run(
      `CREATE VIEW ${sqlIdentifier(view.name)} AS SELECT ${columns} FROM (SELECT * FROM read_parquet(` +
        `[${files.map(literal).join(', ')}], union_by_name = true, hive_partitioning = false) UNION ALL BY NAME SELECT * FROM ${sqlIdentifier(memory)})`,
    );
  }

  /**
   * Writes a loaded table as the store's day files (parquet.ts, in `dir`) and drops it: one file per day of `days`,
   * each row's day read from `dayColumn` (absent: the table is one day, `days`' only one). Resolves to the rows of
   * each day.
   */
  async writeDays(
    table: string,
    dayColumn: string | undefined,
    dir: string,
    days: readonly { day: string; path: string }[],
  ): Promise<number[]> {
    const name = sqlIdentifier(table);
    if (days.length === 0) {
      await this.connection.run(`DROP TABLE IF EXISTS ${name}`);
      return [];
    }
    const day =
      dayColumn === undefined
        ? literal(days[0]?.day ?? '')
        : `strftime(CAST(${sqlIdentifier(dayColumn)} AS DATE), '%Y-%m-%d')`;
    try {
      const result = await this.connection.stream(`SELECT *, ${day} AS ${DAY_KEY} FROM ${name}`);
      const next = () => result.fetchChunk();
      return await writeParquetDays(
        this.db,
        result.deduplicatedColumnNames(),
        result.columnTypes(),
        next,
        dir,
        days,
      );
    } finally {
      await this.connection.run(`DROP TABLE IF EXISTS ${name}`);
    }
  }

  /** Creates a table for `insert` to fill. */
  async createTable(table: TableShape): Promise<void> {
    const { create, insert } = tableInsert(table);
    await this.connection.run(create);
    this.inserts.set(table.name, insert);
  }

  /** Inserts one batch of rows into a created table: its columns as JSON arrays (wire.ts, `columnBatches`). */
  async insert(table: string, columnsJson: string): Promise<void> {
    const insert = this.inserts.get(table);
    if (!insert) throw new Error(`table ${table} was not created`);
    await this.connection.run(insert, [columnsJson], [this.db.VARCHAR]);
  }

  /**
   * Runs the checked statement over the loaded tables: counts every result row (at most `maxResultRows`), keeps
   * the first rows within the budget. An in-process caller may stop it with `signal` (DuckDB's interrupt, which a
   * single long function does not heed: the server kills the query's process instead).
   */
  async run(sql: string, budget: ResultBudget, signal?: AbortSignal): Promise<QueryOutcome> {
    const { db, connection } = this;
    const interrupt = () => connection.interrupt();
    signal?.addEventListener('abort', interrupt, { once: true });
    try {
      const result = await this.select(sql);
      const names = result.deduplicatedColumnNames();
      const types = result.columnTypes();
      const columns = names.map((name, c) => ({ name, type: types[c]!.toString() }));
      const columnChars = JSON.stringify(columns).length;
      if (columnChars > budget.maxColumnChars) {
        throw new QueryFailure(
          'too_wide',
          `the result has ${columns.length.toLocaleString('en-US')} column(s) whose names and types take ` +
            `${columnChars.toLocaleString('en-US')} characters; an answer carries at most ` +
            `${budget.maxColumnChars.toLocaleString('en-US')}: select fewer columns, or name them shortly (expr AS name)`,
        );
      }
      const numericText = types.map((type) => NUMERIC_AS_TEXT.has(db.DuckDBTypeId[type.typeId] ?? ''));
      const rows: Record<string, unknown>[] = [];
      let rowChars = 0;
      let cutCells = 0;
      // Rows are kept while both bounds allow; after that they are only counted, never converted.
      let keeping = budget.keepRows > 0;
      let total = 0;
      for (;;) {
        const chunk = await result.fetchChunk();
        if (!chunk || chunk.rowCount === 0) break;
        for (let i = 0; keeping && i < chunk.rowCount; i += 1) {
          const values = chunk.convertRowValues(i, db.JsonDuckDBValueConverter);
          const row: Record<string, unknown> = {};
          let cut = 0;
          names.forEach((name, c) => {
            const cell = boundedCell(jsonCell(values[c], numericText[c]!), budget.maxCellChars);
            if (cell.cut) cut += 1;
            row[name] = cell.value;
          });
          const chars = JSON.stringify(row).length;
          // The first row is kept whatever its size (its cells are bounded): an answer always has one to show.
          if (rows.length > 0 && rowChars + chars > budget.maxRowChars) {
            keeping = false;
            break;
          }
          rows.push(row);
          rowChars += chars;
          cutCells += cut;
          keeping = rows.length < budget.keepRows && rowChars < budget.maxRowChars;
        }
        total += chunk.rowCount;
        if (total > budget.maxResultRows) {
          throw new QueryFailure(
            'too_many_rows',
            `the result has more than ${budget.maxResultRows.toLocaleString('en-US')} rows; aggregate it (GROUP BY) or add LIMIT`,
          );
        }
      }
      return { columns, rows, total, cutCells };
    } catch (error) {
      if (error instanceof QueryFailure) throw error;
      throw classifyDuckDbError(error);
    } finally {
      signal?.removeEventListener('abort', interrupt);
    }
  }

  /**
   * Runs the checked statement and writes every row of its result into `request.path` (exports/ writes CSV, JSON
   * and XLSX from the chunks; DuckDB writes Parquet in a database of its own, parquet.ts): nothing of the result is
   * kept but the chunk being written. `onRows` hears how many rows are written, every half second at most.
   */
  async export(
    sql: string,
    request: ExportRequest,
    onRows: (rows: number) => void = () => undefined,
  ): Promise<ExportOutcome> {
    const { db } = this;
    let last = 0;
    const progress = (rows: number) => {
      const now = performance.now();
      if (now - last < PROGRESS_EVERY_MS) return;
      last = now;
      onRows(rows);
    };
    try {
      const result = await this.select(sql);
      const names = result.deduplicatedColumnNames();
      const types = result.columnTypes();
      const columns = names.map((name, c) => ({ name, type: types[c]!.toString() }));
      const next = () => result.fetchChunk();
      if (request.format === 'parquet') {
        const written = await writeParquet(db, names, types, next, request, progress);
        return { columns, ...written };
      }
      const cells = cellColumns(db, names, types, request.timeZone);
      const writer = await openRowWriter(request.format, request.path, cells, request);
      let rows = 0;
      try {
        for (let chunk = await next(); chunk && chunk.rowCount > 0; chunk = await next()) {
          await writer.write({ rows: chunk.rowCount, columns: chunkCells(cells, chunk.getColumns()) });
          rows += chunk.rowCount;
          progress(rows);
        }
      } catch (error) {
        await writer.abandon();
        throw error;
      }
      return { columns, rows, bytes: await writer.close() };
    } catch (error) {
      if (error instanceof QueryFailure) throw error;
      if (error instanceof TooLargeError) {
        throw new QueryFailure(
          'too_large',
          `the file would be larger than ${(error.maxBytes / 1024 / 1024).toLocaleString('en-US')} MB, what one ` +
            'export may take (the bound of every export kept on this machine): select fewer columns or rows',
        );
      }
      const code = (error as NodeJS.ErrnoException | undefined)?.code;
      if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
        throw new QueryFailure('unavailable', `the export file could not be written (${code})`);
      }
      throw classifyDuckDbError(error);
    }
  }

  /** The statement prepared and streaming, once DuckDB's own statement type says it is a SELECT. */
  private async select(sql: string) {
    const prepared = await (await this.connection.extractStatements(sql)).prepare(0);
    if (prepared.statementType !== this.db.StatementType.SELECT) {
      throw new QueryFailure('refused', `${leadingKeyword(sql)} is refused: ${ONLY_SELECT}`);
    }
    return prepared.stream();
  }

  close(): void {
    try {
      this.connection.closeSync();
    } finally {
      this.instance.closeSync();
    }
  }
}
