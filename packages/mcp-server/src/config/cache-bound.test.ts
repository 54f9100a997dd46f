/**
 * The result cache's byte bound as a setting: its flag and variable, and a default that is the cache's own.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_CACHE_MB, parseConfig } from '../config.js';
import { CACHE_DEFAULTS } from '../results/cache.js';

function cacheBytesOf(argv: string[], env: Record<string, string> = {}): number | undefined {
  const outcome = parseConfig(argv, env);
  if (outcome.kind !== 'run') throw new Error(outcome.kind);
  return outcome.config.cacheBytes;
}

describe('the cache bound setting', () => {
  it("defaults to 256 MiB, the cache's own default", () => {
    expect(DEFAULT_CACHE_MB).toBe(256);
    expect(cacheBytesOf([])).toBe(CACHE_DEFAULTS.maxBytes);
  });

  it('reads --cache-mb, else WOLKVOX_MCP_CACHE_MB', () => {
    expect(cacheBytesOf(['--cache-mb', '64'])).toBe(64 * 1024 * 1024);
    expect(cacheBytesOf([], { WOLKVOX_MCP_CACHE_MB: '32' })).toBe(32 * 1024 * 1024);
    expect(cacheBytesOf(['--cache-mb', '8'], { WOLKVOX_MCP_CACHE_MB: '32' })).toBe(8 * 1024 * 1024);
  });

  it.each(['0', '-1', '1.5', 'lots', '65537'])('refuses %s, naming the rule', (value) => {
    const env = { WOLKVOX_MCP_CACHE_MB: value };
    expect(() => cacheBytesOf([], env)).toThrow(ConfigError);
    expect(() => cacheBytesOf([], env)).toThrow(
      'WOLKVOX_MCP_CACHE_MB must be a number of MiB from 1 to 65536',
    );
  });
});
