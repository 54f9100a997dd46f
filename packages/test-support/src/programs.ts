/**
 * Programs the tests run that are not Node packages (redis-server, python3, curl, java): found on PATH, and whether
 * the tests that need one run here. `.ci/run` installs the ones CI requires; there a missing one fails the run
 * loudly instead of skipping the tests that prove what it runs. Elsewhere those tests are skipped, with a message
 * that says how to install it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The program `name` on PATH, or undefined. */
export function onPath(name: string): string | undefined {
  try {
    const found = execFileSync('sh', ['-c', 'command -v "$1"', 'sh', name], { encoding: 'utf8' }).trim();
    return found || undefined;
  } catch {
    return undefined;
  }
}

export interface ProgramNeed {
  /** What to tell a reader without it: how to install it. */
  hint: string;
  /** Which tests are skipped without it, as the message names them. */
  tests: string;
  /** Whether CI must have it (`.ci/run` installs it): true fails the run when it is missing there. */
  requiredInCi: boolean;
}

/** Whether the tests that need `name` run here (see the module's comment). */
export function programAvailable(name: string, need: ProgramNeed): boolean {
  if (onPath(name)) return true;
  if (need.requiredInCi && process.env.CI) throw new Error(`${need.hint} (CI must install it: see .ci/run)`);
  console.warn(`skipping ${need.tests}: ${need.hint}`);
  return false;
}

/**
 * Whether this kernel lets a test mount a tmpfs in a user and mount namespace of its own (`unshare -rm`), to give a
 * process a small disk (full, or read-only) of its own; otherwise `tests` are skipped, with a message saying so.
 */
export function mountNamespacesAllowed(tests: string): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'wolkvox-unshare-probe-'));
  try {
    execFileSync('unshare', ['-rm', 'sh', '-c', 'mount -t tmpfs -o size=64k tmpfs "$1"', 'sh', dir], {
      stdio: 'ignore',
    });
    return true;
  } catch {
    console.warn(`skipping ${tests}: \`unshare -rm\` with a tmpfs mount is not permitted here`);
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
