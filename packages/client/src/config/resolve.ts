/**
 * The resolve step: checked settings to the configuration the client runs on, every default applied and every
 * derived value worked out (the tenant's origin, the absolute state directory, how far the budget is shared).
 */
import { resolve } from 'node:path';
import { DEFAULT_TIME_ZONE, LIMITS, tenantBaseUrl } from '@wolkvox-mcp/contracts';
import type { Dispatcher } from 'undici';
import { Credential } from '../credential.js';
import { baseUrlSchema } from './base-url.js';
import {
  DEFAULT_CLOSED_DAY_CACHE_BYTES,
  DEFAULT_LEASE_TTL_MS,
  DEFAULT_RETRIES,
  DEFAULT_RETRY_BASE_DELAY_MS,
  DEFAULT_RETRY_MAX_DELAY_MS,
  type WolkvoxCoordination,
  type WolkvoxLogger,
} from './options.js';
import type { ClientSettings } from './parse.js';
import { defaultStateDir, type RedisUrl } from './sharing.js';

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
  redis: RedisUrl | undefined;
  /** Configured daily quota; undefined: learned from the platform. */
  dailyQuota: number | undefined;
  /** Bound of the closed-day cache on disk; 0: no closed-day cache. */
  closedDayCacheBytes: number;
  /** How long a shared slot outlives its holder's last renewal. */
  leaseTtlMs: number;
}

export function resolveClientSettings(settings: ClientSettings): ClientConfig {
  // The parse step read a server only without a base URL, and refused neither being given.
  const base = settings.baseUrl ?? baseUrlSchema.parse(tenantBaseUrl(settings.server!));
  const retryBaseDelayMs = settings.retryBaseDelayMs ?? DEFAULT_RETRY_BASE_DELAY_MS;
  const coordination = settings.coordination ?? (settings.redisUrl === undefined ? 'machine' : 'redis');
  return {
    credential: new Credential(settings.token),
    origin: base.origin,
    basePath: base.basePath,
    timeZone: settings.timeZone ?? DEFAULT_TIME_ZONE,
    timeoutMs: settings.timeoutMs ?? LIMITS.callTimeoutMs,
    deadlineMs: settings.deadlineMs,
    maxConcurrent: settings.maxConcurrent ?? LIMITS.maxConcurrentPerToken,
    retries: settings.retries ?? DEFAULT_RETRIES,
    retryBaseDelayMs,
    retryMaxDelayMs: settings.retryMaxDelayMs ?? Math.max(DEFAULT_RETRY_MAX_DELAY_MS, retryBaseDelayMs),
    maxRecordsPerCall: settings.maxRecordsPerCall ?? LIMITS.maxRecordsPerCall,
    maxResultBytes: LIMITS.maxResultBytes,
    strict: settings.strict ?? false,
    logger: settings.logger ?? {},
    ...(settings.dispatcher === undefined ? {} : { dispatcher: settings.dispatcher }),
    coordination,
    stateDir: settings.stateDir ? resolve(settings.stateDir) : defaultStateDir(),
    redis: coordination === 'redis' ? settings.redisUrl : undefined,
    dailyQuota: settings.dailyQuota,
    closedDayCacheBytes: settings.closedDayCacheBytes ?? DEFAULT_CLOSED_DAY_CACHE_BYTES,
    leaseTtlMs: settings.leaseTtlMs ?? DEFAULT_LEASE_TTL_MS,
  };
}
