/**
 * 2025-era HTTP requests that get one answer are answered as one JSON body (sdk/http.ts, answerLegacyAsJson),
 * where the SDK's own stateless serving of them streams SSE. The message must be the one the SDK streams: the same
 * requests to our endpoint and to the SDK's handler over the same service, compared.
 */
import { createMcpHandler } from '@modelcontextprotocol/server';
import { createWolkvoxClient } from '@wolkvox-mcp/client';
import { DEMO_TOKEN } from '@wolkvox-mcp/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.js';
import { createWolkvoxMcpServer, type WolkvoxMcpServer } from '../../src/server.js';
import { type HttpHandle, startHttp } from '../../src/transports/http.js';
import { emulator } from '../helpers.js';

const HEADERS = {
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
  'mcp-protocol-version': '2025-11-25',
};

const REQUESTS: Record<string, unknown>[] = [
  {
    method: 'initialize',
    params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'test', version: '1' } },
  },
  { method: 'tools/list' },
  { method: 'tools/call', params: { name: 'list_reports', arguments: { query: 'ivr', limit: 3 } } },
  { method: 'tools/call', params: { name: 'wolkvox_act_3', arguments: { from: '2025-02-03', limit: 3 } } },
  { method: 'tools/call', params: { name: 'wolkvox_act_3', arguments: { from: 5 } } },
  { method: 'tools/call', params: { name: 'no_such_tool', arguments: {} } },
  { method: 'prompts/list' },
];

let mock: Awaited<ReturnType<typeof emulator>>;
let mcp: WolkvoxMcpServer;
let ours: HttpHandle;
const sdk = () => createMcpHandler(() => mcp.createServer(), { legacy: 'stateless' });

beforeAll(async () => {
  mock = await emulator();
  mock.control.freezeClock('2025-02-04T15:00:00Z');
  const client = createWolkvoxClient({ token: DEMO_TOKEN, baseUrl: mock.url, coordination: 'process' });
  mcp = createWolkvoxMcpServer({ client, sourceKind: 'emulator', toolsets: 'all' });
  ours = await startHttp(
    mcp.createServer,
    { host: '127.0.0.1', port: 0, allowedHosts: ['127.0.0.1'], allowedOrigins: ['127.0.0.1'] },
    silentLogger(),
  );
});

afterAll(async () => {
  await ours?.close();
  await mock?.close();
});

/** The JSON-RPC message of an answer, JSON or SSE, without what says when it was made (fetch times, cursors). */
async function messageOf(response: Response): Promise<string> {
  const text = await response.text();
  const json = response.headers.get('content-type')?.startsWith('text/event-stream')
    ? text
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice('data: '.length))
        .join('')
    : text;
  return JSON.stringify(JSON.parse(json))
    .replace(/wv\d\.[\w.~-]+/g, '<cursor>')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<time>');
}

describe('2025-era requests with one answer', () => {
  it('get one JSON body carrying the message the SDK streams', async () => {
    const reference = sdk();
    try {
      for (const [n, request] of REQUESTS.entries()) {
        const body = JSON.stringify({ jsonrpc: '2.0', id: n + 1, ...request });
        mcp.service.cache.clear();
        const mine = await fetch(ours.url, { method: 'POST', headers: HEADERS, body });
        mcp.service.cache.clear();
        const theirs = await reference.fetch(
          new Request(ours.url, { method: 'POST', headers: HEADERS, body }),
        );
        expect(mine.headers.get('content-type'), String(request.method)).toMatch(/^application\/json/);
        expect(mine.status).toBe(theirs.status);
        expect(await messageOf(mine), String(request.method)).toBe(await messageOf(theirs));
      }
    } finally {
      await reference.close();
    }
  });

  it('keep the SDK answer for a notification (202, no body) and for a request it refuses', async () => {
    const reference = sdk();
    try {
      const note = JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' });
      const mine = await fetch(ours.url, { method: 'POST', headers: HEADERS, body: note });
      const theirs = await reference.fetch(
        new Request(ours.url, { method: 'POST', headers: HEADERS, body: note }),
      );
      expect([mine.status, await mine.text()]).toEqual([theirs.status, await theirs.text()]);
      // Without text/event-stream in Accept the SDK's transport refuses the request; so does ours.
      const call = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
      const headers = { ...HEADERS, accept: 'application/json' };
      const refused = await fetch(ours.url, { method: 'POST', headers, body: call });
      const refusedToo = await reference.fetch(
        new Request(ours.url, { method: 'POST', headers, body: call }),
      );
      expect(refused.status).toBe(refusedToo.status);
      expect(refused.status).toBeGreaterThanOrEqual(400);
    } finally {
      await reference.close();
    }
  });
});
