/**
 * A team's deployment, as the root README's "Deploying it for a team" describes it: two HTTP replicas behind a load
 * balancer that clients reach by a host name, started with the documented flags (--http-token, --allowed-hosts,
 * the same WOLKVOX_MCP_CURSOR_KEY, one Redis, a state directory each). The load balancer here is a small proxy
 * on loopback that sends each request to the next replica in turn with the Host clients use
 * (`mcp.team.example`), as a DNS name in front of a balancer would. Its health checks probe each replica by
 * address, without a token: /healthz answers them, and nothing else does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/client';
import { DEMO_TOKEN, type MockServer } from '@wolkvox-mcp/mock-server';
import { type RedisServer, redisAvailable, startRedisServer } from '@wolkvox-mcp/test-support/redis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningWolkvoxMcp, startWolkvoxMcp } from '../../src/start.js';
import { loadBalancer } from '../balancer.js';
import { connectV2Http, emulator, RAW_INITIALIZE, rawRequest as send, structured } from '../helpers.js';

const HOST_NAME = 'mcp.team.example';
const HTTP_TOKEN = 'team-bearer-token-of-32-characters';
const CURSOR_KEY = 'replicas-share-this-cursor-key';

const portOf = (url: string) => Number(new URL(url).port);

describe('a health check for load balancers', () => {
  let server: RunningWolkvoxMcp;
  beforeAll(async () => {
    server = await startWolkvoxMcp({
      argv: ['--http', '--port', '0', '--http-token', HTTP_TOKEN, '--allowed-hosts', HOST_NAME],
      env: { WOLKVOX_CACHE_DIR: process.env.WOLKVOX_CACHE_DIR },
      bannerOut: null,
      logger: pino({ level: 'silent' }),
    });
  });
  afterAll(() => server?.close());

  it('answers /healthz by address, with no token and whatever the Origin, and says nothing else', async () => {
    const port = portOf(server.url!);
    const cases: Record<string, string>[] = [
      {},
      { host: `10.0.0.7:${port}` },
      { origin: 'https://elsewhere.example' },
    ];
    for (const headers of cases) {
      const health = await send(port, { path: '/healthz', headers });
      expect(health.status).toBe(200);
      expect(JSON.parse(health.body)).toEqual({ status: 'ok' });
      expect(health.headers['cache-control']).toBe('no-store');
    }
    expect((await send(port, { method: 'HEAD', path: '/healthz' })).status).toBe(200);
    // The same Host on /mcp is refused, token or not: the open route opens nothing else.
    const mcp = await send(port, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${HTTP_TOKEN}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: RAW_INITIALIZE,
    });
    expect(mcp.status).toBe(403);
    expect((await send(port, { path: '/healthz/../mcp', headers: {} })).status).not.toBe(200);
    // A malformed Host is malformed on the health route too.
    expect((await send(port, { path: '/healthz', headers: { host: 'evil@localhost' } })).status).toBe(400);
    // Only GET and HEAD /healthz are open: anything else meets the Host check like every other path.
    expect((await send(port, { method: 'POST', path: '/healthz', body: '{}' })).status).toBe(403);
  });
});

describe.runIf(redisAvailable())('two replicas behind a host name, sharing one Redis', () => {
  let redis: RedisServer;
  let mock: MockServer;
  let balancer: Awaited<ReturnType<typeof loadBalancer>>;
  const replicas: RunningWolkvoxMcp[] = [];
  const clients: Client[] = [];
  const dirs: string[] = [];

  /** A replica started as the README's deployment table says, with flags and variables only. */
  async function replica(): Promise<RunningWolkvoxMcp> {
    const stateDir = mkdtempSync(join(tmpdir(), 'wolkvox-team-'));
    dirs.push(stateDir);
    const running = await startWolkvoxMcp({
      argv: ['--http', '--port', '0', '--allowed-hosts', HOST_NAME],
      env: {
        WOLKVOX_TOKEN: DEMO_TOKEN,
        WOLKVOX_BASE_URL: mock.url,
        WOLKVOX_MCP_HTTP_TOKEN: HTTP_TOKEN,
        WOLKVOX_MCP_CURSOR_KEY: CURSOR_KEY,
        WOLKVOX_REDIS_URL: redis.url,
        WOLKVOX_CACHE_DIR: stateDir,
      },
      bannerOut: null,
      logger: pino({ level: 'silent' }),
    });
    replicas.push(running);
    return running;
  }

  beforeAll(async () => {
    redis = await startRedisServer();
    mock = await emulator({ now: '2025-02-05T15:00:00Z' });
    const started = [await replica(), await replica()];
    balancer = await loadBalancer(
      started.map((running) => portOf(running.url!)),
      HOST_NAME,
    );
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await Promise.all(replicas.map((running) => running.close()));
    await new Promise((resolve) => balancer?.server.close(resolve));
    await mock?.close();
    await redis?.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('serves an SDK client through the host name on both replicas, a cursor from one paging on the other', async () => {
    const client = await connectV2Http(`${balancer.url}/mcp`, 'legacy', {
      Authorization: `Bearer ${HTTP_TOKEN}`,
    });
    clients.push(client);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toContain('run_report');
    const first = structured(
      await client.callTool({
        name: 'run_report',
        arguments: { report: 'act_3', from: '2025-02-03', limit: 5 },
      }),
    );
    expect(first.has_more).toBe(true);
    const second = structured(
      await client.callTool({
        name: 'run_report',
        arguments: { report: 'act_3', cursor: first.next_cursor },
      }),
    );
    expect(second.rows).toHaveLength(5);
    expect(second.rows).not.toEqual(first.rows);
    // Stateless Streamable HTTP: every request went to the next replica, so both served this client.
    expect(balancer.sent.every((count) => count > 0)).toBe(true);
  });

  it('refuses the host name without the bearer token, and a replica reached by its address for MCP', async () => {
    const initialize = {
      method: 'POST',
      body: RAW_INITIALIZE,
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    };
    expect((await send(portOf(balancer.url), initialize)).status).toBe(401);
    const direct = await send(portOf(replicas[0]!.url!), {
      ...initialize,
      headers: { ...initialize.headers, authorization: `Bearer ${HTTP_TOKEN}` },
    });
    expect(direct.status).toBe(403);
    expect(direct.body).toContain('Invalid Host');
  });

  it("answers the balancer's health checks by address with no token, and through the host name", async () => {
    for (const running of replicas) {
      const health = await send(portOf(running.url!), { path: '/healthz' });
      expect(health.status).toBe(200);
      expect(health.body).toBe('{"status":"ok"}');
    }
    expect((await send(portOf(balancer.url), { path: '/healthz' })).status).toBe(200);
  });
});
