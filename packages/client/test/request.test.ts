import { type CalendarContext, formatTimestamp } from '@wolkvox-mcp/contracts';
import { describe, expect, it } from 'vitest';
import { WolkvoxRequestError } from '../src/errors.js';
import { planChecked, planReport } from '../src/request.js';

const BOGOTA: CalendarContext = { timeZone: 'America/Bogota' };

function problems(id: string, request: unknown): Record<string, string> {
  try {
    planReport(id, request, BOGOTA);
  } catch (error) {
    expect(error).toBeInstanceOf(WolkvoxRequestError);
    return Object.fromEntries((error as WolkvoxRequestError).problems.map((p) => [p.field, p.rule]));
  }
  throw new Error('expected a WolkvoxRequestError');
}

/** The planned window as `from .. to` tenant wall time. */
function window(request: Record<string, unknown>, calendar = BOGOTA): string {
  const planned = planReport('act_3', request, calendar).window!;
  return `${formatTimestamp(planned.start)} .. ${formatTimestamp(planned.end)}`;
}

describe('planReport', () => {
  it('plans a windowed report: the whole window and the report’s own parameters', () => {
    const plan = planReport('act_3', { from: '2025-01-01', to: '2025-03-31', cod_act: 'cod_act1' }, BOGOTA);
    expect(plan.report.id).toBe('act_3');
    expect(plan.params).toEqual({ cod_act: 'cod_act1' });
    expect(plan.window!.end - plan.window!.start).toBe((89 * 86_400 + 86_399) * 1000);
  });

  it('plans a real-time report without a window', () => {
    const plan = planReport('calls_last_10', {}, BOGOTA);
    expect(plan.window).toBeNull();
    expect(plan.params).toEqual({});
  });

  it('reads dates with the contracts grammar: a bare date is the day, to defaults to the end of from’s day', () => {
    expect(window({ from: '2025-02-28' })).toBe('2025-02-28 00:00:00 .. 2025-02-28 23:59:59');
    expect(window({ from: '2025-02-01t08:30:15.999', to: '2025-02-01 09:00' })).toBe(
      '2025-02-01 08:30:15 .. 2025-02-01 09:00:00',
    );
    expect(window({ from: '20250201000000', to: '20250201235959' })).toBe(
      '2025-02-01 00:00:00 .. 2025-02-01 23:59:59',
    );
  });

  it('reads Z, offsets and Dates as instants, shown on the tenant clock', () => {
    expect(window({ from: '2025-02-01T05:00:00Z', to: '2025-02-01T10:00:00.750-0300' })).toBe(
      '2025-02-01 00:00:00 .. 2025-02-01 08:00:00',
    );
    expect(
      window({ from: '2025-02-01T05:00:00Z', to: '2025-02-01T06:00:00Z' }, { timeZone: 'Asia/Tokyo' }),
    ).toBe('2025-02-01 14:00:00 .. 2025-02-01 15:00:00');
    expect(window({ from: new Date('2025-03-10T17:45:30.900Z'), to: new Date('2025-03-10T18:00:00Z') })).toBe(
      '2025-03-10 12:45:30 .. 2025-03-10 13:00:00',
    );
  });

  it('resolves relative days on the tenant calendar of the given clock', () => {
    const now = () => Date.parse('2025-03-01T03:00:00Z'); // still 28 February in Bogota
    expect(window({ from: 'yesterday' }, { ...BOGOTA, now })).toBe(
      '2025-02-27 00:00:00 .. 2025-02-27 23:59:59',
    );
  });

  it('names an unknown report and lists the known ones', () => {
    expect(problems('act_99', {}).report).toMatch(/not a known report.*act_3/);
  });

  it('requires from for windowed reports', () => {
    expect(problems('act_3', {})).toEqual({ from: expect.stringContaining('is required') });
  });

  it('names a window in the wrong order by to', () => {
    expect(problems('act_3', { from: '2025-02-01', to: '2025-01-01' })).toEqual({
      to: 'must not be before from (2025-02-01 00:00:00)',
    });
  });

  it('checks parameters with the report’s rules, and names misspelt ones', () => {
    const found = problems('act_3', {
      from: '2025-01-01',
      to: '2025-01-02',
      cod_act: 'cod_act9',
      cod_ac: 'x',
    });
    expect(found.cod_act).toMatch(/cod_act1/);
    expect(found.cod_ac).toMatch(/not a parameter of act_3.*cod_act/);
  });

  it('reports a required parameter and a bad date together', () => {
    const found = problems('campaign_7', { from: '2025-13-01', to: '2025-01-02' });
    expect(Object.keys(found).sort()).toEqual(['campaign_id', 'from']);
    expect(found.campaign_id).toMatch(/^is required/);
  });

  it('refuses a window on a real-time report', () => {
    expect(problems('calls_last_10', { from: '2025-01-01' })).toEqual({
      from: expect.stringContaining('no window'),
    });
  });

  it('refuses what is not a real date, naming from or to', () => {
    expect(problems('act_3', { from: '2025-02-30' })).toHaveProperty('from');
    expect(problems('act_3', { from: '2025-02-01', to: '2025-02-01T24:00:00' })).toHaveProperty('to');
    expect(problems('act_3', { from: new Date(Number.NaN) })).toHaveProperty('from');
    expect(problems('act_3', { from: 20250201 })).toEqual({ from: 'expected a string' });
    expect(problems('act_3', { from: new Date('1960-01-01T12:00:00Z'), to: '2025-01-01' })).toHaveProperty(
      'from',
    );
  });
});

describe('planChecked', () => {
  const day = { start: Date.UTC(2025, 1, 3), end: Date.UTC(2025, 1, 3, 23, 59, 59) };

  function refused(id: string, request: unknown): Record<string, string> {
    try {
      planChecked(id, request as never);
    } catch (error) {
      expect(error).toBeInstanceOf(WolkvoxRequestError);
      return Object.fromEntries((error as WolkvoxRequestError).problems.map((p) => [p.field, p.rule]));
    }
    throw new Error('expected a WolkvoxRequestError');
  }

  it('takes a checked request as it is', () => {
    const plan = planChecked('act_3', { window: day, params: { cod_act: 'cod_act1' } });
    expect(plan).toMatchObject({ window: day, params: { cod_act: 'cod_act1' } });
    expect(plan.report.id).toBe('act_3');
    expect(planChecked('calls_last_10', { window: null, params: {} }).window).toBeNull();
  });

  it('refuses what the type cannot promise, before anything is sent', () => {
    expect(refused('act_99', { window: day, params: {} }).report).toMatch(/not a known report/);
    expect(refused('act_3', { window: null, params: {} })).toEqual({
      window: 'is required: act_3 is windowed',
    });
    expect(refused('calls_last_10', { window: day, params: {} }).window).toMatch(/must be null/);
    expect(refused('act_3', { window: { start: day.end, end: day.start }, params: {} })).toEqual({
      window: 'must not end before it starts',
    });
    expect(refused('act_3', { window: { start: day.start + 1, end: day.end }, params: {} }).window).toMatch(
      /whole seconds/,
    );
    expect(refused('act_3', { window: day, params: { cod: 'x', cod_act: 1 } })).toEqual({
      'params.cod': 'is not a parameter of act_3',
      'params.cod_act': 'must be text',
    });
  });
});
