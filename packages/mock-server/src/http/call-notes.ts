import type { IncomingMessage } from 'node:http';

/**
 * What the report route learns about a call (family, api, token label, rows, bytes, fault), kept beside the raw
 * request so the journal can write one entry whatever path the call took.
 */
export interface CallNote {
  family?: string;
  api?: string;
  token?: string;
  rows?: number;
  bytes?: number;
  fault?: string;
  /** Bookkeeping of the journal hook: when the request arrived, and whether its entry is written. */
  startedAt?: number;
  at?: string;
  journaled?: boolean;
  /** Gives back the call's concurrency slot (once). */
  release?: () => void;
  /** Writes the journal entry now, with this status (once; later calls do nothing). */
  journal?: (status: number) => void;
}

const notes = new WeakMap<IncomingMessage, CallNote>();

export function noteFor(raw: IncomingMessage): CallNote {
  let note = notes.get(raw);
  if (!note) {
    note = {};
    notes.set(raw, note);
  }
  return note;
}

export function peekNote(raw: IncomingMessage): CallNote | undefined {
  return notes.get(raw);
}
