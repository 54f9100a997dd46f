/**
 * Writing an export, for run_report and query_reports alike: the store gives a work folder (exports/store.ts), a
 * query process writes the file there (every format is written in one, from SQL-typed values: query/engine.ts), and
 * the store moves it into place. A report call's rows get there by being loaded into a table typed by their kinds
 * (query/export-table.ts); a query's result is written where it is, in the query's own process. What the answer
 * says of the file (its link, size, rows, expiry, and on stdio its path) is said here once.
 */
import type { AnyReport, CalendarContext } from '@wolkvox-mcp/contracts';
import { exportDescription } from '../../catalog/exports.js';
import { exportUri } from '../../catalog/uri.js';
import { FORMATS } from '../../exports/formats.js';
import type { ExportRecord, ExportStore, PendingExport } from '../../exports/store.js';
import { loadTable } from '../../query/batches.js';
import type { ExportOutcome, ExportRequest } from '../../query/engine.js';
import { exportTable } from '../../query/export-table.js';
import type { QueryLimits } from '../../query/limits.js';
import type { QueryPool } from '../../query/pool.js';
import { sqlIdentifier } from '../../query/table.js';
import type { Controls } from '../../results/controls.js';
import { formatCount } from '../../results/render.js';
import type { FetchedResult, Shaped } from '../../results/reply.js';
import type { ExportControl } from './export-control.js';
import type { ResourceLinkData, ToolContext } from './types.js';

/** What exports need: where they are kept, the query processes that write them, their limits. */
export interface ExportDeps {
  store: ExportStore;
  pool: QueryPool;
  limits: QueryLimits;
  /** stdio: answers say where the file is on this machine (the client runs on it). */
  showPaths: boolean;
}

export interface WrittenExport {
  record: ExportRecord;
  outcome: ExportOutcome;
  /** Where the file is, when answers may say it. */
  path?: string;
}

/** Progress while the file is written: rows so far. */
export function rowsProgress(context: ToolContext): (rows: number) => void {
  return (rows) =>
    context.progress?.({ progress: rows, message: `exporting: ${formatCount(rows)} rows written` });
}

/**
 * Begins an export, has `write` fill its file (through a query process, given the request to send), and commits
 * it; an export that fails leaves nothing behind.
 */
export async function writeExport(
  exports: ExportDeps,
  control: ExportControl,
  name: string,
  timeZone: string,
  write: (request: ExportRequest) => Promise<ExportOutcome>,
): Promise<WrittenExport> {
  let pending: PendingExport;
  try {
    pending = await exports.store.begin(control.format);
  } catch (error) {
    throw new ExportPlaceError(error, exports.showPaths);
  }
  try {
    const outcome = await write({
      format: control.format,
      dir: pending.dir,
      path: pending.path,
      bom: control.bom,
      timeZone,
      maxBytes: exports.store.maxBytes,
    });
    const record = await exports.store
      .commit(pending, { name, rows: outcome.rows })
      .catch((error: unknown) => {
        throw new ExportPlaceError(error, exports.showPaths);
      });
    return { record, outcome, ...(exports.showPaths ? { path: exports.store.pathOf(record) } : {}) };
  } catch (error) {
    await exports.store.discard(pending).catch(() => undefined);
    throw error;
  }
}

/** The exports folder cannot be written: said with the system's code, and the folder only where paths may be said. */
export class ExportPlaceError extends Error {
  override readonly name = 'ExportPlaceError';
  constructor(cause: unknown, showPaths: boolean) {
    const code = (cause as NodeJS.ErrnoException | undefined)?.code ?? 'an error';
    const error = cause instanceof Error ? cause.message : String(cause);
    super(
      `the export could not be kept in the state directory's exports/ folder (${showPaths ? error : code}); ` +
        'check WOLKVOX_CACHE_DIR and the free space there',
    );
  }
}

/** The `resource_link` of a written export. */
export function exportLink(written: WrittenExport): ResourceLinkData {
  const { record } = written;
  return {
    uri: exportUri(record.id),
    name: record.name,
    description: exportDescription(record),
    mimeType: FORMATS[record.format].mimeType,
    size: record.bytes,
  };
}

/** The `export` of an answer's structured content. */
export function exportFacts(written: WrittenExport): Record<string, unknown> {
  const { record, outcome } = written;
  return {
    uri: exportUri(record.id),
    name: record.name,
    format: record.format,
    mime_type: FORMATS[record.format].mimeType,
    rows: record.rows,
    columns: outcome.columns.map((column) => column.name),
    bytes: record.bytes,
    expires_at: new Date(record.expiresAt).toISOString(),
    ...(written.path ? { path: written.path } : {}),
  };
}

/** The answer's lines about the file. */
export function exportLines(written: WrittenExport): string[] {
  const { record, outcome } = written;
  const lines = [
    `Exported every row: ${formatCount(record.rows)} row(s) x ${formatCount(outcome.columns.length)} column(s) as ` +
      `${FORMATS[record.format].label}, ${formatCount(record.bytes)} bytes.`,
    `File: ${record.name} at ${exportUri(record.id)} (resources/read serves it until ${new Date(record.expiresAt).toISOString()}).`,
  ];
  if (written.path) lines.push(`Local path: ${written.path}`);
  return lines;
}

/** The file name an export of a report call offers: the report and the days of its window. */
export function reportExportName(report: AnyReport, result: FetchedResult, control: ExportControl): string {
  const day = (text: string) => text.slice(0, 10);
  const window = result.window;
  const days = !window
    ? ''
    : day(window.from) === day(window.to)
      ? `_${day(window.from)}`
      : `_${day(window.from)}_${day(window.to)}`;
  return `${report.id}${days}.${FORMATS[control.format].extension}`;
}

/**
 * A report call's rows after its controls (`shaped`: shapeResult's, as its answer would show them), written whole
 * into a file.
 */
export async function exportReportRows(
  exports: ExportDeps,
  input: {
    report: AnyReport;
    result: FetchedResult;
    controls: Controls;
    control: ExportControl;
    shaped: Shaped;
  },
  calendar: CalendarContext,
  context: ToolContext,
): Promise<{ written: WrittenExport; unreadable: Record<string, number> }> {
  const { report, control, shaped } = input;
  const columns = [...shaped.columns];
  // Columns wolkvox sent beyond the contract that the first rows did not show (a detail answer's columns).
  if (!input.controls.groupBy?.length && !input.controls.aggregate && !input.controls.fields?.length) {
    for (const extra of Object.keys(input.result.drift?.extra ?? {}))
      if (!columns.includes(extra)) columns.push(extra);
  }
  const table = exportTable(report, columns, shaped.kinds, control.format === 'parquet' ? 'query' : 'answer');
  let unreadable: Record<string, number> = {};
  const written = await writeExport(
    exports,
    control,
    reportExportName(report, input.result, control),
    calendar.timeZone,
    async (request) => {
      const lease = await exports.pool.acquire(context.signal);
      try {
        unreadable = (await loadTable(lease.process, table, shaped.items, context.signal)).unreadable;
        return await lease.process.export(
          `SELECT * FROM ${sqlIdentifier(table.name)}`,
          request,
          context.signal,
          rowsProgress(context),
        );
      } finally {
        lease.release('loaded');
      }
    },
  );
  return { written, unreadable };
}
