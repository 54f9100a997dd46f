/**
 * Drift notes: what an assistant is told when wolkvox's rows differ from the report's contract.
 */
import { describe, expect, it } from 'vitest';
import type { ReportDrift } from '../backend/source.js';
import { DRIFT_NAMES, driftContent, driftNotes } from './drift.js';

function drift(overrides: Partial<ReportDrift>): ReportDrift {
  return { rows: 0, missing: {}, nulls: {}, unexpectedType: {}, extra: {}, envelope: {}, ...overrides };
}

describe('driftNotes', () => {
  it('says nothing without drift', () => {
    expect(driftNotes(undefined)).toEqual([]);
  });

  it('names the fields, most rows first, with their row counts', () => {
    const [note, ...rest] = driftNotes(
      drift({
        rows: 3,
        missing: { date_close: 1, date: 3 },
        extra: { agent_answers2: { rows: 1, kind: 'string' } },
      }),
    );
    expect(rest).toEqual([]);
    expect(note).toBe(
      "wolkvox's answer differs from the report's contract in 3 rows: it sent rows without `date` (3 rows) and " +
        '`date_close` (1 row); an unknown field `agent_answers2` (1 row). Every row is shown as sent (unknown ' +
        'fields as extra columns); figures from those rows may be incomplete.',
    );
  });

  it('names a few fields of each kind and counts the rest', () => {
    const missing = Object.fromEntries('abcdefghij'.split('').map((name) => [name, 1]));
    const [note] = driftNotes(drift({ rows: 1, missing }));
    expect(note).toContain(
      '`a` (1 row), `b` (1 row), `c` (1 row), `d` (1 row), `e` (1 row), `f` (1 row) and 4 more',
    );
  });

  it('explains each envelope reading in a note of its own', () => {
    const notes = driftNotes(drift({ envelope: { 'bare-404': 2, 'data-object': 1 } }));
    expect(notes).toHaveLength(2);
    expect(notes[0]).toContain('2 window(s) came back as a 404');
    expect(notes[1]).toContain('one object instead of a list in 1 window(s)');
  });
});

describe('driftContent', () => {
  it('is the drift as the client said it when it names few fields', () => {
    const few = drift({
      rows: 2,
      missing: { date: 2 },
      extra: { agent_answers2: { rows: 1, kind: 'string' } },
    });
    expect(driftContent(few)).toBe(few);
  });

  it('lists the fields with the most rows within its bound and counts the rest, per kind', () => {
    const extra = Object.fromEntries(
      Array.from({ length: 3_000 }, (_, i) => [
        `unknown_${i}`,
        { rows: i === 2_999 ? 9 : 1, kind: 'string' as const },
      ]),
    );
    const content = driftContent(drift({ rows: 9, missing: { date: 9 }, extra }));
    const listed = Object.keys(content.extra);
    expect(listed[0]).toBe('unknown_2999');
    expect(JSON.stringify(listed).length).toBeLessThanOrEqual(DRIFT_NAMES.maxChars);
    expect(content.unlisted).toEqual({ extra: 3_000 - listed.length });
    expect(content.missing).toEqual({ date: 9 });
  });

  it('leaves out a field named in a megabyte, and a note cuts its name', () => {
    const name = 'k'.repeat(1_000_000);
    const long = drift({ rows: 1, extra: { [name]: { rows: 1, kind: 'string' } } });
    expect(driftContent(long)).toMatchObject({ extra: {}, unlisted: { extra: 1 } });
    const [note] = driftNotes(long);
    expect(note!.length).toBeLessThan(400);
    expect(note).toContain(`an unknown field \`${'k'.repeat(64)}…\` (1 row)`);
  });
});
