import { formatTimestamp, parseWolkvoxDate, wallTimeFromParts } from '@wolkvox-mcp/contracts';
import { describe, expect, it } from 'vitest';
import { WolkvoxRequestError } from '../src/errors.js';
import { bisectWindow, splitWindow, toWallTime, windowLabel, windowParams } from '../src/windows.js';

const BOGOTA = 'America/Bogota';
const wall = (text: string) => parseWolkvoxDate(text)!;
const label = (ms: number) => formatTimestamp(ms);

describe('toWallTime', () => {
  it('reads a bare date as the whole day: midnight as a start, 23:59:59 as an end', () => {
    expect(label(toWallTime('2025-02-28', BOGOTA, 'start'))).toBe('2025-02-28 00:00:00');
    expect(label(toWallTime('2025-02-28', BOGOTA, 'end'))).toBe('2025-02-28 23:59:59');
  });

  it('reads a date-time without an offset as tenant wall time, as given', () => {
    expect(label(toWallTime('2025-02-01T08:30:15', BOGOTA, 'start'))).toBe('2025-02-01 08:30:15');
    expect(label(toWallTime('2025-02-01 08:30', BOGOTA, 'end'))).toBe('2025-02-01 08:30:00');
    // Fractions are dropped: wolkvox asks to the second.
    expect(label(toWallTime('2025-02-01T08:30:15.999', BOGOTA, 'start'))).toBe('2025-02-01 08:30:15');
  });

  it('reads Z and offsets as instants, shown on the tenant clock', () => {
    // Bogota is UTC-5 all year.
    expect(label(toWallTime('2025-02-01T05:00:00Z', BOGOTA, 'start'))).toBe('2025-02-01 00:00:00');
    expect(label(toWallTime('2025-02-01T10:00:00+10:00', BOGOTA, 'start'))).toBe('2025-01-31 19:00:00');
    expect(label(toWallTime('2025-02-01T10:00:00.750-0300', BOGOTA, 'start'))).toBe('2025-02-01 08:00:00');
    expect(label(toWallTime('2025-02-01T05:00:00Z', 'Asia/Tokyo', 'start'))).toBe('2025-02-01 14:00:00');
  });

  it('reads a Date as an instant, to the second', () => {
    const date = new Date('2025-03-10T17:45:30.900Z');
    expect(label(toWallTime(date, BOGOTA, 'end'))).toBe('2025-03-10 12:45:30');
  });

  it("accepts wolkvox's own YYYYmmddHHiiss as wall time", () => {
    expect(label(toWallTime('20250201235959', BOGOTA, 'end'))).toBe('2025-02-01 23:59:59');
  });

  it('refuses what is not a real date, naming from or to', () => {
    const cases: [unknown, 'start' | 'end', string][] = [
      ['2025-02-30', 'start', 'from'],
      ['yesterday', 'end', 'to'],
      ['2025-02-01T24:00:00', 'end', 'to'],
      [new Date(Number.NaN), 'start', 'from'],
      [20250201, 'start', 'from'],
    ];
    for (const [input, edge, parameter] of cases) {
      let caught: unknown;
      try {
        toWallTime(input as string, BOGOTA, edge);
      } catch (error) {
        caught = error;
      }
      expect(caught, String(input)).toBeInstanceOf(WolkvoxRequestError);
      expect((caught as WolkvoxRequestError).problems[0]!.parameter).toBe(parameter);
    }
  });
});

describe('splitWindow', () => {
  it('cuts a 90-day window into 31-day pieces, each next piece one second after the last', () => {
    const pieces = splitWindow({ start: wall('20250101000000'), end: wall('20250331235959') }, 31);
    expect(pieces.map(windowParams)).toEqual([
      { date_ini: '20250101000000', date_end: '20250201000000' },
      { date_ini: '20250201000001', date_end: '20250304000001' },
      { date_ini: '20250304000002', date_end: '20250331235959' },
    ]);
  });

  it('covers every second exactly once, and never exceeds maxDays', () => {
    const window = { start: wall('20240101000000'), end: wall('20241231235959') };
    const pieces = splitWindow(window, 31);
    expect(pieces).toHaveLength(12);
    expect(pieces[0]!.start).toBe(window.start);
    expect(pieces.at(-1)!.end).toBe(window.end);
    for (let i = 0; i < pieces.length; i++) {
      expect(pieces[i]!.end - pieces[i]!.start).toBeLessThanOrEqual(31 * 86_400_000);
      if (i > 0) expect(pieces[i]!.start).toBe(pieces[i - 1]!.end + 1000);
    }
  });

  it('keeps a window within maxDays whole, one-day reports in one-day pieces', () => {
    const short = { start: wall('20250101000000'), end: wall('20250101235959') };
    expect(splitWindow(short, 31)).toEqual([short]);
    expect(splitWindow({ start: wall('20250101000000'), end: wall('20250103235959') }, 1)).toHaveLength(3);
  });

  it('rejects an inverted window', () => {
    expect(() => splitWindow({ start: wall('20250102000000'), end: wall('20250101000000') }, 31)).toThrow(
      RangeError,
    );
  });
});

describe('bisectWindow', () => {
  it('halves at a whole second, without overlap or gap', () => {
    const window = { start: wall('20250101000000'), end: wall('20250101000009') };
    const [first, second] = bisectWindow(window)!;
    expect(windowLabel(first)).toEqual({ from: '2025-01-01 00:00:00', to: '2025-01-01 00:00:04' });
    expect(windowLabel(second)).toEqual({ from: '2025-01-01 00:00:05', to: '2025-01-01 00:00:09' });
  });

  it('splits two seconds into two single seconds, and cannot split one', () => {
    const start = wallTimeFromParts({ year: 2025, month: 1, day: 1, hour: 0, minute: 0, second: 0 })!;
    expect(bisectWindow({ start, end: start + 1000 })).toEqual([
      { start, end: start },
      { start: start + 1000, end: start + 1000 },
    ]);
    expect(bisectWindow({ start, end: start })).toBeUndefined();
  });
});
