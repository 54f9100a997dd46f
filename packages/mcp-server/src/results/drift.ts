/**
 * Drift notes: when wolkvox's answer differed from the report's contract (a column missing, null, of another type,
 * or unknown), the client still returns every row and says how they differ. An assistant must hear it, or it reads
 * a blank column as "none" and sums over rows that lack the figure. Only field names and counts are said: the
 * drift report holds no value.
 */
import type { EnvelopeDrift, ReportDrift } from '../backend/source.js';
import { formatCount } from './render.js';

/** Fields named per kind of drift; the rest are counted ("and 4 more"), the structured `drift` holds them all. */
const MAX_NAMED = 6;

function rowsText(rows: number): string {
  return `${formatCount(rows)} ${rows === 1 ? 'row' : 'rows'}`;
}

/** `a`, `b` and 3 more, from field -> text entries already sorted by importance. */
function listNamed(parts: string[]): string {
  const named = parts.slice(0, MAX_NAMED);
  const more = parts.length - named.length;
  if (more > 0) named.push(`${formatCount(more)} more`);
  return named.length > 1 ? `${named.slice(0, -1).join(', ')} and ${named.at(-1)}` : (named[0] ?? '');
}

function byRows<T>(entries: [string, T][], rows: (value: T) => number): [string, T][] {
  return entries.sort(([a, x], [b, y]) => rows(y) - rows(x) || (a < b ? -1 : a > b ? 1 : 0));
}

const ENVELOPE_NOTES: Record<EnvelopeDrift, (count: number) => string> = {
  'bare-404': (n) =>
    `${formatCount(n)} window(s) came back as a 404 without wolkvox's "Validate dates entered" and were read as ` +
    'empty; if rows were expected there, check the server number or base URL.',
  'data-object': (n) =>
    `wolkvox sent one object instead of a list in ${formatCount(n)} window(s); each was read as one row.`,
  'data-list': (n) =>
    `wolkvox sent a list instead of one object in ${formatCount(n)} window(s); every item was read as a row.`,
  'data-missing': (n) =>
    `${formatCount(n)} window(s) answered success without rows (no \`data\`) and were read as empty.`,
  'non-object-rows': (n) => `${formatCount(n)} item(s) of wolkvox's data were not rows and were left out.`,
};

/** The reply's notes about drift: none when the rows matched the contract. */
export function driftNotes(drift: ReportDrift | undefined): string[] {
  if (!drift) return [];
  const notes: string[] = [];
  const sent: string[] = [];
  const missing = byRows(Object.entries(drift.missing), (rows) => rows);
  if (missing.length)
    sent.push(`rows without ${listNamed(missing.map(([f, n]) => `\`${f}\` (${rowsText(n)})`))}`);
  const nulls = byRows(Object.entries(drift.nulls), (rows) => rows);
  if (nulls.length) sent.push(`null ${listNamed(nulls.map(([f, n]) => `\`${f}\` (${rowsText(n)})`))}`);
  const mistyped = byRows(Object.entries(drift.unexpectedType), (entry) => entry.rows);
  if (mistyped.length) {
    const parts = mistyped.map(([f, e]) => `\`${f}\` as ${e.received} (${rowsText(e.rows)})`);
    sent.push(`${listNamed(parts)} instead of the documented type`);
  }
  const extra = byRows(Object.entries(drift.extra), (entry) => entry.rows);
  if (extra.length) {
    const parts = extra.map(([f, e]) => `\`${f}\` (${rowsText(e.rows)})`);
    sent.push(
      `${extra.length === 1 ? 'an unknown field' : `${formatCount(extra.length)} unknown fields`} ${listNamed(parts)}`,
    );
  }
  if (sent.length > 0) {
    notes.push(
      `wolkvox's answer differs from the report's contract in ${rowsText(drift.rows)}: it sent ${sent.join('; ')}. ` +
        'Every row is shown as sent (unknown fields as extra columns); figures from those rows may be incomplete.',
    );
  }
  for (const [kind, count] of Object.entries(drift.envelope) as [EnvelopeDrift, number][]) {
    // A kind this server does not know yet (a newer client) still shows in the structured `drift`.
    const note = ENVELOPE_NOTES[kind];
    if (note && count) notes.push(note(count));
  }
  return notes;
}
