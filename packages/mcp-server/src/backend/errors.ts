/**
 * What a failed fetch means for the caller, and what to change. A client error says which kind it is
 * (`error.kind`, one of the client's WOLKVOX_ERROR_KINDS) and becomes a plain sentence; anything else is an
 * unexpected failure, said as such. The client is imported for its types only: recognising its errors by `kind`
 * keeps it out of the server's start-up path (the first report call loads it).
 *
 * What the sentence quotes of the backend is bounded (quote.ts): wolkvox's own message once (the client's
 * message already holds it, so it is not added again), cut at MAX_SAID_CHARS; the client's message and the
 * problems wolkvox listed at MAX_MESSAGE_CHARS; no path of this machine in any of them.
 */

import type {
  WolkvoxAbortError,
  WolkvoxAuthError,
  WolkvoxClosedError,
  WolkvoxConfigError,
  WolkvoxDeadlineError,
  WolkvoxErrorKind,
  WolkvoxHttpError,
  WolkvoxLimitError,
  WolkvoxQuotaError,
  WolkvoxRequestError,
  WolkvoxValidationError,
} from '@wolkvox-mcp/client';
import { CALLER_NAMES, describeProblems, formatTimestamp, wallTimeAt } from '@wolkvox-mcp/contracts';
import { cutText, quoted } from './quote.js';

/** Characters of wolkvox's own message an explanation quotes: a refusal may come with a megabyte of it. */
export const MAX_SAID_CHARS = 500;
/** Characters of the client's message (wolkvox's words cut within it), or of a list of problems, quoted. */
export const MAX_MESSAGE_CHARS = 1_000;

export type FailureKind = WolkvoxErrorKind | 'unexpected';

export interface Failure {
  kind: FailureKind;
  text: string;
}

export interface FailureContext {
  report: string;
  tool: string;
  timeZone: string;
}

/** The client's errors, told apart by their `kind`. */
type ClientError =
  | WolkvoxConfigError
  | WolkvoxRequestError
  | WolkvoxAuthError
  | WolkvoxQuotaError
  | WolkvoxLimitError
  | WolkvoxHttpError
  | WolkvoxValidationError
  | WolkvoxAbortError
  | WolkvoxDeadlineError
  | WolkvoxClosedError;

type Explanations = {
  [Kind in WolkvoxErrorKind]: (
    error: Extract<ClientError, { kind: Kind }>,
    context: FailureContext,
  ) => string;
};

function windowText(error: ClientError): string {
  return error.window ? ` (window ${error.window.from} to ${error.window.to})` : '';
}

/** wolkvox's own message, quoted (cut to MAX_SAID_CHARS). */
function saidText(error: ClientError): string {
  return error.wolkvoxMsg === undefined
    ? ''
    : ` wolkvox said: "${quoted(error.wolkvoxMsg, MAX_SAID_CHARS)}".`;
}

/** wolkvox's own message beside the client's: nothing when the client's, quoted already, holds it. */
function saidBeside(error: ClientError): string {
  return error.wolkvoxMsg !== undefined && error.message.includes(error.wolkvoxMsg) ? '' : saidText(error);
}

/** The client's message as an explanation quotes it: wolkvox's words in it cut to MAX_SAID_CHARS, then bounded. */
function messageOf(error: Error & { wolkvoxMsg?: string }): string {
  const said = error.wolkvoxMsg;
  const message =
    said && said.length > MAX_SAID_CHARS
      ? error.message.split(said).join(cutText(said, MAX_SAID_CHARS))
      : error.message;
  return quoted(message, MAX_MESSAGE_CHARS);
}

/** `YYYY-MM-DD HH:MM` in the tenant's zone, with the zone and the UTC instant, for a reset time. */
function formatInstant(date: Date, timeZone: string): string {
  const local = formatTimestamp(wallTimeAt(date, timeZone)).slice(0, 16);
  return `${local} ${timeZone} (${date.toISOString()})`;
}

/** Where the connection is configured, named in every network failure: the request itself is not at fault. */
const CONNECTION_SETTINGS =
  "WOLKVOX_SERVER (the operation's server number, e.g. 0015 for wv0015.wolkvox.com: the address your wolkvox " +
  'Manager opens at) or WOLKVOX_BASE_URL';

/**
 * A connection that failed before wolkvox could answer: the host, the network or TLS, never the report's
 * parameters. The system's code says which (undici passes Node's: ENOTFOUND, ECONNREFUSED, ETIMEDOUT...).
 */
function networkText(error: WolkvoxHttpError, context: FailureContext): string {
  const code = /\(([A-Z_]+)\)/.exec(error.message)?.[1] ?? '';
  const what = `${context.report}${windowText(error)}: ${messageOf(error)}.`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return (
      `The wolkvox server's name could not be resolved for ${what} Check ${CONNECTION_SETTINGS}, and that this ` +
      'machine resolves names (DNS, a VPN or proxy). Nothing was fetched; no partial result is shown.'
    );
  }
  if (/CERT|TLS|SSL/.test(code)) {
    return (
      `The TLS connection to wolkvox failed for ${what} This machine does not trust the server's certificate ` +
      `(a proxy that inspects TLS?); check ${CONNECTION_SETTINGS}. Nothing was fetched; no partial result is shown.`
    );
  }
  const attempts = (error.attempts ?? 1) > 1 ? ` (${error.attempts} attempts)` : '';
  return (
    `The connection to wolkvox failed${attempts} for ${what} The request itself is not at fault: check ` +
    `${CONNECTION_SETTINGS}, the network, and any proxy or firewall between here and wolkvox; then try again. ` +
    'No partial result is shown.'
  );
}

function cancelled(context: FailureContext): string {
  return `The ${context.report} request was cancelled before it finished; nothing was returned.`;
}

/** One sentence per kind the client declares: a kind added there fails to compile here until it is explained. */
const EXPLAIN: Explanations = {
  request: (error, context) => {
    const problems = describeProblems(
      error.problems.map((problem) => ({ ...problem, field: CALLER_NAMES[problem.field] ?? problem.field })),
    );
    return `${context.tool}: the request was refused${windowText(error)}. Change: ${quoted(problems, MAX_MESSAGE_CHARS)}.${saidText(error)}`;
  },
  auth: (error) =>
    `wolkvox did not accept the configured token${windowText(error)}.${saidText(error)} Check WOLKVOX_TOKEN ` +
    '(wolkvox Manager > Configuration > Integrations > Tokens) and that WOLKVOX_SERVER / WOLKVOX_BASE_URL name its ' +
    'operation.',
  quota: (error, context) =>
    `The token's daily wolkvox quota is used up; it resets at ${formatInstant(error.resetsAt, context.timeZone)}. ` +
    'Answers already fetched can still be paged with their cursors; new fetches will work after the reset.',
  limit: (error, context) =>
    `wolkvox refused ${context.report} on a platform limit${windowText(error)}: ${messageOf(error)}.` +
    `${saidBeside(error)} Narrow the window (a shorter from/to) and try again.`,
  http: (error, context) => {
    if (error.code === 'NETWORK') return networkText(error, context);
    const status = error.status === undefined ? '' : ` (HTTP ${error.status})`;
    // "After N attempts" only when there were retries: a 400 is refused once and would be refused again.
    if (!error.transient) {
      return (
        `wolkvox refused ${context.report}${windowText(error)}${status}: ${messageOf(error)}.${saidBeside(error)} ` +
        'It was not retried: the same request would fail the same way; check its parameters. No partial result is shown.'
      );
    }
    const attempts = (error.attempts ?? 1) > 1 ? ` after ${error.attempts} attempts` : '';
    return (
      `wolkvox failed to answer ${context.report}${windowText(error)}${status}${attempts}: ${messageOf(error)}.` +
      `${saidBeside(error)} Try again in a few minutes; no partial result is shown.`
    );
  },
  validation: (error, context) =>
    `wolkvox answered ${context.report}${windowText(error)} with data that does not match the report's contract: ` +
    `${messageOf(error)}. No partial result is shown; the report contract may need updating.`,
  aborted: (_error, context) => cancelled(context),
  deadline: (error, context) => {
    const seconds = Math.round(error.deadlineMs / 1000);
    const busy =
      error.busyMs === undefined
        ? ''
        : ` The token was busy with other programs for ${Math.round(error.busyMs / 1000)} s ` +
          '(wolkvox refused simultaneous requests on it); once they finish, the call will go through.';
    return (
      `wolkvox did not answer ${context.report} within the ${seconds} s this server gives one call ` +
      `(${error.windowsDone} of ${error.windowsTotal} windows answered); no partial result is shown.${busy} ` +
      'Narrow the window (a shorter from/to needs fewer wolkvox calls) or try again later.'
    );
  },
  config: (error) => `The wolkvox connection is misconfigured: ${messageOf(error)}`,
  closed: (_error, context) =>
    `The wolkvox connection was closed before ${context.report} could be fetched (the server is shutting down).`,
};

/** A client error by its declared kind (a subclass inherits its parent's), whichever copy of the client threw it. */
function isClientError(error: unknown): error is ClientError {
  const kind = error instanceof Error ? (error as { kind?: unknown }).kind : undefined;
  return typeof kind === 'string' && Object.hasOwn(EXPLAIN, kind);
}

export function explainFailure(error: unknown, context: FailureContext): Failure {
  if (isClientError(error)) {
    // `kind` picks the explanation written for that very class; TypeScript cannot follow the pairing by itself.
    const explain = EXPLAIN[error.kind] as (error: ClientError, context: FailureContext) => string;
    return { kind: error.kind, text: explain(error, context) };
  }
  // The caller's own signal, aborted before the client saw it (a DOMException, not a client error).
  if (error instanceof Error && error.name === 'AbortError') {
    return { kind: 'aborted', text: cancelled(context) };
  }
  const message = quoted(error instanceof Error ? error.message : String(error), MAX_MESSAGE_CHARS);
  return {
    kind: 'unexpected',
    text: `${context.tool} failed unexpectedly: ${message}. No partial result is shown; trying again may help.`,
  };
}
