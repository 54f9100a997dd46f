import { describe, expect, it } from 'vitest';
import { isMissingValue, readWireNumber } from '../src/index.js';

describe('readWireNumber reads wolkvox value strings', () => {
  it.each([
    ['34.64 %', 'percent', 34.64],
    ['15,233.33 %', 'percent', 15233.33],
    ['0 %', 'percent', 0],
    ['2.887', 'number', 2.887],
    ['61.4', 'number', 61.4],
    ['1,000', 'count', 1000],
    ['2,5', 'number', 2.5],
    ['12', 'count', 12],
    ['01:02:03', 'duration', 3723],
    ['00:00:00', 'duration', 0],
    ['125:00:00', 'duration', 450000],
  ] as const)('%s as %s is %d', (text, kind, expected) => {
    expect(readWireNumber(text, kind)).toBe(expected);
  });

  it.each(['', '-', '--', ' - ', 'abc', '1.2.3', '12:00', '1,2,3'])('%j is no number', (text) => {
    expect(readWireNumber(text, 'number')).toBeUndefined();
  });

  it('keeps JSON numbers and refuses what is not finite', () => {
    expect(readWireNumber(7, 'count')).toBe(7);
    expect(readWireNumber(Number.NaN, 'count')).toBeUndefined();
    expect(readWireNumber(null, 'count')).toBeUndefined();
  });

  it('names the missing markers', () => {
    expect(['', '-', '--', null, undefined].every(isMissingValue)).toBe(true);
    expect(isMissingValue('00:00:00')).toBe(false);
    expect(isMissingValue('0')).toBe(false);
  });
});
