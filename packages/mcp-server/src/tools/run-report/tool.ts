/**
 * `run_report`: every registry report through one tool, so that the tool list can stay short (see
 * catalog/toolsets.ts) and nothing becomes unreachable.
 */
import type { AnyReport } from '@wolkvox-mcp/contracts';
import { RUN_REPORT } from '../../catalog/names.js';
import { DEFAULT_LIMIT } from '../../results/controls.js';
import { CHART_VIEW_URI } from '../common/chart.js';
import { callContext, readClock } from '../common/report-call.js';
import { REPORT_OUTPUT_SCHEMA } from '../common/report-output.js';
import { type RunnerDeps, runReportCall } from '../common/run.js';
import { READ_ONLY_ANNOTATIONS, type ToolDefinition } from '../common/types.js';
import { type RunReportCall, runReportInput } from './schema.js';

export function runReportTool(
  reports: readonly AnyReport[],
  deps: RunnerDeps,
): ToolDefinition<RunReportCall> {
  return {
    name: RUN_REPORT,
    title: 'Run any wolkvox report',
    description:
      'Runs any wolkvox report by id (list_reports finds ids and params). Historical reports take from ' +
      "(required) and to in the tenant's time zone; real-time and look-up reports take no dates. " +
      "The report's own parameters go in params. Answers: exact totals and the rows that fit (else " +
      `\`limit\`, default ${DEFAULT_LIMIT}); page with next_cursor; fields, filter, group_by, aggregate, order_by ` +
      'and top shape them; chart draws it; format writes every row to a file.',
    input: runReportInput(reports, callContext(deps)),
    prepare: readClock(deps),
    outputSchema: REPORT_OUTPUT_SCHEMA,
    annotations: READ_ONLY_ANNOTATIONS,
    ui: { resourceUri: CHART_VIEW_URI },
    // The next-page hint names the report too: a cursor alone would do, the id makes the call readable.
    run: (call, context) =>
      runReportCall(deps, call, RUN_REPORT, context, { report: call.report.id }, call.chart),
  };
}
