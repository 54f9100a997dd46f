import { describe, expect, it } from 'vitest';
import { QueryGate } from '../../src/query/gate.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('the queries of one server that load and run at once', () => {
  it('lets `limit` in, then one more each time one leaves, first come first served', async () => {
    const gate = new QueryGate(2);
    const order: string[] = [];
    const first = await gate.enter();
    const second = await gate.enter();
    const entered = (name: string) => (leave: () => void) => {
      order.push(name);
      return leave;
    };
    const third = gate.enter().then(entered('third'));
    const fourth = gate.enter().then(entered('fourth'));
    await tick();
    expect(gate.active).toBe(2);
    expect(order).toEqual([]);
    first();
    first(); // twice gives back one turn only
    await tick();
    expect(order).toEqual(['third']);
    expect(gate.active).toBe(2);
    second();
    await tick();
    expect(order).toEqual(['third', 'fourth']);
    (await third)();
    (await fourth)();
    expect(gate.active).toBe(0);
    expect(gate.peak).toBe(2);
  });

  it('drops a waiting query that is cancelled, with its reason, and serves the next one', async () => {
    const gate = new QueryGate(1);
    const running = await gate.enter();
    const controller = new AbortController();
    const cancelled = gate.enter(controller.signal);
    const next = gate.enter();
    controller.abort(new Error('the caller went away'));
    await expect(cancelled).rejects.toThrow('the caller went away');
    running();
    (await next)();
    expect(gate.active).toBe(0);
    expect(gate.peak).toBe(1);
    await expect(gate.enter(AbortSignal.abort(new Error('already gone')))).rejects.toThrow('already gone');
    expect(() => new QueryGate(0)).toThrow(/limit must be an integer >= 1/);
  });
});
