import { resolve } from 'node:path';
import { inspect } from 'node:util';
import { DEFAULT_TIME_ZONE } from '@wolkvox-mcp/contracts';
import { describe, expect, it } from 'vitest';
import { parseClientOptions } from '../src/config/parse.js';
import { resolveClientSettings } from '../src/config/resolve.js';
import { defaultStateDir } from '../src/config/sharing.js';
import { resolveConfig } from '../src/config.js';
import { createWolkvoxClient, type WolkvoxClientOptions, WolkvoxConfigError } from '../src/index.js';

const SECRET = 'tok-SECRET-7f3a9c-do-not-leak';

function configError(options: unknown): WolkvoxConfigError {
  try {
    createWolkvoxClient(options as WolkvoxClientOptions);
  } catch (error) {
    expect(error).toBeInstanceOf(WolkvoxConfigError);
    return error as WolkvoxConfigError;
  }
  throw new Error('expected a WolkvoxConfigError');
}

describe('createWolkvoxClient options', () => {
  it('requires a token and a server or base URL', () => {
    const error = configError({});
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.problems.map((p) => p.field).sort()).toEqual(['server', 'token']);
  });

  it('reports every bad option at once', () => {
    const error = configError({
      token: SECRET,
      server: 'wv/../evil',
      timeZone: 'Mars/Olympus',
      timeoutMs: 0,
      maxConcurrent: 1.5,
      retries: -1,
      maxRecordsPerCall: 0,
      leaseTtlMs: 100,
    });
    expect(error.problems.map((p) => p.field).sort()).toEqual([
      'leaseTtlMs',
      'maxConcurrent',
      'maxRecordsPerCall',
      'retries',
      'server',
      'timeZone',
      'timeoutMs',
    ]);
  });

  it('refuses base URLs that are not absolute http(s), or carry a query or credentials', () => {
    for (const baseUrl of [
      'not a url',
      'ftp://example.com',
      '/relative',
      'http://u:p@example.com',
      'http://h/?a=1',
    ]) {
      expect(configError({ token: SECRET, baseUrl }).problems[0]!.field).toBe('baseUrl');
    }
  });

  it('refuses a token that cannot travel in a header, without quoting it', () => {
    const token = `${SECRET}\n`;
    const error = configError({ token, server: '0015' });
    expect(error.problems[0]!.field).toBe('token');
    expect(error.message).not.toContain(SECRET);
    expect(inspect(error)).not.toContain(SECRET);
    expect(JSON.stringify(error)).not.toContain(SECRET);
  });

  it('builds the tenant URL from the server number, or takes the base URL with its path', () => {
    expect(resolveConfig({ token: SECRET, server: '0015' })).toMatchObject({
      origin: 'https://wv0015.wolkvox.com',
      basePath: '',
      timeZone: 'America/Bogota',
      timeoutMs: 60_000,
      maxConcurrent: 2,
      retries: 4,
      retryBaseDelayMs: 250,
      maxRecordsPerCall: 60_000,
    });
    expect(
      resolveConfig({ token: SECRET, server: '0015', baseUrl: 'http://127.0.0.1:8080/proxy/' }),
    ).toMatchObject({
      origin: 'http://127.0.0.1:8080',
      basePath: '/proxy',
    });
  });

  it('never shows the token when the config, client or credential is printed', async () => {
    const config = resolveConfig({ token: SECRET, server: '0015' });
    expect(inspect(config, { depth: 10, showHidden: true })).not.toContain(SECRET);
    expect(JSON.stringify(config)).not.toContain(SECRET);
    expect(`${config.credential}`).not.toContain(SECRET);
    expect(config.credential.headerValue()).toBe(SECRET);

    const client = createWolkvoxClient({ token: SECRET, server: '0015', timeZone: 'America/Lima' });
    expect(client.timeZone).toBe('America/Lima');
    const shown = inspect(client, { depth: 10, showHidden: true });
    expect(shown).toContain('wv0015.wolkvox.com');
    expect(shown).not.toContain(SECRET);
    expect(JSON.stringify(client)).not.toContain(SECRET);
    await client.close();
  });
});

describe('the parse step (options and environment to checked settings)', () => {
  const BASE = { token: SECRET, baseUrl: 'http://127.0.0.1:9/' };

  it('reads the environment only for an option the caller left out, trimmed, blank as absent', () => {
    const env = { WOLKVOX_CACHE_DIR: '  /var/cache/wolkvox  ', WOLKVOX_REDIS_URL: ' redis://r:6379/1 ' };
    expect(parseClientOptions(BASE, env)).toMatchObject({
      ok: true,
      settings: {
        stateDir: '/var/cache/wolkvox',
        redisUrl: { url: 'redis://r:6379/1', label: 'redis://r:6379/1' },
      },
    });
    expect(parseClientOptions({ ...BASE, stateDir: '/mine' }, env)).toMatchObject({
      settings: { stateDir: '/mine' },
    });
    const blank = parseClientOptions(BASE, { WOLKVOX_CACHE_DIR: '  ', WOLKVOX_REDIS_URL: '' });
    expect(blank.ok && blank.settings).not.toHaveProperty('stateDir');
    expect(blank.ok && blank.settings).not.toHaveProperty('redisUrl');
  });

  it("ignores the environment's Redis URL when the caller chose not to use Redis", () => {
    const env = { WOLKVOX_REDIS_URL: 'not a url' };
    expect(parseClientOptions({ ...BASE, coordination: 'machine' }, env)).toMatchObject({ ok: true });
    expect(parseClientOptions(BASE, env)).toEqual({
      ok: false,
      problems: [
        {
          field: 'WOLKVOX_REDIS_URL',
          rule: 'must be a redis:// or rediss:// URL (it does not parse as a URL)',
        },
      ],
    });
  });

  it('reads a server only without a base URL, one problem per option', () => {
    expect(parseClientOptions({ ...BASE, server: 'not/a/server' }, {})).toMatchObject({ ok: true });
    const reading = parseClientOptions({ token: SECRET, server: 'not/a/server', retries: -1.5 }, {});
    expect(reading.ok === false && reading.problems).toEqual([
      {
        field: 'server',
        rule: 'must be the tenant server number as a string, e.g. "0015" (letters and digits, 1-12)',
      },
      { field: 'retries', rule: 'must be an integer >= 0' },
    ]);
  });
});

describe('the resolve step (checked settings to the configuration)', () => {
  it('applies every default and derives the origin, the state directory and how far the budget is shared', () => {
    const config = resolveClientSettings({ token: SECRET, server: 'AB12', retryBaseDelayMs: 20_000 });
    expect(config).toMatchObject({
      origin: 'https://wvab12.wolkvox.com',
      basePath: '',
      timeZone: DEFAULT_TIME_ZONE,
      retryMaxDelayMs: 20_000,
      coordination: 'machine',
      stateDir: defaultStateDir(),
      redis: undefined,
      closedDayCacheBytes: 1024 ** 3,
      leaseTtlMs: 5_000,
    });
    const redis = { url: 'redis://:pw@r:6379', label: 'redis://r:6379' };
    expect(
      resolveClientSettings({
        token: SECRET,
        baseUrl: { url: 'http://127.0.0.1:9/p/', origin: 'http://127.0.0.1:9', basePath: '/p' },
        stateDir: 'relative',
        redisUrl: redis,
      }),
    ).toMatchObject({ basePath: '/p', coordination: 'redis', redis, stateDir: resolve('relative') });
    expect(
      resolveClientSettings({ token: SECRET, server: '0015', redisUrl: redis, coordination: 'process' })
        .redis,
    ).toBeUndefined();
  });
});
