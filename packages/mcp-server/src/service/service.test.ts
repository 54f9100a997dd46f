/**
 * The service's tools, resources and prompts as data, built from the registry: every report becomes a tool, a new
 * registry entry becomes one with no code change, and toolsets choose which report tools are listed.
 */
import { listReports } from '@wolkvox-mcp/contracts';
import { describe, expect, it } from 'vitest';
import { inputSchemaOf, NO_SIGNAL, parseArgs, SURVEY, syntheticSource } from '../../test/fixtures.js';
import { DEFAULT_REPORT_TOOLS } from '../catalog/toolsets.js';
import type { ToolDefinition } from '../tools/common/types.js';
import { createWolkvoxService } from './service.js';

/** Whether a schema (at any depth) uses a composition keyword or a reference: some clients cannot use them. */
function hasComposition(schema: unknown): boolean {
  if (Array.isArray(schema)) return schema.some(hasComposition);
  if (typeof schema !== 'object' || schema === null) return false;
  return Object.entries(schema).some(
    ([key, value]) => ['anyOf', 'oneOf', 'allOf', 'not', '$ref'].includes(key) || hasComposition(value),
  );
}

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
      expect(hasComposition(inputSchemaOf(definition)), definition.name).toBe(false);
      expect(inputSchemaOf(definition).type).toBe('object');
      expect(definition.annotations).toMatchObject({
        readOnlyHint: true,
        idempotentHint: true,
        openWorldHint: true,
      });
    }
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
    const parsed = parseArgs(survey, { from: '2025-02-03', skill_id: 'all', group_by: ['score'] });
    expect(parsed.ok).toBe(true);
    const reply = await survey.run((parsed as { value: unknown }).value, { signal: NO_SIGNAL });
    expect(reply.structured).toMatchObject({ report: 'survey_9', totals: { rows: 4, groups: 4 } });
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
