/**
 * The operating-system memory cap of a query process, by platform:
 * - Linux: RLIMIT_AS (the address space) set by `prlimit` (util-linux) as it executes Node, or else by the shell's
 *   `ulimit -v` (`/bin/sh -c 'ulimit -v ...; exec node ...'`). The kernel enforces it: an allocation past it fails,
 *   which DuckDB reports as its "Out of Memory Error" and V8 as a fatal out-of-memory; either way nothing but the
 *   query process is touched.
 * - Elsewhere (macOS, whose kernel does not enforce RLIMIT_AS; Windows, which has no such limit), and on a Linux
 *   without either tool (a distroless image): the query process watches its own resident memory every 50 ms and
 *   ends itself past the cap (worker.ts), saying so on stderr.
 * Everywhere V8's own heap is capped too (`--max-old-space-size`), and every query ends within its time limit.
 */
import { execFile } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

export type CapMechanism =
  | { kind: 'prlimit'; command: string }
  | { kind: 'ulimit'; shell: string }
  | { kind: 'watchdog' };

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

/** How this machine caps a query process's memory (asked once per pool, at its first query). */
export async function detectCapMechanism(
  platform: NodeJS.Platform = process.platform,
  path: string | undefined = process.env.PATH,
): Promise<CapMechanism> {
  if (platform !== 'linux') return { kind: 'watchdog' };
  const prlimit = await findOnPath('prlimit', path);
  if (prlimit) return { kind: 'prlimit', command: prlimit };
  if ((await executable('/bin/sh')) && (await shellLimits('/bin/sh')))
    return { kind: 'ulimit', shell: '/bin/sh' };
  return { kind: 'watchdog' };
}

/** The command that starts `node args...` under the cap (the watchdog needs none: the process is told). */
export function cappedCommand(
  mechanism: CapMechanism,
  capMb: number,
  node: string,
  args: readonly string[],
): { command: string; args: string[] } {
  switch (mechanism.kind) {
    case 'prlimit':
      // prlimit sets the limit on itself, then executes Node in its place: the process is Node, under the limit.
      return { command: mechanism.command, args: [`--as=${capMb * 1024 * 1024}`, '--', node, ...args] };
    case 'ulimit':
      return {
        command: mechanism.shell,
        args: ['-c', 'ulimit -v "$1" && shift && exec "$@"', 'sh', String(capMb * 1024), node, ...args],
      };
    case 'watchdog':
      return { command: node, args: [...args] };
  }
}
