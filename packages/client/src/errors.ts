/**
 * The client's typed errors. Every failure a caller can see is one of these, so a caller (or the MCP server)
 * can tell "fix your input" from "wait for the quota" from "wolkvox is down" without parsing messages.
 *
 * None of them ever holds the token: errors are built from the report, the window, the HTTP status and
 * wolkvox's own message only.
 */

import type { Problem } from '@wolkvox-mcp/contracts';

/** A window as people read it: tenant wall time, `YYYY-MM-DD HH:MM:SS`, both ends inclusive. */
export interface WindowLabel {
  from: string;
  to: string;
}

export interface WolkvoxErrorDetails {
  /** The report id the failing call was for. */
  report?: string;
  /** The window the failing call asked for (after splitting), when the report is windowed. */
  window?: WindowLabel;
  /** The HTTP status wolkvox answered with. */
  status?: number;
  /** wolkvox's own `msg` (e.g. `TOKEN LIMIT EXCEEDED`). */
  wolkvoxMsg?: string;
  /** Whether repeating the same call later could succeed. */
  transient?: boolean;
  cause?: unknown;
}

/**
 * The kinds of failure, one per error class: a stable discriminant for programs (`error.kind === 'quota'`) that
 * needs neither `instanceof` (which needs this module loaded) nor class names. `code` is the finer reason.
 */
export const WOLKVOX_ERROR_KINDS = [
  'config',
  'request',
  'auth',
  'quota',
  'limit',
  'http',
  'validation',
  'aborted',
  'deadline',
  'closed',
] as const;

export type WolkvoxErrorKind = (typeof WOLKVOX_ERROR_KINDS)[number];

/** Every client error is one of its kinds (subclasses); `kind` says which without loading the classes. */
export abstract class WolkvoxError extends Error {
  /** Which class of failure this is; set by each subclass. */
  abstract readonly kind: WolkvoxErrorKind;
  /** The reason within the kind, stable for programs: `INVALID_CONFIG`, `DAILY_QUOTA`, `ROW_LIMIT`, `TIMEOUT`... */
  readonly code: string;
  declare readonly report?: string;
  declare readonly window?: WindowLabel;
  declare readonly status?: number;
  declare readonly wolkvoxMsg?: string;
  /** Whether repeating the same call later could succeed (the client has already retried when it could). */
  readonly transient: boolean;
  /**
   * HTTP calls made for the failing window, set by the retry loop once it gives up: 1 means the failure was not
   * retried (a 400), more means it was (a 500 that stayed), so an explanation can say which.
   */
  attempts?: number;

  constructor(code: string, message: string, details: WolkvoxErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.code = code;
    // Only set what is known, so `inspect` and JSON stay short and free of `undefined` noise.
    if (details.report !== undefined) this.report = details.report;
    if (details.window !== undefined) this.window = details.window;
    if (details.status !== undefined) this.status = details.status;
    if (details.wolkvoxMsg !== undefined) this.wolkvoxMsg = details.wolkvoxMsg;
    this.transient = details.transient ?? false;
  }

  /** Plain data for logs and MCP answers (an Error's own JSON would be `{}`). */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = {
      name: this.name,
      kind: this.kind,
      code: this.code,
      message: this.message,
    };
    for (const key of ['report', 'window', 'status', 'wolkvoxMsg', 'attempts'] as const) {
      if (this[key] !== undefined) json[key] = this[key];
    }
    json.transient = this.transient;
    return json;
  }
}

/** One thing wrong with an option or a request: the contracts' one problem type (field, rule, hint). */
export type { Problem };

/** `field rule (hint)`: the problems as one sentence of the error's message. */
function listProblems(problems: readonly Problem[]): string {
  return problems.map((p) => `${p.field} ${p.rule}${p.hint ? ` (${p.hint})` : ''}`).join('; ');
}

/** Bad options given to `createWolkvoxClient` (no token, bad server, bad base URL, unknown time zone...). */
export class WolkvoxConfigError extends WolkvoxError {
  readonly kind = 'config';
  readonly problems: Problem[];
  constructor(problems: Problem[]) {
    super('INVALID_CONFIG', `Invalid wolkvox client options: ${listProblems(problems)}`);
    this.problems = problems;
  }
}

/** The caller's request is wrong: unknown report, bad from/to, parameters failing the report's schema. */
export class WolkvoxRequestError extends WolkvoxError {
  readonly kind = 'request';
  readonly problems: Problem[];
  constructor(problems: Problem[], details: WolkvoxErrorDetails & { code?: string } = {}) {
    const where = details.report ? `${details.report}: ` : '';
    super(details.code ?? 'INVALID_REQUEST', `${where}invalid request: ${listProblems(problems)}`, details);
    this.problems = problems;
  }
}

/** wolkvox refused the token: missing (401) or not valid for this tenant (403 PLEASE VALIDATE TOKEN). */
export class WolkvoxAuthError extends WolkvoxError {
  readonly kind = 'auth';
}

/** The token's daily quota is used up (403 TOKEN LIMIT EXCEEDED). Nothing succeeds before `resetsAt`. */
export class WolkvoxQuotaError extends WolkvoxError {
  readonly kind = 'quota';
  /** When the quota resets: wolkvox's Retry-After if it sent one, else the tenant's next midnight. */
  readonly resetsAt: Date;
  constructor(message: string, resetsAt: Date, details: WolkvoxErrorDetails) {
    super('DAILY_QUOTA', message, details);
    this.resetsAt = resetsAt;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), resetsAt: this.resetsAt.toISOString() };
  }
}

/** A platform limit the client cannot hide: e.g. a single second of data still over the per-call row cap. */
export class WolkvoxLimitError extends WolkvoxError {
  readonly kind = 'limit';
}

/** Any other HTTP or network failure, after the retries were spent when it was worth retrying. */
export class WolkvoxHttpError extends WolkvoxError {
  readonly kind = 'http';
}

/** One problem in a response: where (row index, field) and what the contract expected. */
export interface ResponseIssue {
  /** Index of the row in the window's `data`, when the issue is in a row. */
  row?: number;
  /** The field (or envelope member) at fault, e.g. `agent_name` or `data`. */
  field: string;
  message: string;
}

/** wolkvox answered something that does not match the report's contract (a field missing or mistyped). */
export class WolkvoxValidationError extends WolkvoxError {
  readonly kind = 'validation';
  readonly issues: ResponseIssue[];
  constructor(report: string, issues: ResponseIssue[], details: WolkvoxErrorDetails = {}) {
    const first = issues
      .slice(0, 3)
      .map(
        (issue) =>
          `${issue.row === undefined ? '' : `row ${issue.row} `}field ${issue.field}: ${issue.message}`,
      )
      .join('; ');
    const more = issues.length > 3 ? ` (+${issues.length - 3} more)` : '';
    super('INVALID_RESPONSE', `${report}: response does not match the contract: ${first}${more}`, {
      ...details,
      report,
    });
    this.issues = issues;
  }
}

/** The caller cancelled (AbortSignal); nothing of the report is returned. */
export class WolkvoxAbortError extends WolkvoxError {
  readonly kind = 'aborted';
  constructor(report?: string, cause?: unknown) {
    super('ABORTED', `${report ? `${report}: ` : ''}the request was aborted`, {
      ...(report === undefined ? {} : { report }),
      cause,
    });
  }
}

/** What a call had done when its total deadline passed. */
export interface DeadlineFacts {
  deadlineMs: number;
  windowsDone: number;
  windowsTotal: number;
  requests: number;
  /** How long other users of the token kept it busy (concurrency refusals), when they did. */
  busyMs?: number;
  /** The last transient failure seen before the deadline (a timeout, a 503...), when there was one. */
  lastFailure?: string;
}

/**
 * The call's total deadline (`deadlineMs`) passed before every window was answered: every attempt, retry and
 * backoff counts against it. Nothing of the report is returned; a narrower window or a later try may succeed.
 */
export class WolkvoxDeadlineError extends WolkvoxError {
  readonly kind = 'deadline';
  readonly deadlineMs: number;
  readonly windowsDone: number;
  readonly windowsTotal: number;
  declare readonly busyMs?: number;
  constructor(report: string, facts: DeadlineFacts) {
    const busy =
      facts.busyMs === undefined
        ? ''
        : `; the token was busy with other programs for ${Math.round(facts.busyMs / 1000)} s ` +
          '(wolkvox refused simultaneous requests)';
    const last = facts.lastFailure ? `; last failure: ${facts.lastFailure}` : '';
    super(
      'DEADLINE',
      `${report}: no complete answer within the ${facts.deadlineMs} ms deadline ` +
        `(${facts.windowsDone} of ${facts.windowsTotal} windows answered in ${facts.requests} requests${busy})${last}`,
      { report, transient: true },
    );
    this.deadlineMs = facts.deadlineMs;
    this.windowsDone = facts.windowsDone;
    this.windowsTotal = facts.windowsTotal;
    if (facts.busyMs !== undefined) this.busyMs = facts.busyMs;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      deadlineMs: this.deadlineMs,
      windowsDone: this.windowsDone,
      windowsTotal: this.windowsTotal,
      ...(this.busyMs === undefined ? {} : { busyMs: this.busyMs }),
    };
  }
}

/** A call on a client already closed: the caller's own sequencing, never wolkvox's. */
export class WolkvoxClosedError extends WolkvoxError {
  readonly kind = 'closed';
  constructor(report: string) {
    super('CLIENT_CLOSED', `${report}: the wolkvox client is closed`, { report });
  }
}
