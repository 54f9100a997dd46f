import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCli } from '../src/config/cli.js';
import { tokenLabel } from '../src/index.js';

// The launcher the package's bin names, which runs the built bundle: what an npm user starts.
const BIN = fileURLToPath(new URL('../bin/wolkvox-mock.js', import.meta.url));
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Starts the built bin; resolves with the URL it prints. */
async function startBin(args: string[]) {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk) => {
    stderr += chunk;
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`bin exited (${code}) before listening: ${stderr}`)));
  });
  return { child, url, output: () => stdout + stderr };
}

/** Runs the built bin to its exit; its exit code and what it wrote. */
async function runToExit(args: string[]) {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const [code] = await once(child, 'exit');
  return { code, stdout, stderr };
}

async function waitFor(condition: () => boolean): Promise<void> {
  for (let tries = 0; !condition(); tries++) {
    if (tries > 400) throw new Error('timed out waiting for the banner');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('wolkvox-mock bin', () => {
  it('starts, prints its URL, serves with the given token and exits 0 on SIGTERM', async () => {
    const secret = 'bin-secret-token';
    const { child, url, output } = await startBin([
      '--port',
      '0',
      '--seed',
      '7',
      '--token',
      secret,
      '--latency',
      '1',
    ]);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const ok = await request(
      `${url}/api/v2/reports_manager.php?api=chat_9&date_ini=20250203000000&date_end=20250203235959`,
      {
        headers: { 'wolkvox-token': secret },
      },
    );
    expect(ok.statusCode).toBe(200);
    expect(((await ok.body.json()) as { msg: string }).msg).toMatch(/records were found$/);
    const refused = await request(`${url}/api/v2/real_time.php?api=calls_last_10`, {
      headers: { 'wolkvox-token': 'wolkvox-demo-token' },
    });
    expect(refused.statusCode).toBe(403);
    await refused.body.dump();

    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = await exited;
    expect(code).toBe(0);
    expect(output()).toContain(tokenLabel(secret));
    expect(output()).not.toContain(secret);
  });

  it('prints the demo token that works, a call to copy, the clock, the control routes and the OpenAPI URL', async () => {
    const { child, url, output } = await startBin(['--port', '0', '--now', '2025-02-05T15:30:00-05:00']);
    await waitFor(() => output().includes('OpenAPI: '));
    const text = output();
    expect(text).toContain('token: wolkvox-demo-token (the demo token');
    expect(text).toContain('clock: 2025-02-05 15:30:');
    expect(text).toContain(`OpenAPI: ${url}/openapi.json`);
    // The call it prints answers as printed: the demo token, yesterday on the emulator's clock.
    const curl = /curl -H 'wolkvox-token: ([^']+)' '([^']+)'/.exec(text);
    expect(curl?.[2]).toContain('date_ini=20250204000000&date_end=20250204235959');
    const answer = await request(curl![2]!, { headers: { 'wolkvox-token': curl![1]! } });
    expect(answer.statusCode).toBe(200);
    await answer.body.dump();
    // Every control route it prints is one the index lists, and the index answers.
    const index = await request(`${url}/__mock/`);
    expect(index.statusCode).toBe(200);
    const { routes } = (await index.body.json()) as { routes: { method: string; path: string }[] };
    for (const { method, path } of routes) expect(text).toMatch(new RegExp(`${method} +/__mock${path} `));
    child.kill('SIGTERM');
    await once(child, 'exit');
  });

  it('prints its version', async () => {
    const { code, stdout } = await runToExit(['--version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('exits 2 with usage on a bad option', async () => {
    const { code, stderr } = await runToExit(['--port', 'eighty']);
    expect(code).toBe(2);
    expect(stderr).toContain('--port must be a non-negative integer (got "eighty")');
    expect(stderr).toContain('Usage: wolkvox-mock');
  });
});

describe('command line parsing', () => {
  it('defaults to 127.0.0.1:8089, seed 1 and the demo token', () => {
    expect(parseCli([])).toEqual({
      kind: 'run',
      options: { host: '127.0.0.1', port: 8089, seed: 1, tokens: ['wolkvox-demo-token'], logger: false },
      notices: [],
    });
  });

  it('reads every option, repeatable tokens and numeric seeds', () => {
    const parsed = parseCli([
      '--host=0.0.0.0',
      '--port',
      '0',
      '--seed',
      'acme',
      '--token',
      'a',
      '--token',
      'b',
      '--daily-quota',
      '5',
      '--latency',
      '20',
      '--volume',
      '3000',
      '--timezone',
      'America/Lima',
      '--now',
      '2025-02-03T10:00:00Z',
      '--row-cap',
      'refuse',
      '--log',
    ]);
    expect(parsed).toEqual({
      kind: 'run',
      options: {
        host: '0.0.0.0',
        port: 0,
        seed: 'acme',
        tokens: ['a', 'b'],
        logger: true,
        dailyQuota: 5,
        latencyMs: 20,
        volume: 3000,
        timeZone: 'America/Lima',
        now: '2025-02-03T10:00:00Z',
        rowCap: 'refuse',
      },
      notices: [],
    });
    // The old spelling still works, with a notice (which the bin prints on stderr).
    expect(parseCli(['--time-zone', 'Europe/Madrid'])).toMatchObject({
      options: { timeZone: 'Europe/Madrid' },
      notices: [
        '--time-zone is read as --timezone, the spelling to use (wolkvox-mcp and wolkvox-mock both take it)',
      ],
    });
    expect(parseCli(['--seed', '42'])).toMatchObject({ options: { seed: 42 } });
    expect(parseCli(['-h'])).toEqual({ kind: 'help' });
    expect(parseCli(['--version'])).toEqual({ kind: 'version' });
    expect(() => parseCli(['--row-cap', 'drop'])).toThrow(/truncate or refuse/);
    expect(() => parseCli(['--unknown'])).toThrow();
  });
});
