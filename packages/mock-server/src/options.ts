import { getReport, isValidTimeZone, LIMITS } from '@wolkvox-mcp/contracts';
import { hashString } from './prng.js';
import { agentsFor } from './tenant/cast.js';
import { type CacheOptions, DEMO_TOKEN, type MockLimits, type MockServerOptions } from './types.js';

/** The options with every default applied and checked once, so the rest of the emulator never guesses. */
export interface ResolvedOptions {
  host: string;
  port: number;
  /** The seed as a 32-bit number (strings are hashed). */
  seed: number;
  tokens: string[];
  dailyQuota: number;
  latencyMs: number;
  timeZone: string;
  now: Date | string | number | undefined;
  volume: number;
  limits: MockLimits;
  rowCap: 'truncate' | 'refuse';
  logger: boolean;
  cache: CacheOptions;
  /** Registry ids of the reports the tenant's server does not have (checked to be registry ids). */
  disabledReports: string[];
}

export const DEFAULT_VOLUME = 1500;
export const DEFAULT_TIME_ZONE = 'America/Bogota';

/** The seed as the generators want it: numbers are used as they are, strings hashed. */
export function seedNumber(seed: number | string): number {
  if (typeof seed === 'number' && Number.isInteger(seed)) return seed >>> 0;
  return hashString(String(seed));
}

function positive(name: string, value: number, allowZero = false): number {
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new RangeError(`${name} must be a ${allowZero ? 'non-negative' : 'positive'} number, got ${value}`);
  }
  return value;
}

/** Checks report ids: a misspelt id would silently disable nothing. */
export function checkReportIds(ids: readonly string[]): string[] {
  const unknown = ids.filter((id) => getReport(id) === undefined);
  if (unknown.length > 0) throw new RangeError(`unknown report id: ${unknown.join(', ')}`);
  return [...new Set(ids)];
}

export function resolveOptions(options: MockServerOptions = {}): ResolvedOptions {
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  if (!isValidTimeZone(timeZone)) throw new RangeError(`unknown time zone: ${timeZone}`);
  const tokens = options.tokens ?? [DEMO_TOKEN];
  if (tokens.length === 0 || tokens.some((token) => token.length === 0)) {
    throw new RangeError('tokens must hold at least one non-empty token');
  }
  const limits: MockLimits = {
    maxRecordsPerCall: LIMITS.maxRecordsPerCall,
    maxResultBytes: LIMITS.maxResultBytes,
    callTimeoutMs: LIMITS.callTimeoutMs,
    maxConcurrentPerToken: LIMITS.maxConcurrentPerToken,
    maxWindowDays: LIMITS.maxWindowDays,
    ...options.limits,
  };
  for (const [name, value] of Object.entries(limits)) positive(`limits.${name}`, value);
  const volume = positive('volume', options.volume ?? DEFAULT_VOLUME, true);
  if (volume > 50_000) throw new RangeError('volume above 50,000 calls a day is not supported');
  return {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    seed: seedNumber(options.seed ?? 1),
    tokens: [...new Set(tokens)],
    // A busier tenant employs more agents (agentsFor), hence more licenses and a larger quota.
    dailyQuota: positive(
      'dailyQuota',
      options.dailyQuota ?? agentsFor(volume) * LIMITS.dailyCallsPerLicense,
      true,
    ),
    latencyMs: positive('latencyMs', options.latencyMs ?? 0, true),
    timeZone,
    now: options.now,
    volume,
    limits,
    rowCap: options.rowCap ?? 'truncate',
    logger: options.logger ?? false,
    cache: { days: 62, bodyBytes: 64 * 1024 * 1024, ...options.cache },
    disabledReports: checkReportIds(options.disabledReports ?? []),
  };
}
