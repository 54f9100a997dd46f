import { describe, expect, it } from 'vitest';
import { ConfigError, HELP, parseConfig } from '../config.js';

const BASE = { WOLKVOX_TOKEN: 'a-token-for-the-config-test', WOLKVOX_SERVER: '0015' };

function wolkvoxOf(env: Record<string, string>) {
  const outcome = parseConfig([], { ...BASE, ...env });
  if (outcome.kind !== 'run') throw new Error(outcome.kind);
  return outcome.config.wolkvox;
}

describe('sharing settings (WOLKVOX_CACHE_DIR, WOLKVOX_REDIS_URL)', () => {
  it('reads both from the environment and hands them to the wolkvox connection', () => {
    expect(
      wolkvoxOf({
        WOLKVOX_CACHE_DIR: '/var/cache/wolkvox',
        WOLKVOX_REDIS_URL: 'redis://redis.internal:6379/2',
      }),
    ).toMatchObject({ stateDir: '/var/cache/wolkvox', redisUrl: 'redis://redis.internal:6379/2' });
    const plain = wolkvoxOf({});
    expect(plain).not.toHaveProperty('stateDir');
    expect(plain).not.toHaveProperty('redisUrl');
  });

  it('refuses a Redis URL by the client’s rule, naming the variable and never quoting the URL', () => {
    const secret = 'hunter2-redis-password';
    let error: unknown;
    try {
      parseConfig([], { ...BASE, WOLKVOX_REDIS_URL: `http://user:${secret}@redis:6379` });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('WOLKVOX_REDIS_URL must be a redis:// or rediss:// URL');
    expect(message).not.toContain(secret);
  });

  it('lists them in --help', () => {
    expect(HELP).toMatch(/\bWOLKVOX_CACHE_DIR\b/);
    expect(HELP).toMatch(/\bWOLKVOX_REDIS_URL\b/);
    expect(HELP).toMatch(/\bWOLKVOX_DAILY_QUOTA\b/);
  });

  it('reads WOLKVOX_DAILY_QUOTA as a whole number of calls and refuses anything else, naming the rule', () => {
    expect(wolkvoxOf({ WOLKVOX_DAILY_QUOTA: '5000' })).toMatchObject({ dailyQuota: 5000 });
    expect(wolkvoxOf({})).not.toHaveProperty('dailyQuota');
    for (const bad of ['0', '-3', '2.5', 'lots']) {
      expect(() => parseConfig([], { ...BASE, WOLKVOX_DAILY_QUOTA: bad })).toThrow(
        /WOLKVOX_DAILY_QUOTA must be a whole number of calls >= 1/,
      );
    }
  });

  it('reads WOLKVOX_CACHE_DIR without a token too: exports are kept there whoever serves the rows', () => {
    const outcome = parseConfig([], { WOLKVOX_CACHE_DIR: '/var/cache/wolkvox' });
    if (outcome.kind !== 'run') throw new Error(outcome.kind);
    expect(outcome.config.stateDir).toBe('/var/cache/wolkvox');
    expect(outcome.config.wolkvox).toEqual({ mode: 'emulator', seed: '1' });
  });

  it('reads how long exports are kept and the disk they may take, and refuses anything else naming the rule', () => {
    const outcome = parseConfig(['--export-hours', '2'], { WOLKVOX_MCP_EXPORT_MB: '64' });
    if (outcome.kind !== 'run') throw new Error(outcome.kind);
    expect(outcome.config.exports).toEqual({ ttlMs: 2 * 3_600_000, maxBytes: 64 * 1024 * 1024 });
    expect(() => parseConfig(['--export-hours', '0'], {})).toThrow(
      /--export-hours must be a number of hours from 1 to 8760/,
    );
    expect(() => parseConfig([], { WOLKVOX_MCP_EXPORT_MB: '1GB' })).toThrow(
      /WOLKVOX_MCP_EXPORT_MB must be a number of MiB from 1 to 1048576/,
    );
    expect(HELP).toMatch(/--export-hours <n>/);
    expect(HELP).toMatch(/--export-mb <n>/);
  });
});
