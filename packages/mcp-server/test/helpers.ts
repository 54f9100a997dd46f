/**
 * Shared test wiring: an emulator the test controls, the MCP server pointed at it (in process, over HTTP), real
 * MCP clients (SDK v2 and v1) over HTTP and stdio, and a log capture.
 */
import { request as httpRequest } from 'node:http';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { Client, InMemoryTransport, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { Client as ClientV1 } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as StdioClientTransportV1 } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport as StreamableHTTPClientTransportV1 } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { createWolkvoxClient, type WolkvoxClient } from '@wolkvox-mcp/client';
import {
  type AnyReport,
  FIELD_KINDS,
  getReport,
  isMissingValue,
  readWireNumber,
} from '@wolkvox-mcp/contracts';
import {
  DEMO_TOKEN,
  type MockServer,
  type MockServerOptions,
  startMockServer,
} from '@wolkvox-mcp/mock-server';
import { pino } from 'pino';
import { asReportSource } from '../src/backend/connect.js';
import { DEFAULT_CALL_DEADLINE_MS, type ServerConfig } from '../src/config.js';
import type { Logger } from '../src/logging/logger.js';
import { type CreateWolkvoxMcpServerOptions, createWolkvoxMcpServer } from '../src/server.js';
import { type RunningWolkvoxMcp, startWolkvoxMcp } from '../src/start.js';

// The launcher the package's bin names, which runs the bundle: what an npm user starts.
export const BIN = fileURLToPath(new URL('../bin/wolkvox-mcp.js', import.meta.url));
export const CLIENT_INFO = { name: 'wolkvox-mcp-tests', version: '1.0.0' };

/** An `initialize` request as raw JSON-RPC text, for tests that write HTTP by hand. */
export const RAW_INITIALIZE = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
});

/** The emulator in this process on 127.0.0.1 and a free port; the test closes it. */
export { startMockServer as emulator } from '@wolkvox-mcp/mock-server';
/** A one-day window as the emulator's wire parameters. */
export { dayParams } from '@wolkvox-mcp/test-support/requests';

/** What a raw HTTP request got back: status, headers and the whole body as text. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One raw HTTP request to 127.0.0.1, so that a test says exactly which Host, Origin and headers are sent. */
export function rawRequest(
  port: number,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: string },
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path: options.path ?? '/mcp',
        method: options.method ?? 'GET',
        headers: options.headers ?? {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

export interface LogCapture {
  logger: Logger;
  text(): string;
}

/** A trace-level logger whose lines are kept in memory, scrubbing secrets like the real one. */
export function captureLogs(secrets: string[] = []): LogCapture {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const scrub = (line: string) => secrets.reduce((out, secret) => out.split(secret).join('[redacted]'), line);
  const logger = pino(
    {
      level: 'trace',
      redact: { paths: ['token', '*.token', 'authorization', '*.authorization'], censor: '[redacted]' },
      hooks: { streamWrite: scrub },
    },
    sink,
  );
  return { logger, text: () => chunks.join('') };
}

export interface HttpServerOptions {
  /** The wolkvox the server reads: an emulator, or any stand-in serving wolkvox's URLs. */
  mock: Pick<MockServer, 'url'>;
  token?: string;
  host?: string;
  httpToken?: string;
  /** Default `all`: these tests call the report tools by name (the selection is tested in tools-list). */
  toolsets?: ServerConfig['toolsets'];
  allowedHosts?: string[];
  allowedOrigins?: string[];
  logger?: Logger;
}

/** The MCP server over Streamable HTTP on a free port, reading the given emulator. */
export function startHttpServer(options: HttpServerOptions): Promise<RunningWolkvoxMcp> {
  const config: ServerConfig = {
    transport: 'http',
    http: {
      host: options.host ?? '127.0.0.1',
      port: 0,
      ...(options.httpToken ? { token: options.httpToken } : {}),
      allowedHosts: options.allowedHosts ?? ['localhost', '127.0.0.1', '[::1]'],
      allowedOrigins: options.allowedOrigins ?? ['localhost', '127.0.0.1', '[::1]'],
    },
    wolkvox: {
      mode: 'wolkvox',
      token: options.token ?? DEMO_TOKEN,
      baseUrl: options.mock.url,
      // The test file's throw-away state directory (vitest.state-dir.ts), never the user's.
      stateDir: process.env.WOLKVOX_CACHE_DIR!,
    },
    timeZone: 'America/Bogota',
    toolsets: options.toolsets ?? 'all',
    callDeadlineMs: DEFAULT_CALL_DEADLINE_MS,
    logLevel: 'silent',
  };
  return startWolkvoxMcp({
    config,
    bannerOut: null,
    logger: options.logger ?? pino({ level: 'silent' }),
  });
}

/**
 * The MCP server over Streamable HTTP on a free port, configured from command-line flags exactly as the bin is
 * (so the default tool selection is the real default), reading the given emulator.
 */
export function startFromArgs(mock: MockServer, args: string[] = []): Promise<RunningWolkvoxMcp> {
  return startWolkvoxMcp({
    argv: ['--http', '--port', '0', '--base-url', mock.url, ...args],
    // WOLKVOX_CACHE_DIR: the test file's throw-away state directory (vitest.state-dir.ts), never the user's.
    env: { WOLKVOX_TOKEN: DEMO_TOKEN, WOLKVOX_CACHE_DIR: process.env.WOLKVOX_CACHE_DIR },
    bannerOut: null,
    logger: pino({ level: 'silent' }),
  });
}

export type Era = 'legacy' | 'modern';

/** The SDK v2 client over Streamable HTTP, in the 2025 (`legacy`) or 2026-07-28 (`modern`) era. */
export async function connectV2Http(url: string, era: Era = 'legacy', headers: Record<string, string> = {}) {
  const client = new Client(CLIENT_INFO, era === 'modern' ? { versionNegotiation: { mode: 'auto' } } : {});
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  return client;
}

/** The SDK v1 client (@modelcontextprotocol/sdk) over Streamable HTTP. */
export async function connectV1Http(url: string, headers: Record<string, string> = {}) {
  const client = new ClientV1(CLIENT_INFO);
  await client.connect(new StreamableHTTPClientTransportV1(new URL(url), { requestInit: { headers } }));
  return client;
}

/** What the HTTP tests ask of a client, whichever SDK line and protocol era it speaks. */
export type AnyHttpClient = {
  listTools(): Promise<{ tools: any[] }>;
  callTool(params: { name: string; arguments?: Record<string, unknown> }): Promise<unknown>;
  close(): Promise<void>;
};

/** Every client an HTTP server must answer alike: SDK v2 in both protocol eras, and SDK v1. */
export const HTTP_CLIENTS: [label: string, connect: (url: string) => Promise<AnyHttpClient>][] = [
  ['SDK v2, 2026-07-28', (url) => connectV2Http(url, 'modern') as Promise<AnyHttpClient>],
  ['SDK v2, 2025-11-25', (url) => connectV2Http(url, 'legacy') as Promise<AnyHttpClient>],
  ['SDK v1', (url) => connectV1Http(url) as Promise<AnyHttpClient>],
];

export function childEnv(env: Record<string, string>): Record<string, string> {
  const base: Record<string, string> = {};
  // WOLKVOX_CACHE_DIR: the test file's throw-away state directory (vitest.state-dir.ts), never the user's.
  for (const name of ['PATH', 'HOME', 'SYSTEMROOT', 'TMPDIR', 'TEMP', 'TMP', 'WOLKVOX_CACHE_DIR']) {
    const value = process.env[name];
    if (value !== undefined) base[name] = value;
  }
  return { ...base, ...env };
}

/**
 * A command over stdio, as an MCP client starts a server, through the SDK v2 client; stderr is collected. `env` is
 * the whole environment the command gets (see `childEnv`).
 */
export async function connectStdioCommand(
  launch: { command: string; args: string[]; env: Record<string, string>; cwd?: string },
  era: Era = 'legacy',
) {
  const transport = new StdioClientTransport({ ...launch, stderr: 'pipe' });
  const stderr: string[] = [];
  transport.stderr?.on('data', (chunk) => stderr.push(String(chunk)));
  const client = new Client(CLIENT_INFO, era === 'modern' ? { versionNegotiation: { mode: 'auto' } } : {});
  await client.connect(transport);
  return { client, stderr: () => stderr.join('') };
}

/** The built bin over stdio, through the SDK v2 client; stderr is collected. */
export function connectV2Stdio(env: Record<string, string> = {}, era: Era = 'legacy', args: string[] = []) {
  return connectStdioCommand({ command: process.execPath, args: [BIN, ...args], env: childEnv(env) }, era);
}

/** The built bin over stdio, through the SDK v1 client. */
export async function connectV1Stdio(env: Record<string, string> = {}) {
  const transport = new StdioClientTransportV1({
    command: process.execPath,
    args: [BIN],
    env: childEnv(env),
    stderr: 'pipe',
  });
  const stderr: string[] = [];
  transport.stderr?.on('data', (chunk) => stderr.push(String(chunk)));
  const client = new ClientV1(CLIENT_INFO);
  await client.connect(transport);
  return { client, stderr: () => stderr.join('') };
}

/** An SDK client connected in process (linked transports) to a server built with these options. */
export async function connectInMemory(options: CreateWolkvoxMcpServerOptions): Promise<Client> {
  const { server } = createWolkvoxMcpServer(options);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client(CLIENT_INFO);
  await client.connect(clientSide);
  return client;
}

export interface EmulatedSession {
  mock: MockServer;
  /** The wolkvox client the server reads through (the tests' own raw rows come from it too). */
  wolkvox: WolkvoxClient;
  /** An SDK client connected to the server in process. */
  client: Client;
  close(): Promise<void>;
}

/**
 * An emulator, a wolkvox client on it kept to this process (no leases or closed days written outside the test),
 * and the MCP server over that client in process, reading the emulator's clock, with an SDK client connected.
 * `emulator` configures the emulator (its clock's start `now`, `seed`, `volume`); `frozen` stops its clock, so
 * relative dates and ages do not move, at that `now` when one is given (the clock runs while the emulator starts:
 * a loaded machine would otherwise freeze it a second or more later).
 */
export async function emulatedSession(
  options: { emulator?: MockServerOptions; frozen?: boolean } & Omit<
    CreateWolkvoxMcpServerOptions,
    'client' | 'source'
  > = {},
): Promise<EmulatedSession> {
  const { emulator: emulatorOptions, frozen, ...server } = options;
  const mock = await startMockServer(emulatorOptions);
  if (frozen) mock.control.freezeClock(emulatorOptions?.now);
  const wolkvox = createWolkvoxClient({
    token: DEMO_TOKEN,
    baseUrl: mock.url,
    timeZone: 'America/Bogota',
    coordination: 'process',
  });
  const client = await connectInMemory({
    sourceKind: 'emulator',
    ...server,
    source: asReportSource(wolkvox, () => mock.control.now()),
  });
  return {
    mock,
    wolkvox,
    client,
    async close() {
      await client.close();
      await wolkvox.close();
      await mock.close();
    },
  };
}

/** The structured content of a successful tool result. */
export function structured(result: unknown): Record<string, any> {
  const value = result as {
    isError?: boolean;
    structuredContent?: Record<string, any>;
    content?: { text?: string }[];
  };
  if (value.isError) throw new Error(`tool failed: ${value.content?.[0]?.text}`);
  if (!value.structuredContent) throw new Error('no structured content');
  return value.structuredContent;
}

export function textOf(result: unknown): string {
  const value = result as { content?: { type: string; text?: string }[] };
  return (value.content ?? []).map((item) => item.text ?? '').join('\n');
}

/**
 * A wire row as an answer's structured content carries it: numeric fields (durations aside) as JSON numbers,
 * wolkvox's missing markers as null, everything else as sent.
 */
export function asStructured(
  report: AnyReport | string,
  row: Record<string, string>,
): Record<string, unknown> {
  const fields = (typeof report === 'string' ? getReport(report)! : report).fields;
  return Object.fromEntries(
    Object.entries(row).map(([name, value]) => {
      const kind = fields[name]?.kind;
      if (!kind || kind === 'duration' || !FIELD_KINDS[kind].numeric) return [name, value];
      return [name, isMissingValue(value) ? null : (readWireNumber(value, kind) ?? value)];
    }),
  );
}
