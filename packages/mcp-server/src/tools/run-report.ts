/**
 * `run_report`: every registry report through one tool, so that the tool list can stay short (see toolsets.ts)
 * and nothing becomes unreachable. It takes the report id, `from`/`to`, the report's own parameters in `params`
 * (checked with the report's own rules), and the same answer controls as the report tools.
 */
import type { AnyReport } from '@wolkvox-mcp/contracts';
import { DEFAULT_LIMIT } from '../answers/answer.js';
import { decodeCursor } from '../answers/cursor.js';
import { namedArguments, parseReportCall, type ReportCall } from './arguments.js';
import { tenantToday } from './dates.js';
import { reportToolName } from './report-tools.js';
import { type RunnerDeps, runReportCall } from './run.js';
import { ANSWER_OUTPUT_SCHEMA, answerControlProperties, windowSchemas } from './schema.js';
import { closeMatches } from './suggest.js';
import { type Parsed, type Problem, READ_ONLY_ANNOTATIONS, type ToolDefinition } from './types.js';

export const RUN_REPORT = 'run_report';

const TOP_LEVEL = [
  'report',
  'from',
  'to',
  'params',
  'limit',
  'offset',
  'cursor',
  'fields',
  'filter',
  'group_by',
];

export function runReportTool(reports: readonly AnyReport[], deps: RunnerDeps): ToolDefinition<ReportCall> {
  const byId = new Map(reports.map((report) => [report.id, report]));
  // A report's tool name is accepted too: an assistant may pass what list_reports shows in its `tool` column.
  const byName = new Map([...byId, ...reports.map((report) => [reportToolName(report.id), report] as const)]);
  const ids = [...byId.keys()];

  const parse = (raw: unknown): Parsed<ReportCall> => {
    const named = namedArguments(raw);
    if (!named.ok) return named;
    const values = named.values;
    const problems: Problem[] = [];
    for (const name of Object.keys(values)) {
      if (!TOP_LEVEL.includes(name)) {
        problems.push({
          field: name,
          message: `unknown argument; run_report takes: ${TOP_LEVEL.join(', ')} (a report's own parameters go in params)`,
        });
      }
    }
    const fromCursor = typeof values.cursor === 'string' ? decodeCursor(values.cursor)?.report : undefined;
    const id = values.report ?? fromCursor;
    if (typeof id !== 'string' || id === '') {
      problems.push({
        field: 'report',
        message: 'is required: a report id such as act_3 (list_reports finds them)',
      });
      return { ok: false, problems };
    }
    const report = byName.get(id);
    if (!report) {
      const near = closeMatches(id.replace(/^wolkvox_/, ''), ids);
      problems.push({
        field: 'report',
        message:
          `unknown report ${JSON.stringify(id)}; ${near.length ? `did you mean ${near.join(', ')}? ` : ''}` +
          `list_reports searches all ${ids.length} reports by keyword`,
      });
      return { ok: false, problems };
    }

    const params = values.params ?? {};
    if (typeof params !== 'object' || params === null || Array.isArray(params)) {
      problems.push({ field: 'params', message: `expected an object of ${report.id}'s parameters` });
      return { ok: false, problems };
    }
    const own = Object.keys(report.params);
    const merged: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(params)) {
      if (name === 'from' || name === 'to') {
        // Accepted in params too; the top-level value wins only when both agree.
        if (values[name] !== undefined && values[name] !== value) {
          problems.push({
            field: `params.${name}`,
            message: `disagrees with the top-level ${name}; give it once`,
          });
        }
      } else if (!own.includes(name)) {
        problems.push({
          field: `params.${name}`,
          message: `${report.id} has no such parameter; its parameters: ${own.length ? own.join(', ') : '(none)'}`,
        });
        continue;
      }
      merged[name] = value;
    }
    for (const name of TOP_LEVEL) {
      if (name !== 'report' && name !== 'params' && values[name] !== undefined) merged[name] = values[name];
    }
    if (problems.length) return { ok: false, problems };

    const parsed = parseReportCall(report, merged, RUN_REPORT, () => tenantToday(deps.source));
    if (parsed.ok) return parsed;
    return {
      ok: false,
      problems: parsed.problems.map((problem) =>
        own.includes(problem.field) ? { ...problem, field: `params.${problem.field}` } : problem,
      ),
    };
  };

  return {
    name: RUN_REPORT,
    title: 'Run any wolkvox report',
    description:
      'Runs any wolkvox report by id (list_reports finds ids and params). Historical reports take from ' +
      "(required) and to, ISO-8601 in the tenant's time zone; real-time and look-up reports take no dates. " +
      "The report's own parameters go in params. Answers: exact totals and the first `limit` rows " +
      `(default ${DEFAULT_LIMIT}); page with next_cursor; \`fields\`, \`filter\` (exact match) and ` +
      '`group_by` (count and sums per group) shape them.',
    inputSchema: {
      type: 'object',
      properties: {
        report: { type: 'string', description: 'Report id, e.g. act_3 (list_reports finds it)' },
        ...windowSchemas(deps.source.timeZone, true),
        params: {
          type: 'object',
          additionalProperties: { type: 'string' },
          description: 'The report\'s own parameters, e.g. {"campaign_id": "all"}',
        },
        ...answerControlProperties(),
      },
      required: ['report'],
      additionalProperties: false,
    },
    outputSchema: ANSWER_OUTPUT_SCHEMA,
    annotations: READ_ONLY_ANNOTATIONS,
    parse,
    // The next-page hint names the report too: the input schema requires it.
    run: (call, context) => runReportCall(deps, call, RUN_REPORT, context, { report: call.report.id }),
  };
}
