import { describe, expect, it } from 'vitest';
import { type Release, TokenGate, tokenGate, tokenGateState } from '../src/limiter.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('TokenGate', () => {
  it('lets the limit through and queues the rest first come, first served', async () => {
    const gate = new TokenGate();
    gate.join(2);
    const order: number[] = [];
    const releases: Release[] = [];
    const waits = [0, 1, 2, 3, 4].map((n) =>
      gate.acquire().then((release) => {
        order.push(n);
        releases.push(release);
      }),
    );
    await tick();
    expect(order).toEqual([0, 1]);
    expect(gate.active).toBe(2);
    expect(gate.queued).toBe(3);

    releases[1]!();
    releases[1]!(); // a second release of the same slot gives nothing back
    await tick();
    expect(order).toEqual([0, 1, 2]);
    expect(gate.active).toBe(2);

    releases[0]!();
    releases[2]!();
    await tick();
    expect(order).toEqual([0, 1, 2, 3, 4]);
    releases[3]!();
    releases[4]!();
    await Promise.all(waits);
    expect(gate.active).toBe(0);
  });

  it('takes a cancelled waiter out of the queue at once', async () => {
    const gate = new TokenGate();
    gate.join(1);
    const first = await gate.acquire();
    const controller = new AbortController();
    const cancelled = gate.acquire(controller.signal);
    const next = gate.acquire();
    expect(gate.queued).toBe(2);
    controller.abort(new Error('cancel'));
    await expect(cancelled).rejects.toThrow('cancel');
    expect(gate.queued).toBe(1);
    first();
    const release = await next;
    expect(gate.active).toBe(1);
    release();
  });

  it('honours the strictest limit of its members, and loosens when that member leaves', async () => {
    const gate = new TokenGate();
    gate.join(3);
    const leave = gate.join(1);
    expect(gate.limit).toBe(1);
    const a = await gate.acquire();
    let second = false;
    const b = gate.acquire().then((release) => {
      second = true;
      return release;
    });
    await tick();
    expect(second).toBe(false);
    leave();
    await tick();
    expect(second).toBe(true);
    a();
    (await b)();
  });
});

describe('tokenGate', () => {
  it('is one gate per token fingerprint for the whole process, dropped when unused', async () => {
    const gate = tokenGate('fp-test-1');
    expect(tokenGate('fp-test-1')).toBe(gate);
    expect(tokenGate('fp-test-2')).not.toBe(gate);
    const leave = gate.join(2);
    const release = await gate.acquire();
    expect(tokenGateState('fp-test-1')).toEqual({ active: 1, queued: 0, limit: 2 });
    leave();
    // Still busy: kept until the last slot comes back.
    expect(tokenGateState('fp-test-1')).toBeDefined();
    release();
    expect(tokenGateState('fp-test-1')).toBeUndefined();
    tokenGate('fp-test-2').join(1)();
    expect(tokenGateState('fp-test-2')).toBeUndefined();
  });
});
