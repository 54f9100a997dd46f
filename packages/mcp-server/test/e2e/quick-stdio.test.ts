/**
 * The stdio quick start against the SDK: the same messages to the quick start (recorded answers, then the
 * handover) and to the server alone (startWolkvoxMcp on stdio, what the bin ran before the quick start) must get
 * the same bytes back, for the handshake, for whole sessions that go on past it, and for openings the quick start
 * leaves to the SDK. The recorded answers are the build's (dist/stdio-answers/): build first.
 */
import { existsSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import {
  CLIENT_CAPABILITIES_META_KEY,
  CLIENT_INFO_META_KEY,
  PROTOCOL_VERSION_META_KEY,
} from '@modelcontextprotocol/server';
import { describe, expect, it } from 'vitest';
import { parseConfig, type ServerConfig } from '../../src/config.js';
import { silentLogger } from '../../src/logger.js';
import { startWolkvoxMcp } from '../../src/start.js';
import { SELECTION_NAMES } from '../../src/tools/toolsets.js';
import { precomputedAnswers, startQuickStdio } from '../../src/transports/quick-stdio.js';
import { ENVELOPE_KEYS, precomputedCommandLines } from '../../src/transports/stdio-answers.js';

const ANSWERS = new URL('../../dist/stdio-answers/', import.meta.url);

function configOf(argv: string[] = [], env: Record<string, string> = {}): ServerConfig {
  const outcome = parseConfig(argv, env);
  if (outcome.kind !== 'run') throw new Error('not a server configuration');
  return outcome.config;
}

type Json = Record<string, unknown>;

/**
 * The reply lines in a fixed order. Past the handshake, replies to different requests may come in any order (the
 * parse-error answer to a bad line is written as the line arrives, other answers when their handler is done), so
 * sessions are compared line for line, not in arrival order.
 */
const replyLines = (output: string) => output.split('\n').filter(Boolean).sort();
const line = (message: Json) => `${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`;
const initialize = (id: string | number, protocolVersion: string, extra: Json = {}) =>
  line({
    id,
    method: 'initialize',
    params: { protocolVersion, capabilities: {}, clientInfo: { name: 'test', version: '1' }, ...extra },
  });
const INITIALIZED = line({ method: 'notifications/initialized' });
/** A 2026-07-28-era request: no handshake, the envelope in every request's _meta. */
const envelope = (extra: Json = {}, version = '2026-07-28') => ({
  [PROTOCOL_VERSION_META_KEY]: version,
  [CLIENT_INFO_META_KEY]: { name: 'test', version: '1' },
  [CLIENT_CAPABILITIES_META_KEY]: {},
  ...extra,
});
const modern = (id: string | number, method: string, meta: Json = envelope(), params: Json = {}) =>
  line({ id, method, params: { ...params, _meta: meta } });

/** Whether every request of the input has had its reply (by id), or the count of lines expected has come. */
function repliesComplete(input: string, output: string, extraLines: number): boolean {
  const ids = input
    .split('\n')
    .filter(Boolean)
    .flatMap((text) => {
      try {
        const message = JSON.parse(text) as Json;
        return 'id' in message && 'method' in message ? [JSON.stringify(message.id)] : [];
      } catch {
        return [];
      }
    });
  const lines = output.split('\n').filter(Boolean);
  const answered = new Set(lines.map((text) => JSON.stringify((JSON.parse(text) as Json).id)));
  return ids.every((id) => answered.has(id)) && lines.length >= ids.length + extraLines;
}

/**
 * Runs one session: the input written in chunks of `chunk` bytes, until every request has been answered (and
 * `extraLines` more lines, for answers to lines without a usable id). `quick` runs it on the quick start.
 */
async function session(
  config: ServerConfig,
  input: string,
  { quick, chunk = input.length, extraLines = 0 }: { quick: boolean; chunk?: number; extraLines?: number },
) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  let output = '';
  const complete = new Promise<void>((resolve) => {
    stdout.on('data', (data) => {
      output += String(data);
      if (repliesComplete(input, output, extraLines)) resolve();
    });
  });
  const logger = silentLogger();
  let started = 0;
  const mismatches: string[] = [];
  let handedOver = () => false;
  let close: () => Promise<void>;
  if (quick) {
    const answers = precomputedAnswers(config, ANSWERS);
    if (!answers) throw new Error('no recorded answers for this configuration');
    const handle = startQuickStdio({
      answers,
      stdin,
      stdout,
      startServer: (streams) => {
        started += 1;
        return startWolkvoxMcp({ config, ...streams, bannerOut: null, logger });
      },
      onMismatch: (_recorded, sdk) => mismatches.push(sdk),
    });
    handedOver = () => handle.handedOver;
    close = () => handle.close();
  } else {
    const running = await startWolkvoxMcp({ config, stdin, stdout, bannerOut: null, logger });
    close = () => running.close();
  }
  const bytes = Buffer.from(input);
  for (let at = 0; at < bytes.length; at += chunk) stdin.write(bytes.subarray(at, at + chunk));
  await complete;
  // Nothing more is coming (a second answer to the replayed initialize would show here).
  await new Promise((resolve) => setTimeout(resolve, 50));
  const wasHandedOver = handedOver();
  await close();
  return { output, started, handedOver: wasHandedOver, mismatches };
}

describe('the stdio quick start', () => {
  it('has the answers the build recorded', () => {
    expect(existsSync(new URL('index.json', ANSWERS)), 'build first: dist/stdio-answers/ is missing').toBe(
      true,
    );
    const answers = precomputedAnswers(configOf(), ANSWERS);
    expect(Object.keys(answers?.versions ?? {})).toContain('2025-11-25');
  });

  it("answers the handshake with the SDK's bytes, for every recorded version and kind of id, without the SDK", async () => {
    const config = configOf();
    const versions = Object.keys(precomputedAnswers(config, ANSWERS)?.versions ?? {});
    const ids: (string | number)[] = [0, 1, -7, 2 ** 40, 'a', 'quo"te\\', 'ünï 🙂'];
    const capabilities: Json[] = [
      {},
      { roots: { listChanged: true } },
      { roots: {}, sampling: {}, elicitation: {}, experimental: {} },
    ];
    for (const [n, version] of versions.entries()) {
      const id = ids[n % ids.length]!;
      const input =
        initialize(id, version, {
          capabilities: capabilities[n % capabilities.length],
          clientInfo: { name: 'test', version: '1', title: 'Test' },
        }) +
        INITIALIZED +
        line({ id: ids[(n + 1) % ids.length]!, method: 'ping' }) +
        line({ id: ids[(n + 2) % ids.length]!, method: 'tools/list', params: {} });
      const sdk = await session(config, input, { quick: false });
      const quick = await session(config, input, { quick: true, chunk: 5 });
      expect(quick.output).toBe(sdk.output);
      expect(quick.started).toBe(0);
    }
  });

  it("answers a 2026-07-28 client's discovery and tools/list with the SDK's bytes, without the SDK", async () => {
    expect(ENVELOPE_KEYS).toEqual({
      protocolVersion: PROTOCOL_VERSION_META_KEY,
      clientInfo: CLIENT_INFO_META_KEY,
      clientCapabilities: CLIENT_CAPABILITIES_META_KEY,
    });
    const config = configOf();
    expect(Object.keys(precomputedAnswers(config, ANSWERS)?.modern ?? {})).toContain('2026-07-28');
    const envelopes: Json[] = [
      envelope(),
      envelope({ [CLIENT_INFO_META_KEY]: { name: 'test', version: '2', title: 'Test' } }),
      envelope({ [CLIENT_CAPABILITIES_META_KEY]: { roots: { listChanged: true }, sampling: {} } }),
      // The client's info is optional in the envelope.
      Object.fromEntries(Object.entries(envelope()).filter(([key]) => key !== CLIENT_INFO_META_KEY)),
    ];
    const ids: (string | number)[] = [0, 'a', 'ünï 🙂', 2 ** 40];
    for (const [n, meta] of envelopes.entries()) {
      const input =
        modern(ids[n % ids.length]!, 'tools/list', meta) +
        modern(ids[(n + 1) % ids.length]!, 'server/discover', meta) +
        modern(ids[(n + 2) % ids.length]!, 'tools/list', meta);
      const sdk = await session(config, input, { quick: false });
      const quick = await session(config, input, { quick: true, chunk: 9 });
      expect(quick.output).toBe(sdk.output);
      expect(quick.started).toBe(0);
    }
  });

  it('matches the SDK for every configuration the build precomputes', async () => {
    for (const { argv, env } of precomputedCommandLines(SELECTION_NAMES)) {
      const config = configOf(argv, env);
      for (const input of [
        initialize(1, '2025-06-18') + INITIALIZED + line({ id: 2, method: 'tools/list' }),
        modern(1, 'server/discover') + modern(2, 'tools/list'),
      ]) {
        const sdk = await session(config, input, { quick: false });
        const quick = await session(config, input, { quick: true });
        expect(quick.output, argv.join(' ') || 'defaults').toBe(sdk.output);
        expect(quick.started).toBe(0);
      }
    }
  }, 90_000);

  it('hands the session over on the first other message, as if the SDK had served it from the start', async () => {
    const config = configOf();
    const input =
      initialize(1, '2025-11-25', { capabilities: { roots: { listChanged: true } } }) +
      INITIALIZED +
      line({ id: 2, method: 'tools/list' }) +
      line({ id: 3, method: 'tools/call', params: { name: 'list_reports', arguments: { query: 'ivr' } } }) +
      line({ id: 4, method: 'ping' }) +
      line({ id: 5, method: 'resources/list' }) +
      line({ id: 6, method: 'prompts/list' }) +
      line({ id: 7, method: 'logging/setLevel', params: { level: 'error' } }) +
      // The initialize id again: only the replayed initialize's answer is dropped, not this one's.
      line({ id: 1, method: 'tools/list', params: { cursor: 'nope' } }) +
      'not json\n' +
      line({ id: 8, method: 'initialize', params: {} });
    const sdk = await session(config, input, { quick: false, extraLines: 1 });
    const quick = await session(config, input, { quick: true, chunk: 7, extraLines: 1 });
    expect(replyLines(quick.output)).toEqual(replyLines(sdk.output));
    expect(quick.handedOver).toBe(true);
    expect(quick.started).toBe(1);
    expect(quick.mismatches).toEqual([]);
  });

  it('hands a 2026-07-28 session over on the first other request, as if the SDK had served it from the start', async () => {
    const config = configOf();
    const input =
      modern(1, 'tools/list') +
      modern(2, 'tools/call', envelope(), { name: 'list_reports', arguments: { query: 'ivr' } }) +
      modern(3, 'resources/list') +
      modern(4, 'tools/list') +
      // The opening's id again: only the replayed opening's answer is dropped, not this one's.
      modern(1, 'tools/list', envelope(), { cursor: 'nope' }) +
      modern(5, 'server/discover');
    const sdk = await session(config, input, { quick: false });
    const quick = await session(config, input, { quick: true, chunk: 11 });
    expect(replyLines(quick.output)).toEqual(replyLines(sdk.output));
    expect(quick.handedOver).toBe(true);
    expect(quick.started).toBe(1);
    expect(quick.mismatches).toEqual([]);
  });

  it.each([
    ['a protocol version it has no answer for', initialize(1, '1999-01-01')],
    [
      'capabilities it does not know',
      initialize(1, '2025-11-25', { capabilities: { sampling: { tools: {} } } }),
    ],
    [
      'capabilities the SDK refuses',
      initialize(1, '2025-11-25', { capabilities: { roots: { listChanged: 1 } } }),
    ],
    ['a client without a version', initialize(1, '2025-11-25', { clientInfo: { name: 'test' } })],
    ['an envelope in _meta', initialize(1, '2025-11-25', { _meta: { 'io.modelcontextprotocol/x': 1 } })],
    ['a fractional id', initialize(1.5, '2025-11-25')],
    ['tools/list before initialize', line({ id: 1, method: 'tools/list' })],
    [
      'a 2026-07-28 envelope naming a revision it has no answer for',
      modern(1, 'server/discover', envelope({}, '2099-01-01')),
    ],
    [
      'a 2026-07-28 envelope with a key it does not know',
      modern(1, 'tools/list', envelope({ 'io.modelcontextprotocol/logLevel': 'debug' })),
    ],
    [
      'a 2026-07-28 envelope with capabilities it does not know',
      modern(1, 'tools/list', envelope({ [CLIENT_CAPABILITIES_META_KEY]: { tasks: {} } })),
    ],
    [
      'a 2026-07-28 envelope without its capabilities',
      modern(1, 'tools/list', { [PROTOCOL_VERSION_META_KEY]: '2026-07-28' }),
    ],
    ['a 2026-07-28 tools/list with a cursor', modern(1, 'tools/list', envelope(), { cursor: 'x' })],
    ['a 2026-07-28 request it does not answer', modern(1, 'resources/list')],
  ])('leaves to the SDK an opening with %s', async (_what, opening) => {
    const config = configOf();
    const input = opening + INITIALIZED + line({ id: 2, method: 'ping' });
    const sdk = await session(config, input, { quick: false });
    const quick = await session(config, input, { quick: true });
    expect(replyLines(quick.output)).toEqual(replyLines(sdk.output));
    expect(quick.started).toBe(1);
  });

  it('leaves to the SDK a line that is not JSON, and what follows it', async () => {
    const config = configOf();
    const input = '{"jsonrpc":\n' + initialize(1, '2025-11-25') + line({ id: 2, method: 'ping' });
    const sdk = await session(config, input, { quick: false, extraLines: 1 });
    const quick = await session(config, input, { quick: true, extraLines: 1 });
    expect(replyLines(quick.output)).toEqual(replyLines(sdk.output));
    expect(quick.started).toBe(1);
  });

  it('has no answers for configurations the build did not precompute, which the SDK then serves', () => {
    expect(precomputedAnswers(configOf(['--toolsets', 'calls,ivr']), ANSWERS)).toBeUndefined();
    expect(
      precomputedAnswers(configOf([], { WOLKVOX_TIMEZONE: 'America/Mexico_City' }), ANSWERS),
    ).toBeUndefined();
    expect(precomputedAnswers(configOf(['--cache-mb', '64']), ANSWERS)).toBeUndefined();
    expect(precomputedAnswers(configOf(['--http']), ANSWERS)).toBeUndefined();
    expect(precomputedAnswers(configOf(), new URL('../../no-such-dir/', ANSWERS))).toBeUndefined();
  });

  it('calls onEnd when the client closes stdin before the handover', async () => {
    const answers = precomputedAnswers(configOf(), ANSWERS)!;
    const stdin = new PassThrough();
    let ended = 0;
    startQuickStdio({
      answers,
      stdin,
      stdout: new PassThrough(),
      startServer: () => Promise.reject(new Error('not expected')),
      onEnd: () => {
        ended += 1;
      },
    });
    stdin.end(initialize(1, '2025-11-25'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(ended).toBe(1);
  });
});
