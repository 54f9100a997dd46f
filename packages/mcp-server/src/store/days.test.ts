/**
 * Which part of a window the store answers: whole closed days only (never today, never a partial day), cut into
 * days by the registry's own day column, or one day at a time for reports grouped over the window.
 */
import { getReport, wallTimeFromParts } from '@wolkvox-mcp/contracts';
import { describe, expect, it } from 'vitest';
import { dayColumn, dayRuns, planDays } from './days.js';

const at = (day: number, hour = 0, minute = 0, second = 0) =>
  wallTimeFromParts({ year: 2025, month: 1, day, hour, minute, second })!;
const endOf = (day: number) => at(day, 23, 59, 59);
const TODAY = at(10);

describe('planDays', () => {
  it('stores the whole closed days and keeps today in memory', () => {
    const plan = planDays({ start: at(1), end: at(10, 12) }, TODAY, true);
    expect(plan.days.map((item) => item.day)).toEqual([
      '2025-01-01',
      '2025-01-02',
      '2025-01-03',
      '2025-01-04',
      '2025-01-05',
      '2025-01-06',
      '2025-01-07',
      '2025-01-08',
      '2025-01-09',
    ]);
    expect(plan.memory).toEqual([{ start: TODAY, end: at(10, 12) }]);
  });

  it('keeps a partial first and last day in memory', () => {
    const plan = planDays({ start: at(2, 8), end: at(5, 12) }, TODAY, true);
    expect(plan.days.map((item) => item.day)).toEqual(['2025-01-03', '2025-01-04']);
    expect(plan.memory).toEqual([
      { start: at(2, 8), end: endOf(2) },
      { start: at(5), end: at(5, 12) },
    ]);
  });

  it('stores nothing of today or of a window within one day', () => {
    expect(planDays({ start: TODAY, end: at(10, 9) }, TODAY, true)).toEqual({
      days: [],
      memory: [{ start: TODAY, end: at(10, 9) }],
    });
    expect(planDays({ start: at(3, 1), end: at(3, 2) }, TODAY, true).days).toEqual([]);
  });

  it('stores a report grouped over its window only for exactly one closed day', () => {
    expect(planDays({ start: at(3), end: endOf(3) }, TODAY, false).days.map((item) => item.day)).toEqual([
      '2025-01-03',
    ]);
    expect(planDays({ start: at(3), end: endOf(4) }, TODAY, false).days).toEqual([]);
    expect(planDays({ start: at(3), end: at(4, 5) }, TODAY, false).days).toEqual([]);
    expect(planDays({ start: at(9), end: at(10, 5) }, TODAY, false).days).toEqual([]);
  });
});

describe('dayRuns', () => {
  it('joins consecutive days into one window each', () => {
    const days = [1, 2, 3, 6, 8, 9].map((day) => ({ day: `2025-01-0${day}`, start: at(day) }));
    expect(dayRuns(days)).toEqual([
      { window: { start: at(1), end: endOf(3) }, days: ['2025-01-01', '2025-01-02', '2025-01-03'] },
      { window: { start: at(6), end: endOf(6) }, days: ['2025-01-06'] },
      { window: { start: at(8), end: endOf(9) }, days: ['2025-01-08', '2025-01-09'] },
    ]);
  });
});

describe('dayColumn', () => {
  it.each([
    ['cdr_1', 'date'],
    ['chat_1', 'date_close'],
    ['cdr_4', 'INTERVAL'],
    ['agent_8', 'date'],
    ['agent_1', undefined],
    ['skill_1', undefined],
  ])('%s: %s', (id, column) => {
    expect(dayColumn(getReport(id)!)).toBe(column);
  });
});
