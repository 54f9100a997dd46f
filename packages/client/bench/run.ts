/**
 * Client benchmark: `pnpm bench` (node --expose-gc --import tsx bench/run.ts).
 *
 * 1. Scheduling: a one-year act_3 fetch (12 windows of <= 31 days) against the emulator with 100 ms latency.
 *    With 2 requests in flight per token the best possible time is ceil(windows / 2) x one call's time; the ratio
 *    elapsed / that bound is the client's overhead (target <= 1.15). The emulator's maxInFlight must be 2.
 * 2. Memory of that fetch: peak resident memory over the size of the rows returned (their JSON).
 * 3. Memory of one 60,000-row answer: peak resident memory of one call (read, one JSON.parse, contract check)
 *    over the body size (target ~3x), beside the same answer read and parsed bare, without the client.
 * 4. The closed-day cache (bench/closed-day.ts): a second OS process asking for a closed-day window the first
 *    one fetched (requests reaching the emulator: must be 0), and a cached answer's time over a fetched one's.
 *
 * 5. The shared budget (bench/coordination.ts): 3 OS processes x 100 callers on one token (one state directory,
 *    and 3 directories with one Redis) against 1 process x 300, and the coordination's overhead on one call; its
 *    summary is written into the client README and docs/testing-and-benchmarks.md.
 *
 * The emulator runs here; the client runs in a child process so the memory figures are the client's alone.
 * Sections by name run alone: `bench/run.ts answer` runs 3 only (`year`, `answer`, `closed-day`, `coordination`).
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DEMO_TOKEN, startMockServer } from '@wolkvox-mcp/mock-server';
import { request } from 'undici';
import { closedDayCacheBench } from './closed-day.js';
import { coordinationBench } from './coordination.js';

const probe = fileURLToPath(new URL('./probe.ts', import.meta.url));
const NOW = '2025-06-02T12:00:00-05:00';
const MB = 1024 * 1024;

// Asynchronous on purpose: the emulator answers from this process's event loop while the probe runs.
async function runProbe(mode: string, url: string): Promise<Record<string, any>> {
  const { stdout, stderr } = await promisify(execFile)(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', probe, mode, url],
    { encoding: 'utf8', maxBuffer: 16 * MB },
  );
  if (stderr.trim()) process.stderr.write(stderr);
  return JSON.parse(stdout.trim().split('\n').at(-1)!);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const fixed = (n: number, digits = 2) => n.toFixed(digits);
const sections = process.argv.slice(2);
const wanted = (name: string) => sections.length === 0 || sections.includes(name);

// 1 + 2: the one-year fetch.
if (wanted('year')) {
  const emulator = await startMockServer({ now: NOW, latencyMs: 100, volume: 300 });
  try {
    const timing = await runProbe('timing', emulator.url);
    const stats = emulator.control.statsFor(DEMO_TOKEN)!;
    const perCall = median(timing.perCall);
    const elapsed = median(timing.elapsed);
    const bound = Math.ceil(timing.windows / 2) * perCall;
    console.log('one-year act_3 fetch, emulator latency 100 ms');
    console.log(`  windows ${timing.windows}, requests ${timing.requests}, rows ${timing.rows}`);
    console.log(`  per-call time (median of ${timing.perCall.length} sequential) ${fixed(perCall, 1)} ms`);
    console.log(
      `  elapsed (median of ${timing.elapsed.length} fetches) ${fixed(elapsed, 1)} ms ` +
        `[${fixed(Math.min(...timing.elapsed), 0)}-${fixed(Math.max(...timing.elapsed), 0)}]; ` +
        `bound ceil(${timing.windows}/2) x per-call = ${fixed(bound, 1)} ms`,
    );
    console.log(`  RATIO elapsed / bound = ${fixed(elapsed / bound)} (target <= 1.15)`);
    console.log(
      `  emulator maxInFlight ${stats.maxInFlight} (must be 2), rejected for concurrency ${stats.rejectedConcurrency}`,
    );

    const memory = await runProbe('memory', emulator.url);
    console.log('  memory of the fetch:');
    console.log(`    rows returned ${memory.rows} = ${fixed(memory.rowsBytes / MB, 1)} MB as JSON`);
    console.log(
      `    peak resident +${fixed(memory.peak / MB, 1)} MB${memory.valid ? '' : ' (below an earlier high-water mark: upper bound)'}` +
        `, sampled heap+external peak +${fixed(memory.heapPeak / MB, 1)} MB, retained +${fixed(memory.retained / MB, 1)} MB`,
    );
    // RSS can understate (V8 reuses pages it kept after the baseline's GC); sampling misses synchronous peaks.
    const peak = Math.max(memory.peak, memory.heapPeak);
    console.log(`  RATIO peak memory (larger of the two) / rows size = ${fixed(peak / memory.rowsBytes)}`);
    console.log(
      `        (rows held as JS objects alone: ${fixed(memory.retained / memory.rowsBytes)} x their JSON)`,
    );
  } finally {
    await emulator.close();
  }
}

// 3: one 60,000-row answer.
if (wanted('answer')) {
  const emulator = await startMockServer({ now: NOW, volume: 4500 });
  try {
    // The emulator computes and caches the answer first: the child then measures the client, not the emulator.
    const warm = await request(
      `${emulator.url}/api/v2/reports_manager.php?api=act_3&date_ini=20250401000000&date_end=20250430235959`,
      { headers: { 'wolkvox-token': DEMO_TOKEN } },
    );
    await warm.body.dump();
    const parse = await runProbe('parse', emulator.url);
    const plain = await runProbe('parse-bare', emulator.url);
    console.log('one 60,000-row act_3 answer (read, one concat, one JSON.parse, contract check)');
    console.log(
      `  rows ${parse.rows}, body ${fixed(parse.bytes / MB, 1)} MB, ${fixed(parse.elapsed, 0)} ms, contract issues ${parse.issues}`,
    );
    console.log(
      `  peak resident +${fixed(parse.peak / MB, 1)} MB${parse.valid ? '' : ' (below an earlier high-water mark: upper bound)'}` +
        `, retained (parsed rows) +${fixed(parse.retained / MB, 1)} MB`,
    );
    console.log(`  RATIO peak memory / body size = ${fixed(parse.peak / parse.bytes)} (target ~3)`);
    console.log(
      `  side by side, the same answer read and parsed bare (no client, no contract check): peak +${fixed(plain.peak / MB, 1)} MB, ` +
        `ratio ${fixed(plain.peak / plain.bytes)} (the rows hold non-ASCII names: the body's string takes 2 bytes a character)`,
    );
  } finally {
    await emulator.close();
  }
}

// 4: the closed-day cache: a second process asking for a closed day, and a cached answer's time.
if (wanted('closed-day')) await closedDayCacheBench();

// 5: the token's budget shared by processes and machines.
if (wanted('coordination')) await coordinationBench();
