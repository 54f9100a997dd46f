/**
 * Parquet, written by DuckDB's own COPY, typed as the result is (the query tables' types, or the caller's SQL's).
 * The query's database has no file access and never gets any: a second database, made for this one file, does the
 * writing. It is created in the export's work folder, may read and write that folder alone (DuckDB's
 * `allowed_directories` with external access off, configuration locked), and runs only the statements written
 * here, never a caller's. The result's chunks are appended to it as DuckDB holds them; its table lives in a
 * database file in that folder, so a large result is not held in memory a second time.
 */
import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { TooLargeError } from '../exports/file.js';
import { sqlIdentifier } from './wire.js';

type DuckDbModule = typeof import('@duckdb/node-api');
type DuckDbType = import('@duckdb/node-api').DuckDBType;
type DuckDbChunk = import('@duckdb/node-api').DuckDBDataChunk;
type DuckDbConnection = import('@duckdb/node-api').DuckDBConnection;

/** What the writing database may use: it holds a few chunks at a time, the rest is in its file. */
const WRITER_MEMORY = '256MB';
const WRITER_DATABASE = 'writer.duckdb';

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** A column's type as SQL writes it; a JSON column keeps its name (DuckDB reports it as VARCHAR). */
export function columnTypeSql(type: DuckDbType): string {
  return type.alias ?? type.toString();
}

export interface ParquetTarget {
  /** The export's work folder: the only place the writing database may touch. */
  dir: string;
  /** The file to write, in `dir`. */
  path: string;
  maxBytes: number;
}

/**
 * Appends the chunks `next` yields to a table `result` in a writing database made for `dir` (it may touch that
 * folder alone), then lets `write` copy it out; the database's own files are removed after.
 */
async function withWriter<T>(
  db: DuckDbModule,
  names: readonly string[],
  types: readonly DuckDbType[],
  next: () => Promise<DuckDbChunk | null>,
  dir: string,
  onRows: (rows: number) => void,
  write: (connection: DuckDbConnection, rows: number) => Promise<T>,
): Promise<T> {
  const instance = await db.DuckDBInstance.create(join(dir, WRITER_DATABASE), {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    allow_community_extensions: 'false',
    memory_limit: WRITER_MEMORY,
    threads: '2',
  });
  try {
    const connection = await instance.connect();
    try {
      const folder = dir.endsWith('/') ? dir : `${dir}/`;
      await connection.run(`SET allowed_directories = [${literal(folder)}]`);
      await connection.run('SET enable_external_access = false');
      await connection.run('SET lock_configuration = true');
      const columns = names.map((name, c) => `${sqlIdentifier(name)} ${columnTypeSql(types[c]!)}`);
      await connection.run(`CREATE TABLE result (${columns.join(', ')})`);
      const appender = await connection.createAppender('result');
      let rows = 0;
      try {
        for (let chunk = await next(); chunk && chunk.rowCount > 0; chunk = await next()) {
          appender.appendDataChunk(chunk);
          rows += chunk.rowCount;
          onRows(rows);
        }
      } finally {
        appender.closeSync();
      }
      return await write(connection, rows);
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
    // The database's files go; the Parquet files stay for the server to move into place.
    for (const suffix of ['', '.wal', '.tmp']) {
      await rm(join(dir, `${WRITER_DATABASE}${suffix}`), { recursive: true, force: true });
    }
  }
}

/**
 * Writes the chunks `next` yields into a Parquet file; resolves to the rows written and the file's size.
 * `onRows` hears the rows appended so far.
 */
export function writeParquet(
  db: DuckDbModule,
  names: readonly string[],
  types: readonly DuckDbType[],
  next: () => Promise<DuckDbChunk | null>,
  target: ParquetTarget,
  onRows: (rows: number) => void,
): Promise<{ rows: number; bytes: number }> {
  return withWriter(db, names, types, next, target.dir, onRows, async (connection, rows) => {
    await connection.run(`COPY result TO ${literal(target.path)} (FORMAT parquet)`);
    const { size } = await stat(target.path);
    if (size > target.maxBytes) throw new TooLargeError(target.maxBytes);
    return { rows, bytes: size };
  });
}

/** The column `writeParquetDays` reads each row's day from (the store's rows carry it; the files do not). */
export const DAY_KEY = '__day';

/**
 * The store's day files (store/): the chunks `next` yields, whose last column is `DAY_KEY` (the row's day, text),
 * written one Parquet file per day of `days` without that column, in `dir`. Resolves to the rows of each day; rows
 * of a day not listed are in no file (the caller compares the counts).
 */
export function writeParquetDays(
  db: DuckDbModule,
  names: readonly string[],
  types: readonly DuckDbType[],
  next: () => Promise<DuckDbChunk | null>,
  dir: string,
  days: readonly { day: string; path: string }[],
): Promise<number[]> {
  return withWriter(
    db,
    names,
    types,
    next,
    dir,
    () => undefined,
    async (connection) => {
      const counts: number[] = [];
      for (const { day, path } of days) {
        const rows = `(SELECT * EXCLUDE (${DAY_KEY}) FROM result WHERE ${DAY_KEY} = ${literal(day)})`;
        await connection.run(`COPY ${rows} TO ${literal(path)} (FORMAT parquet)`);
        const reader = await connection.runAndReadAll(
          `SELECT count(*)::INTEGER AS n FROM result WHERE ${DAY_KEY} = ${literal(day)}`,
        );
        counts.push((reader.getRowObjectsJS()[0] as { n: number }).n);
      }
      return counts;
    },
  );
}
