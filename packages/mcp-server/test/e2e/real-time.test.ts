/**
 * Real-time answers describe "now": they say how old they are (on the tenant's clock), a kept one older than 60 s
 * is fetched again rather than answered from memory (issue 12: calls_last_10 asked 70 s and 140 s later returned the
 * first answer), and a caller polling faster than wolkvox's 5 minutes is told so, and still answered. The emulator's
 * clock is the source's clock, frozen and moved by the test.
 */
import type { Client } from '@modelcontextprotocol/client';
import type { MockServer } from '@wolkvox-mcp/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmulatedSession, emulatedSession, structured, textOf } from '../helpers.js';

let session: EmulatedSession;
let mock: MockServer;
let client: Client;

beforeAll(async () => {
  session = await emulatedSession({ emulator: { now: '2025-02-05T15:42:05Z' }, frozen: true });
  ({ mock, client } = session);
});

afterAll(() => session?.close());

/** Requests calls_last_10 has sent to the emulator so far. */
const fetches = () =>
  mock.control.journal().filter((entry) => entry.url.includes('calls_last_10') && entry.status === 200)
    .length;

async function ask() {
  const result = await client.callTool({ name: 'wolkvox_calls_last_10', arguments: {} });
  return { text: textOf(result), answer: structured(result) };
}

describe('a real-time report', () => {
  it('says how old it is, fetches again past 60 s, and tells a caller polling faster than 5 minutes', async () => {
    const first = await ask();
    expect(first.text).toContain('Current state as of 10:42:05 (America/Bogota), 0 s ago');
    expect(first.answer).toMatchObject({ as_of: '2025-02-05 10:42:05', age_seconds: 0, from_cache: false });
    expect(fetches()).toBe(1);

    mock.control.advanceClock(35_000);
    const soon = await ask();
    expect(soon.answer).toMatchObject({ from_cache: true, age_seconds: 35 });
    expect(soon.text).toContain('as of 10:42:05 (America/Bogota), 35 s ago');
    expect(soon.text).toMatch(/asked for 35 s after its last fetch .* at most every 5 minutes/);
    expect(fetches()).toBe(1);

    mock.control.advanceClock(35_000);
    const later = await ask();
    expect(later.answer).toMatchObject({ from_cache: false, age_seconds: 0, as_of: '2025-02-05 10:43:15' });
    expect(later.text).toMatch(
      /fetched again 70 s after its last fetch from wolkvox; wolkvox suggests polling/,
    );
    expect(fetches()).toBe(2);

    mock.control.advanceClock(5 * 60_000);
    const polite = await ask();
    expect(polite.answer.from_cache).toBe(false);
    expect(polite.text).not.toContain('at most every 5 minutes');
    expect(fetches()).toBe(3);
  });

  it('keeps a historical result for paging whatever its age', async () => {
    const args = { from: '2025-02-03', cod_act: 'cod_act1', limit: 1 };
    const first = structured(await client.callTool({ name: 'wolkvox_act_3', arguments: args }));
    mock.control.advanceClock(90_000);
    const again = structured(await client.callTool({ name: 'wolkvox_act_3', arguments: args }));
    expect(again.from_cache).toBe(true);
    expect(again.fetched_at).toBe(first.fetched_at);
    expect(again).not.toHaveProperty('age_seconds');
  });
});
