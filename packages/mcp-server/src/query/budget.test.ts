/**
 * A result leaves a query's database within what an answer can carry: rows by count and by characters, every value
 * cut to its bound (and counted), the column list bounded; the total stays exact. On a real DuckDB session in this
 * process (the query process runs the same code).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QuerySession, type ResultBudget } from './engine.js';
import { QueryFailure } from './errors.js';
import { QUERY_LIMITS, resultBudget } from './limits.js';

let session: QuerySession;
beforeAll(async () => {
  session = await QuerySession.open(QUERY_LIMITS);
});
afterAll(() => session?.close());

const budget: ResultBudget = {
  maxResultRows: 10_000,
  keepRows: 50,
  maxRowChars: 5_000,
  maxCellChars: 100,
  maxColumnChars: 1_000,
};
const json = (value: unknown) => JSON.stringify(value).length;

describe('a result within its budget', () => {
  it('keeps the first rows up to keepRows, and counts them all', async () => {
    const outcome = await session.run('SELECT range AS n FROM range(1234)', budget);
    expect(outcome.total).toBe(1234);
    expect(outcome.rows).toHaveLength(50);
    expect(outcome.rows[49]).toEqual({ n: 49 });
    expect(outcome.cutCells).toBe(0);
  });

  it('stops keeping rows at maxRowChars, cuts long values and says how many', async () => {
    const outcome = await session.run("SELECT range AS n, repeat('ab', 100000) AS s FROM range(300)", budget);
    expect(outcome.total).toBe(300);
    expect(json(outcome.rows)).toBeLessThanOrEqual(budget.maxRowChars);
    expect(outcome.rows.length).toBeGreaterThan(1);
    expect(outcome.rows.length).toBeLessThan(50);
    const cell = outcome.rows[0]!.s as string;
    expect(cell).toHaveLength(budget.maxCellChars);
    expect(cell.endsWith('…')).toBe(true);
    expect(outcome.cutCells).toBe(outcome.rows.length);
  });

  it('cuts a list or struct longer than a value may be to its JSON text', async () => {
    const outcome = await session.run('SELECT range(100000) AS l, {a: 1} AS small', budget);
    expect(typeof outcome.rows[0]!.l).toBe('string');
    expect((outcome.rows[0]!.l as string).startsWith('["0","1"')).toBe(true);
    expect(outcome.rows[0]!.l).toHaveLength(budget.maxCellChars);
    expect(outcome.rows[0]!.small).toEqual({ a: 1 });
    expect(outcome.cutCells).toBe(1);
  });

  it('keeps the first row whatever its size (its values are bounded)', async () => {
    const wide = Array.from({ length: 20 }, (_, i) => `repeat('x', 1000) AS c${i}`).join(', ');
    const outcome = await session.run(`SELECT ${wide} FROM range(3)`, { ...budget, maxRowChars: 500 });
    expect(outcome.rows).toHaveLength(1);
    expect(outcome.total).toBe(3);
  });

  it('refuses a result whose column list is wider than an answer carries, naming the bound', async () => {
    const failure = await session
      .run(
        `SELECT ${Array(20).fill('*').join(', ')} FROM range(1) t(a_rather_long_column_name_to_repeat)`,
        budget,
      )
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(QueryFailure);
    expect((failure as QueryFailure).kind).toBe('too_wide');
    expect((failure as QueryFailure).message).toMatch(
      /the result has 20 column\(s\) whose names and types take [\d,]+ characters; an answer carries at most 1,000: select fewer columns/,
    );
  });

  it('refuses a result of more rows than it counts', async () => {
    await expect(session.run('SELECT * FROM range(20000)', budget)).rejects.toThrow(
      /the result has more than 10,000 rows; aggregate it \(GROUP BY\) or add LIMIT/,
    );
  });

  it("the server's own budget holds SELECT * over six of the widest reports' columns", () => {
    // 41 columns of agent_1 take 1,600 characters as JSON (table.test.ts lists the widest).
    expect(resultBudget(QUERY_LIMITS).maxColumnChars).toBeGreaterThanOrEqual(6 * 1_600);
  });
});
