/**
 * The one place that fits a reply: notes and name lists bounded, a row too long for any reply cut cell by cell
 * rather than never shown, and the last word on any reply (an answer over the bound is refused, never sent cut;
 * links counted with its characters, images by their own bound).
 */
import { describe, expect, it } from 'vitest';
import {
  boundNames,
  boundNotes,
  boundReply,
  cutCells,
  fitRows,
  MAX_IMAGE_BYTES,
  MAX_NOTE_CHARS,
  MAX_NOTES,
  MAX_REPLY_CHARS,
  MAX_TEXT_CHARS,
  type Reply,
  replyChars,
} from './budget.js';

describe('notes', () => {
  it('are kept as they are when few and short', () => {
    expect(boundNotes(['a', 'b'])).toEqual(['a', 'b']);
  });

  it('are cut to their length, and counted past the most a reply carries', () => {
    const notes = boundNotes(Array.from({ length: 25 }, (_, i) => `${i}`.padEnd(5_000, 'n')));
    expect(notes).toHaveLength(MAX_NOTES);
    expect(notes.at(-1)).toBe('16 more notes are left out of this answer.');
    expect(notes[0]).toMatch(new RegExp(`^0n{${MAX_NOTE_CHARS - 1}}… \\(cut: 5000 characters\\)$`));
  });
});

describe('name lists', () => {
  it('keep the first names within the size, leave out the over-long ones, and count the rest', () => {
    const names = ['a', 'x'.repeat(100), 'b', 'c', 'd'];
    expect(boundNames(names, { maxNameChars: 10, maxChars: 14 })).toEqual({ kept: ['a', 'b', 'c'], left: 2 });
    expect(boundNames(names, { maxNameChars: 100, maxChars: 1_000 })).toEqual({ kept: names, left: 0 });
  });
});

describe('a row too long for any reply', () => {
  const build = (
    shown: readonly Record<string, unknown>[],
    cut?: { cells: number; chars: number },
  ): Reply => ({
    text: `${shown.length} rows${cut ? `, ${cut.cells} cut to ${cut.chars}` : ''}`,
    structured: { rows: shown },
  });

  it('is shown cut cell by cell, its longest values first, rather than not at all', () => {
    const row = { id: 7, short: 'ok', long: 'x'.repeat(80_000), nested: { list: 'y'.repeat(80_000) } };
    const { n, built } = fitRows([row, row], build);
    expect(n).toBe(1);
    expect(replyChars(built)).toBeLessThanOrEqual(MAX_REPLY_CHARS);
    const shown = (built.structured!.rows as Record<string, unknown>[])[0]!;
    expect(shown.id).toBe(7);
    expect(shown.short).toBe('ok');
    expect(shown.long).toMatch(/^x+…$/);
    expect(shown.nested).toMatch(/^\{"list":"y+…$/);
    expect(built.text).toMatch(/^1 rows, 2 cut to \d+$/);
  });

  it('leaves rows that fit as they are', () => {
    const rows = [{ a: 'x'.repeat(10) }, { a: 'y' }];
    expect(fitRows(rows, build).built.structured!.rows).toEqual(rows);
  });

  it('cuts with own keys whatever a column is named', () => {
    const row = JSON.parse('{"__proto__": "p", "constructor": "c"}');
    expect(Object.keys(cutCells(row, 0).row)).toEqual(['__proto__', 'constructor']);
  });
});

describe('the last word on a reply', () => {
  it('passes a reply within the bounds as it is', () => {
    const reply = { text: 'fine', structured: { rows: [] } };
    expect(boundReply(reply, 'run_report')).toEqual({ reply });
  });

  it('cuts a refusal over the bounds, with its length', () => {
    const { reply, over } = boundReply({ text: 'e'.repeat(90_000), isError: true }, 'run_report');
    expect(over).toBeUndefined();
    expect(reply.isError).toBe(true);
    expect(reply.text.length).toBeLessThan(MAX_TEXT_CHARS);
    expect(reply.text).toMatch(/… \(cut: 90000 characters\)$/);
  });

  it('refuses an answer over the bounds rather than send part of it', () => {
    const { reply, over } = boundReply(
      { text: 'rows', structured: { rows: ['r'.repeat(60_000)] } },
      'run_report',
    );
    expect(over).toBe(60_017);
    expect(reply).toEqual({
      text:
        'run_report: the answer came to 60,017 characters, more than the 50,000 an answer may carry, so none of ' +
        'it is shown (a part could pass for the whole). Ask for less in one call: fewer rows (limit) or columns ' +
        '(fields), or aggregate.',
      isError: true,
    });
  });

  const link = {
    uri: 'wolkvox://exports/abc',
    name: 'cdr_1.csv',
    description: 'x'.repeat(1_000),
    mimeType: 'text/csv',
  };
  const image = (bytes: number) => ({
    data: Buffer.alloc(bytes, 1).toString('base64'),
    mimeType: 'image/png',
  });

  it("counts a link's fields with the answer's characters, and never an image's", () => {
    const text = 'rows';
    // Within the bound by itself, over it with the link: the link lands in the conversation too.
    const structured = { rows: ['r'.repeat(MAX_REPLY_CHARS - 500)] };
    expect(replyChars({ text, structured })).toBeLessThanOrEqual(MAX_REPLY_CHARS);
    const linked = boundReply({ text, structured, links: [link] }, 'run_report');
    expect(linked.reply).toMatchObject({ isError: true });
    expect(linked.over).toBe(replyChars({ text, structured }) + JSON.stringify([link]).length);
    // An image of the bound's size beside the same answer (a third larger as base64) costs it nothing.
    const reply = { text, structured, images: [image(MAX_IMAGE_BYTES)] };
    expect(boundReply(reply, 'run_report')).toEqual({ reply });
  });

  it('leaves out an image over its bound, saying so, and sends the answer whole', () => {
    const kept = image(1_000);
    const given = { text: 'chart', structured: { chart: {} }, images: [image(MAX_IMAGE_BYTES + 1), kept] };
    const { reply, imagesLeft, over } = boundReply(given, 'run_report');
    expect(over).toBeUndefined();
    expect(imagesLeft).toBe(1);
    expect(reply).toEqual({
      ...given,
      text: 'chart\nNote: 1 image(s) over the 100,000 bytes an answer carries are left out; the answer is whole without them.',
      images: [kept],
    });
  });
});
