/**
 * The progress a call sends while it waits for wolkvox: heartbeats that only grow, a tenth of the deadline apart,
 * and window counts when there are several windows.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ToolProgress } from './types.js';
import { heartbeatFor, startWaitProgress } from './wait-progress.js';

describe('progress while waiting', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('beats a tenth of the deadline apart, at most every 5 s', () => {
    expect(heartbeatFor(50_000)).toBe(5_000);
    expect(heartbeatFor(2_000)).toBe(200);
    expect(heartbeatFor(100)).toBe(50);
  });

  it('sends growing heartbeats below the next window, and window counts for several windows', () => {
    vi.useFakeTimers();
    const updates: ToolProgress[] = [];
    const waiting = startWaitProgress('act_3', (update) => updates.push(update), 50_000);
    waiting.windows(0, 1, 0);
    expect(updates).toEqual([]);
    vi.advanceTimersByTime(15_000);
    expect(updates.map((u) => u.message)).toEqual([
      'waiting for wolkvox: 0 of 1 windows (act_3, 5 s of at most 50 s)',
      'waiting for wolkvox: 0 of 1 windows (act_3, 10 s of at most 50 s)',
      'waiting for wolkvox: 0 of 1 windows (act_3, 15 s of at most 50 s)',
    ]);
    waiting.windows(1, 3, 120);
    vi.advanceTimersByTime(5_000);
    waiting.stop();
    vi.advanceTimersByTime(20_000);
    expect(updates.slice(3)).toEqual([
      { progress: 1, total: 3, message: 'act_3: 1 of 3 windows, 120 rows so far' },
      {
        progress: 1.5,
        total: 3,
        message: 'waiting for wolkvox: 1 of 3 windows (act_3, 20 s of at most 50 s)',
      },
    ]);
    const values = updates.map((u) => u.progress);
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThan(values[i - 1]!);
    expect(values.slice(0, 3).every((v) => v < 1)).toBe(true);
  });

  it('does nothing when the caller asked for no progress', () => {
    vi.useFakeTimers();
    const waiting = startWaitProgress('act_3', undefined, 50_000);
    waiting.windows(1, 2, 5);
    vi.advanceTimersByTime(60_000);
    waiting.stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});
