/**
 * Drift notes: when wolkvox's answer differed from the report's contract (a column missing, null, of another type,
 * or unknown), the client still returns every row and says how they differ. An assistant must hear it, or it reads
 * a blank column as "none" and sums over rows that lack the figure. Only field names and counts are said: the
 * drift report holds no value.
 */
import type { EnvelopeDrift, ReportDrift } from '../backend/source.js';
import { boundNames, type NameBound } from './budget.js';
import { formatCount } from './render.js';

/** Fields named per kind of drift in a note; the rest are counted ("and 4 more"). */
const MAX_NAMED = 6;
/** Characters of a field name a note quotes: a backend may send a column named in a megabyte. */
const NOTE_NAME_CHARS = 64;
/**
 * The fields the structured `drift` lists per kind: a backend may send thousands of unknown columns. The fields
 * with the most rows first; those left out are counted in `unlisted`.
 */
export const DRIFT_NAMES: NameBound = { maxNameChars: 64, maxChars: 3_000 };

function rowsText(rows: number): string {
  return `${formatCount(rows)} ${rows === 1 ? 'row' : 'rows'}`;
}

/** A field name as a note quotes it: in backticks, a long one cut. */
function quoted(field: string): string {
  return `\`${field.length > NOTE_NAME_CHARS ? `${field.slice(0, NOTE_NAME_CHARS)}…` : field}\``;
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
    sent.push(`rows without ${listNamed(missing.map(([f, n]) => `${quoted(f)} (${rowsText(n)})`))}`);
  const nulls = byRows(Object.entries(drift.nulls), (rows) => rows);
  if (nulls.length) sent.push(`null ${listNamed(nulls.map(([f, n]) => `${quoted(f)} (${rowsText(n)})`))}`);
  const mistyped = byRows(Object.entries(drift.unexpectedType), (entry) => entry.rows);
  if (mistyped.length) {
    const parts = mistyped.map(([f, e]) => `${quoted(f)} as ${e.received} (${rowsText(e.rows)})`);
    sent.push(`${listNamed(parts)} instead of the documented type`);
  }
  const extra = byRows(Object.entries(drift.extra), (entry) => entry.rows);
  if (extra.length) {
    const parts = extra.map(([f, e]) => `${quoted(f)} (${rowsText(e.rows)})`);
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

type NamedDrift = 'missing' | 'nulls' | 'unexpectedType' | 'extra';
const NAMED_KINDS: readonly NamedDrift[] = ['missing', 'nulls', 'unexpectedType', 'extra'];

/**
 * The drift as structured content carries it: as the client said it, or, when a kind names too many fields or too
 * long ones, the fields with the most rows within DRIFT_NAMES and `unlisted` counting the rest, per kind.
 */
export function driftContent(
  drift: ReportDrift,
): ReportDrift & { unlisted?: Partial<Record<NamedDrift, number>> } {
  const bounded: ReportDrift = { ...drift };
  const unlisted: Partial<Record<NamedDrift, number>> = {};
  for (const kind of NAMED_KINDS) {
    const entries = Object.entries(drift[kind]) as [string, number | { rows: number }][];
    const fields = entries.map(([field]) => field);
    if (boundNames(fields, DRIFT_NAMES).left === 0) continue;
    const ranked = byRows(entries, (entry) => (typeof entry === 'number' ? entry : entry.rows));
    const { kept, left } = boundNames(
      ranked.map(([field]) => field),
      DRIFT_NAMES,
    );
    const keep = new Set(kept);
    // Own properties whatever a field is named (a backend may send a column named __proto__).
    (bounded as Record<NamedDrift, unknown>)[kind] = Object.fromEntries(
      ranked.filter(([field]) => keep.has(field)),
    );
    unlisted[kind] = left;
  }
  return Object.keys(unlisted).length ? { ...bounded, unlisted } : drift;
}
