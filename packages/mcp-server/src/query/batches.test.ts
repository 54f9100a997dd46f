/**
 * Loading rows into a query's database, in batches of column JSON, and stopping when the caller gives up: a year
 * of rows takes seconds to load, and a cancelled call must not spend them. On a real (locked-down) DuckDB session
 * in this process, and in a query process, which a cancellation kills at once.
 */
import { getReport } from '@wolkvox-mcp/contracts';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { LOAD_BATCH_ROWS, loadTable } from './batches.js';
import { QuerySession } from './engine.js';
import { QueryFailure } from './errors.js';
import { QUERY_LIMITS, resultBudget } from './limits.js';
import { QueryPool } from './pool.js';
import { reportTable } from './table.js';

const report = getReport('act_3')!;
const table = reportTable(report, 'act_3', []);
// Several batches of rows: enough for the load to pass between batches.
const rows = Array.from({ length: LOAD_BATCH_ROWS * 4 + 100 }, (_, i) => ({
  conn_id: `c${i}`,
  agent_id: String(i % 50),
  time: '00:01:05',
  date: i % 7 === 0 ? 'not a date' : '2025-01-27 08:30:00',
}));
const budget = resultBudget(QUERY_LIMITS);

let session: QuerySession | undefined;
afterEach(() => session?.close());
const pool = new QueryPool({ ...QUERY_LIMITS, concurrentQueries: 1 });
afterAll(() => pool.close());

describe('a query load', () => {
  it('loads every row, typed, and counts the values that do not read', async () => {
    session = await QuerySession.open(QUERY_LIMITS);
    const loaded = await loadTable(session, table, rows, new AbortController().signal);
    expect(loaded.rows).toBe(rows.length);
    const unreadable = rows.filter((row) => row.date === 'not a date').length;
    expect(loaded.unreadable).toEqual({ date: unreadable });
    const outcome = await session.run(
      'SELECT count(*) AS n, sum(time_s) AS s, count(date) AS dated, min(date) AS first FROM act_3',
      budget,
    );
    expect(outcome.rows[0]).toEqual({
      n: rows.length,
      s: rows.length * 65,
      dated: rows.length - unreadable,
      first: '2025-01-27 08:30:00',
    });
  });

  it('stops between batches when the caller gives up, and loads nothing more', async () => {
    session = await QuerySession.open(QUERY_LIMITS);
    const controller = new AbortController();
    const reason = new Error('the user gave up');
    // Aborted as the first batch goes to DuckDB: the next batch is not sent.
    queueMicrotask(() => controller.abort(reason));
    await expect(loadTable(session, table, rows, controller.signal)).rejects.toBe(reason);
    const outcome = await session.run('SELECT count(*) AS n FROM act_3', budget);
    expect(outcome.rows[0]!.n).toBeLessThan(rows.length);
  });

  it('in a query process: loads the same rows to the same answer', async () => {
    const lease = await pool.acquire(new AbortController().signal);
    try {
      await loadTable(lease.process, table, rows);
      const outcome = await lease.process.run('SELECT count(*) AS n, sum(time_s) AS s FROM act_3', budget);
      expect(outcome.rows[0]).toEqual({ n: rows.length, s: rows.length * 65 });
    } finally {
      lease.release('loaded');
    }
  });

  it('in a query process: a caller who gives up mid-load gets the process killed, and its place freed', async () => {
    const controller = new AbortController();
    const lease = await pool.acquire(controller.signal);
    const { process } = lease;
    queueMicrotask(() => controller.abort(new Error('the user gave up')));
    const failure = await loadTable(process, table, rows, controller.signal).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(QueryFailure);
    expect((failure as QueryFailure).kind).toBe('cancelled');
    expect(process.alive).toBe(false);
    lease.release('loaded');
    await process.exited;
    // The one place of this pool is free again: the next query gets a fresh process.
    const next = await pool.acquire(new AbortController().signal);
    expect(next.process).not.toBe(process);
    expect(pool.processes).toBe(1);
    next.release('loaded');
  });
});
