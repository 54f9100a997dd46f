/**
 * Paging cursors. A cursor carries the whole query (report, window and parameters, answer controls) and the
 * position of the next page, so it works on its own: while the fetched result is cached the next page comes
 * from memory; once it has been evicted the same query is fetched again, transparently.
 */
import type { ReportRequest } from '../backend/source.js';

export interface CursorState {
  /** Report id. */
  report: string;
  /** What was asked of wolkvox: the window (`from`/`to`) and the report's own parameters. */
  request: ReportRequest;
  offset: number;
  limit: number;
  fields?: string[];
  filter?: Record<string, string>;
  groupBy?: string[];
  /** When the result the cursor pages through was fetched (ms since the epoch). */
  fetchedAt: number;
}

const PREFIX = 'wv1.';

/** On the wire the keys are one letter: cursors travel in every paged answer, twice. */
const SHORT = {
  report: 'r',
  request: 'q',
  offset: 'o',
  limit: 'l',
  fields: 'f',
  filter: 'w',
  groupBy: 'g',
  fetchedAt: 't',
} as const satisfies Record<keyof CursorState, string>;

export function encodeCursor(state: CursorState): string {
  const wire: Record<string, unknown> = {};
  for (const [key, short] of Object.entries(SHORT)) {
    const value = state[key as keyof CursorState];
    if (value !== undefined) wire[short] = value;
  }
  return PREFIX + Buffer.from(JSON.stringify(wire), 'utf8').toString('base64url');
}

/** The state a cursor carries; undefined when it is not a cursor this server made. */
export function decodeCursor(cursor: string): CursorState | undefined {
  if (!cursor.startsWith(PREFIX)) return undefined;
  let wire: unknown;
  try {
    wire = JSON.parse(Buffer.from(cursor.slice(PREFIX.length), 'base64url').toString('utf8'));
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
    Number.isFinite(state.fetchedAt) &&
    (state.fields === undefined || isStringArray(state.fields)) &&
    (state.groupBy === undefined || isStringArray(state.groupBy)) &&
    (state.filter === undefined || isStringRecord(state.filter))
  );
}
