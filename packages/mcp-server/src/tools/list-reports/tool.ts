/**
 * `list_reports`: find any report by keyword, toolset or category. With a short tool list (see toolsets.ts) this
 * is how an assistant reaches the other reports, so each entry carries what a call needs: the id, which tool to
 * call, the window, the parameters with whether they are required, and the field names.
 */

import { type AnyReport, TOOLSETS, type Toolset } from '@wolkvox-mcp/contracts';
import { z } from 'zod';
import { LIST_REPORTS, reportToolName, toolFor } from '../../catalog/names.js';
import { TOOLSET_NAMES } from '../../catalog/toolsets.js';
import { fitReply } from '../../results/budget.js';
import { formatCount } from '../../results/render.js';
import {
  boundedString,
  MAX_VALUE_CHARS,
  quietlyBoundedString,
  quoteName,
  wholeNumber,
} from '../shared/controls.js';
import { type JsonSchema, READ_ONLY_ANNOTATIONS, type ToolDefinition } from '../shared/types.js';

const DEFAULT_LIST_LIMIT = 10;
const MAX_LIST_LIMIT = 100;

export interface ListReportsArgs {
  query?: string;
  toolset?: Toolset;
  category?: string;
  limit: number;
  offset: number;
}

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
}

/** Lower case, without accents: "Transferencias" matches "transferencias", "código" matches "codigo". */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

/**
 * A report's searchable words in three tiers: a query word found in a stronger tier ranks the report higher.
 * Words, not substrings, so that "id" finds agent_id but not "transferido".
 */
interface Haystack {
  names: string[];
  strong: string[];
  medium: string[];
  weak: string[];
}

/** The words of a text, folded; `agent_id` gives `agent_id`, `agent` and `id` (ids are searched whole too). */
function words(text: string): string[] {
  const whole = fold(text)
    .split(/[^\p{L}\p{N}_]+/u)
    .filter(Boolean);
  return [...new Set([...whole, ...whole.flatMap((word) => word.split('_').filter(Boolean))])];
}

function haystack(report: AnyReport): Haystack {
  return {
    names: [fold(report.id), fold(reportToolName(report.id))],
    strong: words([report.id, report.title, report.titleEs ?? ''].join(' ')),
    medium: words([report.category, report.toolset, ...report.questions].join(' ')),
    weak: words([report.description, ...Object.keys(report.fields), ...Object.keys(report.params)].join(' ')),
  };
}

/**
 * Whether a tier holds a word starting with the query word ("transfer" finds "transfers", "transferencias"), or
 * with its singular ("llamadas" finds "llamada").
 */
function holds(tier: readonly string[], word: string): boolean {
  const singular = word.length > 4 && word.endsWith('s') ? word.slice(0, -1) : word;
  return tier.some((candidate) => candidate.startsWith(singular));
}

function weight(hay: Haystack, word: string): number {
  if (holds(hay.strong, word)) return 3;
  if (holds(hay.medium, word)) return 2;
  return holds(hay.weak, word) ? 1 : 0;
}

/**
 * Reports matching the query, best first: the report named exactly (id or tool name) first, then more query words
 * found, then words found in the title rather than the description; ties keep registry order.
 */
export function searchReports(
  reports: readonly AnyReport[],
  args: Omit<ListReportsArgs, 'limit' | 'offset'>,
  haystacks: ReadonlyMap<AnyReport, Haystack> = new Map(),
): AnyReport[] {
  const phrase = fold(args.query ?? '').trim();
  const asked = phrase.split(/[^\p{L}\p{N}_]+/u).filter((word) => word.length > 1);
  const category = args.category ? fold(args.category) : undefined;
  return reports
    .filter(
      (report) =>
        (!args.toolset || report.toolset === args.toolset) &&
        (!category || fold(report.category).includes(category)),
    )
    .map((report, index) => {
      const hay = haystacks.get(report) ?? haystack(report);
      const weights = asked.map((word) => weight(hay, word));
      return {
        report,
        index,
        exact: hay.names.includes(phrase),
        found: weights.filter((w) => w > 0).length,
        score: weights.reduce((sum, w) => sum + w, 0),
      };
    })
    .filter((hit) => hit.exact || asked.length === 0 || hit.found > 0)
    .sort(
      (a, b) =>
        Number(b.exact) - Number(a.exact) || b.found - a.found || b.score - a.score || a.index - b.index,
    )
    .map((hit) => hit.report);
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

/** One report in the text answer: how to call it, then its parameters and field names, never shortened. */
function entryText(entry: CatalogEntry): string {
  const titles = `${entry.title}${entry.title_es ? ` (“${entry.title_es}”)` : ''}`;
  const call = entry.listed ? entry.tool : `run_report {"report": "${entry.id}"}`;
  const window = entry.window_max_days === null ? 'no dates (current state)' : 'from (required), to';
  const params = entry.params.map((p) => `${p.name}${p.required ? '*' : ''}`).join(', ') || 'none';
  return [
    `- ${entry.id}: ${titles} [${entry.toolset}; ${entry.category}] → ${call}`,
    `  window: ${window}; params: ${params}`,
    `  fields: ${entry.fields.join(', ')}`,
  ].join('\n');
}

const string = { type: 'string' };

/** The keys a program reads by; entries also carry title, title_es, toolset, category and questions. */
const OUTPUT_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    total: { type: 'integer' },
    next_offset: { type: ['integer', 'null'] },
    reports: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: string,
          tool: string,
          listed: { type: 'boolean' },
          window_max_days: { type: ['integer', 'null'] },
          params: { type: 'array' },
          fields: { type: 'array' },
        },
      },
    },
  },
  required: ['total', 'next_offset', 'reports'],
};

/** The arguments: every one optional; an unknown name is refused naming those it takes. */
const ARGUMENTS_SCHEMA = z
  .strictObject(
    {
      query: boundedString(MAX_VALUE_CHARS)
        .optional()
        .describe('Keywords or an id, e.g. "transfers", "IVR hour", "tipificación"'),
      toolset: z
        .enum(TOOLSET_NAMES, { error: `unknown toolset; valid toolsets: ${TOOLSET_NAMES.join(', ')}` })
        .optional(),
      category: quietlyBoundedString(MAX_VALUE_CHARS).optional().describe('Text of the wolkvox category'),
      limit: wholeNumber(1, MAX_LIST_LIMIT).default(DEFAULT_LIST_LIMIT),
      offset: wholeNumber(0).default(0),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `unknown argument(s) ${issue.keys.slice(0, 5).map(quoteName).join(', ')}; list_reports takes: query, toolset, category, limit, offset`
          : undefined,
    },
  )
  .transform(
    (args): ListReportsArgs => ({
      ...(args.query ? { query: args.query } : {}),
      ...(args.toolset ? { toolset: args.toolset } : {}),
      ...(args.category ? { category: args.category } : {}),
      limit: args.limit,
      offset: args.offset,
    }),
  );

/** When browsing (no query, toolset or category): each toolset, what it covers and how many reports it holds. */
function toolsetOverview(reports: readonly AnyReport[]) {
  return TOOLSET_NAMES.map((name) => ({
    name,
    description: TOOLSETS[name],
    reports: reports.filter((report) => report.toolset === name).length,
  })).filter((toolset) => toolset.reports > 0);
}

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
    input: ARGUMENTS_SCHEMA,
    outputSchema: OUTPUT_SCHEMA,
    annotations: READ_ONLY_ANNOTATIONS,
    run: async (args) => {
      const found = searchReports(reports, args, haystacks);
      const browsing = !args.query && !args.toolset && !args.category;
      const toolsets = browsing ? toolsetOverview(reports) : undefined;
      const page = found
        .slice(args.offset, args.offset + args.limit)
        .map((report) => catalogEntry(report, isListed(report)));
      const build = (n: number) => {
        const shown = page.slice(0, n);
        const end = args.offset + n;
        const nextOffset = end < found.length ? end : null;
        const lines = [
          `${formatCount(found.length)} report(s) match${args.query ? ` "${args.query}"` : ''}${args.toolset ? ` in toolset ${args.toolset}` : ''}` +
            `${args.category ? ` in category "${args.category}"` : ''}; showing ${n ? `${args.offset + 1}–${end}` : 'none'}.`,
        ];
        if (toolsets) {
          lines.push('', 'Toolsets (narrow with toolset or query):');
          for (const t of toolsets) lines.push(`- ${t.name} (${t.reports}): ${t.description}`);
        }
        if (shown.length) lines.push('', ...shown.map(entryText), '', '* = required parameter.');
        if (nextOffset !== null)
          lines.push(`More: call list_reports with the same arguments and offset ${nextOffset}.`);
        const structured = {
          total: found.length,
          offset: args.offset,
          shown: n,
          next_offset: nextOffset,
          ...(toolsets ? { toolsets } : {}),
          reports: shown,
        };
        return { text: lines.join('\n'), structured };
      };
      return fitReply(page.length, build, { maxTextChars }).built;
    },
  };
}
