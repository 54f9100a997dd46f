/**
 * list_reports' reply: a page of the reports found, each entry carrying what a call needs (the id, which tool to
 * call, the window, the parameters with whether they are required, the field names), and when browsing an outline
 * of the toolsets; as many entries as fit the reply budget.
 */
import { type AnyReport, TOOLSETS } from '@wolkvox-mcp/contracts';
import { toolFor } from '../../catalog/names.js';
import { TOOLSET_NAMES } from '../../catalog/toolsets.js';
import { fitReply } from '../../results/budget.js';
import { formatCount } from '../../results/render.js';
import type { ToolReply } from '../common/types.js';
import type { ListReportsArgs } from './schema.js';
import type { SearchResult } from './search.js';

export interface CatalogEntry {
  id: string;
  /** The tool to call: the report's own when listed, else `run_report` (with `report: id`). */
  tool: string;
  /** Whether the report's own tool is listed; run_report serves every report either way. */
  listed: boolean;
  title: string;
  title_es: string | null;
  toolset: string;
  category: string;
  window_max_days: number | null;
  params: { name: string; required: boolean; description: string }[];
  fields: string[];
  questions: string[];
  /** The query words that found it, and where (`transfer (title)`); absent when browsing. */
  matched?: string[];
}

export function catalogEntry(report: AnyReport, listed: boolean): CatalogEntry {
  return {
    id: report.id,
    tool: toolFor(report, listed),
    listed,
    title: report.title,
    title_es: report.titleEs ?? null,
    toolset: report.toolset,
    category: report.category,
    window_max_days: report.window?.maxDays ?? null,
    params: Object.entries(report.params).map(([name, spec]) => ({
      name,
      required: spec.required,
      description: spec.description,
    })),
    fields: Object.keys(report.fields),
    questions: [...report.questions],
  };
}

/** One report in the text: how to call it, why it was found, then its parameters and field names, never shortened. */
function entryText(entry: CatalogEntry): string {
  const titles = `${entry.title}${entry.title_es ? ` (“${entry.title_es}”)` : ''}`;
  const call = entry.listed ? entry.tool : `run_report {"report": "${entry.id}"}`;
  const window = entry.window_max_days === null ? 'no dates (current state)' : 'from (required), to';
  const params = entry.params.map((p) => `${p.name}${p.required ? '*' : ''}`).join(', ') || 'none';
  return [
    `- ${entry.id}: ${titles} [${entry.toolset}; ${entry.category}] → ${call}`,
    ...(entry.matched?.length ? [`  found by: ${entry.matched.join(', ')}`] : []),
    `  window: ${window}; params: ${params}`,
    `  fields: ${entry.fields.join(', ')}`,
  ].join('\n');
}

/** When browsing (no query, toolset or category): each toolset, what it covers and how many reports it holds. */
function toolsetOverview(reports: readonly AnyReport[]) {
  return TOOLSET_NAMES.map((name) => ({
    name,
    description: TOOLSETS[name],
    reports: reports.filter((report) => report.toolset === name).length,
  })).filter((toolset) => toolset.reports > 0);
}

export interface ListReplyInput {
  /** Every report the server serves (the toolset outline counts them). */
  reports: readonly AnyReport[];
  /** The reports the search found, best first, with why. */
  found: SearchResult;
  args: ListReportsArgs;
  isListed: (report: AnyReport) => boolean;
  maxTextChars: number;
}

export function listReply({ reports, found, args, isListed, maxTextChars }: ListReplyInput): ToolReply {
  const browsing = !args.query && !args.toolset && !args.category;
  const toolsets = browsing ? toolsetOverview(reports) : undefined;
  const hits = found.hits;
  const page = hits.slice(args.offset, args.offset + args.limit).map((hit) => ({
    ...catalogEntry(hit.report, isListed(hit.report)),
    ...(hit.why.length ? { matched: hit.why } : {}),
  }));
  const notes: string[] = [];
  if (found.corrected.length) {
    const read = found.corrected.map(({ from, to }) => `"${from}" as "${to}"`).join(', ');
    notes.push(`No report holds every word as written; read ${read}.`);
  }
  if (found.weaker > 0) {
    notes.push(
      `${formatCount(found.weaker)} more report(s) match only words most reports hold; add a keyword, or a ` +
        'toolset, to look among them.',
    );
  }
  const build = (n: number) => {
    const shown = page.slice(0, n);
    const end = args.offset + n;
    const nextOffset = end < hits.length ? end : null;
    const lines = [
      `${formatCount(hits.length)} report(s) match${args.query ? ` "${args.query}"` : ''}${args.toolset ? ` in toolset ${args.toolset}` : ''}` +
        `${args.category ? ` in category "${args.category}"` : ''}; showing ${n ? `${args.offset + 1}–${end}` : 'none'}.`,
    ];
    if (toolsets) {
      lines.push('', 'Toolsets (narrow with toolset or query):');
      for (const t of toolsets) lines.push(`- ${t.name} (${t.reports}): ${t.description}`);
    }
    if (shown.length) lines.push('', ...shown.map(entryText), '', '* = required parameter.');
    if (nextOffset !== null)
      lines.push(`More: call list_reports with the same arguments and offset ${nextOffset}.`);
    for (const note of notes) lines.push(`Note: ${note}`);
    if (hits.length === 0 && args.query) {
      lines.push(
        'Nothing matched: try other words (English or Spanish), a report id such as agent_1, or browse with ' +
          'toolset (agents, skills, calls, ivr, campaigns, chat, ...).',
      );
    }
    const structured = {
      total: hits.length,
      ...(found.corrected.length ? { corrected: found.corrected } : {}),
      ...(found.weaker ? { weaker: found.weaker } : {}),
      offset: args.offset,
      shown: n,
      next_offset: nextOffset,
      ...(toolsets ? { toolsets } : {}),
      reports: shown,
    };
    return { text: lines.join('\n'), structured };
  };
  return fitReply(page.length, build, { maxTextChars }).built;
}
