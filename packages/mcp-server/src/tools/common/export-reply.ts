/**
 * A report call's answer when it exported its result (run_report's `format`): what was fetched and how it was
 * shaped, exact totals, and the file (its link, size, rows, expiry; on stdio its path) instead of a page of rows. The
 * structured content keeps the report answer's shape (no rows, nothing more to page) with the file in `export`, and
 * the chart of the same rows in `chart` when one was asked for.
 */
import type { AnyReport } from '@wolkvox-mcp/contracts';
import { boundNotes } from '../../results/budget.js';
import type { Controls } from '../../results/controls.js';
import { driftContent, driftNotes } from '../../results/drift.js';
import { describeFilter } from '../../results/filter.js';
import { formatCount } from '../../results/render.js';
import { fetchFacts, type ReplyAttachment, type Shaped } from '../../results/reply.js';
import { sharingNotes } from '../../results/sharing.js';
import { exportFacts, exportLines, exportLink, type WrittenExport } from './export.js';
import type { FetchedReport } from './run.js';
import type { ToolReply } from './types.js';

export interface ReportExportInput {
  report: AnyReport;
  result: FetchedReport;
  fromCache: boolean;
  controls: Controls;
  shaped: Shaped;
  written: WrittenExport;
  /** Column -> values that did not read as its kind (empty in the file's typed column). */
  unreadable: Record<string, number>;
  source: 'wolkvox' | 'emulator';
  timeZone: string;
  /** The call paged (limit, offset, cursor): the file holds every row all the same. */
  paged: boolean;
  notes: string[];
  /** What the answer carries besides the file (a chart of the rows it holds). */
  attachment?: ReplyAttachment;
}

export function reportExportReply(input: ReportExportInput): ToolReply {
  const { report, result, controls, shaped, written } = input;
  const grouped = Boolean(controls.groupBy?.length);
  const totals = [`${formatCount(result.rows.length)} rows fetched`];
  if (controls.filter && Object.keys(controls.filter).length) {
    totals.push(`${formatCount(shaped.matched.length)} match ${describeFilter(controls.filter)}`);
  }
  if (grouped) totals.push(`${formatCount(shaped.ranked)} groups by ${controls.groupBy!.join(', ')}`);
  else if (controls.aggregate) totals.push(`aggregated over ${formatCount(shaped.matched.length)} rows`);
  if (controls.orderBy?.length) totals.push(`ordered by ${controls.orderBy.join(', ')}`);
  if (controls.top !== undefined)
    totals.push(`top ${formatCount(shaped.items.length)} of ${formatCount(shaped.ranked)}`);

  const notes = [
    ...driftNotes(result.drift),
    ...sharingNotes(result),
    ...input.notes,
    ...shaped.notes,
    ...(input.attachment?.notes ?? []),
  ];
  const parquet = written.record.format === 'parquet';
  for (const [column, count] of Object.entries(input.unreadable)) {
    notes.push(
      parquet
        ? `${formatCount(count)} value(s) of ${column} did not read as its kind: NULL there, as sent in its _raw column.`
        : `${formatCount(count)} value(s) of ${column} did not read as its kind and are empty in this file (format ` +
            'parquet keeps them as sent, in <field>_raw).',
    );
  }
  if (input.paged) {
    notes.push(
      'limit, offset and cursor page answers; the file holds every row of the result (top keeps the first N).',
    );
  }
  const bounded = boundNotes(notes);

  const sourceNote =
    input.source === 'emulator' ? ' — simulated data from the embedded wolkvox emulator' : '';
  const fetched = `${formatCount(result.requests)} request(s) at ${new Date(result.fetchedAt).toISOString()}${
    input.fromCache ? ', reused from memory' : ''
  }`;
  const lines = [
    `wolkvox report ${report.id} "${report.title}"${sourceNote}.`,
    result.window
      ? `Window: ${result.window.from} to ${result.window.to} (${input.timeZone}); fetched in ${fetched}.`
      : `Current state; fetched in ${fetched}.`,
    `Totals (exact): ${totals.join('; ')}.`,
    ...exportLines(written),
    ...bounded.map((note) => `Note: ${note}`),
  ];
  return {
    text: lines.join('\n'),
    structured: {
      ...fetchFacts(input),
      from_cache: input.fromCache,
      requests: result.requests,
      totals: {
        rows: result.rows.length,
        matched: shaped.matched.length,
        groups: grouped ? shaped.ranked : null,
        ...(controls.top !== undefined ? { top: shaped.items.length } : {}),
      },
      columns: shaped.columns,
      rows: [],
      shown: 0,
      has_more: false,
      next_offset: null,
      next_cursor: null,
      export: exportFacts(written),
      notes: bounded,
      // Bounded as a page's answer bounds it: names and row counts, never values.
      ...(result.drift ? { drift: driftContent(result.drift) } : {}),
      ...input.attachment?.structured,
    },
    links: [exportLink(written)],
  };
}
