/**
 * query_reports' fetches, through the SDK client on the emulator: each fetch is checked with its report's own
 * rules (named under fetches.<i>), fetched through the same client and cache as the report tools, with progress
 * while it waits and cancellation; the result is bounded and says how to get the rest.
 */
import type { Client } from '@modelcontextprotocol/client';
import { createWolkvoxClient } from '@wolkvox-mcp/client';
import { DEMO_TOKEN } from '@wolkvox-mcp/mock-server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { QueryProcess } from '../../src/query/process.js';
import { connectInMemory, type EmulatedSession, emulatedSession, structured, textOf } from '../helpers.js';

let session: EmulatedSession;
let mcp: Client;

beforeAll(async () => {
  session = await emulatedSession();
  mcp = session.client;
});
afterAll(() => session?.close());

function call(args: Record<string, unknown>, options?: Parameters<Client['callTool']>[1]) {
  return mcp.callTool({ name: 'query_reports', arguments: args }, options);
}

describe('query_reports checks each fetch with its report’s rules', () => {
  const refusals: [string, Record<string, unknown>, RegExp[]][] = [
    [
      'an unknown report, with the closest ids',
      { fetches: [{ report: 'agent_01', from: '2025-01-27' }], sql: 'SELECT 1' },
      [/fetches\.0\.report: unknown report "agent_01"; did you mean agent_1/],
    ],
    [
      'a window that ends before it starts',
      { fetches: [{ report: 'cdr_1', from: '2025-02-10', to: '2025-02-01' }], sql: 'SELECT 1' },
      [/fetches\.0\.to: must not be before from/],
    ],
    [
      'a window over a year',
      { fetches: [{ report: 'cdr_1', from: '2024-01-01', to: '2025-06-30' }], sql: 'SELECT 1' },
      [/fetches\.0\.to: the window spans \d+ days; one call covers at most 366/],
    ],
    [
      'a date the grammar does not read',
      { fetches: [{ report: 'cdr_1', from: '03/02/2025' }], sql: 'SELECT 1' },
      [/fetches\.0\.from:/],
    ],
    [
      'a missing required parameter and an unknown one',
      { fetches: [{ report: 'campaign_7', from: '2025-01-27', params: { nope: '1' } }], sql: 'SELECT 1' },
      [
        /fetches\.0\.params\.campaign_id: is required/,
        /fetches\.0\.params\.nope: is not a parameter of campaign_7/,
      ],
    ],
    [
      'two fetches into one table',
      {
        fetches: [
          { report: 'cdr_1', from: '2025-01-27' },
          { report: 'cdr_1', from: '2025-01-28' },
        ],
        sql: 'SELECT 1',
      },
      [/fetches\.1\.as: table cdr_1 is already loaded by fetch 0; give this fetch its own "as"/],
    ],
    [
      'a table name that is not an identifier',
      { fetches: [{ report: 'cdr_1', from: '2025-01-27', as: 'x; DROP' }], sql: 'SELECT 1' },
      [/fetches\.0\.as: expected a table name/],
    ],
    ['no fetch', { fetches: [], sql: 'SELECT 1' }, [/fetches: name at least one report to fetch/]],
    ['no SQL', { fetches: [{ report: 'cdr_1', from: '2025-01-27' }] }, [/sql: is required/]],
    [
      'an unknown argument',
      { fetches: [{ report: 'cdr_1', from: '2025-01-27', limit: 5 }], sql: 'SELECT 1', limit: 5 },
      [
        /fetches\.0\.limit: unknown argument/,
        /limit: unknown argument; query_reports takes fetches, sql, chart, format, bom/,
      ],
    ],
  ];
  for (const [what, args, rules] of refusals) {
    it(`refuses ${what}, naming the field and the rule`, async () => {
      const result = await call(args);
      expect(result.isError).toBe(true);
      for (const rule of rules) expect(textOf(result)).toMatch(rule);
    });
  }

  it('takes a report by its tool name, and from/to in params', async () => {
    const answer = structured(
      await call({
        fetches: [{ report: 'wolkvox_cdr_1', params: { from: '2025-01-27', to: '2025-01-28' } }],
        sql: 'SELECT count(*) AS n FROM cdr_1',
      }),
    );
    expect(answer.tables[0]).toMatchObject({
      table: 'cdr_1',
      report: 'cdr_1',
      window: { from: '2025-01-27 00:00:00', to: '2025-01-28 23:59:59' },
    });
  });

  it('reads relative ranges and a report about now', async () => {
    const result = await call({
      fetches: [{ report: 'calls_last_10' }, { report: 'act_3', from: 'last_week', as: 'typified' }],
      sql: 'SELECT (SELECT count(*) FROM calls_last_10) AS live, (SELECT count(*) FROM typified) AS typified',
    });
    const answer = structured(result);
    expect(answer.tables.map((table: { table: string }) => table.table)).toEqual([
      'calls_last_10',
      'typified',
    ]);
    expect(answer.tables[0].window).toBeNull();
    expect(answer.rows[0].typified).toBe(answer.tables[1].rows);
  });
});

describe('query_reports fetches as the report tools do', () => {
  it('reuses a result run_report fetched (the same cache key)', async () => {
    await mcp.callTool({
      name: 'run_report',
      arguments: { report: 'chat_9', from: '2025-01-27', to: '2025-02-02' },
    });
    const answer = structured(
      await call({
        fetches: [{ report: 'chat_9', from: '2025-01-27', to: '2025-02-02' }],
        sql: 'SELECT count(*) AS n FROM chat_9',
      }),
    );
    expect(answer.tables[0].from_cache).toBe(true);
    expect(answer.rows[0].n).toBe(answer.tables[0].rows);
  });

  it('sends progress, always increasing, for fetches of several windows', async () => {
    const updates: { progress: number; total?: number; message?: string }[] = [];
    const result = await call(
      {
        fetches: [
          { report: 'chat_9', from: '2024-01-01', to: '2024-03-31' },
          { report: 'agent_13', from: '2024-01-01', to: '2024-03-31' },
        ],
        sql: 'SELECT (SELECT count(*) FROM chat_9) AS transfers, (SELECT count(*) FROM agent_13) AS agent_transfers',
      },
      { onprogress: (update) => updates.push(update) },
    );
    expect(result.isError).toBeFalsy();
    expect(updates.length).toBeGreaterThan(0);
    for (let i = 1; i < updates.length; i += 1)
      expect(updates[i]!.progress).toBeGreaterThan(updates[i - 1]!.progress);
    expect(updates.at(-1)!.message).toMatch(/chat_9, agent_13: \d+ of \d+ windows/);
  });

  it('is cancelled by the caller, and the server answers the next call', async () => {
    const controller = new AbortController();
    const asked = session.mock.control.journal().length;
    // A statement that runs about a minute and heeds no interrupt: only the caller's giving up can end it early.
    const running = call(
      {
        fetches: [{ report: 'act_3', from: '2024-04-01', to: '2024-04-30' }],
        sql: "SELECT count(*) AS n, levenshtein(repeat('a', 100000), repeat('b', 100000)) AS d FROM act_3",
      },
      { signal: controller.signal },
    );
    // The caller gives up once the fetch is answered (the query is under way), not after a guessed time.
    await session.mock.control.waitForJournal(asked + 1);
    controller.abort(new Error('the user gave up'));
    await expect(running).rejects.toThrow();
    const next = structured(
      await call({
        fetches: [{ report: 'cdr_1', from: '2025-01-27' }],
        sql: 'SELECT count(*) AS n FROM cdr_1',
      }),
    );
    expect(next.rows[0].n).toBeGreaterThan(0);
  }, 60_000);

  it('answers a file built in SQL (string_agg) with the way that works: format, every row in a file', async () => {
    const result = await call({
      fetches: [{ report: 'act_3', from: '2025-01-27' }],
      sql: "SELECT string_agg(conn_id || ';' || coalesce(cod_act, ''), chr(10)) AS csv FROM act_3",
    });
    const answer = structured(result);
    expect(answer.totals).toEqual({ rows: 1, shown: 1 });
    expect(textOf(result)).toMatch(
      /rows folded into one value \(string_agg and its kin\) cannot fit an answer.*add `format`/,
    );
    expect(textOf(result)).not.toContain('OFFSET');
  });

  it('shows what fits and says how to get the rest of a long result', async () => {
    const result = await call({
      fetches: [{ report: 'act_3', from: '2025-01-27' }],
      sql: 'SELECT * FROM act_3 ORDER BY conn_id',
    });
    const answer = structured(result);
    expect(answer.has_more).toBe(true);
    expect(answer.totals.shown).toBeLessThan(answer.totals.rows);
    expect(answer.next_offset).toBe(answer.totals.shown);
    expect(textOf(result)).toContain(`LIMIT 500 OFFSET ${answer.totals.shown}`);
    expect(textOf(result).length + JSON.stringify(result.structuredContent).length).toBeLessThanOrEqual(
      50_000,
    );
    const rest = structured(
      await call({
        fetches: [{ report: 'act_3', from: '2025-01-27' }],
        sql: `SELECT * FROM act_3 ORDER BY conn_id LIMIT 500 OFFSET ${answer.totals.shown}`,
      }),
    );
    expect(rest.tables[0].from_cache).toBe(true);
    expect(rest.rows[0].conn_id > answer.rows.at(-1).conn_id).toBe(true);
  });
});

describe('the tables, as resources', () => {
  it("lists every report's table and gives each table's columns, SQL types and meanings", async () => {
    const index = await mcp.readResource({ uri: 'wolkvox://tables' });
    const catalog = JSON.parse((index.contents[0] as { text: string }).text);
    expect(catalog.rules.join(' ')).toContain('<field>_raw');
    expect(catalog.tables.find((table: { report: string }) => table.report === 'agent_1')).toMatchObject({
      table: 'agent_1',
      uri: 'wolkvox://tables/agent_1',
    });
    const agent1 = await mcp.readResource({ uri: 'wolkvox://tables/agent_1' });
    const table = JSON.parse((agent1.contents[0] as { text: string }).text);
    const byName = new Map(table.columns.map((column: { name: string }) => [column.name, column]));
    expect(byName.get('aht_s')).toMatchObject({
      type: 'BIGINT',
      meaning: expect.stringContaining('(seconds)'),
    });
    expect(byName.get('aht_raw')).toMatchObject({ type: 'VARCHAR' });
    expect(byName.get('occupancy')).toMatchObject({ type: 'DOUBLE' });
    expect(byName.get('login')).toMatchObject({ type: 'TIMESTAMP' });
    expect(byName.get('agent_id')).toMatchObject({ type: 'VARCHAR' });
    // What the resource says is what a query loads.
    const described = structured(
      await call({
        fetches: [{ report: 'agent_1', from: '2025-01-27' }],
        sql: 'SELECT * FROM agent_1 LIMIT 1',
      }),
    );
    expect(described.columns).toEqual(
      table.columns.map((column: { name: string; type: string }) => ({
        name: column.name,
        type: column.type,
      })),
    );
  });
});

describe('query_reports passes on what the shared limits say', () => {
  it("says once, for the whole query, that the token's daily quota runs low", async () => {
    // Counted on this machine (the test file's own state directory); 3 calls a day, so two fetches leave it low.
    const wolkvox = createWolkvoxClient({ token: DEMO_TOKEN, baseUrl: session.mock.url, dailyQuota: 3 });
    const server = await connectInMemory({ client: wolkvox, sourceKind: 'emulator' });
    try {
      const result = await server.callTool({
        name: 'query_reports',
        arguments: {
          fetches: [
            { report: 'agent_1', from: '2025-01-27' },
            { report: 'agent_13', from: '2025-01-27' },
          ],
          sql: 'SELECT count(*) AS n FROM agent_1',
        },
      });
      expect(result.isError).toBeFalsy();
      const said = textOf(result).match(/daily quota is running low/g) ?? [];
      expect(said).toHaveLength(1);
    } finally {
      await server.close();
      await wolkvox.close();
    }
  });
});

describe('query_reports asked several times at once', () => {
  it('answers every query (two query processes load and run at a time, the others wait their turn)', async () => {
    // Watched on the query processes themselves: a process holds its memory from its first table to the end of
    // its run.
    let holding = 0;
    let most = 0;
    const held = new WeakSet<QueryProcess>();
    const { createTable, run } = QueryProcess.prototype;
    const createSpy = vi.spyOn(QueryProcess.prototype, 'createTable').mockImplementation(async function (
      this: QueryProcess,
      ...args: Parameters<QueryProcess['createTable']>
    ) {
      if (!held.has(this)) {
        held.add(this);
        holding += 1;
        most = Math.max(most, holding);
      }
      return createTable.apply(this, args);
    });
    const runSpy = vi.spyOn(QueryProcess.prototype, 'run').mockImplementation(async function (
      this: QueryProcess,
      ...args: Parameters<QueryProcess['run']>
    ) {
      try {
        return await run.apply(this, args);
      } finally {
        if (held.delete(this)) holding -= 1;
      }
    });
    const days = ['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31'];
    const results = await Promise.all(
      days.map((day) =>
        call({ fetches: [{ report: 'act_3', from: day }], sql: 'SELECT count(*) AS n FROM act_3' }),
      ),
    );
    for (const [index, result] of results.entries()) {
      expect(result.isError, textOf(result)).toBeFalsy();
      const raw = await session.wolkvox.reportById('act_3', {
        from: `${days[index]}T00:00:00`,
        to: `${days[index]}T23:59:59`,
      } as never);
      expect(structured(result).rows[0].n).toBe(raw.rows.length);
    }
    expect(createSpy).toHaveBeenCalledTimes(days.length);
    createSpy.mockRestore();
    runSpy.mockRestore();
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(2);
  });
});
