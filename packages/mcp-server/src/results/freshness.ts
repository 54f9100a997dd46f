/**
 * Real-time reports describe "now", so their results age: a kept real-time result older than a minute is fetched
 * again rather than answered from memory, and the reply says how old it is. wolkvox asks integrations to poll
 * real-time reports at most every 5 minutes: a caller that asks sooner is told so in a note, and still answered.
 */

/** A kept real-time result older than this is fetched again. */
export const REAL_TIME_MAX_AGE_MS = 60_000;
/** wolkvox's advice: poll real-time reports at most this often. */
export const REAL_TIME_POLL_MS = 5 * 60_000;
/** Real-time fetches remembered for the polling note: there are a few real-time reports, each with few params. */
const MAX_REMEMBERED = 256;

/**
 * Whether a result fetched at `fetchedAt` may still answer at `now` (both on the source's clock). A clock that moved
 * back (the emulator's can) makes the result stale too: its age is unknown.
 */
export function isFreshRealTime(fetchedAt: number, now: number): boolean {
  const age = now - fetchedAt;
  return age >= 0 && age <= REAL_TIME_MAX_AGE_MS;
}

/** When each real-time request was last sent to wolkvox, to tell a caller that polls faster than advised. */
export class PollLog {
  private readonly last = new Map<string, number>();

  /** The milliseconds since the previous fetch of `key` when under 5 minutes, then `at` is remembered. */
  record(key: string, at: number): number | undefined {
    const previous = this.last.get(key);
    this.last.delete(key);
    this.last.set(key, at);
    if (this.last.size > MAX_REMEMBERED) this.last.delete(this.last.keys().next().value as string);
    if (previous === undefined) return undefined;
    const since = at - previous;
    return since >= 0 && since < REAL_TIME_POLL_MS ? since : undefined;
  }

  /** The milliseconds since the last fetch of `key`, when under 5 minutes (without recording anything). */
  since(key: string, at: number): number | undefined {
    const previous = this.last.get(key);
    if (previous === undefined) return undefined;
    const since = at - previous;
    return since >= 0 && since < REAL_TIME_POLL_MS ? since : undefined;
  }
}

export function pollingNote(sinceMs: number, fetched: boolean): string {
  const seconds = Math.round(sinceMs / 1000);
  return (
    `This real-time report was ${fetched ? 'fetched again' : 'asked for'} ${seconds} s after its last fetch from wolkvox; ` +
    'wolkvox suggests polling real-time reports at most every 5 minutes' +
    (fetched
      ? '.'
      : ` (this answer is from memory: results older than ${REAL_TIME_MAX_AGE_MS / 1000} s are fetched again).`)
  );
}
