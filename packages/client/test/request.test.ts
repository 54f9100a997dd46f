import { describe, expect, it } from 'vitest';
import { WolkvoxRequestError } from '../src/errors.js';
import { planReport } from '../src/request.js';

const ZONE = 'America/Bogota';

function problems(id: string, request: unknown): Record<string, string> {
  try {
    planReport(id, request, ZONE);
  } catch (error) {
    expect(error).toBeInstanceOf(WolkvoxRequestError);
    return Object.fromEntries((error as WolkvoxRequestError).problems.map((p) => [p.parameter, p.rule]));
  }
  throw new Error('expected a WolkvoxRequestError');
}

describe('planReport', () => {
  it('plans a windowed report: the whole window and the report’s own parameters', () => {
    const plan = planReport('act_3', { from: '2025-01-01', to: '2025-03-31', cod_act: 'cod_act1' }, ZONE);
    expect(plan.report.id).toBe('act_3');
    expect(plan.params).toEqual({ cod_act: 'cod_act1' });
    expect(plan.window!.end - plan.window!.start).toBe((89 * 86_400 + 86_399) * 1000);
  });

  it('plans a real-time report without a window', () => {
    const plan = planReport('calls_last_10', {}, ZONE);
    expect(plan.window).toBeNull();
    expect(plan.params).toEqual({});
  });

  it('names an unknown report and lists the known ones', () => {
    expect(problems('act_99', {}).report).toMatch(/not a known report.*act_3/);
  });

  it('requires from and to for windowed reports', () => {
    expect(problems('act_3', {})).toEqual({
      from: expect.stringContaining('required'),
      to: expect.stringContaining('required'),
    });
  });

  it('names a window in the wrong order by to', () => {
    expect(problems('act_3', { from: '2025-02-01', to: '2025-01-01' })).toEqual({
      to: 'must not be before from',
    });
  });

  it('checks parameters with the report’s request schema, and names misspelt ones', () => {
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
    expect(found.campaign_id).toBe('is required');
  });

  it('refuses a window on a real-time report', () => {
    expect(problems('calls_last_10', { from: '2025-01-01' })).toEqual({
      from: expect.stringContaining('no window'),
    });
  });

  it('refuses years wolkvox cannot express', () => {
    expect(problems('act_3', { from: new Date('1960-01-01T12:00:00Z'), to: '2025-01-01' })).toHaveProperty(
      'from',
    );
  });
});
