/**
 * Closed-day cache benchmark (issue 13), part of `pnpm --filter @wolkvox-mcp/client bench`: one emulator (latency
 * 100 ms a call), one closed-day window (act_3 over May 2025: one 31-day window), each ask in an OS process of its
 * own (test/helpers/closed-day-child.mjs, the built client) sharing one state directory, as a second
 * Claude Desktop, Cursor or cron job on the same machine would.
 *
 * - A second process asking for the window the first one fetched: the requests that reach the emulator (its
 *   journal; must be 0) and whether its rows are the first one's (digest).
 * - With redis-server on this machine: the same across two processes on different state directories sharing one
 *   Redis, as two replicas on two machines would.
 * - The time of a cached answer against a fetched one, in this process once both clients are warm (the first
 *   call of a process mostly loads code): a client with the cache off and one on the warm state directory,
 *   alternated; medians, and the ratio.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DEMO_TOKEN, startMockServer } from '@wolkvox-mcp/mock-server';
import { redisServerBinary, startRedisServer } from '@wolkvox-mcp/test-support/redis';
import { createWolkvoxClient } from '../src/index.js';

const NOW = '2025-06-02T12:00:00-05:00';
const WINDOW = { from: '2025-05-01', to: '2025-05-31' };
const ROUNDS = 7;
const CHILD = fileURLToPath(new URL('../test/helpers/closed-day-child.mjs', import.meta.url));

interface ChildOutcome {
  rows: number;
  digest: string;
  requests: number;
  windows: number;
  cachedWindows: number;
  warnings: string[];
  ms: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export async function closedDayCacheBench(): Promise<void> {
  const emulator = await startMockServer({ now: NOW, latencyMs: 100, volume: 300 });
  const dirs: string[] = [];
  const freshDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'wolkvox-bench-closed-days-'));
    dirs.push(dir);
    return dir;
  };
  const ask = async (stateDir: string, redisUrl?: string): Promise<ChildOutcome & { reached: number }> => {
    const before = emulator.control.journal().length;
    const input = {
      url: emulator.url,
      token: DEMO_TOKEN,
      report: 'act_3',
      request: WINDOW,
      stateDir,
      ...(redisUrl ? { redisUrl } : {}),
    };
    const { stdout } = await promisify(execFile)(process.execPath, [CHILD, JSON.stringify(input)], {
      encoding: 'utf8',
      maxBuffer: 1024 * 1024,
    });
    const outcome = JSON.parse(stdout.trim().split('\n').at(-1)!) as ChildOutcome;
    return { ...outcome, reached: emulator.control.journal().length - before };
  };
  try {
    const shared = freshDir();
    const first = await ask(shared);
    const second = await ask(shared);
    console.log(
      `closed-day cache: act_3 ${WINDOW.from} - ${WINDOW.to} (${first.windows} window), emulator latency 100 ms, ` +
        'each ask in its own OS process on one state directory',
    );
    console.log(
      `  first process: ${first.reached} request(s) reached the emulator, ${first.rows} rows, ${first.ms.toFixed(0)} ms`,
    );
    console.log(
      `  second process: ${second.reached} request(s) reached the emulator (must be 0), ` +
        `${second.cachedWindows} window(s) from the cache, rows ${second.digest === first.digest ? 'identical' : 'DIFFERENT'}`,
    );

    if (redisServerBinary()) {
      const redis = await startRedisServer();
      try {
        const one = await ask(freshDir(), redis.url);
        const other = await ask(freshDir(), redis.url);
        console.log(
          `  two processes on two state directories and one Redis: ${one.reached} then ${other.reached} request(s) ` +
            `reached the emulator (the second must be 0), rows ${other.digest === one.digest ? 'identical' : 'DIFFERENT'}`,
        );
        // A process that did not reach Redis within its first-connection wait (a loaded machine) says so.
        for (const warning of new Set([...one.warnings, ...other.warnings]))
          console.log(`    warning: ${warning}`);
      } finally {
        await redis.stop();
      }
    } else {
      console.log('  (no redis-server on this machine: the Redis line is skipped)');
    }

    const fromCache = createWolkvoxClient({ token: DEMO_TOKEN, baseUrl: emulator.url, stateDir: shared });
    const fromWolkvox = createWolkvoxClient({
      token: DEMO_TOKEN,
      baseUrl: emulator.url,
      stateDir: freshDir(),
      closedDayCacheBytes: 0,
    });
    const timed = async (client: typeof fromCache) => {
      const started = performance.now();
      const result = await client.report('act_3', WINDOW);
      return { ms: performance.now() - started, result };
    };
    const fetched: number[] = [];
    const cached: number[] = [];
    try {
      await timed(fromCache);
      await timed(fromWolkvox);
      for (let round = 0; round < ROUNDS; round++) {
        const kept = await timed(fromCache);
        if (kept.result.requests !== 0) throw new Error('the cached answer made a request');
        cached.push(kept.ms);
        fetched.push((await timed(fromWolkvox)).ms);
      }
    } finally {
      await fromCache.close();
      await fromWolkvox.close();
    }
    const fetchedMs = median(fetched);
    const cachedMs = median(cached);
    console.log(
      `  answer time in one warm process, median of ${ROUNDS} each (alternated): fetched ${fetchedMs.toFixed(0)} ms, ` +
        `from the cache ${cachedMs.toFixed(0)} ms (the first ask of a process: ${first.ms.toFixed(0)} / ${second.ms.toFixed(0)} ms)`,
    );
    console.log(`  RATIO cached / fetched = ${(cachedMs / fetchedMs).toFixed(2)}`);
  } finally {
    await emulator.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

// Run on its own: node --import tsx bench/closed-day.ts
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await closedDayCacheBench();
