/**
 * query_reports answers checked against plain computations over the raw rows, on several reports of the
 * emulator: the same rows fetched by the client directly, read with the contracts' `readWireNumber` (the reading
 * every consumer shares), summed, averaged, counted by group and joined in plain JS. Through the SDK client.
 */
import type { Client } from '@modelcontextprotocol/client';
import type { WolkvoxClient } from '@wolkvox-mcp/client';
import { type FieldKind, getReport, isMissingValue, readWireNumber } from '@wolkvox-mcp/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportTable } from '../../src/query/table.js';
import { type EmulatedSession, emulatedSession, structured, textOf } from '../helpers.js';

type Row = Record<string, unknown>;

let session: EmulatedSession;
let client: WolkvoxClient;
let mcp: Client;

beforeAll(async () => {
  session = await emulatedSession();
  ({ wolkvox: client, client: mcp } = session);
});
afterAll(() => session?.close());

const WEEK = { from: '2025-01-27', to: '2025-02-02' };

/** The raw rows of a report, as the client returns them. */
async function raw(report: string, window = WEEK): Promise<Row[]> {
  const result = await client.reportById(
    report as never,
    {
      from: `${window.from}T00:00:00`,
      to: `${window.to}T23:59:59`,
    } as never,
  );
  return result.rows as Row[];
}

async function query(fetches: Record<string, unknown>[], sql: string) {
  const result = await mcp.callTool({ name: 'query_reports', arguments: { fetches, sql } });
  if (result.isError) throw new Error(textOf(result));
  return structured(result) as { rows: Row[]; totals: { rows: number; shown: number }; has_more: boolean };
}

const numbers = (rows: Row[], field: string, kind: FieldKind) =>
  rows.map((row) => readWireNumber(row[field], kind)).filter((value): value is number => value !== undefined);
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/** Rows counted by a field's value; the missing markers count as null, as in SQL. */
function countBy(rows: Row[], field: string): Map<string | null, number> {
  const counts = new Map<string | null, number>();
  for (const row of rows) {
    const key = isMissingValue(row[field]) ? null : String(row[field]);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

describe('query_reports against plain computations over the raw rows', () => {
  it('cdr_1: count, sum, avg, min and max of decimals, seconds and minutes', async () => {
    const rows = await raw('cdr_1');
    expect(rows.length).toBeGreaterThan(100);
    const answer = await query(
      [{ report: 'cdr_1', ...WEEK }],
      'SELECT count(*) AS n, sum(cost) AS cost, avg(time_seg) AS avg_s, min(time_seg) AS min_s, ' +
        'max(time_seg) AS max_s, sum(time_min) AS minutes, count(cost) AS with_cost FROM cdr_1',
    );
    const [row] = answer.rows;
    const seconds = numbers(rows, 'time_seg', 'seconds');
    expect(row).toMatchObject({ n: rows.length, min_s: Math.min(...seconds), max_s: Math.max(...seconds) });
    expect(row!.with_cost).toBe(numbers(rows, 'cost', 'number').length);
    expect(row!.cost as number).toBeCloseTo(sum(numbers(rows, 'cost', 'number')), 6);
    expect(row!.avg_s as number).toBeCloseTo(sum(seconds) / seconds.length, 9);
    expect(row!.minutes as number).toBeCloseTo(sum(numbers(rows, 'time_min', 'minutes')), 6);
    // Numbers travel as JSON numbers, never strings.
    for (const value of Object.values(row!)) expect(typeof value).toBe('number');
  });

  it('cdr_1: count by group, every group and its exact count', async () => {
    const rows = await raw('cdr_1');
    const answer = await query(
      [{ report: 'cdr_1', ...WEEK }],
      'SELECT type_interaction, count(*) AS n FROM cdr_1 GROUP BY ALL ORDER BY n DESC, type_interaction',
    );
    const expected = countBy(rows, 'type_interaction');
    expect(answer.totals.rows).toBe(expected.size);
    expect(new Map(answer.rows.map((row) => [row.type_interaction as string | null, row.n]))).toEqual(
      expected,
    );
  });

  it('chat_1: averages of seconds and durations, counts per channel, the latest close', async () => {
    const rows = await raw('chat_1');
    expect(rows.length).toBeGreaterThan(20);
    const answer = await query(
      [{ report: 'chat_1', ...WEEK, as: 'chats' }],
      'SELECT channel, count(*) AS n, avg(chat_duration) AS avg_duration, sum(time_on_agent_s) AS on_agent_s, ' +
        'max(date_close) AS last_close FROM chats GROUP BY channel ORDER BY channel',
    );
    const channels = countBy(rows, 'channel');
    expect(answer.totals.rows).toBe(channels.size);
    for (const row of answer.rows) {
      const mine = rows.filter((raw) => (isMissingValue(raw.channel) ? null : raw.channel) === row.channel);
      expect(row.n).toBe(mine.length);
      const durations = numbers(mine, 'chat_duration', 'seconds');
      expect(row.avg_duration as number).toBeCloseTo(sum(durations) / durations.length, 9);
      expect(row.on_agent_s).toBe(sum(numbers(mine, 'time_on_agent', 'duration')));
      const closes = mine.map((raw) => raw.date_close).filter((value) => !isMissingValue(value)) as string[];
      expect(row.last_close).toBe(closes.sort().at(-1));
    }
  });

  it('agent_1 x agent_13: per-agent AHT next to transfers, join counts exact', async () => {
    const [agents, transfers] = await Promise.all([raw('agent_1'), raw('agent_13')]);
    const answer = await query(
      [
        { report: 'agent_1', ...WEEK },
        { report: 'agent_13', ...WEEK, as: 'transfers' },
      ],
      'SELECT a.agent_id, sum(a.calls) AS calls, sum(a.aht_s) AS aht_s, avg(a.occupancy) AS occupancy, ' +
        "(SELECT count(*) FROM transfers t WHERE t.agent_id = a.agent_id AND t.type_interaction = 'transfer') AS transfers " +
        'FROM agent_1 a GROUP BY a.agent_id ORDER BY transfers DESC, a.agent_id',
    );
    const ids = [...new Set(agents.map((row) => String(row.agent_id)))];
    expect(answer.totals.rows).toBe(ids.length);
    expect(answer.has_more).toBe(false);
    for (const row of answer.rows) {
      const mine = agents.filter((agent) => agent.agent_id === row.agent_id);
      expect(row.calls).toBe(sum(numbers(mine, 'calls', 'count')));
      expect(row.aht_s).toBe(sum(numbers(mine, 'aht', 'duration')));
      const occupancy = numbers(mine, 'occupancy', 'percent');
      expect(row.occupancy as number).toBeCloseTo(sum(occupancy) / occupancy.length, 9);
      // Transfers only: agent_13 holds the agent's conferences too.
      const made = transfers.filter((t) => t.agent_id === row.agent_id && t.type_interaction === 'transfer');
      expect(row.transfers).toBe(made.length);
    }
    // The inner join's row count is the plain nested-loop count.
    const joined = await query(
      [
        { report: 'agent_1', ...WEEK },
        { report: 'agent_13', ...WEEK },
      ],
      'SELECT count(*) AS n FROM agent_1 JOIN agent_13 USING (agent_id)',
    );
    const pairs = sum(agents.map((agent) => transfers.filter((t) => t.agent_id === agent.agent_id).length));
    expect(joined.rows[0]!.n).toBe(pairs);
  });

  it('a timestamp column orders and filters as time; the raw string stays reachable', async () => {
    const rows = await raw('agent_13');
    const answer = await query(
      [{ report: 'agent_13', ...WEEK }],
      "SELECT count(*) AS n, min(date) AS first, min(date_raw) AS first_raw FROM agent_13 WHERE date >= TIMESTAMP '2025-01-29 12:00:00'",
    );
    const later = rows.filter((row) => String(row.date) >= '2025-01-29 12:00:00');
    const first = later.map((row) => String(row.date)).sort()[0];
    expect(answer.rows[0]).toEqual({ n: later.length, first, first_raw: first });
  });

  it('the agent_handling_review prompt asks one query_reports call, whose figures are exact', async () => {
    const prompt = await mcp.getPrompt({
      name: 'agent_handling_review',
      arguments: { from: WEEK.from, to: WEEK.to },
    });
    const text = (prompt.messages[0]!.content as { text: string }).text;
    const args = JSON.parse(/query_reports with (\{.*\}): /.exec(text)![1]!) as Record<string, unknown>;
    const result = await mcp.callTool({ name: 'query_reports', arguments: args });
    const answer = structured(result) as { rows: Row[]; totals: { rows: number } };
    const [agents, transfers] = await Promise.all([raw('agent_1'), raw('agent_13')]);
    expect(answer.totals.rows).toBe(Math.min(25, new Set(agents.map((row) => row.agent_id)).size));
    for (const row of answer.rows) {
      // Transfers only, conferences left out.
      const made = transfers.filter((t) => t.agent_id === row.agent_id && t.type_interaction === 'transfer');
      expect(row.transfers).toBe(made.length);
      const mine = agents.filter((agent) => agent.agent_id === row.agent_id);
      const calls = sum(numbers(mine, 'calls', 'count'));
      expect(row.calls).toBe(calls);
      const weighted = sum(
        mine.map(
          (agent) =>
            (readWireNumber(agent.aht, 'duration') ?? 0) * (readWireNumber(agent.calls, 'count') ?? 0),
        ),
      );
      expect(row.aht_s).toBe(calls ? Math.round(weighted / calls) : null);
    }
  });

  it('a table holds every column whenever a statement may read them all', async () => {
    const rows = await raw('agent_13');
    const star = await query(
      [{ report: 'agent_13', ...WEEK }],
      'SELECT * FROM agent_13 ORDER BY conn_id LIMIT 1',
    );
    const columns = (star as unknown as { columns: { name: string }[] }).columns.map((column) => column.name);
    expect(columns).toEqual(reportTable(getReport('agent_13')!).columns.map((column) => column.name));
    const whole = await query([{ report: 'agent_13', ...WEEK }], 'SELECT t AS row FROM agent_13 t LIMIT 1');
    expect(Object.keys(whole.rows[0]!.row as object)).toEqual(columns);
    const counted = await query([{ report: 'agent_13', ...WEEK }], 'SELECT count(*) AS n FROM agent_13');
    expect(counted.rows[0]!.n).toBe(rows.length);
  });

  it('a column the statement names wrongly is told against the whole table', async () => {
    const result = await mcp.callTool({
      name: 'query_reports',
      arguments: { fetches: [{ report: 'agent_13', ...WEEK }], sql: 'SELECT agent_nam FROM agent_13' },
    });
    expect(result.isError).toBe(true);
    // The candidates DuckDB names come from the whole table, not only the columns the statement named.
    expect(textOf(result)).toMatch(/Binder Error: Referenced column "agent_nam" not found[\s\S]*agent_name/);
  });

  it('agent_5: a nested list is a JSON column, unnested to its items', async () => {
    const rows = await raw('agent_5', { from: '2025-01-27', to: '2025-01-27' });
    const answer = await query(
      [{ report: 'agent_5', from: '2025-01-27' }],
      "SELECT agent_id, json_array_length(status_x_hour) AS hours, sum(CAST(h->>'calls' AS BIGINT)) AS calls " +
        'FROM agent_5, unnest(from_json(status_x_hour, \'["JSON"]\')) AS u(h) GROUP BY ALL ORDER BY agent_id',
    );
    const expected = rows
      .filter((row) => (row.status_x_hour as unknown[]).length > 0)
      .map((row) => {
        const hours = row.status_x_hour as Row[];
        return { agent_id: row.agent_id, hours: hours.length, calls: sum(numbers(hours, 'calls', 'count')) };
      })
      .sort((a, b) => String(a.agent_id).localeCompare(String(b.agent_id)));
    expect(expected.length).toBeGreaterThan(0);
    expect(answer.rows).toEqual(expected);
  });
});
