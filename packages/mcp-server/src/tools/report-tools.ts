/**
 * A report's own tool, generated from its registry entry: name `wolkvox_<id>`, its title, a short description of
 * the questions it answers, a compact input schema (window, own parameters, answer controls) and the shared output
 * schema. No per-report code: a new registry entry becomes a tool here unchanged (listed when its toolset is).
 */
import type { AnyReport } from '@wolkvox-mcp/contracts';
import { parseReportCall, type ReportCall } from './arguments.js';
import { tenantToday } from './dates.js';
import { describeReportTool } from './describe.js';
import { type RunnerDeps, runReportCall } from './run.js';
import { ANSWER_OUTPUT_SCHEMA, answerControlProperties, paramProperty, windowProperties } from './schema.js';
import { type JsonSchema, READ_ONLY_ANNOTATIONS, type ToolDefinition } from './types.js';

/** The tool name of a report: `wolkvox_<id>`, with anything outside [A-Za-z0-9_.-] made `_`. */
export function reportToolName(id: string): string {
  return `wolkvox_${id.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
}

export function reportInputSchema(report: AnyReport, timeZone: string): JsonSchema {
  const params = Object.fromEntries(
    Object.entries(report.params).map(([name, spec]) => [name, paramProperty(spec)]),
  );
  const required = [
    ...(report.window ? ['from'] : []),
    ...Object.entries(report.params)
      .filter(([, spec]) => spec.required)
      .map(([name]) => name),
  ];
  return {
    type: 'object',
    properties: {
      ...windowProperties(report, timeZone),
      ...params,
      ...answerControlProperties(Object.keys(report.fields)),
    },
    ...(required.length ? { required } : {}),
    additionalProperties: false,
  };
}

export function reportTool(report: AnyReport, deps: RunnerDeps): ToolDefinition<ReportCall> {
  const name = reportToolName(report.id);
  return {
    name,
    title: report.title,
    description: describeReportTool(report),
    inputSchema: reportInputSchema(report, deps.source.timeZone),
    outputSchema: ANSWER_OUTPUT_SCHEMA,
    annotations: READ_ONLY_ANNOTATIONS,
    parse: (args) => parseReportCall(report, args, name, () => tenantToday(deps.source)),
    run: (call, context) => runReportCall(deps, call, name, context),
  };
}
