/**
 * Every writer's file, read back by an independent reader (csv-parse, JSON.parse, exceljs' own reader), holds the
 * cells it was given: each cell type, text that needs quoting, accents, an empty text beside a missing value, and a
 * bound that stops a file before it passes it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import type { Cell, ExportColumn } from './cells.js';
import { TooLargeError } from './file.js';
import { openRowWriter, type RowFormat } from './writer.js';

const ExcelJS = createRequire(import.meta.url)('exceljs') as typeof import('exceljs');

const dir = mkdtempSync(join(tmpdir(), 'wolkvox-writers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const COLUMNS: ExportColumn[] = [
  { name: 'id', type: 'integer' },
  { name: 'name', type: 'text' },
  { name: 'ratio', type: 'number' },
  { name: 'talk_time', type: 'duration' },
  { name: 'date', type: 'timestamp' },
  { name: 'day', type: 'date' },
  { name: 'ok', type: 'boolean' },
  { name: 'hours', type: 'json' },
];

const at = (text: string) => Date.parse(`${text}Z`);

/** Rows as cells, row by row; the batch writers take them column by column. */
const ROWS: Cell[][] = [
  [1, 'Jiménez, "Chucho"', 34.64, 125, at('2025-02-03T08:30:00'), at('2025-02-03T00:00:00'), true, '[1,2]'],
  [2, 'line\r\nbreak', 0.1, 90_000, at('2025-02-03T23:59:59'), at('2025-02-04T00:00:00'), false, '{"a":"b"}'],
  [3, '', null, null, null, null, null, null],
  [4, '=SUM(A1)', -1.5, 0, at('2025-12-31T00:00:01'), at('2025-12-31T00:00:00'), true, '[]'],
  // A value that did not read as its column's type arrives as text, and stays text.
  ['99999999999999999999', 'Ñandú', 1e21, '1 month', 'infinity', '-', true, 'null'],
];

async function write(format: RowFormat, name: string, options = { bom: false, maxBytes: 1e9 }) {
  const path = join(dir, name);
  const writer = await openRowWriter(format, path, COLUMNS, options);
  const columns = COLUMNS.map((_, c) => ROWS.map((row) => row[c]!));
  // Two batches, as a result's chunks arrive.
  await writer.write({ rows: 2, columns: columns.map((column) => column.slice(0, 2)) });
  await writer.write({ rows: 3, columns: columns.map((column) => column.slice(2)) });
  const bytes = await writer.close();
  return { path, bytes };
}

describe('CSV', () => {
  it('is RFC 4180: a header, CRLF, quoted fields where needed; csv-parse reads back every value', async () => {
    const { path, bytes } = await write('csv', 'rows.csv');
    const text = readFileSync(path, 'utf8');
    expect(Buffer.byteLength(text)).toBe(bytes);
    expect(text.startsWith('id,name,')).toBe(true);
    // The header, five rows (one of them holds a CRLF inside its quotes), and the end of the last line.
    expect(text.split('\r\n')).toHaveLength(1 + ROWS.length + 1 + 1);
    const records = parse(text, { columns: true }) as Record<string, string>[];
    expect(records).toEqual([
      {
        id: '1',
        name: 'Jiménez, "Chucho"',
        ratio: '34.64',
        talk_time: '00:02:05',
        date: '2025-02-03 08:30:00',
        day: '2025-02-03',
        ok: 'true',
        hours: '[1,2]',
      },
      {
        id: '2',
        name: 'line\r\nbreak',
        ratio: '0.1',
        talk_time: '25:00:00',
        date: '2025-02-03 23:59:59',
        day: '2025-02-04',
        ok: 'false',
        hours: '{"a":"b"}',
      },
      { id: '3', name: '', ratio: '', talk_time: '', date: '', day: '', ok: '', hours: '' },
      {
        id: '4',
        name: '=SUM(A1)',
        ratio: '-1.5',
        talk_time: '00:00:00',
        date: '2025-12-31 00:00:01',
        day: '2025-12-31',
        ok: 'true',
        hours: '[]',
      },
      {
        id: '99999999999999999999',
        name: 'Ñandú',
        ratio: '1e+21',
        talk_time: '1 month',
        date: 'infinity',
        day: '-',
        ok: 'true',
        hours: 'null',
      },
    ]);
    // An empty text is `""`, a missing value an empty field: a reader that cares tells them apart.
    expect(text.split('\r\n')[4]).toBe('3,"",,,,,,');
  });

  it('starts with a UTF-8 byte order mark when asked (Excel reads accents right), and only then', async () => {
    const withBom = readFileSync((await write('csv', 'bom.csv', { bom: true, maxBytes: 1e9 })).path);
    expect([...withBom.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [first] = parse(withBom, { bom: true, columns: true }) as Record<string, string>[];
    expect(first!.name).toBe('Jiménez, "Chucho"');
    const plain = readFileSync(join(dir, 'rows.csv'));
    expect(plain[0]).toBe('i'.charCodeAt(0));
  });

  it('stops before the file passes its bound', async () => {
    await expect(write('csv', 'small.csv', { bom: false, maxBytes: 200 })).rejects.toBeInstanceOf(
      TooLargeError,
    );
    expect(readFileSync(join(dir, 'small.csv')).length).toBeLessThanOrEqual(200);
  });
});

describe('JSON', () => {
  it('is one array of row objects, values as structured content shows them', async () => {
    const { path } = await write('json', 'rows.json');
    const rows = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>[];
    expect(rows).toHaveLength(ROWS.length);
    expect(rows[0]).toEqual({
      id: 1,
      name: 'Jiménez, "Chucho"',
      ratio: 34.64,
      talk_time: '00:02:05',
      date: '2025-02-03 08:30:00',
      day: '2025-02-03',
      ok: true,
      hours: [1, 2],
    });
    expect(rows[2]).toEqual({
      id: 3,
      name: '',
      ratio: null,
      talk_time: null,
      date: null,
      day: null,
      ok: null,
      hours: null,
    });
    expect(rows[4]).toMatchObject({ id: '99999999999999999999', ratio: 1e21, date: 'infinity', hours: null });
  });

  it('of no rows is an empty array', async () => {
    const path = join(dir, 'empty.json');
    const writer = await openRowWriter('json', path, COLUMNS, { bom: false, maxBytes: 1e9 });
    await writer.close();
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual([]);
  });
});

describe('XLSX', () => {
  it("has typed cells exceljs' reader reads back: numbers, durations, dates in wall time, text never a formula", async () => {
    const { path, bytes } = await write('xlsx', 'rows.xlsx');
    expect(readFileSync(path).length).toBe(bytes);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const sheet = workbook.getWorksheet('rows')!;
    expect(sheet.getRow(1).values).toEqual([undefined, ...COLUMNS.map((column) => column.name)]);
    const first = sheet.getRow(2);
    expect(first.getCell(1).value).toBe(1);
    expect(first.getCell(2).value).toBe('Jiménez, "Chucho"');
    expect(first.getCell(3).value).toBe(34.64);
    // A duration is a fraction of a day, shown [h]:mm:ss.
    expect(first.getCell(4).numFmt).toBe('[h]:mm:ss');
    expect(durationSeconds(first.getCell(4).value)).toBe(125);
    expect(durationSeconds(sheet.getRow(3).getCell(4).value)).toBe(90_000);
    expect(first.getCell(5).value).toEqual(new Date('2025-02-03T08:30:00Z'));
    expect(first.getCell(5).numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(first.getCell(6).value).toEqual(new Date('2025-02-03T00:00:00Z'));
    expect(first.getCell(7).value).toBe(true);
    expect(first.getCell(8).value).toBe('[1,2]');
    // A line break in a cell is Excel's LF (XML reads a CRLF as one).
    expect(sheet.getRow(3).getCell(2).value).toBe('line\nbreak');
    expect(sheet.getRow(4).getCell(3).value).toBeNull();
    const formulaLike = sheet.getRow(5).getCell(2);
    expect(formulaLike.value).toBe('=SUM(A1)');
    expect(formulaLike.type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getRow(6).getCell(1).value).toBe('99999999999999999999');
    expect(sheet.rowCount).toBe(1 + ROWS.length);
  });
});

/** exceljs reads a duration cell back as a date after Excel's epoch (1899-12-30); a number otherwise. */
function durationSeconds(value: unknown): number {
  const days =
    value instanceof Date ? (value.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000 : Number(value);
  return Math.round(days * 86_400);
}
