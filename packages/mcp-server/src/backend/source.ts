/**
 * What the MCP server needs from a wolkvox client: run one report named at run time and hand back every row of
 * the window, or fail. The types are the client's own (`@wolkvox-mcp/client`, whose `reportById` satisfies this);
 * tests and benchmarks may pass any other implementation.
 */

import type {
  AnyReportRequest,
  ReportResult as ClientReportResult,
  EnvelopeDrift,
  ReportDrift,
  ReportOptions,
  ReportProgress,
} from '@wolkvox-mcp/client';

export type { EnvelopeDrift, ReportDrift, ReportProgress };

/** A report row as wolkvox sent it: values are strings unless the answer drifted; extra columns are kept. */
export type Row = Record<string, unknown>;

/**
 * The client's request as tool arguments build it: every value is a string (ISO-8601 `from`/`to` without an
 * offset are tenant wall time), so that the request travels inside a paging cursor unchanged.
 */
export interface ReportRequest extends AnyReportRequest {
  from?: string;
  to?: string;
  [param: string]: string | undefined;
}

/**
 * The client's result as the server reads it: every row of the window, with `drift` when the rows differ from
 * the contract. `complete` is left out: a source returns a whole result or throws, there is no other kind.
 */
export type ReportResult = WithoutComplete<ClientReportResult<Row>>;

/** `Omit` applied to each member of a union (strict and drifted results), keeping them apart. */
type WithoutComplete<Result> = Result extends unknown ? Omit<Result, 'complete'> : never;

export interface ReportSource {
  readonly timeZone: string;
  /** The source's clock, which `today`/`yesterday` resolve against; the system clock when absent. */
  now?(): Date;
  report(
    id: string,
    request: ReportRequest,
    options: Pick<ReportOptions, 'signal' | 'onProgress' | 'deadlineMs'>,
  ): Promise<ReportResult>;
}
