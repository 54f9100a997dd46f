/**
 * The operating-system memory cap of a query process. The cap is the memory a query may use beyond what a ready
 * process already holds (Node, DuckDB's library and an open database): what Node reserves for itself differs by
 * version (a ready process holds about 0.85 GB of address space on Node 20 and 22, 1.26 GB on Node 24), and a cap
 * that counted it would leave a query different room on each. By platform:
 * - Linux with `prlimit` (util-linux): the process starts unlimited, says how much address space it holds once its
 *   database is open, and the server lowers its RLIMIT_AS to that plus the cap (`prlimit --pid`) before sending it
 *   any statement.
 * - Linux with a shell but no `prlimit`: the shell's `ulimit -v` applies at the start, so the server measures once
 *   what a ready process holds (a process started unlimited that runs no statement, pool.ts) and starts every query
 *   process under that plus the cap (`/bin/sh -c 'ulimit -v ...; exec node ...'`).
 * - Elsewhere (macOS, whose kernel does not enforce RLIMIT_AS; Windows, which has no such limit), and on a Linux
 *   without either tool (a distroless image): the query process watches its own resident memory every 50 ms and
 *   ends itself when it has grown past the cap since it was ready (worker.ts), saying so on stderr.
 * The kernel enforces RLIMIT_AS: an allocation past it fails, which DuckDB reports as its "Out of Memory Error" and
 * V8 as a fatal out-of-memory; either way nothing but the query process is touched. Everywhere V8's own heap is
 * capped too (`--max-old-space-size`), and every query ends within its time limit.
 */
import { execFile } from 'node:child_process';
import { access, constants, readFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

export type CapMechanism =
  | { kind: 'prlimit'; command: string }
  | { kind: 'ulimit'; shell: string }
  | { kind: 'watchdog' };

const MIB = 1024 * 1024;

const executable = (path: string) =>
  access(path, constants.X_OK).then(
    () => true,
    () => false,
  );

async function findOnPath(name: string, path: string | undefined): Promise<string | undefined> {
  const dirs = [...(path ?? '').split(delimiter).filter(Boolean), '/usr/bin', '/bin', '/usr/sbin', '/sbin'];
  for (const dir of dirs) {
    const candidate = join(dir, name);
    if (await executable(candidate)) return candidate;
  }
  return undefined;
}

/** Whether `shell` sets an address-space limit (some shells have no `ulimit -v`). */
function shellLimits(shell: string): Promise<boolean> {
  return new Promise((resolve) => {
    execFile(shell, ['-c', 'ulimit -v 4194304'], { timeout: 5_000 }, (error) => resolve(!error));
  });
}

/** The address space `/proc/<pid>/status` gives, in bytes (self by default); undefined where it gives none. */
export async function addressSpaceOf(pid: number | 'self' = 'self'): Promise<number | undefined> {
  try {
    const kb = /^VmSize:\s+(\d+) kB/m.exec(await readFile(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}

/**
 * How this machine caps a query process's memory (asked once per pool, at its first query). RLIMIT_AS needs the
 * process's address space measured (`/proc`); without it, the watchdog.
 */
export async function detectCapMechanism(
  platform: NodeJS.Platform = process.platform,
  path: string | undefined = process.env.PATH,
): Promise<CapMechanism> {
  if (platform !== 'linux' || (await addressSpaceOf()) === undefined) return { kind: 'watchdog' };
  const prlimit = await findOnPath('prlimit', path);
  if (prlimit) return { kind: 'prlimit', command: prlimit };
  if ((await executable('/bin/sh')) && (await shellLimits('/bin/sh')))
    return { kind: 'ulimit', shell: '/bin/sh' };
  return { kind: 'watchdog' };
}

/** The address space, in bytes, a query process may reach: what it holds when ready plus the cap. */
export const addressSpaceLimit = (readyBytes: number, capMb: number): number => readyBytes + capMb * MIB;

/**
 * The command that starts `node args...`. Only the shell's ulimit caps at the start, at `limitBytes` (a process
 * started without one runs no statement: it is measured, pool.ts); prlimit caps once the process is ready
 * (`limitRunning`), the watchdog from inside.
 */
export function startCommand(
  mechanism: CapMechanism,
  limitBytes: number | undefined,
  node: string,
  args: readonly string[],
): { command: string; args: string[] } {
  if (mechanism.kind !== 'ulimit' || limitBytes === undefined) return { command: node, args: [...args] };
  return {
    command: mechanism.shell,
    args: [
      '-c',
      'ulimit -v "$1" && shift && exec "$@"',
      'sh',
      String(Math.floor(limitBytes / 1024)),
      node,
      ...args,
    ],
  };
}

/** Lowers a running process's RLIMIT_AS (soft and hard: it cannot be raised again) to `limitBytes`, by prlimit. */
export function limitRunning(command: string, pid: number, limitBytes: number): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      ['--pid', String(pid), `--as=${limitBytes}`],
      { timeout: 5_000, encoding: 'utf8' },
      (error, _stdout, stderr) => {
        if (!error) resolve();
        else reject(new Error(stderr.trim().split('\n').at(-1) || error.message));
      },
    );
  });
}
