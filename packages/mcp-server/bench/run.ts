/**
 * Benchmarks, each measured side by side in the same run:
 *  1. tool-call overhead: the same one-day report through an MCP tool call (in memory, and over Streamable HTTP)
 *     versus a direct client call, all three through one client, every call a real fetch (the answer cache is
 *     cleared between calls);
 *  2. answer size for a 60,000-row result (text and structured content), and paging it;
 *  3. cold start: spawning the built stdio server until it has served tools/list, versus a bare `node -e`;
 *  4. the build: `turbo run build --force` from the root, all four packages;
 *  5. the result cache's memory: 20 different ~60,000-row windows in a row through the built bin, its peak RSS
 *     as a multiple of one result's JSON size, with the cache's byte bound at its default and at 64 MiB.
 * It ends with a summary of the three figures the project holds itself to, and writes that summary into
 * docs/testing-and-benchmarks.md (between its bench:summary markers), so the documented figures are this output.
 *
 * Run: pnpm bench   (node --expose-gc --import tsx bench/run.ts; measures the built dist/, what ships)
 *      pnpm bench <section>      (one section alone: overhead, large-answer, cold-start, build, cache-memory;
 *                                 the documented summary is written only by a whole run)
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Client, InMemoryTransport, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import {
  CLIENT_CAPABILITIES_META_KEY,
  CLIENT_INFO_META_KEY,
  fromJsonSchema,
  McpServer,
  PROTOCOL_VERSION_META_KEY,
} from '@modelcontextprotocol/server';
import { createWolkvoxClient } from '@wolkvox-mcp/client';
import { DEMO_TOKEN, startMockServer } from '@wolkvox-mcp/mock-server';
import Fastify from 'fastify';
import { pino } from 'pino';
import { MAX_TEXT_CHARS } from '../dist/answers/answer.js';
import { createMcpHttpApp } from '../dist/sdk/http.js';
import { createWolkvoxMcpServer } from '../dist/server.js';
import { ANSWER_OUTPUT_SCHEMA } from '../dist/tools/schema.js';
import { startHttp } from '../dist/transports/http.js';
import { queryBench } from './query.js';

/** The launcher the package's bin names (it runs the bundle): what `npx wolkvox-mcp` starts. */
const BIN = fileURLToPath(new URL('../bin/wolkvox-mcp.js', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DOCS = `${ROOT}docs/testing-and-benchmarks.md`;

/** Ratios grow with the load other programs put on the machine: the summary says under which it was measured. */
const LOAD_AT_START = loadavg()[0] ?? 0;

/** The figures of the summary, filled in as the sections run. */
const summary: {
  build?: number;
  coldStart?: number;
  coldStartModern?: number;
  inMemory?: number;
  http?: number;
  sdkFloor?: number;
  clientFloor?: number;
  roundTrip?: number;
  buildLoad?: number;
} = {};
const silent = pino({ level: 'silent' });

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const ms = (value: number) => `${value.toFixed(2)} ms`;

function days(count: number): string[] {
  return Array.from({ length: count }, (_, i) =>
    new Date(Date.UTC(2025, 0, 6 + i)).toISOString().slice(0, 10),
  );
}

async function overhead(): Promise<void> {
  const mock = await startMockServer({ port: 0, host: '127.0.0.1' });
  // One client for all three paths: the same calls reach the same emulator through the same client, so the
  // ratios are the MCP layers alone. `process` coordination: no closed-day disk cache, every call a real fetch.
  const client = createWolkvoxClient({ token: DEMO_TOKEN, baseUrl: mock.url, coordination: 'process' });
  // Every report's tool listed (--toolsets all): the most a server built per HTTP request can have to register.
  const mcp = createWolkvoxMcpServer({ client, sourceKind: 'emulator', toolsets: 'all' });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await mcp.server.connect(serverSide);
  const inMemory = new Client({ name: 'bench', version: '1' });
  await inMemory.connect(clientSide);

  // The HTTP transport the bin serves with --http (startWolkvoxMcp starts exactly this over its own server).
  const http = await startHttp(
    mcp.createServer,
    { host: '127.0.0.1', port: 0, allowedHosts: ['127.0.0.1'], allowedOrigins: ['127.0.0.1'] },
    silent,
  );
  const overHttp = new Client({ name: 'bench', version: '1' }, { versionNegotiation: { mode: 'auto' } });
  await overHttp.connect(new StreamableHTTPClientTransport(new URL(http.url)));

  const report = 'act_3';
  const sample = days(30);
  const direct: number[] = [];
  const viaMemory: number[] = [];
  const viaHttp: number[] = [];
  // Warm up every path (JIT, connections) and the emulator's own response cache for every sample day, so that
  // all three paths then get the same work from it.
  for (const day of sample) await client.report(report, { from: day, to: day });
  for (const day of sample.slice(0, 3)) {
    await inMemory.callTool({ name: `wolkvox_${report}`, arguments: { from: day } });
    await overHttp.callTool({ name: `wolkvox_${report}`, arguments: { from: day } });
  }
  let rows = 0;
  // For context, not a path to the report: one more HTTP round trip carrying an answer's bytes (a JSON-RPC
  // response as big as the tool call's) to a bare Fastify route, through fetch as the SDK client sends it. The HTTP
  // path makes this round trip around the direct call's own one to wolkvox.
  const answerBytes = `${JSON.stringify({
    result: await inMemory.callTool({ name: `wolkvox_${report}`, arguments: { from: sample[0] } }),
    jsonrpc: '2.0',
    id: 1,
  })}`;
  // The SDK's own floor, for where the HTTP time goes: a tool whose answer is ready-made (the same content and
  // structured content, the same output schema to check), served per request by the SDK's server behind the same
  // HTTP app and called by the same SDK client. Nothing of ours runs in it: what it costs, any tool costs.
  const ready = await inMemory.callTool({ name: `wolkvox_${report}`, arguments: { from: sample[0] } });
  const readyAnswer = { content: ready.content, structuredContent: ready.structuredContent };
  const floorInput = fromJsonSchema({ type: 'object', properties: { from: { type: 'string' } } });
  const floorOutput = fromJsonSchema(ANSWER_OUTPUT_SCHEMA as Parameters<typeof fromJsonSchema>[0]);
  const readyServer = () => {
    const server = new McpServer({ name: 'floor', version: '1' });
    server.registerTool(
      `wolkvox_${report}`,
      { description: 'ready-made', inputSchema: floorInput, outputSchema: floorOutput },
      async () => readyAnswer as never,
    );
    return server;
  };
  const local = { host: '127.0.0.1', port: 0, allowedHosts: ['127.0.0.1'], allowedOrigins: ['127.0.0.1'] };
  const floorHttp = await startHttp(readyServer, local, silent);
  const overFloor = new Client({ name: 'bench', version: '1' }, { versionNegotiation: { mode: 'auto' } });
  await overFloor.connect(new StreamableHTTPClientTransport(new URL(floorHttp.url)));
  // Below that, the SDK client's own share: the same app answers tools/call with the finished JSON-RPC bytes at
  // once, before any MCP server (the handshake still goes to the ready-made server).
  const finished = JSON.stringify({ ...readyAnswer, resultType: 'complete' });
  const canned = createMcpHttpApp({ ...local, factory: readyServer, path: '/mcp' });
  canned.app.addHook('preHandler', async (request, reply) => {
    const message = JSON.parse(String(request.body)) as { method?: string; id?: unknown };
    if (message.method !== 'tools/call') return;
    await reply
      .type('application/json')
      .send(`{"jsonrpc":"2.0","id":${JSON.stringify(message.id)},"result":${finished}}`);
  });
  const cannedUrl = await canned.app.listen({ host: '127.0.0.1', port: 0 });
  const overCanned = new Client({ name: 'bench', version: '1' }, { versionNegotiation: { mode: 'auto' } });
  await overCanned.connect(new StreamableHTTPClientTransport(new URL(`${cannedUrl}/mcp`)));
  const clientFloor: number[] = [];
  const sdkFloor: number[] = [];
  const bare = Fastify();
  bare.post('/', async (_request, reply) => reply.type('application/json').send(answerBytes));
  const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });
  const roundTrip: number[] = [];
  const paths: [number[], (day: string) => Promise<unknown>][] = [
    [direct, async (day) => (rows = (await client.report(report, { from: day, to: day })).rows.length)],
    [
      viaMemory,
      async (day) => {
        const result = await inMemory.callTool({ name: `wolkvox_${report}`, arguments: { from: day } });
        if (result.isError) throw new Error(JSON.stringify(result.content));
      },
    ],
    [viaHttp, (day) => overHttp.callTool({ name: `wolkvox_${report}`, arguments: { from: day } })],
    [sdkFloor, (day) => overFloor.callTool({ name: `wolkvox_${report}`, arguments: { from: day } })],
    [clientFloor, (day) => overCanned.callTool({ name: `wolkvox_${report}`, arguments: { from: day } })],
    [
      roundTrip,
      async (day) => {
        const response = await fetch(bareUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
          body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { from: day } }),
        });
        JSON.parse(await response.text());
      },
    ],
  ];
  for (const [index, day] of sample.entries()) {
    // Every call is a real fetch: no answer cache; the order rotates so no path always goes first.
    for (let k = 0; k < paths.length; k++) {
      const [times, run] = paths[(index + k) % paths.length]!;
      mcp.service.cache.clear();
      const start = performance.now();
      await run(day);
      times.push(performance.now() - start);
    }
  }
  const base = median(direct);
  summary.inMemory = median(viaMemory) / base;
  summary.http = median(viaHttp) / base;
  summary.sdkFloor = median(sdkFloor) / base;
  summary.clientFloor = median(clientFloor) / base;
  summary.roundTrip = median(roundTrip) / base;
  console.log(
    `\n1. Tool-call overhead: ${report}, one-day window (~${rows} rows), ${sample.length} calls each, medians`,
  );
  console.log(`   direct client.report():          ${ms(base)}`);
  console.log(
    `   MCP tool call, in memory:         ${ms(median(viaMemory))}  (ratio ${(median(viaMemory) / base).toFixed(2)}x)`,
  );
  console.log(
    `   MCP tool call, Streamable HTTP:   ${ms(median(viaHttp))}  (ratio ${(median(viaHttp) / base).toFixed(2)}x)`,
  );
  console.log(
    `   the SDK's floor: the same answer ready-made, SDK server and client over the same HTTP app: ${ms(median(sdkFloor))}  (${(median(sdkFloor) / base).toFixed(2)} of a direct call)`,
  );
  console.log(
    `   of which the SDK client's own: the finished answer's bytes sent back at once, no MCP server: ${ms(median(clientFloor))}  (${(median(clientFloor) / base).toFixed(2)} of a direct call)`,
  );
  console.log(
    `   so our server adds over HTTP: ${ms(median(viaHttp) - median(sdkFloor) - base)} beyond the direct call and the SDK's floor`,
  );
  console.log(
    `   for context, one HTTP round trip with the answer's ${answerBytes.length.toLocaleString('en-US')} bytes, no MCP: ${ms(median(roundTrip))}  (${(median(roundTrip) / base).toFixed(2)} of a direct call)`,
  );

  await inMemory.close();
  await overHttp.close();
  await http.close();
  await overFloor.close();
  await floorHttp.close();
  await overCanned.close();
  await canned.close();
  await bare.close();
  await client.close();
  await mock.close();
}

async function largeAnswer(): Promise<void> {
  const mock = await startMockServer({ port: 0, host: '127.0.0.1', volume: 50_000 });
  const client = createWolkvoxClient({ token: DEMO_TOKEN, baseUrl: mock.url });
  const mcp = createWolkvoxMcpServer({ client, sourceKind: 'emulator' });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await mcp.server.connect(serverSide);
  const mcpClient = new Client({ name: 'bench', version: '1' });
  await mcpClient.connect(clientSide);

  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const args = { from: '2025-02-03T00:00:00', to: '2025-02-04T17:00:00' };
  let start = performance.now();
  const first = await mcpClient.callTool({ name: 'wolkvox_act_3', arguments: args });
  const fetchMs = performance.now() - start;
  const structured = first.structuredContent as {
    totals: { rows: number };
    requests: number;
    next_cursor: string;
  };
  const text = (first.content as { text: string }[])[0]!.text;
  globalThis.gc?.();
  const heapAfter = process.memoryUsage().heapUsed;

  start = performance.now();
  const page = await mcpClient.callTool({
    name: 'wolkvox_act_3',
    arguments: { cursor: structured.next_cursor, limit: 500 },
  });
  const pageMs = performance.now() - start;
  const pageText = (page.content as { text: string }[])[0]!.text;
  start = performance.now();
  const grouped = await mcpClient.callTool({
    name: 'wolkvox_act_3',
    arguments: { ...args, group_by: ['agent_name'], limit: 500 },
  });
  const groupMs = performance.now() - start;
  const groupText = (grouped.content as { text: string }[])[0]!.text;

  console.log(
    `\n2. Answer size for a ${structured.totals.rows.toLocaleString('en-US')}-row result (act_3, ${structured.requests} wolkvox requests)`,
  );
  console.log(
    `   first answer (limit 20):       text ${text.length.toLocaleString('en-US')} chars, structuredContent ${JSON.stringify(first.structuredContent).length.toLocaleString('en-US')} chars`,
  );
  console.log(
    `   next page (limit 500):         text ${pageText.length.toLocaleString('en-US')} chars (shrunk to fit ${MAX_TEXT_CHARS.toLocaleString('en-US')}), ${ms(pageMs)} from memory`,
  );
  console.log(
    `   group_by agent_name (all):     text ${groupText.length.toLocaleString('en-US')} chars, ${ms(groupMs)} from memory`,
  );
  console.log(
    `   fetch + first answer:          ${ms(fetchMs)}; cached result ~${((heapAfter - heapBefore) / 1024 / 1024).toFixed(1)} MB of heap`,
  );

  await mcpClient.close();
  await client.close();
  await mock.close();
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** A process's peak resident set (VmHWM) in bytes, from /proc: Linux only, undefined elsewhere. */
function peakRss(pid: number): number | undefined {
  const status = existsSync(`/proc/${pid}/status`) ? readFileSync(`/proc/${pid}/status`, 'utf8') : '';
  const kb = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
  return kb === undefined ? undefined : Number(kb) * 1024;
}

/**
 * 20 different windows of about 60,000 rows of act_3 in a row (each starts a day after the last), through the
 * built bin over stdio (its own process, so its peak RSS is the server's alone, not the emulator's), with the
 * cache's byte bound given in `env`. The figure is peak RSS as a multiple of one result's JSON size: a bounded
 * cache keeps it fixed whatever the number of windows.
 */
async function cacheMemoryRun(
  mockUrl: string,
  oneJson: number,
  env: Record<string, string>,
): Promise<string> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN],
    env: {
      PATH: process.env.PATH ?? '',
      WOLKVOX_TOKEN: DEMO_TOKEN,
      WOLKVOX_BASE_URL: mockUrl,
      WOLKVOX_LOG_LEVEL: 'error',
      ...env,
    },
    stderr: 'ignore',
  });
  const mcpClient = new Client({ name: 'bench', version: '1' });
  await mcpClient.connect(transport);
  const pid = transport.pid!;
  let rows = 0;
  let notKept = 0;
  const windows = days(21);
  for (let i = 0; i < 20; i += 1) {
    const answer = await mcpClient.callTool({
      name: 'wolkvox_act_3',
      arguments: { from: `${windows[i]}T00:00:00`, to: `${windows[i + 1]}T17:00:00` },
    });
    const structured = answer.structuredContent as { totals: { rows: number }; notes: string[] };
    rows += structured.totals.rows;
    if (structured.notes.some((note) => note.includes('the result was not kept'))) notKept += 1;
  }
  const peak = peakRss(pid);
  await mcpClient.close();
  const bound = env.WOLKVOX_MCP_CACHE_MB ? `${env.WOLKVOX_MCP_CACHE_MB} MB` : 'default';
  return `   cache bound ${bound}: ${(rows / 20).toFixed(0)} rows per window, ${notKept} of 20 not kept; peak RSS ${
    peak === undefined ? 'n/a (no /proc)' : mb(peak)
  }${peak === undefined ? '' : ` = ${(peak / oneJson).toFixed(1)}x one result's JSON`}`;
}

async function cacheMemory(): Promise<void> {
  const mock = await startMockServer({ port: 0, host: '127.0.0.1', volume: 50_000 });
  const client = createWolkvoxClient({ token: DEMO_TOKEN, baseUrl: mock.url });
  // One result's JSON size, measured whole once here (the server only estimates it from a sample).
  const first = days(2);
  const one = await client.report('act_3', { from: `${first[0]}T00:00:00`, to: `${first[1]}T17:00:00` });
  const oneJson = Buffer.byteLength(JSON.stringify(one.rows));
  await client.close();
  // The default bound, then one of about two results: the peak follows the bound, not the number of windows.
  const runs = [
    await cacheMemoryRun(mock.url, oneJson, {}),
    await cacheMemoryRun(mock.url, oneJson, { WOLKVOX_MCP_CACHE_MB: '64' }),
  ];
  await mock.close();
  console.log(
    `\n5. Result cache memory: 20 different windows in a row (act_3, one result ${one.rows.length.toLocaleString('en-US')} rows, ${mb(oneJson)} of JSON)`,
  );
  for (const run of runs) console.log(run);
}

/** Milliseconds from spawning until `ready` resolves; then stdin is closed and the child awaited. */
function timeUntil(
  command: string,
  args: string[],
  ready: (child: ReturnType<typeof spawn>) => Promise<void>,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, {
      stdio: ['pipe', 'pipe', 'ignore'],
      env: { PATH: process.env.PATH ?? '' },
    });
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.on('error', reject);
    ready(child).then(async () => {
      const elapsed = performance.now() - start;
      child.stdin?.end();
      await exited;
      resolve(elapsed);
    }, reject);
  });
}

async function coldStart(): Promise<void> {
  if (!existsSync(BIN)) {
    console.log(`\n3. Cold start: skipped, ${BIN} is missing (build first)`);
    return;
  }
  // A 2025-era client opens with the initialize handshake; a 2026-07-28 one has none and sends tools/list with
  // its envelope straight away (what the SDK's client does on stdio).
  const openings: Record<'legacy' | 'modern', object[]> = {
    legacy: [
      {
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: {
          protocolVersion: '2025-11-25',
          capabilities: {},
          clientInfo: { name: 'bench', version: '1' },
        },
      },
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      { jsonrpc: '2.0', id: 2, method: 'tools/list' },
    ],
    modern: [
      {
        jsonrpc: '2.0',
        id: 2,
        method: 'tools/list',
        params: {
          _meta: {
            [PROTOCOL_VERSION_META_KEY]: '2026-07-28',
            [CLIENT_INFO_META_KEY]: { name: 'bench', version: '1' },
            [CLIENT_CAPABILITIES_META_KEY]: {},
          },
        },
      },
    ],
  };
  const times = { legacy: [] as number[], modern: [] as number[] };
  const bare: number[] = [];
  for (let i = 0; i < 9; i++) {
    bare.push(
      await timeUntil(
        process.execPath,
        ['-e', ''],
        (child) => new Promise((resolve) => child.once('exit', () => resolve())),
      ),
    );
    for (const era of ['legacy', 'modern'] as const) {
      times[era].push(
        await timeUntil(process.execPath, [BIN], (child) => {
          for (const message of openings[era]) child.stdin!.write(`${JSON.stringify(message)}\n`);
          return new Promise((resolve) => {
            let out = '';
            child.stdout!.on('data', (chunk) => {
              out += String(chunk);
              if (out.includes('"id":2')) resolve();
            });
          });
        }),
      );
    }
  }
  summary.coldStart = median(times.legacy) / median(bare);
  summary.coldStartModern = median(times.modern) / median(bare);
  console.log(
    '\n3. Cold start of the stdio server (embedded emulator) to a served tools/list, 9 runs, medians',
  );
  console.log(`   node -e "":                        ${ms(median(bare))}`);
  console.log(
    `   wolkvox-mcp, 2025-era client:      ${ms(median(times.legacy))}  (ratio ${summary.coldStart.toFixed(1)}x)`,
  );
  console.log(
    `   wolkvox-mcp, 2026-07-28 client:    ${ms(median(times.modern))}  (ratio ${summary.coldStartModern.toFixed(1)}x)`,
  );
}

function buildTime(): void {
  // An absolute time, unlike the ratios: the load the machine was under when the build started goes beside it.
  summary.buildLoad = loadavg()[0] ?? 0;
  const start = performance.now();
  // turbo itself, not through npx: npx would warn about the npm_config_* variables pnpm sets for the bench.
  const turbo = `${ROOT}node_modules/.bin/turbo`;
  const built = spawnSync(turbo, ['run', 'build', '--force', '--output-logs=errors-only'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
  });
  const seconds = (performance.now() - start) / 1000;
  if (built.status !== 0) {
    console.log(`\n4. Build: failed (status ${built.status})`);
    return;
  }
  summary.build = seconds;
  console.log(
    `\n4. Build: turbo run build --force, 4 packages: ${seconds.toFixed(1)} s (load average ${summary.buildLoad.toFixed(1)} as it started)`,
  );
}

function summaryText(): string {
  const ratio = (value: number | undefined, unit: string) =>
    value === undefined ? 'not measured' : `${value.toFixed(2)}x ${unit}`;
  return [
    `Node ${process.version}, ${process.platform}/${process.arch}, ${cpus().length} CPUs, load average ${LOAD_AT_START.toFixed(1)} at the start, ${new Date().toISOString().slice(0, 10)}:`,
    '',
    `- build (turbo run build --force, 4 packages): ${summary.build === undefined ? 'not measured' : `${summary.build.toFixed(1)} s, load average ${(summary.buildLoad ?? 0).toFixed(1)} as it started`} (target <= 15 s)`,
    `- cold start to tools/list: ${ratio(summary.coldStart, 'a bare node -e ""')} for a 2025-era client, ${ratio(summary.coldStartModern, 'for a 2026-07-28 one')} (target <= 3x)`,
    `- tool call in memory: ${ratio(summary.inMemory, 'a direct client call')}`,
    `- tool call over Streamable HTTP: ${ratio(summary.http, 'a direct client call')} (target <= 1.3x)`,
    `- where the HTTP time goes: the SDK's floor (the same answer ready-made, SDK server and client over the same HTTP app) costs ${ratio(summary.sdkFloor, 'of a direct call')}, the SDK client alone (the finished bytes sent back at once) ${ratio(summary.clientFloor, 'of a direct call')}; one bare HTTP round trip with the answer's bytes, no MCP: ${ratio(summary.roundTrip, 'of a direct call')}`,
  ].join('\n');
}

/** The summary into the documentation, between its markers: the documented figures are this run's. */
function writeSummary(text: string): void {
  const doc = readFileSync(DOCS, 'utf8');
  const next = doc.replace(
    /<!-- bench:summary -->[\s\S]*?<!-- \/bench -->/,
    `<!-- bench:summary -->\n${text}\n<!-- /bench -->`,
  );
  if (next !== doc) writeFileSync(DOCS, next);
}

/** Sections that run alone when named (`pnpm bench cold-start`); the documented summary needs a whole run. */
const SECTIONS: Record<string, () => Promise<void> | void> = {
  overhead,
  'large-answer': largeAnswer,
  'cold-start': coldStart,
  build: buildTime,
  'cache-memory': cacheMemory,
  // The query tool's figures (bench/query.ts), written into the docs between their own markers.
  query: queryBench,
};

console.log(`wolkvox-mcp benchmarks (Node ${process.version}, ${process.platform}/${process.arch})`);
const only = process.argv[2];
if (only !== undefined) {
  const section = SECTIONS[only];
  if (!section) throw new Error(`bench ${only}: no such section (${Object.keys(SECTIONS).join(', ')})`);
  await section();
} else {
  for (const section of Object.values(SECTIONS)) await section();
  const text = summaryText();
  console.log(`\nSummary\n${text}`);
  writeSummary(text);
}
