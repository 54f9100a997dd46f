/**
 * Loading rows into a query's database stops when the caller gives up: a year of rows takes seconds to load, and
 * a cancelled call must not spend them. Checked between batches, on a real (locked-down) DuckDB session.
 */
import { getReport } from '@wolkvox-mcp/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { QuerySession } from '../../src/query/engine.js';
import { QUERY_LIMITS } from '../../src/query/limits.js';
import { reportTable } from '../../src/query/table.js';

const report = getReport('act_3')!;
const table = reportTable(report, 'act_3', []);
// Three batches of rows: enough for the load to pass between batches.
const rows = Array.from({ length: 40_000 }, (_, i) => ({
  conn_id: `c${i}`,
  agent_id: String(i % 50),
  time: '00:01:05',
}));

let session: QuerySession | undefined;
afterEach(() => session?.close());

describe('a query load', () => {
  it('loads every row when nobody gives up', async () => {
    session = await QuerySession.open(QUERY_LIMITS);
    const loaded = await session.load(table, rows, new AbortController().signal);
    expect(loaded.rows).toBe(rows.length);
    const outcome = await session.run('SELECT count(*) AS n, sum(time_s) AS s FROM act_3');
    expect(outcome.rows[0]).toEqual({ n: rows.length, s: rows.length * 65 });
  });

  it('stops between batches when the caller gives up, and loads nothing more', async () => {
    session = await QuerySession.open(QUERY_LIMITS);
    const controller = new AbortController();
    const reason = new Error('the user gave up');
    // Aborted as the first batch goes to DuckDB: the next batch is not sent.
    queueMicrotask(() => controller.abort(reason));
    await expect(session.load(table, rows, controller.signal)).rejects.toBe(reason);
    const outcome = await session.run('SELECT count(*) AS n FROM act_3');
    expect(outcome.rows[0]!.n).toBeLessThan(rows.length);
  });
});
