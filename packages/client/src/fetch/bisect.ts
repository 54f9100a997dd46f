import { mergeDrift } from '../drift.js';
import { type WindowLabel, WolkvoxLimitError } from '../errors.js';
import { bisectWindow, type WallWindow, windowLabel } from '../windows.js';
import { type Narrow, type PieceRows, statusOf, type WindowAnswer } from './types.js';

/** What bisecting a window needs: how to ask one window, and what to do with a complete one. */
export interface BisectSteps {
  report: string;
  /** Rows one call may return: at the cap, the platform may have cut the window short. */
  maxRecordsPerCall: number;
  /** One window's answer, retries included. */
  fetch(piece: WallWindow | null, label: WindowLabel | undefined): Promise<WindowAnswer>;
  /** A complete window's rows: examined and counted. */
  complete(answer: Extract<WindowAnswer, { kind: 'rows' }>, label: WindowLabel | undefined): PieceRows;
  /** A window is about to be halved. */
  halving(label: WindowLabel | undefined, why: string): void;
}

/**
 * A piece in full: its rows, or, when it came back at the row cap or was refused for its size or length, the rows
 * of its halves in order (halved again as often as needed). Only a narrower window can prove a window at the cap
 * complete; a single second (or a report without a window) at the cap fails: it is the one limit the client cannot
 * hide, and a window that may be cut short is never handed back.
 */
export async function fetchComplete(piece: WallWindow | null, steps: BisectSteps): Promise<PieceRows> {
  const label = piece ? windowLabel(piece) : undefined;
  const answer = await steps.fetch(piece, label);
  if (answer.kind === 'narrow') return fetchHalves(piece, label, answer, steps);
  if (answer.rows.length >= steps.maxRecordsPerCall) {
    const why = `${answer.rows.length} rows reached the per-call cap of ${steps.maxRecordsPerCall}`;
    return fetchHalves(piece, label, { kind: 'narrow', why }, steps);
  }
  return steps.complete(answer, label);
}

async function fetchHalves(
  piece: WallWindow | null,
  label: WindowLabel | undefined,
  narrow: Narrow,
  steps: BisectSteps,
): Promise<PieceRows> {
  const halves = piece ? bisectWindow(piece) : undefined;
  if (!halves) {
    throw new WolkvoxLimitError(
      'ROW_LIMIT',
      `${steps.report}${label ? ` ${label.from} - ${label.to}` : ''}: ${narrow.why} and ` +
        (piece ? 'a single second cannot be split' : 'a report without a window cannot be split') +
        '; the complete result cannot be fetched',
      { report: steps.report, ...(label ? { window: label } : {}), ...statusOf(narrow) },
    );
  }
  steps.halving(label, narrow.why);
  const [first, second] = await Promise.all(halves.map((half) => fetchComplete(half, steps)));
  mergeDrift(first!.drift, second!.drift);
  return {
    rows: first!.rows.concat(second!.rows),
    drift: first!.drift,
    windows: first!.windows + second!.windows,
  };
}
