import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultStateDir, redisUrlSchema } from '../../src/config/sharing.js';
import { resolveConfig } from '../../src/config.js';
import { type WolkvoxClientOptions, WolkvoxConfigError } from '../../src/index.js';

const BASE = { token: 'tok-settings', baseUrl: 'http://127.0.0.1:9' };

function problems(options: Partial<WolkvoxClientOptions>) {
  try {
    resolveConfig({ ...BASE, ...options } as WolkvoxClientOptions);
  } catch (error) {
    expect(error).toBeInstanceOf(WolkvoxConfigError);
    return (error as WolkvoxConfigError).problems;
  }
  throw new Error('expected a WolkvoxConfigError');
}

afterEach(() => vi.unstubAllEnvs());

describe('coordination options', () => {
  it('shares per machine by default, in the OS cache directory unless WOLKVOX_CACHE_DIR moves it', () => {
    vi.stubEnv('WOLKVOX_CACHE_DIR', '');
    vi.stubEnv('WOLKVOX_REDIS_URL', '');
    const config = resolveConfig(BASE);
    expect(config.coordination).toBe('machine');
    expect(config.stateDir).toBe(defaultStateDir());
    expect(config.redis).toBeUndefined();
    vi.stubEnv('WOLKVOX_CACHE_DIR', 'relative/state');
    expect(resolveConfig(BASE).stateDir).toBe(resolve('relative/state'));
    expect(resolveConfig({ ...BASE, stateDir: '/tmp/option-wins' }).stateDir).toBe('/tmp/option-wins');
  });

  it('places the default directory by each OS convention', () => {
    expect(defaultStateDir({}, 'linux', '/home/ana')).toBe('/home/ana/.cache/wolkvox-mcp');
    expect(defaultStateDir({ XDG_CACHE_HOME: '/xdg' }, 'linux', '/home/ana')).toBe('/xdg/wolkvox-mcp');
    expect(defaultStateDir({}, 'darwin', '/Users/ana')).toBe('/Users/ana/Library/Caches/wolkvox-mcp');
    expect(defaultStateDir({ LOCALAPPDATA: 'C:/Users/ana/AppData/Local' }, 'win32', 'C:/Users/ana')).toBe(
      join('C:/Users/ana/AppData/Local', 'wolkvox-mcp', 'Cache'),
    );
  });

  it('moves to Redis with WOLKVOX_REDIS_URL or redisUrl, and back to one process on request', () => {
    vi.stubEnv('WOLKVOX_REDIS_URL', 'redis://:pw@10.0.0.5:6380/2');
    const config = resolveConfig(BASE);
    expect(config.coordination).toBe('redis');
    expect(config.redis).toEqual({ url: 'redis://:pw@10.0.0.5:6380/2', label: 'redis://10.0.0.5:6380/2' });
    expect(resolveConfig({ ...BASE, coordination: 'process' }).redis).toBeUndefined();
    expect(resolveConfig({ ...BASE, coordination: 'machine' }).coordination).toBe('machine');
  });

  it('names the option and the rule, never a Redis password', () => {
    vi.stubEnv('WOLKVOX_REDIS_URL', '');
    const bad = problems({
      redisUrl: 'http://user:s3cret-pass@host:6379',
      coordination: 'cluster' as never,
      dailyQuota: 0,
      stateDir: 42 as never,
    });
    expect(bad.map((p) => p.field).sort()).toEqual(['coordination', 'dailyQuota', 'redisUrl', 'stateDir']);
    expect(JSON.stringify(bad)).not.toContain('s3cret-pass');
    expect(problems({ coordination: 'redis' })).toEqual([
      { field: 'coordination', rule: "'redis' needs redisUrl (or WOLKVOX_REDIS_URL)" },
    ]);
    vi.stubEnv('WOLKVOX_REDIS_URL', 'redis://h:6379/db-name');
    expect(problems({})[0]!.field).toBe('WOLKVOX_REDIS_URL');
    // Not used, not checked: a client asked for one process or one machine ignores the environment's URL.
    expect(resolveConfig({ ...BASE, coordination: 'process' }).coordination).toBe('process');
    expect(resolveConfig({ ...BASE, coordination: 'machine' }).redis).toBeUndefined();
    // The caller's own option is always checked.
    expect(problems({ coordination: 'process', redisUrl: 'redis://h:6379/db-name' })[0]!.field).toBe(
      'redisUrl',
    );
  });

  it('reads Redis URLs and labels them without credentials', () => {
    expect(redisUrlSchema.parse('rediss://u:p@cache.example:6380')).toEqual({
      url: 'rediss://u:p@cache.example:6380',
      label: 'rediss://cache.example:6380',
    });
    expect(redisUrlSchema.safeParse('not a url').success).toBe(false);
    expect(redisUrlSchema.safeParse('redis://').success).toBe(false);
  });
});
