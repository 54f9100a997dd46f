/**
 * stdio through the SDK's serving entry: the opening message picks the protocol era (2026-07-28 discovery, or the
 * 2025 `initialize` handshake) and one server instance from the factory serves the connection.
 *
 * A shim for one thing the SDK gets wrong: its stdio transport skips a line that is not JSON without a word, and
 * reports JSON that is not a message only to `onerror`, so a client that sent either would wait for an answer
 * forever. JSON-RPC answers them with -32700 (parse error, `id` null) and -32600 (invalid request, with the
 * message's `id` when it has a usable one); `answerUnreadableLines` does so beside the SDK, with the SDK's own
 * message schema, so exactly the lines the SDK drops are answered. test/unit/sdk-gaps.test.ts holds the bare SDK
 * to its silence and fails once the SDK answers such lines itself: then the shim goes.
 */

import type { Readable, Writable } from 'node:stream';
import {
  type McpServer,
  parseJSONRPCMessage,
  STDIO_DEFAULT_MAX_BUFFER_SIZE,
} from '@modelcontextprotocol/server';
import { StdioServerTransport, serveStdio } from '@modelcontextprotocol/server/stdio';

export interface StdioServing {
  close(): Promise<void>;
}

export function serveMcpOverStdio(
  factory: () => McpServer,
  options: { stdin?: Readable; stdout?: Writable; onerror?: (error: Error) => void } = {},
): StdioServing {
  const stdin = options.stdin ?? process.stdin;
  const stdout = options.stdout ?? process.stdout;
  const transport =
    options.stdin || options.stdout ? new StdioServerTransport(options.stdin, options.stdout) : undefined;
  const serving = serveStdio(factory, {
    ...(transport ? { transport } : {}),
    ...(options.onerror ? { onerror: options.onerror } : {}),
  });
  // In the same tick as the SDK's own listener (serveStdio starts reading synchronously): both see every chunk.
  const stopAnswering = answerUnreadableLines(stdin, stdout);
  return {
    close: async () => {
      stopAnswering();
      await serving.close();
    },
  };
}

const PARSE_ERROR = -32_700;
const INVALID_REQUEST = -32_600;

/**
 * Reads the lines the SDK reads (it gets every chunk too: a second `data` listener) and answers the ones it would
 * leave unanswered. A line longer than the SDK's buffer is not kept: the SDK closes the connection on it anyway.
 * Returns a function that stops listening.
 */
export function answerUnreadableLines(stdin: Readable, stdout: Writable): () => void {
  let parts: Buffer[] = [];
  let held = 0;
  let overlong = false;
  const answer = (code: number, message: string, id: string | number | null = null) => {
    stdout.write(`${JSON.stringify({ jsonrpc: '2.0', id, error: { code, message } })}\n`);
  };
  const check = (line: string) => {
    if (line.trim() === '') return;
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch (error) {
      answer(PARSE_ERROR, `Parse error: ${error instanceof Error ? error.message : 'not JSON'}`);
      return;
    }
    try {
      parseJSONRPCMessage(message);
    } catch {
      answer(
        INVALID_REQUEST,
        'Invalid Request: not a JSON-RPC 2.0 message (one object per line)',
        usableId(message),
      );
    }
  };
  const onData = (chunk: Buffer | string) => {
    let rest = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    for (let end = rest.indexOf(10); end !== -1; end = rest.indexOf(10)) {
      if (!overlong) {
        parts.push(rest.subarray(0, end));
        check(Buffer.concat(parts).toString('utf8').replace(/\r$/, ''));
      }
      parts = [];
      held = 0;
      overlong = false;
      rest = rest.subarray(end + 1);
    }
    if (overlong || rest.length === 0) return;
    held += rest.length;
    if (held > STDIO_DEFAULT_MAX_BUFFER_SIZE) {
      parts = [];
      overlong = true;
    } else parts.push(rest);
  };
  stdin.on('data', onData);
  return () => stdin.off('data', onData);
}

/** The id of a message that is not valid, when it is one a reply can carry; null otherwise, as JSON-RPC says. */
function usableId(message: unknown): string | number | null {
  if (typeof message !== 'object' || message === null || !('id' in message)) return null;
  const { id } = message;
  return typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id)) ? id : null;
}
