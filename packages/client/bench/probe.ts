/**
 * The measured side of the benchmark, run in its own process (bench/run.ts forks it) so that its memory figures
 * are the client's alone: the emulator lives in the parent. Prints one JSON line on stdout.
 *
 *   probe.ts timing <url>   per-call time (sequential windows) and the one-year fetch's elapsed time
 *   probe.ts memory <url>   peak memory of the one-year fetch
 *   probe.ts parse  <url>   peak memory of one 60,000-row call (one HTTP call, parse and contract check)
 *   probe.ts parse-bare <url>    the same answer read and parsed without the client (one string, one JSON.parse)
 */
import { getReport } from '@wolkvox-mcp/contracts';
import { Pool } from 'undici';
import { resolveConfig } from '../src/config.js';
import { examineRows } from '../src/drift.js';
import { createWolkvoxClient, splitWindow, windowLabel } from '../src/index.js';
import { planReport } from '../src/request.js';
import { callReport } from '../src/transport.js';
import { windowParams } from '../src/windows.js';

const [mode, url] = process.argv.slice(2) as [string, string];
const token = process.env.BENCH_TOKEN ?? 'wolkvox-demo-token';
const YEAR = { from: '2024-06-01', to: '2025-05-31' } as const;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

/** Process memory high-water mark since start, in bytes. */
const maxRss = () => process.resourceUsage().maxRSS * 1024;

/** Collects garbage, then the resident size: the baseline of a peak measurement. */
function settle(): number {
  for (let i = 0; i < 4; i++) gc!();
  return process.memoryUsage().rss;
}

/** Collects garbage, then the live heap and off-heap bytes: what is really retained (RSS keeps freed pages). */
function live(): number {
  for (let i = 0; i < 4; i++) gc!();
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

/** Samples heap + off-heap memory while a promise runs (catches peaks between event-loop turns only). */
async function sampled<T>(run: () => Promise<T>): Promise<{ value: T; heapPeak: number }> {
  const used = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.external;
  };
  const base = used();
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, used());
  }, 2);
  const value = await run();
  peak = Math.max(peak, used());
  clearInterval(timer);
  return { value, heapPeak: peak - base };
}

function out(result: object): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (mode === 'timing') {
  // The closed-day cache off: every fetch measured here must reach the emulator.
  const client = createWolkvoxClient({ token, baseUrl: url, closedDayCacheBytes: 0 });
  const zone = client.timeZone;
  const windows = splitWindow(planReport('act_3', YEAR, { timeZone: zone }).window!, 31);
  const one = async (w: (typeof windows)[number]) => {
    const label = windowLabel(w);
    const started = performance.now();
    await client.report('act_3', { from: label.from.replace(' ', 'T'), to: label.to.replace(' ', 'T') });
    return performance.now() - started;
  };
  // Pass 1 warms both sides (the emulator builds its simulated days, V8 its code); pass 2 is measured.
  for (const w of windows) await one(w);
  const perCall: number[] = [];
  for (const w of windows) perCall.push(await one(w));
  // Several fetches: one ~1 s sample is at the mercy of a single GC pause on either side.
  const elapsed: number[] = [];
  let summary = { windows: 0, requests: 0, rows: 0 };
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    const result = await client.report('act_3', YEAR);
    elapsed.push(performance.now() - started);
    summary = { windows: result.windows, requests: result.requests, rows: result.rows.length };
  }
  await client.close();
  out({ perCall, elapsed, ...summary });
} else if (mode === 'memory') {
  // The closed-day cache off: every fetch measured here must reach the emulator.
  const client = createWolkvoxClient({ token, baseUrl: url, closedDayCacheBytes: 0 });
  // One small call first, so connection set-up and lazy code loading are not counted as the fetch's memory.
  await (async () => {
    await client.report('act_3', { from: '2025-05-05', to: '2025-05-05' });
  })();
  const liveBefore = live();
  const before = settle();
  const highBefore = maxRss();
  const { value: result, heapPeak } = await sampled(() => client.report('act_3', YEAR));
  const peak = maxRss() - before;
  const valid = maxRss() > highBefore;
  const retained = live() - liveBefore;
  const rowsBytes = Buffer.byteLength(JSON.stringify(result.rows));
  await client.close();
  out({ rows: result.rows.length, windows: result.windows, rowsBytes, peak, heapPeak, retained, valid });
} else if (mode === 'parse' || mode === 'parse-bare') {
  const config = resolveConfig({ token, baseUrl: url });
  const dispatcher = new Pool(config.origin, { connections: 1 });
  const report = getReport('act_3')!;
  const window = splitWindow(
    planReport('act_3', { from: '2025-04-01', to: '2025-04-30' }, { timeZone: config.timeZone }).window!,
    31,
  )[0]!;
  const client = () =>
    callReport({
      config,
      dispatcher,
      report,
      query: windowParams(window),
      window: windowLabel(window),
      signal: new AbortController().signal,
    });
  // Without the client: the whole body decoded into one string and parsed at once, nothing else.
  const bare = async () => {
    const search = new URLSearchParams({ api: 'act_3', ...windowParams(window) });
    const response = await dispatcher.request({
      origin: config.origin,
      path: `/api/v2/reports_manager.php?${search}`,
      method: 'GET',
      headers: { 'wolkvox-token': token },
    });
    const chunks: Buffer[] = [];
    for await (const chunk of response.body as AsyncIterable<Buffer>) chunks.push(chunk);
    const size = chunks.reduce((sum, c) => sum + c.length, 0);
    const text = Buffer.concat(chunks, size).toString('utf8');
    chunks.length = 0;
    const body = JSON.parse(text) as { data: unknown[] };
    return { answer: { kind: 'rows' as const, rows: body.data }, bytes: size };
  };
  const call = mode === 'parse' ? client : bare;
  // Warm code paths and the connection; in its own frame so its rows are garbage before the baseline.
  await (async () => {
    await call();
  })();
  const liveBefore = live();
  const before = settle();
  const highBefore = maxRss();
  const started = performance.now();
  const result = await call();
  if (result.answer.kind !== 'rows') throw new Error(`expected rows, got ${result.answer.kind}`);
  const { issues } = examineRows(report, result.answer.rows);
  const elapsed = performance.now() - started;
  const peak = maxRss() - before;
  const valid = maxRss() > highBefore;
  const retained = live() - liveBefore;
  // Read after the measurement, so the rows are still alive when `live()` counts them.
  const rows = result.answer.rows.length;
  await dispatcher.close();
  out({ rows, bytes: result.bytes, issues: issues.length, peak, retained, elapsed, valid });
} else {
  throw new Error(`unknown mode ${mode}`);
}
