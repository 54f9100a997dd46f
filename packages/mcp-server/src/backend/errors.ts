/**
 * What a failed fetch means for the caller, and what to change. Client errors (WolkvoxError and its kinds) become
 * plain sentences; anything else is an unexpected failure, said as such.
 */

import { formatTimestamp, wallTimeAt } from '@wolkvox-mcp/contracts';

export type FailureKind =
  | 'request'
  | 'auth'
  | 'quota'
  | 'limit'
  | 'http'
  | 'validation'
  | 'aborted'
  | 'config'
  | 'unexpected';

export interface Failure {
  kind: FailureKind;
  text: string;
}

interface ErrorShape {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  status?: unknown;
  wolkvoxMsg?: unknown;
  window?: unknown;
  problems?: unknown;
  resetsAt?: unknown;
}

/** The wire names of the window, as callers know them. */
const PARAMETER_NAMES: Record<string, string> = { date_ini: 'from', date_end: 'to' };

/**
 * The client's error classes by name (`@wolkvox-mcp/client` names each error after its class). Matching names up
 * the prototype chain, rather than `instanceof`, keeps the client out of the server's start-up path and also
 * recognises a subclass by its parent.
 */
const KINDS: Record<string, FailureKind> = {
  WolkvoxRequestError: 'request',
  WolkvoxAuthError: 'auth',
  WolkvoxQuotaError: 'quota',
  WolkvoxLimitError: 'limit',
  WolkvoxHttpError: 'http',
  WolkvoxValidationError: 'validation',
  WolkvoxAbortError: 'aborted',
  WolkvoxConfigError: 'config',
  AbortError: 'aborted',
};

function kindOf(error: unknown): FailureKind {
  for (let proto: unknown = error; proto && typeof proto === 'object'; proto = Object.getPrototypeOf(proto)) {
    const name = Object.hasOwn(proto, 'constructor')
      ? (proto as { constructor: { name?: string } }).constructor.name
      : undefined;
    if (name && Object.hasOwn(KINDS, name)) return KINDS[name]!;
  }
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === 'string' && Object.hasOwn(KINDS, name) ? KINDS[name]! : 'unexpected';
}

function windowText(window: unknown): string {
  if (!window || typeof window !== 'object') return '';
  const { from, to } = window as { from?: unknown; to?: unknown };
  return typeof from === 'string' && typeof to === 'string' ? ` (window ${from} to ${to})` : '';
}

/** `YYYY-MM-DD HH:MM` in the tenant's zone, with the zone and the UTC instant, for a reset time. */
function formatInstant(date: Date, timeZone: string): string {
  const local = formatTimestamp(wallTimeAt(date, timeZone)).slice(0, 16);
  return `${local} ${timeZone} (${date.toISOString()})`;
}

export interface FailureContext {
  report: string;
  tool: string;
  timeZone: string;
}

export function explainFailure(error: unknown, context: FailureContext): Failure {
  const shape: ErrorShape = typeof error === 'object' && error !== null ? (error as ErrorShape) : {};
  const kind = kindOf(error);
  const message = typeof shape.message === 'string' ? shape.message : String(error);
  const where = windowText(shape.window);
  const said = typeof shape.wolkvoxMsg === 'string' ? ` wolkvox said: "${shape.wolkvoxMsg}".` : '';

  switch (kind) {
    case 'request': {
      const problems = Array.isArray(shape.problems)
        ? (shape.problems as { parameter?: unknown; rule?: unknown }[])
            .map((p) => `${PARAMETER_NAMES[String(p.parameter)] ?? String(p.parameter)}: ${String(p.rule)}`)
            .join('; ')
        : message;
      return { kind, text: `${context.tool}: the request was refused${where}. Change: ${problems}.${said}` };
    }
    case 'auth':
      return {
        kind,
        text:
          `wolkvox did not accept the configured token${where}.${said} Check WOLKVOX_TOKEN (wolkvox Manager > ` +
          'Configuration > Integrations > Tokens) and that WOLKVOX_SERVER / WOLKVOX_BASE_URL name its operation.',
      };
    case 'quota': {
      const resetsAt = shape.resetsAt instanceof Date ? shape.resetsAt : undefined;
      const when = resetsAt ? formatInstant(resetsAt, context.timeZone) : "the tenant's next midnight";
      return {
        kind,
        text:
          `The token's daily wolkvox quota is used up; it resets at ${when}. ` +
          'Answers already fetched can still be paged with their cursors; new fetches will work after the reset.',
      };
    }
    case 'limit':
      return {
        kind,
        text: `wolkvox refused ${context.report} on a platform limit${where}: ${message}.${said} Narrow the window (a shorter from/to) and try again.`,
      };
    case 'http':
      return {
        kind,
        text:
          `wolkvox failed to answer ${context.report}${where}${typeof shape.status === 'number' ? ` (HTTP ${shape.status})` : ''}, ` +
          `even after retries: ${message}.${said} Try again in a few minutes; no partial result is shown.`,
      };
    case 'validation':
      return {
        kind,
        text:
          `wolkvox answered ${context.report}${where} with data that does not match the report's contract: ${message}. ` +
          'No partial result is shown; the report contract may need updating.',
      };
    case 'aborted':
      return {
        kind,
        text: `The ${context.report} request was cancelled before it finished; nothing was returned.`,
      };
    case 'config':
      return { kind, text: `The wolkvox connection is misconfigured: ${message}` };
    default:
      return {
        kind,
        text: `${context.tool} failed unexpectedly: ${message}. No partial result is shown; trying again may help.`,
      };
  }
}
