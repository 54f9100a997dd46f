/**
 * The `drift` fault applied to an answer: every row of its `data` with the named fields dropped, renamed, added or
 * set, the envelope as it was. Answers are serialized once and kept (answers.ts), so a drifted one is read back,
 * changed and written again: a fault's path, never the common one.
 */
import type { FaultSpec } from './fault-rule.js';

type DriftSpec = Extract<FaultSpec, { kind: 'drift' }>;
type Row = Record<string, unknown>;

function driftRow(row: Row, drift: DriftSpec): Row {
  const out: Row = {};
  for (const [name, value] of Object.entries(row)) {
    if (drift.drop?.includes(name)) continue;
    const renamed = drift.rename && Object.hasOwn(drift.rename, name) ? drift.rename[name]! : name;
    out[renamed] = drift.set && Object.hasOwn(drift.set, name) ? drift.set[name] : value;
  }
  for (const [name, value] of Object.entries(drift.add ?? {})) out[name] = value;
  return out;
}

/** The body with its rows drifted; a body without rows (an error, an empty window) as it was. */
export function driftedBody(body: Buffer, drift: DriftSpec): Buffer {
  const envelope = JSON.parse(body.toString('utf8')) as { data?: unknown };
  const { data } = envelope;
  const isRow = (value: unknown): value is Row =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  if (Array.isArray(data)) envelope.data = data.map((row) => (isRow(row) ? driftRow(row, drift) : row));
  else if (isRow(data)) envelope.data = driftRow(data, drift);
  else return body;
  return Buffer.from(JSON.stringify(envelope));
}
