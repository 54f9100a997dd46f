/**
 * A shim for one thing the SDK gets wrong: its error replies quote what the caller sent, whole. A prompt's arguments
 * that are not strings come back as one JSON issue per key (45 MB for 200,000 keys), and the HTTP entry quotes an
 * unsupported protocol version or a method name as long as the body allows (6 MB). Every error reply leaving the
 * server is cut here, whoever wrote it: its message to ERROR_TEXT_LIMIT characters, its data's strings likewise
 * (the data left out when even that is too long), so that a protocol error stays far inside the 50,000-character
 * bound of a reply. sdk-gaps.test.ts holds the bare SDK to its unbounded replies and fails once it
 * bounds them itself: then this file goes.
 *
 * Names the SDK looks up and quotes (tools, prompts, resources) are cut before the SDK sees them
 * (unknown-names.ts); this is the bound on everything else.
 */
import type { McpServer } from '@modelcontextprotocol/server';
import { cutText } from '../backend/quote.js';

/** Characters kept of an error's message, and of its data. */
export const ERROR_TEXT_LIMIT = 2_000;

/** Characters kept of each string in an error's data. */
const DATA_STRING_LIMIT = 200;

/** Levels of an error's data walked when its strings are cut; deeper data is left out. */
const DATA_DEPTH = 6;

/** A copy of `value` with its strings cut; undefined where it nests deeper than DATA_DEPTH. */
function cutStrings(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return cutText(value, DATA_STRING_LIMIT);
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= DATA_DEPTH) return undefined;
  if (Array.isArray(value)) return value.map((item) => cutStrings(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      cutText(key, DATA_STRING_LIMIT),
      cutStrings(item, depth + 1),
    ]),
  );
}

interface ErrorObject {
  code?: unknown;
  message?: unknown;
  data?: unknown;
}

function boundedError(error: ErrorObject): ErrorObject {
  const message = typeof error.message === 'string' ? error.message : '';
  const dataText = error.data === undefined ? '' : (JSON.stringify(error.data) ?? '');
  if (message.length <= ERROR_TEXT_LIMIT && dataText.length <= ERROR_TEXT_LIMIT) return error;
  const { data: _data, ...rest } = error;
  const bounded: ErrorObject = { ...rest, message: cutText(message, ERROR_TEXT_LIMIT) };
  if (dataText.length <= ERROR_TEXT_LIMIT) return { ...bounded, data: error.data };
  const data = cutStrings(error.data);
  const cut = JSON.stringify(data) ?? '';
  if (cut.length <= ERROR_TEXT_LIMIT) return { ...bounded, data };
  return { ...bounded, message: `${bounded.message} (its data, ${dataText.length} characters, left out)` };
}

/** A JSON-RPC message with its error, if it is an error reply, bounded; anything else as it is. */
export function boundErrorReply<T>(message: T): T {
  if (typeof message !== 'object' || message === null || !('error' in message)) return message;
  const { error } = message as { error: unknown };
  if (typeof error !== 'object' || error === null) return message;
  const bounded = boundedError(error as ErrorObject);
  return bounded === error ? message : { ...message, error: bounded };
}

/**
 * Bounds every error reply of this server instance, on whatever transport the SDK connects it to (a stdio
 * connection, one HTTP exchange). Must run before the server is connected.
 */
export function boundErrorReplies(server: McpServer): void {
  const low = server.server;
  const connect = low.connect.bind(low);
  low.connect = (transport) => {
    const send = transport.send.bind(transport);
    transport.send = (message, options) => send(boundErrorReply(message), options);
    return connect(transport);
  };
}
