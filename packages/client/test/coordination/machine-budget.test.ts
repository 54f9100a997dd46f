/**
 * The token's budget shared by OS processes of one machine (lease files in a state directory), against the
 * emulator: three processes of callers on one token stay within the platform's 2 in flight, a killed or hung
 * holder's slots come back, and the day's calls are counted across processes.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MockServer } from '@wolkvox-mcp/mock-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createWolkvoxClient, WolkvoxAbortError, WolkvoxDeadlineError } from '../../src/index.js';
import { assertBuilt, leaseHolders, startCallers, until } from '../helpers/callers.js';
import { DEMO_TOKEN, startEmulator } from '../helpers/emulator.js';

let emulator: MockServer;
let stateDir: string;
const spawned: { child: import('node:child_process').ChildProcess }[] = [];

beforeAll(async () => {
  assertBuilt();
  emulator = await startEmulator({ latencyMs: 20 });
});
afterAll(async () => {
  await emulator.close();
});
afterEach(() => {
  for (const { child } of spawned.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGCONT');
      child.kill('SIGKILL');
    }
  }
  emulator.control.reset();
  rmSync(stateDir, { recursive: true, force: true });
});

const fresh = () => {
  stateDir = mkdtempSync(join(tmpdir(), 'wolkvox-budget-'));
  return stateDir;
};

const callers = (
  callers: number,
  firstDay: number,
  extra: { dailyQuota?: number; leaseTtlMs?: number } = {},
) => {
  const started = startCallers({
    url: emulator.url,
    token: DEMO_TOKEN,
    stateDir,
    callers,
    firstDay,
    ...extra,
  });
  spawned.push(started);
  return started;
};

describe('the token budget shared by the processes of a machine', { timeout: 120_000 }, () => {
  it('3 processes x 30 callers on one token: every call succeeds, at most 2 in flight, no refusal', async () => {
    fresh();
    const outcomes = await Promise.all([callers(30, 0), callers(30, 30), callers(30, 60)].map((p) => p.done));
    for (const outcome of outcomes) {
      expect(outcome).toMatchObject({ ok: 30, failed: 0, codes: {}, warnings: [] });
    }
    const stats = emulator.control.statsFor(DEMO_TOKEN)!;
    expect(stats.requests).toBe(90);
    expect(stats.maxInFlight).toBeLessThanOrEqual(2);
    expect(stats.rejectedConcurrency).toBe(0);
    // Nothing is left behind: every lease was given back.
    expect(leaseHolders(stateDir)).toEqual({ holders: [], queue: [] });
    // The state directory names the token by a hash only.
    for (const name of readdirSync(join(stateDir, 'budget'))) {
      expect(name).not.toContain(DEMO_TOKEN);
      if (name.endsWith('.json'))
        expect(readFileSync(join(stateDir, 'budget', name), 'utf8')).not.toContain(DEMO_TOKEN);
    }
  });

  it('a process killed (SIGKILL) while holding both slots: the others carry on within seconds', async () => {
    fresh();
    // The first two calls (the doomed process's) stall for longer than the test may take.
    emulator.control.injectFault({ fault: { kind: 'delay', ms: 50_000 }, times: 2 });
    const doomed = callers(2, 0);
    await until(
      () =>
        leaseHolders(stateDir).holders.length === 2 && emulator.control.statsFor(DEMO_TOKEN)?.inFlight === 2,
      30_000,
      'the first process to hold both slots',
    );
    expect(leaseHolders(stateDir).holders).toEqual([doomed.child.pid, doomed.child.pid]);
    const waiting = callers(10, 10);
    await until(() => leaseHolders(stateDir).queue.length > 0, 30_000, 'the second process to queue');
    doomed.child.kill('SIGKILL');
    const outcome = await waiting.done;
    expect(outcome).toMatchObject({ ok: 10, failed: 0 });
    // The killed process's slots came back at once (its pid is gone), not after the stalled calls' 50 s.
    expect(outcome.ms).toBeLessThan(20_000);
    expect(emulator.control.statsFor(DEMO_TOKEN)!.rejectedConcurrency).toBe(0);
  });

  it('a hung holder (SIGSTOP) is reclaimed once its leases expire', async () => {
    fresh();
    // Leases of 1 s instead of 5 s: what is tested is that they expire, not how long they last.
    const leaseTtlMs = 1_000;
    // The hung process's two calls are held by the emulator for 1 s, long enough to see them in flight and stop
    // the process holding both leases; the emulator then answers them into its socket and frees its own slots,
    // but the process, stopped, never gives its leases back.
    emulator.control.injectFault({ fault: { kind: 'delay', ms: 1_000 }, times: 2 });
    const hung = callers(2, 0, { leaseTtlMs });
    await until(
      () =>
        leaseHolders(stateDir).holders.length === 2 && emulator.control.statsFor(DEMO_TOKEN)?.inFlight === 2,
      30_000,
      'the first process to hold both slots',
    );
    hung.child.kill('SIGSTOP');
    await until(() => emulator.control.statsFor(DEMO_TOKEN)?.inFlight === 0, 30_000, 'the held calls to end');
    expect(leaseHolders(stateDir).holders).toEqual([hung.child.pid, hung.child.pid]);
    const outcome = await callers(6, 10, { leaseTtlMs }).done;
    expect(outcome).toMatchObject({ ok: 6, failed: 0 });
    expect(leaseHolders(stateDir).holders).not.toContain(hung.child.pid);
    const stats = emulator.control.statsFor(DEMO_TOKEN)!;
    expect(stats.maxInFlight).toBeLessThanOrEqual(2);
    expect(stats.rejectedConcurrency).toBe(0);
  });

  it('a caller waiting for a slot held by another process can be cancelled, or stopped by its deadline', async () => {
    fresh();
    emulator.control.injectFault({ fault: { kind: 'delay', ms: 50_000 }, times: 2 });
    const holder = callers(2, 0);
    await until(
      () =>
        leaseHolders(stateDir).holders.length === 2 && emulator.control.statsFor(DEMO_TOKEN)?.inFlight === 2,
      30_000,
      'the other process to hold both slots',
    );
    const client = createWolkvoxClient({
      token: DEMO_TOKEN,
      baseUrl: emulator.url,
      stateDir,
      closedDayCacheBytes: 0,
    });
    try {
      const controller = new AbortController();
      const cancelled = client.report(
        'act_3',
        { from: '2025-03-01', to: '2025-03-01' },
        { signal: controller.signal },
      );
      await until(() => leaseHolders(stateDir).queue.includes(process.pid), 10_000, 'our ticket');
      controller.abort();
      await expect(cancelled).rejects.toBeInstanceOf(WolkvoxAbortError);
      const late = client.report('act_3', { from: '2025-03-02', to: '2025-03-02' }, { deadlineMs: 600 });
      await expect(late).rejects.toBeInstanceOf(WolkvoxDeadlineError);
      // Both tickets were taken back: nothing of ours waits in the table, and nothing reached wolkvox.
      await until(() => !leaseHolders(stateDir).queue.includes(process.pid), 10_000, 'our tickets to go');
      // (Asked by window: the holder's own two requests may still be on their way to the emulator.)
      const ours = emulator.control.journal().filter((entry) => /date_ini=2025030[12]/.test(entry.url));
      expect(ours).toEqual([]);
    } finally {
      holder.child.kill('SIGKILL');
      await client.close();
    }
  });

  it("counts the day's calls across processes and says when the quota runs low", async () => {
    fresh();
    const first = await callers(5, 0, { dailyQuota: 12 }).done;
    expect(first.quota).toMatchObject({ used: 5, limit: 12, remaining: 7, low: false, counted: 'machine' });
    const second = await callers(6, 5, { dailyQuota: 12 }).done;
    expect(second.quota).toMatchObject({ used: 11, limit: 12, remaining: 1, low: true });
  });

  it('once wolkvox refuses a call for the daily quota, the other processes stop calling until it resets', async () => {
    fresh();
    const limited = await startEmulator({ dailyQuota: 5 });
    try {
      const start = (n: number, firstDay: number) => {
        const started = startCallers({ url: limited.url, token: DEMO_TOKEN, stateDir, callers: n, firstDay });
        spawned.push(started);
        return started.done;
      };
      const first = await start(8, 0);
      expect(first.ok).toBe(5);
      expect(first.codes).toEqual({ DAILY_QUOTA: 3 });
      const reached = limited.control.statsFor(DEMO_TOKEN)!.requests;
      const second = await start(3, 20);
      expect(second.codes).toEqual({ DAILY_QUOTA: 3 });
      // Refused from the shared count: not one more request reached wolkvox.
      expect(limited.control.statsFor(DEMO_TOKEN)!.requests).toBe(reached);
    } finally {
      await limited.close();
    }
  });
});
