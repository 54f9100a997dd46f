import type { IncomingMessage } from 'node:http';

/**
 * What the report route learns about a call (family, api, token label, rows, bytes, fault), kept beside the raw
 * request so the journal can write one entry when the response closes, whatever path the call took.
 */
export interface CallNote {
  family?: string;
  api?: string;
  token?: string;
  rows?: number;
  bytes?: number;
  fault?: string;
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
