/**
 * The exports' figures (issue 22), measured side by side in one run against the built dist/: 300,000 cdr_1 rows
 * (a fetched week repeated, each with its own conn_id) exported as CSV, XLSX and Parquet the way run_report exports
 * them (loaded into a query process as an export table, then written there by `export`), and the same table copied
 * by DuckDB's own COPY in a process of its own (XLSX has no COPY without DuckDB's excel extension, which is not
 * installed: its yardstick is COPY to CSV). Each side in a fresh process, in alternating order, medians of 2 pairs:
 *  - throughput: rows per second of the writing alone (the load is timed apart), and its ratio to COPY's time;
 *  - memory: the peak RSS the writing adds to what the loaded table holds (from /proc, Linux only), as a multiple
 *    of the rows' JSON size, and next to what COPY adds;
 *  - the file: its size as a multiple of the rows' JSON size.
 * It writes its summary into docs/testing-and-benchmarks.md between the bench:exports markers.
 *
 * Run: pnpm --filter @wolkvox-mcp/mcp-server bench exports   (also part of a whole `pnpm bench`)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createWolkvoxClient } from '@wolkvox-mcp/client';
import { getReport } from '@wolkvox-mcp/contracts';
import { DEMO_TOKEN, startMockServer } from '@wolkvox-mcp/mock-server';
import { loadTable } from '../dist/query/batches.js';
import { exportTable } from '../dist/query/export-table.js';
import { QUERY_LIMITS } from '../dist/query/limits.js';
import { QueryPool } from '../dist/query/pool.js';

const SELF = fileURLToPath(import.meta.url);
const DOCS = fileURLToPath(new URL('../../../docs/testing-and-benchmarks.md', import.meta.url));
const ROWS = 300_000;
const PAIRS = 2;
const FORMATS = ['csv', 'xlsx', 'parquet'] as const;
type Format = (typeof FORMATS)[number];

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const count = (value: number) => Math.round(value).toLocaleString('en-US');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A process's resident memory now (VmRSS) and at its peak (VmHWM), in bytes; NaN off Linux. */
function memoryOf(pid: number | undefined): { rss: number; peak: number } {
  const file = `/proc/${pid}/status`;
  if (pid === undefined || !existsSync(file)) return { rss: Number.NaN, peak: Number.NaN };
  const status = readFileSync(file, 'utf8');
  const kb = (name: string) =>
    Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

interface Side {
  ms: number;
  /** Peak RSS over what the process held once the table was loaded. */
  added: number;
  bytes: number;
}

/** 300,000 cdr_1 rows: a week fetched from the emulator, repeated, each row with its own conn_id. */
async function benchRows(): Promise<Record<string, unknown>[]> {
  const mock = await startMockServer({ port: 0, host: '127.0.0.1' });
  const client = createWolkvoxClient({ token: DEMO_TOKEN, baseUrl: mock.url, coordination: 'process' });
  const week = await client.reportById('cdr_1', {
    from: '2025-02-03T00:00:00',
    to: '2025-02-09T23:59:59',
  } as never);
  await client.close();
  await mock.close();
  return Array.from({ length: ROWS }, (_, i) => ({
    ...week.rows[i % week.rows.length]!,
    conn_id: `bench.${i}`,
  }));
}

const REPORT = getReport('cdr_1')!;
const KINDS = Object.fromEntries(Object.entries(REPORT.fields).map(([name, spec]) => [name, spec.kind]));
const tableFor = (format: Format) =>
  exportTable(REPORT, Object.keys(REPORT.fields), KINDS, format === 'parquet' ? 'query' : 'answer');

/** Ours: a fresh query process loads the rows as run_report does and writes the file with `export`. */
async function ours(rows: readonly Record<string, unknown>[], format: Format, dir: string): Promise<Side> {
  const pool = new QueryPool(QUERY_LIMITS);
  const signal = new AbortController().signal;
  const lease = await pool.acquire(signal);
  try {
    const table = tableFor(format);
    await loadTable(lease.process, table, rows, signal);
    const loaded = memoryOf(lease.process.pid).rss;
    const path = join(dir, `ours.${format}`);
    const started = performance.now();
    const outcome = await lease.process.export(
      `SELECT * FROM ${table.name}`,
      { format, dir, path, bom: false, timeZone: 'America/Bogota', maxBytes: 8 * 1024 ** 3 },
      signal,
    );
    const ms = performance.now() - started;
    const { peak } = memoryOf(lease.process.pid);
    if (outcome.rows !== rows.length) throw new Error(`exported ${outcome.rows} of ${rows.length} rows`);
    return { ms, added: peak - loaded, bytes: outcome.bytes };
  } finally {
    lease.release('loaded');
    pool.close();
  }
}

/** DuckDB's own COPY of the same table, in a process of its own (this script as `copy-child`). */
function copy(source: string, format: Format, dir: string): Side {
  const target = join(dir, `copy.${format === 'parquet' ? 'parquet' : 'csv'}`);
  const child = spawnSync(process.execPath, ['--import', 'tsx', SELF, 'copy-child', source, format, target], {
    encoding: 'utf8',
  });
  const line = child.stdout.trim().split('\n').at(-1) ?? '';
  if (child.status !== 0 || !line.startsWith('{')) throw new Error(`copy-child failed: ${child.stderr}`);
  rmSync(target, { force: true });
  return JSON.parse(line) as Side;
}

/** The yardstick's process: the table loaded from the Parquet file ours wrote, then COPY TO. */
async function copyChild(source: string, format: Format, target: string): Promise<void> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:', {
    threads: '2',
    memory_limit: QUERY_LIMITS.memoryLimit,
  });
  const connection = await instance.connect();
  await connection.run(`CREATE TABLE t AS SELECT * FROM read_parquet('${source}')`);
  const loaded = memoryOf(process.pid).rss;
  const started = performance.now();
  await connection.run(`COPY t TO '${target}' (FORMAT ${format === 'parquet' ? 'parquet' : 'csv'})`);
  const ms = performance.now() - started;
  const { peak } = memoryOf(process.pid);
  console.log(JSON.stringify({ ms, added: peak - loaded, bytes: statSync(target).size }));
}

interface Figures {
  jsonBytes: number;
  formats: Record<Format, { ours: Side; copy: Side; ratio: number }>;
}

function summary(figures: Figures): string {
  const lines = [
    `Node ${process.version}, ${process.platform}/${process.arch}, ${new Date().toISOString().slice(0, 10)}: ` +
      `${count(ROWS)} cdr_1 rows of 20 columns, ${mb(figures.jsonBytes)} as JSON; medians of ${PAIRS} pairs in alternating order`,
    '',
  ];
  for (const format of FORMATS) {
    const { ours: side, copy: yardstick, ratio } = figures.formats[format];
    const memory = Number.isNaN(side.added)
      ? 'memory n/a (Linux only)'
      : `the writing adds ${mb(side.added)} of memory (${(side.added / figures.jsonBytes).toFixed(2)}x the JSON; ` +
        `COPY adds ${mb(yardstick.added)})`;
    lines.push(
      `- ${format.toUpperCase()}: ${count(side.ms)} ms, ${count((ROWS / side.ms) * 1000)} rows/s, ` +
        `${ratio.toFixed(2)}x DuckDB's COPY${format === 'xlsx' ? ' to CSV' : ''} (${count(yardstick.ms)} ms); ${memory}; ` +
        `file ${mb(side.bytes)} (${(side.bytes / figures.jsonBytes).toFixed(2)}x the JSON)`,
    );
  }
  return lines.join('\n');
}

function writeSummary(text: string): void {
  const doc = readFileSync(DOCS, 'utf8');
  const next = doc.replace(
    /<!-- bench:exports -->[\s\S]*?<!-- \/bench -->/,
    `<!-- bench:exports -->\n${text}\n<!-- /bench -->`,
  );
  if (next !== doc) writeFileSync(DOCS, next);
}

/** The figures, printed and written into the documentation. */
export async function exportsBench(): Promise<void> {
  const rows = await benchRows();
  const jsonBytes = Buffer.byteLength(JSON.stringify(rows));
  const dir = mkdtempSync(join(tmpdir(), 'wolkvox-bench-exports-'));
  try {
    // The yardstick's source: the same export tables, written once by ours as Parquet (typed as DuckDB holds them).
    const sources: Record<'answer' | 'query', string> = { answer: '', query: '' };
    for (const typing of ['answer', 'query'] as const) {
      const pool = new QueryPool(QUERY_LIMITS);
      const signal = new AbortController().signal;
      const lease = await pool.acquire(signal);
      const table = exportTable(REPORT, Object.keys(REPORT.fields), KINDS, typing);
      await loadTable(lease.process, table, rows, signal);
      sources[typing] = join(dir, `${typing}.parquet`);
      await lease.process.export(`SELECT * FROM ${table.name}`, {
        format: 'parquet',
        dir,
        path: sources[typing],
        bom: false,
        timeZone: 'America/Bogota',
        maxBytes: 8 * 1024 ** 3,
      });
      lease.release('loaded');
      pool.close();
    }
    const figures: Figures = { jsonBytes, formats: {} as Figures['formats'] };
    console.log(`\nExports: ${count(ROWS)} cdr_1 rows, ${mb(jsonBytes)} as JSON`);
    for (const format of FORMATS) {
      const source = sources[format === 'parquet' ? 'query' : 'answer'];
      const mine: Side[] = [];
      const theirs: Side[] = [];
      for (let pair = 0; pair < PAIRS; pair += 1) {
        const work = mkdtempSync(join(dir, `${format}-`));
        if (pair % 2 === 0) {
          mine.push(await ours(rows, format, work));
          theirs.push(copy(source, format, work));
        } else {
          theirs.push(copy(source, format, work));
          mine.push(await ours(rows, format, work));
        }
        rmSync(work, { recursive: true, force: true });
      }
      const pick = (sides: Side[]): Side => ({
        ms: median(sides.map((side) => side.ms)),
        added: median(sides.map((side) => side.added)),
        bytes: median(sides.map((side) => side.bytes)),
      });
      const ratio = median(mine.map((side, pair) => side.ms / theirs[pair]!.ms));
      figures.formats[format] = { ours: pick(mine), copy: pick(theirs), ratio };
      const side = figures.formats[format].ours;
      console.log(
        `   ${format}: ${count(side.ms)} ms (${count((ROWS / side.ms) * 1000)} rows/s), ${ratio.toFixed(2)}x COPY; ` +
          `memory added ${mb(side.added)}; file ${mb(side.bytes)}`,
      );
    }
    const text = summary(figures);
    console.log(`\nExports summary\n${text}`);
    writeSummary(text);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === SELF) {
  if (process.argv[2] === 'copy-child') {
    await copyChild(process.argv[3]!, process.argv[4] as Format, process.argv[5]!);
  } else {
    await exportsBench();
  }
}
