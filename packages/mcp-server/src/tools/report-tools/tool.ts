/**
 * A report's own tool, generated from its registry entry: name `wolkvox_<id>`, its title, a short description of
 * the questions it answers, the input schema of its call (the contracts' request vocabulary and the
 * controls, tools/common/report-call.ts) and the shared output schema. No per-report code: a new registry entry becomes a
 * tool here unchanged (listed when its toolset is).
 */
import type { AnyReport } from '@wolkvox-mcp/contracts';
import { reportToolName } from '../../catalog/names.js';
import { callContext, type ReportCall, readClock, reportCallSchema } from '../common/report-call.js';
import { REPORT_OUTPUT_SCHEMA } from '../common/report-output.js';
import { type RunnerDeps, runReportCall } from '../common/run.js';
import { READ_ONLY_ANNOTATIONS, type ToolDefinition } from '../common/types.js';
import { describeReportTool } from './describe.js';

export function reportTool(report: AnyReport, deps: RunnerDeps): ToolDefinition<ReportCall> {
  const name = reportToolName(report.id);
  let input: ToolDefinition<ReportCall>['input'] | undefined;
  return {
    name,
    title: report.title,
    description: describeReportTool(report),
    // Built on first use: a server listing few tools never builds the schemas of the others.
    get input() {
      input ??= reportCallSchema(report, callContext(deps), name);
      return input;
    },
    prepare: readClock(deps),
    outputSchema: REPORT_OUTPUT_SCHEMA,
    annotations: READ_ONLY_ANNOTATIONS,
    run: (call, context) => runReportCall(deps, call, name, context),
  };
}
