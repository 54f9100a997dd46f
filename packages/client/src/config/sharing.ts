/**
 * Where the shared state lives: the state directory's default (the OS cache directory) and the Redis URL's check.
 * Neither ever quotes a URL's password: messages and logs use its label (scheme, host, port, database).
 */
import { homedir, platform } from 'node:os';
import { join } from 'node:path';

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

export type RedisUrlReading = { ok: true; label: string } | { ok: false; rule: string };

/** Checks a Redis URL; the label says where it points without its user name or password. */
export function readRedisUrl(value: unknown): RedisUrlReading {
  if (typeof value !== 'string' || value === '') {
    return { ok: false, rule: 'must be a redis:// or rediss:// URL' };
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, rule: 'must be a redis:// or rediss:// URL (it does not parse as a URL)' };
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    return { ok: false, rule: `must be a redis:// or rediss:// URL (not ${url.protocol}//)` };
  }
  if (url.hostname === '') return { ok: false, rule: 'must name a host, e.g. redis://127.0.0.1:6379' };
  const db = url.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d{1,2}$/.test(db)) {
    return { ok: false, rule: 'must end in a database number (0-99) or nothing, e.g. redis://host:6379/0' };
  }
  return { ok: true, label: redisLabel(url) };
}

/** `redis://host:port/db`: the URL without credentials, query or fragment. */
export function redisLabel(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`;
}
