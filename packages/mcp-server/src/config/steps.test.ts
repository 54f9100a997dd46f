/**
 * The configuration's two steps on their own: parsing (text to settings, every rule) and resolving (settings to
 * the configuration, every default and derived value).
 */
import { DEFAULT_TIME_ZONE } from '@wolkvox-mcp/contracts';
import { describe, expect, it } from 'vitest';
import { parseCommandLine } from './parse.js';
import { resolveSettings } from './resolve.js';

function settingsOf(argv: string[], env: Record<string, string> = {}) {
  const parsed = parseCommandLine(argv, env);
  if (parsed.kind !== 'settings') throw new Error(parsed.kind);
  return parsed;
}

describe('the parse step', () => {
  it('reports every problem at once, each naming where it came from and the rule, never quoting a secret', () => {
    const { problems } = settingsOf(['--port', 'eighty', '--log-level', 'loud', '--http'], {
      WOLKVOX_TOKEN: 'a-token',
      WOLKVOX_SERVER: '00/15',
      WOLKVOX_MCP_CACHE_MB: '0',
      WOLKVOX_MCP_HTTP_TOKEN: 'short-secret',
      WOLKVOX_MCP_PORT: '80',
      WOLKVOX_MCP_HOST: '10.0.0.7',
    });
    expect(problems).toEqual([
      'WOLKVOX_SERVER must be a server number like 0015 (got "00/15")',
      '--port must be a port number (0-65535) (got "eighty")',
      'WOLKVOX_MCP_HTTP_TOKEN must be at least 16 characters',
      'WOLKVOX_MCP_CACHE_MB must be a number of MiB from 1 to 65536 (got "0")',
      '--log-level must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
    ]);
  });

  it('trims flags and variables alike; blank is absent, and a blank flag hides its variable', () => {
    const { settings } = settingsOf(['--toolsets', ' ivr ', '--port', ' '], {
      WOLKVOX_TOKEN: ' a-token ',
      WOLKVOX_BASE_URL: ' http://127.0.0.1:9/ ',
      WOLKVOX_CACHE_DIR: '  /var/cache/wolkvox  ',
      WOLKVOX_REDIS_URL: ' redis://r:6379/1 ',
      WOLKVOX_MCP_CURSOR_KEY: '  shared-by-replicas-1  ',
      WOLKVOX_MCP_PORT: '9000',
      WOLKVOX_TIMEZONE: '   ',
    });
    expect(settings).toEqual({
      token: 'a-token',
      baseUrl: { url: 'http://127.0.0.1:9/', origin: 'http://127.0.0.1:9', basePath: '' },
      toolsets: ['ivr'],
      cursorKey: 'shared-by-replicas-1',
      stateDir: '/var/cache/wolkvox',
      redisUrl: { url: 'redis://r:6379/1', label: 'redis://r:6379/1' },
    });
  });

  it('reads where wolkvox is and how its budget is shared only with a token', () => {
    const env = { WOLKVOX_REDIS_URL: 'not a url', WOLKVOX_DAILY_QUOTA: 'lots', WOLKVOX_CACHE_DIR: '/x' };
    expect(settingsOf([], env)).toMatchObject({ settings: {}, problems: [] });
    expect(settingsOf([], { ...env, WOLKVOX_TOKEN: 't', WOLKVOX_SERVER: '0015' }).problems).toEqual([
      'WOLKVOX_REDIS_URL must be a redis:// or rediss:// URL (it does not parse as a URL)',
      'WOLKVOX_DAILY_QUOTA must be a whole number of calls >= 1 (got "lots")',
    ]);
    // A value given but refused is not also said to be missing.
    expect(settingsOf(['--base-url', 'ftp://x'], { WOLKVOX_TOKEN: 't' }).problems).toEqual([
      '--base-url must be an absolute http(s) URL',
    ]);
  });

  it('names the variable or flag the off-loopback host came from', () => {
    expect(settingsOf(['--http'], { WOLKVOX_MCP_HOST: '0.0.0.0' }).problems).toEqual([
      'WOLKVOX_MCP_HOST 0.0.0.0 is off loopback: set a bearer token with --http-token or WOLKVOX_MCP_HTTP_TOKEN (refusing to serve wolkvox data unauthenticated on the network)',
    ]);
    expect(settingsOf(['--host', '0.0.0.0'], {}).problems).toEqual([]);
  });
});

describe('the resolve step', () => {
  it('applies every default', () => {
    expect(resolveSettings({})).toEqual({
      transport: 'stdio',
      http: {
        host: '127.0.0.1',
        port: 8765,
        allowedHosts: ['localhost', '127.0.0.1', '[::1]'],
        allowedOrigins: ['localhost', '127.0.0.1', '[::1]'],
      },
      wolkvox: { mode: 'emulator', seed: '1' },
      timeZone: DEFAULT_TIME_ZONE,
      toolsets: ['default'],
      callDeadlineMs: 50_000,
      cacheBytes: 256 * 1024 * 1024,
      exports: { ttlMs: 24 * 3_600_000, maxBytes: 1024 * 1024 * 1024 },
      store: { maxBytes: 4 * 1024 * 1024 * 1024 },
      logLevel: 'info',
    });
  });

  it('derives the connection, the Host names a bound address adds and the cache bytes', () => {
    const config = resolveSettings({
      token: 'a-token',
      baseUrl: { url: 'http://127.0.0.1:9/p/', origin: 'http://127.0.0.1:9', basePath: '/p' },
      redisUrl: { url: 'redis://:pw@r:6379', label: 'redis://r:6379' },
      dailyQuota: 5_000,
      http: true,
      host: 'fe80::1',
      cacheMb: 8,
    });
    expect(config.wolkvox).toEqual({
      mode: 'wolkvox',
      token: 'a-token',
      baseUrl: 'http://127.0.0.1:9/p/',
      redisUrl: 'redis://:pw@r:6379',
      dailyQuota: 5_000,
    });
    expect(config.transport).toBe('http');
    expect(config.http.allowedHosts).toEqual(['localhost', '127.0.0.1', '[::1]', '[fe80::1]']);
    expect(config.cacheBytes).toBe(8 * 1024 * 1024);
    expect(resolveSettings({ host: '0.0.0.0' }).http.allowedOrigins).toEqual([
      'localhost',
      '127.0.0.1',
      '[::1]',
    ]);
  });
});

describe("the embedded emulator's clock (--emulator-now, WOLKVOX_EMULATOR_NOW)", () => {
  const startOf = (argv: string[], env: Record<string, string> = {}) => {
    const { settings, problems } = settingsOf(argv, env);
    expect(problems).toEqual([]);
    const { wolkvox } = resolveSettings(settings);
    if (wolkvox.mode !== 'emulator') throw new Error(wolkvox.mode);
    return wolkvox.now === undefined ? undefined : new Date(wolkvox.now).toISOString();
  };

  it("reads a date or a wall time in the tenant's zone, and an instant with its offset as it is", () => {
    expect(startOf(['--emulator-now', '2025-02-05'])).toBe('2025-02-05T05:00:00.000Z');
    expect(startOf(['--emulator-now', '2025-02-05T10:30', '--timezone', 'Europe/Madrid'])).toBe(
      '2025-02-05T09:30:00.000Z',
    );
    expect(startOf([], { WOLKVOX_EMULATOR_NOW: '2025-02-05T10:00:00Z' })).toBe('2025-02-05T10:00:00.000Z');
    expect(startOf([])).toBeUndefined();
  });

  it('refuses what it cannot read, dates outside 2000-2099, and the setting beside a token', () => {
    for (const text of ['tuesday', '2025-02-30', '1999-12-31', '2100-01-01T00:00:00Z', '20250205']) {
      expect(settingsOf(['--emulator-now', text]).problems).toEqual([
        `--emulator-now must be an ISO 8601 date or instant from 2000 to 2099, like 2026-03-04, 2026-03-04T10:00 (tenant time) or 2026-03-04T10:00:00-05:00 (got ${JSON.stringify(text)})`,
      ]);
    }
    expect(
      settingsOf([], { WOLKVOX_EMULATOR_NOW: '2025-02-05', WOLKVOX_TOKEN: 't', WOLKVOX_SERVER: '0015' })
        .problems,
    ).toEqual([
      "WOLKVOX_EMULATOR_NOW sets the embedded emulator's clock, which serves only without WOLKVOX_TOKEN (an emulator at WOLKVOX_BASE_URL keeps its own: start it with wolkvox-mock --now)",
    ]);
  });
});
