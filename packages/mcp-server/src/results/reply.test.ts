/**
 * Reply shaping over synthetic rows: exact totals, paging, fields, filter, group_by sums, the text budget.
 */

import type { FieldMap } from '@wolkvox-mcp/contracts';
import { describe, expect, it } from 'vitest';
import { groupRows } from './aggregate.js';
import { MAX_REPLY_CHARS, MAX_TEXT_CHARS } from './budget.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { type ReportReplyInput, reportReply } from './reply.js';

const FIELDS: FieldMap = {
  id: { kind: 'conn_id', meaning: 'call id' },
  agent: { kind: 'person_name', meaning: 'agent name' },
  talk: { kind: 'duration', meaning: 'talk time' },
  calls: { kind: 'count', meaning: 'calls' },
  minutes: { kind: 'minutes', meaning: 'minutes' },
  share: { kind: 'percent', meaning: 'share' },
  comment: { kind: 'text', meaning: 'free text' },
};

function rows(n: number, comment = 'ok') {
  return Array.from({ length: n }, (_, i) => ({
    id: String(1000 + i),
    agent: ['Ana', 'Beto', 'Carla'][i % 3]!,
    talk: `00:0${i % 3}:30`,
    calls: String(i % 4),
    minutes: '1.5',
    share: '10.25 %',
    comment,
  }));
}

function input(
  overrides: Partial<ReportReplyInput> & { rows?: Record<string, string>[] } = {},
): ReportReplyInput {
  const data = overrides.rows ?? rows(57);
  return {
    report: { id: 'demo_1', title: 'Demo', fields: FIELDS },
    tool: 'wolkvox_demo_1',
    result: {
      rows: data,
      window: { from: '2025-02-03 00:00:00', to: '2025-02-03 23:59:59' },
      windows: 1,
      requests: 1,
      fetchedAt: Date.UTC(2025, 1, 4),
    },
    fromCache: false,
    controls: { offset: 0, limit: 20 },
    timeZone: 'America/Bogota',
    source: 'emulator',
    cursorAt: (offset) =>
      encodeCursor({ report: 'demo_1', request: { from: '2025-02-03' }, offset, limit: 20, fetchedAt: 1 }),
    ...overrides,
  };
}

describe('reportReply', () => {
  it('says why an answer is empty: an empty window, or a filter that matched nothing', () => {
    const empty = reportReply(input({ rows: [] }));
    expect(empty.text).toContain('Totals (exact): 0 rows fetched.');
    expect(empty.text).toContain('no records of this report in the window');
    const unmatched = reportReply(
      input({ controls: { offset: 0, limit: 20, filter: { agent: { '=': 'Zoe' } } } }),
    );
    expect(unmatched.text).toContain('nothing matches the filter');
    const now = reportReply(input({ rows: [], result: { ...input().result, rows: [], window: null } }));
    expect(now.text).toContain('nothing at the moment');
  });

  it('says when an aggregate report came from several windows, and only then', () => {
    const grouped: FieldMap = {
      ...FIELDS,
      calls: { kind: 'count', meaning: 'calls', from: { count: true } },
    };
    const base = input({ report: { id: 'demo_1', title: 'Demo', fields: grouped } });
    const split = reportReply({ ...base, result: { ...base.result, windows: 3 } });
    expect((split.structured.notes as string[]).join(' ')).toMatch(
      /fetched as 3 windows .* aggregates within each one/,
    );
    expect((reportReply(base).structured.notes as string[]).join(' ')).not.toMatch(/aggregates within/);
    const detail = reportReply({ ...input(), result: { ...input().result, windows: 3 } });
    expect((detail.structured.notes as string[]).join(' ')).not.toMatch(/aggregates within/);
  });

  it('gives exact totals, the first page and the way to the next one', () => {
    const { structured, text } = reportReply(input());
    expect(structured.totals).toEqual({ rows: 57, matched: 57, groups: null });
    expect(structured.shown).toBe(20);
    expect(structured.has_more).toBe(true);
    expect(structured.next_offset).toBe(20);
    expect(decodeCursor(structured.next_cursor as string)?.offset).toBe(20);
    expect((structured.rows as unknown[]).length).toBe(20);
    expect(text).toContain('Showing rows 1–20 of 57');
    expect(text).toContain('More: 37 rows not shown');
    expect(text).toContain('simulated data');
  });

  it('says when the page holds everything', () => {
    const { structured, text } = reportReply(input({ rows: rows(5) }));
    expect(structured.has_more).toBe(false);
    expect(structured.next_cursor).toBeNull();
    expect(text).toContain('Showing rows 1–5 of 5 (all of them)');
  });

  it('pages by offset and reports an offset past the end', () => {
    const last = reportReply(input({ controls: { offset: 40, limit: 20 } }));
    expect(last.structured.shown).toBe(17);
    expect(last.structured.has_more).toBe(false);
    const past = reportReply(input({ controls: { offset: 80, limit: 20 } }));
    expect(past.structured.shown).toBe(0);
    expect((past.structured.notes as string[]).join()).toContain('offset 80 is past the end');
  });

  it('filters by value, ignoring case, and picks fields', () => {
    const { structured } = reportReply(
      input({
        controls: { offset: 0, limit: 100, filter: { agent: { '=': 'beto' } }, fields: ['id', 'agent'] },
      }),
    );
    expect(structured.totals).toEqual({ rows: 57, matched: 19, groups: null });
    expect(structured.columns).toEqual(['id', 'agent']);
    for (const row of structured.rows as Record<string, unknown>[])
      expect(Object.keys(row)).toEqual(['id', 'agent']);
  });

  it('groups with counts and the sums of what adds up (never a percentage), durations in seconds, largest group first', () => {
    const data = rows(7);
    const { structured } = reportReply(
      input({ rows: data, controls: { offset: 0, limit: 20, groupBy: ['agent'] } }),
    );
    expect(structured.totals).toEqual({ rows: 7, matched: 7, groups: 3 });
    expect(structured.columns).toEqual(['agent', 'count', 'sum_talk_seconds', 'sum_calls', 'sum_minutes']);
    const ana = (structured.rows as Record<string, unknown>[])[0]!;
    // Ana holds rows 0, 3, 6: talk 00:00:30, 00:00:30, 00:00:30; calls 0, 3, 2.
    expect(ana).toEqual({
      agent: 'Ana',
      count: 3,
      sum_talk_seconds: 90,
      sum_calls: 5,
      sum_minutes: 4.5,
    });
  });

  it('sums only the fields named in `fields` that add up when grouping; an empty list asks for the count alone', () => {
    expect(groupRows(rows(6), ['agent'], FIELDS, { sumFields: ['calls', 'share'] }).columns).toEqual([
      'agent',
      'count',
      'sum_calls',
    ]);
    expect(groupRows(rows(6), ['agent'], FIELDS, { sumFields: [] }).columns).toEqual(['agent', 'count']);
  });

  it('never sums an average or a percentage by default, and an entry may say a field does not add up', () => {
    const fields: FieldMap = {
      agent: { kind: 'person_name', meaning: 'agent' },
      talk: { kind: 'duration', meaning: 'talk', from: { sum: 'talk_seconds' } },
      aht: {
        kind: 'duration',
        meaning: 'average handle time',
        from: { ratio: 'handle_seconds', per: 'calls' },
      },
      asa: { kind: 'seconds', meaning: 'average speed of answer', from: { avg: 'wait_seconds' } },
      tmo: { kind: 'duration', meaning: 'time per chat', adds: false },
      score: { kind: 'number', meaning: 'a survey score' },
      cost: { kind: 'number', meaning: 'cost', from: { sum: 'cost' } },
    };
    const data = [
      {
        agent: 'Ana',
        talk: '00:01:00',
        aht: '00:02:00',
        asa: '4',
        tmo: '23:00:00',
        score: '4.5',
        cost: '120',
      },
    ];
    expect(groupRows(data, ['agent'], fields).columns).toEqual([
      'agent',
      'count',
      'sum_talk_seconds',
      'sum_cost',
    ]);
  });

  it('says how many tie at a top cut, and how many of them are shown', () => {
    // calls run 0,1,2,3,0,1,...: over 12 rows, three of each; top 4 by calls desc cuts through the 2s.
    const cut = reportReply(
      input({ rows: rows(12), controls: { offset: 0, limit: 20, orderBy: ['calls desc'], top: 4 } }),
    );
    expect(cut.text).toContain('3 rows tie at calls "2" at the top cut; 1 of them are shown. Raise top by 2');
    expect((cut.structured.totals as Record<string, unknown>).tied_at_top).toEqual({ tied: 3, shown: 1 });
    // A clean cut (after the three 3s) says nothing.
    const clean = reportReply(
      input({ rows: rows(12), controls: { offset: 0, limit: 20, orderBy: ['calls desc'], top: 3 } }),
    );
    expect(clean.text).not.toContain('tie at');
    // Groups without order_by rank by count: three agents of 3 rows each, top 1 ties three ways.
    const grouped = reportReply(
      input({ rows: rows(9), controls: { offset: 0, limit: 20, groupBy: ['agent'], top: 1 } }),
    );
    expect(grouped.text).toContain('3 groups tie at count 3 at the top cut; 1 of them are shown');
  });

  it('names the values nearest a number condition that matched nothing, the most frequent for text', () => {
    const data = rows(12).map((row, i) => ({ ...row, share: `${80 + i * 0.5} %` }));
    const high = reportReply(
      input({ rows: data, controls: { offset: 0, limit: 20, filter: { share: { '>': 90 } } } }),
    );
    expect(high.text).toContain(
      `No row's share matches its condition; the values nearest it: "85.5 %", "85 %", "84.5 %"`,
    );
    const band = reportReply(
      input({ rows: data, controls: { offset: 0, limit: 20, filter: { share: { '>=': 70, '<': 80 } } } }),
    );
    expect(band.text).toContain(`the values nearest it: "80 %", "80.5 %"`);
    const text = reportReply(
      input({ rows: data, controls: { offset: 0, limit: 20, filter: { agent: { '=': 'Zoe' } } } }),
    );
    expect(text.text).toContain(
      `No row's agent matches its condition; values it holds: "Ana", "Beto", "Carla"`,
    );
  });

  it('flags an average a few far values pull above twice the median, naming a timeout when they are near a day', () => {
    const talk = ['00:04:00', '00:05:00', '00:05:00', '00:06:00', '00:05:30', '23:00:00'];
    const data = rows(6).map((row, i) => ({ ...row, agent: 'Ana', talk: talk[i]! }));
    const { text } = reportReply(
      input({
        rows: data,
        controls: { offset: 0, limit: 20, groupBy: ['agent'], aggregate: { avg: ['talk'] } },
      }),
    );
    expect(text).toMatch(
      /avg_talk_seconds is pulled up by a few far values in 1 of 1 group\(s\) \(e\.g\. "Ana"\): average 14,055, median 315, 1 value\(s\) over ten times the median \(the largest 82,800\)\. Values near a day/,
    );
    const even = data.map((row) => ({ ...row, talk: '00:05:00' }));
    const plain = reportReply(
      input({
        rows: even,
        controls: { offset: 0, limit: 20, groupBy: ['agent'], aggregate: { avg: ['talk'] } },
      }),
    );
    expect(plain.text).not.toContain('pulled up');
  });

  it('counts values that do not read as numbers instead of hiding them', () => {
    const data = rows(3).map((row, i) => ({ ...row, calls: i === 0 ? 'n/a' : row.calls }));
    const { structured } = reportReply(
      input({ rows: data, controls: { offset: 0, limit: 20, groupBy: ['agent'] } }),
    );
    expect((structured.notes as string[]).join()).toContain('1 value(s) of calls did not read as its kind');
  });

  it('keeps the text under 25,000 characters and the reply within 50,000 by showing fewer rows, and says so', () => {
    const data = rows(500, 'x'.repeat(280));
    const { structured, text } = reportReply(input({ rows: data, controls: { offset: 0, limit: 500 } }));
    expect(text.length).toBeLessThan(MAX_TEXT_CHARS);
    expect(text.length + JSON.stringify(structured).length).toBeLessThanOrEqual(MAX_REPLY_CHARS);
    const shown = structured.shown as number;
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(500);
    expect(structured.next_offset).toBe(shown);
    expect(text).toContain(`Only ${shown} of the 500 rows asked for are shown`);
    expect(text).toContain('next_cursor');
  });

  it('without limit, shows the whole result when it fits, else a first page of 20', () => {
    const fits = reportReply(input({ rows: rows(57), controls: { offset: 0 } }));
    expect(fits.structured).toMatchObject({ shown: 57, has_more: false, limit: 57 });
    const big = reportReply(input({ rows: rows(600), controls: { offset: 0 } }));
    expect(big.structured).toMatchObject({ shown: 20, has_more: true, limit: 20 });
    const wide = reportReply(input({ rows: rows(200, 'z'.repeat(250)), controls: { offset: 0 } }));
    expect(wide.structured).toMatchObject({ shown: 20, has_more: true });
  });

  it('gives numbers as JSON numbers in structured content, durations and text as sent', () => {
    const data = [{ ...rows(1)[0]!, calls: '1,234', share: '15,233.33 %', minutes: '-' }];
    const { structured, text } = reportReply(input({ rows: data }));
    expect((structured.rows as Record<string, unknown>[])[0]).toMatchObject({
      id: '1000',
      talk: '00:00:30',
      calls: 1234,
      share: 15233.33,
      minutes: null,
    });
    // The text keeps wolkvox's own strings.
    expect(text).toContain('| 1,234 |');
  });

  it('says how old a real-time answer is, on the tenant clock', () => {
    const fetchedAt = Date.parse('2025-02-03T15:42:05Z');
    const answer = reportReply({
      ...input(),
      result: { ...input().result, window: null, fetchedAt },
      now: () => new Date(fetchedAt + 35_000),
    });
    expect(answer.text).toContain('Current state as of 10:42:05 (America/Bogota), 35 s ago');
    expect(answer.structured).toMatchObject({ as_of: '2025-02-03 10:42:05', age_seconds: 35 });
  });

  it('shortens a huge value in the text only', () => {
    const data = rows(1, 'y'.repeat(5_000));
    const { structured, text } = reportReply(input({ rows: data }));
    expect(text.length).toBeLessThan(MAX_TEXT_CHARS);
    expect(((structured.rows as Record<string, string>[])[0]!.comment ?? '').length).toBe(5_000);
    expect(text).toContain('Long values are shortened');
  });

  it('shows a row too long for any reply cut cell by cell, and pages past it', () => {
    const data = rows(3, 'y'.repeat(200_000));
    const { structured, text } = reportReply(input({ rows: data, controls: { offset: 1, limit: 20 } }));
    expect(structured).toMatchObject({ offset: 1, shown: 1, has_more: true, next_offset: 2 });
    expect((structured.rows as Record<string, string>[])[0]!.comment).toMatch(/^y+…$/);
    expect(text.length + JSON.stringify(structured).length).toBeLessThanOrEqual(MAX_REPLY_CHARS);
    expect(text).toMatch(
      /Note: One row is too long for one answer: 1 of its value\(s\) are cut to \d+ characters/,
    );
    expect(text).not.toContain('structured content holds them whole');
  });

  it('shows the documented columns and the unknown ones that fit, counting the rest', () => {
    const extra = Object.fromEntries(Array.from({ length: 1_000 }, (_, i) => [`unknown_${i}`, 'v']));
    const data = rows(2).map((row) => ({ ...row, ...extra, ['u'.repeat(100)]: 'long name' }));
    const { structured } = reportReply(input({ rows: data }));
    const columns = structured.columns as string[];
    expect(columns.slice(0, 7)).toEqual(Object.keys(FIELDS));
    expect(columns[7]).toBe('unknown_0');
    expect(JSON.stringify(columns.slice(7)).length).toBeLessThanOrEqual(2_000);
    expect(columns).not.toContain('u'.repeat(100));
    expect(structured.notes).toContainEqual(
      `wolkvox sent ${1_001 - (columns.length - 7)} more column(s) the report's contract does not know; they are left out of this answer (too many, or names too long, for one answer).`,
    );
  });
});
