/**
 * A query's reply, sized like every reply (results/budget.ts): what each table was loaded from, the exact number
 * of result rows, as many rows as fit, and how to get the rest (the SQL's own LIMIT/OFFSET: the fetched reports
 * are reused from memory, so asking again costs no wolkvox request).
 */

import type { QueryOutcome } from '../../query/engine.js';
import { boundNotes, type CellCut, cutRowNote, fitRows } from '../../results/budget.js';
import { driftNotes } from '../../results/drift.js';
import { formatCount, renderTable } from '../../results/render.js';
import type { ReplyAttachment } from '../../results/reply.js';
import { sharingNotes } from '../../results/sharing.js';
import { exportFacts, exportLines, exportLink, type WrittenExport } from '../common/export.js';
import type { FetchedReport } from '../common/run.js';
import type { ToolReply } from '../common/types.js';

export interface LoadedTable {
  table: string;
  report: string;
  result: FetchedReport;
  fromCache: boolean;
  /** Column -> values that did not read as the column's type (NULL there; `<field>_raw` keeps them). */
  unreadable: Record<string, number>;
  /** Closed days read in place from the store (no wolkvox request), and their rows; absent when none were. */
  stored?: { days: number; rows: number };
  /** What the store met on the way (a damaged day fetched again, an unwritable store). */
  notes?: readonly string[];
}

/** Every row of a table: fetched and stored. */
const tableRows = (table: LoadedTable) => table.result.rows.length + (table.stored?.rows ?? 0);

export interface QueryReplyInput {
  tables: readonly LoadedTable[];
  outcome: QueryOutcome;
  source: 'wolkvox' | 'emulator';
  timeZone: string;
  /** The page the paging hint asks for: the rows a query keeps to answer with (QueryLimits.keepRows). */
  pageRows: number;
  /** The longest value a query sends (QueryLimits.maxCellChars): longer ones arrive cut. */
  maxCellChars: number;
  /** Said first among the notes (the clock relative dates were read on). */
  notes?: readonly string[];
  /** What the reply carries besides its rows (a chart of every row kept), on every page size tried. */
  attachment?: ReplyAttachment;
  /** The statement, to tell a file built in SQL (string_agg) from a long value. */
  sql?: string;
}

/** Functions that fold many rows into one value: a file built this way never fits an answer. */
const FOLDING_SQL = /\b(string_agg|group_concat|listagg|array_to_string|list_aggr|to_json|array_agg)\s*\(/i;

function tableLine(table: LoadedTable): string {
  const { result } = table;
  const window = result.window ? `${result.window.from} to ${result.window.to}` : 'current state';
  const reused = table.fromCache ? ', reused from memory' : '';
  const stored = table.stored
    ? `, ${formatCount(table.stored.days)} closed day(s) read from the store with 0 requests`
    : '';
  return `${table.table} = ${table.report}, ${window}: ${formatCount(tableRows(table))} rows (${formatCount(result.requests)} request(s)${reused}${stored})`;
}

/** What structured content says of a table: where its rows came from. */
function tableFacts(item: LoadedTable): Record<string, unknown> {
  return {
    table: item.table,
    report: item.report,
    window: item.result.window,
    rows: tableRows(item),
    requests: item.result.requests,
    from_cache: item.fromCache,
    ...(item.stored ? { store_days: item.stored.days, store_rows: item.stored.rows } : {}),
    fetched_at: new Date(item.result.fetchedAt).toISOString(),
  };
}

function tableNotes(table: LoadedTable): string[] {
  const notes = [
    ...(table.notes ?? []).map((note) => `${table.table}: ${note}`),
    ...driftNotes(table.result.drift).map((note) => `${table.table}: ${note}`),
  ];
  for (const [column, count] of Object.entries(table.unreadable)) {
    notes.push(
      `${formatCount(count)} value(s) of ${table.table}.${column} did not read as its type and are NULL there; ` +
        'the `_raw` column keeps them as sent.',
    );
  }
  return notes;
}

export function queryReply(input: QueryReplyInput): {
  text: string;
  structured: Record<string, unknown>;
} {
  const { tables, outcome } = input;
  const names = outcome.columns.map((column) => column.name);
  // Shared-limit warnings and the quota are the token's, not a table's: said once (the same words from two
  // fetches are one note).
  const notes = [
    ...(input.notes ?? []),
    ...tables.flatMap(tableNotes),
    ...new Set(tables.flatMap((table) => sharingNotes(table.result))),
  ];
  if (input.attachment) notes.push(...input.attachment.notes);
  if (outcome.cutCells > 0) {
    const folded = input.sql !== undefined && FOLDING_SQL.test(input.sql);
    notes.push(
      `${formatCount(outcome.cutCells)} value(s) longer than ${formatCount(input.maxCellChars)} characters are cut ` +
        '(ending in …), in the text and in structured content; ' +
        (folded
          ? 'rows folded into one value (string_agg and its kin) cannot fit an answer: select the rows themselves ' +
            'and add `format` ("csv", "xlsx", "parquet" or "json") to get every row in a file.'
          : 'select a part of them (left, substr, ->>) to see the rest, or add `format` ("csv"...) to get them ' +
            'whole in a file.'),
    );
  }
  const sourceNote =
    input.source === 'emulator' ? ' — simulated data from the embedded wolkvox emulator' : '';
  const header = [
    `wolkvox query over ${tables.length} table(s)${sourceNote}; times are ${input.timeZone} wall time.`,
    ...tables.map((table) => `Table ${tableLine(table)}.`),
    `Result (exact): ${formatCount(outcome.total)} row(s).`,
  ];

  const build = (shown: readonly Record<string, unknown>[], cut?: CellCut) => {
    const n = shown.length;
    const hasMore = n < outcome.total;
    const lines = [...header];
    if (outcome.total === 0) lines.push('No rows: the query matched nothing in the tables loaded.');
    else if (n > 0) lines.push(`Showing rows 1–${formatCount(n)}${hasMore ? '' : ' (all of them)'}.`);
    const table = renderTable(names, shown);
    if (table.text) lines.push('', table.text, '');
    const pageNotes = [...notes];
    if (hasMore) {
      pageNotes.unshift(
        `${formatCount(outcome.total - n)} more row(s) not shown. Ask again with the same fetches and ` +
          `\`LIMIT ${input.pageRows} OFFSET ${n}\` at the end of the SQL (keep its ORDER BY; the reports are ` +
          'reused from memory), or aggregate.',
      );
    }
    if (cut)
      pageNotes.push(`${cutRowNote(cut)} Select fewer columns, or a part of long values (left, substr).`);
    else if (table.cut)
      pageNotes.push('Long values are shortened in this text; structured content holds them whole.');
    const bounded = boundNotes(pageNotes);
    for (const note of bounded) lines.push(`Note: ${note}`);
    const structured: Record<string, unknown> = {
      source: input.source,
      time_zone: input.timeZone,
      tables: tables.map(tableFacts),
      columns: outcome.columns,
      totals: { rows: outcome.total, shown: n },
      has_more: hasMore,
      next_offset: hasMore ? n : null,
      rows: shown,
      notes: bounded,
      ...input.attachment?.structured,
    };
    return { text: lines.join('\n'), structured };
  };
  return fitRows(outcome.rows, build).built;
}

/**
 * A query's answer when it exported its result (`format`): what each table was loaded from, the exact number of
 * result rows, and the file (its link, size, expiry; on stdio its path) instead of rows; beside it, the chart of the
 * result when one was asked for (`attachment`).
 */
export function queryExportReply(input: {
  tables: readonly LoadedTable[];
  written: WrittenExport;
  source: 'wolkvox' | 'emulator';
  timeZone: string;
  notes?: readonly string[];
  attachment?: ReplyAttachment;
}): ToolReply {
  const { tables, written } = input;
  const notes = boundNotes([
    ...(input.notes ?? []),
    ...tables.flatMap(tableNotes),
    ...new Set(tables.flatMap((table) => sharingNotes(table.result))),
    ...(input.attachment?.notes ?? []),
  ]);
  const sourceNote =
    input.source === 'emulator' ? ' — simulated data from the embedded wolkvox emulator' : '';
  const lines = [
    `wolkvox query over ${tables.length} table(s)${sourceNote}; times are ${input.timeZone} wall time.`,
    ...tables.map((table) => `Table ${tableLine(table)}.`),
    `Result (exact): ${formatCount(written.record.rows)} row(s).`,
    ...exportLines(written),
    ...notes.map((note) => `Note: ${note}`),
  ];
  return {
    text: lines.join('\n'),
    structured: {
      source: input.source,
      time_zone: input.timeZone,
      tables: tables.map(tableFacts),
      columns: written.outcome.columns,
      totals: { rows: written.record.rows, shown: 0 },
      has_more: false,
      next_offset: null,
      rows: [],
      export: exportFacts(written),
      notes,
      ...input.attachment?.structured,
    },
    links: [exportLink(written)],
  };
}
