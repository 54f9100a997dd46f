import { connect } from 'node:net';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TOKEN, type MockServer, startMockServer } from '../src/index.js';
import { Random } from '../src/prng.js';
import { mockApp, NOW } from './helpers.js';

/**
 * Random, malformed, repeated, huge and odd requests. Whatever arrives, the emulator answers in the envelope with
 * a status below 500, does not crash and does not hang. The generator is seeded so a failure replays exactly.
 */

const KEYS = [
  'api',
  'date_ini',
  'date_end',
  'campaign_id',
  'cod_act',
  'skill_id',
  '__proto__',
  'constructor',
  '',
  'x',
];
const APIS = [
  'act_3',
  'diagram_1_2',
  'campaign_7',
  'chat_9',
  'calls_last_10',
  'agents',
  'ACT_3',
  'act_3 ',
  '../etc',
];
const ODD = [
  '%',
  '%%',
  '%G1',
  '%E0%A4%A',
  '%00',
  '%FF%FE',
  '+',
  '&&&',
  '=',
  '==',
  '%C3%A1%C3%A9',
  'ñandú',
  '日本語',
  '🦜🦜',
  '\u202e',
  '[]',
  '{"a":1}',
  'all',
  '-1',
  '1e9',
  'cod_act1',
  '20250203000000',
  '20250231000000',
  '99999999999999',
  '2025020300000',
];
const PATHS = [
  '/api/v2/reports_manager.php',
  '/api/v2/real_time.php',
  '/api/v2/information.php',
  '/api/v2/reports_manager.php/',
  '/api/v2//reports_manager.php',
  '/API/V2/REPORTS_MANAGER.PHP',
  '/api/v2/%zz.php',
  '/api/v2/reports_manager%2ephp',
  '/',
  '/openapi.json',
  '/__mock/nothing',
  '/api/v2/reports_manager.php%00',
];

function encodeLoosely(rng: Random, text: string): string {
  // Sometimes well-encoded, sometimes raw (the parser sees the bytes as sent), sometimes double-encoded.
  const roll = rng.next();
  if (roll < 0.4) return encodeURIComponent(text);
  if (roll < 0.55) return encodeURIComponent(encodeURIComponent(text));
  return [...text].every((char) => char.charCodeAt(0) > 32 && char.charCodeAt(0) < 127 && char !== '#')
    ? text
    : encodeURIComponent(text);
}

function randomValue(rng: Random): string {
  const roll = rng.next();
  if (roll < 0.3) return rng.pick(APIS);
  if (roll < 0.75) return rng.pick(ODD);
  if (roll < 0.85) return 'x'.repeat(rng.int(1_000, 20_000));
  if (roll < 0.95) return rng.digits(rng.int(1, 20));
  return '';
}

function randomUrl(rng: Random): string {
  const parts: string[] = [];
  const count = rng.int(0, 8);
  for (let i = 0; i < count; i++) {
    const key = rng.chance(0.85) ? rng.pick(KEYS) : rng.pick(ODD);
    const value = randomValue(rng);
    parts.push(
      rng.chance(0.1) ? encodeLoosely(rng, key) : `${encodeLoosely(rng, key)}=${encodeLoosely(rng, value)}`,
    );
  }
  // Repeat a parameter now and then.
  if (parts.length > 0 && rng.chance(0.2)) parts.push(rng.pick(parts));
  const path = rng.chance(0.8) ? rng.pick(PATHS.slice(0, 3)) : rng.pick(PATHS);
  return parts.length > 0 || rng.chance(0.5) ? `${path}?${parts.join('&')}` : path;
}

function randomHeaders(rng: Random): Record<string, string | string[]> {
  const roll = rng.next();
  if (roll < 0.45) return { 'wolkvox-token': DEMO_TOKEN };
  if (roll < 0.55) return {};
  if (roll < 0.65) return { 'wolkvox-token': '' };
  if (roll < 0.75) return { 'wolkvox-token': 't'.repeat(rng.int(100, 4_000)) };
  if (roll < 0.85) return { 'wolkvox-token': [DEMO_TOKEN, 'other'] };
  if (roll < 0.92)
    return {
      'Wolkvox-Token': `${DEMO_TOKEN}\t`,
      wolkvox_server: rng.pick(ODD.filter((v) => /^[\x20-\x7e]*$/.test(v))),
    };
  return { 'wolkvox-token': 'ñandú', 'content-type': 'application/json' };
}

function expectEnvelope(status: number, body: string, context: string) {
  expect(status, context).toBeLessThan(500);
  expect(status, context).toBeGreaterThanOrEqual(200);
  const parsed = JSON.parse(body);
  if (context.includes('/openapi.json') && status === 200) return;
  expect(typeof parsed, context).toBe('object');
  if (Array.isArray(parsed)) return; // control routes
  if ('code' in parsed) expect(Number(parsed.code), context).toBe(status);
}

describe('fuzz: app.inject', () => {
  it('answers 600 random requests in the envelope, never with a 5xx', async () => {
    const { app } = await mockApp({ dailyQuota: 1_000_000 });
    const rng = new Random(20250203);
    const seen = new Set<number>();
    for (let i = 0; i < 600; i++) {
      const url = randomUrl(rng);
      const headers = randomHeaders(rng);
      const method = rng.chance(0.9) ? 'GET' : rng.pick(['HEAD', 'POST', 'DELETE', 'OPTIONS'] as const);
      const response = await app.inject({
        method,
        url,
        headers,
        ...(method === 'POST' && { payload: rng.pick(['{', '[]', 'not json', '{"a":1}']) }),
      });
      const context = `#${i} ${method} ${url.slice(0, 200)}`;
      seen.add(response.statusCode);
      if (method === 'HEAD') {
        expect(response.statusCode, context).toBeLessThan(500);
        continue;
      }
      expectEnvelope(response.statusCode, response.body, context);
    }
    // The generator reaches every layer: successes, parameter and api errors, auth, unknown paths, methods.
    for (const status of [200, 400, 401, 403, 404, 405]) expect(seen).toContain(status);
  });
});

describe('fuzz: raw HTTP against a listening server', () => {
  let server: MockServer;

  beforeAll(async () => {
    server = await startMockServer({ now: NOW });
  });
  afterAll(async () => {
    await server.close();
  });

  /** Sends bytes and reads until the server closes or answers in full; bounded so a hang fails the test. */
  function raw(bytes: string): Promise<string> {
    const { port } = new URL(server.url);
    return new Promise((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1');
      let received = '';
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`no answer to ${JSON.stringify(bytes.slice(0, 80))}`));
      }, 10_000);
      socket.on('data', (chunk) => {
        received += chunk.toString('latin1');
      });
      socket.on('error', () => undefined);
      socket.on('close', () => {
        clearTimeout(timer);
        resolve(received);
      });
      socket.write(bytes, () => socket.end());
    });
  }

  function statusOf(response: string): number {
    return Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1] ?? 0);
  }

  it('answers malformed HTTP with a 4xx envelope (or closes), never a 5xx', async () => {
    const cases = [
      'GARBAGE\r\n\r\n',
      'GET /api/v2/reports_manager.php?api=act_3 HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n',
      `GET /api/v2/reports_manager.php?api=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
      `GET /api/v2/reports_manager.php HTTP/1.1\r\nHost: x\r\nwolkvox-token: ${'t'.repeat(20_000)}\r\n\r\n`,
      'GET /api/v2/reports_manager.php?api=act_3 HTTP/9.9\r\nHost: x\r\n\r\n',
      'GET /api/v2/reports_manager.php?api=act_3 HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n',
      'GET /api/v2/real_time.php?api=calls_last_10 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
      'GET http://[::1 HTTP/1.1\r\nHost: x\r\n\r\n',
      'GET /api/v2/reports_manager.php?api=%ff%fe%00 HTTP/1.1\r\nHost: x\r\nwolkvox-token: \xff\xfe\r\nConnection: close\r\n\r\n',
    ];
    let answered = 0;
    for (const bytes of cases) {
      const response = await raw(bytes);
      if (response === '') continue; // the server may just close on garbage
      answered++;
      const status = statusOf(response);
      expect(status, bytes.slice(0, 80)).toBeGreaterThanOrEqual(400);
      expect(status, bytes.slice(0, 80)).toBeLessThan(500);
      const body = response.slice(response.indexOf('\r\n\r\n') + 4);
      expect(
        JSON.parse(body.replace(/^[0-9a-f]+\r\n|\r\n0\r\n\r\n$/g, '')),
        bytes.slice(0, 80),
      ).toMatchObject({
        code: status,
        data: null,
      });
    }
    expect(answered).toBeGreaterThanOrEqual(cases.length - 2);
  });

  it('keeps serving after the abuse', async () => {
    const response = await request(`${server.url}/api/v2/real_time.php?api=calls_last_10`, {
      headers: { 'wolkvox-token': DEMO_TOKEN },
    });
    expect(response.statusCode).toBeLessThan(500);
    await response.body.dump();
    expect(server.control.stats()[0]!.inFlight).toBe(0);
  });
});
