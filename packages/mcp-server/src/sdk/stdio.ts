/**
 * stdio through the SDK's serving entry: the opening message picks the protocol era (2026-07-28 discovery, or the
 * 2025 `initialize` handshake) and one server instance from the factory serves the connection.
 *
 * Our reader stands in front of the SDK's transport: it reads stdin line by line and passes the SDK only the lines
 * that are messages within bounds. The rest it answers itself, for what the SDK gets wrong with them:
 * - a line that is not JSON, or JSON that is not a message: the SDK skips the first without a word and reports the
 *   second only to `onerror`, so a client would wait for an answer forever. JSON-RPC answers them -32700 (parse
 *   error, `id` null) and -32600 (invalid request, with the message's `id` when it has a usable one);
 * - a line longer than the SDK's buffer (10 MiB): the SDK's transport closes on it, and nothing after it would be
 *   answered. It is answered -32600 without being held (to its `id` when the line begins or ends with it, as
 *   clients write one), and the lines after it are served.
 * sdk-gaps.test.ts holds the bare SDK to both and fails once the SDK answers such lines itself: then that
 * part of the reader goes. A message with more entries than MAX_MESSAGE_ENTRIES is refused here too (refusals.ts),
 * before anything validates it member by member.
 *
 * Should the SDK's transport close while stdin is still open (stdout gone), `onclose` says so: whoever serves must
 * then end the process rather than leave it alive and deaf.
 */

import { PassThrough, type Readable, type Writable } from 'node:stream';
import {
  type McpServer,
  parseJSONRPCMessage,
  STDIO_DEFAULT_MAX_BUFFER_SIZE,
} from '@modelcontextprotocol/server';
import { StdioServerTransport, serveStdio } from '@modelcontextprotocol/server/stdio';
import { boundErrorReply } from './error-replies.js';
import {
  INVALID_REQUEST,
  isRequest,
  type JsonRpcRefusal,
  PARSE_ERROR,
  refusal,
  tooManyEntries,
  usableId,
} from './refusals.js';

/** The longest line read, newline excluded: with its newline, exactly the SDK's buffer. */
export const STDIO_LINE_LIMIT = STDIO_DEFAULT_MAX_BUFFER_SIZE - 1;

export interface StdioServing {
  close(): Promise<void>;
}

export interface StdioServingOptions {
  stdin?: Readable;
  stdout?: Writable;
  onerror?: (error: Error) => void;
  /** The connection has closed: stdin ended, or the SDK's transport closed (its stdout failed). Called once. */
  onclose?: () => void;
}

/**
 * The SDK's stdio transport reading the lines our reader lets through. Its error replies are bounded (the SDK's
 * entry writes some of its own: error-replies.ts), and its closing is reported once.
 */
class CheckedStdioTransport extends StdioServerTransport {
  #onclose: (() => void) | undefined;
  constructor(lines: Readable, stdout: Writable, onclose: (() => void) | undefined) {
    super(lines, stdout);
    this.#onclose = onclose;
  }
  override send(...[message, ...rest]: Parameters<StdioServerTransport['send']>) {
    return super.send(boundErrorReply(message), ...rest);
  }
  override async close(): Promise<void> {
    await super.close();
    const onclose = this.#onclose;
    this.#onclose = undefined;
    onclose?.();
  }
}

export function serveMcpOverStdio(factory: () => McpServer, options: StdioServingOptions = {}): StdioServing {
  const stdin = options.stdin ?? process.stdin;
  const stdout = options.stdout ?? process.stdout;
  const lines = new PassThrough();
  let stopReading = () => {};
  // Once the connection has closed, stdin is no longer read: nothing would read what the reader passes on.
  const transport = new CheckedStdioTransport(lines, stdout, () => {
    stopReading();
    options.onclose?.();
  });
  const serving = serveStdio(factory, {
    transport,
    ...(options.onerror ? { onerror: options.onerror } : {}),
  });
  stopReading = readMessages(stdin, {
    pass: (line) => lines.write(line),
    answer: (reply) => {
      if (stdout.writable) stdout.write(`${JSON.stringify(reply)}\n`);
    },
    ...(options.onerror ? { onerror: options.onerror } : {}),
    end: () => lines.end(),
  });
  return {
    close: async () => {
      stopReading();
      await serving.close();
    },
  };
}

interface Reader {
  /** A line that is a message within bounds, newline included: for the SDK. */
  pass(line: Buffer): void;
  /** A refusal for the client. */
  answer(reply: JsonRpcRefusal): void;
  onerror?: (error: Error) => void;
  /** stdin has ended. */
  end(): void;
}

/** Bytes kept of each end of a line too long to read, to find its id. */
const ENDS = 512;
const NEWLINE = Buffer.from('\n');

/**
 * Reads stdin's lines, passes the messages on and answers the rest. A line longer than STDIO_LINE_LIMIT is not
 * held: only its two ends are kept. Returns a function that stops reading (and pauses stdin if nothing else reads
 * it).
 */
export function readMessages(stdin: Readable, reader: Reader): () => void {
  let parts: Buffer[] = [];
  let held = 0;
  // The ends of an over-long line: its first bytes, and its last ones so far.
  let head: Buffer | undefined;
  let tail = Buffer.alloc(0);

  const check = (line: Buffer) => {
    const text = line.toString('utf8').replace(/\r$/, '');
    if (text.trim() === '') return;
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch (error) {
      reader.answer(
        refusal(PARSE_ERROR, `Parse error: ${error instanceof Error ? error.message : 'not JSON'}`),
      );
      return;
    }
    const tooMany = tooManyEntries(message);
    if (tooMany) {
      // A notification or a response is never answered (JSON-RPC): it is only reported.
      if (isRequest(message)) reader.answer(tooMany);
      else reader.onerror?.(new Error(tooMany.error.message));
      return;
    }
    try {
      parseJSONRPCMessage(message);
    } catch {
      reader.answer(
        refusal(
          INVALID_REQUEST,
          'Invalid Request: not a JSON-RPC 2.0 message (one object per line)',
          usableId(message),
        ),
      );
      return;
    }
    reader.pass(Buffer.concat([line, NEWLINE]));
  };

  const refuseOverlong = () => {
    const id = idAtEnds(head!.toString('utf8'), tail.toString('utf8'));
    reader.answer(
      refusal(
        INVALID_REQUEST,
        `Invalid Request: the message is longer than ${STDIO_LINE_LIMIT} bytes, the limit of one line on ` +
          'stdio; it was not read',
        id,
      ),
    );
  };

  const keepEnds = (bytes: Buffer) => {
    tail = Buffer.concat([tail, bytes]);
    if (tail.length > ENDS) tail = tail.subarray(tail.length - ENDS);
  };
  /** From here on the line is too long: keep its ends, let go of the rest. */
  const overlong = (line: Buffer) => {
    head = line.subarray(0, ENDS);
    tail = Buffer.alloc(0);
    keepEnds(line.subarray(Math.max(ENDS, line.length - ENDS)));
    parts = [];
    held = 0;
  };

  const onData = (chunk: Buffer | string) => {
    let rest = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    for (let end = rest.indexOf(10); end !== -1; end = rest.indexOf(10)) {
      const last = rest.subarray(0, end);
      rest = rest.subarray(end + 1);
      if (head === undefined && held + last.length > STDIO_LINE_LIMIT)
        overlong(Buffer.concat([...parts, last]));
      else if (head !== undefined) keepEnds(last);
      if (head === undefined) check(parts.length === 0 ? last : Buffer.concat([...parts, last]));
      else refuseOverlong();
      parts = [];
      held = 0;
      head = undefined;
      tail = Buffer.alloc(0);
    }
    if (rest.length === 0) return;
    if (head !== undefined) return keepEnds(rest);
    parts.push(rest);
    held += rest.length;
    if (held > STDIO_LINE_LIMIT) overlong(Buffer.concat(parts));
  };
  let ended = false;
  const onEnd = () => {
    if (ended) return;
    ended = true;
    reader.end();
  };
  stdin.on('data', onData);
  stdin.once('end', onEnd);
  stdin.once('close', onEnd);
  return () => {
    stdin.off('data', onData);
    stdin.off('end', onEnd);
    stdin.off('close', onEnd);
    // Nothing else reading it: paused, so that stdin does not keep the process alive on its own.
    if (stdin.listenerCount('data') === 0) stdin.pause();
  };
}

const ID = String.raw`"id"\s*:\s*(-?\d+(?:\.\d+)?|"(?:[^"\\]|\\.){0,256}")`;
/** `{"id":…` or `{"jsonrpc":"2.0","id":…`: the id as the object's first member, or its second after the version. */
const ID_FIRST = new RegExp(String.raw`^\s*\{\s*(?:"jsonrpc"\s*:\s*"2\.0"\s*,\s*)?${ID}\s*,`);
/** `…,"id":…}` at the very end of the line: the last member of the outermost object. */
const ID_LAST = new RegExp(String.raw`,\s*${ID}\s*\}\s*$`);

/**
 * The id of a line too long to read, from its ends: where clients write it (the SDK's client writes it last,
 * others first). Null when neither end has it, as JSON-RPC answers a message whose id cannot be told.
 */
export function idAtEnds(head: string, tail: string): string | number | null {
  const found = ID_LAST.exec(tail.replace(/\r$/, ''))?.[1] ?? ID_FIRST.exec(head)?.[1];
  if (found === undefined) return null;
  try {
    const id: unknown = JSON.parse(found);
    return typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id)) ? id : null;
  } catch {
    return null;
  }
}
