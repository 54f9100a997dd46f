/**
 * HTTP builds a server per request, and one for a single tools/call registers that tool alone (sdk/server.ts,
 * ServerScope). The answers must be the ones a server with everything registered gives: the same calls through
 * two endpoints over the same service, one scoped and one not, through real clients of both eras, compared.
 */
import { createWolkvoxClient } from '@wolkvox-mcp/client';
import { DEMO_TOKEN } from '@wolkvox-mcp/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.js';
import type { ServerScope } from '../../src/sdk/server.js';
import { createWolkvoxMcpServer, type WolkvoxMcpServer } from '../../src/server.js';
import { type HttpHandle, startHttp } from '../../src/transports/http.js';
import { type AnyHttpClient, emulator, HTTP_CLIENTS } from '../helpers.js';

const CALLS: { name: string; arguments?: Record<string, unknown> }[] = [
  { name: 'list_reports', arguments: { query: 'ivr', limit: 3 } },
  { name: 'wolkvox_act_3', arguments: { from: '2025-02-03', limit: 3 } },
  { name: 'run_report', arguments: { report: 'chat_9', from: '2025-02-03', group_by: ['agent_name'] } },
  // Refused by the tool's input schema, by the tool itself, and by the SDK (no such tool).
  { name: 'wolkvox_act_3', arguments: { from: 5 } },
  { name: 'run_report', arguments: { report: 'no_such_report' } },
  { name: 'no_such_tool', arguments: {} },
  { name: '__proto__', arguments: {} },
];

let mock: Awaited<ReturnType<typeof emulator>>;
let mcp: WolkvoxMcpServer;
let scoped: HttpHandle;
let whole: HttpHandle;
const scopes: (ServerScope | undefined)[] = [];

beforeAll(async () => {
  mock = await emulator();
  mock.control.freezeClock('2025-02-04T15:00:00Z');
  const client = createWolkvoxClient({ token: DEMO_TOKEN, baseUrl: mock.url, coordination: 'process' });
  mcp = createWolkvoxMcpServer({ client, sourceKind: 'emulator', toolsets: 'all' });
  const http = { host: '127.0.0.1', port: 0, allowedHosts: ['127.0.0.1'], allowedOrigins: ['127.0.0.1'] };
  scoped = await startHttp(
    (scope) => {
      scopes.push(scope);
      return mcp.createServer(scope);
    },
    http,
    silentLogger(),
  );
  whole = await startHttp(() => mcp.createServer(), http, silentLogger());
});

afterAll(async () => {
  await scoped?.close();
  await whole?.close();
  await mock?.close();
});

/** The answer, or the error, without what says when it was made (fetch times, and cursors, which are signed with it). */
async function outcome(client: AnyHttpClient, call: (typeof CALLS)[number]): Promise<string> {
  mcp.service.cache.clear();
  const result = await client.callTool(call).then(
    (value) => ({ value }),
    (error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }),
  );
  return JSON.stringify(result)
    .replace(/wv\d\.[\w.~-]+/g, '<cursor>')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<time>');
}

describe('a server scoped to the one tool a request calls', () => {
  it.each(HTTP_CLIENTS)('answers %s exactly as the whole server does', async (_name, connect) => {
    const [a, b] = [await connect(scoped.url), await connect(whole.url)];
    try {
      for (const call of CALLS) expect(await outcome(a, call), call.name).toBe(await outcome(b, call));
    } finally {
      await a.close();
      await b.close();
    }
    // The scoped endpoint did build scoped servers (else this compared the whole server with itself).
    expect(scopes).toContainEqual({ tool: 'wolkvox_act_3' });
  });
});
