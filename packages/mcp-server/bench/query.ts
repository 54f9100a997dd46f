/**
 * The query tool's figures (issue 12), each measured side by side in one run against the built dist/:
 *  1. a ~60,000-row report: a query_reports call (fetch, load into DuckDB, typed query) over the same fetch made
 *     directly with the client, interleaved runs, medians: the ratio (target <= 1.3);
 *  2. a one-year agent_1 x agent_13 join (calls and AHT per agent next to transfers): exact totals checked against
 *     a plain computation over the raw rows, and the answer's text size (target < 25,000 characters);
 *  3. peak memory of loading 300,000 rows, in a process of its own: the peak RSS added by the load as a multiple
 *     of the rows' JSON size (Linux /proc; elsewhere n/a);
 *  4. the query process (issue 25): Q1's statement over the same rows in this process (the same engine code, the
 *     path before query processes) and through a query process, as ratios; a process start; 300,000 rows of every
 *     column in one query process under the default memory cap, with its peaks.
 * It writes its summary into docs/testing-and-benchmarks.md between the bench:query markers.
 *
 * Run: pnpm --filter @wolkvox-mcp/mcp-server bench query   (also part of a whole `pnpm bench`)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { createWolkvoxClient } from '@wolkvox-mcp/client';
import { getReport, readWireNumber } from '@wolkvox-mcp/contracts';
import { DEMO_TOKEN, startMockServer } from '@wolkvox-mcp/mock-server';
import { loadTable } from '../dist/query/batches.js';
import type { ReferencedNames } from '../dist/query/columns.js';
import { QuerySession } from '../dist/query/engine.js';
import { QUERY_LIMITS, resultBudget } from '../dist/query/limits.js';
import { QueryPool } from '../dist/query/pool.js';
import { reportTable } from '../dist/query/table.js';
import { createWolkvoxMcpServer } from '../dist/server.js';

const SELF = fileURLToPath(import.meta.url);
const DOCS = fileURLToPath(new URL('../../../docs/testing-and-benchmarks.md', import.meta.url));
const RUNS = 6;

export const ms = (value: number) => `${value.toFixed(0)} ms`;
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
export const count = (value: number) => value.toLocaleString('en-US');

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function inMemoryMcp(client: ReturnType<typeof createWolkvoxClient>) {
  const mcp = createWolkvoxMcpServer({ client, sourceKind: 'emulator' });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await mcp.server.connect(serverSide);
  const caller = new Client({ name: 'bench-query', version: '1' });
  await caller.connect(clientSide);
  return { mcp, caller };
}

type Structured = { rows: Record<string, unknown>[]; totals: { rows: number; shown: number } };

async function callQuery(caller: Client, fetches: Record<string, unknown>[], sql: string) {
  const result = await caller.callTool({ name: 'query_reports', arguments: { fetches, sql } });
  const text = (result.content as { text: string }[])[0]!.text;
  if (result.isError) throw new Error(text);
  return { text, structured: result.structuredContent as Structured };
}

interface Figures {
  ratio?: number;
  rows?: number;
  join?: { agents: number; exact: boolean; textChars: number; transfers: number };
  memory?: { multiple: number; peakAdded: number; json: number; rows: number } | 'n/a';
  process?: {
    inProcessMs: number;
    warmMs: number;
    coldMs: number;
    startMs: number;
    warmRatio: number;
    coldRatio: number;
    heavy: { rows: number; ms: number; peakRss?: number; peakVm?: number; cap: string };
  };
}

/** Q1's statement over act_3. */
const SIXTY_SQL =
  'SELECT agent_name, count(*) AS interactions, avg(time_s) AS avg_time_s, max(date) AS last_at ' +
  'FROM act_3 GROUP BY agent_name ORDER BY interactions DESC LIMIT 20';

/** 1. query_reports over one ~60,000-row fetch, against the fetch alone; returns the rows. */
async function sixtyThousand(figures: Figures): Promise<readonly Record<string, unknown>[]> {
  const mock = await startMockServer({ port: 0, host: '127.0.0.1', volume: 50_000 });
  const client = createWolkvoxClient({ token: DEMO_TOKEN, baseUrl: mock.url, coordination: 'process' });
  const { mcp, caller } = await inMemoryMcp(client);
  const window = { from: '2025-02-03T00:00:00', to: '2025-02-04T17:00:00' };
  const sql = SIXTY_SQL;
  // The emulator builds a day's records once; the first fetch pays for that, so it is left out.
  const warm = await client.reportById('act_3', window as never);
  const direct: number[] = [];
  const viaQuery: number[] = [];
  const fetchAlone = async () => {
    const start = performance.now();
    await client.reportById('act_3', window as never);
    direct.push(performance.now() - start);
  };
  const viaTool = async () => {
    // Every query call fetches afresh: the server's result cache is emptied first.
    mcp.service.cache.clear();
    const start = performance.now();
    await callQuery(caller, [{ report: 'act_3', ...window }], sql);
    viaQuery.push(performance.now() - start);
  };
  // Pairs in alternating order (ABBA...), each pair side by side: a machine whose load drifts during the run
  // weighs on both sides alike; the ratio is the median of the pairs' ratios.
  for (let run = 0; run < RUNS; run += 1) {
    if (run % 2 === 0) {
      await fetchAlone();
      await viaTool();
    } else {
      await viaTool();
      await fetchAlone();
    }
  }
  // For context, on the same rows: the load of the columns the statement reads (what the tool loads), of every
  // column, and the query alone.
  const table = reportTable(getReport('act_3')!);
  const timeLoad = async (columns: typeof table.columns) => {
    const session = await QuerySession.open(QUERY_LIMITS);
    const started = performance.now();
    await loadTable(session, { ...table, columns }, warm.rows);
    const loadMs = performance.now() - started;
    return { session, loadMs };
  };
  const probe = await QuerySession.open(QUERY_LIMITS);
  const names = await probe.checkStatement(sql);
  probe.close();
  const read = names === 'all' ? table.columns : table.columns.filter((c) => names.has(c.name.toLowerCase()));
  const full = await timeLoad(table.columns);
  full.session.close();
  const used = await timeLoad(read);
  const start = performance.now();
  await used.session.run(sql, resultBudget(QUERY_LIMITS));
  const queryMs = performance.now() - start;
  used.session.close();

  figures.rows = warm.rows.length;
  figures.ratio = median(viaQuery.map((ms, run) => ms / direct[run]!));
  console.log(
    `\nQ1. query_reports over ${count(warm.rows.length)} rows of act_3 (${RUNS} pairs in alternating order, medians)`,
  );
  console.log(`   fetch alone (client.report):             ${ms(median(direct))}`);
  console.log(
    `   query_reports (fetch + load + query):   ${ms(median(viaQuery))}  (median ratio of the pairs ${figures.ratio.toFixed(2)}x)`,
  );
  console.log(
    `   measured apart: load of the ${read.length} columns the query reads ${ms(used.loadMs)} ` +
      `(of all ${table.columns.length}: ${ms(full.loadMs)}), the typed GROUP BY ${ms(queryMs)}`,
  );

  await caller.close();
  await client.close();
  await mock.close();
  return warm.rows as Record<string, unknown>[];
}

/** 2. A year of agent_1 joined with agent_13, checked against a plain computation over the raw rows. */
async function yearJoin(figures: Figures): Promise<void> {
  const mock = await startMockServer({ port: 0, host: '127.0.0.1' });
  const client = createWolkvoxClient({ token: DEMO_TOKEN, baseUrl: mock.url, coordination: 'process' });
  const { caller } = await inMemoryMcp(client);
  const year = { from: '2025-01-01', to: '2025-12-31' };
  const sql =
    'SELECT a.agent_id, any_value(a.agent_name) AS agent_name, sum(a.calls) AS calls, ' +
    'round(sum(a.aht_s * a.calls) / nullif(sum(a.calls), 0)) AS aht_s, coalesce(any_value(t.transfers), 0) AS transfers ' +
    'FROM agent_1 a LEFT JOIN (SELECT agent_id, count(*) AS transfers FROM agent_13 GROUP BY agent_id) t USING (agent_id) ' +
    'GROUP BY a.agent_id ORDER BY transfers DESC, a.agent_id';
  const start = performance.now();
  const { text, structured } = await callQuery(
    caller,
    [
      { report: 'agent_1', ...year },
      { report: 'agent_13', ...year },
    ],
    sql,
  );
  const queryMs = performance.now() - start;

  // The plain computation: the same year through the client, summed and counted in JS.
  const wire = { from: `${year.from}T00:00:00`, to: `${year.to}T23:59:59` };
  const agents = (await client.reportById('agent_1', wire as never)).rows as Record<string, unknown>[];
  const transfers = (await client.reportById('agent_13', wire as never)).rows as Record<string, unknown>[];
  const plain = new Map<string, { calls: number; weighted: number; transfers: number }>();
  for (const row of agents) {
    const id = String(row.agent_id);
    const entry = plain.get(id) ?? { calls: 0, weighted: 0, transfers: 0 };
    const calls = readWireNumber(row.calls, 'count') ?? 0;
    entry.calls += calls;
    entry.weighted += (readWireNumber(row.aht, 'duration') ?? 0) * calls;
    plain.set(id, entry);
  }
  for (const row of transfers) {
    const entry = plain.get(String(row.agent_id));
    if (entry) entry.transfers += 1;
  }
  const shownAll = structured.totals.shown === structured.totals.rows;
  const exact =
    structured.totals.rows === plain.size &&
    structured.rows.every((row) => {
      const entry = plain.get(String(row.agent_id));
      const aht = entry?.calls ? Math.round(entry.weighted / entry.calls) : null;
      return (
        entry !== undefined &&
        row.calls === entry.calls &&
        row.transfers === entry.transfers &&
        row.aht_s === aht
      );
    });
  figures.join = {
    agents: structured.totals.rows,
    exact: exact && shownAll,
    textChars: text.length,
    transfers: transfers.length,
  };
  console.log(
    `\nQ2. A year (${year.from} to ${year.to}) of agent_1 x agent_13: calls and AHT per agent next to transfers`,
  );
  console.log(
    `   ${count(agents.length)} agent_1 rows, ${count(transfers.length)} transfers -> ${count(structured.totals.rows)} agents ` +
      `(${count(structured.totals.shown)} shown) in ${ms(queryMs)}`,
  );
  console.log(
    `   checked against the raw rows: ${figures.join.exact ? 'exact (every agent, calls, AHT and transfers)' : 'MISMATCH'}; ` +
      `answer text ${count(text.length)} characters (target < 25,000)`,
  );

  await caller.close();
  await client.close();
  await mock.close();
}

/** A process's peak resident set (VmHWM) in bytes; undefined off Linux. */
function peakRss(): number | undefined {
  const status = existsSync('/proc/self/status') ? readFileSync('/proc/self/status', 'utf8') : '';
  const kb = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
  return kb === undefined ? undefined : Number(kb) * 1024;
}

/**
 * 3., in a process of its own (so nothing else shares its peak): 300,000 act_3 rows (a fetched day repeated with
 * fresh ids), then the load and a GROUP BY. Prints one JSON line.
 */
async function memoryChild(): Promise<void> {
  const mock = await startMockServer({ port: 0, host: '127.0.0.1', volume: 50_000 });
  const client = createWolkvoxClient({ token: DEMO_TOKEN, baseUrl: mock.url, coordination: 'process' });
  const day = (
    await client.reportById('act_3', { from: '2025-02-03T00:00:00', to: '2025-02-03T23:59:59' } as never)
  ).rows as Record<string, unknown>[];
  await client.close();
  await mock.close();
  const target = 300_000;
  const rows = Array.from({ length: target }, (_, i) => ({ ...day[i % day.length]!, conn_id: `bench.${i}` }));
  const json = JSON.stringify(rows).length;
  globalThis.gc?.();
  const before = process.memoryUsage().rss;
  const session = await QuerySession.open(QUERY_LIMITS);
  const start = performance.now();
  await loadTable(session, reportTable(getReport('act_3')!), rows);
  const loadMs = performance.now() - start;
  await session.run(
    'SELECT agent_name, count(*) AS n, avg(time_s) AS t FROM act_3 GROUP BY agent_name',
    resultBudget(QUERY_LIMITS),
  );
  session.close();
  const peak = peakRss();
  console.log(JSON.stringify({ rows: rows.length, json, before, peak: peak ?? null, loadMs }));
}

function memory(figures: Figures): void {
  const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', SELF, 'memory-child'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = child.stdout.trim().split('\n').at(-1) ?? '';
  const result = JSON.parse(line) as {
    rows: number;
    json: number;
    before: number;
    peak: number | null;
    loadMs: number;
  };
  console.log(
    `\nQ3. Loading ${count(result.rows)} rows of act_3, every column (${mb(result.json)} of JSON), in a process of its own`,
  );
  if (result.peak === null) {
    figures.memory = 'n/a';
    console.log('   peak RSS: n/a (no /proc on this platform)');
    return;
  }
  // The peak can only be at or above the resident set the rows already took before the load began.
  const added = Math.max(0, result.peak - result.before);
  figures.memory = { multiple: added / result.json, peakAdded: added, json: result.json, rows: result.rows };
  console.log(
    `   RSS before the load ${mb(result.before)}, peak ${mb(result.peak)}: the load added ${mb(added)} at its peak, ` +
      `${figures.memory.multiple.toFixed(2)}x the rows' JSON (load ${ms(result.loadMs)})`,
  );
}

/** VmHWM and VmPeak of a process (its peak resident set and address space), in bytes; undefined off Linux. */
function processPeaks(pid: number | undefined): { rss?: number; vm?: number } {
  const file = `/proc/${pid}/status`;
  if (pid === undefined || !existsSync(file)) return {};
  const status = readFileSync(file, 'utf8');
  const kb = (name: string) =>
    Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) * 1024;
  return { rss: kb('VmHWM'), vm: kb('VmPeak') };
}

/**
 * 4. The query process: Q1's statement over the same rows (check, load of the columns it reads, run), in this
 * process over the same engine code (the path before query processes) and through a query process, in pairs in
 * alternating order: warm (the process the last query used, kept with a fresh database, as between an assistant's
 * questions) and cold (the first query of a server, which starts its process). Then a process start alone, and
 * 300,000 rows of every column loaded into one query process under the default cap.
 */
async function processCost(figures: Figures, rows: readonly Record<string, unknown>[]): Promise<void> {
  const table = reportTable(getReport('act_3')!);
  const budget = resultBudget(QUERY_LIMITS);
  const signal = new AbortController().signal;
  const reads = (names: ReferencedNames) =>
    names === 'all'
      ? table
      : { ...table, columns: table.columns.filter((c) => names.has(c.name.toLowerCase())) };

  const inProcess = async () => {
    const started = performance.now();
    const session = await QuerySession.open(QUERY_LIMITS);
    const names = await session.checkStatement(SIXTY_SQL);
    await loadTable(session, reads(names), rows);
    await session.run(SIXTY_SQL, budget);
    session.close();
    return performance.now() - started;
  };
  const throughProcess = async (pool: QueryPool) => {
    const started = performance.now();
    const checking = await pool.acquire(signal);
    const names = await checking.process.checkStatement(SIXTY_SQL);
    checking.release('parsed');
    const lease = await pool.acquire(signal);
    await loadTable(lease.process, reads(names), rows);
    await lease.process.run(SIXTY_SQL, budget);
    lease.release('loaded');
    return performance.now() - started;
  };
  const firstQuery = async () => {
    const pool = new QueryPool(QUERY_LIMITS);
    const spent = await throughProcess(pool);
    pool.close();
    return spent;
  };
  const warmPool = new QueryPool(QUERY_LIMITS);
  // Both paths once before measuring: DuckDB's binary, the JIT, the kept process.
  await inProcess();
  await throughProcess(warmPool);
  const inside: number[] = [];
  const warm: number[] = [];
  const cold: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const pair =
      run % 2 === 0
        ? [inProcess, () => throughProcess(warmPool)]
        : [() => throughProcess(warmPool), inProcess];
    const [first, second] = [await pair[0]!(), await pair[1]!()];
    inside.push(run % 2 === 0 ? first : second);
    warm.push(run % 2 === 0 ? second : first);
    cold.push(await firstQuery());
  }
  warmPool.close();
  const starts: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const pool = new QueryPool(QUERY_LIMITS);
    const started = performance.now();
    const lease = await pool.acquire(signal);
    starts.push(performance.now() - started);
    lease.release('parsed');
    pool.close();
    await lease.process.exited;
  }

  // Every column of 300,000 rows (Q3's load) in one query process, under the default cap.
  const heavyRows = Array.from({ length: 300_000 }, (_, i) => ({
    ...rows[i % rows.length]!,
    conn_id: `bench.${i}`,
  }));
  const heavyPool = new QueryPool(QUERY_LIMITS);
  const started = performance.now();
  const lease = await heavyPool.acquire(signal);
  await loadTable(lease.process, table, heavyRows);
  await lease.process.run(
    'SELECT agent_name, count(*) AS n, avg(time_s) AS t FROM act_3 GROUP BY agent_name',
    budget,
  );
  const heavyMs = performance.now() - started;
  const peaks = processPeaks(lease.process.pid);
  lease.release('loaded');
  heavyPool.close();

  const warmRatio = median(warm.map((value, run) => value / inside[run]!));
  const coldRatio = median(cold.map((value, run) => value / inside[run]!));
  const cap = `${count(QUERY_LIMITS.processMemoryMb)} MB`;
  figures.process = {
    inProcessMs: median(inside),
    warmMs: median(warm),
    coldMs: median(cold),
    startMs: median(starts),
    warmRatio,
    coldRatio,
    heavy: { rows: heavyRows.length, ms: heavyMs, peakRss: peaks.rss, peakVm: peaks.vm, cap },
  };
  console.log(
    `\nQ4. Q1's statement over the same ${count(rows.length)} rows, in this process vs a query process (${RUNS} pairs, medians)`,
  );
  console.log(`   in process (same engine code):               ${ms(median(inside))}`);
  console.log(
    `   query process, kept from the last query:    ${ms(median(warm))}  (median ratio ${warmRatio.toFixed(2)}x)`,
  );
  console.log(
    `   query process, a server's first query:      ${ms(median(cold))}  (median ratio ${coldRatio.toFixed(2)}x)`,
  );
  console.log(`   a query process's start (spawn to ready):   ${ms(median(starts))}`);
  console.log(
    `   300,000 rows, every column, in one query process under its ${cap} cap: ${ms(heavyMs)}` +
      (peaks.rss ? `, its peak RSS ${mb(peaks.rss)}, peak address space ${mb(peaks.vm ?? 0)}` : ''),
  );
}

function summary(figures: Figures): string {
  const memoryLine =
    figures.memory === undefined || figures.memory === 'n/a'
      ? '- 300,000-row load, peak memory: n/a (Linux only)'
      : `- 300,000-row load (every column): peak RSS added ${mb(figures.memory.peakAdded)}, ${figures.memory.multiple.toFixed(2)}x the rows' JSON (${mb(figures.memory.json)})`;
  return [
    `Node ${process.version}, ${process.platform}/${process.arch}, ${new Date().toISOString().slice(0, 10)}:`,
    '',
    `- ${count(figures.rows ?? 0)}-row report: query_reports (fetch + load + typed query) ${figures.ratio?.toFixed(2) ?? '?'}x the fetch alone (target <= 1.3x)`,
    figures.join
      ? `- one year of agent_1 x agent_13 (${count(figures.join.transfers)} transfers, ${count(figures.join.agents)} agents): ${figures.join.exact ? 'exact against the raw rows' : 'NOT exact'}, answer text ${count(figures.join.textChars)} characters (target < 25,000)`
      : '- one year of agent_1 x agent_13: not measured',
    memoryLine,
    figures.process
      ? `- the same query through a query process: ${figures.process.warmRatio.toFixed(2)}x in process with the process ` +
        `kept from the last query (${ms(figures.process.warmMs)} vs ${ms(figures.process.inProcessMs)}), ` +
        `${figures.process.coldRatio.toFixed(2)}x for a server's first query; a process start ` +
        `${ms(figures.process.startMs)}; 300,000 rows of every column ` +
        `loaded and grouped in one query process under its ${figures.process.heavy.cap} cap` +
        (figures.process.heavy.peakRss
          ? ` (peak RSS ${mb(figures.process.heavy.peakRss)}, address space ${mb(figures.process.heavy.peakVm ?? 0)})`
          : '')
      : '- the query process: not measured',
  ].join('\n');
}

function writeSummary(text: string): void {
  const doc = readFileSync(DOCS, 'utf8');
  const next = doc.replace(
    /<!-- bench:query -->[\s\S]*?<!-- \/bench -->/,
    `<!-- bench:query -->\n${text}\n<!-- /bench -->`,
  );
  if (next !== doc) writeFileSync(DOCS, next);
}

/** The four figures, printed and written into the documentation. */
export async function queryBench(): Promise<void> {
  const figures: Figures = {};
  const rows = await sixtyThousand(figures);
  await yearJoin(figures);
  memory(figures);
  await processCost(figures, rows);
  const text = summary(figures);
  console.log(`\nQuery summary\n${text}`);
  writeSummary(text);
}

if (process.argv[1] === SELF) {
  if (process.argv[2] === 'memory-child') await memoryChild();
  else await queryBench();
}
