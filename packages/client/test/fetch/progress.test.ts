import { describe, expect, it } from 'vitest';
import { CallProgress } from '../../src/fetch/progress.js';
import type { ReportProgress } from '../../src/types.js';

const quiet = {};

describe('CallProgress', () => {
  it('tells every change of windows and rows: done, split, reused', () => {
    const told: ReportProgress[] = [];
    const progress = new CallProgress('act_3', 2, (p) => told.push(p), quiet);
    progress.tell();
    progress.windowSplit();
    progress.windowDone(10);
    progress.windowsReused(3, 7);
    expect(told.map(({ windowsDone, windowsTotal, rows }) => [windowsDone, windowsTotal, rows])).toEqual([
      [0, 2, 0],
      [0, 3, 0],
      [1, 3, 10],
      // A kept piece that took 3 windows stands for its one planned piece: 2 more known, 3 more done.
      [4, 5, 17],
    ]);
    expect(told[0]!.report).toBe('act_3');
    expect(progress.cachedWindows).toBe(3);
  });

  it('keeps the latest day count and every distinct warning of the shared budget', () => {
    const progress = new CallProgress('act_3', 1, undefined, quiet);
    const count = (used: number) => ({ day: '2025-02-03', used, counted: 'machine' as const, low: false });
    progress.budgetSaid(count(5), 'redis down');
    progress.budgetSaid(count(3), 'redis down');
    progress.budgetSaid(count(6), undefined);
    progress.requestSent();
    expect(progress.quota?.used).toBe(6);
    expect([...progress.warnings]).toEqual(['redis down']);
    expect(progress.requests).toBe(1);
  });

  it('survives a progress callback that throws, and logs it', () => {
    const warned: unknown[] = [];
    const progress = new CallProgress(
      'act_3',
      1,
      () => {
        throw new Error('boom');
      },
      { warn: (fields: unknown) => warned.push(fields) },
    );
    expect(() => progress.windowDone(1)).not.toThrow();
    expect(warned).toEqual([{ report: 'act_3', err: 'Error: boom' }]);
  });
});
