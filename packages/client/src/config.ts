import { resolve } from 'node:path';
import { isValidTimeZone, LIMITS, SERVER_NAME_PATTERN, tenantBaseUrl } from '@wolkvox-mcp/contracts';
import type { Dispatcher } from 'undici';
import { readBaseUrl } from './base-url.js';
import { defaultStateDir, readRedisUrl } from './coordination/settings.js';
import { Credential } from './credential.js';
import { type Problem, WolkvoxConfigError } from './errors.js';

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
   * - `'process'`: this process only, nothing written anywhere (the behaviour before issue 13; tests).
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
}

/** See WolkvoxClientOptions.coordination. */
export type WolkvoxCoordination = 'process' | 'machine' | 'redis';
export const WOLKVOX_COORDINATIONS: readonly WolkvoxCoordination[] = ['process', 'machine', 'redis'];

export const DEFAULT_TIME_ZONE = 'America/Bogota';
export const DEFAULT_RETRIES = 4;
export const DEFAULT_RETRY_BASE_DELAY_MS = 250;
export const DEFAULT_RETRY_MAX_DELAY_MS = 10_000;
export const DEFAULT_CLOSED_DAY_CACHE_BYTES = 1024 ** 3;

/** Options checked and defaulted; the token is wrapped so the config can be logged or inspected safely. */
export interface ClientConfig {
  credential: Credential;
  /** Origin of the tenant (scheme://host:port), for the dispatcher. */
  origin: string;
  /** Path prefix of `baseUrl` (usually empty), put before the family's path. */
  basePath: string;
  timeZone: string;
  timeoutMs: number;
  /** Total time of one call; undefined: no total deadline. */
  deadlineMs: number | undefined;
  maxConcurrent: number;
  retries: number;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  maxRecordsPerCall: number;
  /** Largest body accepted before the window is treated as too large (the platform's own result limit). */
  maxResultBytes: number;
  strict: boolean;
  logger: WolkvoxLogger;
  dispatcher?: Dispatcher;
  coordination: WolkvoxCoordination;
  /** Absolute; used unless coordination is 'process'. */
  stateDir: string;
  /** Set when coordination is 'redis'. `label` is the URL without credentials, for logs and messages. */
  redis: { url: string; label: string } | undefined;
  /** Configured daily quota; undefined: learned from the platform. */
  dailyQuota: number | undefined;
  /** Bound of the closed-day cache on disk; 0: no closed-day cache. */
  closedDayCacheBytes: number;
}

// Header values may not hold control characters; undici would reject them later with a less helpful error.
const HEADER_SAFE = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;

function integerOption(
  problems: Problem[],
  name: string,
  value: unknown,
  fallback: number,
  min: number,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    problems.push({ field: name, rule: `must be an integer >= ${min}` });
    return fallback;
  }
  return value;
}

/** Checks every option at once, so a caller sees all mistakes in one error. */
export function resolveConfig(options: WolkvoxClientOptions): ClientConfig {
  const problems: Problem[] = [];
  if (options === null || typeof options !== 'object') {
    throw new WolkvoxConfigError([{ field: 'options', rule: 'must be an object' }]);
  }

  // The rule never quotes the value: a mistyped token is still (almost) a token.
  const token = options.token;
  if (typeof token !== 'string' || token.length === 0) {
    problems.push({ field: 'token', rule: 'is required (the wolkvox-token of the tenant)' });
  } else if (!HEADER_SAFE.test(token)) {
    problems.push({
      field: 'token',
      rule: 'must be printable ASCII without surrounding spaces or line breaks (check how it was copied)',
    });
  }

  let base: string | undefined;
  if (options.baseUrl !== undefined) {
    base = options.baseUrl;
  } else if (options.server !== undefined) {
    if (typeof options.server !== 'string' || !SERVER_NAME_PATTERN.test(options.server)) {
      problems.push({
        field: 'server',
        rule: 'must be the tenant server number as a string, e.g. "0015" (letters and digits, 1-12)',
      });
    } else {
      base = tenantBaseUrl(options.server);
    }
  } else {
    problems.push({ field: 'server', rule: 'is required unless baseUrl is given' });
  }

  let origin = '';
  let basePath = '';
  if (base !== undefined) {
    const reading = readBaseUrl(base);
    if (reading.ok) {
      origin = reading.origin;
      basePath = reading.basePath;
    } else {
      problems.push({ field: 'baseUrl', rule: reading.rule });
    }
  }

  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  if (typeof timeZone !== 'string' || !isValidTimeZone(timeZone)) {
    problems.push({ field: 'timeZone', rule: 'must be an IANA time zone, e.g. "America/Bogota"' });
  }

  const timeoutMs = integerOption(problems, 'timeoutMs', options.timeoutMs, LIMITS.callTimeoutMs, 1);
  const deadlineMs =
    options.deadlineMs === undefined
      ? undefined
      : integerOption(problems, 'deadlineMs', options.deadlineMs, 0, 1);
  const maxConcurrent = integerOption(
    problems,
    'maxConcurrent',
    options.maxConcurrent,
    LIMITS.maxConcurrentPerToken,
    1,
  );
  const retries = integerOption(problems, 'retries', options.retries, DEFAULT_RETRIES, 0);
  const retryBaseDelayMs = integerOption(
    problems,
    'retryBaseDelayMs',
    options.retryBaseDelayMs,
    DEFAULT_RETRY_BASE_DELAY_MS,
    0,
  );
  const retryMaxDelayMs = integerOption(
    problems,
    'retryMaxDelayMs',
    options.retryMaxDelayMs,
    Math.max(DEFAULT_RETRY_MAX_DELAY_MS, retryBaseDelayMs),
    0,
  );
  const maxRecordsPerCall = integerOption(
    problems,
    'maxRecordsPerCall',
    options.maxRecordsPerCall,
    LIMITS.maxRecordsPerCall,
    1,
  );

  const strict = options.strict ?? false;
  if (typeof strict !== 'boolean') problems.push({ field: 'strict', rule: 'must be true or false' });

  const logger = options.logger ?? {};
  if (typeof logger !== 'object' || logger === null) {
    problems.push({ field: 'logger', rule: 'must be an object with debug/warn methods' });
  }
  const dispatcher = options.dispatcher;
  if (dispatcher !== undefined && typeof (dispatcher as { request?: unknown })?.request !== 'function') {
    problems.push({ field: 'dispatcher', rule: 'must be an undici Dispatcher' });
  }

  const shared = sharingOptions(problems, options);
  const closedDayCacheBytes = integerOption(
    problems,
    'closedDayCacheBytes',
    options.closedDayCacheBytes,
    DEFAULT_CLOSED_DAY_CACHE_BYTES,
    0,
  );

  if (problems.length > 0) throw new WolkvoxConfigError(problems);

  return {
    credential: new Credential(token),
    origin,
    basePath,
    timeZone,
    timeoutMs,
    deadlineMs,
    maxConcurrent,
    retries,
    retryBaseDelayMs,
    retryMaxDelayMs,
    maxRecordsPerCall,
    maxResultBytes: LIMITS.maxResultBytes,
    strict,
    logger,
    ...(dispatcher === undefined ? {} : { dispatcher }),
    ...shared,
    closedDayCacheBytes,
  };
}

/** The coordination options and their environment defaults; a Redis URL is never quoted (it may hold a password). */
function sharingOptions(
  problems: Problem[],
  options: WolkvoxClientOptions,
): Pick<ClientConfig, 'coordination' | 'stateDir' | 'redis' | 'dailyQuota'> {
  const env = process.env;
  let stateDir = '';
  const dirOption = options.stateDir ?? env.WOLKVOX_CACHE_DIR;
  const dirField = options.stateDir === undefined ? 'WOLKVOX_CACHE_DIR' : 'stateDir';
  if (dirOption === undefined || dirOption === '') {
    stateDir = defaultStateDir();
  } else if (typeof dirOption !== 'string' || dirOption.includes('\0')) {
    problems.push({ field: dirField, rule: 'must be a directory path' });
  } else {
    stateDir = resolve(dirOption);
  }

  const urlOption = options.redisUrl ?? (env.WOLKVOX_REDIS_URL || undefined);
  const urlField = options.redisUrl === undefined ? 'WOLKVOX_REDIS_URL' : 'redisUrl';
  const coordination = options.coordination ?? (urlOption === undefined ? 'machine' : 'redis');
  if (!WOLKVOX_COORDINATIONS.includes(coordination)) {
    problems.push({ field: 'coordination', rule: `must be one of ${WOLKVOX_COORDINATIONS.join(', ')}` });
  } else if (coordination === 'redis' && urlOption === undefined) {
    problems.push({ field: 'coordination', rule: "'redis' needs redisUrl (or WOLKVOX_REDIS_URL)" });
  }

  // The caller's own redisUrl is always checked; the environment's only when it is used: a client asked for
  // 'process' or 'machine' does not fail for a variable meant for other programs.
  let redis: ClientConfig['redis'];
  if (urlOption !== undefined && (options.redisUrl !== undefined || coordination === 'redis')) {
    const reading = readRedisUrl(urlOption);
    if (reading.ok) redis = { url: urlOption as string, label: reading.label };
    else problems.push({ field: urlField, rule: reading.rule });
  }

  const dailyQuota =
    options.dailyQuota === undefined
      ? undefined
      : integerOption(problems, 'dailyQuota', options.dailyQuota, 0, 1);

  return {
    coordination,
    stateDir,
    redis: coordination === 'redis' ? redis : undefined,
    dailyQuota,
  };
}
