/**
 * The control API cannot break report serving (issue 11, finding 6): every body, query and path parameter of
 * `/__mock/` is checked (400 in the envelope, naming the field and the rule), the clock stays within 2000-2100
 * however it is moved, and after every hostile request a report call still answers 200.
 */
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { CLOCK_RANGE, MAX_ADVANCE_MS } from '../src/clock.js';
import { act3, call, mockApp, NOW } from './helpers.js';

interface Hostile {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  /** A JSON value, or raw text sent as JSON. */
  payload?: unknown;
  raw?: string;
  /** What the refusal's detail must say (field and rule), when the control API's own check answers. */
  detail?: RegExp;
}

const hostile: Hostile[] = [
  // The two reproducers.
  {
    method: 'POST',
    url: '/__mock/clock',
    payload: { advanceMs: 1e20 },
    detail: /body\.advanceMs: must be at most/,
  },
  {
    method: 'POST',
    url: '/__mock/clock',
    payload: { set: '+275760-09-13T00:00:00Z' },
    detail: /body\.set: must be an ISO 8601 instant from 2000/,
  },
  {
    method: 'POST',
    url: '/__mock/clock',
    payload: { advanceMs: -1e20 },
    detail: /body\.advanceMs: must be at least/,
  },
  {
    method: 'POST',
    url: '/__mock/clock',
    payload: { advanceMs: MAX_ADVANCE_MS + 1 },
    detail: /body\.advanceMs/,
  },
  { method: 'POST', url: '/__mock/clock', payload: { set: '-271821-04-20T00:00:00Z' }, detail: /body\.set/ },
  { method: 'POST', url: '/__mock/clock', payload: { now: '1970-01-01T00:00:00Z' }, detail: /body\.now/ },
  { method: 'POST', url: '/__mock/clock', payload: { set: '2100-01-01T00:00:00Z' }, detail: /body\.set/ },
  {
    method: 'POST',
    url: '/__mock/clock',
    payload: { freeze: '+275760-09-13T00:00:00Z' },
    detail: /body\.freeze/,
  },
  { method: 'POST', url: '/__mock/clock', payload: { set: 'x'.repeat(100_000) }, detail: /body\.set: .*64/ },
  { method: 'POST', url: '/__mock/clock', payload: { set: 1_700_000_000_000 }, detail: /body\.set/ },
  { method: 'POST', url: '/__mock/clock', payload: { advanceMs: '1e20' }, detail: /body\.advanceMs/ },
  { method: 'POST', url: '/__mock/clock', payload: { speed: 2 }, detail: /body: .*speed/ },
  { method: 'POST', url: '/__mock/clock', payload: [1, 2], detail: /body: / },
  { method: 'POST', url: '/__mock/clock', payload: 'tomorrow', detail: /body: / },
  {
    method: 'POST',
    url: '/__mock/clock',
    payload: { set: '2025-01-01T00:00:00Z', now: '2025-01-02T00:00:00Z' },
    detail: /body\.now: give set or now/,
  },
  { method: 'POST', url: '/__mock/clock', raw: '{"__proto__":{"advanceMs":1e20}}' },
  { method: 'POST', url: '/__mock/clock', raw: `${'['.repeat(10_000)}${']'.repeat(10_000)}` },
  { method: 'POST', url: '/__mock/clock', raw: '{"advanceMs":1e400}' },
  // The other control routes.
  { method: 'PUT', url: '/__mock/disabled-reports', payload: { reports: 'act_3' }, detail: /body\.reports/ },
  { method: 'PUT', url: '/__mock/disabled-reports', payload: { reports: [1] }, detail: /body\.reports\.0/ },
  {
    method: 'PUT',
    url: '/__mock/disabled-reports',
    payload: { reports: ['nope'] },
    detail: /unknown report id/,
  },
  {
    method: 'PUT',
    url: '/__mock/disabled-reports',
    payload: { reports: Array.from({ length: 5000 }, () => 'act_3') },
    detail: /body\.reports: .*1000/,
  },
  { method: 'PUT', url: '/__mock/disabled-reports', payload: {}, detail: /body\.reports/ },
  { method: 'PUT', url: '/__mock/scenario', payload: { volume: -1 }, detail: /^body:1:\d+: volume: must be/ },
  { method: 'PUT', url: '/__mock/scenario', payload: [], detail: /^body:1:1: / },
  { method: 'PUT', url: '/__mock/scenario', raw: '{"agents": [', detail: /^body:1:\d+: / },
  { method: 'POST', url: '/__mock/reset', payload: { everything: true }, detail: /body: .*everything/ },
  { method: 'DELETE', url: '/__mock/faults', payload: { id: 'f1' }, detail: /body: .*id/ },
  { method: 'DELETE', url: `/__mock/faults/${'f'.repeat(80)}`, detail: /params\.id: .*64/ },
  { method: 'GET', url: '/__mock/journal?limit=-1', detail: /query: .*limit/ },
  { method: 'GET', url: '/__mock/clock?set=2999-01-01', detail: /query: .*set/ },
  {
    method: 'POST',
    url: '/__mock/faults',
    payload: { fault: { kind: 'delay', ms: 1e20 } },
    detail: /fault\.ms: must be a number of milliseconds/,
  },
  {
    method: 'POST',
    url: '/__mock/faults',
    payload: { fault: { kind: 'status', status: 99_999 } },
    detail: /fault\.status/,
  },
  {
    method: 'POST',
    url: '/__mock/faults',
    payload: { fault: { kind: 'reset' }, match: { api: 'x'.repeat(10_000) } },
    detail: /match\.api/,
  },
];

async function send(app: FastifyInstance, request: Hostile) {
  const body = request.raw ?? (request.payload === undefined ? undefined : JSON.stringify(request.payload));
  return app.inject({
    method: request.method,
    url: request.url,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, payload: body }),
  });
}

async function reportServes(app: FastifyInstance): Promise<void> {
  const answer = await call(app, 'reports_manager', act3('20250203000000', '20250203235959'));
  expect(answer.status).toBe(200);
}

describe('the control API refuses what would break the emulator', () => {
  it.each(hostile.map((request) => [`${request.method} ${request.url.slice(0, 60)}`, request] as const))(
    '%s: 400 in the envelope, clock untouched, reports still served',
    async (_name, request) => {
      const { app } = await mockApp();
      const answer = await send(app, request);
      expect(answer.statusCode).toBe(400);
      const body = JSON.parse(answer.body);
      expect(body).toMatchObject({ code: 400, data: null });
      expect(answer.body.length).toBeLessThan(2_000);
      if (request.detail) {
        expect(body.msg).toBe('INVALID CONTROL REQUEST');
        expect(body.detail).toMatch(request.detail);
      }
      const clock = JSON.parse((await app.inject({ method: 'GET', url: '/__mock/clock' })).body);
      expect(clock.now).toBe(new Date(NOW).toISOString());
      await reportServes(app);
    },
  );

  it('keeps serving after every hostile request in a row, on one emulator', async () => {
    const { app } = await mockApp();
    for (const request of hostile) expect((await send(app, request)).statusCode).toBe(400);
    await reportServes(app);
  });

  it('moves the clock to either end of its range and no further; reports are served at both ends', async () => {
    const { app } = await mockApp();
    const post = (payload: unknown) => send(app, { method: 'POST', url: '/__mock/clock', payload });
    expect((await post({ set: '2099-12-31T23:00:00Z', freeze: true })).statusCode).toBe(200);
    // One hour left before 2100: a day ahead is refused and the clock stays put.
    const beyond = await post({ advanceMs: 86_400_000 });
    expect(beyond.statusCode).toBe(400);
    expect(JSON.parse(beyond.body).detail).toMatch(/the clock must stay within 2000-01-01T00:00:00Z to 2100/);
    expect(JSON.parse((await app.inject({ method: 'GET', url: '/__mock/clock' })).body).now).toBe(
      '2099-12-31T23:00:00.000Z',
    );
    expect((await call(app, 'real_time', { api: 'agents' })).status).toBe(200);
    await reportServes(app);

    expect((await post({ set: new Date(CLOCK_RANGE.from).toISOString(), freeze: true })).statusCode).toBe(
      200,
    );
    expect((await post({ advanceMs: -1 })).statusCode).toBe(400);
    expect((await call(app, 'real_time', { api: 'agents' })).status).toBe(200);
  });

  it('accepts the inputs it always did', async () => {
    const { app } = await mockApp();
    const post = (url: string, payload?: unknown, method: Hostile['method'] = 'POST') =>
      send(app, { method, url, payload });
    expect((await post('/__mock/clock', { advanceMs: 60_000 })).statusCode).toBe(200);
    expect((await post('/__mock/clock', { advanceMs: -MAX_ADVANCE_MS })).statusCode).toBe(200);
    expect((await post('/__mock/clock', { now: NOW, freeze: true })).statusCode).toBe(200);
    expect((await post('/__mock/clock', {})).statusCode).toBe(200);
    expect((await post('/__mock/reset')).statusCode).toBe(200);
    expect((await post('/__mock/reset', {})).statusCode).toBe(200);
    expect((await post('/__mock/disabled-reports', { reports: ['act_3'] }, 'PUT')).statusCode).toBe(200);
    expect((await post('/__mock/disabled-reports', { reports: [] }, 'PUT')).statusCode).toBe(200);
    expect((await post('/__mock/faults', { fault: { kind: 'delay', ms: 10 } })).statusCode).toBe(201);
    expect((await post('/__mock/faults', undefined, 'DELETE')).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/__mock/journal' })).statusCode).toBe(200);
  });
});

describe('waitForJournal', () => {
  it('resolves once the journal holds the calls asked for, and refuses after its time with what it held', async () => {
    const { app, control } = await mockApp();
    const waiting = control.waitForJournal(2);
    await call(app, 'reports_manager', act3('20250203000000', '20250203235959'));
    await call(app, 'real_time', { api: 'nonexistent' });
    const journal = await waiting;
    expect(journal.map((entry) => entry.status)).toEqual([200, 400]);
    // Already there: at once.
    expect(await control.waitForJournal(1)).toHaveLength(2);
    await expect(control.waitForJournal(3, 50)).rejects.toThrow(
      'the journal holds 2 entries, expected 3: 200, 400',
    );
  });
});
