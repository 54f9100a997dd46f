#!/usr/bin/env node
/**
 * Build step (after the JavaScript build): the stdio quick start's answers. For each configuration the quick
 * start knows (precomputedCommandLines) and each protocol version the SDK supports, it starts the real server on
 * stdio in this process (startWolkvoxMcp from dist/: the SDK, the registry, our stdio wiring) and sends it
 * `initialize`, `notifications/initialized`, `ping` and `tools/list`; the bytes the server writes back, with the
 * request id cut out, are the answers. A version the SDK answers with anything but a result is left out (the SDK
 * then answers it at run time). Writes dist/stdio-answers/ (index.json and one file per configuration). The
 * configurations are recorded in worker threads, one per core.
 *
 *   node scripts/stdio-answers.mjs   (from the package directory; `pnpm build` runs it)
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { parseConfig } from '../dist/config.js';
import { SELECTION_NAMES } from '../dist/tools/toolsets.js';
import {
  ANSWERS_DIR,
  ANSWERS_INDEX,
  inputsKey,
  precomputedCommandLines,
  servedInputs,
  TEMPLATE_ID,
} from '../dist/transports/stdio-answers.js';

const OUT = join('dist', ANSWERS_DIR);
/** The first revision of the 2026-07-28 era: the one the build asks the server's discovery in. */
const FIRST_MODERN_VERSION = '2026-07-28';

/**
 * The lines a session writes back to `messages`, one per request, in the requests' order. `connect` opens the
 * session: the server's own stdio (startWolkvoxMcp), or another stdio connection to the same server (startStdio
 * with its factory, as start.ts wires it), since a 2025-era session negotiates its version once.
 */
async function exchange(connect, messages, what) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const ids = messages.filter((message) => 'id' in message).map((message) => message.id);
  const replies = new Map();
  let pending = '';
  const done = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`stdio-answers: no answer to ${what}`)), 30_000);
    stdout.on('data', (chunk) => {
      pending += chunk;
      for (let end = pending.indexOf('\n'); end !== -1; end = pending.indexOf('\n')) {
        const line = pending.slice(0, end + 1);
        pending = pending.slice(end + 1);
        replies.set(JSON.parse(line).id, line);
        if (replies.size === ids.length) {
          clearTimeout(timer);
          resolve();
        }
      }
    });
  });
  const session = await connect({ stdin, stdout });
  for (const message of messages) stdin.write(`${JSON.stringify(message)}\n`);
  await done;
  await session.close();
  return ids.map((id) => replies.get(id));
}

/** The 2025-era handshake in `protocolVersion`: initialize, its notification, ping and tools/list. */
function handshake(protocolVersion) {
  return [
    {
      jsonrpc: '2.0',
      id: TEMPLATE_ID,
      method: 'initialize',
      params: { protocolVersion, capabilities: {}, clientInfo: { name: 'wolkvox-mcp-build', version: '1' } },
    },
    { jsonrpc: '2.0', method: 'notifications/initialized' },
    { jsonrpc: '2.0', id: TEMPLATE_ID + 1, method: 'ping' },
    { jsonrpc: '2.0', id: TEMPLATE_ID + 2, method: 'tools/list' },
  ];
}

/** A 2026-07-28-era opening in `protocolVersion`: server/discover and tools/list, each with its own envelope. */
function modernOpening(sdk, protocolVersion) {
  const params = {
    _meta: {
      [sdk.PROTOCOL_VERSION_META_KEY]: protocolVersion,
      [sdk.CLIENT_INFO_META_KEY]: { name: 'wolkvox-mcp-build', version: '1' },
      [sdk.CLIENT_CAPABILITIES_META_KEY]: {},
    },
  };
  return [
    { jsonrpc: '2.0', id: TEMPLATE_ID, method: 'server/discover', params },
    { jsonrpc: '2.0', id: TEMPLATE_ID + 1, method: 'tools/list', params },
  ];
}

/** The reply split around its id, or undefined when it is not a result or the id is not there exactly once. */
function template(line, id) {
  if (!('result' in JSON.parse(line))) return undefined;
  const parts = line.split(`"id":${id}`);
  return parts.length === 2 ? parts : undefined;
}

/** One configuration's answers (PrecomputedAnswers), from the real server started with it. */
async function record(config) {
  // The server only where it runs (the workers): the main thread only hands out configurations.
  const [sdk, { silentLogger }, { startWolkvoxMcp }, { startStdio }] = await Promise.all([
    import('@modelcontextprotocol/server'),
    import('../dist/logger.js'),
    import('../dist/start.js'),
    import('../dist/transports/stdio.js'),
  ]);
  const logger = silentLogger();
  const texts = [];
  const text = (value) => {
    const at = texts.indexOf(value);
    return at === -1 ? texts.push(value) - 1 : at;
  };
  let running;
  const connect = async (streams) => {
    if (running) return startStdio(running.mcp.createServer, { ...streams, logger });
    running = await startWolkvoxMcp({ config, ...streams, bannerOut: null, logger });
    return { close: async () => undefined };
  };

  const versions = {};
  for (const protocolVersion of sdk.SUPPORTED_PROTOCOL_VERSIONS) {
    const replies = await exchange(connect, handshake(protocolVersion), `the ${protocolVersion} handshake`);
    const [initialize, ping, toolsList] = replies.map((line, k) => template(line, TEMPLATE_ID + k));
    if (!initialize || !ping || !toolsList) continue;
    // The version it was answered with is the one asked for: a negotiated other one is left to the SDK.
    if (JSON.parse(initialize.join('"id":0')).result.protocolVersion !== protocolVersion) continue;
    versions[protocolVersion] = {
      initialize: initialize.map(text),
      ping: ping.map(text),
      toolsList: toolsList.map(text),
    };
  }

  // The 2026-07-28 era has no handshake: each request carries its envelope. The revisions are the ones the
  // server's own discovery names (asked in the first modern revision); each is recorded when it is served as
  // asked (a result, not an error).
  const modern = {};
  const [discovery] = await exchange(connect, modernOpening(sdk, FIRST_MODERN_VERSION), 'server/discover');
  const supported = JSON.parse(discovery).result?.supportedVersions ?? [];
  for (const protocolVersion of supported) {
    const replies = await exchange(
      connect,
      modernOpening(sdk, protocolVersion),
      `the ${protocolVersion} opening`,
    );
    const [discover, toolsList] = replies.map((line, k) => template(line, TEMPLATE_ID + k));
    if (!discover || !toolsList) continue;
    modern[protocolVersion] = { discover: discover.map(text), toolsList: toolsList.map(text) };
  }

  const counts = { tools: running.mcp.service.tools.length, reports: running.mcp.service.reports.length };
  await running.close();
  return { counts, texts, versions, modern };
}

/** The configurations to record, once each by key (`default` alone is the default selection). */
function configurations() {
  const byKey = new Map();
  for (const { argv, env } of precomputedCommandLines(SELECTION_NAMES)) {
    const outcome = parseConfig(argv, env);
    if (outcome.kind !== 'run')
      throw new Error(`stdio-answers: ${argv.join(' ')} is not a server configuration`);
    const key = inputsKey(servedInputs(outcome.config));
    if (!byKey.has(key)) byKey.set(key, outcome.config);
  }
  return [...byKey];
}

if (!isMainThread) {
  // A worker: records the configurations it was given, by their place in the list.
  const all = configurations();
  const recorded = [];
  for (const at of workerData.jobs) recorded.push([at, await record(all[at][1])]);
  parentPort.postMessage(recorded);
} else {
  // The configurations are independent: recorded on every core (the build's last step, nothing else runs).
  const all = configurations();
  const workers = Math.max(1, Math.min(availableParallelism(), all.length));
  const slices = Array.from({ length: workers }, (_, w) =>
    all.map((_, at) => at).filter((at) => at % workers === w),
  );
  const results = (
    await Promise.all(
      slices.map(
        (jobs) =>
          new Promise((resolve, reject) => {
            const worker = new Worker(new URL(import.meta.url), { workerData: { jobs } });
            worker.once('message', resolve);
            worker.once('error', reject);
            worker.once('exit', (code) => {
              if (code !== 0) reject(new Error(`stdio-answers: a worker exited with ${code}`));
            });
          }),
      ),
    )
  ).flat();

  // Written beside, then put in place: a server starting meanwhile finds the old answers or the new, never half.
  const NEXT = `${OUT}.next-${process.pid}`;
  rmSync(NEXT, { recursive: true, force: true });
  mkdirSync(NEXT, { recursive: true });
  const index = {};
  for (const [at, answers] of results.sort((a, b) => a[0] - b[0])) {
    const file = `${at}.json`;
    writeFileSync(join(NEXT, file), JSON.stringify(answers));
    index[all[at][0]] = file;
  }
  if (Object.keys(index).length !== all.length)
    throw new Error('stdio-answers: a configuration was not recorded');
  writeFileSync(join(NEXT, ANSWERS_INDEX), `${JSON.stringify(index, null, 1)}\n`);
  rmSync(OUT, { recursive: true, force: true });
  renameSync(NEXT, OUT);
}
