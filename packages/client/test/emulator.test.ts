import { callerRequestSchema, getReport, listReports, type ReportId } from '@wolkvox-mcp/contracts';
import type { MockServer } from '@wolkvox-mcp/mock-server';
import { sampleQuery, sampleRequest } from '@wolkvox-mcp/test-support/requests';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Credential } from '../src/credential.js';
import {
  type ReportProgress,
  WolkvoxAbortError,
  WolkvoxAuthError,
  WolkvoxHttpError,
  WolkvoxLimitError,
  WolkvoxQuotaError,
  WolkvoxRequestError,
} from '../src/index.js';
import { tokenGateState } from '../src/limiter.js';
import { DEMO_TOKEN, rawRows, startEmulator, testClients } from './helpers/emulator.js';
import { failureOf } from './helpers/failure.js';

let emulator: MockServer | undefined;

const opened = testClients(() => emulator!.url);
const connect = opened.connect;

afterEach(async () => {
  await opened.closeAll();
  await emulator?.close();
  emulator = undefined;
});

/** What the emulator was asked: a call the client has read the answer of is in it already. */
const journal = () => emulator!.control.journal();

const ACT_3 = '/api/v2/reports_manager.php';
const Q1 = { from: '2025-01-01', to: '2025-03-31' } as const;
/** A Monday of the emulator's history. */
const DAY = '2025-05-05';

describe('windows longer than the report allows', () => {
  it('a 90-day act_3 equals the emulator’s answers for its 31-day pieces: same rows, same order', async () => {
    emulator = await startEmulator();
    const result = await connect().report('act_3', Q1);

    // The pieces, by hand: each ends 31 days after it starts, the next starts one second later.
    const pieces = [
      ['20250101000000', '20250201000000'],
      ['20250201000001', '20250304000001'],
      ['20250304000002', '20250331235959'],
    ];
    const expected: Record<string, string>[] = [];
    for (const [date_ini, date_end] of pieces) {
      expected.push(
        ...(await rawRows(emulator.url, ACT_3, { api: 'act_3', date_ini: date_ini!, date_end: date_end! })),
      );
    }
    expect(expected.length).toBeGreaterThan(1000);
    expect(result.rows).toEqual(expected);
    const ids = result.rows.map((row) => row.conn_id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(result).toMatchObject({
      report: 'act_3',
      window: { from: '2025-01-01 00:00:00', to: '2025-03-31 23:59:59' },
      windows: 3,
      requests: 3,
      complete: true,
    });
    // And it is the whole quarter as the emulator's view engine sees it.
    expect(result.rows).toEqual(
      emulator.control.rows('act_3', { date_ini: '20250101000000', date_end: '20250331235959' }),
    );
  });

  it('parses a multi-megabyte answer (batched, never one string) to exactly the emulator’s rows', async () => {
    emulator = await startEmulator({ volume: 1500 });
    const result = await connect().report('act_3', { from: '2025-04-01', to: '2025-04-30' });
    const [entry] = journal();
    // Over the 8 MiB from which the body is parsed in batches.
    expect(entry!.bytes).toBeGreaterThan(8 * 1024 * 1024);
    expect(result.rows).toEqual(
      await rawRows(emulator.url, ACT_3, {
        api: 'act_3',
        date_ini: '20250401000000',
        date_end: '20250430235959',
      }),
    );
  });

  it('reports progress per window, ending with every window done', async () => {
    emulator = await startEmulator();
    const seen: ReportProgress[] = [];
    const result = await connect().report('act_3', Q1, { onProgress: (p) => seen.push(p) });
    expect(seen.map((p) => p.windowsDone)).toEqual([0, 1, 2, 3]);
    expect(seen.every((p) => p.windowsTotal === 3 && p.report === 'act_3')).toBe(true);
    expect(seen[0]!.rows).toBe(0);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.rows).toBeGreaterThan(seen[i - 1]!.rows);
    expect(seen.at(-1)!.rows).toBe(result.rows.length);
  });

  it('serves every registry report the same way, from the registry alone, with no drift', async () => {
    emulator = await startEmulator();
    const client = connect();
    // One day: every report allows it (skill_5 allows no more), so the answer is one call's rows.
    for (const report of listReports()) {
      const result = await client.report(report.id as ReportId, sampleRequest(report, DAY) as never, {
        strict: true,
      });
      expect(result.drift, report.id).toBeUndefined();
      expect(result.window === null, report.id).toBe(report.window === null);
      // Real-time figures move with the emulator's clock: their rows are compared in the emulator's own tests.
      if (report.window) {
        expect(result.rows, report.id).toEqual(emulator.control.rows(report.id, sampleQuery(report, DAY)));
      }
    }
  });

  it('returns zero rows for an empty window (404 Validate dates entered)', async () => {
    emulator = await startEmulator();
    // The emulator has no data after its clock's now.
    const result = await connect().report('act_3', { from: '2025-07-01', to: '2025-07-02' });
    expect(result).toMatchObject({ rows: [], windows: 1, requests: 1, complete: true });
    expect(journal().map((e) => e.status)).toEqual([404]);
  });
});

describe('the row cap', () => {
  const WEEK = { from: '2025-05-05', to: '2025-05-09' } as const;
  const WEEK_WIRE = { date_ini: '20250505000000', date_end: '20250509235959' };

  for (const rowCap of ['truncate', 'refuse'] as const) {
    it(`splits a window over the cap until every part is complete (rowCap ${rowCap})`, async () => {
      emulator = await startEmulator({ limits: { maxRecordsPerCall: 40 }, rowCap });
      const whole = emulator.control.rows('act_3', WEEK_WIRE);
      expect(whole.length).toBeGreaterThan(200);
      const seen: ReportProgress[] = [];
      const result = await connect({ maxRecordsPerCall: 40 }).report('act_3', WEEK, {
        onProgress: (p) => seen.push(p),
      });
      expect(result.rows).toEqual(whole);
      expect(result.windows).toBeGreaterThanOrEqual(Math.ceil(whole.length / 40));
      const calls = journal();
      expect(result.requests).toBe(calls.length);
      // Every accepted part was under the cap: nothing was kept from a cut-short answer.
      const accepted = calls.filter((e) => e.status === 200 && (e.rows ?? 0) < 40);
      expect(accepted.reduce((sum, e) => sum + (e.rows ?? 0), 0)).toBe(whole.length);
      expect(seen.at(-1)).toEqual({
        report: 'act_3',
        windowsDone: result.windows,
        windowsTotal: result.windows,
        rows: whole.length,
      });
    });
  }

  it('fails with WolkvoxLimitError when a single second is still at the cap', async () => {
    emulator = await startEmulator({ limits: { maxRecordsPerCall: 1 } });
    const error = await failureOf(
      connect({ maxRecordsPerCall: 1 }).report('act_3', {
        from: '2025-05-05T09:00:00',
        to: '2025-05-05T09:59:59',
      }),
    );
    expect(error).toBeInstanceOf(WolkvoxLimitError);
    expect(error.code).toBe('ROW_LIMIT');
    expect(error.window!.from).toBe(error.window!.to);
    expect(error.window!.from.startsWith('2025-05-05 09:')).toBe(true);
  });
});

describe('the per-token concurrency budget', () => {
  it('keeps 20 parallel callers on 4 clients of one token at 2 in flight, and uses both slots', async () => {
    emulator = await startEmulator({ latencyMs: 25 });
    const sameToken = [connect(), connect(), connect(), connect()];
    const days = Array.from({ length: 20 }, (_, i) => `2025-04-${String(i + 1).padStart(2, '0')}`);
    const results = await Promise.all(
      days.map((day, i) => sameToken[i % 4]!.report('act_3', { from: day, to: day })),
    );
    const stats = emulator.control.statsFor(DEMO_TOKEN)!;
    expect(stats.maxInFlight).toBe(2);
    expect(stats.rejectedConcurrency).toBe(0);
    expect(stats.requests).toBe(20);
    for (const [i, day] of days.entries()) {
      const compact = day.replaceAll('-', '');
      expect(results[i]!.rows).toEqual(
        emulator.control.rows('act_3', { date_ini: `${compact}000000`, date_end: `${compact}235959` }),
      );
    }
  });
});

describe('retries', () => {
  const WINDOW = { from: '2025-05-05', to: '2025-05-09' } as const;
  const faults = [
    { name: '500', fault: { kind: 'status', status: 500 } },
    { name: '503', fault: { kind: 'status', status: 503 } },
    { name: 'connection reset', fault: { kind: 'reset' } },
    { name: 'delay past timeoutMs', fault: { kind: 'delay', ms: 10_000 } },
    { name: 'truncated body', fault: { kind: 'truncate' } },
    { name: 'concurrency refusal', fault: { kind: 'concurrency' } },
  ] as const;

  for (const { name, fault } of faults) {
    it(`retries a ${name} and returns the fault-free result`, async () => {
      emulator = await startEmulator();
      const client = connect({ timeoutMs: 1000 });
      const clean = await client.report('act_3', WINDOW);
      expect(clean.requests).toBe(1);
      emulator.control.reset();

      emulator.control.injectFault({ fault, times: 1, match: { api: 'act_3' } });
      const result = await client.report('act_3', WINDOW);
      expect(result.rows).toEqual(clean.rows);
      expect(result.requests).toBe(2);
      // The call the client gave up on (a reset, a timeout) is written once the emulator sees it left.
      const calls = await emulator.control.waitForJournal(2);
      expect(calls.filter((entry) => entry.fault !== undefined)).toHaveLength(1);
      expect(calls.at(-1)!.status).toBe(200);
    });
  }

  it('does not retry a 400', async () => {
    emulator = await startEmulator();
    emulator.control.injectFault({ fault: { kind: 'status', status: 400 }, times: 3 });
    const error = await failureOf(connect().report('act_3', { from: '2025-05-05', to: '2025-05-05' }));
    expect(error).toBeInstanceOf(WolkvoxHttpError);
    expect(error).toMatchObject({ status: 400, report: 'act_3', transient: false });
    expect(journal()).toHaveLength(1);
  });

  it('does not retry an unknown token (403 PLEASE VALIDATE TOKEN)', async () => {
    emulator = await startEmulator();
    const error = await failureOf(
      connect({ token: 'not-a-tenant-token' }).report('act_3', { from: '2025-05-05', to: '2025-05-05' }),
    );
    expect(error).toBeInstanceOf(WolkvoxAuthError);
    expect(error).toMatchObject({ code: 'INVALID_TOKEN', status: 403, wolkvoxMsg: 'PLEASE VALIDATE TOKEN' });
    expect(journal()).toHaveLength(1);
  });

  it('does not retry a used-up quota, and says when it resets', async () => {
    emulator = await startEmulator({ dailyQuota: 1 });
    // 12:00 in Bogota: the quota resets in 12 hours.
    emulator.control.freezeClock('2025-06-02T12:00:00-05:00');
    const client = connect();
    await client.report('act_3', { from: '2025-05-05', to: '2025-05-05' });
    const before = Date.now();
    const error = await failureOf(client.report('act_3', { from: '2025-05-06', to: '2025-05-06' }));
    expect(error).toBeInstanceOf(WolkvoxQuotaError);
    expect(error).toMatchObject({ code: 'DAILY_QUOTA', status: 403, wolkvoxMsg: 'TOKEN LIMIT EXCEEDED' });
    const resetsIn = (error as WolkvoxQuotaError).resetsAt.getTime() - before;
    expect(Math.abs(resetsIn - 12 * 3_600_000)).toBeLessThan(60_000);
    expect(journal()).toHaveLength(2);
  });

  it('refuses bad parameters before sending anything', async () => {
    emulator = await startEmulator();
    const error = await failureOf(
      connect().report('act_3', { from: '2025-05-05', to: '2025-05-06', cod_act: 'cod_act3' as 'cod_act1' }),
    );
    expect(error).toBeInstanceOf(WolkvoxRequestError);
    expect((error as WolkvoxRequestError).problems[0]!.field).toBe('cod_act');
    expect(journal()).toHaveLength(0);
  });
});

describe('a request checked once, before the client (reportChecked)', () => {
  const act3 = getReport('act_3')!;
  const checked = (request: Record<string, unknown>) =>
    callerRequestSchema(act3, { timeZone: 'America/Bogota' }).parse(request);

  it('fetches what the same request as text fetches', async () => {
    emulator = await startEmulator();
    // Both fetched from the emulator: the closed-day cache would answer the second one.
    const client = connect({ closedDayCacheBytes: 0 });
    const request = { from: '2025-05-05', to: '2025-05-06', cod_act: 'cod_act2' };
    const byText = await client.reportById('act_3', request);
    const byChecked = await client.reportChecked('act_3', checked(request));
    expect(byText.rows.length).toBeGreaterThan(0);
    // The same window and rows (the day's count has grown by the second call meanwhile).
    expect({ ...byChecked, quota: undefined }).toEqual({ ...byText, quota: undefined });
    expect(byChecked.requests).toBe(1);
  });

  it("fails as the emulator refused, its problems read whole from the refusal's list", async () => {
    emulator = await startEmulator();
    // A parameter value the caller's schema would refuse: the client does not check a checked request again.
    const request = { ...checked({ from: '2025-05-05' }), params: { cod_act: 'cod_act3' } };
    const error = await failureOf(connect().reportChecked('act_3', request));
    expect(error).toBeInstanceOf(WolkvoxRequestError);
    expect(error).toMatchObject({ code: 'MISSING_PARAMETERS', status: 400 });
    expect((error as WolkvoxRequestError).problems).toEqual([
      { field: 'cod_act', rule: 'expected "cod_act1" or "cod_act2"' },
    ]);
    expect(journal()).toHaveLength(1);
  });
});

describe('cancellation', () => {
  it('aborts everything in flight and queued, and leaves nothing in flight', async () => {
    emulator = await startEmulator({ latencyMs: 2000 });
    const client = connect();
    const controller = new AbortController();
    const running = client.report('act_3', Q1, { signal: controller.signal });
    await vi.waitFor(() => expect(emulator!.control.statsFor(DEMO_TOKEN)!.inFlight).toBe(2), {
      timeout: 5000,
    });
    controller.abort();
    const error = await failureOf(running);
    expect(error).toBeInstanceOf(WolkvoxAbortError);
    expect(error.report).toBe('act_3');
    // The third window was queued behind the two in flight: it is never sent.
    expect(emulator.control.statsFor(DEMO_TOKEN)!.requests).toBe(2);
    expect(tokenGateState(new Credential(DEMO_TOKEN).fingerprint)).toMatchObject({ active: 0, queued: 0 });
    await vi.waitFor(() => expect(emulator!.control.statsFor(DEMO_TOKEN)!.inFlight).toBe(0), {
      timeout: 5000,
    });
  });

  it('does not start when the signal is already aborted', async () => {
    emulator = await startEmulator();
    const error = await failureOf(connect().report('act_3', Q1, { signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(WolkvoxAbortError);
    expect(journal()).toHaveLength(0);
  });
});

describe('types', () => {
  it('types rows from the contracts', async () => {
    emulator = await startEmulator();
    // Strict: no drift, so the rows are typed exactly as the contract documents them.
    const { rows } = await connect().report(
      'campaign_7',
      { from: '2025-05-05', to: '2025-05-05', campaign_id: 'all' },
      { strict: true },
    );
    const first: { campaign_id: string } | undefined = rows[0];
    expect(Object.keys(getReport('campaign_7')!.fields).every((f) => typeof rows[0]![f] === 'string')).toBe(
      true,
    );
    expect(first).toBeDefined();
  });
});
