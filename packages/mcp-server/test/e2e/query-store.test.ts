/**
 * query_reports over the store of closed days, through the SDK client on the emulator (its clock frozen): the
 * first question is answered from what it fetched and writes each whole closed day as a Parquet file after its
 * answer, the next reads them in place with no wolkvox request, and every answer equals, row for row, what a
 * server without a store answers from fresh fetches. A damaged day is fetched again with a warning; an unwritable
 * data directory degrades to fetching, with a warning; a day evicted while its query runs is still read.
 * One server without a store answers every test's fresh rows; windows are a few days (the rules are per day).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/client';
import { createWolkvoxClient, type WolkvoxClient } from '@wolkvox-mcp/client';
import { DEMO_TOKEN, type MockServer } from '@wolkvox-mcp/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asReportSource } from '../../src/backend/connect.js';
import type { ReportSource } from '../../src/backend/source.js';
import { DayStore, type DayStoreOptions } from '../../src/store/day-store.js';
import { partitionDir, storeTenant, tokenFingerprint } from '../../src/store/layout.js';
import { connectInMemory, connectV2Http, emulator, startFromArgs, structured, textOf } from '../helpers.js';

const SCOPE = { tenant: 'emulator', token: 'demo' };

let mock: MockServer;
let wolkvox: WolkvoxClient;
/** A server without a store: the rows as fresh fetches give them. */
let plain: Client;
const clients: Client[] = [];
const dirs: string[] = [];

const emulatorSource = (): ReportSource => asReportSource(wolkvox, () => mock.control.now());

/**
 * An MCP client on a server of its own (its own result cache) over the shared emulator (or `source`), with a
 * store (a new data directory unless `store.root` says which).
 */
async function server(store: Partial<DayStoreOptions>, source = emulatorSource()): Promise<Client> {
  const client = await connectInMemory({
    sourceKind: 'emulator',
    source,
    store: { root: newDir(), scope: SCOPE, ...store },
  });
  clients.push(client);
  return client;
}

/** Once what the server's questions fetched is written into its store (its resource says what is stored then). */
async function settled(client: Client): Promise<void> {
  await client.readResource({ uri: 'wolkvox://store' });
}

/** The stored file of a day, as its record names it. */
function dayFile(root: string, day: string): string {
  const dir = partitionDir(root, SCOPE, 'cdr_1', 'none');
  const record = JSON.parse(readFileSync(join(dir, `day=${day}.json`), 'utf8')) as { file: string };
  return join(dir, record.file);
}

function newDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wolkvox-store-'));
  dirs.push(dir);
  return dir;
}

beforeAll(async () => {
  mock = await emulator({ now: '2025-02-05T15:00:00Z' });
  mock.control.freezeClock();
  wolkvox = createWolkvoxClient({
    token: DEMO_TOKEN,
    baseUrl: mock.url,
    timeZone: 'America/Bogota',
    coordination: 'process',
  });
  plain = await connectInMemory({ sourceKind: 'emulator', source: emulatorSource() });
  clients.push(plain);
});
afterAll(async () => {
  for (const client of clients) await client.close();
  await wolkvox?.close();
  await mock?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Every row of the table, as text, in one digest, and how many: equal digests are equal rows. */
const DIGEST = (table: string) =>
  `SELECT count(*) AS n, md5(coalesce(string_agg(t::VARCHAR, '\n' ORDER BY t::VARCHAR), '')) AS digest FROM ${table} AS t`;

type Fetch = { report: string; from: string; to?: string };

async function ask(client: Client, fetch: Fetch, sql = DIGEST(fetch.report)) {
  const asked = mock.control.journal().length;
  const result = await client.callTool({ name: 'query_reports', arguments: { fetches: [fetch], sql } });
  const answer = structured(result);
  return {
    answer,
    text: textOf(result),
    row: answer.rows[0] as { n: number; digest: string },
    table: answer.tables[0] as Record<string, unknown>,
    requests: mock.control.journal().length - asked,
  };
}

/** The answer of a server without a store, after a server on `root` has stored the fetch's days. */
async function freshThenStored(fetch: Fetch, root: string) {
  const fresh = await ask(plain, fetch);
  const filler = await server({ root });
  await ask(filler, fetch);
  await settled(filler);
  return fresh;
}

describe('query_reports reads closed days from the store, equal to fresh fetches', () => {
  const cases: [string, Fetch, number][] = [
    // Call records: a run of days fetched as the platform's windows, cut into days by the row's date.
    ['cdr_1 over a week and today', { report: 'cdr_1', from: '2025-01-29', to: 'today' }, 7],
    // Grouped per agent over the window: a day is stored only when the window is that one day.
    ['agent_1 over one closed day', { report: 'agent_1', from: '2025-02-03', to: '2025-02-03' }, 1],
    // Grouped per day (a DATE column).
    ['cdr_4 over four days', { report: 'cdr_4', from: '2025-01-30', to: '2025-02-02' }, 4],
    // Windowed by when a chat closed, not when it opened.
    ['chat_1 over four days', { report: 'chat_1', from: '2025-01-31', to: '2025-02-03' }, 4],
  ];

  // One store for the cases (each a report of its own).
  let client: Client;
  beforeAll(async () => {
    client = await server({});
  });

  it.each(cases)('%s: the same rows fresh, stored, and read from the store', async (_, fetch, days) => {
    const fresh = await ask(plain, fetch);
    expect(fresh.row.n).toBeGreaterThan(0);
    // The first question is answered from what it fetched; its days are written after the answer.
    const filling = await ask(client, fetch);
    expect(filling.row).toEqual(fresh.row);
    expect(filling.requests).toBeGreaterThan(0);
    expect(filling.table.store_days).toBeUndefined();
    const again = await ask(client, fetch);
    expect(again.row).toEqual(fresh.row);
    expect(again.table.store_days).toBe(days);
    expect(again.text).toContain(`${days} closed day(s) read from the store with 0 requests`);
    // Stored days cost no request; a window that runs into today fetched today's part once, reused from memory.
    expect(again.requests).toBe(0);
  });

  it('a new server on the same data directory reads the stored days, fetching only today', async () => {
    const root = newDir();
    const fetch: Fetch = { report: 'cdr_1', from: '2025-02-02', to: 'today' };
    const fresh = await freshThenStored(fetch, root);
    const later = await ask(await server({ root }), fetch);
    expect(later.row).toEqual(fresh.row);
    expect(later.table.store_days).toBe(3);
    expect(later.requests).toBe(1);
    const files = readdirSync(partitionDir(root, SCOPE, 'cdr_1', 'none'));
    expect(files.filter((name) => name.endsWith('.parquet'))).toHaveLength(3);
    expect(files.filter((name) => name.endsWith('.json'))).toEqual([
      'day=2025-02-02.json',
      'day=2025-02-03.json',
      'day=2025-02-04.json',
    ]);
    // A day's file is named by its content, as its record says.
    expect(dayFile(root, '2025-02-02')).toMatch(/day=2025-02-02\.[0-9a-f]{16}\.parquet$/);
  });

  it('wolkvox://store says what is stored, per report, and names no path', async () => {
    const root = newDir();
    const client = await server({ root });
    await ask(client, { report: 'cdr_1', from: '2025-01-20', to: '2025-01-24' });
    await ask(client, { report: 'agent_1', from: '2025-01-22', to: '2025-01-22' });
    // Read at once: the resource waits for the days being written.
    const listed = await client.listResources();
    expect(listed.resources.map((resource) => resource.uri)).toContain('wolkvox://store');
    const read = await client.readResource({ uri: 'wolkvox://store' });
    const text = (read.contents[0] as { text: string }).text;
    expect(text).not.toContain(root);
    const held = JSON.parse(text);
    expect(held.enabled).toBe(true);
    expect(held.reports.map((item: { report: string }) => item.report)).toEqual(['agent_1', 'cdr_1']);
    expect(held.reports[1]).toMatchObject({ days: 5, oldest: '2025-01-20', newest: '2025-01-24' });
    const rows = await ask(
      client,
      { report: 'cdr_1', from: '2025-01-20', to: '2025-01-24' },
      'SELECT count(*) AS n FROM cdr_1',
    );
    expect(held.reports[1].rows).toBe((rows.row as unknown as { n: number }).n);
    expect(held.totals.days).toBe(6);
    expect(held.totals.bytes).toBeGreaterThan(0);
    // A server without a store says so.
    const none = await plain.readResource({ uri: 'wolkvox://store' });
    expect(JSON.parse((none.contents[0] as { text: string }).text)).toMatchObject({ enabled: false });
  });

  it('columns the statement does not name are not loaded, and an aggregate reads the same', async () => {
    const client = await server({});
    const fetch: Fetch = { report: 'cdr_1', from: '2025-01-08', to: '2025-01-10' };
    const sql =
      'SELECT agent_id, count(*) AS calls, sum(time_seg) AS seconds FROM cdr_1 GROUP BY ALL ORDER BY ALL';
    const fresh = await ask(plain, fetch, sql);
    await ask(client, fetch, sql);
    const again = await ask(client, fetch, sql);
    expect(again.answer.rows).toEqual(fresh.answer.rows);
    expect(again.requests).toBe(0);
  });

  it('a grouped report over several days is fetched as before, not stored', async () => {
    const client = await server({});
    const fetch: Fetch = { report: 'agent_1', from: '2025-01-31', to: '2025-02-02' };
    const fresh = await ask(plain, fetch);
    await ask(client, fetch);
    const again = await ask(client, fetch);
    expect(again.row).toEqual(fresh.row);
    expect(again.table.store_days).toBeUndefined();
  });
});

describe('the server as started from its flags', () => {
  it('with a token, stores under --data-dir in the folder of where wolkvox is and the token fingerprint', async () => {
    const root = newDir();
    const running = await startFromArgs(mock, ['--data-dir', root]);
    try {
      const caller = await connectV2Http(running.url!);
      const fetch: Fetch = { report: 'cdr_1', from: '2025-01-20', to: '2025-01-21' };
      await ask(caller, fetch);
      const again = await ask(caller, fetch);
      expect(again.table.store_days).toBe(2);
      expect(again.requests).toBe(0);
      const scope = { tenant: storeTenant(mock.url), token: tokenFingerprint(DEMO_TOKEN) };
      const dir = partitionDir(root, scope, 'cdr_1', 'none');
      expect(readdirSync(dir)).toContain('day=2025-01-20.json');
      // Sealed with the token's key (read back above under it).
      expect(JSON.parse(readFileSync(join(dir, 'day=2025-01-20.json'), 'utf8')).seal).toMatch(
        /^[0-9a-f]{64}$/,
      );
      // The server's shutdown waits for the days a question fetched to be written.
      await ask(caller, { report: 'cdr_1', from: '2025-01-22', to: '2025-01-22' });
      await caller.close();
      await running.close();
      expect(readdirSync(dir)).toContain('day=2025-01-22.json');
    } finally {
      await running.close();
    }
  });
});

describe('the store never makes an answer wrong', () => {
  it('a damaged or truncated day is fetched again, with a warning', async () => {
    const root = newDir();
    const fetch: Fetch = { report: 'cdr_1', from: '2025-01-01', to: '2025-01-04' };
    const fresh = await freshThenStored(fetch, root);
    const damaged = dayFile(root, '2025-01-03');
    const bytes = readFileSync(damaged);
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    writeFileSync(damaged, bytes);
    const truncated = dayFile(root, '2025-01-02');
    writeFileSync(truncated, readFileSync(truncated).subarray(0, 100));

    const client = await server({ root });
    const repaired = await ask(client, fetch);
    expect(repaired.row).toEqual(fresh.row);
    expect(repaired.requests).toBeGreaterThan(0);
    expect(repaired.text).toMatch(
      /a stored day of cdr_1 \(2025-01-03\) was damaged \(its content changed\).*fetched from wolkvox again/,
    );
    expect(repaired.text).toMatch(/a stored day of cdr_1 \(2025-01-02\) was damaged \(100 bytes where/);
    expect(repaired.table.store_days).toBe(2);
    // Written again whole: the next question reads all four from the files with no request.
    const again = await ask(client, fetch);
    expect(again.table.store_days).toBe(4);
    expect(again.row).toEqual(fresh.row);
    expect(again.requests).toBe(0);
  });

  it('an unwritable data directory degrades to fetching, with a warning', async () => {
    // A data directory under a regular file can never be created, whoever runs the test (root ignores modes).
    const blocker = join(newDir(), 'a-file');
    writeFileSync(blocker, '');
    const fetch: Fetch = { report: 'cdr_1', from: '2025-01-01', to: '2025-01-05' };
    const fresh = await ask(plain, fetch);
    const client = await server({ root: join(blocker, 'data') });
    const first = await ask(client, fetch);
    expect(first.row).toEqual(fresh.row);
    expect(first.text).toMatch(
      /days of cdr_1 could not be stored \(ENOTDIR\); they were answered from what was fetched/,
    );
    expect(first.table.store_days).toBeUndefined();
  });

  it('the bound removes the least recently used days', async () => {
    const root = newDir();
    const client = await server({ root, maxBytes: 1 });
    const fetch: Fetch = { report: 'cdr_1', from: '2025-01-01', to: '2025-01-03' };
    const fresh = await ask(plain, fetch);
    const first = await ask(client, fetch);
    expect(first.row).toEqual(fresh.row);
    await settled(client);
    const left = readdirSync(partitionDir(root, SCOPE, 'cdr_1', 'none'));
    expect(left.filter((name) => name.endsWith('.parquet'))).toEqual([]);
  });

  it('a day evicted while its query fetches the rest is still read: the query does not fail for it', async () => {
    const root = newDir();
    const fetch: Fetch = { report: 'cdr_1', from: '2025-02-02', to: 'today' };
    const fresh = await freshThenStored(fetch, root);
    // A server whose fetches wait at a gate: today's part is fetched after the stored days were looked up.
    const source = emulatorSource();
    let arrived!: () => void;
    const atGate = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    let open!: () => void;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const gated: ReportSource = {
      ...source,
      timeZone: source.timeZone,
      report: async (id, request, options) => {
        arrived();
        await gate;
        return source.report(id, request, options);
      },
    };
    const asking = ask(await server({ root }, gated), fetch);
    await atGate;
    // Another process's store on the same directory, bound to nothing, evicts every day meanwhile.
    expect(await new DayStore({ root, scope: SCOPE, maxBytes: 0 }).evict()).toBe(0);
    expect(readdirSync(partitionDir(root, SCOPE, 'cdr_1', 'none'))).toEqual([]);
    open();
    const answer = await asking;
    expect(answer.text).not.toMatch(/sql:/);
    expect(answer.row).toEqual(fresh.row);
    expect(answer.table.store_days).toBe(3);
  });
});
