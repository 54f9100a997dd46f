/**
 * The closed-day cache against the emulator (its journal counts what reached it) and a local stand-in: a closed
 * day is fetched once per machine, by any client or process; today and real-time are always fetched; damaged
 * entries are fetched again; a failing cache never fails a call.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { MockServer } from '@wolkvox-mcp/mock-server';
import { afterEach, describe, expect, it } from 'vitest';
import { CLOSED_DAYS_DIR } from '../src/coordination/result-cache/index.js';
import { emptyDrift } from '../src/drift.js';
import {
  createWolkvoxClient,
  type ReportResult,
  type WolkvoxClient,
  type WolkvoxClientOptions,
  WolkvoxValidationError,
} from '../src/index.js';
import { DEMO_TOKEN, startEmulator } from './helpers/emulator.js';
import { failureOf } from './helpers/failure.js';
import { fullRow, type LocalServer, sendJson, startLocalServer, success } from './helpers/local-server.js';

/** Ninety closed days: three 31-day pieces. */
const Q1 = { from: '2025-01-01', to: '2025-03-31' } as const;
const DAYS = { from: '2025-03-03', to: '2025-03-05' } as const;

let emulator: MockServer | undefined;
let server: LocalServer | undefined;
const clients: WolkvoxClient[] = [];
const dirs: string[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await emulator?.close();
  await server?.close();
  emulator = undefined;
  server = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function stateDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wolkvox-closed-days-'));
  dirs.push(dir);
  return dir;
}

function connect(options: Partial<WolkvoxClientOptions> = {}): WolkvoxClient {
  const client = createWolkvoxClient({
    token: DEMO_TOKEN,
    baseUrl: emulator?.url ?? server!.url,
    retryBaseDelayMs: 1,
    ...options,
  });
  clients.push(client);
  return client;
}

/** A result without the facts that say how it was obtained: what must be identical either way. */
function answer(result: ReportResult<Record<string, unknown>>) {
  const {
    requests: _requests,
    cachedWindows: _cached,
    quota: _quota,
    warnings: _warnings,
    ...rest
  } = result as typeof result & { quota?: unknown };
  return rest;
}

function warnings() {
  const lines: { obj: object; msg?: string }[] = [];
  return { lines, logger: { warn: (obj: object, msg?: string) => lines.push({ obj, msg }) } };
}

/** Every content file of the disk store (cacache names them by digest). */
function contentFiles(dir: string): string[] {
  return readdirSync(join(dir, CLOSED_DAYS_DIR), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.parentPath.includes('content-v'))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('a closed-day window is fetched once per machine', () => {
  it('a second client on the same state directory sends 0 requests and gets the identical result', async () => {
    emulator = await startEmulator();
    const dir = stateDir();
    const first = connect({ stateDir: dir });
    const fetched = await first.reportById('act_3', Q1);
    expect(fetched).toMatchObject({ windows: 3, requests: 3 });
    expect(fetched.cachedWindows).toBeUndefined();
    await first.close(); // waits for the pieces being kept
    const seen = emulator!.control.journal().length;

    const kept = await connect({ stateDir: dir }).reportById('act_3', Q1);
    expect(emulator!.control.journal().length).toBe(seen);
    expect(kept).toMatchObject({ requests: 0, windows: 3, cachedWindows: 3 });
    expect(answer(kept)).toEqual(answer(fetched));
    expect(kept.rows.length).toBeGreaterThan(0);
  });

  it('a call that keeps closed days itself (keepClosedDays: false) reads kept pieces but keeps none', async () => {
    emulator = await startEmulator();
    const dir = stateDir();
    const storing = connect({ stateDir: dir });
    const first = await storing.reportById('act_3', DAYS, { keepClosedDays: false });
    await storing.close();
    expect(existsSync(join(dir, CLOSED_DAYS_DIR)) ? contentFiles(dir) : []).toEqual([]);
    // What another call kept is still answered to it, with no request.
    const keeping = connect({ stateDir: dir });
    await keeping.reportById('act_3', DAYS);
    await keeping.close();
    const seen = emulator!.control.journal().length;
    const again = await connect({ stateDir: dir }).reportById('act_3', DAYS, { keepClosedDays: false });
    expect(emulator!.control.journal().length).toBe(seen);
    expect(again).toMatchObject({ requests: 0, cachedWindows: 1 });
    expect(answer(again)).toEqual(answer(first));
  });

  it('a second OS process sends 0 requests for the window the first one fetched', async () => {
    emulator = await startEmulator();
    const dir = stateDir();
    const child = fileURLToPath(new URL('./helpers/closed-day-child.mjs', import.meta.url));
    const run = async () => {
      const input = { url: emulator!.url, token: DEMO_TOKEN, report: 'act_3', request: Q1, stateDir: dir };
      const { stdout } = await promisify(execFile)(process.execPath, [child, JSON.stringify(input)], {
        encoding: 'utf8',
        timeout: 60_000,
      });
      return JSON.parse(stdout) as { rows: number; digest: string; requests: number; cachedWindows: number };
    };
    const first = await run();
    expect(first).toMatchObject({ requests: 3, cachedWindows: 0 });
    const seen = emulator!.control.journal().length;
    expect(seen).toBe(3);

    const second = await run();
    expect(emulator!.control.journal().length).toBe(seen);
    expect(second).toMatchObject({ requests: 0, cachedWindows: 3, rows: first.rows, digest: first.digest });
    // And this process, on the same directory, agrees row for row.
    const here = await connect({ stateDir: dir }).reportById('act_3', Q1);
    expect(createHash('sha256').update(JSON.stringify(here.rows)).digest('hex')).toBe(first.digest);
    expect(emulator!.control.journal().length).toBe(seen);
  }, 120_000);

  it('keys on the exact request: other parameters, another window or another report are fetched', async () => {
    emulator = await startEmulator();
    const dir = stateDir();
    const client = connect({ stateDir: dir });
    await client.reportById('act_3', DAYS);
    await client.reportById('act_3', { ...DAYS, cod_act: 'cod_act1' });
    await client.reportById('agent_1', DAYS);
    await client.close();
    expect(emulator!.control.journal().length).toBe(3);
    const again = connect({ stateDir: dir });
    expect((await again.reportById('act_3', { ...DAYS, cod_act: 'cod_act1' })).requests).toBe(0);
    expect((await again.reportById('agent_1', DAYS)).requests).toBe(0);
    // One second more is another request.
    expect((await again.reportById('act_3', { from: DAYS.from, to: '2025-03-06' })).requests).toBe(1);
    // The state directory never holds the token, only its fingerprint.
    const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    for (const file of files) {
      const text = readFileSync(join(file.parentPath, file.name), 'latin1');
      expect(text).not.toContain(DEMO_TOKEN);
    }
  });
});

describe('today and real-time are never served from the cache', () => {
  it('fetches today every time, and a window into today reuses only its closed days', async () => {
    // The emulator on the real clock: today is today for both.
    emulator = await startEmulator({ now: undefined });
    const dir = stateDir();
    const first = connect({ stateDir: dir });
    const today = await first.reportById('act_3', { from: 'today' });
    expect(today.requests).toBe(1);
    // Three closed days and today: cut at today's start, so two pieces.
    const into = await first.reportById('act_3', { from: 'today-3', to: 'today' });
    expect(into).toMatchObject({ windows: 2, requests: 2 });
    await first.close();

    const second = connect({ stateDir: dir });
    const todayAgain = await second.reportById('act_3', { from: 'today' });
    expect(todayAgain.requests).toBe(1);
    expect(todayAgain.cachedWindows).toBeUndefined();
    const intoAgain = await second.reportById('act_3', { from: 'today-3', to: 'today' });
    expect(intoAgain).toMatchObject({ windows: 2, requests: 1, cachedWindows: 1 });
  });

  it('fetches a real-time report every time', async () => {
    emulator = await startEmulator();
    const dir = stateDir();
    const first = connect({ stateDir: dir });
    await first.reportById('calls_last_10', {});
    await first.close();
    const again = await connect({ stateDir: dir }).reportById('calls_last_10', {});
    expect(again.requests).toBe(1);
    expect(again.cachedWindows).toBeUndefined();
  });

  it('keeps nothing when switched off (coordination process, or a bound of 0)', async () => {
    emulator = await startEmulator();
    for (const options of [{ coordination: 'process' as const }, { closedDayCacheBytes: 0 }]) {
      const dir = stateDir();
      const first = connect({ stateDir: dir, ...options });
      await first.reportById('act_3', DAYS);
      await first.close();
      expect((await connect({ stateDir: dir, ...options }).reportById('act_3', DAYS)).requests).toBe(1);
    }
  });
});

describe('a damaged entry is dropped and fetched again, never answered', () => {
  async function keptOnce(dir: string) {
    const first = connect({ stateDir: dir });
    const fetched = await first.reportById('act_3', DAYS);
    await first.close();
    const [file, ...others] = contentFiles(dir);
    expect(others).toEqual([]);
    return { fetched, file: file! };
  }

  it('content overwritten in place (same size) fails its digest and is fetched again', async () => {
    emulator = await startEmulator();
    const dir = stateDir();
    const { fetched, file } = await keptOnce(dir);
    writeFileSync(file, Buffer.alloc(statSync(file).size, 0x41));
    const log = warnings();
    const again = await connect({ stateDir: dir, logger: log.logger }).reportById('act_3', DAYS);
    expect(again.requests).toBe(1);
    expect(again.warnings).toEqual([
      'closed-day cache (disk): a kept entry was damaged; the window was fetched from wolkvox again',
    ]);
    expect(answer(again)).toEqual(answer(fetched));
    expect(log.lines.map((l) => l.msg)).toContain(
      'closed-day cache: a damaged entry was dropped; fetching it again',
    );
  });

  it('truncated content fails its size check and is fetched again, then kept afresh', async () => {
    emulator = await startEmulator();
    const dir = stateDir();
    const { fetched, file } = await keptOnce(dir);
    truncateSync(file, Math.floor(statSync(file).size / 2));
    const second = connect({ stateDir: dir });
    const again = await second.reportById('act_3', DAYS);
    expect(again.requests).toBe(1);
    expect(answer(again)).toEqual(answer(fetched));
    await second.close();
    // Kept again, whole: the next client is answered from it.
    const third = await connect({ stateDir: dir }).reportById('act_3', DAYS);
    expect(third).toMatchObject({ requests: 0, cachedWindows: 1 });
    expect(answer(third)).toEqual(answer(fetched));
  });

  it('an entry whose bytes are intact but are not a kept piece (wrong shape) is dropped and fetched', async () => {
    emulator = await startEmulator();
    const dir = stateDir();
    const first = connect({ stateDir: dir });
    const fetched = await first.reportById('act_3', DAYS);
    await first.close();
    // Rewrite the entry through cacache itself, so the digest is right and only the shape is wrong.
    const cacache = (await import('cacache')).default;
    const entries = Object.values(await cacache.ls(join(dir, CLOSED_DAYS_DIR)));
    expect(entries).toHaveLength(1);
    const wrong = { windows: 1, drift: fetched.drift ?? emptyDrift(), data: 'not rows' };
    await cacache.put(join(dir, CLOSED_DAYS_DIR), entries[0]!.key, gzipSync(JSON.stringify(wrong)));
    const log = warnings();
    const again = await connect({ stateDir: dir, logger: log.logger }).reportById('act_3', DAYS);
    expect(again.requests).toBe(1);
    expect(again.warnings).toEqual([
      'closed-day cache (disk): a kept entry did not decode; the window was fetched from wolkvox again',
    ]);
    expect(answer(again)).toEqual(answer(fetched));
    expect(log.lines.map((l) => l.msg)).toContain(
      'closed-day cache: an entry that does not decode was dropped; fetching it again',
    );
  });
});

describe('a failing cache never fails a call', () => {
  it('a cache directory that cannot be written: the call succeeds, with one warning', async () => {
    emulator = await startEmulator();
    const dir = stateDir();
    // A file where the cache's directory should be: every write fails (ENOTDIR), even for root.
    writeFileSync(join(dir, CLOSED_DAYS_DIR), 'not a directory');
    const log = warnings();
    const client = connect({ stateDir: dir, logger: log.logger });
    const fetched = await client.reportById('act_3', DAYS);
    await client.close();
    expect(fetched.rows.length).toBeGreaterThan(0);
    const again = connect({ stateDir: dir, logger: log.logger });
    expect((await again.reportById('act_3', DAYS)).requests).toBe(1);
    await again.close();
    const cacheWarnings = log.lines.filter((l) => l.msg?.startsWith('closed-day cache:'));
    expect(cacheWarnings.length).toBeGreaterThan(0);
    expect(cacheWarnings[0]!.msg).toMatch(/failed; the window is fetched from wolkvox instead/);
    expect(cacheWarnings[0]!.obj).toMatchObject({ report: 'act_3', store: 'disk', code: 'ENOTDIR' });
  });
});

describe('drift and strict mode', () => {
  it('a drifted piece comes back with the same drift; a strict call fetches it and fails as a fetch does', async () => {
    // A tenant-shaped answer: one field missing, one extra.
    const row = fullRow('act_3', { extra_column: 1 });
    delete row.conn_id;
    server = await startLocalServer((_req, res) => sendJson(res, 200, success([row, fullRow('act_3')])));
    const dir = stateDir();
    const first = connect({ stateDir: dir });
    const fetched = await first.reportById('act_3', DAYS);
    expect(fetched.drift).toBeDefined();
    await first.close();

    const second = connect({ stateDir: dir });
    const kept = await second.reportById('act_3', DAYS);
    expect(kept).toMatchObject({ requests: 0, cachedWindows: 1 });
    expect(answer(kept)).toEqual(answer(fetched));
    expect(server.seen).toHaveLength(1);

    const strict = await failureOf(second.reportById('act_3', DAYS, { strict: true }));
    expect(strict).toBeInstanceOf(WolkvoxValidationError);
    expect(server.seen).toHaveLength(2);
  });
});

describe('the disk store keeps to its bound', () => {
  it('evicts the least recently used entries first', async () => {
    const { diskStore } = await import('../src/coordination/result-cache/disk-store.js');
    const dir = join(stateDir(), 'store');
    mkdirSync(dir);
    let clock = 1_000_000;
    const store = diskStore({ dir, maxBytes: 10_000, touchAfterMs: 0, now: () => clock });
    const bytes = (seed: string) => Buffer.from(seed.repeat(3_000).slice(0, 3_000));
    for (const key of ['a', 'b', 'c']) {
      clock += 1_000;
      await store.write(key, bytes(key));
    }
    clock += 1_000;
    expect(await store.read('a')).toEqual(bytes('a')); // a is now the most recently used
    clock += 1_000;
    await store.write('d', bytes('d')); // 12,000 bytes > 10,000: down to 9,000, b (least recently used) first
    expect(await store.read('b')).toBeUndefined();
    for (const key of ['a', 'c', 'd']) expect(await store.read(key)).toEqual(bytes(key));
    expect(await store.sweep()).toEqual({ bytes: 9_000, evicted: [] });
    await store.close();
  });

  it('a closed-day cache with a bound below its days keeps the latest ones, within the bound', async () => {
    emulator = await startEmulator();
    const days = ['2025-03-03', '2025-03-04', '2025-03-05', '2025-03-06', '2025-03-07'];
    const keptBytes = (dir: string) => contentFiles(dir).reduce((sum, file) => sum + statSync(file).size, 0);
    const unbounded = stateDir();
    const all = connect({ stateDir: unbounded });
    for (const day of days) await all.reportById('act_3', { from: day });
    await all.close();
    const whole = keptBytes(unbounded);
    expect(contentFiles(unbounded)).toHaveLength(5);

    const bound = Math.floor(whole / 2);
    const dir = stateDir();
    const client = connect({ stateDir: dir, closedDayCacheBytes: bound });
    for (const day of days) await client.reportById('act_3', { from: day });
    await client.close();
    expect(keptBytes(dir)).toBeLessThanOrEqual(bound);
    expect(contentFiles(dir).length).toBeGreaterThan(0);
    expect(contentFiles(dir).length).toBeLessThan(5);
    // The day asked last is the most recently used: still kept.
    const again = await connect({ stateDir: dir }).reportById('act_3', { from: days.at(-1)! });
    expect(again.requests).toBe(0);
  });
});
