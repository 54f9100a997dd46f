import type { KeptPieceSlot } from '../coordination/result-cache/index.js';
import { hasDrift } from '../drift.js';
import { WolkvoxAbortError } from '../errors.js';
import type { WallWindow } from '../windows.js';
import type { PieceRows } from './types.js';

export interface ReuseSteps {
  report: string;
  /** The closed-day cache's slot of a piece: none for a piece that runs into today (or without a cache). */
  slot(piece: WallWindow): KeptPieceSlot | undefined;
  /** The piece fetched in full. */
  fetch(piece: WallWindow | null): Promise<PieceRows>;
  signal: AbortSignal;
  strict: boolean;
  /** Whether a fetched piece is kept (the caller may keep closed days itself). */
  keep: boolean;
  /** A kept piece answers for the windows it took when it was fetched. */
  reused(kept: PieceRows): void;
  /** A cache problem met on the way (the piece is then fetched): for the result's warnings. */
  warn(warning: string): void;
}

/**
 * A piece of a closed day comes from the closed-day cache when it was kept (by this or another process); otherwise
 * it is fetched and kept (unless the caller keeps it itself). In strict mode a kept piece that drifted is fetched again, so that the validation error
 * names the rows and fields exactly as a fetch does.
 */
export async function fetchOrReuse(piece: WallWindow | null, steps: ReuseSteps): Promise<PieceRows> {
  const slot = piece ? steps.slot(piece) : undefined;
  if (!slot) return steps.fetch(piece);
  const { piece: kept, warning } = await slot.read();
  if (warning) steps.warn(warning);
  if (steps.signal.aborted) throw new WolkvoxAbortError(steps.report, steps.signal.reason);
  if (kept && !(steps.strict && hasDrift(kept.drift))) {
    steps.reused(kept);
    return kept;
  }
  const fetched = await steps.fetch(piece);
  if (steps.keep) slot.keep(fetched);
  return fetched;
}
