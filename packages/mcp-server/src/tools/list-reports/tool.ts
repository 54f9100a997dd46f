/**
 * `list_reports`: find any report by keyword, toolset or category. With a short tool list (see
 * catalog/toolsets.ts) this is how an assistant reaches the other reports.
 */
import type { AnyReport } from '@wolkvox-mcp/contracts';
import { LIST_REPORTS } from '../../catalog/names.js';
import { READ_ONLY_ANNOTATIONS, type ToolDefinition } from '../common/types.js';
import { listReply } from './reply.js';
import { LIST_REPORTS_INPUT, LIST_REPORTS_OUTPUT, type ListReportsArgs } from './schema.js';
import { haystack, searchReports } from './search.js';

export function listReportsTool(
  reports: readonly AnyReport[],
  isListed: (report: AnyReport) => boolean,
  maxTextChars: number,
): ToolDefinition<ListReportsArgs> {
  const haystacks = new Map(reports.map((report) => [report, haystack(report)]));
  return {
    name: LIST_REPORTS,
    title: 'Find wolkvox reports',
    description:
      `Finds any of the ${reports.length} wolkvox reports (agents, skills, calls, IVR, campaigns, chat, quality, ` +
      'speech, real time, look-ups) by keywords in English or Spanish, an id, a toolset or a category. Each ' +
      'result gives the id, the tool to call (its wolkvox_<id> tool, or run_report with the id), the window, ' +
      'params (* = required) and field names. Field meanings: wolkvox://reports/{id}.',
    input: LIST_REPORTS_INPUT,
    outputSchema: LIST_REPORTS_OUTPUT,
    annotations: READ_ONLY_ANNOTATIONS,
    run: async (args) =>
      listReply({ reports, found: searchReports(reports, args, haystacks), args, isListed, maxTextChars }),
  };
}
