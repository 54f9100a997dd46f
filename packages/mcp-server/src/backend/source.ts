/**
 * What the MCP server needs from a wolkvox client: run one report named at run time and hand back every row of
 * the window, or fail. The types are the client's own (`@wolkvox-mcp/client`, whose `reportChecked` satisfies this);
 * tests and benchmarks may pass any other implementation.
 */

import type {
  ReportResult as ClientReportResult,
  EnvelopeDrift,
  ReportDrift,
  ReportOptions,
  ReportProgress,
} from '@wolkvox-mcp/client';
import { type CheckedRequest, formatWolkvoxDate } from '@wolkvox-mcp/contracts';

export type { CheckedRequest, EnvelopeDrift, ReportDrift, ReportProgress };

/** A report row as wolkvox sent it: values are strings unless the answer drifted; extra columns are kept. */
export type Row = Record<string, unknown>;

/**
 * A checked request as text: `from`/`to` in wolkvox's own form (tenant wall time, already resolved) and the
 * report's parameters. A paging cursor carries it (the call schema checks it again as arguments when the cursor
 * comes back), and the result cache's key is made of it.
 */
export interface ReportRequest {
  from?: string;
  to?: string;
  [param: string]: string | undefined;
}

/** A checked request written as text: what a cursor carries of it. */
export function requestText({ window, params }: CheckedRequest): ReportRequest {
  const dates = window ? { from: formatWolkvoxDate(window.start), to: formatWolkvoxDate(window.end) } : {};
  return { ...dates, ...params };
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
  /** Reads the source's clock again before a call reads its arguments (an emulator's may have moved). */
  syncClock?(): Promise<void>;
  /** Which clock `now` is, for answers, when it is not this machine's (backend/clock.ts); else undefined. */
  clockNote?(): string | undefined;
  /**
   * The request was checked by the tool's schema (the contracts' caller schema): the window is in tenant wall
   * time, and is not read again (the client's `reportChecked`).
   */
  report(
    id: string,
    request: CheckedRequest,
    options: Pick<ReportOptions, 'signal' | 'onProgress' | 'deadlineMs' | 'keepClosedDays'>,
  ): Promise<ReportResult>;
}
