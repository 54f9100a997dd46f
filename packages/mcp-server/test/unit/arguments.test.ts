/**
 * Argument checking: every problem names the argument and says what to send instead.
 */
import { getReport } from '@wolkvox-mcp/contracts';
import { describe, expect, it } from 'vitest';
import { encodeCursor } from '../../src/answers/cursor.js';
import { parseReportCall } from '../../src/tools/arguments.js';
import { parseWindowEdge } from '../../src/tools/dates.js';
import type { Problem } from '../../src/tools/types.js';

const act3 = getReport('act_3')!;
const campaign7 = getReport('campaign_7')!;
const realtime = getReport('calls_last_10')!;

function problems(result: ReturnType<typeof parseReportCall>): Problem[] {
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

describe('parseWindowEdge', () => {
  it('reads dates, date-times, a space for T and offsets', () => {
    expect(parseWindowEdge('2025-02-03')).toMatchObject({ value: '2025-02-03', dateOnly: true });
    expect(parseWindowEdge('2025-02-03 08:30')).toMatchObject({ value: '2025-02-03T08:30', dateOnly: false });
    expect(parseWindowEdge('2025-02-03T08:30:00-05:00')).toMatchObject({
      instant: Date.parse('2025-02-03T13:30:00Z'),
    });
  });

  it('refuses other formats and impossible dates, naming the format', () => {
    expect(parseWindowEdge('03/02/2025')).toMatch(/ISO-8601 date like 2025-02-03/);
    expect(parseWindowEdge('20250203000000')).toMatch(/ISO-8601/);
    expect(parseWindowEdge('2025-02-30')).toMatch(/not a real calendar date/);
    expect(parseWindowEdge('2025-02-03T24:00')).toMatch(/not a real calendar date/);
  });

  it("reads today, yesterday and today-N as days of the tenant's calendar, across month ends", () => {
    const today = () => '2025-03-01';
    expect(parseWindowEdge('yesterday', today)).toMatchObject({ value: '2025-02-28', dateOnly: true });
    expect(parseWindowEdge(' TODAY ', today)).toMatchObject({ value: '2025-03-01', dateOnly: true });
    expect(parseWindowEdge('today-7', today)).toMatchObject({ value: '2025-02-22' });
    expect(parseWindowEdge('yesterday - 1', today)).toMatchObject({ value: '2025-02-27' });
    expect(parseWindowEdge('today-367', today)).toMatch(/more than a year/);
    // Without a calendar to read, a relative day is refused rather than guessed.
    expect(parseWindowEdge('yesterday')).toMatch(/ISO-8601/);
  });
});

describe('parseReportCall', () => {
  it('defaults `to` to the end of the day of `from` and the answer controls', () => {
    const parsed = parseReportCall(act3, { from: '2025-02-03' }, 'wolkvox_act_3');
    expect(parsed).toMatchObject({
      ok: true,
      value: { request: { from: '2025-02-03', to: '2025-02-03' }, query: { offset: 0, limit: 20 } },
    });
  });

  it("requires from for windowed reports and the report's required parameters", () => {
    const found = problems(parseReportCall(campaign7, {}, 'wolkvox_campaign_7'));
    expect(found.map((p) => p.field).sort()).toEqual(['campaign_id', 'from']);
    expect(found.find((p) => p.field === 'campaign_id')?.message).toContain('"all"');
  });

  it('names the expected date format', () => {
    const [problem] = problems(parseReportCall(act3, { from: 'yesterday' }, 'wolkvox_act_3'));
    expect(problem).toMatchObject({ field: 'from' });
    expect(problem!.message).toContain('2025-02-03');
  });

  it('refuses a window that ends before it starts, or spans more than a year', () => {
    expect(problems(parseReportCall(act3, { from: '2025-02-03', to: '2025-02-01' }, 't'))[0]?.field).toBe(
      'to',
    );
    expect(
      problems(parseReportCall(act3, { from: '2023-01-01', to: '2025-01-01' }, 't'))[0]?.message,
    ).toContain('narrow');
  });

  it('lists the valid columns for an unknown field, filter or group_by', () => {
    const found = problems(
      parseReportCall(
        act3,
        { from: '2025-02-03', fields: ['agent'], filter: { nope: 'x' }, group_by: ['who'] },
        't',
      ),
    );
    expect(found.map((p) => p.field)).toEqual(['fields', 'filter.nope', 'group_by']);
    for (const problem of found) expect(problem.message).toContain('agent_name');
  });

  it('checks the report parameters with their own rules', () => {
    const [problem] = problems(parseReportCall(act3, { from: '2025-02-03', cod_act: 'cod_act9' }, 't'));
    expect(problem).toMatchObject({ field: 'cod_act' });
    expect(problem!.message).toContain('cod_act1');
  });

  it('refuses unknown arguments, naming the ones the tool takes', () => {
    const [problem] = problems(parseReportCall(act3, { from: '2025-02-03', date: 'x' }, 'wolkvox_act_3'));
    expect(problem).toMatchObject({ field: 'date' });
    expect(problem!.message).toContain('from, to, cod_act, limit');
  });

  it('refuses a window for a real-time report', () => {
    expect(problems(parseReportCall(realtime, { from: '2025-02-03' }, 't'))[0]?.message).toContain(
      'takes no window',
    );
  });

  it('bounds limit and offset', () => {
    const found = problems(parseReportCall(act3, { from: '2025-02-03', limit: 501, offset: -1 }, 't'));
    expect(found.map((p) => p.field)).toEqual(['limit', 'offset']);
  });

  it('lets a cursor fix the query, allowing only a new limit', () => {
    const cursor = encodeCursor({
      report: 'act_3',
      request: { from: '2025-02-03', to: '2025-02-05' },
      offset: 40,
      limit: 20,
      groupBy: ['agent_name'],
      fetchedAt: 1,
    });
    const parsed = parseReportCall(act3, { cursor, from: '2025-02-03', limit: 50 }, 't');
    expect(parsed).toMatchObject({
      ok: true,
      value: {
        request: { from: '2025-02-03', to: '2025-02-05' },
        query: { offset: 40, limit: 50, groupBy: ['agent_name'] },
      },
    });
    expect(problems(parseReportCall(act3, { cursor, from: '2025-02-04' }, 't'))[0]?.field).toBe('from');
    expect(problems(parseReportCall(campaign7, { cursor }, 't'))[0]?.message).toContain('pages report act_3');
    expect(problems(parseReportCall(act3, { cursor: 'garbage' }, 't'))[0]?.field).toBe('cursor');
  });
});
