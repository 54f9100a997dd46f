import { getReport } from '@wolkvox-mcp/contracts';
import { describe, expect, it } from 'vitest';
import { Answers } from '../src/answers.js';
import { Tenant } from '../src/tenant/store.js';
import { ViewEngine } from '../src/views/engine.js';

const act3 = getReport('act_3')!;
const calls10 = getReport('calls_last_10')!;
const policy = {
  limits: { maxRecordsPerCall: 60_000, maxResultBytes: 256 * 1024 * 1024 },
  rowCap: 'truncate' as const,
};

/** One whole day of the tenant's calendar as a checked request (February; days from 1). */
const day = (date: number) => ({
  window: { start: Date.UTC(2025, 1, date), end: Date.UTC(2025, 1, date, 23, 59, 59) },
  params: {},
});
const now10 = { window: null, params: {} };

function setup(volume = 1500) {
  const engine = new ViewEngine(new Tenant(1, volume, 8));
  return { engine, answers: new Answers(engine, policy, 64 * 1024 * 1024) };
}

describe('answer cache', () => {
  it('reuses a past window’s serialized answer however the clock moves', () => {
    const { answers } = setup();
    const first = answers.answer(act3, day(3), Date.UTC(2025, 1, 5, 15, 30));
    expect(answers.answer(act3, day(3), Date.UTC(2025, 5, 1))).toBe(first);
  });

  it('recomputes a window reaching now only when a record enters it, and matches a fresh computation', () => {
    const { engine, answers } = setup();
    const params = day(5);
    const now = Date.UTC(2025, 1, 5, 10, 0);
    const first = answers.answer(act3, params, now);
    expect(first.validUntil).toBeGreaterThan(now);
    // Just before the next record: the same answer object.
    expect(answers.answer(act3, params, first.validUntil - 1)).toBe(first);
    // At it: a new answer with one more row, identical to what the engine computes from scratch.
    const next = answers.answer(act3, params, first.validUntil);
    expect(next).not.toBe(first);
    expect(next.rows).toBeGreaterThan(first.rows);
    const fresh = engine.run(act3, params, first.validUntil).rows;
    expect(JSON.parse(next.body.toString()).data).toEqual(fresh);
  });

  it('ages real-time answers out as their oldest row leaves the last ten minutes', () => {
    const { engine, answers } = setup();
    const now = Date.UTC(2025, 1, 3, 10, 30);
    const first = answers.answer(calls10, now10, now);
    const oldest = JSON.parse(first.body.toString()).data[0].date as string;
    const leaves = Date.parse(`${oldest.replace(' ', 'T')}Z`) + 10 * 60_000;
    expect(first.validUntil).toBeLessThanOrEqual(leaves);
    const later = answers.answer(calls10, now10, leaves);
    expect(JSON.parse(later.body.toString()).data).toEqual(engine.run(calls10, now10, leaves).rows);
    expect(JSON.parse(later.body.toString()).data[0].date).not.toBe(oldest);
  });

  it('keeps an answer larger than the whole byte budget out of the cache, and the rest in it', () => {
    // A small tenant: the rule is about the budget, not about how many rows a day holds.
    const { engine } = setup(100);
    const params = day(3);
    const now = Date.UTC(2025, 1, 5, 15, 30);
    const body = new Answers(engine, policy, 64 * 1024 * 1024).answer(act3, params, now).body.length;
    // A budget of exactly the body's bytes: the entry (body plus key) does not fit, so it is never kept.
    const tight = new Answers(engine, policy, body);
    const first = tight.answer(act3, params, now);
    expect(tight.answer(act3, params, now)).not.toBe(first);
    expect(tight.answer(act3, params, now).body.equals(first.body)).toBe(true);
    // A budget that holds it (body plus key): the second call is the cached object.
    const roomy = new Answers(engine, policy, body + 1024);
    const kept = roomy.answer(act3, params, now);
    expect(roomy.answer(act3, params, now)).toBe(kept);
  });

  it('serves 404 and 413 answers from the same policy', () => {
    const { engine } = setup();
    const small = new Answers(
      engine,
      { limits: { maxRecordsPerCall: 10, maxResultBytes: 1e9 }, rowCap: 'refuse' },
      1e6,
    );
    const sunday = small.answer(act3, day(2), Date.UTC(2025, 2, 1));
    expect(sunday.status).toBe(404);
    const monday = small.answer(act3, day(3), Date.UTC(2025, 2, 1));
    expect(monday.status).toBe(413);
  });
});
