/**
 * Benchmarks, each measured side by side in the same run:
 *  1. tool-call overhead: the same one-day report through an MCP tool call over Streamable HTTP versus a direct
 *     client call plus the SDK's own floor (a ready-made answer through the SDK's handler, server and client),
 *     every call a real fetch (the answer cache is cleared between calls), and where the difference goes;
 *  2. answer size for a 60,000-row result (text and structured content), and paging it;
 *  3. cold start: spawning the built stdio bin until the SDK's client has its tools/list, versus a minimal SDK
 *     server with one tool (bench/minimal-server.mjs) spawned and listed the same way;
 *  4. the build: `turbo run build --force` from the root, all four packages;
 *  5. the result cache's memory: 20 different ~60,000-row windows in a row through the built bin, its peak RSS
 *     as a multiple of one result's JSON size, with the cache's byte bound at its default and at 64 MiB.
 * It ends with a summary of the three figures the project holds itself to, and writes that summary into
 * docs/testing-and-benchmarks.md (between its bench:summary markers), so the documented figures are this output.
 *
 * Run: pnpm bench   (node --expose-gc --import tsx bench/run.ts; measures the built dist/, what ships)
 *      pnpm bench <section>      (one section alone: overhead, large-answer, cold-start, build, cache-memory,
 *                                 query, exports, charts, store, sync; the documented summary is written by a whole run,
 *                                 or by `summary`, which runs only the sections it reports: build, overhead, cold-start)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Client, InMemoryTransport, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { createMcpHandler, fromJsonSchema, McpServer } from '@modelcontextprotocol/server';
import { createWolkvoxClient } from '@wolkvox-mcp/client';
import { DEMO_TOKEN, startMockServer } from '@wolkvox-mcp/mock-server';
import { pino } from 'pino';
import { MAX_TEXT_CHARS } from '../dist/results/budget.js';
import { createWolkvoxMcpServer } from '../dist/server.js';
import { REPORT_OUTPUT_SCHEMA } from '../dist/tools/common/report-output.js';
import { startHttp } from '../dist/transports/http.js';
import { chartsBench } from './charts.js';
import { exportsBench } from './exports.js';
import { queryBench } from './query.js';
import { storeBench } from './store.js';
import { syncBench } from './sync.js';

/** The launcher the package's bin names (it runs the bundle): what `npx wolkvox-mcp` starts. */
const BIN = fileURLToPath(new URL('../bin/wolkvox-mcp.js', import.meta.url));
/** The cold start's yardstick: a minimal SDK server with one tool. */
const MINIMAL = fileURLToPath(new URL('./minimal-server.mjs', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DOCS = `${ROOT}docs/testing-and-benchmarks.md`;

/** Ratios grow with the load other programs put on the machine: the summary says under which it was measured. */
const LOAD_AT_START = loadavg()[0] ?? 0;

/** The figures of the summary, filled in as the sections run. */
const summary: {
  build?: number;
  buildLoad?: number;
  /** Cold start over the minimal SDK server's, by protocol era. */
  coldStart?: Record<Era, number>;
  /** The HTTP call over a direct call plus the SDK's floor; the rest as fractions of a direct call. */
  http?: number;
  sdkFloor?: number;
  ourApp?: number;
  ourTool?: number;
  /** Building our server for a request (every tool registered), as a fraction of a direct call. */
  ourServer?: number;
  /** The SDK's floor with the direct call made inside its tool, over a direct call plus the floor. */
  fetchingFloor?: number;
} = {};

type Era = 'legacy' | 'modern';
/** The SDK v2 client in the 2025 era (the initialize handshake) or the 2026-07-28 one (no handshake). */
const newClient = (era: Era) =>
  new Client(
    { name: 'bench', version: '1' },
    era === 'modern' ? { versionNegotiation: { mode: 'auto' } } : {},
  );
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

/**
 * The SDK's own handler on a bare node:http server: the HTTP face the SDK documents (createMcpHandler's fetch),
 * with nothing of ours in front of it (no Fastify, no checks).
 */
async function serveBare(factory: () => McpServer): Promise<{ url: string; close(): Promise<void> }> {
  const handler = createMcpHandler(factory);
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers))
      if (typeof value === 'string') headers.set(name, value);
    const answer = await handler.fetch(
      new Request(`http://${request.headers.host}${request.url}`, {
        method: request.method,
        headers,
        ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
      }),
    );
    response.writeHead(answer.status, Object.fromEntries(answer.headers));
    if (answer.body) for await (const chunk of answer.body) response.write(chunk);
    response.end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`,
    close: async () => {
      await handler.close();
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    },
  };
}

async function overhead(): Promise<void> {
  const mock = await startMockServer({ port: 0, host: '127.0.0.1' });
  // One client for every path: the same calls reach the same emulator through the same client, so the ratios are
  // the MCP layers alone. `process` coordination: no closed-day disk cache, every call a real fetch.
  const client = createWolkvoxClient({ token: DEMO_TOKEN, baseUrl: mock.url, coordination: 'process' });
  // Every report's tool listed (--toolsets all): the most a server built per HTTP request registers.
  const mcp = createWolkvoxMcpServer({ client, sourceKind: 'emulator', toolsets: 'all' });
  const connectInMemory = async (server: McpServer) => {
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await server.connect(serverSide);
    const connected = new Client({ name: 'bench', version: '1' });
    await connected.connect(clientSide);
    return connected;
  };
  const connectHttp = async (url: string) => {
    const connected = newClient('modern');
    await connected.connect(new StreamableHTTPClientTransport(new URL(url)));
    return connected;
  };
  const inMemory = await connectInMemory(mcp.server);

  // The HTTP transport the bin serves with --http (startWolkvoxMcp starts exactly this over its own server).
  const local = { host: '127.0.0.1', port: 0, allowedHosts: ['127.0.0.1'], allowedOrigins: ['127.0.0.1'] };
  const http = await startHttp(mcp.createServer, local, silent);
  const overHttp = await connectHttp(http.url);

  const report = 'act_3';
  const tool = `wolkvox_${report}`;
  const sample = days(30);
  // Warm up every path (JIT, connections) and the emulator's own response cache for every sample day, so that
  // every path then gets the same work from it.
  for (const day of sample) await client.report(report, { from: day, to: day });
  for (const day of sample.slice(0, 3)) {
    await inMemory.callTool({ name: tool, arguments: { from: day } });
    await overHttp.callTool({ name: tool, arguments: { from: day } });
  }
  let rows = 0;
  // The SDK's own floor: a tool whose answer is ready-made (the same content and structured content, the same
  // output schema to check) on a minimal SDK server, served per request by the SDK's handler on a bare node:http
  // server and called by the same SDK client. Nothing of ours runs in it: what it costs, any tool costs.
  const ready = await inMemory.callTool({ name: tool, arguments: { from: sample[0] } });
  const readyAnswer = { content: ready.content, structuredContent: ready.structuredContent };
  const floorInput = fromJsonSchema({ type: 'object', properties: { from: { type: 'string' } } });
  const floorOutput = fromJsonSchema(REPORT_OUTPUT_SCHEMA as Parameters<typeof fromJsonSchema>[0]);
  const readyServer = () => {
    const server = new McpServer({ name: 'floor', version: '1' });
    server.registerTool(
      tool,
      { description: 'ready-made', inputSchema: floorInput, outputSchema: floorOutput },
      async () => readyAnswer as never,
    );
    return server;
  };
  const floorHttp = await serveBare(readyServer);
  const overFloor = await connectHttp(floorHttp.url);
  // The same, with the direct call made inside the ready-made tool (its rows thrown away): a direct call and the
  // floor composed, with nothing of ours in the MCP path. What it costs over the two apart is the composition's.
  const fetchingServer = () => {
    const server = new McpServer({ name: 'floor', version: '1' });
    server.registerTool(
      tool,
      { description: 'ready-made after a fetch', inputSchema: floorInput, outputSchema: floorOutput },
      async (args) => {
        const { from } = args as { from?: string };
        await client.report(report, { from, to: from });
        return readyAnswer as never;
      },
    );
    return server;
  };
  const fetchingHttp = await serveBare(fetchingServer);
  const overFetching = await connectHttp(fetchingHttp.url);
  // The same ready-made server behind our HTTP app (the checks, Fastify): what our app adds to the SDK's handler.
  const appHttp = await startHttp(readyServer, local, silent);
  const overApp = await connectHttp(appHttp.url);
  // The same ready-made server in memory: beside our real tool in memory, what our tool adds to the fetch.
  const readyInMemory = await connectInMemory(readyServer());

  const times = {
    direct: [] as number[],
    http: [] as number[],
    floor: [] as number[],
    fetchingFloor: [] as number[],
    app: [] as number[],
    inMemory: [] as number[],
    readyInMemory: [] as number[],
  };
  const check = (result: Awaited<ReturnType<Client['callTool']>>) => {
    if (result.isError) throw new Error(JSON.stringify(result.content));
  };
  const paths: [number[], (day: string) => Promise<unknown>][] = [
    [times.direct, async (day) => (rows = (await client.report(report, { from: day, to: day })).rows.length)],
    [times.http, async (day) => check(await overHttp.callTool({ name: tool, arguments: { from: day } }))],
    [times.floor, async (day) => check(await overFloor.callTool({ name: tool, arguments: { from: day } }))],
    [
      times.fetchingFloor,
      async (day) => check(await overFetching.callTool({ name: tool, arguments: { from: day } })),
    ],
    [times.app, async (day) => check(await overApp.callTool({ name: tool, arguments: { from: day } }))],
    [times.inMemory, async (day) => check(await inMemory.callTool({ name: tool, arguments: { from: day } }))],
    [
      times.readyInMemory,
      async (day) => check(await readyInMemory.callTool({ name: tool, arguments: { from: day } })),
    ],
  ];
  // 3 rounds over the sample days: medians of 90 calls a path hold better on a machine shared with other work.
  const calls = [...sample, ...sample, ...sample];
  for (const [index, day] of calls.entries()) {
    // Every call is a real fetch: no answer cache; the order rotates so no path always goes first.
    for (let k = 0; k < paths.length; k++) {
      const [spent, run] = paths[(index + k) % paths.length]!;
      mcp.service.cache.clear();
      const start = performance.now();
      await run(day);
      spent.push(performance.now() - start);
    }
  }
  const m = Object.fromEntries(Object.entries(times).map(([path, spent]) => [path, median(spent)])) as Record<
    keyof typeof times,
    number
  >;
  // The SDK asks for a fresh server per HTTP request: what building ours (every tool registered) costs.
  const builds: number[] = [];
  for (let i = 0; i < 30; i++) {
    const start = performance.now();
    mcp.createServer();
    builds.push(performance.now() - start);
  }
  const build = median(builds);
  const of = (value: number) => `${(value / m.direct).toFixed(2)} of a direct call`;
  summary.http = m.http / (m.direct + m.floor);
  summary.sdkFloor = m.floor / m.direct;
  summary.ourApp = (m.app - m.floor) / m.direct;
  summary.ourTool = (m.inMemory - m.readyInMemory - m.direct) / m.direct;
  summary.ourServer = build / m.direct;
  summary.fetchingFloor = m.fetchingFloor / (m.direct + m.floor);
  console.log(
    `\n1. Tool-call overhead: ${report}, one-day window (~${rows} rows), ${calls.length} calls each, medians`,
  );
  console.log(`   direct client.report():                      ${ms(m.direct)}`);
  console.log(`   MCP tool call over Streamable HTTP:           ${ms(m.http)}`);
  console.log(
    `   the SDK's floor (ready-made answer, SDK handler on bare node:http, same client): ${ms(m.floor)} (${of(m.floor)})`,
  );
  console.log(
    `   ratio: HTTP call / (direct call + SDK floor) = ${summary.http.toFixed(2)}x (target <= 1.2x)`,
  );
  console.log(
    `   the floor with the direct call inside its tool (nothing of ours in the MCP path): ${ms(m.fetchingFloor)}, ${summary.fetchingFloor.toFixed(2)}x a direct call plus the floor; ours over it: ${ms(m.http - m.fetchingFloor)} (${of(m.http - m.fetchingFloor)})`,
  );
  console.log(
    `   where the rest goes: our HTTP app (the same ready-made server behind it: ${ms(m.app)}) adds ${ms(m.app - m.floor)} (${of(m.app - m.floor)});`,
  );
  console.log(
    `   our tool in memory ${ms(m.inMemory)} vs the ready-made one ${ms(m.readyInMemory)}: our answer adds ${ms(m.inMemory - m.readyInMemory - m.direct)} beyond the fetch (${of(m.inMemory - m.readyInMemory - m.direct)});`,
  );
  console.log(
    `   building our server for a request (${mcp.service.tools.length} tools registered): ${ms(build)} (${of(build)}); unaccounted, beyond the composition: ${ms(m.http - m.fetchingFloor - (m.app - m.floor) - (m.inMemory - m.readyInMemory - m.direct) - build)}`,
  );

  for (const connected of [inMemory, overHttp, overFloor, overFetching, overApp, readyInMemory])
    await connected.close();
  await http.close();
  await floorHttp.close();
  await fetchingHttp.close();
  await appHttp.close();
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

/**
 * Milliseconds from spawning `script` (no Node flags, the environment holding only PATH) until the SDK's client
 * has its tools/list, in `era`; then the client closes stdin and the process exits.
 */
async function timeToToolsList(script: string, era: Era): Promise<number> {
  const start = performance.now();
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [script],
    env: { PATH: process.env.PATH ?? '' },
    stderr: 'ignore',
  });
  const client = newClient(era);
  await client.connect(transport);
  const { tools } = await client.listTools();
  const elapsed = performance.now() - start;
  if (tools.length === 0) throw new Error(`${script} listed no tools`);
  await client.close();
  return elapsed;
}

async function coldStart(): Promise<void> {
  if (!existsSync(BIN)) {
    console.log(`\n3. Cold start: skipped, ${BIN} is missing (build first)`);
    return;
  }
  const runs = 9;
  const times = {
    legacy: { bin: [] as number[], minimal: [] as number[] },
    modern: { bin: [] as number[], minimal: [] as number[] },
  };
  // Interleaved, so that the machine's load falls on both alike.
  for (let i = 0; i < runs; i++) {
    for (const era of ['legacy', 'modern'] as const) {
      times[era].minimal.push(await timeToToolsList(MINIMAL, era));
      times[era].bin.push(await timeToToolsList(BIN, era));
    }
  }
  console.log(
    `\n3. Cold start to tools/list through the SDK's client over stdio (embedded emulator), ${runs} runs, medians`,
  );
  summary.coldStart = { legacy: 0, modern: 0 };
  for (const era of ['legacy', 'modern'] as const) {
    const [bin, minimal] = [median(times[era].bin), median(times[era].minimal)];
    summary.coldStart[era] = bin / minimal;
    console.log(
      `   ${era === 'legacy' ? '2025-era client:   ' : '2026-07-28 client: '} minimal SDK server ${ms(minimal)}, wolkvox-mcp ${ms(bin)}  (ratio ${summary.coldStart[era].toFixed(2)}x, target <= 1.3x)`,
    );
  }
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
  const fraction = (value: number | undefined) =>
    value === undefined ? 'not measured' : `${value.toFixed(2)} of a direct call`;
  return [
    `Node ${process.version}, ${process.platform}/${process.arch}, ${cpus().length} CPUs, load average ${LOAD_AT_START.toFixed(1)} at the start, ${new Date().toISOString().slice(0, 10)}:`,
    '',
    `- build (turbo run build --force, 4 packages): ${summary.build === undefined ? 'not measured' : `${summary.build.toFixed(1)} s, load average ${(summary.buildLoad ?? 0).toFixed(1)} as it started`} (target <= 15 s)`,
    `- cold start to tools/list: ${ratio(summary.coldStart?.legacy, 'a minimal SDK server with one tool')} for a 2025-era client, ${ratio(summary.coldStart?.modern, 'for a 2026-07-28 one')} (target <= 1.3x)`,
    `- tool call over Streamable HTTP: ${ratio(summary.http, 'a direct client call plus the SDK floor')} (target <= 1.2x); the SDK's floor with the direct call made inside its tool, nothing of ours in the MCP path: ${ratio(summary.fetchingFloor, 'the same sum')}`,
    `- where the HTTP time goes: the SDK's floor (a ready-made answer through the SDK's handler, server and client) ${fraction(summary.sdkFloor)}; our HTTP app in front of the SDK's handler ${fraction(summary.ourApp)}; our tool's answer beyond the fetch (in memory) ${fraction(summary.ourTool)}; building our server for the request ${fraction(summary.ourServer)}`,
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
  // The exports' figures (bench/exports.ts), written into the docs between their own markers.
  exports: exportsBench,
  // Chart render time and image bytes (bench/charts.ts).
  charts: chartsBench,
  // The store of closed days' figures (bench/store.ts), written into the docs between their own markers.
  store: storeBench,
  // wolkvox-mcp sync over a year and a GROUP BY over a busy center's synced year (bench/sync.ts).
  sync: syncBench,
};

/** The sections the summary reports, in the order a whole run runs them. */
const SUMMARISED = [overhead, coldStart, buildTime];

console.log(`wolkvox-mcp benchmarks (Node ${process.version}, ${process.platform}/${process.arch})`);
const only = process.argv[2];
if (only === 'summary') {
  for (const section of SUMMARISED) await section();
  const text = summaryText();
  console.log(`\nSummary\n${text}`);
  writeSummary(text);
} else if (only !== undefined) {
  const section = SECTIONS[only];
  if (!section) throw new Error(`bench ${only}: no such section (${Object.keys(SECTIONS).join(', ')})`);
  await section();
} else {
  for (const section of Object.values(SECTIONS)) await section();
  const text = summaryText();
  console.log(`\nSummary\n${text}`);
  writeSummary(text);
}
