/**
 * run_report: any report by id (or by its tool's name), its own parameters in `params` and named there in
 * problems, close matches for an unknown id, and relative dates read on the tenant's calendar.
 */
import { listReports } from '@wolkvox-mcp/contracts';
import { describe, expect, it } from 'vitest';
import { NO_SIGNAL, parseArgs, runnerDeps, syntheticSource } from '../../../test/fixtures.js';
import { runReportTool } from './tool.js';

describe('run_report', () => {
  const run = runReportTool(listReports(), runnerDeps(syntheticSource()));

  it('routes to any report, its own parameters in params', () => {
    const parsed = parseArgs(run, {
      report: 'campaign_7',
      from: '2025-02-03',
      params: { campaign_id: '12' },
    });
    const day = { start: Date.UTC(2025, 1, 3), end: Date.UTC(2025, 1, 3, 23, 59, 59) };
    expect(parsed).toMatchObject({
      ok: true,
      value: { request: { window: day, params: { campaign_id: '12' } } },
    });
  });

  it('names params.<name> in problems, and close matches for an unknown report', () => {
    const bad = parseArgs(run, {
      report: 'campaign_7',
      from: '2025-02-03',
      params: { campaign_id: 'twelve', color: 'red' },
    });
    expect(bad.ok).toBe(false);
    expect(JSON.stringify(bad)).toContain('params.color');
    const missing = parseArgs(run, { report: 'campaign_7', from: '2025-02-03' });
    expect(JSON.stringify(missing)).toContain('params.campaign_id');
    const unknown = parseArgs(run, { report: 'nope' });
    expect(JSON.stringify(unknown)).toContain(
      `unknown report \\"nope\\"; list_reports searches all ${listReports().length} reports`,
    );
    const typo = parseArgs(run, { report: 'act3' });
    expect(typo).toMatchObject({ ok: false, problems: [{ field: 'report' }] });
    expect(JSON.stringify(typo)).toContain('did you mean act_3');
  });

  it('accepts a report tool name as the id, and no window for a real-time report', () => {
    expect(
      parseArgs(run, { report: 'wolkvox_campaign_7', from: '2025-02-03', params: { campaign_id: 'all' } }),
    ).toMatchObject({ ok: true, value: { report: { id: 'campaign_7' } } });
    const realtime = listReports().find((report) => report.window === null)!;
    expect(parseArgs(run, { report: realtime.id })).toMatchObject({
      ok: true,
      value: { request: { window: null, params: {} } },
    });
    const dated = parseArgs(run, { report: realtime.id, from: '2025-02-03' });
    expect(dated).toMatchObject({ ok: false, problems: [{ field: 'from' }] });
  });

  it('takes an id in any case and a report by its title; a title a few letters off is suggested', () => {
    const named = (report: string) => parseArgs(run, { report, from: '2025-02-03' });
    expect(named('AGENT_1')).toMatchObject({ ok: true, value: { report: { id: 'agent_1' } } });
    expect(named('Wolkvox_Agent_1')).toMatchObject({ ok: true, value: { report: { id: 'agent_1' } } });
    expect(named('agent time by state')).toMatchObject({ ok: true, value: { report: { id: 'agent_1' } } });
    expect(named(' "Agent  Time by State" ')).toMatchObject({
      ok: true,
      value: { report: { id: 'agent_1' } },
    });
    expect(JSON.stringify(named('Agent time by stat'))).toContain('did you mean agent_1');
  });
});

describe("relative days on the tenant's calendar", () => {
  // 03:00 UTC on 4 February is still 3 February, 22:00, in Bogota: the tenant's day counts, not UTC's.
  const source = { ...syntheticSource(), now: () => new Date('2025-02-04T03:00:00Z') };
  const run = runReportTool(listReports(), runnerDeps(source));

  it('resolves today-N and today', async () => {
    const parsed = parseArgs(run, { report: 'diagram_1_2', from: 'today-6', to: 'Today' });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    await run.run(parsed.value, { signal: NO_SIGNAL });
    expect(source.calls.at(-1)!.request).toEqual({ from: '20250128000000', to: '20250203235959' });
  });
});
