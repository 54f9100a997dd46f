/**
 * Every reply within its bound, whatever its source: through the SDK client (in process), against a wolkvox
 * stand-in that drifts as far as a backend can (thousands of unknown columns, columns named in megabytes, values of
 * hundreds of thousands of characters, refusals quoting a megabyte) and with hostile SQL, huge names and every
 * resource and prompt, each reply (its text plus the JSON of its structured content, or the whole protocol error)
 * stays within 50,000 characters and its text under 25,000. An answer is never swapped for the bound's last-resort
 * refusal (every reply is fitted where it is built), and paging over rows too long for any reply moves on.
 * The largest reply of each case is printed at the end (the figures in docs/errors.md).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/client';
import { createWolkvoxClient, type WolkvoxClient } from '@wolkvox-mcp/client';
import { getReport, listReports } from '@wolkvox-mcp/contracts';
import { DEMO_TOKEN } from '@wolkvox-mcp/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asReportSource } from '../../src/backend/connect.js';
import { MAX_REPLY_CHARS, MAX_TEXT_CHARS } from '../../src/results/budget.js';
import { connectInMemory, structured, textOf } from '../helpers.js';

const FIELDS = Object.keys(getReport('act_3')!.fields);
const HUGE = 'x'.repeat(3_000_000);

function act3Row(index: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...Object.fromEntries(FIELDS.map((field) => [field, '-'])),
    conn_id: String(7731200456 + index),
    agent_id: '1043',
    agent_name: 'Ana María Pérez',
    date: `2025-02-03 08:${String(index % 60).padStart(2, '0')}:32`,
    time: '00:03:25',
    ...extra,
  };
}

/** `n` columns the contract does not know. */
const unknownColumns = (n: number) =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`unknown_column_${i}`, `v${i}`]));

const rows = (data: unknown[]) => [200, { code: '200', error: null, msg: `${data.length} records`, data }];

/** What the stand-in answers for act_3, by the day asked for. */
const DAYS: Record<string, () => unknown[]> = {
  // 50 rows of 3,000 columns the contract does not know.
  '20250203': () => rows(Array.from({ length: 50 }, (_, i) => act3Row(i, unknownColumns(3_000)))),
  // Three rows, each too long for any reply (three values of 200,000 characters).
  '20250204': () =>
    rows(
      Array.from({ length: 3 }, (_, i) =>
        act3Row(i, {
          comments: 'c'.repeat(200_000),
          agent_name: 'n'.repeat(200_000),
          telephone: 't'.repeat(200_000),
        }),
      ),
    ),
  // Twenty columns named in 100,000 characters each.
  '20250205': () =>
    rows([
      act3Row(
        0,
        Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`${i}`.padEnd(100_000, 'k'), 'v'])),
      ),
    ]),
  // A refusal (not retried) and a failure (transient), each quoting 300,000 characters.
  '20250206': () => [400, { code: 400, error: 'BAD REQUEST', msg: 'M'.repeat(300_000) }],
  '20250207': () => [500, { code: 500, error: 'INTERNAL', msg: 'E'.repeat(300_000) }],
  // A plain day.
  '20250208': () => rows(Array.from({ length: 30 }, (_, i) => act3Row(i))),
};

let standIn: Server;
let standInUrl: string;
let wolkvox: WolkvoxClient;
let client: Client;
/** The largest reply of each case, for the figures printed at the end. */
const largest = new Map<string, number>();

beforeAll(async () => {
  standIn = createServer((req, res) => {
    const day = new URL(req.url ?? '/', 'http://stand-in').searchParams.get('date_ini')?.slice(0, 8) ?? '';
    const [status, body] = (DAYS[day]?.() ?? [404, '']) as [number, unknown];
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  });
  await new Promise<void>((resolve) => standIn.listen(0, '127.0.0.1', resolve));
  const { port } = standIn.address() as AddressInfo;
  standInUrl = `http://127.0.0.1:${port}`;
  wolkvox = createWolkvoxClient({
    token: DEMO_TOKEN,
    baseUrl: standInUrl,
    timeZone: 'America/Bogota',
    coordination: 'process',
    retries: 0,
  });
  client = await connectInMemory({ source: asReportSource(wolkvox), sourceKind: 'wolkvox', toolsets: 'all' });
});

afterAll(async () => {
  await client?.close();
  await wolkvox?.close();
  standIn?.closeAllConnections();
  await new Promise<void>((resolve) => standIn?.close(() => resolve()));
  const figures = [...largest].map(([label, chars]) => `${label}: ${chars.toLocaleString('en-US')}`);
  console.log(`reply-bounds, largest reply per case (characters):\n  ${figures.join('\n  ')}`);
});

type Result = { isError?: boolean; structuredContent?: Record<string, unknown>; content?: unknown[] };

/** A reply's characters as they land in a conversation: every text content and the structured content's JSON. */
function replyChars(result: Result): number {
  return (
    textOf(result).length + (result.structuredContent ? JSON.stringify(result.structuredContent).length : 0)
  );
}

/** Calls a tool and holds its reply to the bounds, recording its size under `label`. */
async function bounded(label: string, name: string, args: Record<string, unknown>): Promise<Result> {
  const result = (await client.callTool({ name, arguments: args })) as Result;
  const chars = replyChars(result);
  largest.set(label, Math.max(largest.get(label) ?? 0, chars));
  expect(chars, label).toBeLessThanOrEqual(MAX_REPLY_CHARS);
  expect(textOf(result).length, label).toBeLessThan(MAX_TEXT_CHARS);
  // Never the last-resort refusal of service/guard.ts: every reply is fitted where it is built.
  expect(textOf(result), label).not.toMatch(/more than the 50,000 an answer may carry/);
  return result;
}

/** A protocol error's characters: its message and data, as the wire carries them. */
async function boundedError(label: string, request: Promise<unknown>): Promise<string> {
  const error = (await request.then(
    () => undefined,
    (thrown: Error & { data?: unknown }) => thrown,
  )) as (Error & { data?: unknown }) | undefined;
  expect(error, `${label}: a protocol error`).toBeDefined();
  const chars = error!.message.length + (error!.data === undefined ? 0 : JSON.stringify(error!.data).length);
  largest.set(label, Math.max(largest.get(label) ?? 0, chars));
  expect(chars, label).toBeLessThanOrEqual(MAX_REPLY_CHARS);
  return error!.message;
}

describe('a drifting backend', () => {
  it('3,000 unknown columns: the documented ones and the first unknown ones shown, the rest counted', async () => {
    for (const args of [{ from: '2025-02-03' }, { from: '2025-02-03', limit: 500 }]) {
      const content = structured(await bounded('3,000 unknown columns', 'wolkvox_act_3', args));
      expect(content.totals.rows).toBe(50);
      expect(content.shown).toBeGreaterThan(0);
      expect(content.next_offset).toBe(content.shown);
      expect(content.columns.slice(0, FIELDS.length)).toEqual(FIELDS);
      expect(content.columns.length).toBeLessThan(FIELDS.length + 200);
      expect(content.notes.join('\n')).toMatch(
        /wolkvox sent 2,\d{3} more column\(s\) the report's contract does not know/,
      );
      // The structured drift lists the unknown fields with the most rows within its bound and counts the rest.
      expect(Object.keys(content.drift.extra).length).toBeLessThan(200);
      expect(content.drift.unlisted.extra + Object.keys(content.drift.extra).length).toBe(3_000);
    }
  });

  it('rows too long for any reply: each page shows one cut cell by cell, and the next page moves on', async () => {
    const offsets: number[] = [];
    let args: Record<string, unknown> = { from: '2025-02-04' };
    for (let page = 0; page < 5; page++) {
      const content = structured(await bounded('rows of 600,000 characters', 'wolkvox_act_3', args));
      offsets.push(content.offset);
      expect(content.shown).toBe(1);
      expect(content.notes.join('\n')).toMatch(
        /One row is too long for one answer: 3 of its value\(s\) are cut to \d+ characters \(ending in …\)/,
      );
      expect(content.rows[0].comments).toMatch(/^c+…$/);
      if (!content.has_more) break;
      args = { cursor: content.next_cursor };
    }
    expect(offsets).toEqual([0, 1, 2]);
    // With a limit, and through run_report, the same.
    const limited = structured(
      await bounded('rows of 600,000 characters', 'run_report', {
        report: 'act_3',
        from: '2025-02-04',
        limit: 3,
      }),
    );
    expect([limited.shown, limited.next_offset]).toEqual([1, 1]);
  });

  it('columns named in 100,000 characters: not shown, counted, and cut wherever a note names them', async () => {
    const result = await bounded('columns named in 100,000 characters', 'wolkvox_act_3', {
      from: '2025-02-05',
    });
    const content = structured(result);
    expect(content.shown).toBe(1);
    expect(content.columns).toEqual(FIELDS);
    expect(content.drift.unlisted).toEqual({ extra: 20 });
    expect(textOf(result)).toMatch(/20 unknown fields `0k{63}…` \(1 row\)/);
  });

  it("a refusal quoting 300,000 characters: wolkvox's words quoted once, cut, with their length", async () => {
    for (const [day, label] of [
      ['2025-02-06', 'a 400 quoting 300,000 characters'],
      ['2025-02-07', 'a 500 quoting 300,000 characters'],
    ] as const) {
      const result = await bounded(label, 'wolkvox_act_3', { from: day });
      expect(result.isError).toBe(true);
      const text = textOf(result);
      expect(text.match(/… \(cut: 300000 characters\)/g)).toHaveLength(1);
      expect(text).toMatch(/no partial result is shown/i);
      const viaQuery = await bounded(label, 'query_reports', {
        fetches: [{ report: 'act_3', from: day }],
        sql: 'SELECT count(*) AS n FROM act_3',
      });
      expect(textOf(viaQuery)).toMatch(
        /^fetches\.0 \(act_3\): .*\(cut: 300000 characters\).*The query did not run\.$/s,
      );
    }
  });

  it('query_reports over the drifting tables: drift notes bounded, all 3,000 columns refused naming the limit', async () => {
    const six = ['a', 'b', 'c', 'd', 'e', 'f'].map((name) => ({
      report: 'act_3',
      from: '2025-02-03',
      as: `${name.repeat(63)}`,
    }));
    const count = await bounded('query_reports over 6 drifting tables', 'query_reports', {
      fetches: six,
      sql: `SELECT count(*) AS n FROM ${'a'.repeat(63)}`,
    });
    expect(structured(count).rows).toEqual([{ n: 50 }]);
    expect(structured(count).notes.length).toBeLessThanOrEqual(10);
    const named = await bounded('query_reports over 6 drifting tables', 'query_reports', {
      fetches: [{ report: 'act_3', from: '2025-02-05' }],
      sql: 'SELECT count(*) AS n FROM act_3',
    });
    expect(structured(named).rows).toEqual([{ n: 1 }]);
    const wide = await bounded('query_reports over 6 drifting tables', 'query_reports', {
      fetches: [{ report: 'act_3', from: '2025-02-03' }],
      sql: 'SELECT * FROM act_3',
    });
    // Refused, naming the limit it met (the 3,000 columns' width, or the memory loading them all takes).
    expect(wide.isError).toBe(true);
    expect(textOf(wide)).toMatch(/^query_reports: sql: the (result has|query needed)/);
  });
});

describe('hostile SQL', () => {
  const day = [{ report: 'act_3', from: '2025-02-08' }];
  const wideRow = Array.from({ length: 150 }, (_, i) => `repeat('y', 9000) AS c${i}`).join(', ');
  const statements: [string, string][] = [
    ['600 rows of 9,000 characters', "SELECT repeat('x', 9000) AS s FROM range(600)"],
    ['one value of 100,000 characters', "SELECT repeat('x', 100000) AS s"],
    ['one row of 150 values of 9,000 characters', `SELECT ${wideRow}`],
    ['a list of 100,000 numbers', 'SELECT range(100000) AS l'],
    ['a JSON of 50,000 numbers per row', 'SELECT to_json(range(50000)) AS j FROM range(20)'],
    ['a column named in 5,000 characters', `SELECT 1 AS "${'n'.repeat(5_000)}"`],
    ['a binder error quoting a 7,000-character name', `SELECT "${'q'.repeat(7_000)}" FROM act_3`],
  ];

  it.each(statements)('%s', async (label, sql) => {
    const result = await bounded(`SQL: ${label}`, 'query_reports', { fetches: day, sql });
    if (result.isError) {
      expect(textOf(result)).toMatch(/^query_reports: sql: /);
      return;
    }
    const content = structured(result);
    expect(content.totals.shown).toBeGreaterThan(0);
    if (content.has_more) expect(content.next_offset).toBe(content.totals.shown);
  });
});

describe('huge names and arguments', () => {
  it('tools, prompts and resources named in 3 MB are answered not found, cut', async () => {
    await boundedError('a tool named in 3 MB', client.callTool({ name: HUGE, arguments: {} }));
    await boundedError('a prompt named in 3 MB', client.getPrompt({ name: HUGE }));
    await boundedError('a resource named in 3 MB', client.readResource({ uri: `wolkvox://reports/${HUGE}` }));
    const message = await boundedError(
      'a prompt argument of 3 MB',
      client.getPrompt({ name: 'daily_operation_summary', arguments: { date: HUGE } }),
    );
    expect(message).toMatch(/date/);
  });

  it('every argument refused without echoing it whole', async () => {
    const longNames = Object.fromEntries(
      Array.from({ length: 100 }, (_, i) => [`${i}`.padEnd(60_000, 'k'), 'v']),
    );
    const cases: [string, string, Record<string, unknown>][] = [
      ['a report id of 3 MB', 'run_report', { report: HUGE, from: '2025-02-08' }],
      ['100 unknown arguments named in 60,000 characters', 'run_report', { report: 'act_3', ...longNames }],
      [
        'a filter of 100 columns named in 60,000 characters',
        'wolkvox_act_3',
        { from: '2025-02-08', filter: longNames },
      ],
      [
        'params of 100 names of 60,000 characters',
        'query_reports',
        { fetches: [{ report: 'act_3', from: '2025-02-08', params: longNames }], sql: 'SELECT 1' },
      ],
      ['a cursor of 3 MB', 'run_report', { cursor: HUGE }],
      ['a list_reports query of 3 MB', 'list_reports', { query: HUGE }],
      ['SQL of 3 MB', 'query_reports', { fetches: [{ report: 'act_3', from: '2025-02-08' }], sql: HUGE }],
    ];
    for (const [label, name, args] of cases) {
      const result = await bounded(label, name, args);
      expect(result.isError, label).toBe(true);
    }
  });

  it('a filter of a hundred values of 200 characters on every text column: its description cut in the totals', async () => {
    const values = Array.from({ length: 100 }, (_, i) => `${i}`.padEnd(200, 'v'));
    const text = FIELDS.filter((field) =>
      ['agent_name', 'comments', 'telephone', 'description_cod_act'].includes(field),
    );
    const filter = Object.fromEntries(text.map((field) => [field, { in: values }]));
    const result = await bounded('a filter of 400 values of 200 characters', 'wolkvox_act_3', {
      from: '2025-02-08',
      filter,
    });
    expect(structured(result).totals).toMatchObject({ rows: 30, matched: 0 });
    expect(textOf(result)).toMatch(
      /Totals \(exact\): 30 rows fetched; 0 match .*… \(cut: \d+ characters\)\./,
    );
  });
});

describe('resources and prompts', () => {
  it('every resource and every report schema reads within the bound', async () => {
    const uris = [
      ...(await client.listResources()).resources.map((resource) => resource.uri),
      ...listReports()
        .map((report) => report.id)
        .flatMap((id) => [`wolkvox://reports/${id}`, `wolkvox://tables/${id}`]),
    ];
    for (const uri of uris) {
      const read = await client.readResource({ uri });
      const chars = read.contents.reduce((sum, item) => sum + ('text' in item ? item.text.length : 0), 0);
      largest.set('a resource', Math.max(largest.get('a resource') ?? 0, chars));
      expect(chars, uri).toBeLessThanOrEqual(MAX_REPLY_CHARS);
    }
  });

  it('every prompt renders within the bound', async () => {
    for (const prompt of (await client.listPrompts()).prompts) {
      const args = Object.fromEntries(
        (prompt.arguments ?? []).map((argument) => [argument.name, 'yesterday']),
      );
      const rendered = await client.getPrompt({ name: prompt.name, arguments: args });
      const chars = JSON.stringify(rendered.messages).length;
      largest.set('a prompt', Math.max(largest.get('a prompt') ?? 0, chars));
      expect(chars, prompt.name).toBeLessThanOrEqual(MAX_REPLY_CHARS);
    }
  });
});

describe('no path of this machine', () => {
  it("in an answer whose client could not use its state directory (the file system's error names it)", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wolkvox-reply-bounds-'));
    const file = join(dir, 'a-file');
    writeFileSync(file, '');
    // A directory inside a file: every use of it fails, naming the path.
    const unusable = createWolkvoxClient({
      token: DEMO_TOKEN,
      baseUrl: standInUrl,
      timeZone: 'America/Bogota',
      stateDir: join(file, 'state'),
      retries: 0,
    });
    const other = await connectInMemory({ source: asReportSource(unusable), sourceKind: 'wolkvox' });
    try {
      const result = await other.callTool({ name: 'wolkvox_act_3', arguments: { from: '2025-02-08' } });
      const content = structured(result);
      expect(content.totals.rows).toBe(30);
      const said = `${textOf(result)}\n${JSON.stringify(content)}`;
      expect(said).toMatch(/Shared limits: the state directory cannot be used \([^)]*<path>/);
      expect(said).not.toContain(dir);
      expect(said).not.toContain(tmpdir());
    } finally {
      await other.close();
      await unusable.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
