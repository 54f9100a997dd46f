/**
 * `chart` and `format` in one call, through a real SDK client against the emulator: the answer carries its text, the
 * chart's PNG, the file's resource_link and both `chart` and `export` in structured content; the chart draws the
 * rows the file holds (run_report) or the rows a query keeps (query_reports), the file holds every row; a chart asked
 * for wrongly is refused before a file is written; a query result too large for an answer is exported without a
 * chart, saying why. The emulator's clock is frozen on Wednesday 5 February 2025, so "yesterday" is 4 February.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUERY_LIMITS } from '../../src/query/limits.js';
import { MAX_REPLY_CHARS, sentChars } from '../../src/results/budget.js';
import { type EmulatedSession, emulatedSession, structured, textOf } from '../helpers.js';

type Content = {
  type: string;
  text?: string;
  data?: string;
  mimeType?: string;
  uri?: string;
  size?: number;
}[];

const root = mkdtempSync(join(tmpdir(), 'wolkvox-chart-export-e2e-'));
let session: EmulatedSession;

beforeAll(async () => {
  session = await emulatedSession({
    emulator: { now: '2025-02-05T15:00:00Z' },
    frozen: true,
    // A query keeps 5 rows to answer with and answers at most 20: a file holds every row all the same.
    queryLimits: { ...QUERY_LIMITS, keepRows: 5, maxResultRows: 20 },
    exports: { root, scope: 'tenant-a' },
  });
});
afterAll(async () => {
  await session?.close();
  rmSync(root, { recursive: true, force: true });
});

const call = (name: string, args: Record<string, unknown>) =>
  session.client.callTool({ name, arguments: args });

const contentOf = (result: unknown) => (result as { content: Content }).content;

/** The file a resource_link names, as resources/read serves it. */
async function fileOf(result: unknown): Promise<string> {
  const link = contentOf(result).find((item) => item.type === 'resource_link')!;
  const read = await session.client.readResource({ uri: link.uri! });
  const text = (read.contents[0] as { text: string }).text;
  expect(Buffer.byteLength(text)).toBe(link.size);
  return text;
}

/** IVR calls by hour of yesterday, as the client fetches them: what the query's chart and file are checked against. */
async function callsByHour(): Promise<{ hour: number; calls: number }[]> {
  const { rows } = await session.wolkvox.reportById('diagram_1_2', { from: '2025-02-04' } as never, {});
  return (rows as Record<string, string>[])
    .map((row) => ({ hour: Number(row.date!.slice(8)), calls: Number(row.calls) }))
    .sort((a, b) => a.hour - b.hour);
}

const exportCount = async () =>
  (await session.client.listResources()).resources.filter((item) => item.uri.startsWith('wolkvox://exports/'))
    .length;

describe('run_report with chart and format', () => {
  it('answers with the image and the link together: the chart of every group, the file of the same groups', async () => {
    const result = await call('run_report', {
      report: 'chat_1',
      from: 'yesterday',
      group_by: ['agent_name'],
      order_by: ['count desc', 'agent_name'],
      limit: 2,
      chart: { kind: 'bar' },
      format: 'csv',
    });
    const body = structured(result);
    const content = contentOf(result);
    expect(content.map((item) => item.type)).toEqual(['text', 'image', 'resource_link']);
    expect(content[1]!.mimeType).toBe('image/png');
    expect(content[2]!.uri).toBe(body.export.uri);

    const groups = body.totals.groups as number;
    expect(groups).toBeGreaterThan(2);
    expect(body.export).toMatchObject({ format: 'csv', rows: groups });
    // The chart and the file are of the same rows, in the same order (count descending), paging or not.
    const records = parse(await fileOf(result), { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(groups);
    const values = body.chart.spec.data.values as { agent_name: string; count: number }[];
    expect(values.map((value) => [value.agent_name, value.count])).toEqual(
      records.map((record) => [record.agent_name, Number(record.count)]),
    );

    const text = textOf(result);
    expect(text).toContain(`Exported every row: ${groups} row(s) x ${body.columns.length} column(s) as CSV`);
    expect(text).toContain('Chart (bar, count by agent_name): it draws every row of the result.');
    expect(text).toContain('the file holds every row of the result');
    const sent = { text, structured: body, links: content.filter((item) => item.type === 'resource_link') };
    expect(sentChars(sent)).toBeLessThanOrEqual(MAX_REPLY_CHARS);
  });

  it('refuses a chart asked for wrongly before anything is written', async () => {
    const before = await exportCount();
    const result = await call('run_report', {
      report: 'diagram_1_2',
      from: 'yesterday',
      chart: { kind: 'bar', x: 'hora' },
      format: 'xlsx',
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain(
      "run_report: chart.x: unknown column; this result's columns: date, calls",
    );
    expect(contentOf(result).map((item) => item.type)).toEqual(['text']);
    expect(await exportCount()).toBe(before);
  });
});

describe('query_reports with chart and format', () => {
  it('draws the rows the query keeps and writes every row of the result', async () => {
    const result = await call('query_reports', {
      fetches: [{ report: 'diagram_1_2', from: 'yesterday', as: 'ivr' }],
      sql: 'SELECT hour(date) AS hour, calls FROM ivr WHERE hour(date) < 12 ORDER BY 1',
      chart: { kind: 'bar' },
      format: 'json',
    });
    const body = structured(result);
    expect(contentOf(result).map((item) => item.type)).toEqual(['text', 'image', 'resource_link']);
    const expected = (await callsByHour()).filter((row) => row.hour < 12);
    expect(expected.length).toBeGreaterThan(5);
    expect(expected.length).toBeLessThanOrEqual(20);
    const n = expected.length;
    expect(JSON.parse(await fileOf(result))).toEqual(expected);
    expect(body.export).toMatchObject({ format: 'json', rows: n });
    expect(body.totals).toEqual({ rows: n, shown: 0 });
    // The chart of a query draws the rows it keeps (5 here), and says so.
    expect(body.chart.spec.data.values).toEqual(expected.slice(0, 5));
    expect(textOf(result)).toContain(`it draws the first 5 rows of the result's ${n}`);
  });

  it('exports a result too large for an answer, without a chart, saying why', async () => {
    const result = await call('query_reports', {
      fetches: [{ report: 'diagram_1_2', from: 'yesterday', as: 'ivr' }],
      sql: 'SELECT hour(date) AS hour, calls FROM ivr ORDER BY 1',
      chart: { kind: 'bar' },
      format: 'csv',
    });
    const body = structured(result);
    const expected = await callsByHour();
    expect(expected.length).toBeGreaterThan(20);
    expect(body.chart).toBeUndefined();
    expect(body.export).toMatchObject({ format: 'csv', rows: expected.length });
    expect(contentOf(result).map((item) => item.type)).toEqual(['text', 'resource_link']);
    expect(textOf(result)).toContain('Note: No chart: the result has more than 20 rows');
    const records = parse(await fileOf(result), { columns: true }) as Record<string, string>[];
    expect(records.map((record) => ({ hour: Number(record.hour), calls: Number(record.calls) }))).toEqual(
      expected,
    );
  });
});
