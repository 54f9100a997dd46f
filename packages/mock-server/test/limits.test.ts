import { WOLKVOX_ERRORS } from '@wolkvox-mcp/contracts';
import { describe, expect, it, vi } from 'vitest';
import { DEMO_TOKEN } from '../src/index.js';
import { act3, call, inject, mockApp } from './helpers.js';

const MONTH = act3('20250101000000', '20250131235959');

describe('row cap', () => {
  it('truncates to exactly maxRecordsPerCall by default, keeping the first rows in order', async () => {
    const { app, control } = await mockApp({ limits: { maxRecordsPerCall: 500 } });
    const all = control.rows('act_3', { date_ini: MONTH.date_ini, date_end: MONTH.date_end });
    expect(all.length).toBeGreaterThan(500);
    const result = await call(app, 'reports_manager', MONTH);
    expect(result.status).toBe(200);
    expect(result.body.data).toHaveLength(500);
    expect(result.body.msg).toBe('500 records were found');
    expect(result.body.data).toEqual(all.slice(0, 500));
  });

  it("refuses with 413 RESULT_TOO_LARGE when rowCap is 'refuse'", async () => {
    const { app } = await mockApp({ limits: { maxRecordsPerCall: 500 }, rowCap: 'refuse' });
    const result = await call(app, 'reports_manager', MONTH);
    expect(result.status).toBe(413);
    expect(result.body).toMatchObject({
      code: 413,
      error: 'PAYLOAD TOO LARGE',
      msg: WOLKVOX_ERRORS.RESULT_TOO_LARGE.msg,
    });
    expect(result.body.detail).toMatch(/exceed the limit of 500 per call/);
  });

  it('serves a 31-day act_3 of 60,000 rows when the volume is raised', async () => {
    const { app } = await mockApp({ volume: 4000 });
    const result = await call(app, 'reports_manager', MONTH);
    expect(result.status).toBe(200);
    expect(result.body.data).toHaveLength(60_000);
    expect(result.body.msg).toBe('60000 records were found');
  });

  it('keeps a default month under the cap', async () => {
    const { app } = await mockApp();
    const result = await call(app, 'reports_manager', MONTH);
    expect(result.status).toBe(200);
    expect(result.body.data!.length).toBeGreaterThan(10_000);
    expect(result.body.data!.length).toBeLessThan(60_000);
  });
});

describe('result size', () => {
  it('413 RESULT_TOO_LARGE over maxResultBytes', async () => {
    const { app } = await mockApp({ limits: { maxResultBytes: 10_000 } });
    const small = await call(app, 'reports_manager', {
      api: 'diagram_1_2',
      date_ini: '20250203000000',
      date_end: '20250203235959',
    });
    expect(small.status).toBe(200);
    expect(Buffer.byteLength(small.raw)).toBeLessThanOrEqual(10_000);
    const big = await call(app, 'reports_manager', act3('20250203000000', '20250203235959'));
    expect(big.status).toBe(413);
    expect(big.body.msg).toBe(WOLKVOX_ERRORS.RESULT_TOO_LARGE.msg);
    expect(big.body.detail).toMatch(/the limit is 10000/);
  });
});

describe('time limit', () => {
  it('504 TIMEOUT when latency exceeds callTimeoutMs', async () => {
    const { app, control } = await mockApp({ latencyMs: 80, limits: { callTimeoutMs: 20 } });
    const result = await call(app, 'real_time', { api: 'calls_last_10' });
    expect(result.status).toBe(504);
    expect(result.body).toMatchObject({
      code: 504,
      error: 'GATEWAY TIMEOUT',
      msg: WOLKVOX_ERRORS.TIMEOUT.msg,
    });
    expect(result.body.detail).toBe('the call would take 80 ms; the limit is 20 ms');
    expect(control.journal().at(-1)).toMatchObject({ status: 504, api: 'calls_last_10' });
  });

  it('504 TIMEOUT when an injected delay pushes the call past the limit', async () => {
    // A limit of a second: the fault-free call after it must answer within it on a busy machine too.
    const { app, control } = await mockApp({ limits: { callTimeoutMs: 1_000 } });
    // The tenant's day is generated up front: the fault-free call does not spend the limit on it.
    control.rows('calls_last_10', {});
    control.injectFault({ fault: { kind: 'delay', ms: 1_500 } });
    const slow = await call(app, 'real_time', { api: 'calls_last_10' });
    expect(slow.status).toBe(504);
    const next = await call(app, 'real_time', { api: 'calls_last_10' });
    expect(next.status).toBe(200);
  });
});

describe('concurrency', () => {
  it('403 EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (2) for a third call in flight', async () => {
    const { app, control } = await mockApp({ tokens: ['one', 'two'] });
    // Two calls held in flight by an injected delay; the third on the same token is refused, another token is not.
    control.injectFault({ fault: { kind: 'delay', ms: 500 }, times: 2, match: { token: 'one' } });
    const calls = [
      call(app, 'real_time', { api: 'calls_last_10' }, { 'wolkvox-token': 'one' }),
      call(app, 'real_time', { api: 'calls_last_10' }, { 'wolkvox-token': 'one' }),
    ];
    await vi.waitFor(() => expect(control.statsFor('one')?.inFlight).toBe(2), { interval: 5 });
    const third = await call(app, 'real_time', { api: 'calls_last_10' }, { 'wolkvox-token': 'one' });
    const other = await call(app, 'real_time', { api: 'calls_last_10' }, { 'wolkvox-token': 'two' });
    const [first, second] = await Promise.all(calls);
    expect(first!.status).toBe(200);
    expect(second!.status).toBe(200);
    expect(third.status).toBe(403);
    expect(third.body).toMatchObject({ code: 403, error: 'FORBIDDEN', msg: WOLKVOX_ERRORS.CONCURRENCY.msg });
    expect(other.status).toBe(200);
    expect(control.statsFor('one')).toMatchObject({
      requests: 3,
      inFlight: 0,
      maxInFlight: 2,
      rejectedConcurrency: 1,
    });
    // Slots are released once the calls finish.
    expect((await call(app, 'real_time', { api: 'calls_last_10' }, { 'wolkvox-token': 'one' })).status).toBe(
      200,
    );
  });

  it('honours a configured maxConcurrentPerToken', async () => {
    const { app, control } = await mockApp({ limits: { maxConcurrentPerToken: 1 } });
    control.injectFault({ fault: { kind: 'delay', ms: 500 } });
    const held = call(app, 'real_time', { api: 'calls_last_10' });
    await vi.waitFor(() => expect(control.statsFor(DEMO_TOKEN)?.inFlight).toBe(1), { interval: 5 });
    const refused = await call(app, 'real_time', { api: 'calls_last_10' });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toBe('1 requests are already in flight on this token');
    expect((await held).status).toBe(200);
  });
});

/** A past weekday with data whatever the clock says, so quota tests only see quota answers. */
const PAST_DAY = act3('20250203000000', '20250203235959');

describe('daily quota', () => {
  it("403 TOKEN LIMIT EXCEEDED once spent, with the reset at the tenant's midnight in detail and Retry-After", async () => {
    const { app, control } = await mockApp({ dailyQuota: 2 }, '2025-02-05T23:59:58-05:00');
    const params = act3('20250203000000', '20250203235959');
    expect((await call(app, 'reports_manager', params)).status).toBe(200);
    expect((await call(app, 'reports_manager', params)).status).toBe(200);
    const spent = await call(app, 'reports_manager', params);
    expect(spent.status).toBe(403);
    expect(spent.body).toMatchObject({ code: 403, error: 'FORBIDDEN', msg: 'TOKEN LIMIT EXCEEDED' });
    // Bogotá midnight is 05:00 UTC.
    expect(spent.body.detail).toContain('2025-02-06T05:00:00.000Z');
    expect(spent.headers['retry-after']).toBe('2');
    expect(control.statsFor(DEMO_TOKEN)).toMatchObject({ quotaUsed: 2, quotaRemaining: 0 });

    control.advanceClock(1000); // 23:59:59, still the same tenant day
    expect((await call(app, 'reports_manager', params)).status).toBe(403);
    control.advanceClock(1000); // 00:00:00 in Bogotá
    expect((await call(app, 'reports_manager', params)).status).toBe(200);
    expect(control.statsFor(DEMO_TOKEN)).toMatchObject({ quotaUsed: 1, quotaRemaining: 1 });
  });

  it('does not reset at UTC midnight', async () => {
    const { app, control } = await mockApp({ dailyQuota: 1 }, '2025-02-05T18:59:00-05:00');
    expect((await call(app, 'reports_manager', PAST_DAY)).status).toBe(200);
    control.advanceClock(2 * 60_000); // 00:01 UTC, 19:01 in Bogotá
    expect((await call(app, 'reports_manager', PAST_DAY)).status).toBe(403);
  });

  it('follows the configured time zone', async () => {
    const { app, control } = await mockApp({ dailyQuota: 1, timeZone: 'Asia/Tokyo' }, '2025-02-05T14:59:30Z');
    expect((await call(app, 'reports_manager', PAST_DAY)).status).toBe(200);
    const spent = await call(app, 'reports_manager', PAST_DAY);
    expect(spent.body.detail).toContain('2025-02-05T15:00:00.000Z'); // midnight in Tokyo
    control.advanceClock(30_000);
    expect((await call(app, 'reports_manager', PAST_DAY)).status).toBe(200);
  });

  it('counts per token: one token spent does not stop another', async () => {
    const { app } = await mockApp({ dailyQuota: 1, tokens: ['a', 'b'] });
    expect((await call(app, 'reports_manager', PAST_DAY, { 'wolkvox-token': 'a' })).status).toBe(200);
    expect((await call(app, 'reports_manager', PAST_DAY, { 'wolkvox-token': 'a' })).status).toBe(403);
    expect((await call(app, 'reports_manager', PAST_DAY, { 'wolkvox-token': 'b' })).status).toBe(200);
  });
});

describe('window limit', () => {
  it('honours a configured maxWindowDays', async () => {
    const { app } = await mockApp({ limits: { maxWindowDays: 2 } });
    const ok = await call(app, 'reports_manager', act3('20250203000000', '20250205000000'));
    expect(ok.status).toBe(200);
    const long = await call(app, 'reports_manager', act3('20250203000000', '20250205000001'));
    expect(long.status).toBe(400);
    expect(long.body.detail).toContain('at most 2');
  });

  it('only narrows: a configured limit wider than a report’s own window leaves the report’s', async () => {
    const { app } = await mockApp({ limits: { maxWindowDays: 60 } });
    const long = await call(app, 'reports_manager', act3('20250101000000', '20250201000001'));
    expect(long.status).toBe(400);
    expect(long.body).toMatchObject({ code: 400, msg: WOLKVOX_ERRORS.WINDOW_TOO_LONG.msg });
    expect(long.body.detail).toBe('the window spans 31.00 days; act_3 allows at most 31');
  });

  it('names the narrowest limit a window breaks, the configured one below the report’s', async () => {
    const { app } = await mockApp({ limits: { maxWindowDays: 2 } });
    const long = await call(app, 'reports_manager', act3('20250101000000', '20250203120000'));
    expect(long.body.detail).toBe('the window spans 33.50 days; act_3 allows at most 2');
  });

  it('answers SOME PARAMETERS ARE REQUIRED, not the window error, when a parameter is also wrong', async () => {
    const { app } = await mockApp();
    const both = await call(app, 'reports_manager', {
      ...act3('20250101000000', '20250301000000'),
      cod_act: 'cod_act9',
    });
    expect(both.status).toBe(400);
    expect(both.body.msg).toBe(WOLKVOX_ERRORS.MISSING_PARAMETERS.msg);
    expect(both.body.detail).toMatch(/^cod_act: /);
    expect(both.body.detail).not.toContain('date_end');
  });

  it('applies the window check before computing anything', async () => {
    const { app } = await mockApp();
    const result = await inject(
      app,
      '/api/v2/reports_manager.php?api=act_3&date_ini=20200101000000&date_end=20250101000000',
    );
    expect(result.status).toBe(400);
    expect(result.body.msg).toBe(WOLKVOX_ERRORS.WINDOW_TOO_LONG.msg);
  });
});
