import {
  type AnyReport,
  DAY_MS,
  identifyWolkvoxError,
  instantOfWallTime,
  isSuccessCode,
  problemSchema,
  startOfDay,
  WOLKVOX_ERRORS,
  wallTimeAt,
} from '@wolkvox-mcp/contracts';
import type { EnvelopeDrift } from './drift.js';
import {
  type Problem,
  type WindowLabel,
  WolkvoxAuthError,
  type WolkvoxError,
  type WolkvoxErrorDetails,
  WolkvoxHttpError,
  WolkvoxQuotaError,
  WolkvoxRequestError,
} from './errors.js';
import { retryAfterMs } from './retry.js';

/**
 * What one wolkvox answer means for the caller. wolkvox's answers need reading, not just a status check:
 * an empty window is a 404, a refusal may hide behind HTTP 200 with an error `code`, `code` is a number or a
 * string, and the limits answer in their own ways. Everything downstream works on this instead.
 */
export type Answer =
  /** Rows (not yet checked against the contract); `envelope` when `data` had to be read past the contract. */
  | { kind: 'rows'; rows: unknown[]; envelope?: EnvelopeDrift }
  /** The window holds no records (404 `Validate dates entered`, or a bare 404: `envelope` says so). */
  | { kind: 'empty'; envelope?: EnvelopeDrift }
  /** The window's result is over the size limit (413, or a body over the platform's result limit). */
  | { kind: 'too-large'; status?: number; wolkvoxMsg?: string }
  /** The window spans more days than this server accepts for the report. */
  | { kind: 'too-long'; status: number; wolkvoxMsg: string }
  /** A failure; `error.transient` says whether retrying can help, `retryAfterMs` when the server said so. */
  | { kind: 'failed'; error: WolkvoxError; retryAfterMs?: number };

export interface AnswerContext {
  report: AnyReport;
  window: WindowLabel | undefined;
  timeZone: string;
  /** For the quota's reset instant; injectable for tests. */
  now?: number;
}

/** Marks a body that is not JSON (cut short, an HTML error page...). */
export const UNPARSABLE: unique symbol = Symbol('unparsable body');

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function codeNumber(code: unknown): number | undefined {
  if (typeof code === 'number' && Number.isInteger(code)) return code;
  if (typeof code === 'string' && /^\d+$/.test(code.trim())) return Number(code.trim());
  return undefined;
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Statuses worth repeating as they are when wolkvox gave no recognisable message. */
function transientStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

/** The next midnight of the tenant's wall clock, as a real instant: when wolkvox's daily counter resets. */
export function nextTenantMidnight(now: number, timeZone: string): Date {
  const today = startOfDay(wallTimeAt(now, timeZone));
  return instantOfWallTime(today + DAY_MS, timeZone);
}

const problemList = problemSchema.array().min(1);

/**
 * The problems of a refused request: the emulator's `problems` list, each problem whole (the contracts'
 * `errorEnvelopeSchema`). wolkvox's own refusals name no field: their message is then the one rule, and an
 * emulator's `detail` (which says the same in one line) is kept beside it rather than taken apart.
 */
function refusedProblems(body: Record<string, unknown>, msg: string): Problem[] {
  const listed = problemList.safeParse(body.problems);
  if (listed.success) return listed.data;
  const detail = typeof body.detail === 'string' ? body.detail.trim() : '';
  return [{ field: '(request)', rule: msg, ...(detail ? { hint: detail } : {}) }];
}

export function interpretAnswer(
  context: AnswerContext,
  status: number,
  headers: Record<string, string | string[] | undefined>,
  body: unknown,
): Answer {
  const { report, window } = context;
  const where = `${report.id}${window ? ` ${window.from} - ${window.to}` : ''}`;
  const details = (extra: WolkvoxErrorDetails): WolkvoxErrorDetails => ({
    report: report.id,
    ...(window === undefined ? {} : { window }),
    ...extra,
  });
  const retryAfter = retryAfterMs(headerText(headers['retry-after']), context.now);
  const withRetryAfter = (error: WolkvoxError): Answer =>
    retryAfter === undefined
      ? { kind: 'failed', error }
      : { kind: 'failed', error, retryAfterMs: retryAfter };

  const ok = status >= 200 && status < 300;

  // The documented Postman example of one real-time report is a bare array: take it as the data it is.
  if (ok && Array.isArray(body)) return { kind: 'rows', rows: body };

  if (!isRecord(body)) {
    if (status === 413) return { kind: 'too-large', status };
    // A 404 that says nothing is read as wolkvox's empty window (seen from proxies and for some tenants' empty
    // answers); it is reported as drift, so a wrong base URL shows up in the result instead of passing unseen.
    if (status === 404) return { kind: 'empty', envelope: 'bare-404' };
    // A 2xx that does not parse was cut short (or garbled) on the way: asking again is the fix.
    const transient = ok || transientStatus(status);
    const what = body === UNPARSABLE ? 'a body that is not JSON' : 'a body that is not a wolkvox envelope';
    return withRetryAfter(
      new WolkvoxHttpError(
        ok ? 'INVALID_BODY' : `HTTP_${status}`,
        `${where}: wolkvox answered ${status} with ${what}`,
        details({ status, transient }),
      ),
    );
  }

  const msg = typeof body.msg === 'string' ? body.msg : '';
  const code = codeNumber(body.code);
  // Some answers carry the refusal only in the envelope (HTTP 200, code 403): the envelope's code wins then.
  const effective = ok && code !== undefined && !isSuccessCode(code) && code >= 300 ? code : status;

  if (effective >= 200 && effective < 300) return readData(report, body.data);

  const name = identifyWolkvoxError(effective, msg);
  const said = `wolkvox answered ${effective}${msg ? ` ${msg}` : ''}`;
  const info = details({ status: effective, ...(msg ? { wolkvoxMsg: msg } : {}) });
  switch (name) {
    case 'EMPTY_WINDOW':
      return { kind: 'empty' };
    case 'WINDOW_TOO_LONG':
      return { kind: 'too-long', status: effective, wolkvoxMsg: msg };
    case 'RESULT_TOO_LARGE':
      return { kind: 'too-large', status: effective, wolkvoxMsg: msg };
    case 'MISSING_TOKEN':
    case 'INVALID_TOKEN':
      return {
        kind: 'failed',
        error: new WolkvoxAuthError(name, `${where}: ${said} (${WOLKVOX_ERRORS[name].meaning})`, info),
      };
    case 'DAILY_QUOTA': {
      const now = context.now ?? Date.now();
      const resetsAt =
        retryAfter === undefined ? nextTenantMidnight(now, context.timeZone) : new Date(now + retryAfter);
      return {
        kind: 'failed',
        error: new WolkvoxQuotaError(
          `${where}: ${said}: the token's daily quota is used up; it resets at ${resetsAt.toISOString()}`,
          resetsAt,
          info,
        ),
      };
    }
    case 'MISSING_PARAMETERS':
      return {
        kind: 'failed',
        error: new WolkvoxRequestError(refusedProblems(body, msg), { ...info, code: name }),
      };
    case undefined:
      break;
    default: {
      const spec = WOLKVOX_ERRORS[name];
      return withRetryAfter(
        new WolkvoxHttpError(name, `${where}: ${said} (${spec.meaning})`, {
          ...info,
          transient: spec.transient,
        }),
      );
    }
  }
  if (effective === 413) return { kind: 'too-large', status: effective, wolkvoxMsg: msg };
  return withRetryAfter(
    new WolkvoxHttpError(`HTTP_${effective}`, `${where}: ${said}`, {
      ...info,
      transient: transientStatus(effective),
    }),
  );
}

/**
 * The rows of a success envelope's `data`, whatever its shape: a list, one object (one row; documented for
 * info_server, drift elsewhere), or nothing (no rows). Only the shape is looked at here; the rows themselves are
 * examined against the contract later.
 */
function readData(report: AnyReport, data: unknown): Answer {
  const single = report.rows.shape === 'object';
  if (Array.isArray(data)) {
    return single ? { kind: 'rows', rows: data, envelope: 'data-list' } : { kind: 'rows', rows: data };
  }
  if (isRecord(data)) {
    return single ? { kind: 'rows', rows: [data] } : { kind: 'rows', rows: [data], envelope: 'data-object' };
  }
  return { kind: 'rows', rows: [], envelope: 'data-missing' };
}
