/**
 * A report's own tool, written from its registry entry: a short description (questions, parameters, where the
 * fields are explained), an input schema that stays small however many fields the report has, and relative dates
 * read on the tenant's calendar.
 */
import { type AnyReport, defineReport, field, getReport, listReports, PARAMS } from '@wolkvox-mcp/contracts';
import { describe, expect, it } from 'vitest';
import { inputSchemaOf, NO_SIGNAL, parseArgs, runnerDeps, syntheticSource } from '../../../test/fixtures.js';
import { TARGET_DESCRIPTION_CHARS } from './describe.js';
import { reportTool } from './tool.js';

describe('report tools', () => {
  const deps = runnerDeps(syntheticSource());
  const tools = new Map(listReports().map((report) => [report.id, reportTool(report, deps)]));

  it('writes short descriptions from the entry: questions, parameters, where the fields are explained', () => {
    const act3 = tools.get('act_3')!;
    expect(act3.description).toContain('Which type codes did agents use yesterday');
    expect(act3.description).toContain('Params: cod_act.');
    expect(act3.description).toContain('wolkvox://reports/act_3');
    // from is required unless a cursor carries the request: the schema says so in words, not in `required`.
    expect(inputSchemaOf(act3).required).toBeUndefined();
    expect((inputSchemaOf(act3).properties as any).from.description).toContain('Required unless cursor');
    // Field names are enumerated once, on `fields`; the other controls take the same names.
    const properties = inputSchemaOf(act3).properties as Record<string, any>;
    expect(properties.fields.items.enum).toEqual(Object.keys(getReport('act_3')!.fields));
    expect(properties.group_by.items).toEqual({ type: 'string' });
    const realtime = tools.get('calls_last_10')!;
    expect(Object.keys(inputSchemaOf(realtime).properties as object)).not.toContain('from');
    expect(realtime.description).toContain('takes no from/to');
    for (const definition of tools.values())
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
    const huge = reportTool(big, deps);
    expect(huge.name).toBe('wolkvox_huge_1');
    expect(huge.description.length).toBeLessThanOrEqual(TARGET_DESCRIPTION_CHARS);
    expect(huge.description).toContain('Params: campaign_id (required), skill_id (required)');
    const bytes = JSON.stringify({
      name: huge.name,
      title: huge.title,
      description: huge.description,
      inputSchema: inputSchemaOf(huge),
      outputSchema: huge.outputSchema,
      annotations: huge.annotations,
    }).length;
    // ~2,000 bytes of tool and controls (order_by, top, aggregate and filter operators take ~500), 40 per field.
    expect(bytes).toBeLessThan(2_500 + 60 * 40);
  });
});

describe("relative days on the tenant's calendar", () => {
  // 03:00 UTC on 4 February is still 3 February, 22:00, in Bogota: the tenant's day counts, not UTC's.
  const source = { ...syntheticSource(), now: () => new Date('2025-02-04T03:00:00Z') };
  const act3 = reportTool(getReport('act_3')!, runnerDeps(source));

  it('resolves yesterday', async () => {
    const parsed = parseArgs(act3, { from: 'yesterday' });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    await act3.run(parsed.value, { signal: NO_SIGNAL });
    expect(source.calls.at(-1)!.request).toEqual({ from: '20250202000000', to: '20250202235959' });
  });

  it('refuses a reach past a year and words it does not know, naming the field', () => {
    expect(parseArgs(act3, { from: 'today-400' })).toMatchObject({
      ok: false,
      problems: [{ field: 'from', message: expect.stringMatching(/at most 366/) }],
    });
    expect(parseArgs(act3, { from: 'last week' })).toMatchObject({
      ok: false,
      problems: [{ field: 'from', message: expect.stringMatching(/today, yesterday, today-N/) }],
    });
  });
});
