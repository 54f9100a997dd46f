/**
 * `run_report`: any registry report through one tool, for clients that cap how many tools they take. It takes the
 * report id, `from`/`to`, the report's own parameters in `params`, and the same answer controls as the report tools.
 */
import type { AnyReport } from '@wolkvox-mcp/contracts';
import { decodeCursor } from '../answers/cursor.js';
import { parseReportCall, type ReportCall } from './arguments.js';
import { DATE_FORMAT_HINT } from './dates.js';
import { type RunnerDeps, runReportCall } from './run.js';
import { ANSWER_OUTPUT_SCHEMA, answerControlProperties } from './schema.js';
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
  const ids = [...byId.keys()];

  const parse = (raw: unknown): Parsed<ReportCall> => {
    const args = raw ?? {};
    if (typeof args !== 'object' || Array.isArray(args)) {
      return {
        ok: false,
        problems: [{ field: '(arguments)', message: 'expected an object of named arguments' }],
      };
    }
    const values = args as Record<string, unknown>;
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
    const report = byId.get(id);
    if (!report) {
      problems.push({
        field: 'report',
        message: `unknown report ${JSON.stringify(id)}; use list_reports to search, or one of: ${ids.join(', ')}`,
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

    const parsed = parseReportCall(report, merged, RUN_REPORT);
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
      'Runs any wolkvox report by id, with the same answers as its own wolkvox_<id> tool: for clients that ' +
      'limit how many tools they load, or reports whose toolset is not listed. Find ids and parameters with ' +
      "list_reports. Give `from`/`to` for historical reports (ISO-8601, tenant time zone) and the report's own " +
      'parameters in `params`. Answers give exact totals and the first `limit` rows; page with next_cursor or ' +
      'offset; `fields`, `filter` and `group_by` shape the answer.',
    inputSchema: {
      type: 'object',
      properties: {
        report: { type: 'string', enum: ids, description: 'The report id, e.g. act_3 (see list_reports).' },
        from: {
          type: 'string',
          description: `Window start for historical reports: ${DATE_FORMAT_HINT}. Leave out for real-time reports.`,
        },
        to: {
          type: 'string',
          description:
            'Window end, inclusive, same format (a bare date means the end of that day). Default: end of the day of from.',
        },
        params: {
          type: 'object',
          additionalProperties: { type: 'string' },
          description: 'The report\'s own parameters, e.g. {"campaign_id": "all"}; list_reports shows them.',
        },
        ...answerControlProperties(),
      },
      required: ['report'],
      additionalProperties: false,
    },
    outputSchema: ANSWER_OUTPUT_SCHEMA,
    annotations: READ_ONLY_ANNOTATIONS,
    parse,
    run: (call, context) => runReportCall(deps, call, RUN_REPORT, context),
  };
}
