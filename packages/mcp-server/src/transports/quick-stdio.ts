/**
 * The stdio quick start. An MCP client starts the server and opens with `initialize`, `notifications/initialized`
 * and `tools/list`; loading the MCP SDK, zod and the registry to answer them costs several times a bare Node
 * start. The build recorded what the real server answers to exactly those messages for the usual configurations
 * (stdio-answers.ts, scripts/stdio-answers.mjs), so this serves them from the record, and hands the session to
 * the SDK on the first message it does not recognise:
 *
 *  - it answers only a well-formed `initialize` asking for a protocol version the build answered, `ping` and
 *    `tools/list` without a cursor after it, and takes `notifications/initialized` (no answer). A 2026-07-28-era
 *    client has no handshake (each request carries its envelope): its `server/discover` and `tools/list` are
 *    answered when the envelope names a revision the build answered and holds nothing else the gate does not know.
 *    Anything else, including anything not JSON or not shaped exactly so, goes to the SDK, which answers it as it
 *    always does;
 *  - the handover starts the real server (startWolkvoxMcp) on an in-memory stream, replays the `initialize` and
 *    `notifications/initialized` the client sent (in the 2026-07-28 era, its first request), drops the server's
 *    second answer to that opening (the client has its first), and from then on forwards stdin's bytes as they
 *    came. The SDK so holds the same session state (client capabilities and info, negotiated version) as if it
 *    had served from the first line.
 *
 * The record is keyed by everything the server is built from (servedInputs); a configuration without one never
 * gets here. The recogniser below is a gate, not a parser: it accepts a message only when every part of it is one
 * it knows the SDK accepts, and otherwise leaves the message to the SDK.
 */
import { readFileSync } from 'node:fs';
import { PassThrough, type Readable, Writable } from 'node:stream';
import type { ServerConfig } from '../config.js';
import {
  ANSWERS_DIR,
  ANSWERS_INDEX,
  ENVELOPE_KEYS,
  inputsKey,
  type PrecomputedAnswers,
  type PrecomputedReplies,
  type ReplyTemplate,
  servedInputs,
} from './stdio-answers.js';

/** dist/stdio-answers/, from this module's place in dist/ (dist/transports/, or the bin's bundle in dist/bundle/). */
const ANSWERS = new URL(`../${ANSWERS_DIR}/`, import.meta.url);

/**
 * The build's answers for this configuration, or undefined when it has none (or they cannot be read). `dir`: where
 * they are (default dist/stdio-answers/; tests running the sources name it).
 */
export function precomputedAnswers(config: ServerConfig, dir: URL = ANSWERS): PrecomputedAnswers | undefined {
  if (config.transport !== 'stdio') return undefined;
  try {
    const index = JSON.parse(readFileSync(new URL(ANSWERS_INDEX, dir), 'utf8')) as Record<string, string>;
    const file = index[inputsKey(servedInputs(config))];
    if (file === undefined || !/^[\w.-]+\.json$/.test(file)) return undefined;
    return JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as PrecomputedAnswers;
  } catch {
    return undefined;
  }
}

type Message = Record<string, unknown>;

const isObject = (value: unknown): value is Message =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether the object has only these keys (own, enumerable: JSON.parse makes no others). */
const onlyKeys = (value: Message, keys: readonly string[]) =>
  Object.keys(value).every((key) => keys.includes(key));

const isEmptyObject = (value: unknown) => isObject(value) && Object.keys(value).length === 0;

/** A JSON-RPC request id the SDK's schema takes (a string, or an integer). */
const isRequestId = (id: unknown) => typeof id === 'string' || Number.isSafeInteger(id);

/**
 * Client capabilities the gate knows the SDK takes: `roots` (with or without a boolean `listChanged`),
 * `sampling`, `elicitation` and `experimental` as empty objects. Richer ones go to the SDK.
 */
function knownCapabilities(capabilities: unknown): boolean {
  if (!isObject(capabilities)) return false;
  return Object.entries(capabilities).every(([name, value]) => {
    if (name === 'roots')
      return (
        isObject(value) &&
        onlyKeys(value, ['listChanged']) &&
        (value.listChanged === undefined || typeof value.listChanged === 'boolean')
      );
    return ['sampling', 'elicitation', 'experimental'].includes(name) && isEmptyObject(value);
  });
}

/** `clientInfo` with a string name and version (and title): what clients send. */
function knownClientInfo(info: unknown): boolean {
  return (
    isObject(info) &&
    onlyKeys(info, ['name', 'version', 'title']) &&
    typeof info.name === 'string' &&
    typeof info.version === 'string' &&
    (info.title === undefined || typeof info.title === 'string')
  );
}

/** A request without parameters (absent, or an empty object). */
const plainRequest = (message: Message) =>
  isRequestId(message.id) && (message.params === undefined || isEmptyObject(message.params));

type Recognised =
  | { kind: 'initialize'; id: string | number; replies: PrecomputedReplies }
  | { kind: 'initialized' }
  | { kind: 'ping' | 'tools/list'; id: string | number }
  | { kind: 'modern'; id: string | number; reply: ReplyTemplate };

/** Which era the session opened in: a 2025-era `initialize`, or a 2026-07-28-era request with its envelope. */
type Era = 'legacy' | 'modern';

/**
 * A 2026-07-28-era `server/discover` or `tools/list` (no cursor) whose envelope holds only what the gate knows:
 * a protocol version the build answered, capabilities it knows, and optionally a plain client info.
 */
function recogniseModern(message: Message, answers: PrecomputedAnswers): Recognised | undefined {
  const { method, params } = message;
  if (method !== 'server/discover' && method !== 'tools/list') return undefined;
  if (!isRequestId(message.id) || !isObject(params) || !onlyKeys(params, ['_meta'])) return undefined;
  const meta = params._meta;
  if (!isObject(meta) || !onlyKeys(meta, Object.values(ENVELOPE_KEYS))) return undefined;
  const version = meta[ENVELOPE_KEYS.protocolVersion];
  const replies =
    typeof version === 'string' && answers.modern && Object.hasOwn(answers.modern, version)
      ? answers.modern[version]
      : undefined;
  if (!replies || !knownCapabilities(meta[ENVELOPE_KEYS.clientCapabilities])) return undefined;
  const info = meta[ENVELOPE_KEYS.clientInfo];
  if (info !== undefined && !knownClientInfo(info)) return undefined;
  const reply = method === 'server/discover' ? replies.discover : replies.toolsList;
  return { kind: 'modern', id: message.id as string | number, reply };
}

/** What the line is, when the gate knows the SDK's answer to it; undefined: the SDK must answer it. */
function recognise(line: string, answers: PrecomputedAnswers, era: Era | undefined): Recognised | undefined {
  let message: unknown;
  try {
    message = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (
    !isObject(message) ||
    message.jsonrpc !== '2.0' ||
    !onlyKeys(message, ['jsonrpc', 'id', 'method', 'params'])
  )
    return undefined;
  const { method, params } = message;
  if (era === 'modern') return recogniseModern(message, answers);
  if (era === undefined) {
    if (method !== 'initialize') return recogniseModern(message, answers);
    if (!isRequestId(message.id) || !isObject(params)) return undefined;
    if (!onlyKeys(params, ['protocolVersion', 'capabilities', 'clientInfo'])) return undefined;
    const replies =
      typeof params.protocolVersion === 'string' && Object.hasOwn(answers.versions, params.protocolVersion)
        ? answers.versions[params.protocolVersion]
        : undefined;
    if (!replies || !knownCapabilities(params.capabilities) || !knownClientInfo(params.clientInfo))
      return undefined;
    return { kind: 'initialize', id: message.id as string | number, replies };
  }
  if (method === 'notifications/initialized')
    return !('id' in message) && (params === undefined || isEmptyObject(params))
      ? { kind: 'initialized' }
      : undefined;
  if ((method === 'ping' || method === 'tools/list') && plainRequest(message))
    return { kind: method, id: message.id as string | number };
  return undefined;
}

/** The starting of the real server on the given streams (start.ts, loaded only when the session is handed over). */
export type StartServer = (streams: { stdin: Readable; stdout: Writable }) => Promise<{
  close(): Promise<void>;
}>;

export interface QuickStdioOptions {
  answers: PrecomputedAnswers;
  startServer: StartServer;
  stdin?: Readable;
  stdout?: Writable;
  /** Called once when the client closes its end before the handover (after it, the server's own onEnd runs). */
  onEnd?: () => void;
  /** Told when the handover could not start the server (the process should then exit: it cannot serve). */
  onFailure?: (error: unknown) => void;
  /** Told when the SDK's answer to the replayed opening differs from the recorded one (a stale build). */
  onMismatch?: (recorded: string, sdk: string) => void;
}

export interface QuickStdioHandle {
  /** Whether the SDK has taken the session over. */
  readonly handedOver: boolean;
  close(): Promise<void>;
}

const NEWLINE = 10;
/** A line longer than any message the gate answers is the SDK's to judge (and to refuse if overlong). */
const MAX_QUICK_LINE = 64 * 1024;

export function startQuickStdio(options: QuickStdioOptions): QuickStdioHandle {
  const stdin = options.stdin ?? process.stdin;
  const stdout = options.stdout ?? process.stdout;
  const { answers } = options;
  const reply = (template: ReplyTemplate, id: string | number) =>
    `${answers.texts[template[0]]}"id":${JSON.stringify(id)}${answers.texts[template[1]]}`;

  /**
   * Lines the SDK must see again at the handover, and the recorded answer to the first of them: the session's
   * opening (a 2025-era `initialize`, or the first 2026-07-28-era request).
   */
  const replay: Buffer[] = [];
  let opening: { era: Era; id: string | number; answer: string; replies?: PrecomputedReplies } | undefined;
  let held = Buffer.alloc(0);
  let phase: 'quick' | 'starting' | 'handed-over' | 'closed' = 'quick';
  /** Bytes that arrive while the server starts, in order; `ended` once stdin has closed. */
  const waiting: Buffer[] = [];
  let ended = false;
  let server: { close(): Promise<void> } | undefined;
  let feed: PassThrough | undefined;

  const onData = (chunk: Buffer | string) => {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (phase !== 'quick') {
      if (phase === 'starting') waiting.push(bytes);
      return;
    }
    let rest = held.length ? Buffer.concat([held, bytes]) : bytes;
    held = Buffer.alloc(0);
    for (let end = rest.indexOf(NEWLINE); end !== -1; end = rest.indexOf(NEWLINE)) {
      const line = rest.subarray(0, end + 1);
      const recognised = recognise(line.toString('utf8'), answers, opening?.era);
      if (!recognised) return handOver(rest);
      rest = rest.subarray(end + 1);
      if (recognised.kind === 'initialize') {
        const answer = reply(recognised.replies.initialize, recognised.id);
        opening = { era: 'legacy', id: recognised.id, answer, replies: recognised.replies };
        replay.push(Buffer.from(line));
        stdout.write(answer);
      } else if (recognised.kind === 'modern') {
        // Each request stands alone in this era: only the first is replayed, for the SDK to check its answer.
        const answer = reply(recognised.reply, recognised.id);
        if (!opening) {
          opening = { era: 'modern', id: recognised.id, answer };
          replay.push(Buffer.from(line));
        }
        stdout.write(answer);
      } else if (recognised.kind === 'initialized') {
        replay.push(Buffer.from(line));
      } else if (opening?.replies) {
        const { replies } = opening;
        stdout.write(reply(recognised.kind === 'ping' ? replies.ping : replies.toolsList, recognised.id));
      }
    }
    if (rest.length > MAX_QUICK_LINE) return handOver(rest);
    held = Buffer.from(rest);
  };

  /** stdin's end: the process's to act on before the handover, the server's after it. */
  const onEnd = () => {
    if (ended) return;
    ended = true;
    if (phase === 'handed-over') feed?.end();
    else if (phase === 'quick') {
      phase = 'closed';
      options.onEnd?.();
    }
  };

  function handOver(unread: Buffer): void {
    phase = 'starting';
    waiting.push(Buffer.from(unread));
    const drop = opening;
    const out = drop
      ? dropReplayedAnswer(stdout, drop.id, (sdk) => {
          if (sdk !== drop.answer) options.onMismatch?.(drop.answer, sdk);
        })
      : stdout;
    const input = new PassThrough();
    options.startServer({ stdin: input, stdout: out }).then(
      (started) => {
        server = started;
        if (phase === 'closed') {
          void started.close();
          return;
        }
        phase = 'handed-over';
        feed = input;
        for (const line of replay) input.write(line);
        for (const bytes of waiting.splice(0)) input.write(bytes);
        if (ended) input.end();
      },
      (error: unknown) => {
        phase = 'closed';
        options.onFailure?.(error);
      },
    );
  }

  stdin.on('data', (chunk: Buffer | string) => {
    if (phase === 'handed-over') feed?.write(chunk);
    else onData(chunk);
  });
  stdin.once('end', onEnd);
  stdin.once('close', onEnd);

  return {
    get handedOver() {
      return phase === 'handed-over';
    },
    close: async () => {
      const running = server;
      phase = 'closed';
      await running?.close();
    },
  };
}

/**
 * stdout for the server after the handover: passes every line through except the server's answer to the replayed
 * `initialize` (the first reply carrying its id), which it hands to `dropped` instead.
 */
function dropReplayedAnswer(
  stdout: Writable,
  id: string | number,
  dropped: (line: string) => void,
): Writable {
  let done = false;
  let pending = '';
  return new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      if (done) {
        stdout.write(chunk, () => callback());
        return;
      }
      pending += String(chunk);
      let out = '';
      for (let end = pending.indexOf('\n'); end !== -1 && !done; end = pending.indexOf('\n')) {
        const line = pending.slice(0, end + 1);
        pending = pending.slice(end + 1);
        let message: Message | undefined;
        try {
          message = JSON.parse(line) as Message;
        } catch {
          message = undefined;
        }
        if (message && message.id === id && ('result' in message || 'error' in message)) {
          done = true;
          dropped(line);
        } else out += line;
      }
      if (done) {
        out += pending;
        pending = '';
      }
      if (out) stdout.write(out, () => callback());
      else callback();
    },
  });
}
