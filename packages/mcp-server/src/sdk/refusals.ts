/**
 * What our wiring refuses itself, before the SDK reads a message, on stdio and HTTP alike: the JSON-RPC error
 * objects it answers with, and the bound on a message's size in entries.
 *
 * Entries are object members and array items at every depth. An argument object of 200,000 keys held the event
 * loop 2.1 s while it was validated key by key (and a prompt's arguments came back as an error listing every key);
 * counting them once the message is parsed costs a walk that stops at the bound.
 */

import { INVALID_REQUEST } from '@modelcontextprotocol/server';

export { INVALID_REQUEST, PARSE_ERROR } from '@modelcontextprotocol/server';

/** Entries one message may hold: far above any call this server takes (its largest arguments hold a few hundred). */
export const MAX_MESSAGE_ENTRIES = 10_000;

export interface JsonRpcRefusal {
  jsonrpc: '2.0';
  id: string | number | null;
  error: { code: number; message: string };
}

export function refusal(code: number, message: string, id: string | number | null = null): JsonRpcRefusal {
  return { jsonrpc: '2.0', id, error: { code, message } };
}

/** The id of a message that is refused, when it is one a reply can carry; null otherwise, as JSON-RPC says. */
export function usableId(message: unknown): string | number | null {
  if (typeof message !== 'object' || message === null || !('id' in message)) return null;
  const { id } = message;
  return typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id)) ? id : null;
}

/** Whether `value` holds more than `limit` entries; stops counting as soon as it does. */
export function holdsMoreEntriesThan(value: unknown, limit: number): boolean {
  let count = 0;
  const pending: object[] = typeof value === 'object' && value !== null ? [value] : [];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    // Counted by its keys before any value is read: for an object of 200,000 keys that is all the work done.
    const keys = Array.isArray(item) ? undefined : Object.keys(item);
    count += keys ? keys.length : (item as unknown[]).length;
    if (count > limit) return true;
    const members: unknown[] = keys
      ? keys.map((key) => (item as Record<string, unknown>)[key])
      : (item as unknown[]);
    for (const member of members) if (typeof member === 'object' && member !== null) pending.push(member);
  }
  return false;
}

/** The refusal of a parsed message with more entries than MAX_MESSAGE_ENTRIES; undefined when it has fewer. */
export function tooManyEntries(message: unknown): JsonRpcRefusal | undefined {
  if (!holdsMoreEntriesThan(message, MAX_MESSAGE_ENTRIES)) return undefined;
  return refusal(
    INVALID_REQUEST,
    `Invalid Request: the message holds more than ${MAX_MESSAGE_ENTRIES} entries (object keys and array items, ` +
      `at every depth), the limit of one message`,
    usableId(message),
  );
}

/** Whether a parsed message is a request (it has a method and an id), which a refusal answers. */
export function isRequest(message: unknown): boolean {
  return typeof message === 'object' && message !== null && 'method' in message && 'id' in message;
}
