/**
 * Which columns a statement reads, from DuckDB's own parse tree: a query loads only those, and every column when
 * the tree does not say for sure. The statements are parsed by a real (locked-down) DuckDB session.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QuerySession } from './engine.js';
import { QUERY_LIMITS } from './limits.js';

let session: QuerySession;
beforeAll(async () => {
  session = await QuerySession.open(QUERY_LIMITS);
});
afterAll(() => session?.close());

const names = async (sql: string) => {
  const read = await session.checkStatement(sql);
  return read === 'all' ? 'all' : [...read].sort();
};

describe('the columns a statement reads', () => {
  it('are the column references, every part of a qualified name, and USING columns', async () => {
    expect(
      await names(
        'SELECT a.agent_name, sum(a.calls) FROM agent_1 a JOIN agent_13 t USING (agent_id) WHERE t.time_s > 60 GROUP BY ALL',
      ),
    ).toEqual(['a', 'agent_id', 'agent_name', 'calls', 't', 'time_s']);
    expect(await names('SELECT count(*) FROM act_3')).toEqual([]);
    expect(await names('WITH c AS (SELECT "Time_S" AS x FROM act_3) SELECT max(x) FROM c')).toEqual([
      'time_s',
      'x',
    ]);
  });

  it('are every column when the tree does not list them', async () => {
    for (const sql of [
      'SELECT * FROM act_3',
      'SELECT t.* FROM act_3 t',
      'SELECT * EXCLUDE (comments) FROM act_3',
      "SELECT COLUMNS('time.*') FROM act_3",
      'SELECT t FROM act_3 t',
      'SELECT act_3 FROM act_3',
      'SELECT agent_name FROM agent_1 NATURAL JOIN agent_13',
      'SELECT x FROM act_3 AS t(x)',
      'DESCRIBE act_3',
      'SUMMARIZE act_3',
      "SELECT * FROM query_table('act_3')",
      'SELECT list_transform([1, 2], v -> v + 1)',
    ]) {
      expect(await names(sql), sql).toBe('all');
    }
  });
});
