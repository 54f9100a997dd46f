/**
 * Separate OS processes running N callers of one token through the built client (test/coordination/fixtures/
 * callers.mjs): what the coordination tests and the benchmark run side by side. Build the client first
 * (`npx turbo run build --filter=@wolkvox-mcp/client`): the child imports packages/client/dist.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CALLERS_SCRIPT = fileURLToPath(new URL('../coordination/fixtures/callers.mjs', import.meta.url));
const DIST = fileURLToPath(new URL('../../dist/index.js', import.meta.url));

export interface CallersSpec {
  url: string;
  token: string;
  stateDir: string;
  callers: number;
  /** Day offset (from 2025-01-01) of the first caller's one-day window. */
  firstDay: number;
  redisUrl?: string;
  coordination?: 'process' | 'machine' | 'redis';
  dailyQuota?: number;
  /** The client's `leaseTtlMs`: how soon this process's slots go to others once it stops renewing them. */
  leaseTtlMs?: number;
  /** Epoch ms at which the callers begin (processes started together wait for it). */
  startAt?: number;
}

export interface CallersOutcome {
  ok: number;
  failed: number;
  codes: Record<string, number>;
  ms: number;
  startedAt: number;
  endAt: number;
  requests: number;
  quota?: { day: string; used: number; limit?: number; remaining?: number; low: boolean; counted: string };
  warnings: string[];
}

export interface CallersProcess {
  child: ChildProcess;
  done: Promise<CallersOutcome>;
}

export function assertBuilt(): void {
  if (!existsSync(DIST)) {
    throw new Error(
      'packages/client/dist is missing: run `npx turbo run build --filter=@wolkvox-mcp/client`',
    );
  }
}

/** Starts one process of callers; `done` resolves with its summary (rejects if it dies without one). */
export function startCallers(spec: CallersSpec): CallersProcess {
  const child = spawn(process.execPath, [CALLERS_SCRIPT, JSON.stringify(spec)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, WOLKVOX_REDIS_URL: '', WOLKVOX_CACHE_DIR: '' },
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk) => {
    out += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    err += chunk;
  });
  const done = new Promise<CallersOutcome>((resolve, reject) => {
    child.once('exit', (code, signal) => {
      const last = out.trim().split('\n').at(-1);
      if (code === 0 && last) resolve(JSON.parse(last));
      else reject(new Error(`callers exited with ${code ?? signal}: ${err.slice(-2000)}`));
    });
  });
  // A process the test kills on purpose never reports; only an awaited `done` should fail the test.
  done.catch(() => {});
  return { child, done };
}

/** The holders and waiters of every lease table in a state directory, by pid. */
export function leaseHolders(stateDir: string): { holders: number[]; queue: number[] } {
  const dir = join(stateDir, 'budget');
  const result = { holders: [] as number[], queue: [] as number[] };
  if (!existsSync(dir)) return result;
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.json')) continue;
    try {
      const table = JSON.parse(readFileSync(join(dir, name), 'utf8'));
      result.holders.push(...table.holders.map((e: { pid: number }) => e.pid));
      result.queue.push(...table.queue.map((e: { pid: number }) => e.pid));
    } catch {
      // Being replaced this instant: the next look sees it.
    }
  }
  return result;
}

/** Resolves once `check` holds, polling every 25 ms; rejects after `timeoutMs`. */
export async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
