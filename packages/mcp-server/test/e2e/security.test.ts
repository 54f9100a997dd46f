/**
 * HTTP security and secrets: foreign Host and Origin are refused (DNS-rebinding protection), a bearer token is
 * required off loopback (and the server refuses to start without one), and neither the wolkvox token nor the
 * bearer token ever appears in logs or results.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import { startHttp } from '../../src/transports/http.js';
import {
  connectV1Http,
  connectV2Http,
  emulator,
  RAW_INITIALIZE,
  rawRequest,
  startHttpServer,
  structured,
  textOf,
} from '../helpers.js';

/** A raw request, so the test controls Host and Origin exactly. */
function send(method: string, port: number, headers: Record<string, string>, body?: string) {
  return rawRequest(port, {
    method,
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...headers,
    },
    ...(body === undefined ? {} : { body }),
  });
}

const post = (port: number, headers: Record<string, string>, body = RAW_INITIALIZE) =>
  send('POST', port, headers, body);

function portOf(url: string): number {
  return Number(new URL(url).port);
}

describe('DNS-rebinding protection', () => {
  let mock: Awaited<ReturnType<typeof emulator>>;
  let server: Awaited<ReturnType<typeof startHttpServer>>;
  beforeAll(async () => {
    mock = await emulator();
    server = await startHttpServer({ mock });
  });
  afterAll(async () => {
    await server?.close();
    await mock?.close();
  });

  it('serves localhost Host and Origin', async () => {
    const port = portOf(server.url!);
    expect((await post(port, { host: `127.0.0.1:${port}` })).status).toBe(200);
    expect((await post(port, { host: `localhost:${port}`, origin: `http://localhost:6274` })).status).toBe(
      200,
    );
  });

  it('refuses a foreign Host', async () => {
    const port = portOf(server.url!);
    const answer = await post(port, { host: 'evil.example.com' });
    expect(answer.status).toBe(403);
    expect(answer.body).toContain('evil.example.com');
  });

  it('refuses a foreign Origin', async () => {
    const port = portOf(server.url!);
    const answer = await post(port, { host: `127.0.0.1:${port}`, origin: 'https://evil.example.com' });
    expect(answer.status).toBe(403);
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await send('OPTIONS', port, {
      host: `127.0.0.1:${port}`,
      origin: 'https://evil.example.com',
    });
    expect(preflight.status).toBe(403);
  });

  it('lets browser clients on allowed origins through CORS', async () => {
    const port = portOf(server.url!);
    const origin = 'http://localhost:6274';
    const preflight = await send('OPTIONS', port, {
      host: `127.0.0.1:${port}`,
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type, authorization, mcp-protocol-version',
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(origin);
    expect(preflight.headers['access-control-allow-headers']).toContain('authorization');
    const answer = await post(port, { host: `127.0.0.1:${port}`, origin });
    expect(answer.status).toBe(200);
    expect(answer.headers['access-control-allow-origin']).toBe(origin);
  });
});

describe('off loopback', () => {
  it('refuses to start without a bearer token', async () => {
    await expect(
      startHttp(
        () => {
          throw new Error('never built');
        },
        { host: '0.0.0.0', port: 0, allowedHosts: ['localhost'], allowedOrigins: ['localhost'] },
        createLogger({ level: 'silent' }),
      ),
    ).rejects.toThrow(/without a bearer token/);
  });

  it('requires the bearer token, and the token appears in no log line or result', async () => {
    const wolkvoxToken = 'tenant-token-3f9c2a7d41';
    const httpToken = 'bearer-token-81b3c6e9d2f0';
    const revokedToken = 'revoked-token-5e1d0c7b99';
    const mock = await emulator({ tokens: [wolkvoxToken] });
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger({ level: 'trace', secrets: [wolkvoxToken, httpToken], destination });
    const server = await startHttpServer({ mock, token: wolkvoxToken, host: '0.0.0.0', httpToken, logger });
    const results: string[] = [];
    try {
      const port = portOf(server.url!);
      const none = await post(port, { host: `127.0.0.1:${port}` });
      expect(none.status).toBe(401);
      const wrong = await post(port, {
        host: `127.0.0.1:${port}`,
        authorization: 'Bearer not-the-token-at-all',
      });
      expect(wrong.status).toBe(401);
      results.push(none.body, wrong.body);

      const authorization = { authorization: `Bearer ${httpToken}` };
      const v2 = await connectV2Http(server.url!, 'modern', authorization);
      const v1 = await connectV1Http(server.url!, authorization);
      const ok = await v2.callTool({ name: 'wolkvox_chat_9', arguments: { from: '2025-02-03' } });
      expect(structured(ok).totals.rows).toBeGreaterThan(0);
      const bad = await v1.callTool({ name: 'wolkvox_act_3', arguments: { from: 'never' } });
      results.push(JSON.stringify(ok), JSON.stringify(bad), JSON.stringify(await v2.listTools()));
      await Promise.all([v1.close(), v2.close()]);

      // A server whose wolkvox token the tenant refuses: the auth error says what to check, never the token.
      // This token is not among the logger's secrets: nothing may have written it in the first place.
      const refusing = await startHttpServer({ mock, token: revokedToken, logger });
      const client = await connectV2Http(refusing.url!, 'legacy');
      const refused = await client.callTool({ name: 'wolkvox_chat_9', arguments: { from: '2025-02-03' } });
      expect((refused as { isError?: boolean }).isError).toBe(true);
      expect(textOf(refused)).toContain('WOLKVOX_TOKEN');
      results.push(JSON.stringify(refused));
      await client.close();
      await refusing.close();

      // The logger redacts a token given to it under a secret-bearing key, and scrubs it anywhere else.
      logger.info(
        { token: wolkvoxToken, headers: { authorization: `Bearer ${httpToken}` } },
        `oops ${wolkvoxToken}`,
      );
    } finally {
      await server.close();
      await mock.close();
    }
    const log = lines.join('');
    expect(log).toContain('report answered');
    expect(log).toContain('[redacted]');
    for (const secret of [wolkvoxToken, revokedToken, httpToken]) {
      expect(log).not.toContain(secret);
      for (const result of results) expect(result).not.toContain(secret);
    }
  });
});
