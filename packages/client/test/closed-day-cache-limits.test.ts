/**
 * Disk limits degrade the closed-day cache to fetching, with a warning, and never kill the process: each case runs
 * the built client in a child process (test/helpers/closed-day-asks.mjs) under a real limit, against the emulator here.
 *
 * - A file-size limit (`ulimit -f`): the cache's write crosses it. SIGXFSZ must not kill the process (signal-exit,
 *   loaded by proper-lockfile, re-raises it unless another listener exists); the write fails with EFBIG instead.
 * - A user who may not write the state directory (EACCES): a directory made read-only (modes r-x and r--). Modes
 *   do not stop root, who holds CAP_DAC_OVERRIDE: as root the child runs without it (`setpriv` drops it and
 *   CAP_DAC_READ_SEARCH from its bounding set), so the modes apply to it as to its owner; a non-root run needs
 *   nothing.
 * - A full disk (ENOSPC) and a read-only one (EROFS): a small tmpfs mounted in a user and mount namespace of the
 *   child's own (`unshare -rm`), filled up or remounted read-only. Where the kernel refuses such namespaces the
 *   two tests are skipped with a message saying so.
 */
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { MockServer } from '@wolkvox-mcp/mock-server';
import { mountNamespacesAllowed } from '@wolkvox-mcp/test-support/programs';
import { afterEach, describe, expect, it } from 'vitest';
import { createWolkvoxClient } from '../src/index.js';
import { cacheWarning, windowRequests } from './helpers/closed-day-warnings.js';
import { DEMO_TOKEN, startEmulator } from './helpers/emulator.js';

const CHILD = fileURLToPath(new URL('./helpers/closed-day-asks.mjs', import.meta.url));
const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
const DAY_A = { from: '2025-03-03', to: '2025-03-05' };
const DAY_B = { from: '2025-03-10', to: '2025-03-11' };
const KEEP_FAILED = 'closed-day cache: keeping failed; the window is fetched from wolkvox instead';

interface Outcome {
  answers: { rows: number; requests: number; cachedWindows: number; warnings: string[] }[];
  logged: { msg: string; code?: string }[];
  closed: boolean;
}

let emulator: MockServer | undefined;
const dirs: string[] = [];

afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wolkvox-cache-limits-'));
  dirs.push(dir);
  return dir;
}

function asks(stateDir: string, ...list: { from: string; to: string; awaitKeepFailure?: boolean }[]) {
  return JSON.stringify({ url: emulator!.url, token: DEMO_TOKEN, report: 'act_3', stateDir, asks: list });
}

/** Runs a command; a child killed by a signal fails with the signal's name, so a SIGXFSZ kill is seen as such. */
async function run(file: string, args: string[]) {
  const { stdout } = await promisify(execFile)(file, args, {
    encoding: 'utf8',
    timeout: 60_000,
    cwd: PACKAGE,
  });
  return stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Outcome);
}

/** Runs a shell script as root of a user and mount namespace of its own ($1, $2… are `args`): its mounts are its own. */
function inNamespace(script: string, ...args: string[]) {
  return run('unshare', ['-rm', 'sh', '-c', script, 'sh', ...args]);
}

/** What every case checks: the process lived, each ask has its rows, and keeping failed with `code`, logged. */
function expectKeepingFailed(outcome: Outcome, code: string) {
  expect(outcome.closed).toBe(true);
  expect(outcome.logged).toContainEqual({ msg: KEEP_FAILED, code });
}

/**
 * A store that reads but does not write, asked DAY_A (kept before), then DAY_B twice: DAY_A is answered from it,
 * DAY_B is fetched both times, the second time with the warning that keeping failed with `code`.
 */
function expectReadOnly(outcome: Outcome, keptRows: number, code: string) {
  expectKeepingFailed(outcome, code);
  const [fromCache, fetched, fetchedAgain] = outcome.answers;
  expect(fromCache).toMatchObject({ rows: keptRows, requests: 0, cachedWindows: 1 });
  expect(fetched).toMatchObject({ requests: 1, cachedWindows: 0 });
  expect(fetchedAgain).toMatchObject({ rows: fetched!.rows, requests: 1 });
  expect(fetchedAgain!.warnings).toContain(cacheWarning.keepingFailed(code));
  expect(windowRequests(emulator!, DAY_A.from)).toBe(1);
  expect(windowRequests(emulator!, DAY_B.from)).toBe(2);
}

describe('a file-size limit (ulimit -f)', () => {
  it('does not kill the process: the write fails with EFBIG, the calls answer with rows and a warning', async () => {
    emulator = await startEmulator();
    const stateDir = tempDir();
    // 4 KiB: the budget's small files fit, a kept piece (some 10 KB compressed) does not.
    const [outcome] = await run('bash', [
      '-c',
      `ulimit -f 4; exec "${process.execPath}" "${CHILD}" "$1"`,
      'bash',
      asks(stateDir, { ...DAY_A, awaitKeepFailure: true }, DAY_A),
    ]);
    expectKeepingFailed(outcome!, 'EFBIG');
    const [first, second] = outcome!.answers;
    expect(first).toMatchObject({ requests: 1, cachedWindows: 0, warnings: [] });
    expect(first!.rows).toBeGreaterThan(0);
    // Nothing was kept: asked again, the day is fetched again, and the call says why.
    expect(second).toEqual({ ...first, warnings: [cacheWarning.keepingFailed('EFBIG')] });
    expect(windowRequests(emulator!, DAY_A.from)).toBe(2);
  }, 90_000);
});

describe('a state directory this user may not write (EACCES)', () => {
  it('answers kept days from it, fetches the others with a warning', async () => {
    emulator = await startEmulator();
    const stateDir = tempDir();
    const keeper = createWolkvoxClient({ token: DEMO_TOKEN, baseUrl: emulator.url, stateDir });
    const kept = await keeper.reportById('act_3', DAY_A);
    await keeper.close();
    // Read-only for everyone, the owner too: directories r-x, files r--.
    const lockDown = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) lockDown(path);
        else chmodSync(path, 0o444);
      }
      chmodSync(dir, 0o555);
    };
    lockDown(stateDir);
    const child = [
      process.execPath,
      CHILD,
      asks(stateDir, DAY_A, { ...DAY_B, awaitKeepFailure: true }, DAY_B),
    ];
    const asRoot = process.getuid?.() === 0;
    const [outcome] = asRoot
      ? await run('setpriv', ['--bounding-set=-dac_override,-dac_read_search', ...child])
      : await run(child[0]!, child.slice(1));
    expectReadOnly(outcome!, kept.rows.length, 'EACCES');
  }, 90_000);
});

describe.runIf(mountNamespacesAllowed('the full-disk and read-only-disk tests'))(
  'a full or read-only disk (a tmpfs in a namespace of the child’s own)',
  () => {
    it('a full disk (ENOSPC): the calls answer with rows, and say that nothing could be kept', async () => {
      emulator = await startEmulator();
      const mountPoint = tempDir();
      const stateDir = join(mountPoint, 'state');
      const script = [
        'set -e',
        'mount -t tmpfs -o size=256k tmpfs "$1"',
        'mkdir "$1/state"',
        // Every block taken: the next write anywhere on this disk fails with ENOSPC.
        'dd if=/dev/zero of="$1/filler" bs=4k 2>/dev/null || true',
        `exec "${process.execPath}" "${CHILD}" "$2"`,
      ].join('\n');
      const [outcome] = await inNamespace(
        script,
        mountPoint,
        asks(stateDir, { ...DAY_A, awaitKeepFailure: true }, DAY_A),
      );
      expectKeepingFailed(outcome!, 'ENOSPC');
      const [first, second] = outcome!.answers;
      expect(first).toMatchObject({ requests: 1, cachedWindows: 0 });
      expect(first!.rows).toBeGreaterThan(0);
      expect(second).toMatchObject({ rows: first!.rows, requests: 1 });
      expect(second!.warnings).toContain(cacheWarning.keepingFailed('ENOSPC'));
    }, 90_000);

    it('a read-only disk (EROFS): kept days are answered, even ones not used for hours; others fetched with a warning', async () => {
      emulator = await startEmulator();
      const mountPoint = tempDir();
      const stateDir = join(mountPoint, 'state');
      // Kept more than an hour ago: reading it would record a fresh use, which a read-only disk refuses.
      const age = `const { default: c } = await import('cacache'); const d = process.argv[1];
      for (const e of Object.values(await c.ls(d))) await c.index.insert(d, e.key, e.integrity, { size: e.size, time: Date.now() - 7_200_000 });`;
      const script = [
        'set -e',
        'mount -t tmpfs -o size=4m tmpfs "$1"',
        'mkdir "$1/state"',
        `"${process.execPath}" "${CHILD}" "$2"`,
        `"${process.execPath}" --input-type=module -e "$4" "$1/state/closed-days"`,
        'mount -o remount,ro "$1"',
        `exec "${process.execPath}" "${CHILD}" "$3"`,
      ].join('\n');
      const [keeping, readOnly] = await inNamespace(
        script,
        mountPoint,
        asks(stateDir, DAY_A),
        asks(stateDir, DAY_A, { ...DAY_B, awaitKeepFailure: true }, DAY_B),
        age,
      );
      expect(keeping!.answers[0]).toMatchObject({ requests: 1, warnings: [] });
      expectReadOnly(readOnly!, keeping!.answers[0]!.rows, 'EROFS');
    }, 90_000);
  },
);
