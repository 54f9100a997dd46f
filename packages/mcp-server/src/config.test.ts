/**
 * Configuration from flags and environment: defaults, precedence, and refusals that say what to change.
 */
import { DEFAULT_TIME_ZONE, isValidTimeZone, TOOLSETS } from '@wolkvox-mcp/contracts';
import { describe, expect, it } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };
import { ConfigError, HELP, parseConfig, SETTINGS, type ServerConfig } from './config.js';

function run(argv: string[], env: Record<string, string> = {}): ServerConfig {
  const outcome = parseConfig(argv, env);
  if (outcome.kind !== 'run') throw new Error(outcome.kind);
  return outcome.config;
}

function refusal(argv: string[], env: Record<string, string> = {}): string {
  try {
    parseConfig(argv, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('defaults to stdio, the embedded emulator, the default tools and Bogota time', () => {
    const config = run([]);
    expect(config).toMatchObject({
      transport: 'stdio',
      wolkvox: { mode: 'emulator', seed: '1' },
      toolsets: ['default'],
      timeZone: 'America/Bogota',
      http: { host: '127.0.0.1', port: 8765, allowedHosts: ['localhost', '127.0.0.1', '[::1]'] },
    });
  });

  it('uses a default time zone this runtime knows (the default is not checked at start: it is not input)', () => {
    expect(isValidTimeZone(DEFAULT_TIME_ZONE)).toBe(true);
    expect(refusal([], { WOLKVOX_TIMEZONE: 'Mars/Olympus' })).toContain(
      'WOLKVOX_TIMEZONE must be an IANA time zone like America/Bogota (got "Mars/Olympus")',
    );
  });

  it('reads credentials from the environment, flags winning', () => {
    const config = run(['--server', '0020'], {
      WOLKVOX_TOKEN: 'abc',
      WOLKVOX_SERVER: '0015',
      WOLKVOX_TIMEZONE: 'America/Lima',
    });
    expect(config.wolkvox).toEqual({ mode: 'wolkvox', token: 'abc', server: '0020' });
    expect(config.timeZone).toBe('America/Lima');
  });

  it('selects toolsets by flag or WOLKVOX_TOOLSETS, flags winning', () => {
    expect(run(['--toolsets', 'ivr,chat']).toolsets).toEqual(['ivr', 'chat']);
    expect(run(['--toolsets', ' default, ivr ,ivr']).toolsets).toEqual(['default', 'ivr']);
    expect(run([], { WOLKVOX_TOOLSETS: 'all' }).toolsets).toBe('all');
    expect(run(['--toolsets', 'calls,all']).toolsets).toBe('all');
    expect(run(['--toolsets', 'speech'], { WOLKVOX_TOOLSETS: 'all' }).toolsets).toEqual(['speech']);
    expect(run([], { WOLKVOX_TOOLSETS: ' ' }).toolsets).toEqual(['default']);
  });

  it('refuses an unknown toolset, naming every valid one', () => {
    const message = refusal(['--toolsets', 'ivr,nope,Calls']);
    expect(message).toContain(
      `unknown toolset(s) nope, Calls; valid: all, default, ${Object.keys(TOOLSETS).join(', ')}`,
    );
    expect(refusal([], { WOLKVOX_TOOLSETS: 'sales' })).toContain('unknown toolset(s) sales');
  });

  it('refuses incomplete credentials and bad values, all at once', () => {
    const message = refusal(['--timezone', 'Mars/Base'], { WOLKVOX_TOKEN: 'abc' });
    expect(message).toContain('neither WOLKVOX_SERVER nor WOLKVOX_BASE_URL');
    expect(message).toContain('Mars/Base');
    expect(refusal([], { WOLKVOX_SERVER: '0015' })).toContain('without WOLKVOX_TOKEN');
    expect(refusal(['--bogus'])).toContain('bogus');
  });

  it('requires a bearer token off loopback, and only there', () => {
    expect(refusal(['--http', '--host', '0.0.0.0'])).toContain('--http-token or WOLKVOX_MCP_HTTP_TOKEN');
    const config = run(['--http', '--host', '0.0.0.0'], { WOLKVOX_MCP_HTTP_TOKEN: 'a-long-enough-token' });
    expect(config.http.token).toBe('a-long-enough-token');
    expect(run(['--http', '--port', '0']).http).toMatchObject({ host: '127.0.0.1', port: 0 });
    expect(refusal(['--http', '--http-token', 'short'])).toContain('at least 16 characters');
  });

  it('accepts the bound address itself as a Host besides localhost', () => {
    const config = run(['--http', '--host', '192.168.1.5', '--http-token', 'a-long-enough-token']);
    expect(config.http.allowedHosts).toEqual(['localhost', '127.0.0.1', '[::1]', '192.168.1.5']);
    expect(run(['--http', '--allowed-hosts', 'mcp.example.com']).http.allowedHosts).toEqual([
      'mcp.example.com',
    ]);
  });

  it('reads each setting from its flag or its one environment variable, both listed in --help', () => {
    for (const setting of Object.values(SETTINGS)) {
      const flag = 'flag' in setting ? setting.flag : undefined;
      const variable = 'env' in setting ? setting.env : undefined;
      if (variable) expect(variable).toMatch(/^WOLKVOX_(MCP_)?[A-Z_]+$/);
      if (flag && variable)
        expect(variable.replace(/^WOLKVOX_(MCP_)?/, '')).toBe(flag.toUpperCase().replaceAll('-', '_'));
      // Its line in --help: the flag (or "(env only)") and the variable.
      const lines = HELP.split('\n').filter((line) =>
        line.startsWith(`  ${flag ? `--${flag}` : '(env only)'}`),
      );
      expect(lines.some((line) => line.trimEnd().endsWith(variable ?? `--${flag}`))).toBe(true);
    }
  });

  it('reads --time-zone as --timezone, with a notice naming the spelling to use', () => {
    const outcome = parseConfig(['--time-zone', 'America/Lima'], {});
    expect(outcome).toMatchObject({ kind: 'run', config: { timeZone: 'America/Lima' } });
    expect(outcome.kind === 'run' && outcome.notices).toEqual([
      '--time-zone is read as --timezone, the spelling to use (wolkvox-mcp and wolkvox-mock both take it)',
    ]);
    expect(run(['--timezone', 'America/Lima', '--time-zone', 'Europe/Madrid']).timeZone).toBe('America/Lima');
    expect(parseConfig(['--timezone', 'America/Lima'], {})).toMatchObject({ notices: [] });
  });

  it("checks the base URL with the client's rule, never printing it", () => {
    const env = { WOLKVOX_TOKEN: 'abc' };
    expect(run(['--base-url', 'http://127.0.0.1:8089/proxy/'], env).wolkvox).toMatchObject({
      baseUrl: 'http://127.0.0.1:8089/proxy/',
    });
    expect(refusal(['--base-url', 'ftp://example.com'], env)).toContain(
      '--base-url must be an absolute http(s) URL',
    );
    const withCredentials = refusal(['--base-url', 'https://user:s3cret@example.com'], env);
    expect(withCredentials).toContain('--base-url must not carry a query, fragment or credentials');
    expect(withCredentials).not.toContain('s3cret');
    expect(refusal([], { ...env, WOLKVOX_BASE_URL: 'https://wv0015.wolkvox.com/?x=1' })).toContain(
      'must not carry a query',
    );
  });

  it('reads the cursor key from the environment only, 16 characters or more', () => {
    expect(run([]).cursorKey).toBeUndefined();
    expect(run([], { WOLKVOX_MCP_CURSOR_KEY: 'shared-by-replicas-1' }).cursorKey).toBe(
      'shared-by-replicas-1',
    );
    const short = refusal([], { WOLKVOX_MCP_CURSOR_KEY: 'short' });
    expect(short).toContain('WOLKVOX_MCP_CURSOR_KEY must be at least 16 characters');
    expect(short).not.toContain('short"');
  });

  it('answers --help and --version', () => {
    expect(parseConfig(['--help'], {})).toMatchObject({ kind: 'help' });
    expect(parseConfig(['--version'], {})).toEqual({ kind: 'version', text: packageJson.version });
  });
});
