import type { EnvelopeDrift } from '../drift.js';

export type { KeptPiece as PieceRows } from '../coordination/result-cache/index.js';

/** A window's answer that cannot be complete: the window must be narrowed (halved) to get every row. */
export interface Narrow {
  kind: 'narrow';
  why: string;
  status?: number;
  wolkvoxMsg?: string;
}

/** What one window finally gave, retries spent: rows (not yet examined against the contract), or a reason to narrow it. */
export type WindowAnswer = { kind: 'rows'; rows: unknown[]; envelope?: EnvelopeDrift } | Narrow;

/** The status and wolkvox's message of an answer, as far as they are known. */
export function statusOf(answer: { status?: number; wolkvoxMsg?: string }): {
  status?: number;
  wolkvoxMsg?: string;
} {
  return {
    ...(answer.status === undefined ? {} : { status: answer.status }),
    ...(answer.wolkvoxMsg ? { wolkvoxMsg: answer.wolkvoxMsg } : {}),
  };
}
