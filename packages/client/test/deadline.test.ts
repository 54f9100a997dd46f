/**
 * The total deadline of a call (`deadlineMs`), and riding out a token kept busy by other programs: a stalled
 * wolkvox never outlasts the caller, and someone else's concurrency costs waiting, not failures.
 */
import type { MockServer } from '@wolkvox-mcp/mock-server';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createWolkvoxClient,
  type WolkvoxClient,
  type WolkvoxClientOptions,
  WolkvoxConfigError,
  WolkvoxDeadlineError,
  WolkvoxHttpError,
  WolkvoxRequestError,
} from '../src/index.js';
import { busyDelay } from '../src/retry.js';
import { DEMO_TOKEN, startEmulator } from './helpers/emulator.js';
import { failureOf } from './helpers/failure.js';
import { type LocalServer, startLocalServer } from './helpers/local-server.js';

let emulator: MockServer | undefined;
let local: LocalServer | undefined;
const clients: WolkvoxClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await emulator?.close();
  emulator = undefined;
  await local?.close();
  local = undefined;
});

function connect(baseUrl: string, options: Partial<WolkvoxClientOptions> = {}): WolkvoxClient {
  const client = createWolkvoxClient({ token: DEMO_TOKEN, baseUrl, retryBaseDelayMs: 1, ...options });
  clients.push(client);
  return client;
}

/**
 * A client with its own concurrency gate, as a second process on the same token would have: the gates of this
 * process are shared per token through a registry, which is emptied so the next client starts a new one.
 */
function connectAsAnotherProcess(
  baseUrl: string,
  options: Partial<WolkvoxClientOptions> = {},
): WolkvoxClient {
  const holder = globalThis as Record<symbol, Map<string, unknown> | undefined>;
  holder[Symbol.for('@wolkvox-mcp/client/token-gates')]?.clear();
  // A program that does not share the machine's budget (another tool on the token): nothing coordinates them.
  return connect(baseUrl, { coordination: 'process', ...options });
}

const DAY = { from: '2025-05-05', to: '2025-05-05' } as const;
const Q1 = { from: '2025-01-01', to: '2025-03-31' } as const;

describe('the total deadline', () => {
  it('ends a call to a wolkvox that accepts and never answers within the deadline, not 5 x timeoutMs', async () => {
    // Holds every request open: no status, no body, no close.
    local = await startLocalServer(() => {});
    const client = connect(local.url, { timeoutMs: 60_000, deadlineMs: 400 });
    const started = performance.now();
    const error = await failureOf(client.report('act_3', DAY));
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(WolkvoxDeadlineError);
    expect(error).toMatchObject({ kind: 'deadline', code: 'DEADLINE', report: 'act_3', transient: true });
    expect(error.message).toContain('400 ms deadline');
    expect(error.message).toContain('0 of 1 windows');
    expect(elapsed).toBeGreaterThanOrEqual(390);
    expect(elapsed).toBeLessThan(1500);
  });

  it('covers the retries and their backoff: a per-call deadline beats a client without one', async () => {
    // Every attempt times out after 100 ms; 4 retries with waits up to 10 s would take far longer.
    local = await startLocalServer(() => {});
    const client = connect(local.url, { timeoutMs: 100, retryBaseDelayMs: 5_000 });
    const started = performance.now();
    const error = await failureOf(client.report('act_3', DAY, { deadlineMs: 600 }));
    expect(performance.now() - started).toBeLessThan(1600);
    expect(error).toBeInstanceOf(WolkvoxDeadlineError);
    // What the last attempt ran into is part of the story.
    expect(error.message).toMatch(/last failure: .*no complete answer within 100 ms/);
  });

  it('refuses a deadline that is not a positive integer, in the options and per call', async () => {
    expect(() =>
      createWolkvoxClient({ token: DEMO_TOKEN, baseUrl: 'http://127.0.0.1:9', deadlineMs: 0 }),
    ).toThrow(WolkvoxConfigError);
    const client = connect('http://127.0.0.1:9');
    const error = await failureOf(client.report('act_3', DAY, { deadlineMs: 1.5 }));
    expect(error).toBeInstanceOf(WolkvoxRequestError);
    expect(error.message).toContain('deadlineMs must be an integer >= 1');
  });
});

describe('how many attempts a failure took', () => {
  it('says 1 for a 400 (never retried) and 5 for a 500 that stayed (4 retries)', async () => {
    emulator = await startEmulator();
    emulator.control.injectFault({ fault: { kind: 'status', status: 400 }, times: 1 });
    const refused = await failureOf(connect(emulator.url).report('act_3', DAY));
    expect(refused).toBeInstanceOf(WolkvoxHttpError);
    expect(refused.attempts).toBe(1);
    expect(refused.message).not.toContain('attempts');

    emulator.control.injectFault({ fault: { kind: 'status', status: 500 }, times: 5 });
    const failed = await failureOf(connect(emulator.url).report('act_3', DAY));
    expect(failed).toMatchObject({ status: 500, attempts: 5 });
    expect(failed.message).toContain('gave up after 5 attempts');
    expect(failed.toJSON()).toMatchObject({ attempts: 5 });
  });
});

describe('a token kept busy by other programs', () => {
  it('waits grow, stay jittered and never exceed the cap', () => {
    expect(busyDelay(0, 250, () => 0)).toBe(125);
    expect(busyDelay(2, 250, () => 0.999)).toBe(999);
    expect(busyDelay(3, 250, () => 0)).toBe(1000);
    expect(busyDelay(40, 250, () => 0.999)).toBeLessThanOrEqual(3000);
    expect(busyDelay(40, 250, () => 0)).toBe(1500);
  });

  it('2 processes x 20 callers on one token: every call succeeds, riding out the refusals', async () => {
    emulator = await startEmulator({ latencyMs: 30 });
    const processes = [
      connectAsAnotherProcess(emulator.url, { deadlineMs: 20_000 }),
      connectAsAnotherProcess(emulator.url, { deadlineMs: 20_000 }),
    ];
    const days = Array.from({ length: 40 }, (_, i) => {
      const day = `2025-04-${String((i % 30) + 1).padStart(2, '0')}`;
      return { from: day, to: day };
    });
    const started = performance.now();
    const outcomes = await Promise.allSettled(days.map((day, i) => processes[i % 2]!.report('act_3', day)));
    expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
    expect(performance.now() - started).toBeLessThan(20_000);
    const stats = emulator.control.statsFor(DEMO_TOKEN)!;
    // Both processes really collided on the token (otherwise this test would prove nothing).
    expect(stats.rejectedConcurrency).toBeGreaterThan(0);
    expect(stats.maxInFlight).toBe(2);
  });

  it('fails within the deadline with the busy wording when the token never frees', async () => {
    emulator = await startEmulator();
    emulator.control.injectFault({ fault: { kind: 'concurrency' }, times: 1_000_000 });
    const client = connect(emulator.url, { deadlineMs: 1_500, retryBaseDelayMs: 50 });
    const started = performance.now();
    const error = await failureOf(client.report('act_3', Q1));
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(2_500);
    expect(error).toBeInstanceOf(WolkvoxDeadlineError);
    expect((error as WolkvoxDeadlineError).busyMs).toBeGreaterThan(1_000);
    expect(error.message).toMatch(/the token was busy with other programs for \d+ s/);
    // The retries (4) were not what ended it: the busy token was ridden out until the deadline.
    expect(emulator.control.statsFor(DEMO_TOKEN)!.requests).toBeGreaterThan(5);
  });
});
