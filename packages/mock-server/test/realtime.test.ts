import { describe, expect, it } from 'vitest';
import { call, mockApp, rowsOf } from './helpers.js';

const TEN_MINUTES = 10 * 60_000;

/** A row's date as naive milliseconds (tenant wall time read as UTC). */
function wall(date: string): number {
  return Date.parse(`${date.replace(' ', 'T')}Z`);
}

describe('calls_last_10 follows the clock', () => {
  it('returns the calls of (now - 10 min, now] of a frozen clock, and moves with it', async () => {
    const { app, control } = await mockApp({}, '2025-02-03T10:30:00-05:00');
    const nowWall = Date.UTC(2025, 1, 3, 10, 30);
    const first = await call(app, 'real_time', { api: 'calls_last_10' });
    expect(first.status).toBe(200);
    const rows = first.body.data!;
    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows) {
      expect(wall(row.date)).toBeGreaterThan(nowWall - TEN_MINUTES);
      expect(wall(row.date)).toBeLessThanOrEqual(nowWall);
    }
    // Frozen: the same answer again, byte for byte.
    expect((await call(app, 'real_time', { api: 'calls_last_10' })).raw).toBe(first.raw);

    control.advanceClock(5 * 60_000);
    const later = (await call(app, 'real_time', { api: 'calls_last_10' })).body.data!;
    const kept = rows.filter((row) => wall(row.date) > nowWall + 5 * 60_000 - TEN_MINUTES);
    expect(later.slice(0, kept.length)).toEqual(kept);
    expect(later.length).toBeGreaterThan(kept.length);
    expect(wall(later.at(-1)!.date)).toBeLessThanOrEqual(nowWall + 5 * 60_000);
  });

  it('agrees with a fresh computation at every step as the clock walks through a busy hour', async () => {
    const { app, control } = await mockApp({}, '2025-02-03T09:00:00-05:00');
    const { control: fresh } = await mockApp({}, '2025-02-03T09:00:00-05:00');
    for (let step = 0; step < 25; step++) {
      const served = await call(app, 'real_time', { api: 'calls_last_10' });
      expect(served.body.data, `step ${step}`).toEqual(rowsOf(fresh, 'calls_last_10', {}));
      // Uneven steps land between, on and just after record times.
      const ms = [17_000, 60_000, 1_000, 143_000, 999][step % 5]!;
      control.advanceClock(ms);
      fresh.advanceClock(ms);
    }
  });

  it('is served from the running clock when not frozen', async () => {
    const { app, control } = await mockApp({ now: '2025-02-03T10:30:00-05:00' }, null);
    const before = control.now().getTime();
    const result = await call(app, 'real_time', { api: 'calls_last_10' });
    expect(result.status).toBe(200);
    expect(control.now().getTime()).toBeGreaterThanOrEqual(before);
    const last = wall(result.body.data!.at(-1)!.date);
    expect(last).toBeLessThanOrEqual(Date.UTC(2025, 1, 3, 10, 31));
  });

  it('answers 404 when nothing happened in the last ten minutes', async () => {
    const { app } = await mockApp({ volume: 0 }, '2025-02-03T10:30:00-05:00');
    const result = await call(app, 'real_time', { api: 'calls_last_10' });
    expect(result.status).toBe(404);
    expect(result.body.msg).toBe('Validate dates entered');
  });
});

describe('clock control', () => {
  it('sets, advances and freezes the clock', async () => {
    const { control } = await mockApp({ now: '2025-02-03T10:00:00Z' }, null);
    expect(Math.abs(control.now().getTime() - Date.parse('2025-02-03T10:00:00Z'))).toBeLessThan(5_000);
    control.freezeClock('2025-03-01T00:00:00Z');
    expect(control.now().toISOString()).toBe('2025-03-01T00:00:00.000Z');
    control.advanceClock(90_000);
    expect(control.now().toISOString()).toBe('2025-03-01T00:01:30.000Z');
    control.setClock(new Date('2025-04-01T00:00:00Z'));
    expect(control.now().getTime()).toBeGreaterThanOrEqual(Date.parse('2025-04-01T00:00:00Z'));
    expect(() => control.setClock('not a date')).toThrow(RangeError);
    expect(() => control.advanceClock(Number.NaN)).toThrow(RangeError);
  });
});
