/**
 * The emulator's benchmark, measured side by side with a floor: a plain node:http server sending the very same
 * bytes, built once. Ratios to the floor are what matter (machines differ); absolute numbers are printed too.
 *
 *   pnpm bench   (node --expose-gc --import tsx bench/run.ts)
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AnyReport, FAMILIES, listReports } from '@wolkvox-mcp/contracts';
import { exampleParams } from '@wolkvox-mcp/test-support/requests';
import { Agent, request } from 'undici';
// What ships: the built package (tsx's transform of src adds per-closure helpers that cost a third in the hot path).
import { startMockServer } from '../dist/index.js';

const NOW = '2025-02-05T15:30:00-05:00';
const MONTH = '/api/v2/reports_manager.php?api=act_3&date_ini=20250101000000&date_end=20250131235959';
const ONE_DAY = '/api/v2/reports_manager.php?api=act_3&date_ini=20250203000000&date_end=20250203235959';
const TOKENS = ['bench-1', 'bench-2', 'bench-3', 'bench-4'];
/** Two in flight per token, as the platform allows, over four tokens. */
const CONCURRENCY = 8;

const agent = new Agent({ connections: CONCURRENCY, pipelining: 1 });

async function fetchBody(url: string, token = TOKENS[0]!): Promise<{ status: number; body: Buffer }> {
  const response = await request(url, { dispatcher: agent, headers: { 'wolkvox-token': token } });
  const body = Buffer.from(await response.body.arrayBuffer());
  return { status: response.statusCode, body };
}

/** A server that only sends prepared bytes: what the emulator would cost with no work at all. */
async function floorServer(body: Buffer): Promise<{ url: string; server: Server }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': body.length,
    });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timeCalls(url: string, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const { status } = await fetchBody(url);
    if (status !== 200) throw new Error(`status ${status} from ${url}`);
    times.push(performance.now() - started);
  }
  return times;
}

/** Requests per second with CONCURRENCY workers over `duration` ms. */
async function throughput(url: string, durationMs: number): Promise<number> {
  let done = 0;
  const deadline = performance.now() + durationMs;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, worker) => {
      const token = TOKENS[worker % TOKENS.length]!;
      while (performance.now() < deadline) {
        const { status } = await fetchBody(url, token);
        if (status !== 200) throw new Error(`status ${status}`);
        done++;
      }
    }),
  );
  return done / ((performance.now() - started) / 1000);
}

/** The report's URL for a window of `days` ending on 4 February 2025, with its required parameters' examples. */
function reportUrl(report: AnyReport, days: number): string {
  const params = new URLSearchParams({ api: report.api });
  const start = new Date(Date.UTC(2025, 1, 4) - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  params.set('date_ini', `${start.replaceAll('-', '')}000000`);
  params.set('date_end', '20250204235959');
  for (const [name, value] of Object.entries(exampleParams(report))) params.set(name, value);
  return `${FAMILIES[report.family].path}?${params}`;
}

interface LargeReport {
  id: string;
  rows: number;
  bytes: number;
  cold: number;
  warm: number;
  floor: number;
}

/**
 * The speed bar for the largest reports of the catalog, not only act_3: every windowed report is measured on one
 * day, the three with the biggest answers are then fetched over their longest window, cold and warm against the
 * floor. Chosen by measurement, so a new heavy report is picked up without editing this file.
 */
async function largestReports(count: number): Promise<LargeReport[]> {
  const scan = await startMockServer({ now: NOW, volume: 4000, tokens: TOKENS, dailyQuota: 1_000_000 });
  scan.control.freezeClock(NOW);
  const sizes: { report: AnyReport; bytes: number }[] = [];
  for (const report of listReports()) {
    if (!report.window) continue;
    const { status, body } = await fetchBody(scan.url + reportUrl(report, 1));
    if (status === 200) sizes.push({ report, bytes: body.length });
  }
  await scan.close();
  sizes.sort((a, b) => b.bytes - a.bytes);

  const results: LargeReport[] = [];
  for (const { report } of sizes.slice(0, count)) {
    // A fresh emulator per report: its first call builds every day of the window.
    const mock = await startMockServer({ now: NOW, volume: 4000, tokens: TOKENS, dailyQuota: 1_000_000 });
    mock.control.freezeClock(NOW);
    const url = mock.url + reportUrl(report, report.window!.maxDays);
    const started = performance.now();
    const first = await fetchBody(url);
    const cold = performance.now() - started;
    if (first.status !== 200) throw new Error(`status ${first.status} for ${report.id}`);
    const floor = await floorServer(first.body);
    await timeCalls(floor.url, 2);
    await timeCalls(url, 2);
    const floorTimes: number[] = [];
    const mockTimes: number[] = [];
    for (let round = 0; round < 5; round++) {
      floorTimes.push(...(await timeCalls(floor.url, 2)));
      mockTimes.push(...(await timeCalls(url, 2)));
    }
    floor.server.close();
    await mock.close();
    const rows = (JSON.parse(first.body.toString()) as { data: unknown }).data;
    results.push({
      id: report.id,
      rows: Array.isArray(rows) ? rows.length : 1,
      bytes: first.body.length,
      cold,
      warm: median(mockTimes),
      floor: median(floorTimes),
    });
  }
  return results;
}

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('run with --expose-gc');
  collect();
  collect();
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;

async function main(): Promise<void> {
  console.log(`wolkvox-mock benchmark (node ${process.version}, ${process.platform}/${process.arch})\n`);

  // --- 60,000-row act_3: cold, then warm against the floor -------------------------------------------------
  const mock = await startMockServer({ now: NOW, volume: 4000, tokens: TOKENS, dailyQuota: 1_000_000 });
  mock.control.freezeClock(NOW);
  const coldStarted = performance.now();
  const first = await fetchBody(mock.url + MONTH);
  const cold = performance.now() - coldStarted;
  // The server's own share (to the moment it handed the body to Node), without the client reading 26 MB.
  const coldServer = mock.control.journal()[0]!.durationMs;
  const rows = (JSON.parse(first.body.toString()) as { data: unknown[] }).data.length;
  if (rows !== 60_000) throw new Error(`expected 60,000 rows, got ${rows}`);

  const floor = await floorServer(first.body);
  await timeCalls(floor.url, 3); // warm both paths up alike
  await timeCalls(mock.url + MONTH, 3);
  const floorTimes: number[] = [];
  const mockTimes: number[] = [];
  for (let round = 0; round < 10; round++) {
    // Interleaved so both see the same machine load.
    floorTimes.push(...(await timeCalls(floor.url, 2)));
    mockTimes.push(...(await timeCalls(mock.url + MONTH, 2)));
  }
  floor.server.close();
  const warmRatio = median(mockTimes) / median(floorTimes);

  // --- one-day window: requests per second against the floor ----------------------------------------------
  const day = await fetchBody(mock.url + ONE_DAY);
  const dayFloor = await floorServer(day.body);
  await throughput(dayFloor.url, 300);
  await throughput(mock.url + ONE_DAY, 300);
  const floorRps = await throughput(dayFloor.url, 2000);
  const mockRps = await throughput(mock.url + ONE_DAY, 2000);
  dayFloor.server.close();
  await mock.close();

  const largest = await largestReports(3);

  // --- memory across 200 mixed requests --------------------------------------------------------------------
  const mixed = await startMockServer({ now: NOW, tokens: TOKENS, dailyQuota: 1_000_000 });
  mixed.control.freezeClock(NOW);
  const queries: string[] = [];
  for (let i = 0; i < 200; i++) {
    // Walk back through 2024 so days and answers keep changing: the caches must bound memory, not luck.
    const start = new Date(Date.UTC(2025, 0, 31) - (i % 100) * 3 * 86_400_000);
    const span = [1, 7, 31][i % 3]!;
    const end = new Date(Math.min(start.getTime() + span * 86_400_000 - 1000, Date.UTC(2025, 1, 5)));
    const stamp = (d: Date) => d.toISOString().replace(/[-:T]/g, '').slice(0, 14);
    const window = `date_ini=${stamp(start)}&date_end=${stamp(end)}`;
    queries.push(
      [
        `/api/v2/reports_manager.php?api=act_3&${window}`,
        `/api/v2/reports_manager.php?api=diagram_1_2&${window}`,
        `/api/v2/reports_manager.php?api=campaign_7&campaign_id=all&${window}`,
        `/api/v2/reports_manager.php?api=chat_9&${window}`,
        '/api/v2/real_time.php?api=calls_last_10',
      ][i % 5]!,
    );
  }
  const samples: { after: number; rss: number; heap: number; buffers: number }[] = [];
  const sample = (after: number) => {
    const usage = process.memoryUsage();
    samples.push({ after, rss: usage.rss, heap: usage.heapUsed, buffers: usage.arrayBuffers });
  };
  gc();
  sample(0);
  let peakRss = 0;
  for (let i = 0; i < queries.length; i++) {
    const { status } = await fetchBody(mixed.url + queries[i]!, TOKENS[i % TOKENS.length]);
    if (status !== 200 && status !== 404) throw new Error(`status ${status} for ${queries[i]}`);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    if ((i + 1) % 50 === 0) {
      gc();
      sample(i + 1);
    }
  }
  await mixed.close();
  await agent.close();

  // --- report -----------------------------------------------------------------------------------------------
  console.log('60,000-row act_3 (31 days, volume 4000), %s body', mb(first.body.length));
  console.log(`  first cold call           ${ms(cold)}   (target < 1000 ms; server side ${ms(coldServer)})`);
  console.log(`  warm, median of 20        ${ms(median(mockTimes))}   floor ${ms(median(floorTimes))}`);
  console.log(`  warm ratio to the floor   ${warmRatio.toFixed(2)}x   (target <= 2x)`);
  console.log(
    `\none-day act_3, ${CONCURRENCY} in flight (2 per token x 4 tokens), %s body`,
    mb(day.body.length),
  );
  console.log(`  emulator                  ${mockRps.toFixed(0)} req/s   floor ${floorRps.toFixed(0)} req/s`);
  console.log(`  throughput ratio          ${(mockRps / floorRps).toFixed(2)} of the floor`);
  console.log('\nthe 3 largest reports of the catalog (biggest one-day answers), over their longest window');
  for (const report of largest) {
    console.log(
      `  ${report.id.padEnd(12)} ${report.rows.toLocaleString('en-US').padStart(6)} rows ${mb(report.bytes).padStart(8)}` +
        `   cold ${ms(report.cold)} (target < 1000 ms)   warm ${ms(report.warm)} vs floor ${ms(report.floor)}` +
        ` = ${(report.warm / report.floor).toFixed(2)}x (target <= 2x)`,
    );
  }
  console.log('\nmemory across 200 mixed requests (after gc)');
  for (const { after, rss, heap, buffers } of samples) {
    console.log(
      `  after ${String(after).padStart(3)}: rss ${mb(rss)}  heap ${mb(heap)}  buffers ${mb(buffers)}`,
    );
  }
  const mid = samples[2]!;
  const last = samples.at(-1)!;
  console.log(
    `  peak rss ${mb(peakRss)}; from request 100 to 200: heap ${mb(last.heap - mid.heap)}, ` +
      `buffers ${mb(last.buffers - mid.buffers)} (response cache, bounded by cache.bodyBytes)`,
  );
  console.log('\nreference: Prism takes ~21 s and 1.3 GB for 60,000 rows');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
