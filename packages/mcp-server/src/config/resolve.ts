/**
 * The resolve step: settings as parsed to the configuration the server runs on, every default applied and every
 * derived value worked out (where rows come from, the Host names accepted, the cache's bytes). It cannot fail: the
 * parse step refused everything that would not resolve.
 */
import { DEFAULT_TIME_ZONE, instantOfWallTime } from '@wolkvox-mcp/contracts';
import type { WolkvoxConnection } from '../backend/connect.js';
import { DEFAULT_SELECTION, type ToolSelection } from '../catalog/toolsets.js';
import type { LogLevel } from '../logging/levels.js';
import { isLoopbackHost, LOCALHOST_NAMES } from './loopback.js';
import {
  DEFAULT_CACHE_MB,
  DEFAULT_CALL_DEADLINE_MS,
  DEFAULT_EMULATOR_SEED,
  DEFAULT_EXPORT_HOURS,
  DEFAULT_EXPORT_MB,
  DEFAULT_HTTP_HOST,
  DEFAULT_HTTP_PORT,
  DEFAULT_LOG_LEVEL,
  DEFAULT_STORE_MB,
  type EmulatorStart,
  type Settings,
} from './settings.js';

export interface HttpConfig {
  host: string;
  port: number;
  /** Bearer token clients must send; required when bound off loopback. */
  token?: string;
  /** Host header names accepted (DNS-rebinding protection). */
  allowedHosts: string[];
  /** Origin host names accepted from browsers (requests without Origin pass). */
  allowedOrigins: string[];
  /** Connections held at once; absent: what the open-files limit leaves room for (transports/http-limits.ts). */
  maxConnections?: number;
}

export interface ServerConfig {
  transport: 'stdio' | 'http';
  http: HttpConfig;
  wolkvox: WolkvoxConnection;
  timeZone: string;
  /** Which report tools are listed; list_reports and run_report always are, and reach every report. */
  toolsets: ToolSelection;
  /** Total time of one tool call's wolkvox fetch (every window, retry and backoff). */
  callDeadlineMs: number;
  /** Bytes of fetched results kept for paging; absent: the cache's default. */
  cacheBytes?: number;
  /** The secret paging cursors are signed with, shared by replicas; absent: a random one per process. */
  cursorKey?: string;
  /** WOLKVOX_CACHE_DIR, token or not: exports are kept in its exports/ (absent: the OS cache directory). */
  stateDir?: string;
  /** How long an export is kept and what every export on the machine may take; absent: the defaults. */
  exports?: { ttlMs: number; maxBytes: number };
  /**
   * The store of closed days: WOLKVOX_DATA_DIR (absent: `<state dir>/data` with a token, no store for the embedded
   * emulator) and what it may take on disk.
   */
  store?: { dataDir?: string; maxBytes: number };
  logLevel: LogLevel;
}

/** A host name as a Host header carries it (IPv6 in brackets). */
function hostHeaderName(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/** The instant the embedded emulator's clock starts at: a wall time is the tenant's, in its zone. */
function emulatorStart(start: EmulatorStart, timeZone: string): number {
  return 'instant' in start ? start.instant : instantOfWallTime(start.wall, timeZone).getTime();
}

function connection(settings: Settings, timeZone: string): WolkvoxConnection {
  const { token, server, baseUrl, stateDir, redisUrl, dailyQuota } = settings;
  if (token === undefined)
    return {
      mode: 'emulator',
      seed: settings.emulatorSeed ?? DEFAULT_EMULATOR_SEED,
      ...(settings.emulatorNow ? { now: emulatorStart(settings.emulatorNow, timeZone) } : {}),
    };
  return {
    mode: 'wolkvox',
    token,
    ...(server ? { server } : {}),
    ...(baseUrl ? { baseUrl: baseUrl.url } : {}),
    ...(stateDir ? { stateDir } : {}),
    ...(redisUrl ? { redisUrl: redisUrl.url } : {}),
    ...(dailyQuota !== undefined ? { dailyQuota } : {}),
  };
}

export function resolveSettings(settings: Settings): ServerConfig {
  // The default is not checked: it is not input, and checking it would load ICU's time-zone data at every start.
  const timeZone = settings.timeZone ?? DEFAULT_TIME_ZONE;
  const host = settings.host ?? DEFAULT_HTTP_HOST;
  // A server bound to one address off loopback is also reached by that address.
  const bindName =
    ['0.0.0.0', '::', '[::]'].includes(host) || isLoopbackHost(host) ? [] : [hostHeaderName(host)];
  return {
    transport: settings.http ? 'http' : 'stdio',
    http: {
      host,
      port: settings.port ?? DEFAULT_HTTP_PORT,
      ...(settings.httpToken ? { token: settings.httpToken } : {}),
      allowedHosts: settings.allowedHosts ?? [...LOCALHOST_NAMES, ...bindName],
      allowedOrigins: settings.allowedOrigins ?? [...LOCALHOST_NAMES, ...bindName],
      ...(settings.maxConnections !== undefined ? { maxConnections: settings.maxConnections } : {}),
    },
    wolkvox: connection(settings, timeZone),
    timeZone,
    toolsets: settings.toolsets ?? DEFAULT_SELECTION,
    callDeadlineMs: settings.callDeadlineMs ?? DEFAULT_CALL_DEADLINE_MS,
    cacheBytes: (settings.cacheMb ?? DEFAULT_CACHE_MB) * 1024 * 1024,
    ...(settings.cursorKey ? { cursorKey: settings.cursorKey } : {}),
    ...(settings.stateDir ? { stateDir: settings.stateDir } : {}),
    exports: {
      ttlMs: (settings.exportHours ?? DEFAULT_EXPORT_HOURS) * 3_600_000,
      maxBytes: (settings.exportMb ?? DEFAULT_EXPORT_MB) * 1024 * 1024,
    },
    store: {
      ...(settings.dataDir ? { dataDir: settings.dataDir } : {}),
      maxBytes: (settings.storeMb ?? DEFAULT_STORE_MB) * 1024 * 1024,
    },
    logLevel: settings.logLevel ?? DEFAULT_LOG_LEVEL,
  };
}
