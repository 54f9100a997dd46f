/**
 * Every setting of wolkvox-mcp, once: its flag, its environment variable, the zod schema its text is read by and
 * what it does. The parse step reads them from here, and --help is written from here, so help never says other
 * than what is read. The wolkvox connection reads WOLKVOX_*, the MCP server's own serving WOLKVOX_MCP_*; the
 * variables the client also reads for a library user (WOLKVOX_CACHE_DIR, WOLKVOX_REDIS_URL) come with the client's
 * own schema and description.
 */
import { baseUrlSchema } from '@wolkvox-mcp/client/base-url';
import { CLIENT_ENVIRONMENT } from '@wolkvox-mcp/client/settings';
import {
  DEFAULT_TIME_ZONE,
  isValidTimeZone,
  SERVER_NAME_PATTERN,
  type WallTime,
  wallTimeFromParts,
} from '@wolkvox-mcp/contracts';
import { z } from 'zod';
import {
  DEFAULT_REPORT_TOOLS,
  parseToolsets,
  SELECTION_NAMES,
  TOOLSET_NAMES,
  type ToolSelection,
} from '../catalog/toolsets.js';
import { EXPORT_DEFAULTS } from '../exports/store.js';
import { LOG_LEVELS } from '../logging/levels.js';
import { CACHE_DEFAULTS } from '../results/cache.js';
import { DEFAULT_STORE_BYTES } from '../store/day-store.js';
import { LOCALHOST_NAMES } from './loopback.js';

export const DEFAULT_HTTP_PORT = 8765;
export const DEFAULT_HTTP_HOST = '127.0.0.1';
export const DEFAULT_EMULATOR_SEED = '1';
export const DEFAULT_LOG_LEVEL = 'info';
/**
 * Total time of one tool call that fetches from wolkvox, retries and waits included: below the 60 s after which MCP
 * clients commonly give up (the SDK's default request timeout), so they see why instead of a timeout of their own.
 */
export const DEFAULT_CALL_DEADLINE_MS = 50_000;
/** Memory the result cache may hold, in MiB (its bound: `ResultCache`'s own default). */
export const DEFAULT_CACHE_MB = CACHE_DEFAULTS.maxBytes / 1024 / 1024;
/** How long an export's file is kept, in hours, and what every export on the machine may take, in MiB. */
export const DEFAULT_EXPORT_HOURS = EXPORT_DEFAULTS.ttlMs / 3_600_000;
export const DEFAULT_EXPORT_MB = EXPORT_DEFAULTS.maxBytes / 1024 / 1024;
/** What the store of closed days may take on disk, in MiB (the store's own default). */
export const DEFAULT_STORE_MB = DEFAULT_STORE_BYTES / 1024 / 1024;

/** The sections of --help, in order, with their headings. */
export const GROUPS = {
  connection: 'wolkvox connection (without a token, an embedded emulator serves simulated data):',
  tools: 'Tools (list_reports and run_report are always listed, and reach every report):',
  http: 'HTTP:',
  sharing: 'Sharing one token between processes and machines (env only; with WOLKVOX_TOKEN):',
  other: 'Other:',
} as const;

export interface Setting {
  group: keyof typeof GROUPS;
  /** The flag without its dashes. Absent: environment only, for a secret (a flag shows in every process listing). */
  flag?: string;
  /** What follows the flag in --help (`<n>`). Absent: a switch, which takes no value. */
  arg?: string;
  env?: string;
  /** Reads the setting's text (trimmed, never blank); an issue's message is the rule, following the setting's name. */
  schema?: z.ZodType<unknown, string>;
  /** What --help says it does; one string a line. */
  help: readonly string[];
  /** Never quoted in a problem: a token, or a URL that may carry credentials. */
  secret?: boolean;
  /** Read only with a token: where wolkvox is and how its budget is shared mean nothing to the embedded emulator. */
  withToken?: boolean;
  /** Other spellings of the flag, still read, with a notice naming the one to use. */
  oldFlags?: readonly string[];
}

/** A whole number in a range; the text must be digits (no signs, exponents or units). */
function wholeNumber(min: number, max: number, rule: string) {
  return z
    .string()
    .regex(/^\d+$/, { error: rule })
    .transform(Number)
    .refine((value) => value >= min && value <= max, { error: rule });
}

/** A comma-separated list; blanks between commas are dropped. */
const list = z.string().transform((text) =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean),
);

const toolsets = list.transform((names, ctx): ToolSelection => {
  const { selection, unknown } = parseToolsets(names);
  if (unknown.length) {
    ctx.addIssue({
      code: 'custom',
      message: `names unknown toolset(s) ${unknown.join(', ')}; valid: ${SELECTION_NAMES.join(', ')}`,
    });
  }
  return selection;
});

const SIXTEEN = 'must be at least 16 characters';

/**
 * When the embedded emulator's clock starts: an instant (`2026-03-04T10:00:00-05:00`, `...Z`) or the tenant's wall
 * time (`2026-03-04`, `2026-03-04T10:00`), which the resolve step places in the tenant's time zone. The emulator
 * keeps its clock within 2000-2099 (its CLOCK_RANGE); checked here so that the server refuses to start rather than
 * failing its first report call.
 */
export type EmulatorStart = { instant: number } | { wall: WallTime };
const EMULATOR_NOW =
  'must be an ISO 8601 date or instant from 2000 to 2099, like 2026-03-04, 2026-03-04T10:00 (tenant time) or 2026-03-04T10:00:00-05:00';
const WALL = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const emulatorNow = z.string().transform((text, ctx): EmulatorStart => {
  const wall = WALL.exec(text);
  if (wall) {
    const [, year, month, day, hour = '0', minute = '0', second = '0'] = wall.map(
      (part) => part ?? undefined,
    );
    const at = wallTimeFromParts({
      year: Number(year),
      month: Number(month),
      day: Number(day),
      hour: Number(hour),
      minute: Number(minute),
      second: Number(second),
    });
    if (at !== undefined && Number(year) >= 2000 && Number(year) <= 2099) return { wall: at };
  } else {
    const instant = /^\d{4}-\d{2}-\d{2}T/.test(text) ? Date.parse(text) : Number.NaN;
    if (instant >= Date.UTC(2000, 0, 1) && instant < Date.UTC(2100, 0, 1)) return { instant };
  }
  ctx.addIssue({ code: 'custom', message: EMULATOR_NOW });
  return z.NEVER;
});

export const SETTINGS = {
  token: {
    group: 'connection',
    flag: 'token',
    arg: '<t>',
    env: 'WOLKVOX_TOKEN',
    schema: z.string(),
    secret: true,
    help: ['the wolkvox-token (prefer the variable: flags show in ps)'],
  },
  server: {
    group: 'connection',
    flag: 'server',
    arg: '<n>',
    env: 'WOLKVOX_SERVER',
    schema: z.string().regex(SERVER_NAME_PATTERN, { error: 'must be a server number like 0015' }),
    withToken: true,
    help: ['tenant server number, e.g. 0015 (https://wv0015.wolkvox.com)'],
  },
  baseUrl: {
    group: 'connection',
    flag: 'base-url',
    arg: '<url>',
    env: 'WOLKVOX_BASE_URL',
    // The client's own rule, so that a URL the server starts with is one the client accepts.
    schema: baseUrlSchema,
    secret: true,
    withToken: true,
    help: ['send requests here instead (proxy, emulator)'],
  },
  timeZone: {
    group: 'connection',
    flag: 'timezone',
    oldFlags: ['time-zone'],
    arg: '<zone>',
    env: 'WOLKVOX_TIMEZONE',
    schema: z.string().refine(isValidTimeZone, { error: 'must be an IANA time zone like America/Bogota' }),
    help: [`tenant IANA time zone (default ${DEFAULT_TIME_ZONE})`],
  },
  emulatorSeed: {
    group: 'connection',
    flag: 'emulator-seed',
    arg: '<s>',
    env: 'WOLKVOX_EMULATOR_SEED',
    schema: z.string(),
    help: [`seed of the simulated tenant (default ${DEFAULT_EMULATOR_SEED})`],
  },
  emulatorNow: {
    group: 'connection',
    flag: 'emulator-now',
    arg: '<date>',
    env: 'WOLKVOX_EMULATOR_NOW',
    schema: emulatorNow,
    help: [
      "start the embedded emulator's clock here (2026-03-04, 2026-03-04T10:00 in the",
      'tenant zone, or an instant with its offset); it then runs. "yesterday" follows it',
    ],
  },
  toolsets: {
    group: 'tools',
    flag: 'toolsets',
    arg: '<a,b>',
    env: 'WOLKVOX_TOOLSETS',
    schema: toolsets,
    help: [
      'which reports also get their own tool (default: default):',
      `default  ${DEFAULT_REPORT_TOOLS.join(', ')}`,
      'all      every report',
      `toolsets ${TOOLSET_NAMES.join(', ')}`,
    ],
  },
  http: { group: 'http', flag: 'http', help: ['serve Streamable HTTP instead of stdio'] },
  port: {
    group: 'http',
    flag: 'port',
    arg: '<n>',
    env: 'WOLKVOX_MCP_PORT',
    schema: wholeNumber(0, 65_535, 'must be a port number (0-65535)'),
    help: [`default ${DEFAULT_HTTP_PORT}; 0 picks a free one`],
  },
  host: {
    group: 'http',
    flag: 'host',
    arg: '<addr>',
    env: 'WOLKVOX_MCP_HOST',
    schema: z.string(),
    help: [`default ${DEFAULT_HTTP_HOST}; off loopback a bearer token is required`],
  },
  httpToken: {
    group: 'http',
    flag: 'http-token',
    arg: '<t>',
    env: 'WOLKVOX_MCP_HTTP_TOKEN',
    schema: z.string().min(16, { error: SIXTEEN }),
    secret: true,
    help: ['bearer token clients must send (Authorization: Bearer <t>), 16+ characters'],
  },
  allowedHosts: {
    group: 'http',
    flag: 'allowed-hosts',
    arg: '<a,b>',
    env: 'WOLKVOX_MCP_ALLOWED_HOSTS',
    schema: list,
    help: [`Host names accepted (default ${LOCALHOST_NAMES.join(', ')}, and the bound address)`],
  },
  allowedOrigins: {
    group: 'http',
    flag: 'allowed-origins',
    arg: '<a,b>',
    env: 'WOLKVOX_MCP_ALLOWED_ORIGINS',
    schema: list,
    help: ['Origin host names accepted (default the same)'],
  },
  maxConnections: {
    group: 'http',
    flag: 'max-connections',
    arg: '<n>',
    env: 'WOLKVOX_MCP_MAX_CONNECTIONS',
    schema: wholeNumber(1, 1_000_000, 'must be a number of connections from 1 to 1000000'),
    help: [
      'connections held at once; more are refused as they arrive (default: what the',
      'open-files limit leaves room for, all but 256, at most 10000)',
    ],
  },
  cursorKey: {
    group: 'http',
    env: 'WOLKVOX_MCP_CURSOR_KEY',
    schema: z.string().min(16, { error: SIXTEEN }),
    secret: true,
    help: [
      'secret paging cursors are signed with, the same on every replica',
      '(16+ characters; default a random one per process)',
    ],
  },
  stateDir: {
    group: 'sharing',
    env: CLIENT_ENVIRONMENT.stateDir.variable,
    schema: CLIENT_ENVIRONMENT.stateDir.schema,
    // Read without a token too: the exports' files are kept there (exports/), whoever serves the rows.
    help: [...CLIENT_ENVIRONMENT.stateDir.description, 'and the files of exports (exports/), token or not'],
  },
  redisUrl: {
    group: 'sharing',
    env: CLIENT_ENVIRONMENT.redisUrl.variable,
    schema: CLIENT_ENVIRONMENT.redisUrl.schema,
    secret: true,
    withToken: true,
    help: CLIENT_ENVIRONMENT.redisUrl.description,
  },
  dailyQuota: {
    group: 'sharing',
    env: 'WOLKVOX_DAILY_QUOTA',
    schema: z
      .string()
      .transform(Number)
      .pipe(
        z
          .int({ error: 'must be a whole number of calls >= 1' })
          .min(1, { error: 'must be a whole number of calls >= 1' }),
      ),
    withToken: true,
    help: [
      "the token's calls a day (licenses x 1000): answers say how many are left when few are",
      '(default unknown: learned when wolkvox refuses a call for it)',
    ],
  },
  callDeadlineMs: {
    group: 'other',
    flag: 'call-deadline-ms',
    arg: '<n>',
    env: 'WOLKVOX_MCP_CALL_DEADLINE_MS',
    schema: wholeNumber(1_000, 3_600_000, 'must be a number of milliseconds from 1000 to 3600000'),
    help: [
      'total time of one report call, retries included',
      `(default ${DEFAULT_CALL_DEADLINE_MS}, under the usual 60 s client timeout)`,
    ],
  },
  cacheMb: {
    group: 'other',
    flag: 'cache-mb',
    arg: '<n>',
    env: 'WOLKVOX_MCP_CACHE_MB',
    schema: wholeNumber(1, 65_536, 'must be a number of MiB from 1 to 65536'),
    help: [`memory for fetched results kept for paging, in MiB (default ${DEFAULT_CACHE_MB})`],
  },
  exportHours: {
    group: 'other',
    flag: 'export-hours',
    arg: '<n>',
    env: 'WOLKVOX_MCP_EXPORT_HOURS',
    schema: wholeNumber(1, 8_760, 'must be a number of hours from 1 to 8760'),
    help: [`how long an export's file is kept (default ${DEFAULT_EXPORT_HOURS})`],
  },
  exportMb: {
    group: 'other',
    flag: 'export-mb',
    arg: '<n>',
    env: 'WOLKVOX_MCP_EXPORT_MB',
    schema: wholeNumber(1, 1_048_576, 'must be a number of MiB from 1 to 1048576'),
    help: [
      `disk for every export kept on this machine, in MiB (default ${DEFAULT_EXPORT_MB});`,
      'the oldest go first to make room',
    ],
  },
  dataDir: {
    group: 'other',
    flag: 'data-dir',
    arg: '<dir>',
    env: 'WOLKVOX_DATA_DIR',
    schema: CLIENT_ENVIRONMENT.stateDir.schema,
    help: [
      'the store of closed days query_reports reads in place, one Parquet file per report and day',
      '(default <WOLKVOX_CACHE_DIR>/data with a token; the embedded emulator stores only when given one)',
    ],
  },
  storeMb: {
    group: 'other',
    flag: 'store-mb',
    arg: '<n>',
    env: 'WOLKVOX_MCP_STORE_MB',
    schema: wholeNumber(1, 16_777_216, 'must be a number of MiB from 1 to 16777216'),
    help: [
      `disk for the store of closed days on this machine, in MiB (default ${DEFAULT_STORE_MB});`,
      'the least recently used days go first to make room',
    ],
  },
  logLevel: {
    group: 'other',
    flag: 'log-level',
    arg: '<level>',
    env: 'WOLKVOX_LOG_LEVEL',
    schema: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }),
    help: [`${LOG_LEVELS.join(', ')} (default ${DEFAULT_LOG_LEVEL}); logs go to stderr`],
  },
} as const satisfies Record<string, Setting>;

export type SettingName = keyof typeof SETTINGS;

/** Each setting as read: its schema's output, or true for a switch given. */
export type Settings = {
  -readonly [K in SettingName]?: (typeof SETTINGS)[K] extends { schema: infer S extends z.ZodType }
    ? z.output<S>
    : true;
};
