/**
 * Files of whole results through a real SDK client, in process: run_report's and query_reports' `format` writes
 * every row (not a page, not the rows a query keeps) and answers with a `resource_link` that resources/read serves.
 * Each file is read back with an independent reader (csv-parse, exceljs, DuckDB, JSON.parse) and compared with the
 * raw rows the wolkvox client fetches for the same window. Exports are scoped (another token's server cannot read
 * them), bounded for resources/read, and the caller's SQL still cannot read them. The emulator's clock is frozen on
 * Wednesday 5 February 2025, so "yesterday" is 4 February.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Client } from '@modelcontextprotocol/client';
import { getReport, isMissingValue, readWireNumber } from '@wolkvox-mcp/contracts';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asReportSource } from '../../src/backend/connect.js';
import { QUERY_LIMITS } from '../../src/query/limits.js';
import {
  asStructured,
  connectInMemory,
  connectV2Http,
  connectV2Stdio,
  type EmulatedSession,
  emulatedSession,
  startHttpServer,
  structured,
  textOf,
} from '../helpers.js';

const ExcelJS = createRequire(import.meta.url)('exceljs') as typeof import('exceljs');

type Row = Record<string, string>;
const root = mkdtempSync(join(tmpdir(), 'wolkvox-exports-e2e-'));
const SCOPE = 'tenant-a';
let session: EmulatedSession;
let client: Client;
const others: Client[] = [];

beforeAll(async () => {
  session = await emulatedSession({
    emulator: { now: '2025-02-05T15:00:00Z' },
    frozen: true,
    // A query keeps 5 rows to answer with: an export must hold every row all the same.
    queryLimits: { ...QUERY_LIMITS, keepRows: 5 },
    exports: { root, scope: SCOPE },
  });
  client = session.client;
});
afterAll(async () => {
  for (const other of others) await other.close();
  await session?.close();
  rmSync(root, { recursive: true, force: true });
});

/** Another server over the same emulator, with its own exports settings. */
async function otherServer(exports?: Parameters<typeof connectInMemory>[0]['exports']) {
  const other = await connectInMemory({
    sourceKind: 'emulator',
    source: asReportSource(session.wolkvox, () => session.mock.control.now()),
    ...(exports ? { exports } : {}),
  });
  others.push(other);
  return other;
}

async function raw(id: string, from: string, to: string): Promise<Row[]> {
  return (await session.wolkvox.reportById(id, { from, to } as never, {})).rows as Row[];
}
const yesterday = () => raw('cdr_1', '2025-02-04T00:00:00', '2025-02-04T23:59:59');

interface Link {
  type: 'resource_link';
  uri: string;
  name: string;
  mimeType: string;
  size: number;
  description: string;
}

function linkOf(result: unknown): Link {
  const content = (result as { content: { type: string }[] }).content;
  const link = content.find((item) => item.type === 'resource_link');
  if (!link) throw new Error(`no resource_link: ${textOf(result)}`);
  return link as Link;
}

async function exported(result: unknown): Promise<{ link: Link; data: Buffer; text: string }> {
  expect((result as { isError?: boolean }).isError, textOf(result)).toBeFalsy();
  const link = linkOf(result);
  const read = await client.readResource({ uri: link.uri });
  const [contents] = read.contents as { uri: string; mimeType: string; text?: string; blob?: string }[];
  expect(contents!.uri).toBe(link.uri);
  expect(contents!.mimeType).toBe(link.mimeType);
  const data =
    contents!.blob !== undefined ? Buffer.from(contents!.blob, 'base64') : Buffer.from(contents!.text!);
  expect(data.length).toBe(link.size);
  return { link, data, text: contents!.text ?? '' };
}

/** The rows sheet of an XLSX file, as exceljs' own reader reads it. */
async function sheetOf(data: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as never);
  return workbook.getWorksheet('rows')!;
}

// Plain readings, written here rather than imported, so that the check does not share the code it checks.
const CDR = getReport('cdr_1')!;
const numeric = (field: string) =>
  ['count', 'seconds', 'number', 'minutes', 'percent'].includes(CDR.fields[field]!.kind);
/** A cdr_1 value as a CSV cell holds it: numbers as numbers, missing numbers empty, the rest as sent. */
function csvCell(field: string, value: string): string {
  if (!numeric(field)) return value;
  return isMissingValue(value) ? '' : String(readWireNumber(value, CDR.fields[field]!.kind));
}

describe('"export yesterday\'s CDR as CSV"', () => {
  it('is one call: every row in a CSV that resources/read serves, equal to the raw rows', async () => {
    const result = await client.callTool({
      name: 'run_report',
      arguments: { report: 'cdr_1', from: 'yesterday', format: 'csv' },
    });
    const { link, text } = await exported(result);
    const rows = await yesterday();
    expect(rows.length).toBe(2_385);
    expect(link).toMatchObject({ mimeType: 'text/csv', name: 'cdr_1_2025-02-04.csv' });
    expect(link.uri).toMatch(/^wolkvox:\/\/exports\/[A-Za-z0-9_-]{22}$/);
    const answer = structured(result);
    expect(answer).toMatchObject({
      report: 'cdr_1',
      totals: { rows: 2_385 },
      rows: [],
      has_more: false,
      next_cursor: null,
      export: { uri: link.uri, format: 'csv', rows: 2_385, bytes: link.size },
    });
    expect(answer.export).not.toHaveProperty('path');
    expect(textOf(result)).toContain(`Exported every row: 2,385 row(s) x 20 column(s)`);
    expect(textOf(result)).not.toContain('Local path');
    const records = parse(text, { columns: true }) as Row[];
    expect(Object.keys(records[0]!)).toEqual(Object.keys(CDR.fields));
    expect(records).toEqual(
      rows.map((row) =>
        Object.fromEntries(Object.entries(row).map(([field, value]) => [field, csvCell(field, value)])),
      ),
    );
  });

  it('starts with a byte order mark for Excel when asked; bom with another format is refused, naming it', async () => {
    const { data } = await exported(
      await client.callTool({
        name: 'run_report',
        arguments: { report: 'cdr_1', from: 'yesterday', format: 'csv', bom: true },
      }),
    );
    expect([...data.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const refused = await client.callTool({
      name: 'run_report',
      arguments: { report: 'cdr_1', from: 'yesterday', format: 'xlsx', bom: true },
    });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/bom.*applies to format "csv" only/);
  });
});

describe('every format holds the same rows', () => {
  it('XLSX: numbers as numbers, the call time as a date in wall time, text as sent', async () => {
    const { link, data } = await exported(
      await client.callTool({
        name: 'run_report',
        arguments: { report: 'cdr_1', from: 'yesterday', format: 'xlsx' },
      }),
    );
    expect(link.mimeType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const sheet = await sheetOf(data);
    const fields = Object.keys(CDR.fields);
    expect(sheet.getRow(1).values).toEqual([undefined, ...fields]);
    const rows = await yesterday();
    expect(sheet.rowCount).toBe(rows.length + 1);
    rows.forEach((row, index) => {
      const cells = sheet.getRow(index + 2);
      expect(cells.getCell(fields.indexOf('date') + 1).value).toEqual(
        new Date(`${row.date!.replace(' ', 'T')}Z`),
      );
      expect(cells.getCell(fields.indexOf('time_seg') + 1).value).toBe(Number(row.time_seg));
      expect(cells.getCell(fields.indexOf('time_min') + 1).value).toBe(Number(row.time_min));
      expect(cells.getCell(fields.indexOf('conn_id') + 1).value).toBe(row.conn_id);
      expect(cells.getCell(fields.indexOf('telephone') + 1).value).toBe(row.telephone);
    });
  });

  it("Parquet: the query tables' types (TIMESTAMP, BIGINT seconds, the strings as sent in _raw), read by DuckDB", async () => {
    const { link, data } = await exported(
      await client.callTool({
        name: 'run_report',
        arguments: { report: 'cdr_1', from: 'yesterday', format: 'parquet' },
      }),
    );
    expect(link.mimeType).toBe('application/vnd.apache.parquet');
    const file = join(root, 'read-back.parquet');
    writeFileSync(file, data);
    const reader = await (await DuckDBInstance.create(':memory:')).connect();
    const types = Object.fromEntries(
      (await reader.runAndReadAll(`DESCRIBE SELECT * FROM '${file}'`))
        .getRowObjectsJS()
        .map((row) => [row.column_name, row.column_type]),
    );
    expect(types).toMatchObject({
      date: 'TIMESTAMP',
      date_raw: 'VARCHAR',
      time_seg: 'BIGINT',
      time_min: 'DOUBLE',
      cost: 'DOUBLE',
      conn_id: 'VARCHAR',
    });
    const read = (
      await reader.runAndReadAll(
        `SELECT conn_id, strftime(date, '%Y-%m-%d %H:%M:%S') AS date, date_raw, time_seg, time_min FROM '${file}'`,
      )
    ).getRowObjectsJS();
    const rows = await yesterday();
    expect(read).toEqual(
      rows.map((row) => ({
        conn_id: row.conn_id,
        date: row.date,
        date_raw: row.date,
        time_seg: BigInt(row.time_seg!),
        time_min: Number(row.time_min),
      })),
    );
    reader.closeSync();
  });

  it('JSON: an array of the rows as structured content shows them', async () => {
    const { link, text } = await exported(
      await client.callTool({
        name: 'run_report',
        arguments: { report: 'cdr_1', from: 'yesterday', format: 'json' },
      }),
    );
    expect(link.mimeType).toBe('application/json');
    expect(JSON.parse(text)).toEqual((await yesterday()).map((row) => asStructured('cdr_1', row)));
  });

  it('durations: HH:MM:SS in CSV as wolkvox writes them, Excel durations in XLSX', async () => {
    const args = { report: 'agent_13', from: '2025-02-03', to: '2025-02-04' };
    const rows = await raw('agent_13', '2025-02-03T00:00:00', '2025-02-04T23:59:59');
    const csv = await exported(
      await client.callTool({ name: 'run_report', arguments: { ...args, format: 'csv' } }),
    );
    const records = parse(csv.text, { columns: true }) as Row[];
    expect(records.map((record) => record.time)).toEqual(rows.map((row) => row.time));
    const xlsx = await exported(
      await client.callTool({ name: 'run_report', arguments: { ...args, format: 'xlsx' } }),
    );
    const sheet = await sheetOf(xlsx.data);
    const column = (sheet.getRow(1).values as unknown[]).indexOf('time');
    expect(sheet.getRow(2).getCell(column).numFmt).toBe('[h]:mm:ss');
    const seconds = (text: string) => text.split(':').reduce((sum, part) => sum * 60 + Number(part), 0);
    rows.forEach((row, index) => {
      const value = sheet.getRow(index + 2).getCell(column).value;
      const days =
        value instanceof Date ? (value.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000 : Number(value);
      expect(Math.round(days * 86_400)).toBe(seconds(row.time!));
    });
  });

  it('a grouped answer exports its groups, every one, after filter and order', async () => {
    const result = await client.callTool({
      name: 'run_report',
      arguments: {
        report: 'cdr_1',
        from: 'yesterday',
        filter: { type_interaction: ['inbound', 'outbound'] },
        group_by: ['hang_up'],
        order_by: ['hang_up'],
        limit: 1,
        format: 'json',
      },
    });
    const { text } = await exported(result);
    const rows = (await yesterday()).filter((row) => ['inbound', 'outbound'].includes(row.type_interaction!));
    const expected = new Map<string, { count: number; seconds: number }>();
    for (const row of rows) {
      const group = expected.get(row.hang_up!) ?? { count: 0, seconds: 0 };
      group.count += 1;
      group.seconds += Number(row.time_seg);
      expected.set(row.hang_up!, group);
    }
    const groups = JSON.parse(text) as Record<string, unknown>[];
    expect(groups.map((group) => group.hang_up)).toEqual([...expected.keys()].sort());
    for (const group of groups) {
      expect(group).toMatchObject({
        count: expected.get(group.hang_up as string)!.count,
        sum_time_seg: expected.get(group.hang_up as string)!.seconds,
      });
    }
    // limit pages answers; the file holds every group, and the answer says so.
    expect(textOf(result)).toMatch(/the file holds every row/);
  });
});

describe('query_reports with format', () => {
  it('writes the whole SQL result, not the rows a query keeps to answer with', async () => {
    const result = await client.callTool({
      name: 'query_reports',
      arguments: {
        fetches: [{ report: 'cdr_1', from: 'yesterday' }],
        sql: 'SELECT conn_id, date, time_seg, time_seg / 60.0 AS minutes FROM cdr_1 ORDER BY conn_id',
        format: 'csv',
      },
    });
    const { link, text } = await exported(result);
    expect(link.name).toBe('query_cdr_1.csv');
    const answer = structured(result);
    expect(answer).toMatchObject({ totals: { rows: 2_385, shown: 0 }, rows: [], has_more: false });
    expect(answer.columns.map((column: { type: string }) => column.type)).toEqual([
      'VARCHAR',
      'TIMESTAMP',
      'BIGINT',
      'DOUBLE',
    ]);
    const records = parse(text, { columns: true }) as Row[];
    const rows = [...(await yesterday())].sort((a, b) => (a.conn_id! < b.conn_id! ? -1 : 1));
    expect(records).toEqual(
      rows.map((row) => ({
        conn_id: row.conn_id,
        date: row.date,
        time_seg: row.time_seg,
        minutes: String(Number(row.time_seg) / 60),
      })),
    );
  });

  it("the caller's SQL still reads no file: not an export, not the exports folder", async () => {
    const made = structured(
      await client.callTool({
        name: 'run_report',
        arguments: { report: 'cdr_1', from: 'yesterday', format: 'csv' },
      }),
    );
    const id = (made.export.uri as string).split('/').pop();
    const path = join(root, SCOPE, `${id}.csv`);
    expect(readFileSync(path).length).toBe(made.export.bytes);
    for (const sql of [
      `SELECT * FROM read_csv('${path}')`,
      `SELECT * FROM '${path}'`,
      `SELECT * FROM glob('${join(root, SCOPE)}/*')`,
      `COPY (SELECT 1) TO '${join(root, SCOPE, 'copied.csv')}'`,
    ]) {
      for (const format of [undefined, 'csv']) {
        const result = await client.callTool({
          name: 'query_reports',
          arguments: {
            fetches: [{ report: 'cdr_1', from: 'yesterday' }],
            sql,
            ...(format ? { format } : {}),
          },
        });
        expect(result.isError, sql).toBe(true);
        expect(textOf(result), sql).toMatch(/reads no files|is refused|does not exist/);
      }
    }
  });
});

describe('an export is served only where it may be', () => {
  it("is listed and read by its own server, never by another token's", async () => {
    const { link } = await exported(
      await client.callTool({
        name: 'run_report',
        arguments: { report: 'cdr_1', from: 'yesterday', format: 'csv' },
      }),
    );
    const listed = (await client.listResources()).resources.filter((item) =>
      item.uri.startsWith('wolkvox://exports/'),
    );
    expect(listed.map((item) => item.uri)).toContain(link.uri);
    const other = await otherServer({ root, scope: 'tenant-b' });
    await expect(other.readResource({ uri: link.uri })).rejects.toThrow(/No export .* here/);
    const otherList = (await other.listResources()).resources.filter((item) =>
      item.uri.startsWith('wolkvox://exports/'),
    );
    expect(otherList).toEqual([]);
    await expect(client.readResource({ uri: 'wolkvox://exports/..%2F..%2Fetc%2Fpasswd' })).rejects.toThrow(
      /No export/,
    );
  });

  it('is too large for resources/read past its bound: the error says its size, and its path only on stdio', async () => {
    const small = await otherServer({ root, scope: 'tenant-c', maxReadBytes: 1_000 });
    const { uri } = linkOf(
      await small.callTool({
        name: 'run_report',
        arguments: { report: 'cdr_1', from: 'yesterday', format: 'csv' },
      }),
    );
    await expect(small.readResource({ uri })).rejects.toThrow(
      /is [\d.]+ MB, more than resources\/read serves .*under exports\//,
    );
    const local = await otherServer({ root, scope: 'tenant-c', maxReadBytes: 1_000, showPaths: true });
    const result = await local.callTool({
      name: 'run_report',
      arguments: { report: 'cdr_1', from: 'yesterday', format: 'csv' },
    });
    const path = structured(result).export.path as string;
    expect(textOf(result)).toContain(`Local path: ${path}`);
    expect(readFileSync(path, 'utf8').split('\r\n')).toHaveLength(2_385 + 2);
    await expect(local.readResource({ uri: linkOf(result).uri })).rejects.toThrow(`open it at ${path}`);
  });

  it('is refused, saying why, by a server that keeps no exports', async () => {
    const none = await otherServer();
    const result = await none.callTool({
      name: 'run_report',
      arguments: { report: 'cdr_1', from: 'yesterday', format: 'csv' },
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/format: this server keeps no exports/);
  });
});

describe('the bin', () => {
  it('on stdio says where the file is on this machine, under WOLKVOX_CACHE_DIR/exports', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'wolkvox-exports-stdio-'));
    const { client: stdio } = await connectV2Stdio({ WOLKVOX_CACHE_DIR: stateDir });
    try {
      const result = await stdio.callTool({
        name: 'run_report',
        arguments: { report: 'cdr_1', from: 'yesterday', format: 'csv' },
      });
      const path = /Local path: (\S+)/.exec(textOf(result))?.[1];
      expect(path, textOf(result)).toMatch(
        new RegExp(`^${stateDir}/exports/[0-9a-f]{32}/[A-Za-z0-9_-]{22}\\.csv$`),
      );
      expect(structured(result).export.path).toBe(path);
      const read = await stdio.readResource({ uri: linkOf(result).uri });
      expect((read.contents[0] as { text: string }).text).toBe(readFileSync(path!, 'utf8'));
    } finally {
      await stdio.close();
      rmSync(stateDir, { recursive: true, force: true });
    }
  });

  it('over HTTP links the file and never says a path of the server', async () => {
    const running = await startHttpServer({ mock: session.mock });
    const http = await connectV2Http(running.url!);
    try {
      const result = await http.callTool({
        name: 'run_report',
        arguments: { report: 'cdr_1', from: '2025-02-04', format: 'csv' },
      });
      expect(textOf(result)).not.toContain('Local path');
      expect(JSON.stringify(result)).not.toContain(process.env.WOLKVOX_CACHE_DIR!);
      expect(structured(result).export).not.toHaveProperty('path');
      const read = await http.readResource({ uri: linkOf(result).uri });
      expect((read.contents[0] as { text: string }).text.split('\r\n')).toHaveLength(2_385 + 2);
    } finally {
      await http.close();
      await running.close();
    }
  });
});
