/**
 * Tools, resources and prompts as data, built from the registry: every report becomes a tool, a new registry entry
 * becomes one with no code change, toolsets filter what is listed, and the catalog tools search and route.
 */
import { type AnyReport, defineReport, field, listReports, PARAMS } from '@wolkvox-mcp/contracts';
import { describe, expect, it } from 'vitest';
import type { ReportSource } from '../../src/backend/source.js';
import { createWolkvoxService } from '../../src/service.js';
import { hasComposition } from '../../src/tools/schema.js';
import type { ToolDefinition } from '../../src/tools/types.js';

/** A source that answers every report with a fixed set of synthetic rows built from its fields. */
function syntheticSource(count = 3): ReportSource & { calls: { id: string; request: unknown }[] } {
  const calls: { id: string; request: unknown }[] = [];
  return {
    timeZone: 'America/Bogota',
    calls,
    async report(id, request) {
      calls.push({ id, request });
      const report = listReports().find((r) => r.id === id) ?? SURVEY;
      const rows = Array.from({ length: count }, (_, i) =>
        Object.fromEntries(Object.keys(report.fields).map((name) => [name, `${name}-${i}`])),
      );
      return { report: id, rows, window: null, windows: 1, requests: 1 };
    },
  };
}

const SURVEY = defineReport({
  api: 'survey_9',
  family: 'reports_manager',
  toolset: 'quality',
  category: 'Surveys',
  title: 'Survey answers (synthetic)',
  description: 'One row per answered post-call survey question.',
  questions: ['How did customers rate us yesterday?'],
  params: { skill_id: PARAMS.skill_id(false) },
  fields: {
    conn_id: field('conn_id', 'Call id'),
    score: field('number', 'The score the customer gave'),
  },
  rows: { entity: 'calls' },
  sources: ['test'],
}) as unknown as AnyReport;

function tool(tools: readonly ToolDefinition<any>[], name: string): ToolDefinition<any> {
  const found = tools.find((t) => t.name === name);
  if (!found) throw new Error(`no tool ${name}`);
  return found;
}

describe('tools from the registry', () => {
  const service = createWolkvoxService({ source: syntheticSource() });

  it('has one tool per report plus list_reports and run_report', () => {
    expect(service.tools.map((t) => t.name)).toEqual([
      'list_reports',
      'run_report',
      ...listReports().map((report) => `wolkvox_${report.id}`),
    ]);
  });

  it('describes every tool within bounds, with plain input schemas and read-only hints', () => {
    for (const definition of service.tools) {
      expect(definition.title.length).toBeGreaterThan(0);
      expect(definition.description.length).toBeLessThan(2_000);
      expect(hasComposition(definition.inputSchema), definition.name).toBe(false);
      expect(definition.inputSchema.type).toBe('object');
      expect(definition.annotations).toMatchObject({
        readOnlyHint: true,
        idempotentHint: true,
        openWorldHint: true,
      });
    }
  });

  it('writes descriptions from the entry: questions, fields and parameters', () => {
    const act3 = tool(service.tools, 'wolkvox_act_3');
    expect(act3.description).toContain('Which type codes did agents use yesterday');
    expect(act3.description).toContain('cod_act');
    expect(act3.description).toContain('hang_up');
    expect(act3.inputSchema.required).toEqual(['from']);
    const realtime = tool(service.tools, 'wolkvox_calls_last_10');
    expect(Object.keys(realtime.inputSchema.properties as object)).not.toContain('from');
  });

  it('turns a new registry entry into a tool with no code change', async () => {
    const source = syntheticSource(4);
    const extended = createWolkvoxService({ source, reports: [...listReports(), SURVEY] });
    const survey = tool(extended.tools, 'wolkvox_survey_9');
    expect(survey.title).toBe('Survey answers (synthetic)');
    expect(survey.description).toContain('How did customers rate us yesterday?');
    const parsed = survey.parse({ from: '2025-02-03', skill_id: 'all', group_by: ['score'] });
    expect(parsed.ok).toBe(true);
    const answer = await survey.run((parsed as { value: unknown }).value, {
      signal: new AbortController().signal,
    });
    expect(answer.structured).toMatchObject({ report: 'survey_9', totals: { rows: 4, groups: 4 } });
    expect(source.calls).toEqual([
      { id: 'survey_9', request: { from: '2025-02-03', to: '2025-02-03', skill_id: 'all' } },
    ]);
    expect(extended.resourceTemplates[0]!.read({ id: 'survey_9' })).toContain('The score the customer gave');
  });

  it('lists only the selected toolsets, keeping the catalog tools', () => {
    const ivrOnly = createWolkvoxService({ source: syntheticSource(), toolsets: ['ivr'] });
    expect(ivrOnly.tools.map((t) => t.name)).toEqual(['list_reports', 'run_report', 'wolkvox_diagram_1_2']);
  });
});

describe('list_reports', () => {
  const service = createWolkvoxService({ source: syntheticSource(), toolsets: ['ivr'] });
  const list = tool(service.tools, 'list_reports');

  async function search(args: Record<string, unknown>) {
    const parsed = list.parse(args);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    return (await list.run(parsed.value, { signal: new AbortController().signal })).structured as Record<
      string,
      any
    >;
  }

  it('searches by keyword in English or Spanish, accents folded', async () => {
    expect((await search({ query: 'transfers' })).reports.map((r: any) => r.id)).toContain('chat_9');
    expect((await search({ query: 'codigo tipificacion' })).reports[0].id).toBe('act_3');
  });

  it('filters by toolset and says which tools are listed', async () => {
    const found = await search({ toolset: 'ivr' });
    expect(found).toMatchObject({
      total: 1,
      reports: [{ id: 'diagram_1_2', listed: true, tool: 'wolkvox_diagram_1_2' }],
    });
    const chat = await search({ toolset: 'chat' });
    expect(chat.reports[0]).toMatchObject({ id: 'chat_9', listed: false });
  });

  it('refuses an unknown toolset naming the valid ones', () => {
    const parsed = list.parse({ toolset: 'sales' });
    expect(parsed.ok).toBe(false);
    expect(JSON.stringify(parsed)).toContain('agents, skills, calls');
  });
});

describe('run_report', () => {
  const service = createWolkvoxService({ source: syntheticSource() });
  const run = tool(service.tools, 'run_report');

  it('routes to any report, its own parameters in params', () => {
    const parsed = run.parse({ report: 'campaign_7', from: '2025-02-03', params: { campaign_id: '12' } });
    expect(parsed).toMatchObject({
      ok: true,
      value: { request: { from: '2025-02-03', to: '2025-02-03', campaign_id: '12' } },
    });
  });

  it('names params.<name> in problems, and lists ids for an unknown report', () => {
    const bad = run.parse({
      report: 'campaign_7',
      from: '2025-02-03',
      params: { campaign_id: 'twelve', color: 'red' },
    });
    expect(bad.ok).toBe(false);
    expect(JSON.stringify(bad)).toContain('params.color');
    const missing = run.parse({ report: 'campaign_7', from: '2025-02-03' });
    expect(JSON.stringify(missing)).toContain('params.campaign_id');
    const unknown = run.parse({ report: 'nope' });
    expect(JSON.stringify(unknown)).toContain('act_3, diagram_1_2');
  });
});

describe('resources and prompts', () => {
  const service = createWolkvoxService({ source: syntheticSource(), toolsets: ['ivr'] });

  it('publishes the catalog and one schema per report', () => {
    const catalog = JSON.parse(service.resources[0]!.read());
    expect(catalog.reports.map((r: any) => r.id)).toEqual(listReports().map((r) => r.id));
    const template = service.resourceTemplates[0]!;
    expect(template.list().map((r) => r.uri)).toContain('wolkvox://reports/act_3');
    const schema = JSON.parse(template.read({ id: 'chat_9' })!);
    expect(schema.fields.receiver_agent_name.meaning).toContain('SKILL');
    expect(template.read({ id: 'nope' })).toBeUndefined();
  });

  it('writes prompts naming listed tools, or run_report for the others', () => {
    const names = service.prompts.map((p) => p.name);
    expect(names).toEqual(['daily_operation_summary', 'transfer_review', 'ivr_hourly_review']);
    const daily = service.prompts[0]!.render({ date: '2025-02-03' });
    expect(daily).toContain('wolkvox_diagram_1_2 with {"from":"2025-02-03","limit":24}');
    expect(daily).toContain(
      'run_report with {"report":"campaign_7","from":"2025-02-03","group_by":["result"],"params":{"campaign_id":"all"}}',
    );
    const ivr = service.prompts[2]!.render({ date: '2025-03-01' });
    expect(ivr).toContain('"from":"2025-02-28"');
    expect(() => service.prompts[0]!.render({ date: '03/02/2025' })).toThrow(/ISO-8601/);
  });
});
