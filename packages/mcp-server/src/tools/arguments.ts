/**
 * Checking a report call's arguments: the window, the report's own parameters and the answer controls. Every
 * problem names the argument and says what to send instead (the expected date format, the valid columns...).
 */
import type { AnyReport } from '@wolkvox-mcp/contracts';
import { type AnswerQuery, DEFAULT_LIMIT, MAX_LIMIT } from '../answers/answer.js';
import { type CursorState, decodeCursor } from '../answers/cursor.js';
import type { ReportRequest } from '../backend/source.js';
import { parseWindowEdge, type TenantToday, type WindowEdge, windowDays } from './dates.js';
import type { Parsed, Problem } from './types.js';

/** The longest window one tool call may cover; longer ones would spend much of a day's quota at once. */
export const MAX_WINDOW_DAYS_PER_CALL = 366;

export const CONTROL_NAMES = ['limit', 'offset', 'cursor', 'fields', 'filter', 'group_by'] as const;

export interface ReportCall {
  report: AnyReport;
  request: ReportRequest;
  query: AnswerQuery;
  /** The cursor the call continues, if any. */
  cursor?: CursorState;
}

function listing(values: readonly string[]): string {
  return values.length ? values.join(', ') : '(none)';
}

/** A scalar written as a string, as every wolkvox value is; numbers and booleans are accepted as their text. */
function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  return undefined;
}

function asInteger(value: unknown): number | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isSafeInteger(number) ? number : undefined;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function argumentNames(report: AnyReport): string[] {
  return [...(report.window ? ['from', 'to'] : []), ...Object.keys(report.params), ...CONTROL_NAMES];
}

function parseColumns(
  value: unknown,
  field: string,
  columns: readonly string[],
  problems: Problem[],
): string[] | undefined {
  if (value === undefined) return undefined;
  const items = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(items) || items.some((item) => typeof item !== 'string')) {
    problems.push({
      field,
      message: `expected an array of column names; valid columns: ${listing(columns)}`,
    });
    return undefined;
  }
  const unknown = items.filter((item) => !columns.includes(item));
  if (unknown.length) {
    problems.push({
      field,
      message: `unknown column(s) ${unknown.map((item) => JSON.stringify(item)).join(', ')}; valid columns: ${listing(columns)}`,
    });
    return undefined;
  }
  return [...new Set(items as string[])];
}

function parseFilter(
  value: unknown,
  columns: readonly string[],
  problems: Problem[],
): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push({
      field: 'filter',
      message: 'expected an object of column -> exact value, e.g. {"agent_id": "1001"}',
    });
    return undefined;
  }
  const filter: Record<string, string> = {};
  for (const [column, raw] of Object.entries(value)) {
    if (!columns.includes(column)) {
      problems.push({
        field: `filter.${column}`,
        message: `unknown column; valid columns: ${listing(columns)}`,
      });
      continue;
    }
    const text = asText(raw);
    if (text === undefined) {
      problems.push({ field: `filter.${column}`, message: 'expected the exact value as a string' });
      continue;
    }
    filter[column] = text;
  }
  return filter;
}

function parseWindow(
  report: AnyReport,
  args: Record<string, unknown>,
  problems: Problem[],
  fromCursor: boolean,
  today?: TenantToday,
): Pick<ReportRequest, 'from' | 'to'> {
  if (!report.window) {
    for (const name of ['from', 'to']) {
      if (args[name] !== undefined) {
        problems.push({
          field: name,
          message: `${report.id} describes the current state and takes no window; leave out from/to`,
        });
      }
    }
    return {};
  }
  if (args.from === undefined) {
    if (!fromCursor)
      problems.push({ field: 'from', message: 'is required: the start of the window, e.g. 2025-02-03' });
    if (args.to !== undefined && !fromCursor) problems.push({ field: 'to', message: 'needs `from` as well' });
    return {};
  }
  const from = parseWindowEdge(args.from, today);
  const to = args.to === undefined ? undefined : parseWindowEdge(args.to, today);
  if (typeof from === 'string') problems.push({ field: 'from', message: from });
  if (typeof to === 'string') problems.push({ field: 'to', message: to });
  if (typeof from === 'string' || typeof to === 'string') return {};
  checkOrder(from, to, problems);
  // Without `to`, the window ends with the day of `from` (a bare date means the end of that day).
  return { from: from.value, to: to?.value ?? from.value.slice(0, 10) };
}

function checkOrder(from: WindowEdge, to: WindowEdge | undefined, problems: Problem[]): void {
  const days = windowDays(from, to);
  if (days === undefined) return;
  if (days < 0) {
    problems.push({ field: 'to', message: `must not be before from (${from.value})` });
  } else if (days > MAX_WINDOW_DAYS_PER_CALL) {
    problems.push({
      field: 'to',
      message: `the window spans ${Math.ceil(days)} days; one call covers at most ${MAX_WINDOW_DAYS_PER_CALL}: narrow it`,
    });
  }
}

function parseParams(
  report: AnyReport,
  args: Record<string, unknown>,
  problems: Problem[],
  fromCursor: boolean,
) {
  const params: Record<string, string> = {};
  for (const [name, spec] of Object.entries(report.params)) {
    const raw = args[name];
    if (raw === undefined) {
      if (spec.required && !fromCursor) {
        problems.push({
          field: name,
          message: `is required: ${spec.description} (e.g. ${JSON.stringify(spec.example)})`,
        });
      }
      continue;
    }
    const text = asText(raw);
    const checked = text === undefined ? undefined : spec.schema.safeParse(text);
    if (!checked?.success) {
      const rule = checked?.error.issues[0]?.message ?? 'expected a string';
      problems.push({
        field: name,
        message: `${rule}. ${spec.description} (e.g. ${JSON.stringify(spec.example)})`,
      });
      continue;
    }
    params[name] = checked.data;
  }
  return params;
}

/**
 * Parses the arguments of a call to `report`: from/to, its own parameters, the answer controls, or a cursor that
 * fixes all of them but `limit`.
 */
/** A tool's arguments as named values, or the problem an assistant can fix: arguments are always an object. */
export function namedArguments(
  raw: unknown,
): { ok: true; values: Record<string, unknown> } | { ok: false; problems: Problem[] } {
  const args = raw ?? {};
  if (typeof args !== 'object' || Array.isArray(args)) {
    return {
      ok: false,
      problems: [{ field: '(arguments)', message: 'expected an object of named arguments' }],
    };
  }
  return { ok: true, values: args as Record<string, unknown> };
}

export function parseReportCall(
  report: AnyReport,
  raw: unknown,
  tool: string,
  today?: TenantToday,
): Parsed<ReportCall> {
  const named = namedArguments(raw);
  if (!named.ok) return named;
  const values = named.values;
  const problems: Problem[] = [];
  const names = argumentNames(report);
  for (const name of Object.keys(values)) {
    // from/to on a real-time report get their own, clearer, problem below.
    if (!names.includes(name) && name !== 'from' && name !== 'to') {
      problems.push({ field: name, message: `unknown argument; ${tool} takes: ${listing(names)}` });
    }
  }

  let cursor: CursorState | undefined;
  if (values.cursor !== undefined) {
    cursor = typeof values.cursor === 'string' ? decodeCursor(values.cursor) : undefined;
    if (!cursor) {
      problems.push({
        field: 'cursor',
        message: 'not a cursor from this server; pass next_cursor exactly as it came',
      });
    } else if (cursor.report !== report.id) {
      problems.push({
        field: 'cursor',
        message: `this cursor pages report ${cursor.report}, not ${report.id}; call wolkvox_${cursor.report} or run_report with it`,
      });
    }
  }

  const columns = Object.keys(report.fields);
  const window = parseWindow(report, values, problems, cursor !== undefined, today);
  const params = parseParams(report, values, problems, cursor !== undefined);
  const limit = values.limit === undefined ? undefined : asInteger(values.limit);
  if (values.limit !== undefined && (limit === undefined || limit < 1 || limit > MAX_LIMIT)) {
    problems.push({ field: 'limit', message: `expected a whole number from 1 to ${MAX_LIMIT}` });
  }
  const offset = values.offset === undefined ? undefined : asInteger(values.offset);
  if (values.offset !== undefined && (offset === undefined || offset < 0)) {
    problems.push({ field: 'offset', message: 'expected a whole number, 0 or more' });
  }
  const fields = parseColumns(values.fields, 'fields', columns, problems);
  const filter = parseFilter(values.filter, columns, problems);
  const groupBy = parseColumns(values.group_by, 'group_by', columns, problems);
  if (groupBy && groupBy.length === 0)
    problems.push({ field: 'group_by', message: 'name at least one column' });
  if (problems.length) return { ok: false, problems };

  const request: ReportRequest = { ...window, ...params };
  const query: AnswerQuery = {
    offset: offset ?? 0,
    limit: limit ?? DEFAULT_LIMIT,
    ...(fields?.length ? { fields } : {}),
    ...(filter && Object.keys(filter).length ? { filter } : {}),
    ...(groupBy?.length ? { groupBy } : {}),
  };
  if (!cursor) return { ok: true, value: { report, request, query } };

  // A cursor fixes the query: anything else given must agree with it.
  const fixed: [string, unknown, unknown][] = [
    ['offset', offset, cursor.offset],
    ['fields', fields, cursor.fields],
    ['filter', query.filter, cursor.filter],
    ['group_by', groupBy, cursor.groupBy],
  ];
  for (const [name, value] of Object.entries(request)) {
    // Only what the caller wrote counts: a `to` derived from `from` is not a disagreement.
    if (values[name] !== undefined) fixed.push([name, value, cursor.request[name]]);
  }
  for (const [name, given, expected] of fixed) {
    if (given !== undefined && !sameJson(given, expected)) {
      problems.push({
        field: name,
        message: `differs from the cursor's query (${JSON.stringify(expected ?? null)}); drop the cursor to ask something new`,
      });
    }
  }
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    value: {
      report,
      cursor,
      request: cursor.request,
      query: {
        offset: cursor.offset,
        limit: limit ?? cursor.limit,
        ...(cursor.fields ? { fields: cursor.fields } : {}),
        ...(cursor.filter ? { filter: cursor.filter } : {}),
        ...(cursor.groupBy ? { groupBy: cursor.groupBy } : {}),
      },
    },
  };
}
