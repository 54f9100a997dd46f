/**
 * Which report tools tools/list carries. The selection decides only which reports get their own `wolkvox_<id>`
 * tool: list_reports and run_report are always listed and reach every report, so nothing becomes unreachable.
 * Every listed tool costs context in every conversation, hence a small default: the discovery pair plus the few
 * reports asked for most. Clients that want more name toolsets (`--toolsets calls,ivr`, `default,ivr`, `all`).
 */
import { type AnyReport, TOOLSETS, type Toolset } from '@wolkvox-mcp/contracts';

/** A name accepted in `--toolsets`: a registry toolset, or `default` for the default report tools. */
export type ToolsetName = Toolset | 'default';
export type ToolSelection = 'all' | readonly ToolsetName[];

export const DEFAULT_SELECTION: ToolSelection = ['default'];

/**
 * Reports that get their own tool by default, by ids (a missing id is skipped, so the registry may change under
 * it). Chosen for the questions asked most: "what happened in the last minutes?" (calls_last_10, the one live
 * view, no dates to get wrong) and "how did the day go?" (act_3: what every typified interaction ended as).
 * Each costs ~1.5 KB of tools/list, so the rest stay one run_report away; the e2e test bounds the total at 8 KB.
 */
export const DEFAULT_REPORT_TOOLS: readonly string[] = ['calls_last_10', 'act_3'];

export const TOOLSET_NAMES = Object.keys(TOOLSETS) as Toolset[];

/** Every name `--toolsets` accepts, for messages. */
export const SELECTION_NAMES = ['all', 'default', ...TOOLSET_NAMES] as const;

function isToolsetName(name: string): name is ToolsetName {
  return name === 'default' || Object.hasOwn(TOOLSETS, name);
}

/** Reads comma-separated names; `unknown` lists those that are none of SELECTION_NAMES. */
export function parseToolsets(names: readonly string[]): { selection: ToolSelection; unknown: string[] } {
  const unknown = names.filter((name) => name !== 'all' && !isToolsetName(name));
  if (names.includes('all')) return { selection: 'all', unknown };
  const known = [...new Set(names.filter(isToolsetName))];
  return { selection: known.length ? known : DEFAULT_SELECTION, unknown };
}

/** Whether a report's own tool is listed under the selection. */
export function isListedBy(selection: ToolSelection): (report: AnyReport) => boolean {
  if (selection === 'all') return () => true;
  const withDefault = selection.includes('default');
  return (report) =>
    selection.includes(report.toolset) || (withDefault && DEFAULT_REPORT_TOOLS.includes(report.id));
}

/** The selection as `--toolsets` would write it. */
export function selectionText(selection: ToolSelection): string {
  return selection === 'all' ? 'all' : selection.join(',');
}
