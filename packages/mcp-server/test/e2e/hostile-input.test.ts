/**
 * Hostile input (issue 11, findings 1 and 2): a cursor cannot carry a query its arguments would be refused for
 * (it is signed, and what it carries is checked by the arguments' own schema), and no string argument is read,
 * compared or echoed past a bound.
 */
import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeMatches } from '../../src/catalog/suggest.js';
import { MAX_TEXT_CHARS } from '../../src/results/budget.js';
import { type EmulatedSession, emulatedSession, structured, textOf } from '../helpers.js';

let session: EmulatedSession;
let client: Client;

beforeAll(async () => {
  session = await emulatedSession({ emulator: { volume: 40 }, toolsets: 'all' });
  client = session.client;
});
afterAll(() => session?.close());

const call = (name: string, args: Record<string, unknown>) => client.callTool({ name, arguments: args });

/** The JSON a cursor carries, and a cursor of the same shape around other JSON (signed or not). */
function payloadOf(cursor: string): Record<string, unknown> {
  const [, payload] = cursor.split('.');
  return JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
}
function withPayload(cursor: string, wire: unknown): string {
  const [prefix, , signature] = cursor.split('.');
  return `${prefix}.${Buffer.from(JSON.stringify(wire)).toString('base64url')}.${signature}`;
}

async function firstCursor(): Promise<string> {
  const answer = structured(await call('wolkvox_act_3', { from: 'last_7_days', limit: 1 }));
  expect(answer.next_cursor).toEqual(expect.any(String));
  return answer.next_cursor as string;
}

describe('cursors (finding 1)', () => {
  it('refuses a forged ten-year window, as arguments are refused', async () => {
    const cursor = await firstCursor();
    const forged = withPayload(cursor, { ...payloadOf(cursor), q: { from: '2015-06-15', to: '2025-06-14' } });
    const result = await call('wolkvox_act_3', { cursor: forged });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/cursor/);
    expect(textOf(result)).toMatch(/ask again without cursor/);
  });

  it('refuses the unsigned format of earlier versions and cursors of another key', async () => {
    const cursor = await firstCursor();
    const old = `wv1.${Buffer.from(JSON.stringify(payloadOf(cursor))).toString('base64url')}`;
    const oldResult = await call('wolkvox_act_3', { cursor: old });
    expect(oldResult.isError).toBe(true);
    expect(textOf(oldResult)).toMatch(/earlier version.*ask again without cursor/);

    const [prefix, payload] = cursor.split('.');
    const foreign = `${prefix}.${payload}.${Buffer.alloc(16, 7).toString('base64url')}`;
    const foreignResult = await call('run_report', { cursor: foreign });
    expect(foreignResult.isError).toBe(true);
    expect(textOf(foreignResult)).toMatch(/not signed by this server process/);
  });

  it('checks what a signed cursor carries with the arguments schema (a group_by of no column)', async () => {
    const { validateCursorPayload } = await signedCursorOf({ g: ['nope'] });
    expect(validateCursorPayload.isError).toBe(true);
    expect(textOf(validateCursorPayload)).toMatch(/group_by.*unknown column/);
  });

  it('refuses a signed cursor whose window arguments would be refused for', async () => {
    const { validateCursorPayload } = await signedCursorOf({
      q: { from: '20150615000000', to: '20250614235959' },
    });
    expect(validateCursorPayload.isError).toBe(true);
    expect(textOf(validateCursorPayload)).toMatch(/cursor: carries a query .*to: .*ask again without cursor/);
  });

  it('still pages with a cursor it made', async () => {
    const cursor = await firstCursor();
    const next = structured(await call('wolkvox_act_3', { cursor }));
    expect(next.offset).toBe(1);
    const viaRun = structured(await call('run_report', { cursor }));
    expect(viaRun.offset).toBe(1);
  });
});

/**
 * A cursor signed by this process around a changed query: what a leaked key or a bug in the server could make.
 * The signature is this process's own (the module's encoder), so only the schema check stands in the way.
 */
async function signedCursorOf(change: Record<string, unknown>) {
  const { encodeCursor, decodeCursor } = await import('../../src/results/cursor.js');
  const state = decodeCursor(await firstCursor())!;
  const forged = encodeCursor({
    ...state,
    ...(change.g ? { groupBy: change.g as string[] } : {}),
    ...(change.q ? { request: change.q as Record<string, string> } : {}),
  });
  return { validateCursorPayload: await call('wolkvox_act_3', { cursor: forged }) };
}

describe('input sizes (finding 2)', () => {
  const huge = 'x'.repeat(3_000_000);

  it('answers an unknown 3,000,000-character report id at once, without echoing it', async () => {
    const started = performance.now();
    const result = await call('run_report', { report: huge });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/report.*longer than 64 characters/);
    expect(textOf(result).length).toBeLessThan(MAX_TEXT_CHARS);
  });

  it('gives up the close-match search, without comparing, for an input far longer than any id', () => {
    const ids = ['act_3', 'agent_1', 'cdr_1'];
    expect(closeMatches(huge, ids)).toEqual([]);
    // Trimmed, both read act_3: only the short one is compared (the long one would cost its length per id).
    expect(closeMatches(`act_3${' '.repeat(10)}`, ids)).toEqual(['act_3']);
    expect(closeMatches(`act_3${' '.repeat(huge.length)}`, ids)).toEqual([]);
  });

  it('does not echo a 1 MB list_reports query or unknown argument name', async () => {
    const query = await call('list_reports', { query: huge.slice(0, 1_000_000) });
    expect(query.isError).toBe(true);
    expect(textOf(query)).toMatch(/query.*longer than 200 characters/);
    expect(textOf(query).length).toBeLessThan(MAX_TEXT_CHARS);
    const name = await call('list_reports', { [huge.slice(0, 1_000_000)]: 1 });
    expect(name.isError).toBe(true);
    expect(textOf(name).length).toBeLessThan(MAX_TEXT_CHARS);
  });

  it('bounds every string argument of a report tool', async () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['wolkvox_act_3', { from: huge }, /from.*longer than 40/],
      ['wolkvox_act_3', { from: 'today', cursor: huge }, /cursor.*longer than 4096/],
      ['wolkvox_act_3', { from: 'today', filter: { [huge]: 'x' } }, /filter/],
      ['wolkvox_act_3', { from: 'today', filter: { agent_id: huge } }, /filter.*longer than 200/],
      ['wolkvox_act_3', { from: 'today', group_by: [huge] }, /group_by.*longer than 64/],
      ['wolkvox_act_3', { from: 'today', fields: Array(101).fill('agent_id') }, /fields.*more than 100/],
      [
        'run_report',
        { report: 'act_3', from: 'today', params: { campaign_id: huge } },
        /params.*longer than 64/,
      ],
    ];
    for (const [name, args, rule] of cases) {
      const result = await call(name, args);
      expect(result.isError, JSON.stringify(Object.keys(args))).toBe(true);
      expect(textOf(result)).toMatch(rule);
      expect(textOf(result).length).toBeLessThan(MAX_TEXT_CHARS);
    }
  });
});
