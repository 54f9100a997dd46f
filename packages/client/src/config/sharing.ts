/**
 * Where the shared state lives, and the two environment variables that say so: the state directory (default the
 * OS cache directory) and the Redis URL. Published on its own (`@wolkvox-mcp/client/settings`): the MCP server
 * reads these variables with these schemas and hands the client what it read, so that a variable has one rule
 * and one description wherever it is read. A Redis URL's password is never quoted: messages and logs use its
 * label (scheme, host, port, database).
 */
import { homedir, platform } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

const APP = 'wolkvox-mcp';

/** The OS cache directory of this application, as each platform's conventions place it. */
export function defaultStateDir(
  env: NodeJS.ProcessEnv = process.env,
  os: NodeJS.Platform = platform(),
  home: string = homedir(),
): string {
  if (os === 'win32') return join(env.LOCALAPPDATA || join(home, 'AppData', 'Local'), APP, 'Cache');
  if (os === 'darwin') return join(home, 'Library', 'Caches', APP);
  return join(env.XDG_CACHE_HOME || join(home, '.cache'), APP);
}

const DIRECTORY = 'must be a directory path';

/** A state directory as given; relative paths are resolved against the working directory when the client starts. */
export const stateDirSchema = z
  .string({ error: DIRECTORY })
  .refine((path) => !path.includes('\0'), { error: DIRECTORY });

/** A Redis URL checked, with its label: where it points, without its user name or password. */
export interface RedisUrl {
  url: string;
  label: string;
}

const REDIS_URL = 'must be a redis:// or rediss:// URL';

export const redisUrlSchema = z.string({ error: REDIS_URL }).transform((value, ctx): RedisUrl => {
  const fail = (message: string) => {
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  };
  if (value === '') return fail(REDIS_URL);
  if (!URL.canParse(value)) return fail(`${REDIS_URL} (it does not parse as a URL)`);
  const url = new URL(value);
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:')
    return fail(`${REDIS_URL} (not ${url.protocol}//)`);
  if (url.hostname === '') return fail('must name a host, e.g. redis://127.0.0.1:6379');
  const db = url.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d{1,2}$/.test(db)) {
    return fail('must end in a database number (0-99) or nothing, e.g. redis://host:6379/0');
  }
  return { url: value, label: redisLabel(url) };
});

/** `redis://host:port/db`: the URL without credentials, query or fragment. */
export function redisLabel(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`;
}

/** One environment variable the client falls back to for an option it was not given. */
export interface EnvironmentSetting<T> {
  variable: string;
  schema: z.ZodType<T, string>;
  /** What it sets, for the MCP server's --help: one string a line. */
  description: readonly string[];
}

/** The variables the client reads, by the option they stand in for. */
export const CLIENT_ENVIRONMENT = {
  stateDir: {
    variable: 'WOLKVOX_CACHE_DIR',
    schema: stateDirSchema,
    description: [
      "the token's leases, daily count and closed-day cache on this machine",
      `(default the OS cache directory, e.g. ~/.cache/${APP})`,
    ],
  },
  redisUrl: {
    variable: 'WOLKVOX_REDIS_URL',
    schema: redisUrlSchema,
    description: [
      'redis://host:6379: replicas share the budget, daily count and closed-day cache through it',
      '(default none: shared by the processes of this machine only)',
    ],
  },
} as const satisfies Record<string, EnvironmentSetting<unknown>>;

/**
 * A setting's text as every reader takes it (the client's environment, the MCP server's flags and environment):
 * trimmed, and absent when blank.
 */
export function settingText(text: string | undefined): string | undefined {
  return text?.trim() || undefined;
}
