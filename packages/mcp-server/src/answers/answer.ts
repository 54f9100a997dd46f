/**
 * Turns a fetched result and the answer controls into an answer sized for an assistant's context: exact totals
 * always, the first rows up to `limit`, the way to the next page, and text that stays under the size budget
 * (fewer rows are shown, and the answer says so, rather than cutting the text).
 */
import type { FieldMap } from '@wolkvox-mcp/contracts';
import type { ReportDrift, Row } from '../backend/source.js';
import { driftNotes } from './drift.js';
import { fitRows, formatCount, renderTable } from './render.js';
import { detailColumns, filterRows, groupRows, projectRows } from './shape.js';

/** Text content stays strictly under this many characters. */
export const MAX_TEXT_CHARS = 25_000;
export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 500;

export interface AnswerQuery {
  offset: number;
  limit: number;
  fields?: string[];
  filter?: Record<string, string>;
  groupBy?: string[];
}

export interface FetchedResult {
  rows: readonly Row[];
  window: { from: string; to: string } | null;
  windows: number;
  requests: number;
  /** Milliseconds since the epoch. */
  fetchedAt: number;
  /** How wolkvox's rows differ from the contract, when they do. */
  drift?: ReportDrift;
}

export interface AnswerInput {
  report: { id: string; title: string; fields: FieldMap };
  /** The tool the caller used, named in the paging hint. */
  tool: string;
  /** Arguments the paging hint gives besides the cursor (run_report needs the report id). */
  pagingArgs?: Record<string, string>;
  result: FetchedResult;
  fromCache: boolean;
  /** False when the result was over the cache's byte budget: its next page fetches it again. Default true. */
  kept?: boolean;
  query: AnswerQuery;
  timeZone: string;
  source: 'wolkvox' | 'emulator';
  /** A cursor for the same query starting at `offset`. */
  cursorAt: (offset: number) => string;
  notes?: string[];
  maxTextChars?: number;
}

export interface Answer {
  text: string;
  structured: Record<string, unknown>;
}

function describeFilter(filter: Record<string, string>): string {
  return Object.entries(filter)
    .map(([column, value]) => `${column}=${JSON.stringify(value)}`)
    .join(', ');
}

export function buildAnswer(input: AnswerInput): Answer {
  const { report, result, query } = input;
  const maxText = input.maxTextChars ?? MAX_TEXT_CHARS;
  const notes = [...driftNotes(result.drift), ...(input.notes ?? [])];
  // wolkvox aggregates within one call's window: a window fetched in parts gives each part's groups in turn.
  const aggregates = Object.values(report.fields).some((spec) => typeof spec.from === 'object');
  if (aggregates && result.windows > 1) {
    notes.push(
      `The window was fetched as ${formatCount(result.windows)} windows and this report aggregates within ` +
        "each one: rows are each window's own totals, in order. Use group_by to combine them (sums add up; " +
        'averages and percentages do not).',
    );
  }
  const hasFilter = query.filter !== undefined && Object.keys(query.filter).length > 0;
  const matched = filterRows(result.rows, query.filter);

  let items: readonly Row[];
  let columns: string[];
  if (query.groupBy?.length) {
    const grouped = groupRows(matched, query.groupBy, report.fields, query.fields);
    items = grouped.rows;
    columns = grouped.columns;
    for (const [field, count] of Object.entries(grouped.unreadable)) {
      notes.push(
        `${formatCount(count)} value(s) of ${field} did not read as numbers and are left out of its sum.`,
      );
    }
  } else {
    items = matched;
    columns = query.fields?.length ? [...query.fields] : detailColumns(matched, report.fields);
  }

  const unit = query.groupBy?.length ? 'groups' : 'rows';
  const total = items.length;
  const offset = query.offset;
  const page = projectRows(items.slice(offset, offset + query.limit), columns);
  if (offset > 0 && offset >= total) {
    notes.push(`offset ${offset} is past the end: there are ${formatCount(total)} ${unit}.`);
  }

  const header: string[] = [];
  const sourceNote =
    input.source === 'emulator' ? ' — simulated data from the embedded wolkvox emulator' : '';
  header.push(`wolkvox report ${report.id} "${report.title}"${sourceNote}.`);
  const fetched = `${formatCount(result.requests)} request(s) at ${new Date(result.fetchedAt).toISOString()}${
    input.fromCache ? ', reused from memory' : ''
  }`;
  header.push(
    result.window
      ? `Window: ${result.window.from} to ${result.window.to} (${input.timeZone}); fetched in ${fetched}.`
      : `Current state (no window, ${input.timeZone}); fetched in ${fetched}.`,
  );
  const totals = [`${formatCount(result.rows.length)} rows fetched`];
  if (hasFilter) totals.push(`${formatCount(matched.length)} match ${describeFilter(query.filter!)}`);
  if (query.groupBy?.length) totals.push(`${formatCount(total)} groups by ${query.groupBy.join(', ')}`);
  header.push(`Totals (exact): ${totals.join('; ')}.`);

  const build = (n: number) => {
    const shown = page.slice(0, n);
    const end = offset + n;
    const nextOffset = end < total ? end : null;
    const nextCursor = nextOffset === null ? null : input.cursorAt(nextOffset);
    const pageNotes = [...notes];
    if (input.kept === false && nextOffset !== null) {
      pageNotes.push(
        `The ${formatCount(result.rows.length)} rows fetched take more memory than this server keeps for paging (--cache-mb), so ` +
          'the result was not kept: a next page fetches it again from wolkvox, and its totals may differ from these.',
      );
    }
    if (n < page.length) {
      pageNotes.push(
        `Only ${n} of the ${page.length} ${unit} asked for are shown, to keep this answer under ${formatCount(maxText)} characters; ` +
          'use next_cursor for the rest, or pick fewer columns with `fields`.',
      );
    }
    const table = renderTable(columns, shown);
    if (table.cut)
      pageNotes.push('Long values are shortened in this text; structured content holds them whole.');

    const lines = [...header];
    if (total === 0) {
      lines.push(emptyLine(unit, result.rows.length, result.window !== null));
    } else if (n === 0) {
      lines.push(`Showing no ${unit} (offset ${offset}) of ${formatCount(total)}.`);
    } else {
      const all = offset === 0 && nextOffset === null;
      lines.push(
        `Showing ${unit} ${formatCount(offset + 1)}–${formatCount(end)} of ${formatCount(total)}${all ? ' (all of them)' : ''}.`,
      );
    }
    if (table.text) lines.push('', table.text, '');
    if (nextOffset !== null) {
      const nextCall = JSON.stringify({ ...input.pagingArgs, cursor: nextCursor });
      lines.push(
        `More: ${formatCount(total - end)} ${unit} not shown. Next page: call ${input.tool} with ` +
          `${nextCall} (or the same arguments with offset ${nextOffset}).`,
      );
    }
    for (const note of pageNotes) lines.push(`Note: ${note}`);

    const structured: Record<string, unknown> = {
      report: report.id,
      title: report.title,
      source: input.source,
      time_zone: input.timeZone,
      window: result.window,
      fetched_at: new Date(result.fetchedAt).toISOString(),
      from_cache: input.fromCache,
      requests: result.requests,
      totals: {
        rows: result.rows.length,
        matched: matched.length,
        groups: query.groupBy?.length ? total : null,
      },
      offset,
      limit: query.limit,
      shown: n,
      has_more: nextOffset !== null,
      next_offset: nextOffset,
      next_cursor: nextCursor,
      columns,
      rows: shown,
      notes: pageNotes,
      // Names and row counts only, never values; present only when the answer drifted.
      ...(result.drift ? { drift: result.drift } : {}),
    };
    return { text: lines.join('\n'), structured };
  };

  const { built } = fitRows(page.length, maxText - 1, build);
  return built;
}

/**
 * Why an answer is empty, so an assistant does not retry the same call: wolkvox answers an empty window with 404
 * "Validate dates entered" (no error), and a filter can match nothing in rows that exist.
 */
function emptyLine(unit: string, fetched: number, windowed: boolean): string {
  if (fetched > 0) return `No ${unit} to show: nothing matches the filter among the rows fetched.`;
  if (!windowed) return `No ${unit} to show: the report has nothing at the moment.`;
  return (
    `No ${unit} to show: wolkvox has no records of this report in the window (it answers "Validate dates ` +
    'entered" for an empty one, e.g. a day the agents do not work). Try another window or report.'
  );
}
