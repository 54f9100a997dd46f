/**
 * `wolkvox-mcp sync`, the built bin run as a command on its embedded emulator: it fills the store with the closed
 * days asked for (one JSON line per fetch, a summary), a second run resumes with 0 requests, the plain mirror holds
 * one file per report and day under stable names, and a query_reports over the synced days reads them with 0
 * requests; bad flags are refused with exit status 2, naming each flag and its rule.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEMO_TOKEN } from '@wolkvox-mcp/mock-server';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, childEnv, connectV2Stdio, emulator, structured } from '../helpers.js';

const run = promisify(execFile);
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function newDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wolkvox-sync-'));
  dirs.push(dir);
  return dir;
}

async function sync(args: string[], env: Record<string, string> = {}) {
  const { stdout } = await run(process.execPath, [BIN, 'sync', '--log-level', 'warn', ...args], {
    env: childEnv(env),
    encoding: 'utf8',
    timeout: 60_000,
  });
  return stdout
    .trim()
    .split('\n')
    .map((text) => JSON.parse(text) as Record<string, any>);
}

describe('wolkvox-mcp sync', () => {
  it('fills the store, resumes with 0 requests, mirrors plain files, and query_reports reads what it stored', async () => {
    const root = newDir();
    const data = join(root, 'data');
    const out = join(root, 'out');
    const args = [
      '--reports',
      'cdr_1,agent_1',
      '--from',
      '2025-01-06',
      '--to',
      '2025-01-08',
      '--data-dir',
      data,
    ];
    const first = await sync([...args, '--out', out, '--format', 'csv']);
    const summary = first.at(-1)!.summary;
    expect(summary).toMatchObject({ days: 6, stored: 6 });
    expect(summary.rows).toBeGreaterThan(0);
    // cdr_1: one window for the three days; agent_1, grouped over its window: one request a day.
    expect(first.filter((line) => line.report === 'cdr_1')).toEqual([
      expect.objectContaining({ from: '2025-01-06', to: '2025-01-08', stored: 3, requests: 1 }),
    ]);
    expect(first.filter((line) => line.report === 'agent_1')).toHaveLength(3);
    expect(summary.requests).toBe(4);
    expect(readdirSync(join(out, 'cdr_1')).sort()).toEqual([
      'cdr_1_2025-01-06.csv',
      'cdr_1_2025-01-07.csv',
      'cdr_1_2025-01-08.csv',
    ]);
    const header = readFileSync(join(out, 'cdr_1', 'cdr_1_2025-01-06.csv'), 'utf8').split('\n')[0]!;
    expect(header.split(',')).toEqual(expect.arrayContaining(['conn_id', 'date', 'date_raw', 'time_seg']));
    expect(header.split(',')).not.toContain('report');

    const again = await sync(args);
    expect(again).toEqual([{ summary: { days: 6, stored: 0, rows: 0, requests: 0, bytes: 0 } }]);

    // The server on the same directory answers the synced days from the store.
    const { client } = await connectV2Stdio({ WOLKVOX_DATA_DIR: data });
    try {
      const result = await client.callTool({
        name: 'query_reports',
        arguments: {
          fetches: [{ report: 'cdr_1', from: '2025-01-06', to: '2025-01-08' }],
          sql: 'SELECT count(*) AS n FROM cdr_1',
        },
      });
      const answer = structured(result);
      expect(answer.tables[0]).toMatchObject({ store_days: 3, requests: 0 });
      const stored = first.find((line) => line.report === 'cdr_1')!;
      expect(answer.rows[0].n).toBe(stored.rows);
    } finally {
      await client.close();
    }
  }, 120_000);

  it('refuses bad flags with status 2, naming each', async () => {
    const failure = await sync(['--reports', 'nope', '--max-quota', '200']).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure).toMatchObject({ code: 2 });
    const { stderr } = failure as { stderr: string };
    expect(stderr).toContain('--reports nope is not a historical report');
    expect(stderr).toContain('--from is required');
    expect(stderr).toContain('--max-quota must be a share of the daily quota, 1% to 100%');
    expect(stderr).toContain('--data-dir is required to sync the embedded emulator');
  });

  it('stops at its share of the daily quota (--max-quota), and the next run goes on', async () => {
    const mock = await emulator();
    try {
      const data = join(newDir(), 'data');
      // A quota of 10 calls a day: 30% is 3 calls; agent_1 is fetched one day at a time.
      const env = { WOLKVOX_TOKEN: DEMO_TOKEN, WOLKVOX_BASE_URL: mock.url, WOLKVOX_DAILY_QUOTA: '10' };
      const args = ['--reports', 'agent_1', '--from', '2025-01-06', '--to', '2025-01-11', '--data-dir', data];
      const first = await sync([...args, '--max-quota', '30%'], env);
      expect(first.at(-1)!.summary).toMatchObject({ days: 6, stored: 3, requests: 3 });
      expect(first.at(-1)!.summary.stopped).toMatch(/used 3 of its 10 calls today, past the 30%/);
      expect(mock.control.journal()).toHaveLength(3);
      const next = await sync(args, env);
      expect(next.at(-1)!.summary).toMatchObject({ days: 6, stored: 3, requests: 3 });
    } finally {
      await mock.close();
    }
  }, 120_000);
});
