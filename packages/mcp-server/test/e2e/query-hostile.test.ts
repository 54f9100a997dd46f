/**
 * Hostile SQL against a real server (issue 25): the built server in a process of its own (fixtures/query-server.mjs)
 * through the SDK client over stdio, with small injected query limits (1 s per statement, DuckDB 256 MB, a query
 * process capped at 512 MB beyond what it starts with). Every statement below — the probes that once took the server down (rows materialised
 * in its heap, lists and long strings past DuckDB's memory limit, single long functions, cancelled calls holding
 * the query places, a 1.5 MB column list, the server's directory in a setting) and their kin — must:
 * - end within its deadline (the statement limit) plus 2 s, with an answer or an isError naming the limit or rule;
 * - leave the server answering: a ping sent while it runs is answered (within 1 s; the worst latency is printed);
 * - keep the reply within 50,000 characters, with no path of the server's machine and nothing read from outside;
 * - write nothing outside (a directory the statements aim at, and the query processes' working directory).
 * At the end the server process's peak resident memory is under SERVER_RSS_CAP (docs/errors.md).
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, homedir, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { QUERY_LIMITS } from '../../src/query/limits.js';
import { QueryProcess } from '../../src/query/process.js';
import { CLIENT_INFO, childEnv, emulatedSession, structured, textOf } from '../helpers.js';

const PACKAGE = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURE = join(PACKAGE, 'test/fixtures/query-server.mjs');
const LIMITS = { timeoutMs: 1_000, memoryLimit: '256MB', processMemoryMb: 512, concurrentQueries: 2 };
/** The server process's peak resident memory stays under this (the whole process: server and emulator). */
const SERVER_RSS_CAP_MB = 1_024;
const REPLY_CHARS = 50_000;
const SLACK_MS = 2_000;

const outside = mkdtempSync(join(tmpdir(), 'wolkvox-query-hostile-'));
const SECRET = `canary-${process.pid}-${Date.now()}`;
const secretFile = join(outside, 'secret.txt');
writeFileSync(secretFile, `${SECRET}\n`);
const outsideBefore = readdirSync(outside).sort();
// Query processes run in the filesystem's root: nothing may appear there.
const rootBefore = readdirSync('/').sort();

/** What no reply may hold: this machine's directories, the outside directory, the canary's text. */
const FORBIDDEN = [PACKAGE.replace(/\/$/, ''), homedir(), outside, SECRET].filter((text) => text.length > 3);

let client: Client;
let stderr = '';
let worstPingMs = 0;
let worstPingDuring = '';
const allPings: number[] = [];
let pings = 0;

beforeAll(async () => {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [FIXTURE, JSON.stringify(LIMITS)],
    cwd: PACKAGE,
    env: childEnv({}),
    stderr: 'pipe',
  });
  transport.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  client = new Client(CLIENT_INFO);
  await client.connect(transport);
  // The day is fetched once here; every statement below reuses it from the server's cache.
  const warm = await call('SELECT count(*) AS n FROM act_3');
  expect(structured(warm).rows[0].n).toBeGreaterThan(0);
}, 60_000);

afterAll(async () => {
  await client?.close();
  rmSync(outside, { recursive: true, force: true });
  const sorted = [...allPings].sort((a, b) => a - b);
  const at = (q: number) =>
    (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(1);
  console.log(
    `query-hostile: ${pings} pings while the statements ran: median ${at(0.5)} ms, p99 ${at(0.99)} ms, worst ` +
      `${worstPingMs.toFixed(1)} ms (during ${worstPingDuring.slice(0, 60)}); load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores`,
  );
});

function call(sql: string) {
  return client.callTool({
    name: 'query_reports',
    arguments: { fetches: [{ report: 'act_3', from: '2025-01-27' }], sql },
  });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs the statement while pinging the server (a ping every 25 ms, the first at once); times both. */
async function hostile(sql: string) {
  let settled = false;
  const started = performance.now();
  const running = call(sql).finally(() => {
    settled = true;
  });
  const latencies: number[] = [];
  const pinging = (async () => {
    do {
      const sent = performance.now();
      await client.ping();
      latencies.push(performance.now() - sent);
      await pause(25);
    } while (!settled);
  })();
  const result = await running;
  const elapsed = performance.now() - started;
  await pinging;
  pings += latencies.length;
  allPings.push(...latencies);
  if (Math.max(...latencies) > worstPingMs) {
    worstPingMs = Math.max(...latencies);
    worstPingDuring = sql;
  }
  return { result, elapsed, latencies };
}

const STOPPED =
  /ran longer than 1 s and was stopped|needed more memory than a query may use|more than [\d,]+ rows/;
const NO_FILES = /reads no files, network or extensions/;

type Expect = 'stopped' | 'answered' | 'any' | RegExp;

/** A struct of `fields` fields (its type names each), `copies` times: a long column list from short SQL. */
const wide = (fields: number, copies: number) =>
  `SELECT ${Array.from({ length: copies }, (_, i) => `s AS s${i}`).join(', ')} FROM (SELECT struct_pack(${Array.from(
    { length: fields },
    (_, i) => `f${i} := ${i}`,
  ).join(', ')}) AS s)`;

const STATEMENTS: [string, Expect][] = [
  // Rows materialised into the server's heap; lists and long strings past DuckDB's memory limit.
  ["SELECT repeat('x', 8000000) AS s FROM range(500)", 'stopped'],
  ["SELECT repeat('x', 4000000) AS s FROM range(500)", 'stopped'],
  ["SELECT repeat('x', 2000000000) AS s", 'stopped'],
  ['SELECT unnest(range(100000000)) AS x', 'stopped'],
  ['SELECT list_transform(range(100000000), x -> x * 2) AS l', 'stopped'],
  ['SELECT list_transform(range(20000), x -> list_transform(range(20000), y -> x * y)) AS l', 'stopped'],
  ['SELECT to_json(range(50000000)) AS j', 'stopped'],
  ["SELECT string_agg(repeat('x', 1000), ',') AS s FROM range(2000000)", 'stopped'],
  ['SELECT array_agg(range) AS l FROM range(30000000)', 'stopped'],
  ['SELECT list_sort(list_transform(range(50000000), x -> random())) AS l', 'stopped'],
  [
    "WITH RECURSIVE r(s) AS (SELECT 'x' UNION ALL SELECT s || s FROM r WHERE length(s) < 2000000000) SELECT max(length(s)) AS n FROM r",
    'any',
  ],
  ['SELECT range(5000000) AS l', 'any'],
  ["SELECT regexp_replace(repeat('a', 10000000), 'a', 'bb', 'g') AS s", 'any'],
  // Long values and long results: answered, cut to what an answer carries.
  ["SELECT repeat('ab', 100000) AS s FROM range(100)", /value\(s\) longer than 10,000 characters are cut/],
  ["SELECT md5(range::VARCHAR) AS h, repeat('y', 20000) AS pad FROM range(1000)", 'answered'],
  // Rows by the billion, and work that never ends.
  ['SELECT * FROM range(60000) a, range(60000) b', /more than 1,000,000 rows/],
  ['SELECT a.range * b.range AS p FROM range(60000) a, range(60000) b ORDER BY p DESC LIMIT 1', 'stopped'],
  ['WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) AS n FROM r', 'stopped'],
  ['SELECT count(*) AS n FROM range(100000000000)', 'stopped'],
  ['SELECT sum(hash(a.range, b.range)) AS h FROM range(200000) a, range(200000) b', 'stopped'],
  ['SELECT count(*) AS n FROM act_3 a, act_3 b, act_3 c, act_3 d', 'stopped'],
  ['SELECT a.conn_id FROM act_3 a, act_3 b, act_3 c', 'stopped'],
  ['SELECT count(*) AS n FROM generate_series(1, 1000000000) t(i) WHERE i % 1000000007 = 5', 'any'],
  // One function call that runs for a minute and heeds no interrupt.
  ["SELECT levenshtein(repeat('a', 100000), repeat('b', 100000)) AS d", 'stopped'],
  ['SELECT list_reduce(range(30000000), (a, b) -> a + b) AS s', 'stopped'],
  ["SELECT damerau_levenshtein(repeat('ab', 30000), repeat('ba', 30000)) AS d", 'any'],
  // Column lists: many columns, long names, long types.
  [
    `SELECT ${'*, '.repeat(30)}1 AS one FROM act_3`,
    /whose names and types take [\d,]+ characters; an answer carries at most 10,000: select fewer columns/,
  ],
  [`SELECT ${'*, '.repeat(2_000)}1 AS one FROM act_3`, /an answer carries at most 10,000|needed more memory/],
  [`SELECT 1 AS "${'n'.repeat(7_900)}"`, 'answered'],
  [`SELECT ${'1 + '.repeat(900)}1`, 'any'],
  [wide(300, 4), /an answer carries at most 10,000/],
  [wide(300, 1), 'answered'],
  // The server's machine: settings that name directories, files, the environment.
  ["SELECT current_setting('allowed_directories') AS d", 'answered'],
  ["SELECT current_setting('allowed_paths') AS p", 'answered'],
  [
    "SELECT current_setting('temp_directory') AS t, current_setting('home_directory') AS h, current_setting('extension_directory') AS e, current_setting('secret_directory') AS s",
    'answered',
  ],
  ['SELECT name, value FROM duckdb_settings()', 'answered'],
  ['SELECT * FROM duckdb_databases()', 'answered'],
  ["SELECT * FROM query('SELECT current_setting(''allowed_directories'') AS d')", 'any'],
  ['SELECT * FROM duckdb_extensions()', NO_FILES],
  ['SELECT * FROM duckdb_secrets()', NO_FILES],
  ["SELECT getenv('HOME') AS home", /getenv does not exist/],
  [`SELECT * FROM read_text('${secretFile}')`, NO_FILES],
  [`SELECT * FROM read_csv('${secretFile}')`, NO_FILES],
  [`SELECT * FROM sniff_csv('${secretFile}')`, NO_FILES],
  [`SELECT * FROM glob('${outside}/*')`, NO_FILES],
  [`SELECT * FROM '${secretFile}'`, /does not exist/],
  ["SELECT * FROM read_csv_auto('/proc/self/environ')", NO_FILES],
  ["SELECT * FROM read_parquet('https://example.com/x.parquet')", NO_FILES],
  [`COPY (SELECT 1) TO '${outside}/copy.csv'`, /COPY is refused/],
  [`EXPORT DATABASE '${outside}/export'`, /EXPORT is refused/],
  [`ATTACH '${outside}/attached.db' AS other`, /ATTACH is refused/],
  [`SELECT 1; COPY (SELECT 1) TO '${outside}/second.csv'`, /holds 2 statements/],
  ["SET memory_limit = '100GB'", /SET is refused/],
  ['INSTALL httpfs', /INSTALL is refused/],
  [
    "SELECT current_setting('enable_external_access') AS e, current_setting('lock_configuration') AS l, current_setting('max_temp_directory_size') AS t",
    'answered',
  ],
];

describe('hostile SQL against a real server', () => {
  it('has at least 40 statements, none longer than a query may be', () => {
    expect(STATEMENTS.length).toBeGreaterThanOrEqual(40);
    for (const [sql] of STATEMENTS) expect(sql.length, sql.slice(0, 60)).toBeLessThanOrEqual(8_000);
  });

  for (const [sql, expected] of STATEMENTS) {
    it(sql.length > 110 ? `${sql.slice(0, 110)}…` : sql, async () => {
      const { result, elapsed, latencies } = await hostile(sql);
      const text = textOf(result);
      const replyChars =
        text.length + (result.structuredContent ? JSON.stringify(result.structuredContent).length : 0);
      expect(elapsed, text).toBeLessThan(LIMITS.timeoutMs + SLACK_MS);
      expect(latencies.length).toBeGreaterThan(0);
      expect(Math.max(...latencies)).toBeLessThan(1_000);
      expect(replyChars).toBeLessThanOrEqual(REPLY_CHARS);
      const reply = `${text}\n${JSON.stringify(result.structuredContent ?? {})}`;
      for (const forbidden of FORBIDDEN) expect(reply).not.toContain(forbidden);
      if (expected === 'stopped') {
        expect(result.isError, text).toBe(true);
        expect(text).toMatch(STOPPED);
      } else if (expected === 'answered') {
        expect(result.isError, text).toBeFalsy();
      } else if (expected === 'any') {
        if (result.isError) expect(text).toMatch(STOPPED);
      } else {
        expect(text).toMatch(expected);
      }
    });
  }

  it('wrote nothing outside, and the server answers a plain query after all of them', async () => {
    expect(readdirSync(outside).sort()).toEqual(outsideBefore);
    expect(readdirSync('/').sort()).toEqual(rootBefore);
    const after = await call('SELECT count(*) AS n FROM act_3');
    expect(structured(after).rows[0].n).toBeGreaterThan(0);
  });

  it(`kept the server process under ${SERVER_RSS_CAP_MB} MB of resident memory throughout`, async () => {
    await client.close();
    const line = stderr
      .trim()
      .split('\n')
      .reverse()
      .find((text) => text.startsWith('{"maxRssKb"'));
    expect(line, stderr).toBeDefined();
    const { maxRssKb, maxLoopDelayMs } = JSON.parse(line!) as { maxRssKb: number; maxLoopDelayMs: number };
    console.log(
      `query-hostile: server peak RSS ${(maxRssKb / 1024).toFixed(0)} MB, longest event-loop delay ${maxLoopDelayMs.toFixed(1)} ms`,
    );
    expect(maxRssKb / 1024).toBeLessThan(SERVER_RSS_CAP_MB);
  });
});

describe('cancelled calls free their query places at once', () => {
  it('two long functions cancelled by their callers: a third query answers long before their limit', async () => {
    // A minute per statement: only the cancellations can end them soon. Watched on the query processes: both
    // statements have reached their process before the callers give up.
    const session = await emulatedSession({ queryLimits: { ...QUERY_LIMITS, timeoutMs: 60_000 } });
    let running = 0;
    let bothRunning!: () => void;
    const both = new Promise<void>((resolve) => {
      bothRunning = resolve;
    });
    const { run } = QueryProcess.prototype;
    const spy = vi.spyOn(QueryProcess.prototype, 'run').mockImplementation(function (
      this: QueryProcess,
      ...args: Parameters<QueryProcess['run']>
    ) {
      running += 1;
      if (running === 2) bothRunning();
      return run.apply(this, args);
    });
    try {
      const fetches = [{ report: 'act_3', from: '2025-01-27' }];
      const callers = [new AbortController(), new AbortController()];
      const calls = callers.map((caller) =>
        session.client
          .callTool(
            {
              name: 'query_reports',
              arguments: {
                fetches,
                sql: "SELECT levenshtein(repeat('a', 100000), repeat('b', 100000)) AS d",
              },
            },
            { signal: caller.signal },
          )
          .catch((error: unknown) => error),
      );
      await both;
      const started = performance.now();
      for (const caller of callers) caller.abort(new Error('the user gave up'));
      await Promise.all(calls);
      const next = await session.client.callTool({
        name: 'query_reports',
        arguments: { fetches, sql: 'SELECT count(*) AS n FROM act_3' },
      });
      expect(structured(next).rows[0].n).toBeGreaterThan(0);
      expect(performance.now() - started).toBeLessThan(10_000);
    } finally {
      spy.mockRestore();
      await session.close();
    }
  }, 30_000);
});
