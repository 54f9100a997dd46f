/**
 * Query processes (src/query/process.ts, pool.ts): each within an operating-system memory cap (every mechanism this
 * platform has: RLIMIT_AS by prlimit or by the shell's ulimit, and the RSS watchdog used elsewhere), killed when its
 * statement runs past its time or its caller gives up, its place in the pool free as soon as it has exited; never
 * more processes than the bound; nothing of the server's paths in what comes back. Limits are injected small.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { type CapMechanism, detectCapMechanism } from './cap.js';
import { QueryFailure } from './errors.js';
import { QUERY_LIMITS, type QueryLimits, resultBudget } from './limits.js';
import { QueryPool } from './pool.js';
import { pathScrubber } from './scrub.js';

/** DuckDB's own limit set high: the process's cap, not DuckDB, must be what stops the hogs here. */
const LIMITS: QueryLimits = { ...QUERY_LIMITS, timeoutMs: 1_000, memoryLimit: '8GB', processMemoryMb: 768 };
const budget = resultBudget(LIMITS);
const pools: QueryPool[] = [];
afterAll(() => {
  for (const pool of pools) pool.close();
});

function poolOf(limits: QueryLimits, mechanism?: CapMechanism): QueryPool {
  const pool = new QueryPool(limits, mechanism ? { mechanism } : {});
  pools.push(pool);
  return pool;
}

async function failureOf(promise: Promise<unknown>): Promise<QueryFailure> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(QueryFailure);
  return error as QueryFailure;
}

const never = () => new AbortController().signal;
const MIB = 1024 * 1024;

/** A process's RLIMIT_AS, in bytes, from `/proc/<pid>/limits`. */
function addressSpaceLimitOf(pid: number): { soft: number; hard: number } {
  const line = /^Max address space\s+(\S+)\s+(\S+)/m.exec(readFileSync(`/proc/${pid}/limits`, 'utf8'));
  const bytes = (value: string | undefined) => (value === 'unlimited' ? Infinity : Number(value));
  return { soft: bytes(line?.[1]), hard: bytes(line?.[2]) };
}
// A list of 10^8 integers doubled: about 1.6 GB that DuckDB's memory limit does not count.
const HOG = 'SELECT list_transform(range(100000000), x -> x * 2) AS l';
// The same for 10^6 integers: about 90 MB resident at its peak, which a cap of a few hundred MB beyond a ready
// process leaves room for on every Node line.
const MODEST = 'SELECT len(list_transform(range(1000000), x -> x * 2)) AS n';
// One function call that runs for about a minute and heeds no interrupt.
const LONG = "SELECT levenshtein(repeat('a', 100000), repeat('b', 100000)) AS d";

const detected = await detectCapMechanism();
const mechanisms: [string, CapMechanism][] = [[`detected here (${detected.kind})`, detected]];
if (process.platform === 'linux' && detected.kind !== 'ulimit')
  mechanisms.push(["the shell's ulimit -v", { kind: 'ulimit', shell: '/bin/sh' }]);
if (detected.kind !== 'watchdog') mechanisms.push(['the RSS watchdog', { kind: 'watchdog' }]);

describe('a query process within its memory cap', () => {
  for (const [label, mechanism] of mechanisms) {
    it(`${label}: a list within the cap answers, a list past it is stopped as memory, and the next query answers`, async () => {
      // The cap counts from what a ready process holds, whatever Node's version reserves (cap.ts); the time limit
      // is long enough for the cap to act first.
      const pool = poolOf({ ...LIMITS, timeoutMs: 20_000 }, mechanism);
      const lease = await pool.acquire(never());
      expect((await lease.process.run(MODEST, budget)).rows).toEqual([{ n: 1_000_000 }]);
      const failure = await failureOf(lease.process.run(HOG, budget));
      expect(failure.kind).toBe('memory');
      expect(failure.message).toMatch(
        /^the query needed more memory than a query may use \(8GB for its data, 768 MB for its process beyond its start\) and was stopped; aggregate earlier/,
      );
      lease.release('loaded');
      const next = await pool.acquire(never());
      expect((await next.process.run('SELECT 42 AS x', budget)).rows).toEqual([{ x: 42 }]);
      next.release('loaded');
    }, 30_000);
  }

  for (const [label, mechanism] of mechanisms) {
    if (mechanism.kind === 'watchdog') continue;
    it(`${label}: the address-space limit is what a ready process holds plus the cap, however small`, async () => {
      const pool = poolOf({ ...LIMITS, processMemoryMb: 64 }, mechanism);
      const lease = await pool.acquire(never());
      const ready = lease.process.readyAddressSpace;
      expect(ready).toBeGreaterThan(0);
      const limit = addressSpaceLimitOf(lease.process.pid!);
      // prlimit sets it from this process's own figure; the shell's ulimit from one measured before it started,
      // which a process started the same way matches to within a few pages.
      expect(Math.abs(limit.soft - (ready + 64 * MIB))).toBeLessThan(
        mechanism.kind === 'prlimit' ? 1 : 64 * MIB,
      );
      expect(limit.hard).toBe(limit.soft);
      expect((await lease.process.run('SELECT 42 AS x', budget)).rows).toEqual([{ x: 42 }]);
      lease.release('loaded');
    });
  }
});

describe('a query process is killed, and its place freed', () => {
  it('when one long function runs past the time limit', async () => {
    const pool = poolOf(LIMITS);
    const lease = await pool.acquire(never());
    const started = performance.now();
    const failure = await failureOf(lease.process.run(LONG, budget));
    expect(failure.kind).toBe('timeout');
    expect(failure.message).toMatch(/^the query ran longer than 1 s and was stopped \(its process ended\)/);
    expect(performance.now() - started).toBeLessThan(LIMITS.timeoutMs + 2_000);
    expect(lease.process.alive).toBe(false);
    await lease.process.exited;
    lease.release('loaded');
  }, 30_000);

  it('when two callers give up: a third query answers at once, not after their minute', async () => {
    // Their time limit is a minute: only the cancellation can end them soon.
    const pool = poolOf({ ...LIMITS, timeoutMs: 60_000, concurrentQueries: 2 });
    const callers = [new AbortController(), new AbortController()];
    const leases = await Promise.all(callers.map((caller) => pool.acquire(caller.signal)));
    const running = leases.map((lease, i) => failureOf(lease.process.run(LONG, budget, callers[i]!.signal)));
    // Both places are taken: a third query waits for one.
    const waiting = pool.acquire(never());
    expect(pool.processes).toBe(2);
    const started = performance.now();
    for (const caller of callers) caller.abort(new Error('the user gave up'));
    for (const failure of await Promise.all(running)) expect(failure.kind).toBe('cancelled');
    for (const lease of leases) lease.release('loaded');
    const lease = await waiting;
    expect((await lease.process.run('SELECT 1 AS one', budget)).rows).toEqual([{ one: 1 }]);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(pool.processes).toBeLessThanOrEqual(2);
    lease.release('loaded');
  }, 30_000);
});

describe('a query process never outlives its server', () => {
  it('ends when the server is killed while a statement runs (its channel closes)', async () => {
    if (!existsSync('/proc/self/status')) return;
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    const pool = pathToFileURL(new URL('./pool.ts', import.meta.url).pathname).href;
    const limits = pathToFileURL(new URL('./limits.ts', import.meta.url).pathname).href;
    const script = [
      `import { QueryPool } from '${pool}';`,
      `import { QUERY_LIMITS, resultBudget } from '${limits}';`,
      // A minute per statement: only the server's death can end this one soon.
      'const queries = new QueryPool({ ...QUERY_LIMITS, timeoutMs: 60_000 });',
      'const lease = await queries.acquire(new AbortController().signal);',
      `lease.process.run(${JSON.stringify(LONG)}, resultBudget(QUERY_LIMITS)).catch(() => undefined);`,
      'console.log(lease.process.pid);',
    ].join('\n');
    const server = spawn(process.execPath, ['--import', tsx, '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const pid = Number(
      await new Promise<string>((resolve) => server.stdout.once('data', (chunk) => resolve(String(chunk)))),
    );
    expect(pid).toBeGreaterThan(0);
    const ended = () => {
      try {
        return /^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
      } catch {
        return true;
      }
    };
    expect(ended()).toBe(false);
    server.kill('SIGKILL');
    // Gone, or a zombie whose parent (now init) has not reaped it: either way it runs no more.
    for (let i = 0; i < 100 && !ended(); i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(ended()).toBe(true);
  }, 30_000);
});

describe('the pool', () => {
  it('never holds more processes than its bound, working, idle or ending', async () => {
    const pool = poolOf({ ...LIMITS, concurrentQueries: 2 });
    const seen: number[] = [];
    const look = () => seen.push(pool.processes);
    const a = await pool.acquire(never());
    look();
    const b = await pool.acquire(never());
    look();
    let cDone = false;
    const c = pool.acquire(never()).then((lease) => {
      cDone = true;
      return lease;
    });
    await a.process.checkStatement('SELECT 1');
    look();
    // Both places are held: the third waits, whatever the time.
    expect(cDone).toBe(false);
    a.release('parsed');
    const third = await c;
    look();
    expect(third.process).toBe(a.process);
    b.release('loaded');
    third.release('loaded');
    pool.close();
    await Promise.all([b.process.exited, third.process.exited]);
    look();
    expect(Math.max(...seen)).toBeLessThanOrEqual(2);
    expect(pool.processes).toBe(0);
  }, 30_000);

  it('keeps a used process with a fresh database: the next query sees none of the last one’s tables', async () => {
    const pool = poolOf({ ...LIMITS, concurrentQueries: 1 });
    const first = await pool.acquire(never());
    await first.process.createTable({ name: 'only_here', columns: [{ name: 'x', type: 'BIGINT' }] });
    first.release('loaded');
    const next = await pool.acquire(never());
    expect(next.process).toBe(first.process);
    const failure = await failureOf(next.process.run('SELECT * FROM only_here', budget));
    expect(failure.message).toMatch(/Table with name only_here does not exist/);
    next.release('loaded');
  }, 30_000);

  it('ends a used process that holds more memory than a fresh one should', async () => {
    const pool = new QueryPool({ ...LIMITS, concurrentQueries: 1 }, { recycleRssBytes: 1 });
    pools.push(pool);
    const first = await pool.acquire(never());
    first.release('loaded');
    await first.process.exited;
    const next = await pool.acquire(never());
    expect(next.process).not.toBe(first.process);
    next.release('parsed');
  }, 30_000);
});

describe("nothing of the server's paths comes back", () => {
  const paths = [process.cwd(), homedir()].filter((path) => path.length > 3);

  it("in DuckDB's settings, in a value that holds one, in an error message", async () => {
    const pool = poolOf(LIMITS);
    const lease = await pool.acquire(never());
    const outcome = await lease.process.run(
      "SELECT current_setting('allowed_directories') AS dirs, current_setting('allowed_paths') AS paths, " +
        "current_setting('secret_directory') AS secrets, current_setting('temp_directory') AS temp, " +
        `'${process.cwd()}/package.json' AS literal`,
      budget,
    );
    const text = JSON.stringify(outcome);
    for (const path of paths) expect(text).not.toContain(path);
    expect(outcome.rows[0]!.literal).toBe('<path>/package.json');
    const failure = await failureOf(
      lease.process.run(`SELECT * FROM read_csv('${process.cwd()}/package.json')`, budget),
    );
    for (const path of paths) expect(failure.message).not.toContain(path);
    lease.release('loaded');
  }, 30_000);

  it('a scrubber replaces whole path segments only', () => {
    const scrub = pathScrubber(['/home/ana/app', '/home/ana', '/']);
    expect(scrub('/home/ana/app/node_modules and /home/ana/.duckdb')).toBe(
      '<path>/node_modules and <path>/.duckdb',
    );
    expect(scrub('/home/anabel/x https://x.org/home/ana/y')).toBe('/home/anabel/x https://x.org/home/ana/y');
    expect(scrub('["/home/ana/app"]')).toBe('["<path>"]');
  });
});
