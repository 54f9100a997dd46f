/**
 * Twelve questions a contact-center manager asks, put to the server as an assistant would (one to three calls
 * each, through the SDK client), on a frozen clock: Wednesday 5 February 2025, 10:00 in Bogota, so "yesterday" is
 * a working Tuesday whatever day the suite runs. Every figure an answer gives is checked against the raw rows the
 * client fetches for the same window, so an answer that is plausible but wrong fails.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getReport, readWireNumber } from '@wolkvox-mcp/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmulatedSession, emulatedSession, structured, textOf } from '../helpers.js';

type Row = Record<string, string>;
type Content = { type: string; text?: string; data?: string; mimeType?: string; uri?: string }[];

const YESTERDAY = { from: '2025-02-04', to: '2025-02-04' };
const LAST_WEEK = { from: '2025-01-27', to: '2025-02-02' };
const THIS_WEEK = { from: '2025-02-03', to: '2025-02-05' };

const exportsRoot = mkdtempSync(join(tmpdir(), 'wolkvox-manager-'));
let session: EmulatedSession;
beforeAll(async () => {
  session = await emulatedSession({
    emulator: { now: '2025-02-05T15:00:00Z' },
    frozen: true,
    exports: { root: exportsRoot, scope: 'manager' },
  });
});
afterAll(async () => {
  await session?.close();
  rmSync(exportsRoot, { recursive: true, force: true });
});

async function call(name: string, args: Record<string, unknown>) {
  const result = await session.client.callTool({ name, arguments: args });
  expect((result as { isError?: boolean }).isError, textOf(result)).toBeFalsy();
  return result;
}

const raw = async (id: string, request: Record<string, string>) =>
  (await session.wolkvox.reportById(id, request as never, {})).rows as Row[];

const contentOf = (result: unknown, type: string) =>
  ((result as { content: Content }).content ?? []).filter((item) => item.type === type);

const number = (row: Row, field: string, report: string) =>
  readWireNumber(row[field], getReport(report)!.fields[field]!.kind) ?? 0;

/** Rows counted by a column's value. */
function countBy(rows: readonly Row[], column: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row[column]!, (counts.get(row[column]!) ?? 0) + 1);
  return counts;
}

describe("a manager's twelve questions", () => {
  it('1. how did the IVR do yesterday by hour? every hour, drawn as bars', async () => {
    const result = await call('run_report', {
      report: 'diagram_1_2',
      from: 'yesterday',
      chart: { kind: 'bar' },
    });
    const rows = await raw('diagram_1_2', YESTERDAY);
    expect(structured(result).totals.rows).toBe(rows.length);
    expect(contentOf(result, 'image')).toHaveLength(1);
    const drawn = structured(result).chart.spec.data.values as { calls: number }[];
    expect(drawn.reduce((sum, mark) => sum + mark.calls, 0)).toBe(
      rows.reduce((sum, row) => sum + number(row, 'calls', 'diagram_1_2'), 0),
    );
  });

  it('2. which report has abandoned calls by hour? found first, then read for yesterday', async () => {
    const found = structured(await call('list_reports', { query: 'abandoned calls by hour' }));
    const ids = (found.reports as { id: string }[]).slice(0, 3).map((report) => report.id);
    expect(ids).toContain('skill_4');
    const result = await call('run_report', {
      report: 'skill_4',
      from: 'yesterday',
      params: { skill_id: 'all' },
      aggregate: { sum: ['abandon_calls', 'inbound_calls'] },
    });
    const rows = await raw('skill_4', { ...YESTERDAY, skill_id: 'all' });
    const [totals] = structured(result).rows as Record<string, number>[];
    expect(totals!.sum_abandon_calls).toBe(
      rows.reduce((sum, row) => sum + number(row, 'abandon_calls', 'skill_4'), 0),
    );
    expect(totals!.sum_inbound_calls).toBe(
      rows.reduce((sum, row) => sum + number(row, 'inbound_calls', 'skill_4'), 0),
    );
  });

  it('3. this week against last week: calls per weekday, one query, drawn as lines', async () => {
    const result = await call('query_reports', {
      fetches: [
        { report: 'cdr_1', ...LAST_WEEK, as: 'last' },
        { report: 'cdr_1', ...THIS_WEEK, as: 'this' },
      ],
      sql:
        "SELECT isodow(date) AS weekday, 'last week' AS week, count(*) AS calls FROM last GROUP BY 1 " +
        "UNION ALL SELECT isodow(date), 'this week', count(*) FROM this GROUP BY 1 ORDER BY week, weekday",
      chart: { kind: 'line', x: 'weekday', y: 'calls', series: 'week' },
    });
    const [last, now] = await Promise.all([raw('cdr_1', LAST_WEEK), raw('cdr_1', THIS_WEEK)]);
    const rows = structured(result).rows as { weekday: number; week: string; calls: number }[];
    expect(rows.filter((row) => row.week === 'last week').reduce((sum, row) => sum + row.calls, 0)).toBe(
      last.length,
    );
    expect(rows.filter((row) => row.week === 'this week').reduce((sum, row) => sum + row.calls, 0)).toBe(
      now.length,
    );
    expect(contentOf(result, 'image')).toHaveLength(1);
  });

  it('4. who took the most calls last week? the top one, and every agent tied with them named', async () => {
    const result = await call('run_report', {
      report: 'agent_1',
      ...LAST_WEEK,
      group_by: ['agent_name'],
      fields: ['calls'],
      order_by: ['sum_calls desc'],
      top: 1,
    });
    const rows = await raw('agent_1', LAST_WEEK);
    const calls = new Map<string, number>();
    for (const row of rows)
      calls.set(row.agent_name!, (calls.get(row.agent_name!) ?? 0) + number(row, 'calls', 'agent_1'));
    const best = Math.max(...calls.values());
    const tied = [...calls.values()].filter((value) => value === best).length;
    const answer = structured(result);
    expect(answer.rows[0].sum_calls).toBe(best);
    if (tied > 1) {
      expect(answer.totals.tied_at_top).toEqual({ tied, shown: 1 });
      expect(textOf(result)).toContain(`${tied} groups tie at sum_calls ${best} at the top cut`);
    } else expect(answer.totals.tied_at_top).toBeUndefined();
  });

  it("5. export yesterday's CDR as CSV: one call, a file of every row", async () => {
    const result = await call('run_report', { report: 'cdr_1', from: 'yesterday', format: 'csv' });
    const [link] = contentOf(result, 'resource_link');
    const read = await session.client.readResource({ uri: link!.uri! });
    const text = (read.contents[0] as { text: string }).text;
    const rows = await raw('cdr_1', YESTERDAY);
    expect(text.trimEnd().split(/\r?\n/)).toHaveLength(rows.length + 1);
    expect(textOf(result).length).toBeLessThan(5_000);
  });

  it('6. which agents transfer most? transfers only, counted exactly, conferences left out', async () => {
    const result = await call('run_report', {
      report: 'agent_13',
      ...LAST_WEEK,
      filter: { type_interaction: 'transfer' },
      group_by: ['agent_name'],
      order_by: ['count desc', 'agent_name'],
      top: 5,
    });
    const rows = (await raw('agent_13', LAST_WEEK)).filter((row) => row.type_interaction === 'transfer');
    const counts = countBy(rows, 'agent_name');
    for (const row of structured(result).rows as { agent_name: string; count: number }[]) {
      expect(row.count).toBe(counts.get(row.agent_name));
    }
    expect(structured(result).totals.matched).toBe(rows.length);
  });

  it('7. what happened in the last 10 minutes? the current state, saying how old it is', async () => {
    const result = await call('run_report', { report: 'calls_last_10' });
    expect(textOf(result)).toMatch(/Current state as of \d\d:\d\d:\d\d \(America\/Bogota\)/);
    expect(structured(result).age_seconds).toBeGreaterThanOrEqual(0);
  });

  it('8. who was over 85 % occupancy yesterday? when nobody was, the nearest values are named', async () => {
    const rows = await raw('agent_1', YESTERDAY);
    const occupancy = rows.map((row) => number(row, 'occupancy', 'agent_1'));
    const highest = Math.max(...occupancy);
    // Above everyone, so the filter matches nothing whatever the day held.
    const result = await call('run_report', {
      report: 'agent_1',
      from: 'yesterday',
      filter: { occupancy: { '>': Math.ceil(highest) + 1 } },
    });
    expect(structured(result).totals.matched).toBe(0);
    const note = (structured(result).notes as string[]).find((text) => text.includes('nearest it'))!;
    const first = rows.find((row) => number(row, 'occupancy', 'agent_1') === highest)!.occupancy!;
    expect(note).toContain(`the values nearest it: ${JSON.stringify(first)}`);
  });

  it('9. average chat duration per channel yesterday, with a word when a few long chats pull it up', async () => {
    const result = await call('run_report', {
      report: 'chat_1',
      from: 'yesterday',
      group_by: ['channel'],
      aggregate: { avg: ['chat_duration'] },
    });
    const rows = await raw('chat_1', YESTERDAY);
    for (const group of structured(result).rows as { channel: string; avg_chat_duration: number }[]) {
      const mine = rows.filter((row) => row.channel === group.channel);
      const seconds = mine.map((row) => number(row, 'chat_duration', 'chat_1'));
      expect(group.avg_chat_duration).toBeCloseTo(seconds.reduce((a, b) => a + b, 0) / seconds.length, 5);
    }
    // The note is there exactly when some channel's mean is over twice its median with a value past ten medians.
    const skewed = [...countBy(rows, 'channel').keys()].some((channel) => {
      const values = rows
        .filter((row) => row.channel === channel)
        .map((row) => number(row, 'chat_duration', 'chat_1'))
        .sort((a, b) => a - b);
      if (values.length < 5) return false;
      const middle =
        values.length % 2
          ? values[values.length >> 1]!
          : (values[values.length / 2 - 1]! + values[values.length / 2]!) / 2;
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      return middle > 0 && mean > 2 * middle && values.some((value) => value > 10 * middle);
    });
    expect(textOf(result).includes('is pulled up by a few far values')).toBe(skewed);
  });

  it('10. where is the average handle time per agent? the agents report first, with why', async () => {
    const found = structured(await call('list_reports', { query: 'average handle time agent' }));
    expect(found.reports[0].id).toBe('agent_1');
    expect(found.reports[0].matched.length).toBeGreaterThan(0);
    const named = await call('run_report', {
      report: 'AGENT_1',
      from: 'yesterday',
      fields: ['agent_name', 'aht'],
    });
    expect(structured(named).report).toBe('agent_1');
  });

  it('11. the ten numbers that called most yesterday: a tie at the cut is counted, not hidden', async () => {
    const result = await call('run_report', {
      report: 'cdr_1',
      from: 'yesterday',
      group_by: ['telephone'],
      fields: [],
      top: 10,
    });
    const counts = [...countBy(await raw('cdr_1', YESTERDAY), 'telephone').values()].sort((a, b) => b - a);
    const answer = structured(result);
    expect((answer.rows as { count: number }[]).map((row) => row.count)).toEqual(counts.slice(0, 10));
    expect(answer.columns).toEqual(['telephone', 'count']);
    const cut = counts[9]!;
    const tied = counts.filter((count) => count === cut).length;
    const shown = counts.slice(0, 10).filter((count) => count === cut).length;
    if (counts.length > 10 && counts[10] === cut) expect(answer.totals.tied_at_top).toEqual({ tied, shown });
    else expect(answer.totals.tied_at_top).toBeUndefined();
  });

  it('12. calls and time per agent last week: sums of what adds up, never of occupancy or AHT', async () => {
    const result = await call('run_report', { report: 'agent_1', ...LAST_WEEK, group_by: ['agent_name'] });
    const columns = structured(result).columns as string[];
    expect(columns).toContain('sum_calls');
    expect(columns).toContain('sum_login_time_seconds');
    expect(columns.filter((column) => /occupancy|aht/.test(column))).toEqual([]);
    const refused = await session.client.callTool({
      name: 'run_report',
      arguments: {
        report: 'agent_1',
        ...LAST_WEEK,
        group_by: ['agent_name'],
        aggregate: { sum: ['occupancy'] },
      },
    });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toContain(
      'aggregate.sum.0: sum adds up counts, durations and costs; this one is a percentage: use avg',
    );
  });
});

describe('the daily operation summary prompt, as an assistant follows it', () => {
  it("asks calls that all answer: the IVR hours drawn, the day's calls handed over as a spreadsheet", async () => {
    const prompt = await session.client.getPrompt({
      name: 'daily_operation_summary',
      arguments: { date: 'yesterday' },
    });
    const text = (prompt.messages[0]!.content as { text: string }).text;
    const steps = [...text.matchAll(/^\d+\. (\S+) with (\{.*\}): /gm)].map((match) => ({
      name: match[1]!,
      args: JSON.parse(match[2]!) as Record<string, unknown>,
    }));
    expect(steps.length).toBeGreaterThanOrEqual(5);
    let images = 0;
    let files = 0;
    for (const step of steps) {
      const result = await call(step.name, step.args);
      images += contentOf(result, 'image').length;
      files += contentOf(result, 'resource_link').length;
    }
    expect(images).toBe(1);
    expect(files).toBe(1);
  });
});
