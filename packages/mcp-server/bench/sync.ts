/**
 * `wolkvox-mcp sync` and the store at a year's scale, measured in one run against the built bin (real processes):
 *  1. a year of cdr_1 on the default tenant (635k rows) synced against an emulator with a latency: requests against
 *     the fewest windows the platform allows (31 days and 60,000 rows a window), wall time against what the latency
 *     alone costs (each request waits it, two in flight); then the same sync killed with SIGKILL part-way and run
 *     again: what the second run fetched, and its store equal, row for row, to the one-shot sync's;
 *  2. a busy center's year (the default tenant at 5,400 calls on a weekday: ~1.8 million cdr_1 rows) synced the
 *     same way, then a GROUP BY over it through query_reports: from the store (the bin with the synced store) and on
 *     the path without a store (bench/no-store-question.ts, in a process of its own): time, answer, and the peak
 *     resident memory of the query process.
 * It writes its summary into docs/testing-and-benchmarks.md between the bench:sync markers.
 *
 * Run: pnpm --filter @wolkvox-mcp/mcp-server bench sync   (about 4 minutes on 2 CPUs; also part of `pnpm bench`)
 */
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { LIMITS } from '@wolkvox-mcp/contracts';
import { DEMO_TOKEN, type MockServer, startMockServer } from '@wolkvox-mcp/mock-server';
import { watchChildren } from './peak-rss.js';
import { count, mb, ms } from './query.js';

const BIN = fileURLToPath(new URL('../bin/wolkvox-mcp.js', import.meta.url));
const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
const NO_STORE = fileURLToPath(new URL('./no-store-question.ts', import.meta.url));
const DOCS = fileURLToPath(new URL('../../../docs/testing-and-benchmarks.md', import.meta.url));
const YEAR = ['--reports', 'cdr_1', '--from', '2025-01-01', '--to', '2025-12-31'];
const DAYS = 365;
/** The emulator's latency for each request, ms. */
const LATENCY_MS = 250;
/** Calls on an ordinary weekday for a center of ~5,000 calls a day: ~1.8 million cdr_1 rows a year (1,500 give 635k). */
const BUSY_VOLUME = 5_400;
const SQL =
  'SELECT agent_id, count(*) AS calls, sum(time_seg) AS seconds, round(avg(cost), 4) AS cost ' +
  'FROM cdr_1 GROUP BY agent_id ORDER BY agent_id';

interface SyncOutcome {
  summary?: Record<string, number | string>;
  lines: Record<string, unknown>[];
  ms: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Requests the emulator answered during the run (a killed run's in flight included). */
  requests: number;
  /** The time the emulator spent on them (its latency included), over the two a token has in flight. */
  emulatorMs: number;
}

/** A sync run to its end, or killed with SIGKILL once `killAfter` pieces said they were stored. */
function sync(data: string, mock: MockServer, killAfter?: number): Promise<SyncOutcome> {
  const start = performance.now();
  const since = mock.control.journal().length;
  const child = spawn(process.execPath, [BIN, 'sync', '--log-level', 'warn', ...YEAR, '--data-dir', data], {
    env: { ...process.env, WOLKVOX_TOKEN: DEMO_TOKEN, WOLKVOX_BASE_URL: mock.url },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: Record<string, unknown>[] = [];
  let pending = '';
  child.stdout.on('data', (chunk) => {
    pending += String(chunk);
    const parts = pending.split('\n');
    pending = parts.pop()!;
    for (const text of parts.filter(Boolean)) {
      lines.push(JSON.parse(text));
      if (killAfter !== undefined && lines.filter((line) => line.stored).length === killAfter) {
        child.kill('SIGKILL');
      }
    }
  });
  return new Promise((resolve) =>
    child.on('close', (code, signal) => {
      const summary = lines.find((line) => line.summary)?.summary as SyncOutcome['summary'];
      const journal = mock.control.journal().slice(since);
      const emulatorMs =
        journal.reduce((sum, entry) => sum + entry.durationMs, 0) / LIMITS.maxConcurrentPerToken;
      resolve({
        summary,
        lines,
        ms: performance.now() - start,
        code,
        signal,
        requests: journal.length,
        emulatorMs,
      });
    }),
  );
}

/** The rows of every stored day of cdr_1 under `data`, as a count and an order-free sum of row hashes. */
async function storeDigest(data: string): Promise<string> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(
      `SELECT count(*)::VARCHAR || ' ' || sum(hash(t::VARCHAR)::HUGEINT)::VARCHAR FROM read_parquet('${data}/*/*/report=cdr_1/*/*.parquet', hive_partitioning = false) AS t`,
    );
    return String(reader.getRows()[0]![0]);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

const sha256 = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

/** The fewest windows a year of `rows` rows takes: each at most 31 days and at most 60,000 rows. */
const fewestWindows = (rows: number) =>
  Math.max(Math.ceil(DAYS / LIMITS.maxWindowDays), Math.ceil(rows / LIMITS.maxRecordsPerCall));

/** Each request waits the latency, and wolkvox answers two of a token's at once. */
const latencyFloor = (requests: number) => (requests * LATENCY_MS) / LIMITS.maxConcurrentPerToken;

/** The GROUP BY through the bin on the synced store: its time, answer and the query process's peak memory. */
async function askStored(data: string, mock: MockServer) {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, '--log-level', 'warn'],
    env: {
      ...(process.env as Record<string, string>),
      WOLKVOX_TOKEN: DEMO_TOKEN,
      WOLKVOX_BASE_URL: mock.url,
      WOLKVOX_DATA_DIR: data,
    },
  });
  const caller = new Client({ name: 'bench-sync', version: '1' });
  await caller.connect(transport);
  try {
    const ask = async () => {
      const stop = watchChildren(transport.pid!);
      const start = performance.now();
      const result = await caller.callTool(
        {
          name: 'query_reports',
          arguments: { fetches: [{ report: 'cdr_1', from: '2025-01-01', to: '2025-12-31' }], sql: SQL },
        },
        { timeout: 600_000 },
      );
      const elapsed = performance.now() - start;
      if (result.isError) throw new Error((result.content as { text: string }[])[0]!.text);
      const structured = result.structuredContent as { rows: unknown[]; tables: Record<string, number>[] };
      return { ms: elapsed, peak: stop(), rows: structured.rows, table: structured.tables[0]! };
    };
    const first = await ask();
    const again = await ask();
    return { first, again };
  } finally {
    await caller.close();
  }
}

/** The same question on the path without a store, in a process of its own. */
async function askWithoutStore(mock: MockServer) {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      '--import',
      'tsx',
      NO_STORE,
      JSON.stringify({
        url: mock.url,
        token: DEMO_TOKEN,
        fetch: { report: 'cdr_1', from: '2025-01-01', to: '2025-12-31' },
        sql: SQL,
      }),
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 1_800_000, cwd: PACKAGE },
  ).catch((error: { stdout?: string; stderr?: string; code?: number; signal?: string }) => ({
    stdout: JSON.stringify({
      error: `the process ended (${error.signal ?? error.code}): ${String(error.stderr).slice(-300)}`,
    }),
  }));
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as {
    error?: string;
    rows?: number;
    loaded?: number;
    answer?: string;
    ms?: number;
    queryPeak?: number;
    ownPeak?: number;
  };
}

export async function syncBench(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'wolkvox-bench-sync-'));
  const text: string[] = [];
  const say = (line: string) => {
    console.log(line);
    text.push(line);
  };
  let mock = await startMockServer({ port: 0, host: '127.0.0.1', latencyMs: LATENCY_MS });
  try {
    // 1. The default tenant's year: one sync, then one killed part-way and run again.
    const oneShot = await sync(join(root, 'one-shot'), mock);
    const killed = await sync(join(root, 'resumed'), mock, 5);
    const resumed = await sync(join(root, 'resumed'), mock);
    const [oneDigest, resumedDigest] = await Promise.all([
      storeDigest(join(root, 'one-shot')),
      storeDigest(join(root, 'resumed')),
    ]);
    const rows = Number(oneShot.summary!.rows);
    const requests = oneShot.requests;
    const killedStored = killed.lines.reduce((sum, line) => sum + Number(line.stored ?? 0), 0);
    console.log(`\nY. wolkvox-mcp sync of a year of cdr_1 (emulator latency ${LATENCY_MS} ms a request)`);
    say(
      `- default tenant, ${count(rows)} rows: ${requests} requests for the fewest windows of ${fewestWindows(rows)} ` +
        `(${(requests / fewestWindows(rows)).toFixed(2)}x); ${ms(oneShot.ms)} wall: the latency alone ${ms(latencyFloor(requests))}, ` +
        `the emulator answering (latency, making the rows, sending them) ${ms(oneShot.emulatorMs)}, two requests at a time; ` +
        `${mb(Number(oneShot.summary!.bytes))} stored`,
    );
    say(
      `- killed with SIGKILL after ${killedStored} days were stored (${ms(killed.ms)} in; ${killed.signal}), then run ` +
        `again: the second run stored ${resumed.summary!.stored} days with ${resumed.requests} requests ` +
        `(${killed.requests + resumed.requests} over both runs, the killed one's in flight included, against ${requests} in one), ` +
        `in ${ms(resumed.ms)}; the store ${resumedDigest === oneDigest ? 'equals' : 'DIFFERS from'} the one-shot sync's, row for row`,
    );

    // 2. A busy center's year: synced, then asked from the store and without one.
    await mock.close();
    mock = await startMockServer({ port: 0, host: '127.0.0.1', latencyMs: LATENCY_MS, volume: BUSY_VOLUME });
    const busy = await sync(join(root, 'busy'), mock);
    const busyRows = Number(busy.summary!.rows);
    const busyRequests = busy.requests;
    say(
      `- a busy center (${count(BUSY_VOLUME)} calls on a weekday), ${count(busyRows)} rows: ${busyRequests} requests for the ` +
        `fewest windows of ${fewestWindows(busyRows)} (${(busyRequests / fewestWindows(busyRows)).toFixed(2)}x; a 31-day window ` +
        `past 60,000 rows is halved until each half fits); ${ms(busy.ms)} wall: the latency alone ${ms(latencyFloor(busyRequests))}, ` +
        `the emulator answering ${ms(busy.emulatorMs)}; ${mb(Number(busy.summary!.bytes))} stored`,
    );
    const stored = await askStored(join(root, 'busy'), mock);
    const loaded = stored.again.table.rows;
    console.log(`\nG. A GROUP BY over the busy center's year of cdr_1 (${count(loaded ?? 0)} rows)`);
    say(
      `- from the store (${count(stored.again.table.store_days ?? 0)} days in place, 0 requests): ${ms(stored.again.ms)} ` +
        `(the first question on a new server: ${ms(stored.first.ms)}); the query process's peak RSS ` +
        `${mb(Math.max(stored.first.peak, stored.again.peak))}; ${stored.again.rows.length} agents`,
    );
    const plain = await askWithoutStore(mock);
    say(
      plain.error
        ? `- without a store (the rows fetched, then loaded from JSON): fails after ${ms(plain.ms ?? 0)}: ${plain.error.replace(/\s+/g, ' ')}; ` +
            `the query process's peak RSS ${mb(plain.queryPeak ?? 0)}, the server's ${mb(plain.ownPeak ?? 0)}`
        : `- without a store: ${ms(plain.ms!)} for ${count(plain.loaded!)} rows (the fetch, then the load), ${plain.rows} agents, ` +
            `the answer ${plain.answer === sha256(stored.again.rows) ? 'equal to' : 'DIFFERENT from'} the store's; the query process's peak RSS ` +
            `${mb(plain.queryPeak!)}, the server's ${mb(plain.ownPeak!)}`,
    );
  } finally {
    await mock.close();
    rmSync(root, { recursive: true, force: true });
  }
  const summary = [
    `Node ${process.version}, ${process.platform}/${process.arch}, ${new Date().toISOString().slice(0, 10)}:`,
    '',
    ...text,
  ].join('\n');
  console.log(`\nSync summary\n${summary}`);
  const doc = readFileSync(DOCS, 'utf8');
  const next = doc.replace(
    /<!-- bench:sync -->[\s\S]*?<!-- \/bench -->/,
    `<!-- bench:sync -->\n${summary}\n<!-- /bench -->`,
  );
  if (next !== doc) writeFileSync(DOCS, next);
}
