/**
 * What the MCP server needs from a wolkvox client: run one report and hand back every row of the window, or fail.
 * `@wolkvox-mcp/client` satisfies it; tests and benchmarks may pass any other implementation.
 */

import type { EnvelopeDrift, ReportDrift } from '@wolkvox-mcp/client';

export type { EnvelopeDrift, ReportDrift };

/** A report row as wolkvox sent it: values are strings unless the answer drifted; extra columns are kept. */
export type Row = Record<string, unknown>;

export interface ReportProgress {
  report: string;
  windowsDone: number;
  windowsTotal: number;
  rows: number;
}

export interface ReportRequest {
  /** ISO-8601 date or date-time; without an offset it is tenant wall time. */
  from?: string;
  to?: string;
  [param: string]: string | undefined;
}

export interface ReportResult {
  report: string;
  rows: readonly Row[];
  /** The window covered, tenant wall time `YYYY-MM-DD HH:MM:SS`; null for reports that describe "now". */
  window: { from: string; to: string } | null;
  windows: number;
  requests: number;
  /** How the rows differ from the report's contract (missing, null, mistyped or unknown fields); absent if none. */
  drift?: ReportDrift;
}

export interface ReportSource {
  readonly timeZone: string;
  /** The source's clock, which `today`/`yesterday` resolve against; the system clock when absent. */
  now?(): Date;
  report(
    id: string,
    request: ReportRequest,
    options: { signal?: AbortSignal; onProgress?: (progress: ReportProgress) => void },
  ): Promise<ReportResult>;
}
