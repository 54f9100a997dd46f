import { describe, expect, it } from 'vitest';
import {
  type AnyReport,
  describeProblems,
  getReport,
  problemsFromIssues,
  windowTooLongOf,
  wireRequestSchema,
} from '../src/index.js';

const act3 = getReport('act_3')!;
const campaign7 = getReport('campaign_7')!;
const calls = getReport('calls_last_10')!;

const check = (report: AnyReport, query: Record<string, string>) => report.requestSchema.safeParse(query);

function problems(report: AnyReport, query: Record<string, string>) {
  const checked = check(report, query);
  if (checked.success) throw new Error(`expected ${JSON.stringify(query)} to be rejected`);
  return describeProblems(problemsFromIssues(checked.error.issues, query));
}

/** A wall time from its parts (naive milliseconds). */
const wall = (...parts: [number, number, number, number?, number?, number?]) =>
  Date.UTC(parts[0], parts[1] - 1, parts[2], parts[3] ?? 0, parts[4] ?? 0, parts[5] ?? 0);

describe('request parameters', () => {
  const window = { date_ini: '20250201000000', date_end: '20250228235959' };

  it('reads a valid window once into wall time, beside the report parameters', () => {
    const february = { start: wall(2025, 2, 1), end: wall(2025, 2, 28, 23, 59, 59) };
    expect(check(act3, window).data).toEqual({ window: february, params: {} });
    expect(check(act3, { ...window, cod_act: 'cod_act2', other: 'x' }).data).toEqual({
      window: february,
      params: { cod_act: 'cod_act2' },
    });
  });

  it('accepts all in any case for a campaign or skill, as wolkvox does', () => {
    for (const all of ['all', 'ALL', 'All']) {
      expect(check(campaign7, { ...window, campaign_id: all }).success, all).toBe(true);
    }
  });

  it('rejects dates that are not real calendar dates', () => {
    expect(problems(act3, { ...window, date_ini: '20250231000000' })).toMatch(
      /^date_ini: not a real calendar date/,
    );
    expect(problems(act3, { ...window, date_end: '20250228240000' })).toMatch(
      /^date_end: not a real calendar/,
    );
    // A real leap day (in a window short enough for one call).
    expect(check(act3, { date_ini: '20240229000000', date_end: '20240301000000' }).success).toBe(true);
  });

  it('rejects malformed dates naming the format', () => {
    expect(problems(act3, { ...window, date_ini: '2025-02-01' })).toBe(
      'date_ini: expected YYYYmmddHHiiss (14 digits, e.g. 20250201000000)',
    );
  });

  it('rejects a reversed window on date_end, even when a date is not real', () => {
    expect(problems(act3, { date_ini: '20250210000000', date_end: '20250201000000' })).toBe(
      'date_end: must not be before date_ini',
    );
    expect(problems(act3, { date_ini: '20250203250000', date_end: '20250203235959' })).toMatch(
      /^date_ini: not a real calendar date.*; date_end: must not be before date_ini$/,
    );
  });

  it('names every missing required parameter', () => {
    expect(problems(campaign7, {})).toBe(
      'date_ini: is required; date_end: is required; campaign_id: is required',
    );
  });

  it('rejects values outside a parameter rule', () => {
    expect(problems(campaign7, { ...window, campaign_id: 'some' })).toBe(
      'campaign_id: expected a numeric id or "all" (any case)',
    );
    expect(problems(campaign7, { ...window, campaign_id: 'alll' })).toMatch(/^campaign_id: /);
    expect(problems(act3, { ...window, cod_act: 'cod_act3' })).toBe(
      'cod_act: expected "cod_act1" or "cod_act2"',
    );
  });

  it('real-time reports take no window', () => {
    expect(calls.window).toBeNull();
    expect(check(calls, { date_ini: '20250201000000' }).data).toEqual({ window: null, params: {} });
  });

  it("refuses a window past the report's maximum, to the second, with a recognisable issue", () => {
    const exactly31Days = { date_ini: '20250101000000', date_end: '20250201000000', cod_act: 'cod_act1' };
    expect(check(act3, exactly31Days).success).toBe(true);
    const parsed = check(act3, { ...exactly31Days, date_end: '20250201000001' });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map(windowTooLongOf)).toContainEqual(
      expect.objectContaining({ maxDays: 31 }),
    );
  });

  it('builds the same check with another limit, or none', () => {
    const eightDays = { date_ini: '20250101000000', date_end: '20250109000000' };
    const week = wireRequestSchema(act3, 7).safeParse(eightDays);
    expect(week.error!.issues.map(windowTooLongOf)).toContainEqual(
      expect.objectContaining({ maxDays: 7, spanMs: 8 * 86_400_000 }),
    );
    const year = { date_ini: '20240101000000', date_end: '20241231235959' };
    expect(wireRequestSchema(act3, Number.POSITIVE_INFINITY).safeParse(year).data?.window).toEqual({
      start: wall(2024, 1, 1),
      end: wall(2024, 12, 31, 23, 59, 59),
    });
  });
});
