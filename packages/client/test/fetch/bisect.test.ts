import { parseWolkvoxDate } from '@wolkvox-mcp/contracts';
import { describe, expect, it } from 'vitest';
import { emptyDrift } from '../../src/drift.js';
import { type WindowLabel, WolkvoxLimitError } from '../../src/errors.js';
import { type BisectSteps, fetchComplete } from '../../src/fetch/bisect.js';
import type { WindowAnswer } from '../../src/fetch/types.js';
import { type WallWindow, windowLabel } from '../../src/windows.js';

const wall = (text: string) => parseWolkvoxDate(text)!;
const DAY = { start: wall('20250203000000'), end: wall('20250203235959') };
const CAP = 4;

/**
 * Steps over a fake platform: a window's rows are its hours that hold a record, one record an hour from 08:00 to
 * 15:00; `answer` may say otherwise for a window.
 */
function steps(answer?: (window: WallWindow) => WindowAnswer | undefined) {
  const asked: WindowLabel[] = [];
  const halved: string[] = [];
  const records = Array.from({ length: 8 }, (_, i) => DAY.start + (8 + i) * 3_600_000);
  const fake: BisectSteps = {
    report: 'act_3',
    maxRecordsPerCall: CAP,
    fetch: async (piece, label) => {
      asked.push(label!);
      const given = answer?.(piece!);
      if (given) return given;
      const rows = records.filter((at) => at >= piece!.start && at <= piece!.end).map((at) => ({ at }));
      return { kind: 'rows', rows: rows.slice(0, CAP) };
    },
    complete: (found) => ({ rows: found.rows as Record<string, unknown>[], drift: emptyDrift(), windows: 1 }),
    halving: (label, why) => halved.push(`${label!.from} ${why}`),
  };
  return { fake, asked, halved, records };
}

describe('fetchComplete', () => {
  it('takes a window below the cap as it is', async () => {
    const { fake, asked } = steps();
    const quiet = { start: DAY.start, end: DAY.start + 8 * 3_600_000 - 1000 };
    expect(await fetchComplete(quiet, fake)).toMatchObject({ rows: [], windows: 1 });
    expect(asked).toEqual([windowLabel(quiet)]);
  });

  it('halves a window at the cap until every part is below it, rows in window order', async () => {
    const { fake, halved, records } = steps();
    const result = await fetchComplete(DAY, fake);
    expect(result.rows.map((row) => row.at)).toEqual(records);
    expect(result.windows).toBeGreaterThan(2);
    expect(halved[0]).toBe('2025-02-03 00:00:00 4 rows reached the per-call cap of 4');
  });

  it('halves a window refused for its size, with the reason', async () => {
    const { fake, halved } = steps((piece) =>
      piece === DAY ? { kind: 'narrow', why: 'the result is over the size limit', status: 413 } : undefined,
    );
    expect((await fetchComplete(DAY, fake)).rows).toHaveLength(8);
    expect(halved[0]).toBe('2025-02-03 00:00:00 the result is over the size limit');
  });

  it('fails when a single second, or a report without a window, is at the cap: never a part passed off as whole', async () => {
    const second = { start: DAY.start, end: DAY.start };
    const full = steps(() => ({ kind: 'rows', rows: [1, 2, 3, 4] }));
    const error = await fetchComplete(second, full.fake).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WolkvoxLimitError);
    expect(error).toMatchObject({ code: 'ROW_LIMIT', report: 'act_3', window: windowLabel(second) });
    expect((error as Error).message).toMatch(/a single second cannot be split/);
    const now = await fetchComplete(null, steps(() => ({ kind: 'rows', rows: [1, 2, 3, 4] })).fake).catch(
      (e: unknown) => e,
    );
    expect((now as Error).message).toMatch(/a report without a window cannot be split/);
    const refused = steps(() => ({ kind: 'narrow', why: 'too big', status: 413, wolkvoxMsg: 'TOO BIG' }));
    expect(await fetchComplete(null, refused.fake).catch((e: unknown) => e)).toMatchObject({
      status: 413,
      wolkvoxMsg: 'TOO BIG',
    });
  });
});
