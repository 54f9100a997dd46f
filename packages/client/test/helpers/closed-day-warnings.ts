/**
 * What the closed-day cache tests look for: the warnings a call's result carries when the cache met a problem, as
 * a caller reads them, and the emulator's requests for one window (its journal, by the window's `date_ini`).
 */
import type { MockServer } from '@wolkvox-mcp/mock-server';

type Store = 'disk' | 'redis';

const FETCHED_AGAIN = 'the window was fetched from wolkvox again';

export const cacheWarning = {
  otherRequest: (store: Store) =>
    `closed-day cache (${store}): a kept entry belonged to another request and was refused; ${FETCHED_AGAIN}`,
  notThisToken: (store: Store) =>
    `closed-day cache (${store}): a kept entry was not made with this token and was refused; ${FETCHED_AGAIN}`,
  didNotDecode: (store: Store) =>
    `closed-day cache (${store}): a kept entry did not decode; ${FETCHED_AGAIN}`,
  keepingFailed: (code: string) =>
    `closed-day cache (disk): keeping failed (${code}); closed days are fetched from wolkvox until it works again`,
};

/**
 * Requests the emulator has answered for the window starting on `from` (`YYYY-MM-DD`). Callers have read every
 * answer by then: the emulator journals a call before it answers.
 */
export function windowRequests(emulator: MockServer, from: string): number {
  const compact = from.replaceAll('-', '');
  return emulator.control.journal().filter((entry) => entry.url.includes(`date_ini=${compact}`)).length;
}
