/**
 * The answer controls as an assistant uses them, through the SDK client against the emulator, each answer checked
 * against a plain computation over the raw rows the client fetches for the same window: counts, sums, averages,
 * minimums and maximums by group, order and top-N, every filter operator, case-insensitive text, the hint of a
 * filter that matches nothing; the 50,000-character bound, a day by hour in one call, cursors that carry the
 * controls, and the refusals that name the field and the rule.
 */
import type { Client } from '@modelcontextprotocol/client';
import type { WolkvoxClient } from '@wolkvox-mcp/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_REPLY_CHARS } from '../../src/results/budget.js';
import { type EmulatedSession, emulatedSession, structured, textOf } from '../helpers.js';

type Row = Record<string, string>;

let session: EmulatedSession;
let wolkvox: WolkvoxClient;
let client: Client;

beforeAll(async () => {
  // Wednesday 5 February 2025, 10:00 in Bogota; frozen, so relative dates and ages do not move under the test.
  session = await emulatedSession({ emulator: { now: '2025-02-05T15:00:00Z' }, frozen: true });
  ({ wolkvox, client } = session);
});

afterAll(() => session?.close());

async function call(name: string, args: Record<string, unknown>) {
  return client.callTool({ name, arguments: args });
}

async function run(args: Record<string, unknown>) {
  return structured(await call('run_report', args));
}

/** The rows the client fetches for the same request: what the plain computations read. */
async function raw(id: string, request: Record<string, string>): Promise<Row[]> {
  return (await wolkvox.reportById(id, request as never, {})).rows as Row[];
}

// Plain readings, written here rather than imported, so that the check does not share the code it checks.
const seconds = (text: string) => {
  const [h, m, s] = text.split(':').map(Number);
  return h! * 3600 + m! * 60 + s!;
};
const lower = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
const round = (value: number) => Math.round(value * 1e6) / 1e6;

function byKey<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return groups;
}

describe('group_by and aggregate, checked against the raw rows', () => {
  it('count, avg, min, max and sum per group (chat_1, one day)', async () => {
    const rows = await raw('chat_1', { from: '2025-02-03' });
    const answer = await run({
      report: 'chat_1',
      from: '2025-02-03',
      group_by: ['agent_name'],
      aggregate: {
        avg: ['chat_duration', 'time_on_agent'],
        min: ['chat_duration'],
        max: ['chat_duration', 'date'],
        sum: ['agent_chars'],
      },
      limit: 500,
    });
    expect(answer.columns).toEqual([
      'agent_name',
      'count',
      'sum_agent_chars',
      'avg_chat_duration',
      'avg_time_on_agent_seconds',
      'min_chat_duration',
      'max_chat_duration',
      'max_date',
    ]);
    const groups = byKey(rows, (row) => row.agent_name!);
    expect(answer.totals).toMatchObject({ rows: rows.length, matched: rows.length, groups: groups.size });
    expect(answer.rows).toHaveLength(groups.size);
    for (const got of answer.rows as Record<string, unknown>[]) {
      const members = groups.get(got.agent_name as string)!;
      const durations = members.map((row) => Number(row.chat_duration));
      expect(got).toEqual({
        agent_name: got.agent_name,
        count: members.length,
        sum_agent_chars: members.reduce((sum, row) => sum + Number(row.agent_chars), 0),
        avg_chat_duration: round(durations.reduce((a, b) => a + b, 0) / durations.length),
        avg_time_on_agent_seconds: round(
          members.reduce((sum, row) => sum + seconds(row.time_on_agent!), 0) / members.length,
        ),
        min_chat_duration: Math.min(...durations),
        max_chat_duration: Math.max(...durations),
        max_date: members
          .map((row) => row.date!)
          .sort()
          .at(-1),
      });
    }
  });

  it('aggregate without group_by: one row over every matched row ("average chat duration yesterday?")', async () => {
    const rows = await raw('chat_1', { from: '2025-02-04' });
    const answer = await run({
      report: 'chat_1',
      from: 'yesterday',
      aggregate: { avg: ['chat_duration'], max: ['chat_duration'] },
    });
    const durations = rows.map((row) => Number(row.chat_duration));
    expect(answer.rows).toEqual([
      {
        count: rows.length,
        avg_chat_duration: round(durations.reduce((a, b) => a + b, 0) / durations.length),
        max_chat_duration: Math.max(...durations),
      },
    ]);
  });

  it('the default group_by still counts and sums every numeric field, as numbers', async () => {
    const rows = await raw('agent_13', { from: '2025-02-03', to: '2025-02-04' });
    const answer = await run({
      report: 'agent_13',
      from: '2025-02-03',
      to: '2025-02-04',
      group_by: ['type_interaction'],
    });
    const groups = byKey(rows, (row) => row.type_interaction!);
    for (const got of answer.rows as Record<string, unknown>[]) {
      const members = groups.get(got.type_interaction as string)!;
      expect(got.count).toBe(members.length);
      expect(got.sum_time_seconds).toBe(members.reduce((sum, row) => sum + seconds(row.time!), 0));
    }
  });
});

describe('order_by and top', () => {
  it('"which agents transferred the most?": groups by count, descending, the top 5', async () => {
    const rows = await raw('agent_13', { from: '2025-01-27', to: '2025-02-02' });
    const answer = await run({
      report: 'agent_13',
      from: 'last_week',
      filter: { type_interaction: 'TRANSFER' },
      group_by: ['agent_name'],
      order_by: ['count desc', 'agent_name'],
      top: 5,
    });
    const transfers = rows.filter((row) => row.type_interaction === 'transfer');
    const counts = [...byKey(transfers, (row) => row.agent_name!)].map(([name, members]) => ({
      name,
      count: members.length,
    }));
    expect(answer.totals).toMatchObject({ matched: transfers.length, groups: counts.length, top: 5 });
    const got = (answer.rows as { agent_name: string; count: number }[]).map((row) => row.count);
    const expected = counts.map((c) => c.count).sort((a, b) => b - a);
    expect(got).toEqual(expected.slice(0, 5));
    expect(answer.has_more).toBe(false);
  });

  it('sorts detail rows by a duration as seconds and by a date in time order', async () => {
    const rows = await raw('agent_1', { from: '2025-02-03' });
    const byAht = await run({ report: 'agent_1', from: '2025-02-03', order_by: ['aht desc'], top: 3 });
    const expected = rows
      .map((row) => seconds(row.aht!))
      .sort((a, b) => b - a)
      .slice(0, 3);
    expect((byAht.rows as Row[]).map((row) => seconds(row.aht!))).toEqual(expected);

    const chats = await raw('chat_1', { from: '2025-02-03' });
    const latest = await run({ report: 'chat_1', from: '2025-02-03', order_by: ['date desc'], top: 1 });
    expect((latest.rows as Row[])[0]!.date).toBe(
      chats
        .map((row) => row.date!)
        .sort()
        .at(-1),
    );
  });

  it('pages the ordered result with a cursor that carries every control', async () => {
    const args = {
      report: 'act_3',
      from: '2025-02-03',
      params: { cod_act: 'cod_act1' },
      filter: { type_interaction: { in: ['INBOUND', 'transfer'] } },
      group_by: ['agent_name'],
      aggregate: { avg: ['time'] },
      order_by: ['avg_time_seconds desc'],
      top: 8,
    };
    const whole = await run({ ...args, limit: 8 });
    const first = await run({ ...args, limit: 4 });
    expect(first.has_more).toBe(true);
    const second = await run({ report: 'act_3', cursor: first.next_cursor });
    expect([...first.rows, ...second.rows]).toEqual(whole.rows);
    expect(second.has_more).toBe(false);
    expect(second.totals).toEqual(whole.totals);
  });
});

describe('filter', () => {
  let rows: Row[];
  beforeAll(async () => {
    rows = await raw('act_3', { from: '2025-02-03', cod_act: 'cod_act1' });
  });
  const matched = async (filter: Record<string, unknown>) =>
    (await run({ report: 'act_3', from: '2025-02-03', params: { cod_act: 'cod_act1' }, filter, limit: 1 }))
      .totals.matched as number;

  it('compares text ignoring case and accents: {"type_interaction": "INBOUND"} finds inbound', async () => {
    const inbound = rows.filter((row) => row.type_interaction === 'inbound').length;
    expect(inbound).toBeGreaterThan(0);
    expect(await matched({ type_interaction: 'INBOUND' })).toBe(inbound);
    const name = rows[0]!.agent_name!;
    expect(await matched({ agent_name: lower(name) })).toBe(
      rows.filter((row) => row.agent_name === name).length,
    );
  });

  it('takes each operator, typed by the column', async () => {
    const time = (row: Row) => seconds(row.time!);
    expect(await matched({ time: { '>': 120 } })).toBe(rows.filter((row) => time(row) > 120).length);
    expect(await matched({ time: { '>=': 60, '<': '00:05:00' } })).toBe(
      rows.filter((row) => time(row) >= 60 && time(row) < 300).length,
    );
    expect(await matched({ time: { '<=': '00:01:00' } })).toBe(rows.filter((row) => time(row) <= 60).length);
    expect(await matched({ date: { '>=': '2025-02-03T12:00' } })).toBe(
      rows.filter((row) => row.date! >= '2025-02-03 12:00:00').length,
    );
    expect(await matched({ agent_name: { contains: 'JES' } })).toBe(
      rows.filter((row) => lower(row.agent_name!).includes('jes')).length,
    );
    expect(await matched({ type_interaction: ['Transfer', 'conference'] })).toBe(
      rows.filter((row) => ['transfer', 'conference'].includes(row.type_interaction!)).length,
    );
    expect(await matched({ type_interaction: { in: ['transfer'] }, time: { '>': 30 } })).toBe(
      rows.filter((row) => row.type_interaction === 'transfer' && time(row) > 30).length,
    );
  });

  it('says when a filter matches nothing and names up to 10 values the column holds', async () => {
    const result = await call('run_report', {
      report: 'act_3',
      from: '2025-02-03',
      params: { cod_act: 'cod_act1' },
      filter: { type_interaction: 'inbond' },
    });
    const answer = structured(result);
    expect(answer.totals.matched).toBe(0);
    const note = (answer.notes as string[]).find((n) => n.includes('type_interaction'))!;
    expect(note).toMatch(/No row's type_interaction matches its condition; values it holds: /);
    expect(note).toContain('"inbound"');
    const named = note.match(/"[^"]*"/g)!;
    expect(named.length).toBeLessThanOrEqual(10);
    expect(textOf(result)).toContain('nothing matches the filter');
  });

  it.each([
    [
      { filter: { agent_name: { '>': 5 } } },
      /filter\.agent_name\.>: > compares numbers.*use =, in or contains/,
    ],
    [{ filter: { time: { contains: '01' } } }, /filter\.time\.contains: contains searches text/],
    [{ filter: { time: { '>': 'soon' } } }, /filter\.time\.>: expected seconds .* or HH:MM:SS/],
    [{ filter: { date: { '<': 'someday' } } }, /filter\.date\.<: expected a date or date-time/],
    [
      { filter: { type_interaction: { like: 'in%' } } },
      /filter\.type_interaction\.like: unknown operator; operators: =, >/,
    ],
    [{ filter: { agnt: 'x' } }, /filter\.agnt: unknown column; valid columns: conn_id/],
    [{ filter: { time: { '>': true } } }, /filter\.time\.>: expected text or a number/],
    [{ filter: { type_interaction: [] } }, /filter\.type_interaction: expected a list of 1 to 100 values/],
    [{ order_by: ['count desc'] }, /order_by\.0: unknown column; this answer's columns: conn_id/],
    [{ order_by: ['time sideways'] }, /order_by\.0: expected "<column>", "<column> asc" or "<column> desc"/],
    [
      { group_by: ['agent_name'], order_by: ['time'] },
      /order_by\.0: .*columns: agent_name, count, sum_time_seconds/,
    ],
    [{ aggregate: { avg: ['agent_name'] } }, /aggregate\.avg\.0: avg takes numeric columns/],
    [{ aggregate: { median: ['time'] } }, /aggregate: takes sum, avg, min, max/],
    [{ aggregate: { avg: ['time'] }, fields: ['time'] }, /fields: does not apply with aggregate/],
    [{ top: 0 }, /top: expected a whole number from 1/],
  ])('refuses %j naming the field and the rule', async (controls, rule) => {
    const result = await call('wolkvox_act_3', { from: '2025-02-03', cod_act: 'cod_act1', ...controls });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(rule);
  });
});

describe('answer size', () => {
  it('keeps text plus structured content within 50,000 characters, saying how to get the rest', async () => {
    const result = await call('run_report', {
      report: 'act_3',
      from: '2025-02-03',
      to: '2025-02-07',
      params: { cod_act: 'cod_act1' },
      limit: 500,
    });
    const answer = structured(result);
    const chars = textOf(result).length + JSON.stringify(result.structuredContent).length;
    expect(chars).toBeLessThanOrEqual(MAX_REPLY_CHARS);
    expect(answer.totals.rows).toBeGreaterThan(500);
    expect(answer.shown).toBeGreaterThan(0);
    expect(answer.shown).toBeLessThan(500);
    expect(textOf(result)).toContain(`Only ${answer.shown} of the 500 rows asked for are shown`);
    const next = structured(await call('run_report', { cursor: answer.next_cursor, limit: 500 }));
    expect(next.offset).toBe(answer.shown);
  });

  it('pages by offset when the query is too long to carry in a cursor', async () => {
    const names = Array.from({ length: 99 }, (_, i) => `NO SUCH AGENT ${'X'.repeat(60)} ${i}`);
    const args = {
      report: 'act_3',
      from: '2025-02-03',
      params: { cod_act: 'cod_act1' },
      filter: { type_interaction: { in: ['inbound', ...names] } },
      limit: 2,
    };
    const result = await call('run_report', args);
    const answer = structured(result);
    expect(answer).toMatchObject({ has_more: true, next_offset: 2, next_cursor: null });
    expect(textOf(result)).toContain('the same arguments and offset 2 (this query is too long for a cursor)');
    const next = structured(await call('run_report', { ...args, offset: 2 }));
    expect(next.offset).toBe(2);
    expect(next.totals).toEqual(answer.totals);
  });

  it('answers a day by hour in one call, numbers as JSON numbers', async () => {
    const rows = await raw('diagram_1_2', { from: '2025-02-03' });
    expect(rows.length).toBeGreaterThan(20);
    const answer = await run({ report: 'diagram_1_2', from: '2025-02-03' });
    expect(answer.shown).toBe(rows.length);
    expect(answer.has_more).toBe(false);
    const first = (answer.rows as Record<string, unknown>[])[0]!;
    expect(first.calls).toBe(Number(rows[0]!.calls));
    expect(first.ivr_minutes).toBe(Number(rows[0]!.ivr_minutes));
    // The hour bucket is a date, not a number: it stays as wolkvox sent it.
    expect(first.date).toBe(rows[0]!.date);
  });

  it('takes the ranges people say in prompts too, and their calls run', async () => {
    const prompt = await client.getPrompt({ name: 'transfer_review', arguments: { from: 'last_week' } });
    const text = JSON.stringify(prompt.messages);
    expect(text).toContain('last_week');
    const answer = await run({ report: 'agent_13', from: 'last_week', limit: 1 });
    expect(answer.window).toEqual({ from: '2025-01-27 00:00:00', to: '2025-02-02 23:59:59' });
    const month = await run({ report: 'diagram_1_1', from: 'this_month' });
    expect(month.window).toEqual({ from: '2025-02-01 00:00:00', to: '2025-02-05 23:59:59' });
  });

  it('reads from today-7 without to as the week up to today', async () => {
    const answer = await run({ report: 'diagram_1_1', from: 'today-7' });
    expect(answer.window).toEqual({ from: '2025-01-29 00:00:00', to: '2025-02-05 23:59:59' });
  });
});
