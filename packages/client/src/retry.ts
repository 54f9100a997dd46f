/**
 * Backoff between retries of a transient failure. "Full jitter" (a uniform wait in [0, base x 2^attempt)):
 * callers that failed together (two requests refused for concurrency, a burst of 503s) do not retry together.
 */
export function backoffDelay(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

/** Longest single wait for a token kept busy by other programs: long enough to let their calls finish. */
export const BUSY_MAX_DELAY_MS = 3_000;
/** How long a call without a deadline rides out a busy token before it gives up. */
export const BUSY_WITHOUT_DEADLINE_MS = 60_000;

/**
 * The wait before asking again when wolkvox refused for concurrency that is not ours: growing (base x 2^n), capped
 * at BUSY_MAX_DELAY_MS, and jittered in its upper half, so waiters spread out yet each wait still grows.
 */
export function busyDelay(busyAttempt: number, baseMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BUSY_MAX_DELAY_MS, Math.max(1, baseMs) * 2 ** Math.min(busyAttempt, 30));
  return Math.floor(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Reads `Retry-After` (delta-seconds or an HTTP date) as milliseconds from `now`; undefined when absent or
 * unreadable.
 */
export function retryAfterMs(
  header: string | string[] | undefined,
  now: number = Date.now(),
): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
