import { parseWolkvoxDate, wallTimeFromParts } from '@wolkvox-mcp/contracts';
import { describe, expect, it } from 'vitest';
import { bisectWindow, callPieces, splitWindow, windowLabel, windowParams } from '../src/windows.js';

const wall = (text: string) => parseWolkvoxDate(text)!;

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

describe('callPieces', () => {
  it('splits the window into the report’s windows, then cuts them as asked; no window is one piece', () => {
    const window = { start: wall('20250101000000'), end: wall('20250131235959') };
    expect(callPieces(window, 10)).toEqual(splitWindow(window, 10));
    const cut = callPieces(window, 31, (pieces) => pieces.flatMap((piece) => bisectWindow(piece)!));
    expect(cut).toHaveLength(2);
    expect(callPieces(null, 31)).toEqual([null]);
  });
});
