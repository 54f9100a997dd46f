/**
 * The store of closed days as settings: where it is (--data-dir, WOLKVOX_DATA_DIR) and what it may take on disk
 * (--store-mb, WOLKVOX_MCP_STORE_MB), with a default that is the store's own.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../config.js';
import { DEFAULT_STORE_BYTES } from '../store/day-store.js';

function storeOf(argv: string[], env: Record<string, string> = {}) {
  const outcome = parseConfig(argv, env);
  if (outcome.kind !== 'run') throw new Error(outcome.kind);
  return outcome.config.store!;
}

describe('the store settings', () => {
  it("default to no directory given and the store's own bound, 4 GiB", () => {
    expect(DEFAULT_STORE_BYTES).toBe(4 * 1024 * 1024 * 1024);
    expect(storeOf([])).toEqual({ maxBytes: DEFAULT_STORE_BYTES });
  });

  it('read --data-dir, else WOLKVOX_DATA_DIR; --store-mb, else WOLKVOX_MCP_STORE_MB', () => {
    expect(storeOf(['--data-dir', '/srv/wolkvox'], { WOLKVOX_DATA_DIR: '/elsewhere' }).dataDir).toBe(
      '/srv/wolkvox',
    );
    expect(storeOf([], { WOLKVOX_DATA_DIR: '/elsewhere' }).dataDir).toBe('/elsewhere');
    expect(storeOf(['--store-mb', '64']).maxBytes).toBe(64 * 1024 * 1024);
    expect(storeOf([], { WOLKVOX_MCP_STORE_MB: '32' }).maxBytes).toBe(32 * 1024 * 1024);
  });

  it.each(['0', '-1', '1.5', 'lots'])('refuses a bound of %s, naming the rule', (value) => {
    const env = { WOLKVOX_MCP_STORE_MB: value };
    expect(() => storeOf([], env)).toThrow(ConfigError);
    expect(() => storeOf([], env)).toThrow('WOLKVOX_MCP_STORE_MB must be a number of MiB from 1 to 16777216');
  });
});
