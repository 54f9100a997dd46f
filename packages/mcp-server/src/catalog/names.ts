/**
 * The names of the tools, where every part of the server that points an assistant at a tool reads them: the tools
 * themselves, the resources (the tool to call for each report), the prompts (the calls they spell out) and the
 * paging hints.
 */
import type { AnyReport } from '@wolkvox-mcp/contracts';
import { fold } from '../results/values.js';
import { closeMatches } from './suggest.js';

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

/** How a caller may name a report: its id or tool name in any case (`AGENT_1`, `wolkvox_agent_1`), or a title. */
export interface ReportNames {
  /** The report so named, or undefined. */
  find(name: string): AnyReport | undefined;
  /** The ids nearest a name that named none (a mistyped id, or a title a few letters off), nearest first. */
  near(name: string): string[];
  /** Every id, in registry order. */
  ids: string[];
}

/** A name as compared: accents and case folded, spaces collapsed, quotes and a tool prefix dropped. */
const nameKey = (name: string) =>
  fold(name)
    .trim()
    .replace(/^["'“”«»]+|["'“”«»]+$/g, '')
    .replace(/\s+/g, ' ')
    .replace(/^wolkvox_/, '');

export function reportNames(reports: readonly AnyReport[]): ReportNames {
  const byKey = new Map<string, AnyReport>();
  // Titles first, so that an id always wins where one could be read both ways.
  for (const report of reports) {
    for (const title of [report.title, report.titleEs]) if (title) byKey.set(nameKey(title), report);
  }
  for (const report of reports) {
    byKey.set(nameKey(report.id), report);
    byKey.set(nameKey(reportToolName(report.id)), report);
  }
  const ids = reports.map((report) => report.id);
  const titles = reports.map((report) => nameKey(report.title));
  return {
    find: (name) => byKey.get(nameKey(name)),
    near(name) {
      const key = nameKey(name);
      const byId = closeMatches(key, ids);
      if (byId.length) return byId;
      const titled = new Set(closeMatches(key, titles));
      return reports.filter((report) => titled.has(nameKey(report.title))).map((report) => report.id);
    },
    ids,
  };
}
