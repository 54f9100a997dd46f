import { describe, expect, it } from 'vitest';
import { checkRequest, describeProblems, getReport, windowTooLongOf } from '../src/index.js';

const act3 = getReport('act_3')!;
const campaign7 = getReport('campaign_7')!;
const calls = getReport('calls_last_10')!;

function problems(report: typeof act3, query: Record<string, unknown>) {
  const check = checkRequest(report, query);
  if (check.ok) throw new Error(`expected ${JSON.stringify(query)} to be rejected`);
  return describeProblems(check.problems);
}

describe('request parameters', () => {
  const window = { date_ini: '20250201000000', date_end: '20250228235959' };

  it('accepts a valid window and optional filter', () => {
    expect(checkRequest(act3, window)).toEqual({ ok: true, params: window });
    expect(checkRequest(act3, { ...window, cod_act: 'cod_act2' }).ok).toBe(true);
  });

  it('accepts all in any case for a campaign or skill, as wolkvox does', () => {
    for (const all of ['all', 'ALL', 'All']) {
      expect(checkRequest(campaign7, { ...window, campaign_id: all }).ok, all).toBe(true);
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
    expect(checkRequest(act3, { date_ini: '20240229000000', date_end: '20240301000000' }).ok).toBe(true);
  });

  it('rejects malformed dates naming the format', () => {
    expect(problems(act3, { ...window, date_ini: '2025-02-01' })).toBe(
      'date_ini: expected YYYYmmddHHiiss (14 digits, e.g. 20250201000000)',
    );
  });

  it('rejects a reversed window on date_end', () => {
    expect(problems(act3, { date_ini: '20250210000000', date_end: '20250201000000' })).toBe(
      'date_end: must not be before date_ini',
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

  it('rejects a parameter given twice', () => {
    expect(problems(act3, { ...window, cod_act: ['cod_act1', 'cod_act2'] })).toBe(
      'cod_act: was given more than once',
    );
  });

  it('real-time reports take no window', () => {
    expect(calls.window).toBeNull();
    expect(checkRequest(calls, {})).toEqual({ ok: true, params: {} });
  });

  it("refuses a window past the report's maximum, to the second, with a recognisable issue", () => {
    const exactly31Days = { date_ini: '20250101000000', date_end: '20250201000000', cod_act: 'cod_act1' };
    expect(checkRequest(act3, exactly31Days).ok).toBe(true);
    const parsed = act3.requestSchema.safeParse({ ...exactly31Days, date_end: '20250201000001' });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map(windowTooLongOf)).toContainEqual(
      expect.objectContaining({ maxDays: 31 }),
    );
  });
});
