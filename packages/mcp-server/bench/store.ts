/**
 * The store of closed days (issue 23), measured side by side in one run against the built dist/: a GROUP BY over a
 * year of cdr_1 on the emulator's default tenant through query_reports, on two servers (a wolkvox client each):
 *  - today's path: no store; the year's rows are in the server's result cache (asked before), and every question
 *    loads them from JSON into a fresh DuckDB;
 *  - the store: the year's closed days are Parquet files that the question reads in place.
 * Their answers are checked equal; interleaved runs, medians, the ratio. Besides: the first question on each (the
 * fetch and the load; the store writes its days after the answer, timed apart), in alternating rounds, and the
 * store's size per million rows against the rows' JSON.
 * It writes its summary into docs/testing-and-benchmarks.md between the bench:store markers.
 *
 * Run: pnpm --filter @wolkvox-mcp/mcp-server bench store   (also part of a whole `pnpm bench`)
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { createWolkvoxClient } from '@wolkvox-mcp/client';
import { DEMO_TOKEN, startMockServer } from '@wolkvox-mcp/mock-server';
import { createWolkvoxMcpServer } from '../dist/server.js';
import { count, mb, median, ms } from './query.js';

const DOCS = fileURLToPath(new URL('../../../docs/testing-and-benchmarks.md', import.meta.url));
const RUNS = 3;
/** Rounds of first questions (each fetches a year from the emulator). */
const FIRST_RUNS = 4;
const YEAR = { report: 'cdr_1', from: '2025-01-01', to: '2025-12-31' };
const SQL =
  'SELECT agent_id, count(*) AS calls, sum(time_seg) AS seconds, round(avg(cost), 4) AS cost ' +
  'FROM cdr_1 GROUP BY agent_id ORDER BY agent_id';

type Answer = { text: string; rows: unknown[]; tables: Record<string, unknown>[] };

async function connect(options: Parameters<typeof createWolkvoxMcpServer>[0]) {
  // A loaded machine may need more than a call's default time for a year's first fetch.
  const mcp = createWolkvoxMcpServer({ callDeadlineMs: 600_000, ...options });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await mcp.server.connect(serverSide);
  const caller = new Client({ name: 'bench-store', version: '1' });
  await caller.connect(clientSide);
  return caller;
}

async function ask(caller: Client): Promise<Answer & { ms: number }> {
  const start = performance.now();
  // A loaded machine may take longer than the SDK's default minute over a year's first fetch.
  const result = await caller.callTool(
    { name: 'query_reports', arguments: { fetches: [YEAR], sql: SQL } },
    { timeout: 600_000 },
  );
  const elapsed = performance.now() - start;
  const text = (result.content as { text: string }[])[0]!.text;
  if (result.isError) throw new Error(text);
  const structured = result.structuredContent as { rows: unknown[]; tables: Record<string, unknown>[] };
  return { text, rows: structured.rows, tables: structured.tables, ms: elapsed };
}

function bytesUnder(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.parquet')) continue;
    bytes += statSync(join(entry.parentPath, entry.name)).size;
    files += 1;
  }
  return { bytes, files };
}

export async function storeBench(): Promise<void> {
  const mock = await startMockServer({ port: 0, host: '127.0.0.1' });
  // A client each: the first question on each fetches the year from the emulator (no cache shared between them).
  const wolkvox = () =>
    createWolkvoxClient({ token: DEMO_TOKEN, baseUrl: mock.url, coordination: 'process' });
  const client = wolkvox();
  const storeClient = wolkvox();
  const root = mkdtempSync(join(tmpdir(), 'wolkvox-bench-store-'));
  try {
    const today = await connect({ client, sourceKind: 'emulator' });
    const stored = await connect({
      client: storeClient,
      sourceKind: 'emulator',
      store: { root, scope: { tenant: 'emulator', token: 'demo' } },
    });
    // The emulator makes a tenant's rows when first asked: warmed by a client of its own, which also measures the
    // rows' JSON, so that neither first question below pays for that.
    const warm = wolkvox();
    const jsonBytes = Buffer.byteLength(
      JSON.stringify(
        (
          await warm.reportById('cdr_1', {
            from: '2025-01-01T00:00:00',
            to: '2025-12-31T23:59:59',
          } as never)
        ).rows,
      ),
    );
    await warm.close();
    // The first question on each: the year fetched from the emulator, then loaded (with a store, its days are
    // written after the answer: the store's resource answers once they are in place). FIRST_RUNS rounds in
    // alternating order; after the first, on fresh servers and clients (a fresh store) each time.
    const firsts = { today: [] as number[], stored: [] as number[], write: [] as number[] };
    const first = async (path: 'today' | 'stored', round: number) => {
      const fresh = round > 0 ? wolkvox() : undefined;
      const freshRoot =
        fresh && path === 'stored' ? mkdtempSync(join(tmpdir(), 'wolkvox-bench-store-')) : undefined;
      const caller = fresh
        ? await connect({
            client: fresh,
            sourceKind: 'emulator',
            ...(freshRoot
              ? { store: { root: freshRoot, scope: { tenant: 'emulator', token: 'demo' } } }
              : {}),
          })
        : path === 'today'
          ? today
          : stored;
      const answer = await ask(caller);
      firsts[path].push(answer.ms);
      if (path === 'stored') {
        const settling = performance.now();
        await caller.readResource({ uri: 'wolkvox://store' }, { timeout: 600_000 });
        firsts.write.push(performance.now() - settling);
      }
      if (fresh) {
        await caller.close();
        await fresh.close();
        if (freshRoot) rmSync(freshRoot, { recursive: true, force: true });
      }
      return answer;
    };
    let firstStored: Answer | undefined;
    let firstToday: Answer | undefined;
    for (let round = 0; round < FIRST_RUNS; round += 1) {
      const order: ('today' | 'stored')[] = round % 2 ? ['today', 'stored'] : ['stored', 'today'];
      for (const path of order) {
        const answer = await first(path, round);
        if (round === 0 && path === 'stored') firstStored = answer;
        if (round === 0 && path === 'today') firstToday = answer;
      }
    }
    const firstTodayMs = median(firsts.today);
    const firstStoredMs = median(firsts.stored);
    const writeMs = median(firsts.write);

    const rows = firstToday!.tables[0]!.rows as number;
    const size = bytesUnder(root);
    const times = { today: [] as number[], stored: [] as number[] };
    let equal = JSON.stringify(firstToday!.rows) === JSON.stringify(firstStored!.rows);
    let storeDays = 0;
    for (let run = 0; run < RUNS; run += 1) {
      // Alternating which goes first, so that neither always runs on a warmer machine.
      const order: ('today' | 'stored')[] = run % 2 ? ['stored', 'today'] : ['today', 'stored'];
      const answers: Partial<Record<'today' | 'stored', Answer>> = {};
      for (const path of order) {
        const answer = await ask(path === 'today' ? today : stored);
        times[path].push(answer.ms);
        answers[path] = answer;
      }
      equal &&= JSON.stringify(answers.today!.rows) === JSON.stringify(answers.stored!.rows);
      storeDays = answers.stored!.tables[0]!.store_days as number;
    }
    const todayMs = median(times.today);
    const storedMs = median(times.stored);
    const ratio = todayMs / storedMs;
    const perMillion = (size.bytes / rows) * 1_000_000;
    const firstRatio = firstStoredMs / firstTodayMs;
    console.log(`\nS. A GROUP BY over a year of cdr_1 (${count(rows)} rows): today's path against the store`);
    console.log(
      `   first question, no store (fetch + load):           ${ms(firstTodayMs)} (median of ${FIRST_RUNS})`,
    );
    console.log(
      `   first question, store (fetch, answer from memory): ${ms(firstStoredMs)} (median of ${FIRST_RUNS}): ${firstRatio.toFixed(2)}x today's path's time`,
    );
    console.log(`   then writing its ${size.files} days, after the answer:   ${ms(writeMs)}`);
    const each = (times: number[]) => times.map((time) => ms(time)).join(', ');
    console.log(`   first questions, each: no store ${each(firsts.today)}; store ${each(firsts.stored)}`);
    console.log(`   asked again, today's path (rows reloaded from JSON): ${ms(todayMs)} (median of ${RUNS})`);
    console.log(
      `   asked again, from the store (${storeDays} days in place):   ${ms(storedMs)} (median of ${RUNS}): ${ratio.toFixed(1)}x faster`,
    );
    console.log(`   answers equal: ${equal ? 'yes' : 'NO'}`);
    console.log(
      `   the store: ${size.files} files, ${mb(size.bytes)} (${mb(perMillion)} per million rows), ` +
        `${(size.bytes / jsonBytes).toFixed(3)}x the rows' JSON (${mb(jsonBytes)})`,
    );
    const text = [
      `Node ${process.version}, ${process.platform}/${process.arch}, ${new Date().toISOString().slice(0, 10)}: a GROUP BY over a year of cdr_1 (${count(rows)} rows, default tenant), medians of ${RUNS} interleaved runs`,
      '',
      `- from the store (${storeDays} closed days read in place, 0 requests): ${ms(storedMs)}; today's path (the year's rows reloaded from JSON into DuckDB): ${ms(todayMs)}; **${ratio.toFixed(1)}x faster** (target >= 10x, under a second); answers ${equal ? 'equal' : 'NOT equal'}`,
      `- first question (medians of ${FIRST_RUNS} alternating rounds, fresh servers and clients): ${ms(firstTodayMs)} without a store, ${ms(firstStoredMs)} with one (answered from what it fetched): ${firstRatio.toFixed(2)}x; its ${size.files} day files written after the answer in ${ms(writeMs)}`,
      `- the store: ${mb(perMillion)} per million rows, ${(size.bytes / jsonBytes).toFixed(3)}x the rows' JSON (${mb(size.bytes)} for ${mb(jsonBytes)})`,
    ].join('\n');
    console.log(`\nStore summary\n${text}`);
    const doc = readFileSync(DOCS, 'utf8');
    const next = doc.replace(
      /<!-- bench:store -->[\s\S]*?<!-- \/bench -->/,
      `<!-- bench:store -->\n${text}\n<!-- /bench -->`,
    );
    if (next !== doc) writeFileSync(DOCS, next);
    await today.close();
    await stored.close();
  } finally {
    await client.close();
    await storeClient.close();
    await mock.close();
    rmSync(root, { recursive: true, force: true });
  }
}
