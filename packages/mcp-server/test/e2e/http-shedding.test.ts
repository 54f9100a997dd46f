/**
 * The HTTP server sheds what is not a request (issue 25): idle and trickling sockets are answered 408 and closed
 * within their timeouts while real requests keep being served, an idle kept-alive connection is closed, a client
 * that stops reading its answer is let go, and connections past the cap are refused as they arrive. What is a
 * request is never cut: a tool call with progress, a quiet one, a subscription stream, each outlasting every
 * timeout. The timeouts are injected small (1-2 s); the defaults are documented in the README.
 */
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { McpServer } from '@modelcontextprotocol/server';
import { createWolkvoxClient } from '@wolkvox-mcp/client';
import { DEMO_TOKEN, type MockServer } from '@wolkvox-mcp/mock-server';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpConfig } from '../../src/config.js';
import { createMcpHttpApp, type HttpLimits } from '../../src/sdk/http.js';
import { createWolkvoxMcpServer } from '../../src/server.js';
import { type HttpHandle, startHttp } from '../../src/transports/http.js';
import { captureLogs, connectV2Http, emulator, RAW_INITIALIZE, structured } from '../helpers.js';

const LIMITS: HttpLimits = {
  headersTimeoutMs: 1_000,
  requestTimeoutMs: 1_500,
  keepAliveTimeoutMs: 1_000,
  // Past the headers timeout and Node's check after it, as the defaults are: a socket that never sent a request
  // is answered 408 by the headers timeout, not dropped for its silence.
  silentSocketMs: 2_000,
  maxConnections: 200,
};
/** Every wolkvox call takes this long: longer than any of the timeouts above. */
const LATENCY_MS = 2_500;
/** How often a trickling socket sends its next byte or line. */
const TRICKLE_MS = 200;
/** Slack for a loaded machine on top of a timeout (plus Node's check interval, a quarter of the headers timeout). */
const SLACK_MS = 1_500;

const HTTP: HttpConfig = {
  host: '127.0.0.1',
  port: 0,
  allowedHosts: ['localhost', '127.0.0.1'],
  allowedOrigins: ['localhost', '127.0.0.1'],
};

interface Held {
  socket: Socket;
  /** When the server closed it, after how long, and what it had answered. */
  closed: Promise<{ afterMs: number; text: string }>;
}

/** A raw socket that sends `start`, then `trickle` every TRICKLE_MS (never completing a request). */
function hold(port: number, start = '', trickle?: string): Held {
  const socket = connect(port, '127.0.0.1');
  const opened = performance.now();
  let text = '';
  let timer: NodeJS.Timeout | undefined;
  socket.on('connect', () => {
    if (start) socket.write(start);
    if (trickle) timer = setInterval(() => socket.writable && socket.write(trickle), TRICKLE_MS);
  });
  socket.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
  });
  socket.on('error', () => undefined);
  const closed = new Promise<{ afterMs: number; text: string }>((resolve) =>
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ afterMs: performance.now() - opened, text });
    }),
  );
  return { socket, closed };
}

/** The body of a raw answer, as JSON. */
const bodyOf = (text: string) => JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4));

function postInitialize(port: number): Promise<Response> {
  return fetch(`http://127.0.0.1:${port}/mcp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: RAW_INITIALIZE,
  });
}

describe('an HTTP server with small timeouts', () => {
  let mock: MockServer;
  let http: HttpHandle;
  let closeWolkvox: () => Promise<void>;
  beforeAll(async () => {
    mock = await emulator({ latencyMs: LATENCY_MS });
    mock.control.freezeClock('2025-02-04T15:00:00Z');
    const wolkvox = createWolkvoxClient({
      token: DEMO_TOKEN,
      baseUrl: mock.url,
      timeZone: 'America/Bogota',
      coordination: 'process',
    });
    closeWolkvox = () => wolkvox.close();
    const { createServer } = createWolkvoxMcpServer({
      client: wolkvox,
      sourceKind: 'wolkvox',
      toolsets: 'all',
    });
    http = await startHttp(createServer, HTTP, pino({ level: 'silent' }), LIMITS);
  });
  afterAll(async () => {
    await http?.close();
    await closeWolkvox?.();
    await mock?.close();
  });

  it('closes 50 idle and trickling sockets within their timeouts while requests, long calls and a subscription go on', async () => {
    const modern = await connectV2Http(http.url, 'modern');
    const legacy = await connectV2Http(http.url, 'legacy');
    try {
      // What is a request, started first and outlasting every timeout: a call with progress, quiet ones (no
      // progress token: nothing is sent until the answer, in either era), and a subscription stream.
      const progress: number[] = [];
      const withProgress = modern.callTool(
        { name: 'wolkvox_diagram_1_2', arguments: { from: '2024-11-01', to: '2024-12-31', limit: 5 } },
        { onprogress: (update) => progress.push(update.progress) },
      );
      const quiet = modern.callTool({
        name: 'run_report',
        arguments: { report: 'act_3', from: '2025-02-03' },
      });
      const quietLegacy = legacy.callTool({
        name: 'run_report',
        arguments: { report: 'chat_9', from: '2025-02-03' },
      });
      const subscription = await modern.listen({ toolsListChanged: true });
      // Awaited below; settled here too, so that a failure above does not leave them unhandled.
      void Promise.allSettled([withProgress, quiet, quietLegacy]);

      const idle = Array.from({ length: 20 }, () => hold(http.port));
      const headers = Array.from({ length: 15 }, () =>
        hold(http.port, 'POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\n', 'X-Slow: 1\r\n'),
      );
      const bodies = Array.from({ length: 15 }, () =>
        hold(
          http.port,
          'POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
            'Accept: application/json, text/event-stream\r\nContent-Length: 100000\r\n\r\n{',
          ' ',
        ),
      );
      const held = [...idle, ...headers, ...bodies];
      let shed = false;
      const allShed = Promise.all(held.map((socket) => socket.closed)).then((results) => {
        shed = true;
        return results;
      });
      // Requests keep being served while the sockets are held.
      let served = 0;
      while (!shed) {
        await legacy.ping();
        served++;
      }
      await allShed;
      expect(served).toBeGreaterThan(3);

      const check = async (sockets: Held[], timeoutMs: number) => {
        for (const { closed } of sockets) {
          const { afterMs, text } = await closed;
          expect(afterMs).toBeGreaterThanOrEqual(timeoutMs - 100);
          expect(afterMs).toBeLessThan(timeoutMs + SLACK_MS);
          expect(text).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
          expect(bodyOf(text)).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32_000 } });
          expect(bodyOf(text).error.message).toMatch(/^Request Timeout: /);
        }
      };
      await check(idle, LIMITS.headersTimeoutMs);
      await check(headers, LIMITS.headersTimeoutMs);
      await check(bodies, LIMITS.requestTimeoutMs);

      expect(structured(await withProgress).requests).toBe(2);
      expect(progress.length).toBeGreaterThanOrEqual(1);
      expect(structured(await quiet).rows.length).toBeGreaterThan(0);
      expect(structured(await quietLegacy).rows.length).toBeGreaterThan(0);
      // The subscription is still open, past every timeout.
      expect(await Promise.race([subscription.closed, Promise.resolve('open')])).toBe('open');
      await subscription.close();
    } finally {
      await modern.close();
      await legacy.close();
    }
  });

  it('closes a kept-alive connection that stays idle after its answer', async () => {
    const socket = hold(
      http.port,
      'POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
        'Accept: application/json, text/event-stream\r\n' +
        `Content-Length: ${Buffer.byteLength(RAW_INITIALIZE)}\r\n\r\n${RAW_INITIALIZE}`,
    );
    await once(socket.socket, 'data');
    const answeredAt = performance.now();
    const { text } = await socket.closed;
    const idleMs = performance.now() - answeredAt;
    expect(text).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(text).toContain('keep-alive');
    expect(idleMs).toBeGreaterThanOrEqual(LIMITS.keepAliveTimeoutMs - 100);
    // Node holds an idle connection 1 s past the Keep-Alive timeout it advertises, so that a client closes first.
    expect(idleMs).toBeLessThan(LIMITS.keepAliveTimeoutMs + 1_000 + SLACK_MS);
  });

  it('refuses an absolute-form target with 400 and a JSON-RPC error, not 500', async () => {
    const socket = hold(
      http.port,
      `POST http://127.0.0.1:${http.port}/mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
        `Accept: application/json, text/event-stream\r\nContent-Length: ${Buffer.byteLength(RAW_INITIALIZE)}\r\n` +
        `Connection: close\r\n\r\n${RAW_INITIALIZE}`,
    );
    const { text } = await socket.closed;
    expect(text).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    const body = bodyOf(text);
    expect(body).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32_000 } });
    expect(body.error.message).toContain('the request target must be a path such as /mcp');
  });
});

describe('the connection cap', () => {
  it('refuses connections past the cap as they arrive, and serves again once idle ones are shed', async () => {
    const logs = captureLogs();
    const { createServer } = createWolkvoxMcpServer({
      source: { timeZone: 'America/Bogota', report: () => Promise.reject(new Error('not asked')) },
      sourceKind: 'wolkvox',
    });
    const http = await startHttp(createServer, HTTP, logs.logger, { ...LIMITS, maxConnections: 5 });
    try {
      const idle = Array.from({ length: 5 }, () => hold(http.port));
      await Promise.all(idle.map(({ socket }) => once(socket, 'connect')));
      let idleClosed = 0;
      for (const { closed } of idle) void closed.then(() => idleClosed++);
      // The sixth: closed without a byte, while the five are still held.
      const extra = hold(http.port);
      const refused = await extra.closed;
      expect(refused.text).toBe('');
      expect(idleClosed).toBe(0);
      expect(logs.text()).toContain('HTTP connections refused: 5 were open');

      await Promise.all(idle.map(({ closed }) => closed));
      const response = await postInitialize(http.port);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('serverInfo');
    } finally {
      await http.close();
    }
  });
});

describe('a client that stops reading', () => {
  it('is let go once its answer has waited a silent-socket timeout', async () => {
    // A tool whose answer is far larger than what the sockets between client and server hold.
    const big = 'x'.repeat(32 * 1024 * 1024);
    const factory = () => {
      const server = new McpServer({ name: 'big', version: '1' });
      server.registerTool('big', {}, async () => ({ content: [{ type: 'text', text: big }] }));
      return server;
    };
    const served = createMcpHttpApp({
      factory,
      allowedHosts: ['127.0.0.1'],
      allowedOrigins: ['127.0.0.1'],
      limits: LIMITS,
    });
    await served.app.listen({ host: '127.0.0.1', port: 0 });
    const port = (served.app.server.address() as { port: number }).port;
    const serverSockets: Promise<number>[] = [];
    served.app.server.on('connection', (socket: Socket) => {
      const opened = performance.now();
      serverSockets.push(once(socket, 'close').then(() => performance.now() - opened));
    });
    try {
      const call = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'big' } });
      const reader = connect(port, '127.0.0.1');
      reader.on('error', () => undefined);
      await once(reader, 'connect');
      reader.pause();
      reader.write(
        `POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
          `Accept: application/json, text/event-stream\r\nContent-Length: ${call.length}\r\n\r\n${call}`,
      );
      const afterMs = await serverSockets[0]!;
      expect(afterMs).toBeGreaterThanOrEqual(LIMITS.silentSocketMs - 100);
      expect(afterMs).toBeLessThan(LIMITS.silentSocketMs + SLACK_MS + 2_000);
      reader.destroy();
    } finally {
      await served.close();
    }
  });
});
