/**
 * A store that cannot take what is written to it, with real limits on real processes (the built bin):
 * - a file-size limit (`ulimit -f`, RLIMIT_FSIZE): a write past it fails with EFBIG (Node ignores SIGXFSZ, the query
 *   process too). A call-record day file (~150 KB) crosses 64 blocks, an agent_1 day file (~10 KB) does not.
 * - a full disk (ENOSPC): a small tmpfs mounted in a user and mount namespace of the sync's own (`unshare -rm`),
 *   which fills up mid-way; skipped with a message where the kernel refuses such namespaces.
 * A sync reports the failure clearly (exit status 1, the days it could not keep) and the days it stored are whole:
 * the next run fetches only the others. query_reports over a store it cannot write answers the same rows, with a
 * warning.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createWolkvoxClient } from '@wolkvox-mcp/client';
import { DEMO_TOKEN, type MockServer } from '@wolkvox-mcp/mock-server';
import { mountNamespacesAllowed } from '@wolkvox-mcp/test-support/programs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asReportSource } from '../../src/backend/connect.js';
import {
  BIN,
  childEnv,
  connectInMemory,
  connectStdioCommand,
  emulator,
  structured,
  textOf,
} from '../helpers.js';
import { filesUnder, storeDigests, syncToEnd } from '../sync-runs.js';

const LIMITED = 'ulimit -f 64; exec "$@"';
const DIGEST =
  "SELECT count(*) AS n, md5(coalesce(string_agg(t::VARCHAR, '\n' ORDER BY t::VARCHAR), '')) AS digest FROM cdr_1 AS t";

let mock: MockServer;
let env: Record<string, string>;
const dirs: string[] = [];

function newDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wolkvox-store-disk-'));
  dirs.push(dir);
  return dir;
}

beforeAll(async () => {
  mock = await emulator();
  env = { WOLKVOX_TOKEN: DEMO_TOKEN, WOLKVOX_BASE_URL: mock.url };
});
afterAll(async () => {
  await mock?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Nothing half-written is left in the layout or in the work folder. */
function expectNoPartialFile(data: string) {
  for (const file of filesUnder(data)) {
    expect(file).toMatch(/(^\.leases\/|\/day=\d{4}-\d{2}-\d{2}\.([0-9a-f]{16}\.parquet|json)$)/);
  }
  expect(existsSync(join(data, '.incoming')) ? readdirSync(join(data, '.incoming')) : []).toEqual([]);
}

describe('a file-size limit (ulimit -f)', () => {
  it('a sync stops with exit status 1, names the days it could not keep, and those it stored are whole', async () => {
    const data = join(newDir(), 'data');
    const args = [
      '--reports',
      'agent_1,cdr_1',
      '--from',
      '2025-01-06',
      '--to',
      '2025-01-09',
      '--data-dir',
      data,
    ];
    const limited = await syncToEnd(args, env, LIMITED);
    expect(limited.code).toBe(1);
    expect(limited.stderr).toMatch(
      /wolkvox-mcp sync: failed: the store could not keep 4 day\(s\) of cdr_1 from 2025-01-06 \(.*(File too large|EFBIG).*\); the 4 day\(s\) stored are whole, and the next run fetches the rest/,
    );
    expect(limited.summary).toMatchObject({ days: 8, stored: 4, not_stored: 4 });
    expect(limited.summary!.failed).toContain('could not keep 4 day(s) of cdr_1');
    expect(limited.lines.find((line) => line.report === 'cdr_1')).toMatchObject({ stored: 0 });
    expectNoPartialFile(data);
    const kept = await storeDigests(data);
    expect(Object.keys(kept).sort()).toEqual([
      'agent_1/2025-01-06',
      'agent_1/2025-01-07',
      'agent_1/2025-01-08',
      'agent_1/2025-01-09',
    ]);

    // Without the limit: the agent_1 days read back whole (each checked against its record), only cdr_1 is fetched.
    const since = mock.control.journal().length;
    const next = await syncToEnd(args, env);
    expect(next.code, next.stderr).toBe(0);
    expect(next.summary).toMatchObject({ days: 8, stored: 4, requests: 1 });
    expect(
      mock.control
        .journal()
        .slice(since)
        .map((entry) => entry.url),
    ).toEqual([expect.stringContaining('api=cdr_1&')]);
    const all = await storeDigests(data);
    for (const [day, digest] of Object.entries(kept)) expect(all[day]).toBe(digest);
  }, 60_000);

  it('query_reports over a store it cannot write answers the same rows, with a warning', async () => {
    const wolkvox = createWolkvoxClient({ token: DEMO_TOKEN, baseUrl: mock.url, coordination: 'process' });
    const plain = await connectInMemory({ sourceKind: 'emulator', source: asReportSource(wolkvox) });
    const data = join(newDir(), 'data');
    const { client } = await connectStdioCommand({
      command: 'sh',
      args: ['-c', LIMITED, 'sh', process.execPath, BIN],
      env: childEnv({ ...env, WOLKVOX_DATA_DIR: data }),
    });
    try {
      const ask = (caller: typeof client) =>
        caller.callTool({
          name: 'query_reports',
          arguments: { fetches: [{ report: 'cdr_1', from: '2025-01-06', to: '2025-01-08' }], sql: DIGEST },
        });
      const expected = structured(await ask(plain)).rows[0];
      // The first answer is out before its days are written: right, and silent about the store.
      const first = await ask(client);
      expect(structured(first).rows[0]).toEqual(expected);
      expect(structured(first).tables[0].store_days).toBeUndefined();
      // The writing failed after it: the next answer is as right, fetched again, and says what happened.
      const second = await ask(client);
      expect(structured(second).rows[0]).toEqual(expected);
      expect(structured(second).tables[0].store_days).toBeUndefined();
      expect(textOf(second)).toMatch(
        /days of cdr_1 could not be stored \((EFBIG|.*File too large.*)\) after an earlier answer; they are fetched again when asked/,
      );
      // The second answer's days are being written (and failing) now: the server's shutdown waits for them.
      await client.close();
      expectNoPartialFile(data);
    } finally {
      await client.close();
      await plain.close();
      await wolkvox.close();
    }
  }, 60_000);
});

describe.runIf(mountNamespacesAllowed('the full-disk sync test'))(
  'a disk that fills up mid-way (a 96 KiB tmpfs of the sync’s own)',
  () => {
    it('a sync stops with ENOSPC and what it stored is whole; the next run fetches only the rest', async () => {
      const root = newDir();
      const mountPoint = join(root, 'disk');
      const copy = join(root, 'copy');
      const args = ['--reports', 'agent_1', '--from', '2025-01-01', '--to', '2025-01-14'];
      // The sync writes on the small disk; what it left there is copied out before the namespace (and the disk) ends.
      const script = [
        'mkdir -p "$1" && mount -t tmpfs -o size=96k tmpfs "$1" || exit 90',
        'shift',
        '"$@" --data-dir "$DISK/data" > "$OUT/stdout" 2> "$OUT/stderr"; echo $? > "$OUT/status"',
        'cp -a "$DISK/data" "$OUT/data"',
      ].join('\n');
      mkdirSync(copy);
      // Not execFileSync: the emulator answering the sync is in this process.
      await promisify(execFile)(
        'unshare',
        [
          '-rm',
          'sh',
          '-c',
          script,
          'sh',
          mountPoint,
          process.execPath,
          BIN,
          'sync',
          '--log-level',
          'warn',
          ...args,
        ],
        { env: childEnv({ ...env, DISK: mountPoint, OUT: copy }), timeout: 60_000 },
      );
      const status = Number(readFileSync(join(copy, 'status'), 'utf8'));
      const stderr = readFileSync(join(copy, 'stderr'), 'utf8');
      const lines = readFileSync(join(copy, 'stdout'), 'utf8')
        .trim()
        .split('\n')
        .map((text) => JSON.parse(text));
      const summary = lines.at(-1).summary;
      expect(status, stderr).toBe(1);
      expect(stderr).toMatch(
        /failed: the store could not keep 1 day\(s\) of agent_1 from 2025-01-\d\d \(.*(ENOSPC|No space left).*\)/,
      );
      // Filled mid-way: some days were stored, not all.
      expect(summary.stored).toBeGreaterThan(0);
      expect(summary.stored).toBeLessThan(14);
      const data = join(copy, 'data');
      const kept = await storeDigests(data);
      expect(Object.keys(kept)).toHaveLength(summary.stored);

      // On a disk with room: the stored days read back whole, only the others are fetched, one request a day.
      const since = mock.control.journal().length;
      const next = await syncToEnd([...args, '--data-dir', data], env);
      expect(next.code, next.stderr).toBe(0);
      expect(next.summary).toMatchObject({
        days: 14,
        stored: 14 - summary.stored,
        requests: 14 - summary.stored,
      });
      expect(mock.control.journal().length - since).toBe(14 - summary.stored);
      const all = await storeDigests(data);
      expect(Object.keys(all)).toHaveLength(14);
      for (const [day, digest] of Object.entries(kept)) expect(all[day]).toBe(digest);
    }, 90_000);
  },
);
