import type { ReportId, ReportParams, ReportRow } from '@wolkvox-mcp/contracts';

/**
 * A report request: the window (for historical reports) and the report's own parameters, typed from the
 * registry. `from`/`to` are required for windowed reports (checked at run time) and refused by real-time ones.
 *
 * Dates: a `Date`, or an ISO-8601 string. A string with `Z` or an offset is an instant; without one it is the
 * tenant's wall time. A bare date means the whole day (`to: '2025-02-28'` ends at 23:59:59). Both ends are
 * inclusive, to the second, and travel as `YYYYmmddHHiiss` in the tenant's zone.
 */
export type ReportRequest<Id extends ReportId> = {
  from?: Date | string;
  to?: Date | string;
} & ReportParams<Id>;

export interface ReportProgress {
  report: string;
  /** Windows answered so far (after splitting). */
  windowsDone: number;
  /** Windows known so far: grows when a window at the row cap is split in two. */
  windowsTotal: number;
  /** Rows received so far. */
  rows: number;
}

export interface ReportOptions {
  /** Cancels everything of this call, in flight and queued; the call rejects with WolkvoxAbortError. */
  signal?: AbortSignal;
  onProgress?: (progress: ReportProgress) => void;
}

export interface ReportResult<Row> {
  report: string;
  /** Every row of the window, in window order, each validated against the report's contract. */
  rows: Row[];
  /** The covered window as `YYYY-MM-DD HH:MM:SS` tenant wall time; null for real-time reports. */
  window: { from: string; to: string } | null;
  /** Windows fetched (after splitting by days and by the row cap). */
  windows: number;
  /** HTTP calls made, retries and split windows included. */
  requests: number;
  /** Always true: the client returns the whole result or throws, never a part of it. */
  complete: true;
}

export interface WolkvoxClient {
  /** Runs one registry report over a window of any length; rows typed from the contracts. */
  report<Id extends ReportId>(
    id: Id,
    request: ReportRequest<Id>,
    options?: ReportOptions,
  ): Promise<ReportResult<ReportRow<Id>>>;
  /** The tenant's time zone, in which windows are read and rows are written. */
  readonly timeZone: string;
  /** Closes the client's own connections; calls after this reject. */
  close(): Promise<void>;
}
