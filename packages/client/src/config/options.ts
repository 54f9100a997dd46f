/**
 * The client's options: their type, their defaults and, in OPTION_SCHEMAS, the one rule each is checked by.
 */
import { isValidTimeZone, SERVER_NAME_PATTERN } from '@wolkvox-mcp/contracts';
import type { Dispatcher } from 'undici';
import { z } from 'zod';
import { baseUrlSchema } from './base-url.js';
import { redisUrlSchema, stateDirSchema } from './sharing.js';

/** pino-compatible: `logger.debug({ report, window }, 'message')`. It never receives the token. */
export interface WolkvoxLogger {
  debug?(o: object, msg?: string): void;
  warn?(o: object, msg?: string): void;
}

export interface WolkvoxClientOptions {
  /** The `wolkvox-token`; required. Never logged, never shown in errors or `inspect`. */
  token: string;
  /** Tenant server number (e.g. `0015`): requests go to `https://wv{server}.wolkvox.com`. Required unless baseUrl. */
  server?: string;
  /** Where to send requests instead (a proxy, the emulator's url). Wins over `server`. */
  baseUrl?: string;
  /** The tenant's time zone: wolkvox reads and writes wall time in it. Default `America/Bogota`. */
  timeZone?: string;
  /** Per HTTP call, body included. Default LIMITS.callTimeoutMs (60 s, the platform's own limit). */
  timeoutMs?: number;
  /**
   * Total time one `report()` call may take, every window, retry and backoff included; past it the call fails
   * with WolkvoxDeadlineError. Default none (each attempt is still bounded by `timeoutMs`, the retries by
   * `retries`). Overridable per call (ReportOptions.deadlineMs).
   */
  deadlineMs?: number;
  /** Requests in flight per token, shared by every client of this process using the same token. Default 2. */
  maxConcurrent?: number;
  /** Retries of a transient failure (5xx, reset, timeout, broken body, concurrency refusal). Default 4. */
  retries?: number;
  /** Backoff base: retry n waits a random time in [0, base x 2^n) ("full jitter"). Default 250 ms. */
  retryBaseDelayMs?: number;
  /** Upper bound of one backoff wait. Default 10 s. */
  retryMaxDelayMs?: number;
  /** Rows at which a window is taken as truncated and split. Default LIMITS.maxRecordsPerCall (60,000). */
  maxRecordsPerCall?: number;
  /**
   * Fail with WolkvoxValidationError when an answer drifts from the contract (a field missing, null, of another
   * type or unknown), for tests that pin the contract. Default false: rows are returned as sent, with `drift`.
   */
  strict?: boolean;
  logger?: WolkvoxLogger;
  /** An undici dispatcher to use instead of the client's own keep-alive pool (not closed by `close()`). */
  dispatcher?: Dispatcher;
  /**
   * How far the token's budget (2 in flight), daily quota count and closed-day cache are shared:
   * - `'machine'` (default without a Redis URL): every process of this machine using the client, through files in
   *   `stateDir`;
   * - `'redis'` (default with `redisUrl`): every machine using the same Redis, on top of the machine's files;
   * - `'process'`: this process only, nothing written anywhere (tests, and an emulator that lives with the process).
   */
  coordination?: WolkvoxCoordination;
  /**
   * The directory for leases, quota counters and the closed-day cache. Default: `WOLKVOX_CACHE_DIR`, else the OS
   * cache directory (`$XDG_CACHE_HOME/wolkvox-mcp` or `~/.cache/wolkvox-mcp` on Linux, `~/Library/Caches/wolkvox-mcp`
   * on macOS, `%LOCALAPPDATA%\wolkvox-mcp\Cache` on Windows). Never holds the token, only its fingerprint.
   */
  stateDir?: string;
  /** `redis://` or `rediss://` URL of a Redis shared by several machines. Default `WOLKVOX_REDIS_URL`. */
  redisUrl?: string;
  /**
   * Calls a day the token is licensed for (licenses x 1000), to say how many are left. Default: unknown until
   * the platform refuses a call for the daily quota.
   */
  dailyQuota?: number;
  /**
   * Bytes the closed-day cache may keep on disk (least recently used dropped first); 0 turns the cache off.
   * Default 1 GiB. Rows of windows that ended before the tenant's today are kept in `stateDir` (or in Redis with
   * `redisUrl`) and answered from there by every later call, process and restart: no request, no quota spent.
   * Off when `coordination` is `'process'`.
   */
  closedDayCacheBytes?: number;
  /**
   * How long a slot of the shared budget (a machine lease, a Redis permit) stays with a process that stopped
   * renewing it (stopped, hung, cut off from Redis) before other processes take it back. Held slots are renewed
   * every fifth of it. Default 5 s. One per process and token: the first client's holds while it is open.
   */
  leaseTtlMs?: number;
}

/** See WolkvoxClientOptions.coordination. */
export type WolkvoxCoordination = 'process' | 'machine' | 'redis';
export const WOLKVOX_COORDINATIONS: readonly WolkvoxCoordination[] = ['process', 'machine', 'redis'];

export const DEFAULT_RETRIES = 4;
export const DEFAULT_RETRY_BASE_DELAY_MS = 250;
export const DEFAULT_RETRY_MAX_DELAY_MS = 10_000;
export const DEFAULT_CLOSED_DAY_CACHE_BYTES = 1024 ** 3;
export const DEFAULT_LEASE_TTL_MS = 5_000;

// Header values may not hold control characters; undici would reject them later with a less helpful error.
const HEADER_SAFE = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;
const TOKEN_REQUIRED = 'is required (the wolkvox-token of the tenant)';

function integer(min: number) {
  const error = `must be an integer >= ${min}`;
  return z.int({ error }).min(min, { error });
}

const SERVER_RULE = 'must be the tenant server number as a string, e.g. "0015" (letters and digits, 1-12)';
const TIME_ZONE_RULE = 'must be an IANA time zone, e.g. "America/Bogota"';
const LOGGER_RULE = 'must be an object with debug/warn methods';

/**
 * Every option's rule, by option. A rule never quotes the value: a mistyped token is still (almost) a token, and a
 * URL may carry a password.
 */
export const OPTION_SCHEMAS = {
  token: z.string({ error: TOKEN_REQUIRED }).min(1, { error: TOKEN_REQUIRED }).regex(HEADER_SAFE, {
    error: 'must be printable ASCII without surrounding spaces or line breaks (check how it was copied)',
  }),
  server: z.string({ error: SERVER_RULE }).regex(SERVER_NAME_PATTERN, { error: SERVER_RULE }),
  baseUrl: baseUrlSchema,
  timeZone: z.string({ error: TIME_ZONE_RULE }).refine(isValidTimeZone, { error: TIME_ZONE_RULE }),
  timeoutMs: integer(1),
  deadlineMs: integer(1),
  maxConcurrent: integer(1),
  retries: integer(0),
  retryBaseDelayMs: integer(0),
  retryMaxDelayMs: integer(0),
  maxRecordsPerCall: integer(1),
  strict: z.boolean({ error: 'must be true or false' }),
  logger: z.custom<WolkvoxLogger>((value) => typeof value === 'object' && value !== null, {
    error: LOGGER_RULE,
  }),
  dispatcher: z.custom<Dispatcher>(
    (value) => typeof (value as { request?: unknown } | undefined)?.request === 'function',
    { error: 'must be an undici Dispatcher' },
  ),
  coordination: z.enum(WOLKVOX_COORDINATIONS as [WolkvoxCoordination, ...WolkvoxCoordination[]], {
    error: `must be one of ${WOLKVOX_COORDINATIONS.join(', ')}`,
  }),
  stateDir: stateDirSchema,
  redisUrl: redisUrlSchema,
  dailyQuota: integer(1),
  closedDayCacheBytes: integer(0),
  // Renewed every fifth of it: below this a renewal would be due every few event-loop turns.
  leaseTtlMs: integer(250),
} satisfies Record<keyof WolkvoxClientOptions, z.ZodType>;
