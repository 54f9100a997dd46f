/**
 * Configuration from the command line and the environment (flags win). Pure: it reads what it is given and
 * returns a checked configuration, help or version text, or throws a ConfigError listing every problem.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { readBaseUrl } from '@wolkvox-mcp/client/base-url';
import { readRedisUrl } from '@wolkvox-mcp/client/settings';
import { isValidTimeZone, SERVER_NAME_PATTERN } from '@wolkvox-mcp/contracts';
import { CACHE_DEFAULTS } from './answers/cache.js';
import { LOG_LEVELS, type LogLevel } from './log-levels.js';
import {
  DEFAULT_REPORT_TOOLS,
  DEFAULT_SELECTION,
  parseToolsets,
  SELECTION_NAMES,
  TOOLSET_NAMES,
  type ToolSelection,
} from './tools/toolsets.js';

export const DEFAULT_HTTP_PORT = 8765;
export const DEFAULT_HTTP_HOST = '127.0.0.1';
export const DEFAULT_TIME_ZONE = 'America/Bogota';
/**
 * Total time of one tool call that fetches from wolkvox, retries and waits included: below the 60 s after which MCP
 * clients commonly give up (the SDK's default request timeout), so they see why instead of a timeout of their own.
 */
export const DEFAULT_CALL_DEADLINE_MS = 50_000;
/** Memory the result cache may hold, in MiB (its bound: `ResultCache`'s own default). */
export const DEFAULT_CACHE_MB = CACHE_DEFAULTS.maxBytes / 1024 / 1024;
export const LOCALHOST_NAMES = ['localhost', '127.0.0.1', '[::1]'];

export type WolkvoxConnection =
  | {
      mode: 'wolkvox';
      token: string;
      server?: string;
      baseUrl?: string;
      /** WOLKVOX_CACHE_DIR: the client's state directory (leases, daily count, closed-day cache). */
      stateDir?: string;
      /** WOLKVOX_REDIS_URL: the Redis replicas share the token's budget, count and closed-day cache through. */
      redisUrl?: string;
      /** WOLKVOX_DAILY_QUOTA: the token's calls a day (licenses x 1000), so answers can say when it runs low. */
      dailyQuota?: number;
    }
  | { mode: 'emulator'; seed: string };

export interface HttpConfig {
  host: string;
  port: number;
  /** Bearer token clients must send; required when bound off loopback. */
  token?: string;
  /** Host header names accepted (DNS-rebinding protection). */
  allowedHosts: string[];
  /** Origin host names accepted from browsers (requests without Origin pass). */
  allowedOrigins: string[];
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
  logLevel: LogLevel;
}

export type CliOutcome =
  /** `notices`: what the person starting the server should hear (an old spelling read as the one to use). */
  | { kind: 'run'; config: ServerConfig; notices: string[] }
  | { kind: 'help'; text: string }
  | { kind: 'version'; text: string };

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}\nRun wolkvox-mcp --help for the options.`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export const HELP = `wolkvox-mcp: an MCP server exposing every wolkvox report as a tool.

Usage: wolkvox-mcp [options]              (stdio, for Claude Desktop, VS Code, Cursor...)
       wolkvox-mcp --http [--port N]      (Streamable HTTP on http://127.0.0.1:N/mcp)

wolkvox connection (without a token, an embedded emulator serves simulated data):
  --server <n>          WOLKVOX_SERVER     tenant server number, e.g. 0015 (https://wv0015.wolkvox.com)
  --base-url <url>      WOLKVOX_BASE_URL   send requests here instead (proxy, emulator)
  --token <t>           WOLKVOX_TOKEN      the wolkvox-token (prefer the variable: flags show in ps)
  --timezone <zone>     WOLKVOX_TIMEZONE   tenant IANA time zone (default ${DEFAULT_TIME_ZONE})
  --emulator-seed <s>   WOLKVOX_EMULATOR_SEED  seed of the simulated tenant (default 1)

Tools (list_reports and run_report are always listed, and reach every report):
  --toolsets <a,b>      WOLKVOX_TOOLSETS   which reports also get their own tool (default: default):
                                           default  ${DEFAULT_REPORT_TOOLS.join(', ')}
                                           all      every report
                                           toolsets ${TOOLSET_NAMES.join(', ')}

HTTP:
  --http                                   serve Streamable HTTP instead of stdio
  --port <n>            WOLKVOX_MCP_PORT   default ${DEFAULT_HTTP_PORT}
  --host <addr>         WOLKVOX_MCP_HOST   default ${DEFAULT_HTTP_HOST}; off loopback a bearer token is required
  --http-token <t>      WOLKVOX_MCP_HTTP_TOKEN   bearer token clients must send (Authorization: Bearer <t>)
  --allowed-hosts <a,b> WOLKVOX_MCP_ALLOWED_HOSTS   Host names accepted (default localhost, 127.0.0.1, [::1])
  --allowed-origins <a,b> WOLKVOX_MCP_ALLOWED_ORIGINS Origin host names accepted (default the same)
  (env only)            WOLKVOX_MCP_CURSOR_KEY   secret paging cursors are signed with, the same on every replica
                                           (16+ characters; default a random one per process)

Sharing one token between processes and machines (env only; with WOLKVOX_TOKEN):
  WOLKVOX_CACHE_DIR     the token's leases, daily count and closed-day cache on this machine
                        (default the OS cache directory, e.g. ~/.cache/wolkvox-mcp)
  WOLKVOX_REDIS_URL     redis://host:6379: replicas share the budget, daily count and closed-day cache
                        through it (default none: shared by the processes of this machine only)
  WOLKVOX_DAILY_QUOTA   the token's calls a day (licenses x 1000): answers say how many are left when few
                        are (default unknown: learned when wolkvox refuses a call for it)

Other:
  --call-deadline-ms <n> WOLKVOX_MCP_CALL_DEADLINE_MS  total time of one report call, retries included
                                           (default ${DEFAULT_CALL_DEADLINE_MS}, under the usual 60 s client timeout)
  --cache-mb <n>        WOLKVOX_MCP_CACHE_MB  memory for fetched results kept for paging, in MiB (default ${DEFAULT_CACHE_MB})
  --log-level <level>   WOLKVOX_LOG_LEVEL  ${LOG_LEVELS.join(', ')} (default info); logs go to stderr
  --help, --version
`;

/**
 * Every setting with a value, by flag, and the environment variable that sets it when the flag is absent: each
 * named once, so a flag and its variable cannot drift apart. The wolkvox connection reads WOLKVOX_*, the MCP
 * server's own serving WOLKVOX_MCP_*.
 */
export const SETTINGS = {
  token: 'WOLKVOX_TOKEN',
  server: 'WOLKVOX_SERVER',
  'base-url': 'WOLKVOX_BASE_URL',
  timezone: 'WOLKVOX_TIMEZONE',
  'emulator-seed': 'WOLKVOX_EMULATOR_SEED',
  toolsets: 'WOLKVOX_TOOLSETS',
  'log-level': 'WOLKVOX_LOG_LEVEL',
  port: 'WOLKVOX_MCP_PORT',
  host: 'WOLKVOX_MCP_HOST',
  'http-token': 'WOLKVOX_MCP_HTTP_TOKEN',
  'allowed-hosts': 'WOLKVOX_MCP_ALLOWED_HOSTS',
  'allowed-origins': 'WOLKVOX_MCP_ALLOWED_ORIGINS',
  'call-deadline-ms': 'WOLKVOX_MCP_CALL_DEADLINE_MS',
  'cache-mb': 'WOLKVOX_MCP_CACHE_MB',
} as const;

type Setting = keyof typeof SETTINGS;

/**
 * Other spellings still read as the one to use, with a notice. `--time-zone` is the emulator's old spelling:
 * `--timezone` is the one both bins (wolkvox-mcp, wolkvox-mock) take.
 */
const OLD_FLAGS: Readonly<Record<string, Setting>> = { 'time-zone': 'timezone' };

function list(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** Loopback interfaces: binding there keeps the server off the network. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}

/** A host name as a Host header carries it (IPv6 in brackets). */
function hostHeaderName(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

export function parseConfig(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): CliOutcome {
  let parsed: ReturnType<typeof parseCli>;
  try {
    parsed = parseCli(argv);
  } catch (error) {
    throw new ConfigError([error instanceof Error ? error.message : String(error)]);
  }
  const flags = parsed.values;
  if (flags.help) return { kind: 'help', text: HELP };
  if (flags.version) return { kind: 'version', text: '0.1.0' };

  const problems: string[] = [];
  const notices: string[] = [];
  const given: Partial<Record<Setting, string>> = {};
  for (const setting of Object.keys(SETTINGS) as Setting[]) {
    const value = flags[setting];
    if (typeof value === 'string') given[setting] = value;
  }
  for (const [old, setting] of Object.entries(OLD_FLAGS)) {
    const value = flags[old];
    if (typeof value !== 'string') continue;
    notices.push(
      `--${old} is read as --${setting}, the spelling to use (wolkvox-mcp and wolkvox-mock both take it)`,
    );
    given[setting] ??= value;
  }
  /** The flag's value, else its environment variable's; blank counts as absent. */
  const pick = (setting: Setting) => {
    const value = given[setting] ?? env[SETTINGS[setting]];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };

  const token = pick('token');
  const server = pick('server');
  const baseUrl = pick('base-url');
  let wolkvox: WolkvoxConnection;
  if (token) {
    if (!server && !baseUrl)
      problems.push('WOLKVOX_TOKEN is set but neither WOLKVOX_SERVER nor WOLKVOX_BASE_URL');
    if (server && !SERVER_NAME_PATTERN.test(server))
      problems.push(`WOLKVOX_SERVER ${JSON.stringify(server)} is not a server number like 0015`);
    // The client's own rule, so that a URL the server starts with is one the client accepts. The value is not
    // quoted: a URL refused for carrying credentials would print them.
    const reading = baseUrl === undefined ? undefined : readBaseUrl(baseUrl);
    if (reading && !reading.ok) problems.push(`WOLKVOX_BASE_URL ${reading.rule}`);
    // Environment only: a Redis URL may carry a password, which a flag would show in every process listing.
    const stateDir = env.WOLKVOX_CACHE_DIR?.trim() || undefined;
    const redisUrl = env.WOLKVOX_REDIS_URL?.trim() || undefined;
    // The client's own rule; the URL is never quoted (it may hold a password).
    const redisReading = redisUrl === undefined ? undefined : readRedisUrl(redisUrl);
    if (redisReading && !redisReading.ok) problems.push(`WOLKVOX_REDIS_URL ${redisReading.rule}`);
    const quotaText = env.WOLKVOX_DAILY_QUOTA?.trim() || undefined;
    const dailyQuota = quotaText === undefined ? undefined : Number(quotaText);
    if (dailyQuota !== undefined && !(Number.isSafeInteger(dailyQuota) && dailyQuota >= 1))
      problems.push(
        `WOLKVOX_DAILY_QUOTA must be a whole number of calls >= 1 (got ${JSON.stringify(quotaText)})`,
      );
    wolkvox = {
      mode: 'wolkvox',
      token,
      ...(server ? { server } : {}),
      ...(baseUrl ? { baseUrl } : {}),
      ...(stateDir ? { stateDir } : {}),
      ...(redisUrl ? { redisUrl } : {}),
      ...(dailyQuota !== undefined ? { dailyQuota } : {}),
    };
  } else {
    if (server || baseUrl) problems.push('WOLKVOX_SERVER / WOLKVOX_BASE_URL given without WOLKVOX_TOKEN');
    wolkvox = { mode: 'emulator', seed: pick('emulator-seed') ?? '1' };
  }

  // A zone given is checked; the default is not input, and checking it would load ICU's time-zone data at every
  // start (about half a bare Node start) before the stdio quick start could answer tools/list.
  const givenZone = pick('timezone');
  const timeZone = givenZone ?? DEFAULT_TIME_ZONE;
  if (givenZone !== undefined && !isValidTimeZone(timeZone))
    problems.push(`time zone ${JSON.stringify(timeZone)} is not an IANA zone like America/Bogota`);

  let toolsets = DEFAULT_SELECTION;
  const toolsetNames = list(pick('toolsets'));
  if (toolsetNames) {
    const parsed = parseToolsets(toolsetNames);
    if (parsed.unknown.length)
      problems.push(`unknown toolset(s) ${parsed.unknown.join(', ')}; valid: ${SELECTION_NAMES.join(', ')}`);
    toolsets = parsed.selection;
  }

  const logLevel = (pick('log-level') ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel))
    problems.push(`log level ${JSON.stringify(logLevel)}; valid: ${LOG_LEVELS.join(', ')}`);

  const deadlineText = pick('call-deadline-ms') ?? String(DEFAULT_CALL_DEADLINE_MS);
  const callDeadlineMs = Number(deadlineText);
  if (!/^\d+$/.test(deadlineText) || callDeadlineMs < 1_000 || callDeadlineMs > 3_600_000)
    problems.push(
      `call deadline ${JSON.stringify(deadlineText)} is not a number of milliseconds from 1000 to 3600000`,
    );

  const cacheText = pick('cache-mb') ?? String(DEFAULT_CACHE_MB);
  const cacheMb = Number(cacheText);
  if (!/^\d+$/.test(cacheText) || cacheMb < 1 || cacheMb > 65_536)
    problems.push(`cache size ${JSON.stringify(cacheText)} is not a number of MiB from 1 to 65536`);

  const host = pick('host') ?? DEFAULT_HTTP_HOST;
  const portText = pick('port') ?? String(DEFAULT_HTTP_PORT);
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65_535)
    problems.push(`port ${JSON.stringify(portText)} is not a port number (0-65535)`);
  const httpToken = pick('http-token');
  const bindName =
    ['0.0.0.0', '::', '[::]'].includes(host) || isLoopbackHost(host) ? [] : [hostHeaderName(host)];
  const allowedHosts = list(pick('allowed-hosts')) ?? [...LOCALHOST_NAMES, ...bindName];
  const allowedOrigins = list(pick('allowed-origins')) ?? [...LOCALHOST_NAMES, ...bindName];
  const transport = flags.http ? 'http' : 'stdio';
  if (transport === 'http' && !isLoopbackHost(host) && !httpToken) {
    problems.push(
      `--host ${host} is off loopback: set a bearer token with --http-token or WOLKVOX_MCP_HTTP_TOKEN (refusing to serve wolkvox data unauthenticated on the network)`,
    );
  }
  if (httpToken !== undefined && httpToken.length < 16)
    problems.push('the HTTP bearer token must be at least 16 characters');
  // Environment only: a secret on the command line shows in every process listing.
  const cursorKey = env.WOLKVOX_MCP_CURSOR_KEY || undefined;
  if (cursorKey !== undefined && cursorKey.length < 16)
    problems.push('WOLKVOX_MCP_CURSOR_KEY must be at least 16 characters');

  if (problems.length) throw new ConfigError(problems);
  return {
    kind: 'run',
    notices,
    config: {
      transport,
      http: { host, port, ...(httpToken ? { token: httpToken } : {}), allowedHosts, allowedOrigins },
      wolkvox,
      timeZone,
      toolsets,
      callDeadlineMs,
      cacheBytes: cacheMb * 1024 * 1024,
      ...(cursorKey ? { cursorKey } : {}),
      logLevel,
    },
  };
}

function parseCli(argv: readonly string[]) {
  const options: NonNullable<ParseArgsConfig['options']> = {
    help: { type: 'boolean', short: 'h' },
    version: { type: 'boolean', short: 'v' },
    http: { type: 'boolean' },
  };
  for (const name of [...Object.keys(SETTINGS), ...Object.keys(OLD_FLAGS)])
    options[name] = { type: 'string' };
  return parseArgs({ args: [...argv], strict: true, allowPositionals: false, options });
}
