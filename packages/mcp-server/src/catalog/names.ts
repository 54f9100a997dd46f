/**
 * The names of the tools, where every part of the server that points an assistant at a tool reads them: the tools
 * themselves, the resources (the tool to call for each report), the prompts (the calls they spell out) and the
 * paging hints.
 */
import type { AnyReport } from '@wolkvox-mcp/contracts';

export const LIST_REPORTS = 'list_reports';
export const RUN_REPORT = 'run_report';
export const QUERY_REPORTS = 'query_reports';

/** The tool name of a report: `wolkvox_<id>`, with anything outside [A-Za-z0-9_.-] made `_`. */
export function reportToolName(id: string): string {
  return `wolkvox_${id.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
}

/**
 * The tool that runs a report under the toolset selection: its own when listed, else run_report (always listed);
 * naming an unlisted tool would send an assistant to "Tool not found".
 */
export function toolFor(report: AnyReport, listed: boolean): string {
  return listed ? reportToolName(report.id) : RUN_REPORT;
}
