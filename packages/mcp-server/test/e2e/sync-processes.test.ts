/**
 * `wolkvox-mcp sync` as real processes (the built bin) against an emulator here, with a latency so a sync takes a
 * while: killed with SIGKILL once it said a piece was stored, the next run fetches only the days not stored and the
 * store then equals a one-shot sync's, row for row; two syncs at once on one store fetch each piece once between
 * them and leave the same store; on a terminal it draws its bar, elsewhere it writes JSON lines. The tenant is
 * small (100 calls a day) so that the 74 days synced (three pieces: 31, 31 and 12 days) are a few thousand rows.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEMO_TOKEN, type MockServer } from '@wolkvox-mcp/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, childEnv, emulator } from '../helpers.js';
import { filesUnder, startSync, storeDigests, syncToEnd } from '../sync-runs.js';

const FROM = '2025-01-01';
const TO = '2025-03-15';
/** Every day of the range, in order. */
const DAYS = Array.from({ length: 74 }, (_, at) =>
  new Date(Date.UTC(2025, 0, 1 + at)).toISOString().slice(0, 10),
);

let mock: MockServer;
let env: Record<string, string>;
let oneShot: { digests: Record<string, string>; requests: number };
const dirs: string[] = [];

function newDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wolkvox-sync-processes-'));
  dirs.push(dir);
  return join(dir, 'data');
}

const args = (data: string) => ['--reports', 'cdr_1', '--from', FROM, '--to', TO, '--data-dir', data];

/** The first day of each request the emulator answered after `since` entries (its `date_ini`). */
function requestedDays(since: number): string[] {
  return mock.control
    .journal()
    .slice(since)
    .map((entry) => {
      const ini = new URL(entry.url, 'http://x').searchParams.get('date_ini')!;
      return `${ini.slice(0, 4)}-${ini.slice(4, 6)}-${ini.slice(6, 8)}`;
    });
}

/** Runs of consecutive `days` cut in 31-day pieces: the requests a sync of those days makes. */
function piecesOf(days: readonly string[]): number {
  let pieces = 0;
  let run = 0;
  for (const [at, day] of days.entries()) {
    const follows = at > 0 && Date.parse(day) - Date.parse(days[at - 1]!) === 86_400_000;
    run = follows ? run + 1 : 1;
    if (run % 31 === 1) pieces += 1;
  }
  return pieces;
}

/** Only whole days are visible in the layout: day files and their records, nothing else beside them. */
function expectOnlyDayFiles(data: string) {
  const visible = filesUnder(data).filter(
    (file) => !file.startsWith('.incoming/') && !file.startsWith('.leases/'),
  );
  for (const file of visible)
    expect(file).toMatch(/\/report=cdr_1\/params=none\/day=\d{4}-\d{2}-\d{2}\.([0-9a-f]{16}\.parquet|json)$/);
}

beforeAll(async () => {
  mock = await emulator({ volume: 100, latencyMs: 150 });
  env = { WOLKVOX_TOKEN: DEMO_TOKEN, WOLKVOX_BASE_URL: mock.url };
  const data = newDir();
  const since = mock.control.journal().length;
  const run = await syncToEnd(args(data), env);
  expect(run.code, run.stderr).toBe(0);
  // Without a terminal: one JSON line per piece (31, 31 and 12 days, one request each), then the summary.
  const piece = (from: string, to: string, stored: number) =>
    expect.objectContaining({ report: 'cdr_1', from, to, stored, requests: 1 });
  expect(new Set(run.lines.slice(0, 3))).toEqual(
    new Set([
      piece('2025-01-01', '2025-01-31', 31),
      piece('2025-02-01', '2025-03-03', 31),
      piece('2025-03-04', '2025-03-15', 12),
    ]),
  );
  expect(run.lines.slice(3)).toEqual([
    { summary: expect.objectContaining({ days: 74, stored: 74, requests: 3 }) },
  ]);
  oneShot = { digests: await storeDigests(data), requests: run.summary!.requests };
  expect(requestedDays(since)).toHaveLength(3);
  expect(Object.keys(oneShot.digests)).toHaveLength(74);
}, 60_000);

afterAll(async () => {
  await mock?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('a sync killed with SIGKILL', () => {
  it('loses at most its pieces in flight; the next run fetches only the days not stored, and the store equals a one-shot sync', async () => {
    const data = newDir();
    const first = startSync(args(data), env);
    const stored = await first.line((line) => (line.stored ?? 0) > 0);
    first.child.kill('SIGKILL');
    const killed = await first.exited;
    expect(killed.signal).toBe('SIGKILL');
    expect(first.summary()).toBeUndefined();

    // Every piece it said it stored is stored whole; the pieces in flight are not; nothing half-written shows.
    const kept = await storeDigests(data);
    const keptDays = Object.keys(kept).map((key) => key.slice('cdr_1/'.length));
    const said = first.lines.flatMap((line) => DAYS.filter((day) => day >= line.from! && day <= line.to!));
    expect(said.length).toBeGreaterThanOrEqual(stored.stored!);
    expect(keptDays).toEqual(expect.arrayContaining(said));
    expect(keptDays.length).toBeLessThan(DAYS.length);
    for (const day of keptDays) expect(kept[`cdr_1/${day}`]).toBe(oneShot.digests[`cdr_1/${day}`]);
    expectOnlyDayFiles(data);

    const since = mock.control.journal().length;
    const second = await syncToEnd(args(data), env);
    expect(second.code, second.stderr).toBe(0);
    const missing = DAYS.filter((day) => !keptDays.includes(day));
    expect(second.summary).toMatchObject({ days: 74, stored: missing.length, requests: piecesOf(missing) });
    // Only the days not stored were asked for, each once.
    const asked = requestedDays(since);
    expect(asked).toHaveLength(piecesOf(missing));
    for (const day of asked) expect(missing).toContain(day);

    expect(await storeDigests(data)).toEqual(oneShot.digests);
    expectOnlyDayFiles(data);
    // The lease the killed sync held was taken over and none is left.
    expect(readdirSync(join(data, '.leases'))).toEqual([]);
  }, 60_000);
});

describe('two syncs at once on one store', () => {
  it('both finish, fetch each piece once between them, and leave the store a single sync leaves', async () => {
    const data = newDir();
    const since = mock.control.journal().length;
    const [a, b] = await Promise.all([syncToEnd(args(data), env), syncToEnd(args(data), env)]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expect(a.summary!.stored + b.summary!.stored).toBe(74);
    expect(a.summary!.requests + b.summary!.requests).toBe(oneShot.requests);
    const asked = requestedDays(since);
    expect(asked).toHaveLength(oneShot.requests);
    expect(new Set(asked).size).toBe(asked.length);
    expect(await storeDigests(data)).toEqual(oneShot.digests);
    expectOnlyDayFiles(data);
    expect(existsSync(join(data, '.incoming')) ? readdirSync(join(data, '.incoming')) : []).toEqual([]);
  }, 60_000);
});

describe('progress on a terminal', () => {
  const run = promisify(execFile);
  /** Single-quoted for sh. */
  const quote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;
  const week = (data: string) => [
    '--reports',
    'cdr_1',
    '--from',
    '2025-06-01',
    '--to',
    '2025-06-07',
    '--data-dir',
    data,
  ];

  it('on a terminal (a pseudo-terminal by script(1)) is a bar redrawn in place, then the summary', async () => {
    const command = [process.execPath, BIN, 'sync', '--log-level', 'warn', ...week(newDir())]
      .map(quote)
      .join(' ');
    const { stdout } = await run('script', ['-qec', command, '/dev/null'], {
      env: childEnv({ ...env, SHELL: '/bin/sh' }),
      encoding: 'utf8',
      timeout: 60_000,
    });
    // Redrawn in place: each state begins by going back to the line's start and clearing it.
    const states = stdout.split('\r\x1b[2K').slice(1);
    expect(states.length).toBeGreaterThanOrEqual(2);
    expect(states[0]).toMatch(/^░+ {3}0% {2}0\/7 days {2}0 rows {2}0 requests {2}ETA …$/);
    expect(states.at(-1)).toMatch(/^█+ 100% {2}7\/7 days {2}[\d,]+ rows {2}1 requests .*done in \d+s\r?\n/);
    expect(stdout).toMatch(/\{"summary":\{"days":7,"stored":7,"rows":\d+,"requests":1,"bytes":\d+\}\}\r?\n$/);
    expect(stdout).not.toContain('{"report"');
  }, 60_000);
});
