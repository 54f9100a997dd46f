import type { CheckedRequest, ReportId, ReportParams, ReportRow } from '@wolkvox-mcp/contracts';
import type { ReportDrift } from './drift.js';

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

/**
 * A request for a report named at run time (a tool argument, a command-line flag), where the id is a plain
 * string: the window and the report's own parameters by name. It is checked as `report()` checks a typed one.
 */
export interface AnyReportRequest {
  from?: Date | string;
  to?: Date | string;
  [param: string]: unknown;
}

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
  /** Total time of this call (every window, retry and backoff); overrides the client's `deadlineMs`. */
  deadlineMs?: number;
  /**
   * Fail with WolkvoxValidationError on any drift from the contract instead of returning the rows with a `drift`
   * report. Overrides the client's `strict` option for this call.
   */
  strict?: boolean;
  /**
   * False: closed days this call fetches are not kept in this machine's closed-day cache on disk (those already
   * kept are still answered from it). For a caller that keeps them on this machine itself, so that a machine holds
   * one copy of a closed day (the MCP server's store of closed days). A Redis shared by replicas still keeps them:
   * it is no copy on this machine, and it lets replicas fetch each closed day once between them. Default true.
   */
  keepClosedDays?: boolean;
}

/** Any JSON value wolkvox may send in place of a documented one. */
export type JsonValue = string | number | boolean | null | readonly unknown[] | { [key: string]: unknown };

/**
 * A row as wolkvox sent it when the answer drifted from the contract: every documented field may be absent, null
 * or another JSON value (a number where a string is documented...). Nothing is invented or converted: the row is
 * the very object wolkvox sent, extra fields included. `result.drift` says which fields differ in how many rows.
 */
export type TolerantRow<Row> = { [K in keyof Row]?: Row[K] | JsonValue };

/**
 * The token's calls today, as the processes sharing the count saw them (set unless `coordination` is 'process').
 * wolkvox allows licenses x 1000 calls a day per token; the count is the calls this client made, so programs that
 * use the token without it are not in it.
 */
export interface QuotaState {
  /** The tenant's calendar day the count is for, `YYYY-MM-DD`. */
  day: string;
  /** Calls made on the token today: by this machine ('machine'), or by every machine sharing the Redis ('redis'). */
  used: number;
  counted: 'machine' | 'redis';
  /** The day's quota: the `dailyQuota` option, or what the platform allowed before refusing a call. */
  limit?: number;
  /** `limit - used`, not below 0; 0 once the platform refused a call for the quota. */
  remaining?: number;
  /** True when 10 % of the quota or less is left (or the platform refused a call for it): worth telling the user. */
  low: boolean;
}

interface ResultFacts {
  report: string;
  /** The covered window as `YYYY-MM-DD HH:MM:SS` tenant wall time; null for real-time reports. */
  window: { from: string; to: string } | null;
  /** Windows fetched (after splitting by days and by the row cap). */
  windows: number;
  /** HTTP calls made, retries and split windows included. */
  requests: number;
  /**
   * Windows (of `windows`) answered from the closed-day cache instead of wolkvox: kept when this or another
   * process (or, with Redis, another machine) fetched the same closed-day request. Absent when none was.
   */
  cachedWindows?: number;
  /** Always true: the client returns the whole result or throws, never a part of it. */
  complete: true;
  /** The token's daily count after this call's requests, when the count is shared (see QuotaState). */
  quota?: QuotaState;
  /**
   * Why the budget was shared less widely than configured for some of this call's requests (Redis unreachable,
   * the state directory unusable), and closed-day cache problems the call met (an entry refused or damaged, the
   * store failing to read or keep): the rows are complete all the same. Absent when there was nothing to say.
   */
  warnings?: string[];
}

/** A result whose every row matched the contract: rows are typed exactly as documented. */
export interface StrictReportResult<Row> extends ResultFacts {
  /** Every row of the window, in window order, each matching the report's contract. */
  rows: Row[];
  drift?: undefined;
}

/** A result where wolkvox's answer drifted from the contract: every row is still there, as sent. */
export interface DriftedReportResult<Row> extends ResultFacts {
  /** Every row of the window, in window order, as wolkvox sent it. */
  rows: TolerantRow<Row>[];
  /** Which fields were missing, null, of another type or unknown, in how many rows (merged over windows). */
  drift: ReportDrift;
}

/**
 * What `report()` returns. Test `result.drift`: when it is undefined the rows match the contract and are typed
 * as documented; otherwise they are `TolerantRow`s and `drift` says how they differ. Strict calls never drift.
 */
export type ReportResult<Row> = StrictReportResult<Row> | DriftedReportResult<Row>;

export interface WolkvoxClient {
  /** Runs one registry report over a window of any length, failing on any drift from the contract. */
  report<Id extends ReportId>(
    id: Id,
    request: ReportRequest<Id>,
    options: ReportOptions & { strict: true },
  ): Promise<StrictReportResult<ReportRow<Id>>>;
  /** Runs one registry report over a window of any length; rows typed from the contracts, drift reported. */
  report<Id extends ReportId>(
    id: Id,
    request: ReportRequest<Id>,
    options?: ReportOptions,
  ): Promise<ReportResult<ReportRow<Id>>>;
  /**
   * Runs a report whose id is only known at run time: an unknown id or parameter fails with WolkvoxRequestError,
   * as it would through `report()`. Rows are records keyed by field name, checked against the contract the same.
   */
  reportById(
    id: string,
    request: AnyReportRequest,
    options?: ReportOptions,
  ): Promise<ReportResult<Record<string, unknown>>>;
  /**
   * Runs a request already checked by the contracts' caller schema of the report (`callerRequestSchema`, or the
   * MCP tools' schemas built from it): the window in tenant wall time and the report's wire parameters. Nothing
   * is read again; a window the report cannot take (absent, out of order, not whole seconds) or a parameter it
   * does not have fails with WolkvoxRequestError.
   */
  reportChecked(
    id: string,
    request: CheckedRequest,
    options?: ReportOptions,
  ): Promise<ReportResult<Record<string, unknown>>>;
  /** The tenant's time zone, in which windows are read and rows are written. */
  readonly timeZone: string;
  /** Closes the client's own connections; calls after this reject. */
  close(): Promise<void>;
}
