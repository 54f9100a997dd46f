/**
 * Turns a fetched result and the controls into the reply of a report call, sized for an assistant's context:
 * exact totals always (filter, groups, aggregates and order over every row fetched), the rows that fit and the
 * way to the next page, text plus structured content within the budget of budget.ts: fewer rows are shown, and
 * the reply says so, rather than cutting anything; only a single row too long for any reply is cut (cell by cell),
 * and said to be.
 */

import type { QuotaState } from '@wolkvox-mcp/client';
import {
  type CalendarContext,
  type FieldKind,
  type FieldMap,
  formatTimestamp,
  wallTimeAt,
} from '@wolkvox-mcp/contracts';
import { cutText } from '../backend/quote.js';
import type { ReportDrift, Row } from '../backend/source.js';
import { groupRows, type SkewedAverage } from './aggregate.js';
import {
  boundNotes,
  type CellCut,
  cutRowNote,
  fitRows,
  fitsReply,
  MAX_REPLY_CHARS,
  MAX_TEXT_CHARS,
  type Reply,
  type ReplyLimits,
} from './budget.js';
import { detailColumns, projectRows } from './columns.js';
import { type Controls, DEFAULT_LIMIT, MAX_LIMIT } from './controls.js';
import { driftContent, driftNotes } from './drift.js';
import { compileFilter, describeFilter, filterRows, unmatchedNotes } from './filter.js';
import { type OrderKey, readOrderKey, sortRows, type TopTies, tiesAtCut } from './order.js';
import { formatCount, renderTable } from './render.js';
import { sharingNotes } from './sharing.js';
import { structuredValue } from './values.js';

export interface FetchedResult {
  rows: readonly Row[];
  window: { from: string; to: string } | null;
  windows: number;
  requests: number;
  /** Windows answered from the client's closed-day cache rather than wolkvox (absent when none was). */
  cachedWindows?: number;
  /** Milliseconds since the epoch, on the source's clock. */
  fetchedAt: number;
  /** How wolkvox's rows differ from the contract, when they do. */
  drift?: ReportDrift;
  /** The token's daily count and why the limits were shared less widely than configured (sharing.ts). */
  quota?: QuotaState;
  warnings?: readonly string[];
}

export interface ReportReplyInput extends ReplyLimits {
  report: { id: string; title: string; fields: FieldMap };
  /** The tool the caller used, named in the paging hint. */
  tool: string;
  /** Arguments the paging hint gives besides the cursor (run_report needs the report id). */
  pagingArgs?: Record<string, string>;
  result: FetchedResult;
  fromCache: boolean;
  /** False when the result was over the cache's byte budget: its next page fetches it again. Default true. */
  kept?: boolean;
  controls: Controls;
  timeZone: string;
  /** The source's clock: filter dates such as `yesterday` read against it, and a reply's age is told by it. */
  now?: () => Date;
  source: 'wolkvox' | 'emulator';
  /**
   * A cursor for the same query starting at `offset`, pages of `limit`; null when the query is too long to carry
   * in a cursor (long filter lists): the reply then pages by offset.
   */
  cursorAt: (offset: number, limit: number) => string | null;
  notes?: string[];
  /** What the reply carries besides its page, built once from every row of the shaped result (a chart). */
  attach?: (shaped: ShapedRows) => ReplyAttachment | undefined;
}

/** Every row of a shaped result (filtered, grouped, ordered, topped: not a page), its columns and their kinds. */
export type ShapedRows = Pick<Shaped, 'items' | 'columns' | 'kinds'>;

/** Structured content and notes added to every page of a reply, within its budget. */
export interface ReplyAttachment {
  structured: Record<string, unknown>;
  notes: string[];
}

export interface ReportReply extends Reply {
  structured: Record<string, unknown>;
}

/** Characters of a control the totals line says back (a filter of a hundred long values, say). */
const CONTROL_TEXT_CHARS = 1_000;

/** `35 s`, `2 min 5 s`: how old a window-less reply is. */
function ageText(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
}

export interface Shaped {
  matched: readonly Row[];
  items: readonly Row[];
  /** Before `top`: what the order ran over. */
  ranked: number;
  /** Rows tied with the last one `top` kept, some of them left out (absent when the cut is clean). */
  ties?: TopTies;
  columns: string[];
  kinds: Record<string, FieldKind | undefined>;
  notes: string[];
}

/** Filter, group or aggregate, order and top, over every row fetched (an export writes `items` whole). */
export function shapeResult(
  input: Pick<ReportReplyInput, 'report' | 'result' | 'controls'>,
  calendar: CalendarContext,
): Shaped {
  const { report, result, controls } = input;
  const notes: string[] = [];
  const compiled = compileFilter(controls.filter, report.fields, calendar);
  const matched = filterRows(result.rows, compiled);
  if (matched.length === 0 && compiled.tests.length > 0) notes.push(...unmatchedNotes(result.rows, compiled));

  let items: readonly Row[];
  let columns: string[];
  let kinds: Record<string, FieldKind | undefined>;
  if (controls.groupBy?.length || controls.aggregate) {
    const grouped = groupRows(matched, controls.groupBy ?? [], report.fields, {
      ...(controls.aggregate ? { aggregates: controls.aggregate } : {}),
      ...(controls.fields ? { sumFields: controls.fields } : {}),
    });
    items = grouped.rows;
    columns = grouped.columns;
    kinds = grouped.kinds;
    for (const skew of grouped.skewed) notes.push(skewNote(skew, grouped.rows.length));
    for (const [field, count] of Object.entries(grouped.unreadable)) {
      notes.push(
        `${formatCount(count)} value(s) of ${field} did not read as its kind and are left out of its aggregates.`,
      );
    }
  } else {
    items = matched;
    if (controls.fields?.length) columns = [...controls.fields];
    else {
      const detail = detailColumns(matched, report.fields);
      columns = detail.columns;
      if (detail.unshown > 0) {
        notes.push(
          `wolkvox sent ${formatCount(detail.unshown)} more column(s) the report's contract does not know; they ` +
            'are left out of this answer (too many, or names too long, for one answer).',
        );
      }
    }
    kinds = Object.fromEntries(Object.entries(report.fields).map(([name, spec]) => [name, spec.kind]));
  }
  const order = (controls.orderBy ?? [])
    .map(readOrderKey)
    .filter((key): key is OrderKey => key !== undefined);
  if (order.length) items = sortRows(items, order, kinds);
  const ranked = items.length;
  let ties: TopTies | undefined;
  if (controls.top !== undefined) {
    // A grouped reply without order_by is ranked by count (groupRows' order): ties are counted on it.
    const rankedBy = order.length ? order : controls.groupBy?.length ? [{ column: 'count', desc: true }] : [];
    ties = tiesAtCut(items, controls.top, rankedBy, kinds);
    if (ties) notes.push(tieNote(ties, controls.groupBy?.length ? 'groups' : 'rows'));
    items = items.slice(0, controls.top);
  }
  return { matched, items, ranked, columns, kinds, notes, ...(ties ? { ties } : {}) };
}

/** Durations past this many seconds read as conversations closed by an inactivity timeout, not worked. */
const TIMEOUT_LIKE_SECONDS = 20 * 3600;

/** Why an average is not the typical value, and what to ask instead. */
function skewNote(skew: SkewedAverage, groups: number): string {
  const { example } = skew;
  const where = example.keys.length
    ? ` (e.g. ${example.keys.map((key) => JSON.stringify(cutText(key, 60))).join(', ')})`
    : '';
  const scope = example.keys.length
    ? `in ${formatCount(skew.groups)} of ${formatCount(groups)} group(s)`
    : 'here';
  const seconds = ['duration', 'seconds'].includes(skew.kind)
    ? example.largest
    : skew.kind === 'minutes'
      ? example.largest * 60
      : 0;
  const cause =
    seconds >= TIMEOUT_LIKE_SECONDS
      ? ` Values near a day are usually conversations the platform closed by inactivity timeout, not time worked: filter ${skew.field} below them for a typical figure.`
      : ' Ask for min/max, or filter the far values out, for a typical figure.';
  return (
    `${skew.column} is pulled up by a few far values ${scope}${where}: average ${formatCount(example.mean)}, ` +
    `median ${formatCount(example.median)}, ${formatCount(example.far)} value(s) over ten times the median (the largest ${formatCount(example.largest)}).${cause}`
  );
}
/** `14 rows tie at calls 5 at the top cut; 9 of them are shown (top 10).` */
function tieNote(ties: TopTies, unit: string): string {
  const at = Object.entries(ties.values)
    .map(([column, value]) => `${column} ${cutText(JSON.stringify(value ?? null), 100)}`)
    .join(', ');
  return (
    `${formatCount(ties.tied)} ${unit} tie at ${at} at the top cut; ${formatCount(ties.shown)} of them are shown. ` +
    `Raise top by ${formatCount(ties.tied - ties.shown)} to see them all, or add a tiebreaker to order_by.`
  );
}

export function reportReply(input: ReportReplyInput): ReportReply {
  const { report, result, controls } = input;
  const calendar: CalendarContext = { timeZone: input.timeZone, ...(input.now ? { now: input.now } : {}) };
  const notes = [...driftNotes(result.drift), ...sharingNotes(result), ...(input.notes ?? [])];
  // wolkvox aggregates within one call's window: a window fetched in parts gives each part's groups in turn.
  const aggregates = Object.values(report.fields).some((spec) => typeof spec.from === 'object');
  if (aggregates && result.windows > 1) {
    notes.push(
      `The window was fetched as ${formatCount(result.windows)} windows and this report aggregates within ` +
        "each one: rows are each window's own totals, in order. Use group_by to combine them (sums add up; " +
        'averages and percentages do not).',
    );
  }
  const shaped = shapeResult(input, calendar);
  notes.push(...shaped.notes);
  const { matched, items, columns, kinds } = shaped;
  const attachment = input.attach?.(shaped);
  if (attachment) notes.push(...attachment.notes);
  const hasFilter = controls.filter !== undefined && Object.keys(controls.filter).length > 0;
  const grouped = Boolean(controls.groupBy?.length);
  const unit = grouped ? 'groups' : 'rows';
  const total = items.length;
  const offset = controls.offset;
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
  const now = (input.now?.() ?? new Date()).getTime();
  const asOf = formatTimestamp(wallTimeAt(result.fetchedAt, input.timeZone));
  const ageSeconds = Math.max(0, Math.round((now - result.fetchedAt) / 1000));
  header.push(
    result.window
      ? `Window: ${result.window.from} to ${result.window.to} (${input.timeZone}); fetched in ${fetched}.`
      : `Current state as of ${asOf.slice(11)} (${input.timeZone}), ${ageText(ageSeconds)} ago; fetched in ${fetched}.`,
  );
  const totals = [`${formatCount(result.rows.length)} rows fetched`];
  const said = (text: string) => cutText(text, CONTROL_TEXT_CHARS);
  if (hasFilter)
    totals.push(`${formatCount(matched.length)} match ${said(describeFilter(controls.filter!))}`);
  if (grouped) totals.push(`${formatCount(shaped.ranked)} groups by ${said(controls.groupBy!.join(', '))}`);
  else if (controls.aggregate) totals.push(`aggregated over ${formatCount(matched.length)} rows`);
  if (controls.orderBy?.length) totals.push(`ordered by ${said(controls.orderBy.join(', '))}`);
  if (controls.top !== undefined)
    totals.push(`top ${formatCount(total)} of ${formatCount(shaped.ranked)} ${unit}`);
  header.push(`Totals (exact): ${totals.join('; ')}.`);

  /** The reply showing `shown`, the first rows of `page` (projected to the columns), cut as `cut` says. */
  const build = (
    page: readonly Row[],
    pageSize: number,
    shown: readonly Row[],
    cut?: CellCut,
  ): ReportReply => {
    const n = shown.length;
    const end = offset + n;
    const nextOffset = end < total ? end : null;
    const nextCursor = nextOffset === null ? null : input.cursorAt(nextOffset, pageSize);
    const pageNotes = [...notes];
    if (input.kept === false && nextOffset !== null) {
      pageNotes.push(
        `The ${formatCount(result.rows.length)} rows fetched take more memory than this server keeps for paging (--cache-mb), so ` +
          'the result was not kept: a next page fetches it again from wolkvox, and its totals may differ from these.',
      );
    }
    if (n < page.length) {
      pageNotes.push(
        `Only ${n} of the ${page.length} ${unit} asked for are shown, to keep this answer within ` +
          `${formatCount(input.maxReplyChars ?? MAX_REPLY_CHARS)} characters; use next_cursor for the rest, or pick fewer columns with \`fields\`.`,
      );
    }
    if (cut) pageNotes.push(`${cutRowNote(cut)} Pick fewer columns with \`fields\` to see more of each.`);
    const table = renderTable(columns, shown);
    if (table.cut && !cut)
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
    if (nextOffset !== null && nextCursor !== null) {
      const nextCall = JSON.stringify({ ...input.pagingArgs, cursor: nextCursor });
      lines.push(
        `More: ${formatCount(total - end)} ${unit} not shown. Next page: call ${input.tool} with ` +
          `${nextCall} (or the same arguments with offset ${nextOffset}).`,
      );
    } else if (nextOffset !== null) {
      lines.push(
        `More: ${formatCount(total - end)} ${unit} not shown. Next page: call ${input.tool} with the same ` +
          `arguments and offset ${nextOffset} (this query is too long for a cursor).`,
      );
    }
    const bounded = boundNotes(pageNotes);
    for (const note of bounded) lines.push(`Note: ${note}`);

    const structured: Record<string, unknown> = {
      ...fetchFacts(input),
      ...(result.window ? {} : { as_of: asOf, age_seconds: ageSeconds }),
      from_cache: input.fromCache,
      requests: result.requests,
      totals: {
        rows: result.rows.length,
        matched: matched.length,
        groups: grouped ? shaped.ranked : null,
        ...(controls.top !== undefined ? { top: total } : {}),
        ...(shaped.ties ? { tied_at_top: { tied: shaped.ties.tied, shown: shaped.ties.shown } } : {}),
      },
      offset,
      limit: pageSize,
      shown: n,
      has_more: nextOffset !== null,
      next_offset: nextOffset,
      next_cursor: nextCursor,
      columns,
      rows: shown.map((row) => typedRow(row, kinds)),
      notes: bounded,
      // Names and row counts only, never values; present only when the rows drifted.
      ...(result.drift ? { drift: driftContent(result.drift) } : {}),
      ...attachment?.structured,
    };
    return { text: lines.join('\n'), structured };
  };

  const limits: ReplyLimits = {
    maxTextChars: input.maxTextChars ?? MAX_TEXT_CHARS,
    maxReplyChars: input.maxReplyChars ?? MAX_REPLY_CHARS,
  };
  const remaining = items.slice(offset);
  let pageSize = controls.limit;
  if (pageSize === undefined) {
    // No limit asked: the whole result when it fits one reply (a day by hour in one call), else a first page.
    if (remaining.length <= MAX_LIMIT) {
      const all = projectRows(remaining, columns);
      const whole = build(all, remaining.length || DEFAULT_LIMIT, all);
      if (fitsReply(whole, limits)) return whole;
    }
    pageSize = DEFAULT_LIMIT;
  }
  const page = projectRows(remaining.slice(0, pageSize), columns);
  const size = pageSize;
  return fitRows(page, (shown, cut) => build(page, size, shown, cut), limits).built;
}

/** What a report answer's structured content says first: the report, where and when its rows were fetched. */
export function fetchFacts(
  input: Pick<ReportReplyInput, 'report' | 'result' | 'source' | 'timeZone'>,
): Record<string, unknown> {
  const { report, result } = input;
  return {
    report: report.id,
    title: report.title,
    source: input.source,
    time_zone: input.timeZone,
    window: result.window,
    fetched_at: new Date(result.fetchedAt).toISOString(),
  };
}

/** A row as structured content carries it: numbers as JSON numbers where the column is numeric. */
function typedRow(row: Row, kinds: Readonly<Record<string, FieldKind | undefined>>): Row {
  // Own keys whatever a column is named (a backend may send one named __proto__); kinds of documented fields only.
  return Object.fromEntries(
    Object.entries(row).map(([column, value]) => [
      column,
      structuredValue(value, Object.hasOwn(kinds, column) ? kinds[column] : undefined),
    ]),
  );
}

/**
 * Why a reply is empty, so an assistant does not retry the same call: wolkvox answers an empty window with 404
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
