/**
 * Resources and prompts as data: the report catalog and one schema per report, and prompts that name listed tools
 * (run_report for the others) with their dates read on the tenant's calendar.
 */
import { listReports } from '@wolkvox-mcp/contracts';
import { describe, expect, it } from 'vitest';
import { buildPrompts } from './prompts.js';
import { buildResources } from './resources.js';
import { isListedBy } from './toolsets.js';

const isListed = isListedBy(['ivr']);

describe('resources and prompts', () => {
  const { resources, templates } = buildResources(listReports(), isListed);
  const prompts = buildPrompts(listReports(), isListed, { timeZone: 'America/Bogota' });

  it('publishes the catalog and one schema per report', () => {
    const catalog = JSON.parse(resources[0]!.read());
    expect(catalog.reports.map((r: any) => r.id)).toEqual(listReports().map((r) => r.id));
    const template = templates[0]!;
    expect(template.list().map((r) => r.uri)).toContain('wolkvox://reports/act_3');
    const schema = JSON.parse(template.read({ id: 'chat_9' })!);
    expect(schema.fields.receiver_agent_name.meaning).toContain('SKILL');
    expect(template.read({ id: 'nope' })).toBeUndefined();
  });

  it('writes prompts naming listed tools, or run_report for the others', () => {
    const names = prompts.map((p) => p.name);
    expect(names).toEqual([
      'daily_operation_summary',
      'transfer_review',
      'ivr_hourly_review',
      'agent_handling_review',
    ]);
    const daily = prompts[0]!.render({ date: '2025-02-03' });
    expect(daily).toContain(
      'wolkvox_diagram_1_2 with {"from":"2025-02-03","limit":24,"chart":{"kind":"bar"}}',
    );
    expect(daily).toMatch(
      /run_report with \{"report":"cdr_1","from":"2025-02-03","format":"xlsx"\}|wolkvox_cdr_1 with \{"from":"2025-02-03","format":"xlsx"\}/,
    );
    expect(daily).toContain(
      'run_report with {"report":"campaign_7","from":"2025-02-03","group_by":["result"],"params":{"campaign_id":"all"}}',
    );
    const ivr = prompts[2]!.render({ date: '2025-03-01' });
    expect(ivr).toContain('"from":"2025-02-28"');
    expect(() => prompts[0]!.render({ date: '03/02/2025' })).toThrow(/ISO-8601/);
    // A question across reports is one query_reports call.
    const agents = prompts[3]!.render({ from: 'last_week' });
    expect(agents).toContain(
      '1. query_reports with {"fetches":[{"report":"agent_1","from":"last_week"},{"report":"agent_13","from":"last_week"}],"sql":"SELECT a.agent_id',
    );
  });

  it("writes prompts with the day resolved on the tenant's calendar", () => {
    // 03:00 UTC on 4 February is still 3 February, 22:00, in Bogota: the tenant's day counts, not UTC's.
    const calendar = { timeZone: 'America/Bogota', now: () => new Date('2025-02-04T03:00:00Z') };
    const ivr = buildPrompts(listReports(), isListed, calendar)
      .find((p) => p.name === 'ivr_hourly_review')!
      .render({ date: 'yesterday' });
    expect(ivr).toContain('"from":"2025-02-02"');
    expect(ivr).toContain('"from":"2025-02-01"');
  });
});
