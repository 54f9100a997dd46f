import { describe, expect, it } from 'vitest';
import {
  formatDuration,
  formatTimestamp,
  formatWolkvoxDate,
  instantOfWallTime,
  parseDuration,
  parseWolkvoxDate,
  wallTimeAt,
} from '../src/index.js';

describe('wall time', () => {
  it('round-trips YYYYmmddHHiiss and formats timestamps', () => {
    const wall = parseWolkvoxDate('20250201083005')!;
    expect(formatWolkvoxDate(wall)).toBe('20250201083005');
    expect(formatTimestamp(wall)).toBe('2025-02-01 08:30:05');
  });

  it('refuses impossible dates', () => {
    for (const bad of [
      '20250231000000',
      '20230229000000',
      '20251301000000',
      '20250101250000',
      '2025020108300',
    ]) {
      expect(parseWolkvoxDate(bad), bad).toBeUndefined();
    }
  });

  it('converts between instants and the tenant wall clock', () => {
    const instant = new Date('2025-02-01T13:30:00Z');
    const bogota = wallTimeAt(instant, 'America/Bogota');
    expect(formatTimestamp(bogota)).toBe('2025-02-01 08:30:00');
    expect(instantOfWallTime(bogota, 'America/Bogota').toISOString()).toBe(instant.toISOString());
    // A zone with daylight saving time, on both sides of the change.
    const summer = wallTimeAt(new Date('2025-07-01T12:00:00Z'), 'Europe/Madrid');
    expect(formatTimestamp(summer)).toBe('2025-07-01 14:00:00');
    expect(instantOfWallTime(summer, 'Europe/Madrid').toISOString()).toBe('2025-07-01T12:00:00.000Z');
  });

  it('formats and parses durations', () => {
    expect(formatDuration(3725)).toBe('01:02:05');
    expect(formatDuration(90_000)).toBe('25:00:00');
    expect(parseDuration('4:38:08')).toBe(4 * 3600 + 38 * 60 + 8);
    expect(parseDuration('oops')).toBeUndefined();
  });
});
