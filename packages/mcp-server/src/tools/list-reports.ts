/**
 * `list_reports`: browse and search the report catalog by keyword, toolset or category. Returns, per report, its
 * id, tool name, titles, toolset, window and parameters: what an assistant needs to pick and call a report.
 */
import { type AnyReport, TOOLSETS, type Toolset } from '@wolkvox-mcp/contracts';
import { fitRows, formatCount, renderTable } from '../answers/render.js';
import { reportToolName } from './report-tools.js';
import {
  type JsonSchema,
  type Parsed,
  type Problem,
  READ_ONLY_ANNOTATIONS,
  type ToolDefinition,
} from './types.js';

export const LIST_REPORTS = 'list_reports';
const DEFAULT_LIST_LIMIT = 25;
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
  tool: string;
  /** Whether the report's own tool is listed (its toolset is enabled); run_report serves every report. */
  listed: boolean;
  title: string;
  title_es: string | null;
  toolset: string;
  category: string;
  window_max_days: number | null;
  params: { name: string; required: boolean; description: string }[];
  questions: string[];
}

/** Lower case, without accents: "Transferencias" matches "transferencias", "código" matches "codigo". */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

function haystack(report: AnyReport): string {
  return fold(
    [
      report.id,
      report.title,
      report.titleEs ?? '',
      report.description,
      report.category,
      report.toolset,
      ...report.questions,
      ...Object.keys(report.fields),
      ...Object.keys(report.params),
    ].join(' '),
  );
}

/** Reports matching the query, best first: more query words found ranks higher; ties keep registry order. */
export function searchReports(
  reports: readonly AnyReport[],
  args: Omit<ListReportsArgs, 'limit' | 'offset'>,
) {
  const words = fold(args.query ?? '')
    .split(/[^\p{L}\p{N}_]+/u)
    .filter((word) => word.length > 1);
  const category = args.category ? fold(args.category) : undefined;
  return reports
    .filter(
      (report) =>
        (!args.toolset || report.toolset === args.toolset) &&
        (!category || fold(report.category).includes(category)),
    )
    .map((report, index) => {
      const text = haystack(report);
      return { report, index, score: words.filter((word) => text.includes(word)).length };
    })
    .filter((hit) => words.length === 0 || hit.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((hit) => hit.report);
}

export function catalogEntry(report: AnyReport, listed: boolean): CatalogEntry {
  return {
    id: report.id,
    tool: reportToolName(report.id),
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
    questions: [...report.questions],
  };
}

const OUTPUT_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    total: { type: 'integer', description: 'Reports matching the search.' },
    offset: { type: 'integer' },
    shown: { type: 'integer' },
    next_offset: { type: ['integer', 'null'] },
    reports: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          tool: { type: 'string' },
          listed: { type: 'boolean' },
          title: { type: 'string' },
          title_es: { type: ['string', 'null'] },
          toolset: { type: 'string' },
          category: { type: 'string' },
          window_max_days: { type: ['integer', 'null'] },
          params: { type: 'array', items: { type: 'object' } },
          questions: { type: 'array', items: { type: 'string' } },
        },
        required: ['id', 'tool', 'listed', 'title', 'toolset', 'category', 'window_max_days', 'params'],
      },
    },
  },
  required: ['total', 'offset', 'shown', 'next_offset', 'reports'],
};

function parse(raw: unknown): Parsed<ListReportsArgs> {
  const args = (raw ?? {}) as Record<string, unknown>;
  const problems: Problem[] = [];
  if (typeof args !== 'object' || Array.isArray(args)) {
    return {
      ok: false,
      problems: [{ field: '(arguments)', message: 'expected an object of named arguments' }],
    };
  }
  const known = ['query', 'toolset', 'category', 'limit', 'offset'];
  for (const name of Object.keys(args)) {
    if (!known.includes(name))
      problems.push({ field: name, message: `unknown argument; list_reports takes: ${known.join(', ')}` });
  }
  for (const name of ['query', 'category'] as const) {
    if (args[name] !== undefined && typeof args[name] !== 'string')
      problems.push({ field: name, message: 'expected a string' });
  }
  const toolsets = Object.keys(TOOLSETS);
  if (args.toolset !== undefined && !toolsets.includes(args.toolset as string)) {
    problems.push({ field: 'toolset', message: `unknown toolset; valid toolsets: ${toolsets.join(', ')}` });
  }
  const limit = args.limit ?? DEFAULT_LIST_LIMIT;
  if (!Number.isSafeInteger(limit) || (limit as number) < 1 || (limit as number) > MAX_LIST_LIMIT) {
    problems.push({ field: 'limit', message: `expected a whole number from 1 to ${MAX_LIST_LIMIT}` });
  }
  const offset = args.offset ?? 0;
  if (!Number.isSafeInteger(offset) || (offset as number) < 0) {
    problems.push({ field: 'offset', message: 'expected a whole number, 0 or more' });
  }
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    value: {
      ...(args.query ? { query: args.query as string } : {}),
      ...(args.toolset ? { toolset: args.toolset as Toolset } : {}),
      ...(args.category ? { category: args.category as string } : {}),
      limit: limit as number,
      offset: offset as number,
    },
  };
}

export function listReportsTool(
  reports: readonly AnyReport[],
  isListed: (report: AnyReport) => boolean,
  maxTextChars: number,
): ToolDefinition<ListReportsArgs> {
  return {
    name: LIST_REPORTS,
    title: 'Find wolkvox reports',
    description:
      'Browses and searches the wolkvox report catalog (agents, skills, calls, IVR, campaigns, chats, real time...). ' +
      "Search by keywords in English or Spanish (`query`), by `toolset` or by `category`. Returns each report's id, " +
      'its tool name, titles, window limit and parameters. Call a report with its wolkvox_<id> tool, or with ' +
      'run_report when that tool is not listed. Full schemas: resource wolkvox://reports/{id}.',
    inputSchema: {
      type: 'object',
      properties: {
        query: { type: 'string', description: 'Keywords, e.g. "transfers", "IVR hour", "tipificación".' },
        toolset: {
          type: 'string',
          enum: Object.keys(TOOLSETS),
          description: 'Only reports of this toolset.',
        },
        category: { type: 'string', description: 'Only reports whose wolkvox category contains this text.' },
        limit: { type: 'integer', minimum: 1, maximum: MAX_LIST_LIMIT, default: DEFAULT_LIST_LIMIT },
        offset: { type: 'integer', minimum: 0, default: 0 },
      },
      additionalProperties: false,
    },
    outputSchema: OUTPUT_SCHEMA,
    annotations: READ_ONLY_ANNOTATIONS,
    parse,
    run: async (args) => {
      const found = searchReports(reports, args);
      const page = found
        .slice(args.offset, args.offset + args.limit)
        .map((report) => catalogEntry(report, isListed(report)));
      const build = (n: number) => {
        const shown = page.slice(0, n);
        const end = args.offset + n;
        const nextOffset = end < found.length ? end : null;
        const table = renderTable(
          ['id', 'tool', 'title', 'toolset', 'window', 'params'],
          shown.map((entry) => ({
            ...entry,
            tool: entry.listed ? entry.tool : `run_report (${entry.tool} not listed)`,
            window:
              entry.window_max_days === null
                ? 'now (no dates)'
                : `from/to, ≤${entry.window_max_days} d per part`,
            params: entry.params.map((p) => `${p.name}${p.required ? '*' : ''}`).join(', ') || '—',
          })),
        );
        const lines = [
          `${formatCount(found.length)} report(s) match${args.query ? ` "${args.query}"` : ''}${args.toolset ? ` in toolset ${args.toolset}` : ''}` +
            `${args.category ? ` in category "${args.category}"` : ''}; showing ${n ? `${args.offset + 1}–${end}` : 'none'}.`,
        ];
        if (table.text) lines.push('', table.text, '', '* = required parameter.');
        if (nextOffset !== null)
          lines.push(`More: call list_reports with the same arguments and offset ${nextOffset}.`);
        const structured = {
          total: found.length,
          offset: args.offset,
          shown: n,
          next_offset: nextOffset,
          reports: shown,
        };
        return { text: lines.join('\n'), structured };
      };
      return fitRows(page.length, maxTextChars - 1, build).built;
    },
  };
}
