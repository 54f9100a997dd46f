/**
 * Paging cursors. A cursor carries the whole query (report, window and parameters, controls) and the
 * position of the next page, so it works on its own: while the fetched result is cached the next page comes
 * from memory; once it has been evicted the same query is fetched again, transparently.
 *
 * A cursor is signed (HMAC-SHA256) so that nobody can hand the server a query it would refuse as arguments (a
 * ten-year window) dressed as a cursor; the report call schema still checks what a cursor carries exactly as it
 * checks arguments (tools/common/report-call.ts). The key is random per process unless WOLKVOX_MCP_CURSOR_KEY is set, which
 * (read by config.ts, set by start.ts with `useCursorKey`) lets HTTP replicas behind one address accept each
 * other's cursors.
 *
 * A cursor has one spelling: the payload and signature exactly as encodeCursor writes them (base64url without
 * padding). A signature re-spelled (padded, in standard base64, with a stray character) would decode to the same
 * bytes, and is refused all the same: what the server hands out is the only thing it takes back. A cursor also
 * lasts a day: it pages the result it was made from until CURSOR_MAX_AGE_MS after that result was fetched (on the
 * source's clock, which `fetchedAt` is written in), and a fetch time ahead of that clock is refused.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ReportRequest } from '../backend/source.js';
import type { Controls } from './controls.js';

/** The controls as the arguments write them (checked again, by the call's schema, when the cursor is used). */
export interface CursorState extends Controls {
  /** Report id. */
  report: string;
  /** What was asked of wolkvox: the window (`from`/`to`) and the report's own parameters. */
  request: ReportRequest;
  limit: number;
  /** When the result the cursor pages through was fetched (ms since the epoch). */
  fetchedAt: number;
}

/** The controls a cursor carries, its page size included. */
export function cursorControls(cursor: CursorState): Controls & { limit: number } {
  const { report: _report, request: _request, fetchedAt: _fetchedAt, ...controls } = cursor;
  return controls;
}

const PREFIX = 'wv2.';
/** The unsigned format of earlier versions: told apart so the refusal can say why. */
const OLD_PREFIX = 'wv1.';
/** 128 bits of the HMAC are plenty against forgery and keep the cursor short (it travels twice per reply). */
const SIGNATURE_BYTES = 16;
/** No cursor this server makes comes near this; anything longer is refused before it is decoded. */
export const MAX_CURSOR_CHARS = 4096;

const ASK_AGAIN = 'ask again without cursor (the same arguments as the first call) for a fresh one';

/** How long a cursor pages after the result it pages through was fetched: a day. */
export const CURSOR_MAX_AGE_MS = 24 * 60 * 60 * 1000;
/** How far ahead of this server's clock a cursor's fetch time may be: replicas' clocks differ a little. */
export const CURSOR_CLOCK_SKEW_MS = 5 * 60 * 1000;

/** Why a string is not a cursor to page by: a rule an assistant can act on. */
export interface CursorRefusal {
  rule: string;
}

let key: Buffer = randomBytes(32);

/**
 * Signs cursors with `secret` from now on (a configured key shared by replicas). Set at start-up, before any
 * cursor is handed out: a key that changed mid-process would orphan every cursor already given.
 */
export function useCursorKey(secret: string): void {
  key = Buffer.from(secret, 'utf8');
}

/** The signature of a payload, as a cursor spells it. */
function sign(payload: string): string {
  return createHmac('sha256', key)
    .update(payload)
    .digest()
    .subarray(0, SIGNATURE_BYTES)
    .toString('base64url');
}

/** On the wire the keys are one letter: cursors travel in every paged reply, twice. */
const SHORT = {
  report: 'r',
  request: 'q',
  offset: 'o',
  limit: 'l',
  fields: 'f',
  filter: 'w',
  groupBy: 'g',
  orderBy: 'b',
  top: 'n',
  aggregate: 'a',
  fetchedAt: 't',
} as const satisfies Record<keyof CursorState, string>;

export function encodeCursor(state: CursorState): string {
  const wire: Record<string, unknown> = {};
  for (const [key, short] of Object.entries(SHORT)) {
    const value = state[key as keyof CursorState];
    if (value !== undefined) wire[short] = value;
  }
  const payload = Buffer.from(JSON.stringify(wire), 'utf8').toString('base64url');
  return `${PREFIX}${payload}.${sign(payload)}`;
}

/** The state a cursor carries, or why it is refused (not signed by this server's key, an old format...). */
export function readCursor(cursor: string): CursorState | CursorRefusal {
  if (cursor.length > MAX_CURSOR_CHARS) {
    return {
      rule: `is longer than any cursor this server makes (${MAX_CURSOR_CHARS} characters); ${ASK_AGAIN}`,
    };
  }
  if (cursor.startsWith(OLD_PREFIX)) {
    return { rule: `is a cursor of an earlier version of this server; ${ASK_AGAIN}` };
  }
  const dot = cursor.lastIndexOf('.');
  if (!cursor.startsWith(PREFIX) || dot <= PREFIX.length) {
    return { rule: `is not a cursor from this server; pass next_cursor exactly as it came, or ${ASK_AGAIN}` };
  }
  const payload = cursor.slice(PREFIX.length, dot);
  // Compared as written, not as decoded: a padded or standard-base64 spelling of the right bytes is not the cursor.
  const given = Buffer.from(cursor.slice(dot + 1), 'utf8');
  const expected = Buffer.from(sign(payload), 'utf8');
  // Constant time: how far a guessed signature matches must not show in how long the refusal takes.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return {
      rule: `was not signed by this server process (it restarted, another replica made it, or it was altered); ${ASK_AGAIN}`,
    };
  }
  const state = parseState(payload);
  return state ?? { rule: `is damaged; ${ASK_AGAIN}` };
}

/**
 * Why a cursor no longer pages, by its fetch time and `now` (ms, the source's clock): older than `maxAgeMs`, or
 * fetched ahead of the clock; undefined while it pages.
 */
export function cursorTimeRefusal(
  cursor: CursorState,
  now: number,
  maxAgeMs = CURSOR_MAX_AGE_MS,
): CursorRefusal | undefined {
  if (cursor.fetchedAt > now + CURSOR_CLOCK_SKEW_MS) {
    return { rule: `carries a fetch time ahead of this server's clock; ${ASK_AGAIN}` };
  }
  if (now - cursor.fetchedAt > maxAgeMs) {
    const hours = Math.round(maxAgeMs / 3_600_000);
    return {
      rule: `has expired: a cursor pages for ${hours} h after its result was fetched; ${ASK_AGAIN}`,
    };
  }
  return undefined;
}

export function isCursorRefusal(value: CursorState | CursorRefusal): value is CursorRefusal {
  return 'rule' in value;
}

/** The state a cursor carries; undefined when it is not a cursor this server made. */
export function decodeCursor(cursor: string): CursorState | undefined {
  const read = readCursor(cursor);
  return isCursorRefusal(read) ? undefined : read;
}

function parseState(payload: string): CursorState | undefined {
  const bytes = Buffer.from(payload, 'base64url');
  // Signed as written, so only this server could have spelled it otherwise; still, one spelling is read.
  if (bytes.toString('base64url') !== payload) return undefined;
  let wire: unknown;
  try {
    wire = JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof wire !== 'object' || wire === null) return undefined;
  const value: Record<string, unknown> = {};
  for (const [key, short] of Object.entries(SHORT)) {
    const item = (wire as Record<string, unknown>)[short];
    if (item !== undefined) value[key] = item;
  }
  return isCursorState(value) ? value : undefined;
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((item) => typeof item === 'string')
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isCursorState(value: unknown): value is CursorState {
  if (typeof value !== 'object' || value === null) return false;
  const state = value as Record<string, unknown>;
  return (
    typeof state.report === 'string' &&
    isStringRecord(state.request) &&
    Number.isSafeInteger(state.offset) &&
    (state.offset as number) >= 0 &&
    Number.isSafeInteger(state.limit) &&
    (state.limit as number) >= 1 &&
    Number.isSafeInteger(state.fetchedAt) &&
    (state.fetchedAt as number) >= 0 &&
    (state.fields === undefined || isStringArray(state.fields)) &&
    (state.groupBy === undefined || isStringArray(state.groupBy)) &&
    (state.orderBy === undefined || isStringArray(state.orderBy)) &&
    (state.top === undefined || (Number.isSafeInteger(state.top) && (state.top as number) >= 1)) &&
    (state.filter === undefined || isPlainObject(state.filter)) &&
    (state.aggregate === undefined || isPlainObject(state.aggregate))
  );
}
