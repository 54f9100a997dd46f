/**
 * A query session writes a result whole into a file, in every format, from SQL-typed values: read back by
 * independent readers (DuckDB for Parquet, csv-parse, JSON.parse, exceljs), each type lands as itself. The one
 * opening for Parquet stays narrow: the writing database cannot touch a file outside its folder, and a caller's
 * statement, exported or not, still reads no file.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportFormat } from '../exports/formats.js';
import { type ExportRequest, QuerySession } from './engine.js';
import { QueryFailure } from './errors.js';
import { QUERY_LIMITS } from './limits.js';

const ExcelJS = createRequire(import.meta.url)('exceljs') as typeof import('exceljs');

let session: QuerySession;
const root = mkdtempSync(join(tmpdir(), 'wolkvox-query-export-'));
beforeAll(async () => {
  session = await QuerySession.open(QUERY_LIMITS);
});
afterAll(() => {
  session?.close();
  rmSync(root, { recursive: true, force: true });
});

/** One row of every type an answer meets, and a second of nulls. */
const SQL = `
  SELECT * FROM (VALUES
    (42::BIGINT, 2.5::DOUBLE, 12.30::DECIMAL(10,2), 'Jiménez, "Chucho"', TIMESTAMP '2025-02-03 08:30:00',
     DATE '2025-02-03', INTERVAL 125 SECOND, TIMESTAMPTZ '2025-02-03 13:30:00+00', [1, 2], {'a': 'b'},
     '{"x":1}'::JSON, true),
    (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)
  ) AS t(n, d, dec, name, ts, day, span, instant, list, struct, doc, ok)`;

let count = 0;
function requestFor(format: ExportFormat, extra: Partial<ExportRequest> = {}): ExportRequest {
  count += 1;
  const dir = mkdtempSync(join(root, `${format}-`));
  return {
    format,
    dir,
    path: join(dir, `${count}.${format}`),
    bom: false,
    timeZone: 'America/Bogota',
    maxBytes: 1e9,
    ...extra,
  };
}

describe('an exported result', () => {
  it('as CSV: numbers, times in wall time (a zoned instant in the tenant zone), durations HH:MM:SS, JSON', async () => {
    const request = requestFor('csv');
    const outcome = await session.export(SQL, request);
    expect(outcome.rows).toBe(2);
    const [row, empty] = parse(readFileSync(request.path), { columns: true }) as Record<string, string>[];
    expect(row).toEqual({
      n: '42',
      d: '2.5',
      dec: '12.3',
      name: 'Jiménez, "Chucho"',
      ts: '2025-02-03 08:30:00',
      day: '2025-02-03',
      span: '00:02:05',
      instant: '2025-02-03 08:30:00',
      list: '[1,2]',
      struct: '{"a":"b"}',
      doc: '{"x":1}',
      ok: 'true',
    });
    expect(Object.values(empty!).every((value) => value === '')).toBe(true);
  });

  it('as JSON: the same values, numbers and nested values as JSON', async () => {
    const request = requestFor('json');
    await session.export(SQL, request);
    const [row] = JSON.parse(readFileSync(request.path, 'utf8')) as Record<string, unknown>[];
    expect(row).toEqual({
      n: 42,
      d: 2.5,
      dec: 12.3,
      name: 'Jiménez, "Chucho"',
      ts: '2025-02-03 08:30:00',
      day: '2025-02-03',
      span: '00:02:05',
      instant: '2025-02-03 08:30:00',
      list: [1, 2],
      struct: { a: 'b' },
      doc: { x: 1 },
      ok: true,
    });
  });

  it('as XLSX: typed cells', async () => {
    const request = requestFor('xlsx');
    await session.export(SQL, request);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(request.path);
    const row = workbook.getWorksheet('rows')!.getRow(2);
    expect(row.getCell(1).value).toBe(42);
    expect(row.getCell(3).value).toBe(12.3);
    expect(row.getCell(5).value).toEqual(new Date('2025-02-03T08:30:00Z'));
    expect(row.getCell(7).numFmt).toBe('[h]:mm:ss');
    expect(row.getCell(8).value).toEqual(new Date('2025-02-03T08:30:00Z'));
    expect(row.getCell(12).value).toBe(true);
  });

  it("as Parquet: DuckDB's own types, read back by DuckDB", async () => {
    const request = requestFor('parquet');
    const outcome = await session.export(SQL, request);
    expect(outcome).toMatchObject({ rows: 2 });
    // Only the Parquet file is left in the work folder: the writing database's files are gone.
    const reader = await (await DuckDBInstance.create(':memory:')).connect();
    const described = await reader.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${request.path}')`);
    expect(
      Object.fromEntries(described.getRowObjectsJS().map((row) => [row.column_name, row.column_type])),
    ).toMatchObject({
      n: 'BIGINT',
      d: 'DOUBLE',
      dec: 'DECIMAL(10,2)',
      name: 'VARCHAR',
      ts: 'TIMESTAMP',
      day: 'DATE',
      span: 'INTERVAL',
      list: 'INTEGER[]',
      doc: 'JSON',
      ok: 'BOOLEAN',
    });
    const rows = await reader.runAndReadAll(
      `SELECT n, name, strftime(ts, '%Y-%m-%d %H:%M:%S') AS ts FROM read_parquet('${request.path}')`,
    );
    expect(rows.getRowObjectsJson()[0]).toMatchObject({
      n: '42',
      name: 'Jiménez, "Chucho"',
      ts: '2025-02-03 08:30:00',
    });
    expect(readdirNames(request.dir)).toEqual([`${count}.parquet`]);
    reader.closeSync();
  });

  it('stops a file that would pass its bound, naming the bound', async () => {
    const request = requestFor('csv', { maxBytes: 100 });
    const error = await session
      .export('SELECT range AS n FROM range(1000)', request)
      .catch((reason) => reason);
    expect(error).toBeInstanceOf(QueryFailure);
    expect((error as QueryFailure).kind).toBe('too_large');
  });

  it('is a SELECT of the caller, which still reads no file and writes none', async () => {
    const target = requestFor('parquet');
    for (const sql of [
      "SELECT * FROM read_csv('/etc/passwd')",
      `SELECT * FROM read_parquet('${target.dir}/*.parquet')`,
      `SELECT * FROM glob('${target.dir}/*')`,
      `COPY (SELECT 1) TO '${target.dir}/copied.csv'`,
    ]) {
      const error = await session.export(sql, requestFor('csv')).catch((reason) => reason);
      expect(error, sql).toBeInstanceOf(QueryFailure);
      expect(['refused', 'sql'], sql).toContain((error as QueryFailure).kind);
    }
    expect(readdirNames(target.dir)).toEqual([]);
  });

  it("writes Parquet only into its own folder: the writer's COPY refuses any other path", async () => {
    const request = requestFor('parquet');
    const elsewhere = mkdtempSync(join(root, 'elsewhere-'));
    const error = await session
      .export('SELECT 1 AS n', { ...request, path: join(elsewhere, 'escaped.parquet') })
      .catch((reason) => reason);
    expect(error).toBeInstanceOf(QueryFailure);
    expect((error as QueryFailure).message).toMatch(/Permission Error|reads no files/);
    expect(readdirNames(elsewhere)).toEqual([]);
  });
});

function readdirNames(dir: string): string[] {
  return readdirSync(dir).sort();
}
