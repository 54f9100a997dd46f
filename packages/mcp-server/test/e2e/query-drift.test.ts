/**
 * query_reports on rows as a real tenant may send them: missing markers, values that do not read as their kind,
 * a number where text is documented, a column the contract does not know. Every value stays reachable (typed
 * columns NULL where a value does not read, `<field>_raw` as sent, unknown columns as VARCHAR), and the answer
 * says how many values did not read and how the rows drifted. Through the SDK client, in process.
 */
import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportResult, ReportSource } from '../../src/backend/source.js';
import { connectInMemory, structured, textOf } from '../helpers.js';

const ROWS = [
  {
    agent_id: '1043',
    agent_name: 'Ana',
    conn_id: '1',
    date: '2025-02-03 08:10:00',
    time: '00:03:25',
    extra_col: 'x',
  },
  { agent_id: '1043', agent_name: 'Ana', conn_id: '2', date: '-', time: '--', extra_col: 'y' },
  { agent_id: 1044, agent_name: '', conn_id: '3', date: 'yesterday', time: '3 min' },
];

const source: ReportSource = {
  timeZone: 'America/Bogota',
  async report(): Promise<ReportResult> {
    return {
      rows: ROWS,
      window: { from: '2025-02-03 00:00:00', to: '2025-02-03 23:59:59' },
      windows: 1,
      requests: 1,
      drift: {
        rows: 3,
        missing: { telephone: 3, type_interaction: 3 },
        nulls: {},
        unexpectedType: { agent_id: { rows: 1, received: 'number' } },
        extra: { extra_col: { rows: 2, kind: 'string' } },
        envelope: {},
      },
    } as unknown as ReportResult;
  },
};

let mcp: Client;
beforeAll(async () => {
  mcp = await connectInMemory({ source });
});
afterAll(async () => {
  await mcp?.close();
});

const FETCHES = [{ report: 'agent_13', from: '2025-02-03' }];

describe('query_reports on drifted rows', () => {
  it('keeps every value reachable: typed NULL where unreadable, _raw as sent, unknown columns as text', async () => {
    const result = await mcp.callTool({
      name: 'query_reports',
      arguments: {
        fetches: FETCHES,
        sql: 'SELECT conn_id, agent_id, agent_name, date, date_raw, time_s, time_raw, extra_col FROM agent_13 ORDER BY conn_id',
      },
    });
    const answer = structured(result);
    expect(answer.rows).toEqual([
      {
        conn_id: '1',
        agent_id: '1043',
        agent_name: 'Ana',
        date: '2025-02-03 08:10:00',
        date_raw: '2025-02-03 08:10:00',
        time_s: 205,
        time_raw: '00:03:25',
        extra_col: 'x',
      },
      {
        conn_id: '2',
        agent_id: '1043',
        agent_name: 'Ana',
        date: null,
        date_raw: '-',
        time_s: null,
        time_raw: '--',
        extra_col: 'y',
      },
      {
        conn_id: '3',
        agent_id: '1044',
        agent_name: null,
        date: null,
        date_raw: 'yesterday',
        time_s: null,
        time_raw: '3 min',
        extra_col: null,
      },
    ]);
    const text = textOf(result);
    // Unreadable values are counted (missing markers are not), and the drift is told as for every answer.
    expect(text).toContain('1 value(s) of agent_13.date did not read as its type');
    expect(text).toContain('1 value(s) of agent_13.time_s did not read as its type');
    expect(text).toMatch(/agent_13: wolkvox's answer differs from the report's contract/);
    expect(text).toContain('extra_col');
  });

  it('loads the unknown column even when the statement reads every column', async () => {
    const answer = structured(
      await mcp.callTool({
        name: 'query_reports',
        arguments: { fetches: FETCHES, sql: 'SELECT * FROM agent_13' },
      }),
    );
    expect(answer.columns.at(-1)).toEqual({ name: 'extra_col', type: 'VARCHAR' });
    expect(answer.totals.rows).toBe(3);
  });
});
