/**
 * Tools, resources and prompts as data, built from the registry: every report becomes a tool, a new registry entry
 * becomes one with no code change, toolsets filter what is listed, and the catalog tools search and route.
 */
import {
  type AnyReport,
  defineReport,
  field,
  getReport,
  listReports,
  PARAMS,
  problemsFromIssues,
  TOOLSETS,
} from '@wolkvox-mcp/contracts';
import { describe, expect, it } from 'vitest';
import { type ReportSource, requestText } from '../../src/backend/source.js';
import { inputJsonSchema } from '../../src/sdk/server.js';
import { createWolkvoxService } from '../../src/service.js';
import { TARGET_DESCRIPTION_CHARS } from '../../src/tools/describe.js';
import { DEFAULT_REPORT_TOOLS } from '../../src/tools/toolsets.js';
import type { JsonSchema, ToolDefinition } from '../../src/tools/types.js';

/** A tool's arguments through its zod schema, the only parser; problems as field and message. */
function parse<A>(definition: ToolDefinition<A>, args: unknown) {
  const parsed = definition.input.safeParse(args);
  if (parsed.success) return { ok: true as const, value: parsed.data };
  const problems = problemsFromIssues(parsed.error.issues, args).map((p) => ({
    field: p.field,
    message: p.hint ? `${p.rule} (${p.hint})` : p.rule,
  }));
  return { ok: false as const, problems };
}

const schemaOf = (definition: ToolDefinition<unknown>): JsonSchema => inputJsonSchema(definition);

/** Whether a schema (at any depth) uses a composition keyword or a reference: some clients cannot use them. */
function hasComposition(schema: unknown): boolean {
  if (Array.isArray(schema)) return schema.some(hasComposition);
  if (typeof schema !== 'object' || schema === null) return false;
  return Object.entries(schema).some(
    ([key, value]) => ['anyOf', 'oneOf', 'allOf', 'not', '$ref'].includes(key) || hasComposition(value),
  );
}

/**
 * A source that answers every report with a fixed set of synthetic rows built from its fields. It records each
 * checked request it is handed as text (`from`/`to` as wolkvox writes them), as a cursor carries it.
 */
function syntheticSource(count = 3): ReportSource & { calls: { id: string; request: unknown }[] } {
  const calls: { id: string; request: unknown }[] = [];
  return {
    timeZone: 'America/Bogota',
    calls,
    async report(id, request) {
      calls.push({ id, request: requestText(request) });
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
  const service = createWolkvoxService({ source: syntheticSource(), toolsets: 'all' });

  it('has one tool per report plus list_reports, run_report and query_reports', () => {
    expect(service.tools.map((t) => t.name)).toEqual([
      'list_reports',
      'run_report',
      'query_reports',
      ...listReports().map((report) => `wolkvox_${report.id}`),
    ]);
  });

  it('lists the discovery pair and the default report tools by default', () => {
    const byDefault = createWolkvoxService({ source: syntheticSource() });
    const defaults = listReports().filter((report) => DEFAULT_REPORT_TOOLS.includes(report.id));
    expect(defaults.length).toBeGreaterThan(0);
    expect(byDefault.tools.map((t) => t.name)).toEqual([
      'list_reports',
      'run_report',
      'query_reports',
      ...defaults.map((report) => `wolkvox_${report.id}`),
    ]);
  });

  it('describes every tool within bounds, with plain input schemas and read-only hints', () => {
    for (const definition of service.tools) {
      expect(definition.title.length).toBeGreaterThan(0);
      expect(definition.description.length).toBeLessThan(2_000);
      expect(hasComposition(schemaOf(definition)), definition.name).toBe(false);
      expect(schemaOf(definition).type).toBe('object');
      expect(definition.annotations).toMatchObject({
        readOnlyHint: true,
        idempotentHint: true,
        openWorldHint: true,
      });
    }
  });

  it('writes short descriptions from the entry: questions, parameters, where the fields are explained', () => {
    const act3 = tool(service.tools, 'wolkvox_act_3');
    expect(act3.description).toContain('Which type codes did agents use yesterday');
    expect(act3.description).toContain('Params: cod_act.');
    expect(act3.description).toContain('wolkvox://reports/act_3');
    // from is required unless a cursor carries the request: the schema says so in words, not in `required`.
    expect(schemaOf(act3).required).toBeUndefined();
    expect((schemaOf(act3).properties as any).from.description).toContain('Required unless cursor');
    // Field names are enumerated once, on `fields`; the other controls take the same names.
    const properties = schemaOf(act3).properties as Record<string, any>;
    expect(properties.fields.items.enum).toEqual(Object.keys(getReport('act_3')!.fields));
    expect(properties.group_by.items).toEqual({ type: 'string' });
    const realtime = tool(service.tools, 'wolkvox_calls_last_10');
    expect(Object.keys(schemaOf(realtime).properties as object)).not.toContain('from');
    expect(realtime.description).toContain('takes no from/to');
    for (const definition of service.tools.filter((t) => t.name.startsWith('wolkvox_')))
      expect(definition.description.length, definition.name).toBeLessThanOrEqual(TARGET_DESCRIPTION_CHARS);
  });

  it('keeps a large report tool small: a short description and about 40 bytes per extra field', () => {
    const many = Object.fromEntries(
      Array.from({ length: 60 }, (_, i) => [
        `measure_number_${i}`,
        field('number', `Measure ${i}. `.repeat(20)),
      ]),
    );
    const params = Object.fromEntries(
      ['campaign_id', 'skill_id', 'agent_id', 'agent_dni', 'cod_act'].map((name) => [
        name,
        PARAMS[name as keyof typeof PARAMS](),
      ]),
    );
    const big = defineReport({
      api: 'huge_1',
      family: 'reports_manager',
      toolset: 'agents',
      category: 'Agents',
      title: 'A synthetic report with very many fields and every parameter',
      titleEs: 'Un reporte sintético con muchísimos campos y todos los parámetros',
      description: 'One row per agent and hour with sixty measures. '.repeat(12),
      questions: ['Which agent had the most of everything last week, hour by hour?'.repeat(3), 'Why?'],
      params,
      fields: many,
      rows: { entity: 'calls' },
      sources: ['test'],
    }) as unknown as AnyReport;
    const extended = createWolkvoxService({ source: syntheticSource(), reports: [big], toolsets: 'all' });
    const huge = tool(extended.tools, 'wolkvox_huge_1');
    expect(huge.description.length).toBeLessThanOrEqual(TARGET_DESCRIPTION_CHARS);
    expect(huge.description).toContain('Params: campaign_id (required), skill_id (required)');
    const bytes = JSON.stringify({
      name: huge.name,
      title: huge.title,
      description: huge.description,
      inputSchema: schemaOf(huge),
      outputSchema: huge.outputSchema,
      annotations: huge.annotations,
    }).length;
    // ~2,000 bytes of tool and controls (order_by, top, aggregate and filter operators take ~500), 40 per field.
    expect(bytes).toBeLessThan(2_500 + 60 * 40);
  });

  it('turns a new registry entry into a tool with no code change', async () => {
    const source = syntheticSource(4);
    const extended = createWolkvoxService({
      source,
      reports: [...listReports(), SURVEY],
      toolsets: ['quality'],
    });
    const survey = tool(extended.tools, 'wolkvox_survey_9');
    expect(survey.title).toBe('Survey answers (synthetic)');
    expect(survey.description).toContain('How did customers rate us yesterday?');
    const parsed = parse(survey, { from: '2025-02-03', skill_id: 'all', group_by: ['score'] });
    expect(parsed.ok).toBe(true);
    const answer = await survey.run((parsed as { value: unknown }).value, {
      signal: new AbortController().signal,
    });
    expect(answer.structured).toMatchObject({ report: 'survey_9', totals: { rows: 4, groups: 4 } });
    expect(source.calls).toEqual([
      { id: 'survey_9', request: { from: '20250203000000', to: '20250203235959', skill_id: 'all' } },
    ]);
    expect(extended.resourceTemplates[0]!.read({ id: 'survey_9' })).toContain('The score the customer gave');
  });

  it('lists only the selected toolsets, keeping the catalog tools', () => {
    const ivrOnly = createWolkvoxService({ source: syntheticSource(), toolsets: ['ivr'] });
    expect(ivrOnly.tools.map((t) => t.name)).toEqual([
      'list_reports',
      'run_report',
      'query_reports',
      ...listReports()
        .filter((report) => report.toolset === 'ivr')
        .map((report) => `wolkvox_${report.id}`),
    ]);
  });
});

describe('list_reports', () => {
  const service = createWolkvoxService({ source: syntheticSource(), toolsets: ['ivr'] });
  const list = tool(service.tools, 'list_reports');

  async function search(args: Record<string, unknown>) {
    const parsed = parse(list, args);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    return (await list.run(parsed.value, { signal: new AbortController().signal })).structured as Record<
      string,
      any
    >;
  }

  it('searches by keyword in English or Spanish, accents folded', async () => {
    expect((await search({ query: 'transfers', limit: 100 })).reports.map((r: any) => r.id)).toContain(
      'chat_9',
    );
    expect((await search({ query: 'detalle código tipificación' })).reports[0].id).toBe('act_3');
    expect((await search({ query: 'DETALLE CODIGO TIPIFICACION' })).reports[0].id).toBe('act_3');
  });

  it('filters by toolset and says which tools are listed', async () => {
    const ivr = listReports().filter((report) => report.toolset === 'ivr');
    const found = await search({ toolset: 'ivr', limit: 100 });
    expect(found.total).toBe(ivr.length);
    expect(found.reports.map((r: any) => [r.id, r.listed, r.tool])).toEqual(
      ivr.map((report) => [report.id, true, `wolkvox_${report.id}`]),
    );
    const chat = await search({ toolset: 'chat', query: 'chat_9' });
    expect(chat.reports[0]).toMatchObject({ id: 'chat_9', listed: false });
  });

  it('gives what a call needs: params with required-ness, field names, and the tool to use', async () => {
    const found = await search({ query: 'campaign_7' });
    expect(found.reports[0]).toMatchObject({
      id: 'campaign_7',
      listed: false,
      params: [{ name: 'campaign_id', required: true }],
      fields: Object.keys(getReport('campaign_7')!.fields),
    });
    const text = (
      await list.run({ query: 'campaign_7', limit: 1, offset: 0 }, { signal: new AbortController().signal })
    ).text;
    expect(text).toContain('campaign_7: ');
    expect(text).toContain('run_report {"report": "campaign_7"}');
    expect(text).toContain('params: campaign_id*');
    expect(text).toContain(`fields: ${Object.keys(getReport('campaign_7')!.fields).join(', ')}`);
  });

  it('ranks the report named exactly first, by id or tool name', async () => {
    const extended = createWolkvoxService({
      source: syntheticSource(),
      // A report titled after act_3 comes before it in the registry (same words, same weight): the exact id wins.
      reports: [{ ...SURVEY, title: 'Surveys of act_3 calls' } as AnyReport, ...listReports()],
    });
    const finder = tool(extended.tools, 'list_reports');
    for (const query of ['act_3', 'wolkvox_act_3', 'ACT_3']) {
      const parsed = parse(finder, { query });
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
      const answer = await finder.run(parsed.value, { signal: new AbortController().signal });
      expect((answer.structured as any).reports[0].id, query).toBe('act_3');
    }
  });

  it('matches whole words or their start, not text inside a word', async () => {
    const transfers = {
      ...SURVEY,
      title: 'Llamadas transferidas',
      titleEs: undefined,
      description: 'Cada llamada transferida.',
      questions: [],
      category: 'Transfers',
      params: {},
      fields: { score: SURVEY.fields.score! },
    } as unknown as AnyReport;
    const only = createWolkvoxService({ source: syntheticSource(), reports: [transfers] });
    const finder = tool(only.tools, 'list_reports');
    const total = async (query: string) => {
      const parsed = parse(finder, { query });
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
      return ((await finder.run(parsed.value, { signal: new AbortController().signal })).structured as any)
        .total;
    };
    expect(await total('id')).toBe(0); // inside "transferidas" only
    expect(await total('transfer')).toBe(1);
    expect(await total('llamadas')).toBe(1);
    expect(await total('SCORES')).toBe(1);
  });

  it('outlines the toolsets when browsing, not when searching', async () => {
    const browsing = await search({});
    expect(browsing.toolsets).toContainEqual({
      name: 'ivr',
      description: TOOLSETS.ivr,
      reports: listReports().filter((report) => report.toolset === 'ivr').length,
    });
    expect((await search({ query: 'ivr' })).toolsets).toBeUndefined();
  });

  it('refuses an unknown toolset naming the valid ones', () => {
    const parsed = parse(list, { toolset: 'sales' });
    expect(parsed.ok).toBe(false);
    expect(JSON.stringify(parsed)).toContain('agents, skills, calls');
  });
});

describe('run_report', () => {
  const service = createWolkvoxService({ source: syntheticSource() });
  const run = tool(service.tools, 'run_report');

  it('routes to any report, its own parameters in params', () => {
    const parsed = parse(run, { report: 'campaign_7', from: '2025-02-03', params: { campaign_id: '12' } });
    const day = { start: Date.UTC(2025, 1, 3), end: Date.UTC(2025, 1, 3, 23, 59, 59) };
    expect(parsed).toMatchObject({
      ok: true,
      value: { request: { window: day, params: { campaign_id: '12' } } },
    });
  });

  it('names params.<name> in problems, and close matches for an unknown report', () => {
    const bad = parse(run, {
      report: 'campaign_7',
      from: '2025-02-03',
      params: { campaign_id: 'twelve', color: 'red' },
    });
    expect(bad.ok).toBe(false);
    expect(JSON.stringify(bad)).toContain('params.color');
    const missing = parse(run, { report: 'campaign_7', from: '2025-02-03' });
    expect(JSON.stringify(missing)).toContain('params.campaign_id');
    const unknown = parse(run, { report: 'nope' });
    expect(JSON.stringify(unknown)).toContain(
      `unknown report \\"nope\\"; list_reports searches all ${listReports().length} reports`,
    );
    const typo = parse(run, { report: 'act3' });
    expect(typo).toMatchObject({ ok: false, problems: [{ field: 'report' }] });
    expect(JSON.stringify(typo)).toContain('did you mean act_3');
  });

  it('accepts a report tool name as the id, and no window for a real-time report', () => {
    expect(
      parse(run, { report: 'wolkvox_campaign_7', from: '2025-02-03', params: { campaign_id: 'all' } }),
    ).toMatchObject({ ok: true, value: { report: { id: 'campaign_7' } } });
    const realtime = listReports().find((report) => report.window === null)!;
    expect(parse(run, { report: realtime.id })).toMatchObject({
      ok: true,
      value: { request: { window: null, params: {} } },
    });
    const dated = parse(run, { report: realtime.id, from: '2025-02-03' });
    expect(dated).toMatchObject({ ok: false, problems: [{ field: 'from' }] });
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
    expect(names).toEqual([
      'daily_operation_summary',
      'transfer_review',
      'ivr_hourly_review',
      'agent_handling_review',
    ]);
    const daily = service.prompts[0]!.render({ date: '2025-02-03' });
    expect(daily).toContain('wolkvox_diagram_1_2 with {"from":"2025-02-03","limit":24}');
    expect(daily).toContain(
      'run_report with {"report":"campaign_7","from":"2025-02-03","group_by":["result"],"params":{"campaign_id":"all"}}',
    );
    const ivr = service.prompts[2]!.render({ date: '2025-03-01' });
    expect(ivr).toContain('"from":"2025-02-28"');
    expect(() => service.prompts[0]!.render({ date: '03/02/2025' })).toThrow(/ISO-8601/);
    // A question across reports is one query_reports call.
    const agents = service.prompts[3]!.render({ from: 'last_week' });
    expect(agents).toContain(
      '1. query_reports with {"fetches":[{"report":"agent_1","from":"last_week"},{"report":"agent_13","from":"last_week"}],"sql":"SELECT a.agent_id',
    );
  });
});

describe("relative days on the tenant's calendar", () => {
  // 03:00 UTC on 4 February is still 3 February, 22:00, in Bogota: the tenant's day counts, not UTC's.
  const source = { ...syntheticSource(), now: () => new Date('2025-02-04T03:00:00Z') };
  const service = createWolkvoxService({ source });
  const signal = new AbortController().signal;

  async function windowOf(tool: string, args: Record<string, unknown>) {
    const definition = service.tools.find((t) => t.name === tool)!;
    const parsed = parse(definition, args);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    await definition.run(parsed.value, { signal });
    return source.calls.at(-1)!.request;
  }

  it('resolves yesterday, today and today-N in report tools and run_report', async () => {
    expect(await windowOf('wolkvox_act_3', { from: 'yesterday' })).toEqual({
      from: '20250202000000',
      to: '20250202235959',
    });
    expect(await windowOf('run_report', { report: 'diagram_1_2', from: 'today-6', to: 'Today' })).toEqual({
      from: '20250128000000',
      to: '20250203235959',
    });
  });

  it('refuses a reach past a year and words it does not know, naming the field', () => {
    const act3 = service.tools.find((t) => t.name === 'wolkvox_act_3')!;
    expect(parse(act3, { from: 'today-400' })).toMatchObject({
      ok: false,
      problems: [{ field: 'from', message: expect.stringMatching(/at most 366/) }],
    });
    expect(parse(act3, { from: 'last week' })).toMatchObject({
      ok: false,
      problems: [{ field: 'from', message: expect.stringMatching(/today, yesterday, today-N/) }],
    });
  });

  it('writes prompts with the resolved day', () => {
    const ivr = service.prompts.find((p) => p.name === 'ivr_hourly_review')!.render({ date: 'yesterday' });
    expect(ivr).toContain('"from":"2025-02-02"');
    expect(ivr).toContain('"from":"2025-02-01"');
  });
});
