import { WOLKVOX_ERRORS } from '@wolkvox-mcp/contracts';
import { request } from 'undici';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEMO_TOKEN, type MockServer, startMockServer, tokenLabel } from '../src/index.js';
import { act3, call, inject, mockApp, NOW, reportUrl } from './helpers.js';

const DAY = act3('20250203000000', '20250203235959');
const servers: MockServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function server(options: Parameters<typeof startMockServer>[0] = {}) {
  const started = await startMockServer({ ...options, now: NOW });
  started.control.freezeClock(NOW);
  servers.push(started);
  return started;
}

describe('fault injection', () => {
  it('answers an injected status in the envelope, for the next N matching calls only', async () => {
    const { app, control } = await mockApp();
    control.injectFault({ fault: { kind: 'status', status: 500 }, times: 2 });
    const first = await call(app, 'reports_manager', DAY);
    expect(first.status).toBe(500);
    expect(first.body).toMatchObject({ code: 500, msg: WOLKVOX_ERRORS.INTERNAL.msg, data: null });
    expect((await call(app, 'reports_manager', DAY)).status).toBe(500);
    expect((await call(app, 'reports_manager', DAY)).status).toBe(200);

    control.injectFault({ fault: { kind: 'status', status: 418 } });
    const teapot = await call(app, 'reports_manager', DAY);
    expect(teapot.status).toBe(418);
    expect(teapot.body.code).toBe(418);
  });

  it('matches by api, family and token (raw or label)', async () => {
    const { app, control } = await mockApp({ tokens: ['alpha', 'beta'] });
    const alpha = { 'wolkvox-token': 'alpha' };
    const beta = { 'wolkvox-token': 'beta' };
    control.injectFault({ fault: { kind: 'status', status: 503 }, match: { api: 'chat_9' } });
    control.injectFault({ fault: { kind: 'status', status: 502 }, match: { family: 'real_time' } });
    control.injectFault({ fault: { kind: 'status', status: 500 }, match: { token: tokenLabel('beta') } });

    expect((await call(app, 'reports_manager', DAY, alpha)).status).toBe(200);
    expect((await call(app, 'reports_manager', { ...DAY, api: 'chat_9' }, alpha)).status).toBe(503);
    expect((await call(app, 'real_time', { api: 'calls_last_10' }, alpha)).status).toBe(502);
    expect((await call(app, 'reports_manager', DAY, beta)).status).toBe(500);
    expect((await call(app, 'reports_manager', DAY, beta)).status).toBe(200);

    control.injectFault({ fault: { kind: 'concurrency' }, match: { token: 'alpha' } });
    expect((await call(app, 'reports_manager', DAY, beta)).status).toBe(200);
    const forced = await call(app, 'reports_manager', DAY, alpha);
    expect(forced.status).toBe(403);
    expect(forced.body.msg).toBe(WOLKVOX_ERRORS.CONCURRENCY.msg);
    expect(control.statsFor('alpha')!.rejectedConcurrency).toBe(1);
  });

  it('applies a probability with seeded randomness: the same seed fails the same calls', async () => {
    async function pattern(seed: number) {
      const { app, control } = await mockApp({ seed });
      control.injectFault({ fault: { kind: 'status', status: 500 }, times: 1000, probability: 0.5 });
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) statuses.push((await call(app, 'reports_manager', DAY)).status);
      return statuses;
    }
    const first = await pattern(7);
    expect(await pattern(7)).toEqual(first);
    expect(first).toContain(500);
    expect(first).toContain(200);
    expect(await pattern(8)).not.toEqual(first);
  });

  it('delays a call and journals the fault', async () => {
    const { app, control } = await mockApp();
    control.injectFault({ fault: { kind: 'delay', ms: 120 } });
    const result = await call(app, 'reports_manager', DAY);
    expect(result.status).toBe(200);
    expect(control.journal().at(-1)).toMatchObject({ status: 200, fault: 'delay 120ms', api: 'act_3' });
  });

  it('resets the connection', async () => {
    const mock = await server();
    mock.control.injectFault({ fault: { kind: 'reset' } });
    await expect(
      request(mock.url + reportUrl('reports_manager', DAY), { headers: { 'wolkvox-token': DEMO_TOKEN } }),
    ).rejects.toThrow();
    const next = await request(mock.url + reportUrl('reports_manager', DAY), {
      headers: { 'wolkvox-token': DEMO_TOKEN },
    });
    expect(next.statusCode).toBe(200);
    await next.body.dump();
    expect(mock.control.journal()[0]).toMatchObject({ status: 0, fault: 'reset' });
    expect(mock.control.statsFor(DEMO_TOKEN)!.inFlight).toBe(0);
  });

  it('truncates the body to half its JSON', async () => {
    const mock = await server();
    const url = mock.url + reportUrl('reports_manager', DAY);
    const full = await (await request(url, { headers: { 'wolkvox-token': DEMO_TOKEN } })).body.text();
    mock.control.injectFault({ fault: { kind: 'truncate' } });
    const cut = await request(url, { headers: { 'wolkvox-token': DEMO_TOKEN } });
    expect(cut.statusCode).toBe(200);
    const text = await cut.body.text();
    expect(text).toBe(full.slice(0, text.length));
    expect(Buffer.byteLength(text)).toBe(Math.floor(Buffer.byteLength(full) / 2));
    expect(() => JSON.parse(text)).toThrow();
    expect(mock.control.journal().at(-1)).toMatchObject({
      fault: 'truncate',
      bytes: Buffer.byteLength(text),
    });
  });

  it('drifts every row as a tenant might: a field dropped, one renamed, one added, one in another format', async () => {
    const { app, control } = await mockApp();
    const plain = (await call(app, 'reports_manager', DAY)).body as { data: Record<string, unknown>[] };
    control.injectFault({
      fault: {
        kind: 'drift',
        drop: ['cod_act'],
        rename: { agent_name: 'agent' },
        add: { site: 'Bogotá' },
        set: { date: '03/02/2025' },
      },
    });
    const drifted = (await call(app, 'reports_manager', DAY)).body as {
      code: number;
      data: Record<string, unknown>[];
    };
    expect(drifted.code).toBe('200');
    expect(drifted.data).toHaveLength(plain.data.length);
    drifted.data.forEach((row, index) => {
      const { cod_act: _dropped, agent_name, date: _date, ...rest } = plain.data[index]!;
      expect(row).toEqual({ ...rest, agent: agent_name, date: '03/02/2025', site: 'Bogotá' });
    });
    expect(control.journal().at(-1)).toMatchObject({ fault: 'drift' });
    // Once: the next answer is the report's own again.
    expect((await call(app, 'reports_manager', DAY)).body).toEqual(plain);
    expect(() => control.injectFault({ fault: { kind: 'drift', rename: { a: 7 } } as never })).toThrow(
      /rename/,
    );
  });

  it('rejects malformed rules', async () => {
    const { control } = await mockApp();
    expect(() => control.injectFault({ fault: { kind: 'status', status: 99 } })).toThrow(RangeError);
    expect(() => control.injectFault({ fault: { kind: 'delay', ms: -1 } })).toThrow(RangeError);
    expect(() => control.injectFault({ fault: { kind: 'reset' }, times: 0 })).toThrow(RangeError);
    expect(() => control.injectFault({ fault: { kind: 'reset' }, probability: 2 })).toThrow(RangeError);
    expect(() => control.injectFault({ fault: { kind: 'explode' } as never })).toThrow(RangeError);
  });

  it('clears faults', async () => {
    const { app, control } = await mockApp();
    control.injectFault({ fault: { kind: 'status', status: 500 }, times: 5 });
    control.clearFaults();
    expect((await call(app, 'reports_manager', DAY)).status).toBe(200);
  });
});

describe('journal and stats', () => {
  it('journals every call with its outcome and never a token, only its label', async () => {
    const secret = 'super-secret-token-value';
    const { app, control } = await mockApp({ tokens: [secret] });
    await call(app, 'reports_manager', DAY, { 'wolkvox-token': secret });
    await call(app, 'reports_manager', DAY, { 'wolkvox-token': 'wrong-secret' });
    await call(app, 'reports_manager', DAY, {});
    await app.inject({ method: 'GET', url: '/nowhere' });
    const journal = control.journal();
    expect(journal).toHaveLength(4);
    const [ok, invalid, missing, lost] = journal;
    expect(ok).toMatchObject({
      id: 1,
      method: 'GET',
      family: 'reports_manager',
      api: 'act_3',
      token: control.tokenLabel(secret),
      status: 200,
    });
    expect(ok!.rows).toBeGreaterThan(0);
    expect(ok!.bytes).toBeGreaterThan(ok!.rows!);
    expect(ok!.url).toBe(reportUrl('reports_manager', DAY));
    expect(ok!.at).toBe(new Date(NOW).toISOString());
    expect(invalid).toMatchObject({ status: 403, token: tokenLabel('wrong-secret') });
    expect(missing).toMatchObject({ status: 401 });
    expect(missing).not.toHaveProperty('token');
    expect(lost).toMatchObject({ status: 404, url: '/nowhere' });
    const text = JSON.stringify(journal) + JSON.stringify(control.stats());
    expect(text).not.toContain(secret);
    expect(text).not.toContain('wrong-secret');
    expect(control.tokenLabel(secret)).toMatch(/^tok_[0-9a-f]{8}$/);
  });

  it('counts requests and quota per token; reset clears journal, stats, quotas and faults', async () => {
    const { app, control } = await mockApp({ dailyQuota: 3 });
    await call(app, 'reports_manager', DAY);
    await call(app, 'reports_manager', { ...DAY, api: 'nope' });
    expect(control.stats()).toEqual([
      {
        token: control.tokenLabel(DEMO_TOKEN),
        requests: 2,
        inFlight: 0,
        maxInFlight: 1,
        rejectedConcurrency: 0,
        quotaUsed: 2,
        quotaRemaining: 1,
      },
    ]);
    expect(control.statsFor('unknown')).toBeUndefined();
    control.injectFault({ fault: { kind: 'status', status: 500 } });
    control.reset();
    expect(control.journal()).toEqual([]);
    expect(control.statsFor(DEMO_TOKEN)).toMatchObject({ requests: 0, quotaUsed: 0, quotaRemaining: 3 });
    expect((await call(app, 'reports_manager', DAY)).status).toBe(200);
  });
});

describe('what the journal holds', () => {
  it('journals a call whose client left with status 0, and frees its slot as it leaves', async () => {
    const mock = await server({ latencyMs: 2_000 });
    const controller = new AbortController();
    const pending = request(mock.url + reportUrl('reports_manager', DAY), {
      headers: { 'wolkvox-token': DEMO_TOKEN },
      signal: controller.signal,
    });
    await vi.waitFor(() => expect(mock.control.statsFor(DEMO_TOKEN)!.inFlight).toBe(1));
    controller.abort();
    await expect(pending).rejects.toThrow();
    // Long before the 2 s of latency are over: the slot is back and the entry written.
    await vi.waitFor(() => expect(mock.control.statsFor(DEMO_TOKEN)!.inFlight).toBe(0), { timeout: 1_000 });
    expect(mock.control.journal()).toMatchObject([{ status: 0, family: 'reports_manager', api: 'act_3' }]);
  });

  it('leaves out the control API and the OpenAPI document, unknown control paths included', async () => {
    const { app, control } = await mockApp();
    const unknownControl = await inject(app, '/__mock/nope');
    expect(unknownControl.status).toBe(404);
    expect(unknownControl.body).toMatchObject({
      code: 404,
      msg: 'THE REQUESTED URL DOES NOT EXIST',
      data: null,
    });
    expect((await app.inject({ method: 'GET', url: '/openapi.json' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/__mock/stats' })).statusCode).toBe(200);
    expect(control.journal()).toEqual([]);
    // wolkvox's surface is journaled whatever the answer: an unknown path and a method wolkvox does not take.
    await inject(app, '/api/v2/unknown.php');
    await app.inject({ method: 'POST', url: '/api/v2/reports_manager.php' });
    expect(control.journal()).toMatchObject([
      { url: '/api/v2/unknown.php', status: 404 },
      { method: 'POST', url: '/api/v2/reports_manager.php', status: 405 },
    ]);
  });

  it('refuses a malformed fault rule over HTTP with the same schema as in process, naming the field', async () => {
    const { app } = await mockApp();
    const response = await app.inject({
      method: 'POST',
      url: '/__mock/faults',
      payload: { fault: { kind: 'status', status: 99 }, times: 2 },
    });
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({
      code: 400,
      detail: 'fault.status: must be an HTTP status (200-599)',
    });
  });
});

describe('bookkeeping is done before the client reads the answer', () => {
  it('shows each call in the journal, and frees its slot, by the time its response has been read', async () => {
    const mock = await server({ limits: { maxConcurrentPerToken: 1 } });
    const url = mock.url + reportUrl('reports_manager', act3('20250120000000', '20250131235959'));
    for (let i = 1; i <= 15; i++) {
      const response = await request(url, { headers: { 'wolkvox-token': DEMO_TOKEN } });
      expect(response.statusCode).toBe(200);
      await response.body.arrayBuffer();
      expect(mock.control.journal()).toHaveLength(i);
      expect(mock.control.statsFor(DEMO_TOKEN)!.inFlight).toBe(0);
    }
    expect(mock.control.statsFor(DEMO_TOKEN)!.rejectedConcurrency).toBe(0);
  });
});

describe('control API over HTTP', () => {
  it('serves journal, stats, tenant, clock, faults and reset under /__mock/', async () => {
    const mock = await server({ tokens: ['t1'] });
    const get = async (path: string) => {
      const response = await request(mock.url + path);
      return { status: response.statusCode, body: (await response.body.json()) as any };
    };
    const send = async (method: 'POST' | 'DELETE', path: string, body?: unknown) => {
      const response = await request(mock.url + path, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.statusCode, body: (await response.body.json()) as any };
    };

    expect((await get('/__mock/clock')).body).toMatchObject({
      now: new Date(NOW).toISOString(),
      wall: '2025-02-05 15:30:00',
      timeZone: 'America/Bogota',
      frozen: true,
    });
    expect((await send('POST', '/__mock/clock', { advanceMs: 60_000 })).body.wall).toBe(
      '2025-02-05 15:31:00',
    );
    expect(
      (await send('POST', '/__mock/clock', { set: '2025-02-04T12:00:00-05:00', freeze: true })).body,
    ).toMatchObject({ wall: '2025-02-04 12:00:00', frozen: true });
    expect((await send('POST', '/__mock/clock', { set: 'yesterday' })).status).toBe(400);
    expect((await send('POST', '/__mock/clock', { advanceMs: 'soon' })).status).toBe(400);

    const created = await send('POST', '/__mock/faults', {
      fault: { kind: 'status', status: 500 },
      times: 3,
      match: { api: 'act_3' },
    });
    expect(created.status).toBe(201);
    expect(created.body.id).toMatch(/^fault_\d+$/);
    expect((await get('/__mock/faults')).body).toEqual([
      {
        id: created.body.id,
        fault: { kind: 'status', status: 500 },
        remaining: 3,
        probability: 1,
        match: { api: 'act_3' },
      },
    ]);
    expect((await send('POST', '/__mock/faults', { fault: { kind: 'boom' } })).status).toBe(400);
    const hit = await request(mock.url + reportUrl('reports_manager', DAY), {
      headers: { 'wolkvox-token': 't1' },
    });
    expect(hit.statusCode).toBe(500);
    await hit.body.dump();
    expect((await get('/__mock/faults')).body[0].remaining).toBe(2);
    expect((await send('DELETE', `/__mock/faults/${created.body.id}`)).status).toBe(200);
    expect((await send('DELETE', '/__mock/faults/fault_999')).status).toBe(404);
    await send('POST', '/__mock/faults', { fault: { kind: 'reset' } });
    expect((await send('DELETE', '/__mock/faults')).body).toEqual({ ok: true });
    expect((await get('/__mock/faults')).body).toEqual([]);

    const journal = (await get('/__mock/journal')).body;
    expect(journal).toHaveLength(1);
    expect(journal[0]).toMatchObject({ status: 500, fault: 'status 500', token: tokenLabel('t1') });
    expect((await get('/__mock/stats')).body[0]).toMatchObject({ token: tokenLabel('t1'), requests: 1 });

    const tenant = (await get('/__mock/tenant')).body;
    expect(tenant.agents.length).toBeGreaterThan(10);
    expect(tenant.typeCodes.some((code: any) => code.cod_act === 'TIMEOUTACW')).toBe(true);
    expect(new Set(tenant.typeCodes.map((code: any) => code.group))).toEqual(
      new Set(['cod_act1', 'cod_act2']),
    );

    expect((await send('POST', '/__mock/reset')).body).toEqual({ ok: true });
    expect((await get('/__mock/journal')).body).toEqual([]);
  });
});
