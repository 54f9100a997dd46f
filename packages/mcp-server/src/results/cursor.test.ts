/**
 * Paging cursors: what a cursor carries comes back whole, and only a cursor this process signed is read back;
 * anything else is refused with a rule that says to ask again without it.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CURSOR_MAX_AGE_MS,
  type CursorState,
  cursorTimeRefusal,
  decodeCursor,
  encodeCursor,
  isCursorRefusal,
  MAX_CURSOR_CHARS,
  readCursor,
  useCursorKey,
} from './cursor.js';

const STATE: CursorState = {
  report: 'act_3',
  request: { from: '20250203000000', to: '20250203235959' },
  offset: 20,
  limit: 20,
  groupBy: ['agent_id'],
  fetchedAt: 1,
};

function refusal(cursor: string): string {
  const read = readCursor(cursor);
  if (!isCursorRefusal(read)) throw new Error('the cursor was accepted');
  return read.rule;
}

describe('signed cursors', () => {
  it('reads back what this process signed', () => {
    expect(readCursor(encodeCursor(STATE))).toEqual(STATE);
  });

  it('refuses a payload changed under its signature', () => {
    const [prefix, payload, signature] = encodeCursor(STATE).split('.');
    const wire = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
    const changed = Buffer.from(JSON.stringify({ ...wire, q: { from: '20150615000000' } })).toString(
      'base64url',
    );
    expect(refusal(`${prefix}.${changed}.${signature}`)).toMatch(
      /not signed by this server process.*without cursor/,
    );
  });

  it('refuses a cursor signed with another key (another process or replica)', () => {
    const [prefix, payload] = encodeCursor(STATE).split('.');
    const foreign = createHmac('sha256', 'another key').update(payload!).digest().subarray(0, 16);
    expect(refusal(`${prefix}.${payload}.${foreign.toString('base64url')}`)).toMatch(/not signed/);
  });

  it('refuses the unsigned format of earlier versions, saying so', () => {
    const [, payload] = encodeCursor(STATE).split('.');
    expect(refusal(`wv1.${payload}`)).toMatch(/earlier version.*ask again without cursor/);
  });

  it('refuses what is not a cursor, and an oversize one before reading it', () => {
    expect(refusal('abc')).toMatch(/not a cursor from this server/);
    expect(refusal('wv2.')).toMatch(/not a cursor from this server/);
    expect(refusal(`wv2.${'A'.repeat(MAX_CURSOR_CHARS)}`)).toMatch(/longer than any cursor/);
  });
});

describe('one spelling', () => {
  it('refuses a signature that decodes to the right bytes but is not spelled as this server spells it', () => {
    const cursor = encodeCursor(STATE);
    const dot = cursor.lastIndexOf('.');
    const [head, signature] = [cursor.slice(0, dot + 1), cursor.slice(dot + 1)];
    const bytes = Buffer.from(signature, 'base64url');
    for (const other of [
      `${signature}=`,
      `${signature}==`,
      bytes.toString('base64'),
      `${signature.slice(0, 3)}*${signature.slice(3)}`,
      `${signature}\n`,
    ]) {
      expect(refusal(`${head}${other}`)).toMatch(/not signed by this server process/);
    }
  });

  it('reads one spelling of a payload, even one signed by this key', () => {
    const wire = Buffer.from(JSON.stringify({ r: 'act_3', q: {}, o: 0, l: 5, t: 1 })).toString('base64url');
    const padded = `${wire}${'='.repeat((4 - (wire.length % 4)) % 4 || 1)}`;
    const signature = createHmac('sha256', 'replica-key-for-spelling')
      .update(padded)
      .digest()
      .subarray(0, 16);
    useCursorKey('replica-key-for-spelling');
    try {
      expect(refusal(`wv2.${padded}.${signature.toString('base64url')}`)).toMatch(/is damaged/);
    } finally {
      useCursorKey('replica-key-shared-by-all');
    }
  });
});

describe("a cursor's time", () => {
  const NOW = Date.UTC(2025, 1, 3, 15);
  const at = (fetchedAt: number) => cursorTimeRefusal({ ...STATE, fetchedAt }, NOW);

  it('pages for a day after its result was fetched', () => {
    expect(at(NOW)).toBeUndefined();
    expect(at(NOW - CURSOR_MAX_AGE_MS)).toBeUndefined();
    expect(at(NOW - CURSOR_MAX_AGE_MS - 1)?.rule).toMatch(/^has expired: a cursor pages for 24 h/);
  });

  it('refuses a fetch time ahead of the clock beyond a few minutes of skew', () => {
    expect(at(NOW + 60_000)).toBeUndefined();
    expect(at(NOW + 3_600_000)?.rule).toMatch(/^carries a fetch time ahead of this server's clock/);
  });

  it('refuses a fetch time that is no time at all as damaged', () => {
    for (const fetchedAt of [-1, 1.5, 1e300]) {
      expect(refusal(encodeCursor({ ...STATE, fetchedAt }))).toMatch(/is damaged/);
    }
  });
});

describe('a configured cursor key', () => {
  it('makes cursors of every process with the same key readable, and of no other', () => {
    useCursorKey('replica-key-shared-by-all');
    const cursor = encodeCursor(STATE);
    useCursorKey('another-replica-key-xyz');
    expect(refusal(cursor)).toMatch(/not signed/);
    useCursorKey('replica-key-shared-by-all');
    expect(readCursor(cursor)).toEqual(STATE);
  });
});

describe('cursors', () => {
  it('round-trip and refuse what this server did not make', () => {
    const state = {
      report: 'act_3',
      request: { from: '2025-02-03', to: '2025-02-04', cod_act: 'cod_act1' },
      offset: 40,
      limit: 20,
      fields: ['conn_id'],
      filter: { agent_id: { '=': '1001' }, time: { '>=': 60, '<': '00:05:00' } },
      groupBy: ['agent_name'],
      aggregate: { avg: ['time'], max: ['date'] },
      orderBy: ['avg_time_seconds desc'],
      top: 10,
      fetchedAt: 123,
    };
    expect(decodeCursor(encodeCursor(state))).toEqual(state);
    expect(decodeCursor('wv1.bm90IGpzb24')).toBeUndefined();
    expect(decodeCursor('abc')).toBeUndefined();
    expect(
      decodeCursor(`wv1.${Buffer.from('{"r":"x","q":{},"o":-1,"l":5,"t":1}').toString('base64url')}`),
    ).toBeUndefined();
  });
});
