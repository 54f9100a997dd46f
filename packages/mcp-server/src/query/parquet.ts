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
 * Writes the chunks `next` yields into a Parquet file; resolves to the rows written and the file's size.
 * `onRows` hears the rows appended so far.
 */
export async function writeParquet(
  db: DuckDbModule,
  names: readonly string[],
  types: readonly DuckDbType[],
  next: () => Promise<DuckDbChunk | null>,
  target: ParquetTarget,
  onRows: (rows: number) => void,
): Promise<{ rows: number; bytes: number }> {
  const instance = await db.DuckDBInstance.create(join(target.dir, WRITER_DATABASE), {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    allow_community_extensions: 'false',
    memory_limit: WRITER_MEMORY,
    threads: '2',
  });
  try {
    const connection = await instance.connect();
    try {
      const folder = target.dir.endsWith('/') ? target.dir : `${target.dir}/`;
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
      await connection.run(`COPY result TO ${literal(target.path)} (FORMAT parquet)`);
      const { size } = await stat(target.path);
      if (size > target.maxBytes) throw new TooLargeError(target.maxBytes);
      return { rows, bytes: size };
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
    // The database's files go; the Parquet file stays for the server to move into place.
    for (const suffix of ['', '.wal', '.tmp']) {
      await rm(join(target.dir, `${WRITER_DATABASE}${suffix}`), { recursive: true, force: true });
    }
  }
}
