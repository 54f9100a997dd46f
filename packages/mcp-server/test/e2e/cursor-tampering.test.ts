/**
 * Cursors under tampering, through the SDK client against the emulator (its clock frozen, then moved): a cursor has
 * one spelling, the one the server handed out (a signature re-spelled to the same bytes, padded, in standard
 * base64, with a stray character, is refused); it pages for 24 hours after its result was fetched, on the
 * source's clock; and a fetch time ahead of that clock, or one that is no time at all, is refused. Each refusal is
 * an isError on `cursor` that says to ask again without it, and nothing is fetched for it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CURSOR_MAX_AGE_MS, decodeCursor, encodeCursor } from '../../src/results/cursor.js';
import { type EmulatedSession, emulatedSession, structured, textOf } from '../helpers.js';

const NOW = '2025-02-05T10:30:00-05:00';

let session: EmulatedSession;

beforeAll(async () => {
  session = await emulatedSession({ emulator: { now: NOW }, frozen: true, toolsets: 'all' });
});
afterAll(() => session?.close());

const call = (args: Record<string, unknown>) =>
  session.client.callTool({ name: 'wolkvox_act_3', arguments: args });

async function freshCursor(): Promise<string> {
  const content = structured(await call({ from: '2025-02-03', limit: 1 }));
  expect(content.next_cursor).toEqual(expect.any(String));
  return content.next_cursor as string;
}

/** Calls with `cursor` and expects its refusal, naming the cursor and the rule; nothing is fetched for it. */
async function refused(cursor: string, rule: RegExp): Promise<void> {
  const before = session.mock.control.journal().length;
  const result = await call({ cursor });
  expect(result.isError, cursor).toBe(true);
  expect(textOf(result)).toMatch(/cursor: /);
  expect(textOf(result)).toMatch(rule);
  expect(textOf(result)).toMatch(/ask again without cursor/);
  expect(session.mock.control.journal().length).toBe(before);
}

describe('one spelling', () => {
  it('pages with the cursor as handed out', async () => {
    const content = structured(await call({ cursor: await freshCursor() }));
    expect(content.offset).toBe(1);
  });

  it('refuses a signature re-spelled to the same bytes', async () => {
    const cursor = await freshCursor();
    const dot = cursor.lastIndexOf('.');
    const [head, signature] = [cursor.slice(0, dot + 1), cursor.slice(dot + 1)];
    const bytes = Buffer.from(signature, 'base64url');
    const respelled = [
      `${signature}==`,
      bytes.toString('base64'),
      `${signature.slice(0, 5)}!${signature.slice(5)}`,
      `${signature.slice(0, 5)}\n${signature.slice(5)}`,
      `${signature} `,
    ];
    for (const other of respelled) {
      // The same signature to a lenient decoder: a re-spelling, not a forgery.
      expect(
        Buffer.from(other, 'base64url').equals(bytes) || Buffer.from(other, 'base64').equals(bytes),
      ).toBe(true);
      await refused(`${head}${other}`, /was not signed by this server process/);
    }
  });

  it('refuses a payload re-spelled, and anything around the cursor', async () => {
    const cursor = await freshCursor();
    const [prefix, payload, signature] = cursor.split('.');
    await refused(`${prefix}.${payload}=.${signature}`, /was not signed by this server process/);
    await refused(
      `${prefix}.${Buffer.from(payload!, 'base64url').toString('base64')}.${signature}`,
      /not signed/,
    );
    await refused(` ${cursor}`, /not a cursor from this server/);
    await refused(`WV2.${payload}.${signature}`, /not a cursor from this server/);
  });
});

describe('its time', () => {
  it("pages for 24 h after its result was fetched, on the source's clock, then is refused as expired", async () => {
    const cursor = await freshCursor();
    session.mock.control.advanceClock(CURSOR_MAX_AGE_MS - 60_000);
    expect(structured(await call({ cursor })).offset).toBe(1);
    session.mock.control.advanceClock(2 * 60_000);
    await refused(cursor, /has expired: a cursor pages for 24 h after its result was fetched/);
    session.mock.control.freezeClock(NOW);
  });

  it('refuses a fetch time ahead of the clock, or no time at all, even signed by this server', async () => {
    const state = decodeCursor(await freshCursor())!;
    const now = session.mock.control.now().getTime();
    expect(Math.abs(state.fetchedAt - now)).toBeLessThan(60_000);
    await refused(
      encodeCursor({ ...state, fetchedAt: now + 3_600_000 }),
      /carries a fetch time ahead of this server's clock/,
    );
    await refused(encodeCursor({ ...state, fetchedAt: 0 }), /has expired/);
    for (const fetchedAt of [-1, 1.5, 1e300, Number.NaN]) {
      await refused(encodeCursor({ ...state, fetchedAt }), /is damaged/);
    }
  });
});
