import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
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
    });
    expect(error.problems.map((p) => p.field).sort()).toEqual([
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
