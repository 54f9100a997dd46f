import { describe, expect, it } from 'vitest';
import { backoffDelay, retryAfterMs, sleep } from '../src/retry.js';

describe('backoffDelay', () => {
  it('draws uniformly below base x 2^attempt (full jitter), capped', () => {
    expect(backoffDelay(0, 250, 10_000, () => 0.5)).toBe(125);
    expect(backoffDelay(3, 250, 10_000, () => 0.999)).toBe(1998);
    expect(backoffDelay(10, 250, 10_000, () => 0.5)).toBe(5000);
    expect(backoffDelay(2, 250, 10_000, () => 0)).toBe(0);
  });
});

describe('retryAfterMs', () => {
  it('reads delta-seconds and HTTP dates', () => {
    expect(retryAfterMs('120')).toBe(120_000);
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(retryAfterMs('Wed, 01 Jan 2025 00:01:00 GMT', now)).toBe(60_000);
    expect(retryAfterMs(['5', '9'])).toBe(5000);
  });

  it('ignores what it cannot read', () => {
    expect(retryAfterMs(undefined)).toBeUndefined();
    expect(retryAfterMs('')).toBeUndefined();
    expect(retryAfterMs('soon')).toBeUndefined();
  });
});

describe('sleep', () => {
  it('rejects with the abort reason when cancelled', async () => {
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal);
    const reason = new Error('stop');
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
  });

  it('rejects at once when already aborted', async () => {
    await expect(sleep(10, AbortSignal.abort('gone'))).rejects.toBe('gone');
  });
});
