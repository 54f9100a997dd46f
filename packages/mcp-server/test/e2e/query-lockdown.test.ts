/**
 * query_reports is locked down, tried through the SDK client as an assistant (or a prompt injection) would: every
 * way out of the loaded tables (files, network, extensions, settings, more than one statement, statements that
 * are not a SELECT) and every way to exhaust the server (a recursive CTE that never ends, cross joins of 60,000 x
 * 60,000 rows) is answered with an isError naming the rule, nothing is written outside, and the server keeps
 * answering, during and after. The statement's time limit is injected small (1.5 s), so that the queries it stops
 * do not wait out the real 10 s; the hostile SQL suite (query-hostile.test.ts) covers memory, width and paths.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUERY_LIMITS } from '../../src/query/limits.js';
import { type EmulatedSession, emulatedSession, structured, textOf } from '../helpers.js';

let session: EmulatedSession;
let mcp: Client;
// Made when the file loads: the refusals below name files in it, and nothing may ever appear there.
const outside = mkdtempSync(join(tmpdir(), 'wolkvox-query-lockdown-'));

beforeAll(async () => {
  session = await emulatedSession({ queryLimits: { ...QUERY_LIMITS, timeoutMs: 1_500 } });
  mcp = session.client;
});
afterAll(async () => {
  await session?.close();
  rmSync(outside, { recursive: true, force: true });
});

const FETCHES = [{ report: 'act_3', from: '2025-01-27' }];

function call(sql: string) {
  return mcp.callTool({ name: 'query_reports', arguments: { fetches: FETCHES, sql } });
}

/** The server still answers a plain query over the same table. */
async function expectAnswering(): Promise<void> {
  const result = await call('SELECT count(*) AS n FROM act_3');
  expect(structured(result).rows[0].n).toBeGreaterThan(0);
}

async function expectRefused(sql: string, rule: RegExp): Promise<void> {
  const result = await call(sql);
  expect(result.isError, sql).toBe(true);
  expect(textOf(result), sql).toMatch(rule);
  expect(readdirSync(outside), sql).toEqual([]);
}

describe('query_reports refuses every way out of its tables', () => {
  const file = (name: string) => join(outside, name);
  const refusals: [string, string, RegExp][] = [
    ['reading a file', "SELECT * FROM read_csv('/etc/passwd')", /reads no files, network or extensions/],
    ['a file by its name', "SELECT * FROM '/etc/passwd'", /Table with name <path> does not exist/],
    ['read_text', "SELECT * FROM read_text('/etc/hostname')", /reads no files/],
    ['glob', "SELECT * FROM glob('/etc/*')", /reads no files/],
    ['read_parquet', "SELECT * FROM read_parquet('/tmp/x.parquet')", /reads no files/],
    ['read_json over the network', "SELECT * FROM read_json('https://example.com/x.json')", /reads no files/],
    ['getenv', "SELECT getenv('HOME') AS home", /getenv does not exist/],
    ['COPY TO a file', `COPY (SELECT 1) TO '${file('copy.csv')}'`, /COPY is refused: only a SELECT/],
    ['ATTACH', `ATTACH '${file('attached.db')}' AS other`, /ATTACH is refused/],
    ['EXPORT DATABASE', `EXPORT DATABASE '${file('export')}'`, /EXPORT is refused/],
    ['INSTALL', 'INSTALL httpfs', /INSTALL is refused/],
    ['LOAD', 'LOAD httpfs', /LOAD is refused/],
    ['SET', "SET memory_limit = '100GB'", /SET is refused/],
    ['PRAGMA', 'PRAGMA database_list', /PRAGMA is refused/],
    ['CALL', 'CALL pragma_version()', /CALL is refused/],
    ['CREATE', 'CREATE TABLE kept AS SELECT 1', /CREATE is refused/],
    ['two statements', 'SELECT 1; SELECT 2', /holds 2 statements; one SELECT runs per call/],
    [
      'a statement after a SELECT',
      `SELECT 1; COPY (SELECT 1) TO '${file('second.csv')}'`,
      /holds 2 statements/,
    ],
    ['not SQL', 'SELEC 1', /sql: Parser Error: syntax error/],
  ];
  for (const [what, sql, rule] of refusals) {
    it(`${what}: isError naming the rule, nothing written`, async () => {
      await expectRefused(sql, rule);
    });
  }

  it('a table of one call is not visible to the next', async () => {
    const first = await mcp.callTool({
      name: 'query_reports',
      arguments: {
        fetches: [{ report: 'act_3', from: '2025-01-27', as: 'only_here' }],
        sql: 'SELECT 1 AS x',
      },
    });
    expect(first.isError).toBeFalsy();
    await expectRefused('SELECT count(*) FROM only_here', /Table with name only_here does not exist/);
  });

  it('the message carries no path of this machine', async () => {
    const result = await call("SELECT * FROM read_csv('/etc/passwd')");
    expect(textOf(result)).not.toContain('/etc/passwd');
    expect(textOf(result)).not.toContain(process.cwd());
  });

  it('settings stay as the server set them', async () => {
    const result = await call(
      "SELECT current_setting('enable_external_access') AS external, current_setting('lock_configuration') AS locked",
    );
    expect(structured(result).rows[0]).toEqual({ external: false, locked: true });
    await expectAnswering();
  });
});

describe('query_reports stays within its bounds, and the server answers during and after', () => {
  it('a recursive CTE that never ends is stopped (timeout or memory), the server answering meanwhile', async () => {
    const running = call(
      'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r',
    );
    let settled = false;
    void running.then(() => {
      settled = true;
    });
    // DuckDB runs off the event loop: another call is answered while the query runs.
    const listed = await mcp.callTool({ name: 'list_reports', arguments: { query: 'transfers' } });
    expect(listed.isError).toBeFalsy();
    expect(settled).toBe(false);
    const result = await running;
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(
      /sql: the query (ran longer than 1.5 s and was stopped|needed more memory)/,
    );
    await expectAnswering();
  }, 60_000);

  it('a cross join of 60,000 x 60,000 rows is refused by the row cap', async () => {
    const result = await call('SELECT * FROM range(60000) a, range(60000) b');
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(
      /the result has more than 1,000,000 rows; aggregate it \(GROUP BY\) or add LIMIT/,
    );
    await expectAnswering();
  }, 60_000);

  it('a cross join of 60,000 x 60,000 rows that must be sorted whole is stopped (timeout or memory)', async () => {
    const result = await call(
      'SELECT a.range * b.range AS product FROM range(60000) a, range(60000) b ORDER BY product DESC, a.range LIMIT 1',
    );
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/ran longer than 1.5 s and was stopped|needed more memory/);
    await expectAnswering();
  }, 60_000);

  it('a cross join of a report with itself, three times, is refused by the row cap', async () => {
    const result = await call('SELECT a.conn_id FROM act_3 a, act_3 b, act_3 c');
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/more than 1,000,000 rows/);
    await expectAnswering();
  }, 60_000);
});

describe('with a store of closed days, a statement reads only its own days, through its tables', () => {
  // Two tokens of one tenant share a data directory: each server's store is its own scope's folder.
  const root = mkdtempSync(join(tmpdir(), 'wolkvox-query-store-lockdown-'));
  const mine = { tenant: 'emulator', token: 'mine' };
  const theirs = { tenant: 'emulator', token: 'theirs' };
  const FETCH = { report: 'cdr_1', from: '2025-01-27', to: '2025-01-28' };
  let own: EmulatedSession;
  let other: EmulatedSession;

  const ask = (sql: string) =>
    own.client.callTool({ name: 'query_reports', arguments: { fetches: [FETCH], sql } });

  beforeAll(async () => {
    const emulator = { now: '2025-02-05T15:00:00Z' };
    own = await emulatedSession({ emulator, frozen: true, store: { root, scope: mine } });
    other = await emulatedSession({ emulator, frozen: true, store: { root, scope: theirs } });
    for (const session of [own, other]) {
      await session.client.callTool({
        name: 'query_reports',
        arguments: { fetches: [FETCH], sql: 'SELECT count(*) AS n FROM cdr_1' },
      });
      // The resource is read once the days the question fetched are written.
      const held = await session.client.readResource({ uri: 'wolkvox://store' });
      expect(JSON.parse((held.contents[0] as { text: string }).text).totals.days).toBe(2);
    }
  }, 60_000);
  afterAll(async () => {
    await own?.close();
    await other?.close();
    rmSync(root, { recursive: true, force: true });
  });

  const partition = (scope: typeof mine) =>
    join(root, scope.tenant, scope.token, 'report=cdr_1', 'params=none');
  /** A stored day's file, as its record names it. */
  const dayFile = (scope: typeof mine, day: string) =>
    join(
      partition(scope),
      (JSON.parse(readFileSync(join(partition(scope), `day=${day}.json`), 'utf8')) as { file: string }).file,
    );
  const refusals: [string, () => string][] = [
    [
      "another token's day file",
      () => `SELECT count(*) FROM read_parquet('${dayFile(theirs, '2025-01-27')}')`,
    ],
    [
      "another token's folder, by a pattern",
      () => `SELECT count(*) FROM read_parquet('${partition(theirs)}/*.parquet')`,
    ],
    ['its own folder, listed', () => `SELECT * FROM glob('${partition(mine)}/*')`],
    ['the data directory, listed', () => `SELECT * FROM glob('${root}/**')`],
    // Its own day in the store, by its name: the statement reads its day through its table only.
    [
      'its own day file, by its name',
      () => `SELECT count(*) FROM read_parquet('${dayFile(mine, '2025-01-27')}')`,
    ],
    [
      'its own folder, by a pattern',
      () => `SELECT count(*) FROM read_parquet('${partition(mine)}/*.parquet')`,
    ],
    ["its own day's record", () => `SELECT * FROM read_text('${partition(mine)}/day=2025-01-27.json')`],
  ];
  it.each(refusals)('%s is refused', async (what, sql) => {
    const result = await ask(sql());
    expect(result.isError, what).toBe(true);
    expect(textOf(result), what).toMatch(/reads no files, network or extensions/);
    expect(textOf(result), what).not.toContain(root);
  });

  it('its tables read the stored days, and the settings name no path of this machine', async () => {
    const result = await ask(
      "SELECT count(*) AS n, current_setting('allowed_paths')::VARCHAR AS paths, current_setting('enable_external_access') AS external FROM cdr_1",
    );
    const answer = structured(result);
    expect(answer.tables[0].store_days).toBe(2);
    expect(answer.rows[0].n).toBeGreaterThan(0);
    expect(answer.rows[0].external).toBe(false);
    expect(answer.rows[0].paths).toContain('<path>');
    expect(textOf(result)).not.toContain(root);
  });
});
