import { describe, expect, it } from 'vitest';
import type { KeptPieceSlot } from '../../src/coordination/result-cache/index.js';
import { emptyDrift } from '../../src/drift.js';
import { WolkvoxAbortError } from '../../src/errors.js';
import { fetchOrReuse, type ReuseSteps } from '../../src/fetch/reuse.js';
import type { PieceRows } from '../../src/fetch/types.js';

const PIECE = { start: 0, end: 86_399_000 };
const fetched: PieceRows = { rows: [{ n: 'fetched' }], drift: emptyDrift(), windows: 1 };
const drifted = { ...emptyDrift(), rows: 1, missing: { agent_name: 1 } };

/** A slot holding `kept` (or nothing, with what the cache said), recording what is kept in it. */
function slotWith(kept: PieceRows | undefined, warning?: string) {
  const keptNow: PieceRows[] = [];
  const slot: KeptPieceSlot = {
    read: async () => ({ ...(kept ? { piece: kept } : {}), ...(warning ? { warning } : {}) }),
    keep: (piece) => keptNow.push(piece),
  };
  return { slot, keptNow };
}

function steps(slot: KeptPieceSlot | undefined, overrides: Partial<ReuseSteps> = {}) {
  const calls = { fetches: 0, reused: [] as PieceRows[], warnings: [] as string[] };
  const value: ReuseSteps = {
    report: 'act_3',
    slot: () => slot,
    fetch: async () => {
      calls.fetches += 1;
      return fetched;
    },
    signal: new AbortController().signal,
    strict: false,
    keep: true,
    reused: (kept) => calls.reused.push(kept),
    warn: (warning) => calls.warnings.push(warning),
    ...overrides,
  };
  return { value, calls };
}

describe('fetchOrReuse', () => {
  it('answers a kept closed piece without fetching, counted as the windows it took', async () => {
    const kept = { rows: [{ n: 'kept' }], drift: emptyDrift(), windows: 3 };
    const { value, calls } = steps(slotWith(kept).slot);
    expect(await fetchOrReuse(PIECE, value)).toBe(kept);
    expect(calls).toEqual({ fetches: 0, reused: [kept], warnings: [] });
  });

  it('fetches a piece with no slot (runs into today, no cache, no window), and keeps nothing', async () => {
    const { value, calls } = steps(undefined);
    expect(await fetchOrReuse(PIECE, value)).toBe(fetched);
    expect(await fetchOrReuse(null, value)).toBe(fetched);
    expect(calls.fetches).toBe(2);
  });

  it('fetches and keeps a closed piece not kept yet', async () => {
    const { slot, keptNow } = slotWith(undefined);
    const { value } = steps(slot);
    expect(await fetchOrReuse(PIECE, value)).toBe(fetched);
    expect(keptNow).toEqual([fetched]);
  });

  it('fetches a closed piece not kept yet and keeps nothing when the caller keeps it itself', async () => {
    const { slot, keptNow } = slotWith(undefined);
    const { value, calls } = steps(slot, { keep: false });
    expect(await fetchOrReuse(PIECE, value)).toBe(fetched);
    expect(calls.fetches).toBe(1);
    expect(keptNow).toEqual([]);
  });

  it('passes on what the cache said about a piece it could not answer, then fetches and keeps it', async () => {
    const { slot, keptNow } = slotWith(undefined, 'closed-day cache (disk): a kept entry was refused');
    const { value, calls } = steps(slot);
    expect(await fetchOrReuse(PIECE, value)).toBe(fetched);
    expect(calls).toEqual({
      fetches: 1,
      reused: [],
      warnings: ['closed-day cache (disk): a kept entry was refused'],
    });
    expect(keptNow).toEqual([fetched]);
  });

  it('in strict mode fetches again a kept piece that drifted, so the error names rows as a fetch does', async () => {
    const kept = { rows: [{}], drift: drifted, windows: 1 };
    const tolerant = steps(slotWith(kept).slot);
    expect(await fetchOrReuse(PIECE, tolerant.value)).toBe(kept);
    const strict = steps(slotWith(kept).slot, { strict: true });
    expect(await fetchOrReuse(PIECE, strict.value)).toBe(fetched);
  });

  it('stops when the call was aborted while the store was read', async () => {
    const controller = new AbortController();
    const slot: KeptPieceSlot = {
      read: async () => {
        controller.abort('gone');
        return {};
      },
      keep: () => {},
    };
    const { value, calls } = steps(slot, { signal: controller.signal });
    await expect(fetchOrReuse(PIECE, value)).rejects.toBeInstanceOf(WolkvoxAbortError);
    expect(calls.fetches).toBe(0);
  });
});
