/**
 * `wolkvox-mcp sync` as a process the test watches: the built bin (or a shell around it, for a limit), its stdout
 * read line by line as it comes, so a test acts on what the sync said (a day stored) rather than on time; and a
 * store read back as one digest per day file, to compare stores row for row.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { BIN, childEnv } from './helpers.js';

export interface SyncLine {
  report?: string;
  from?: string;
  to?: string;
  stored?: number;
  rows?: number;
  requests?: number;
  not_stored?: string[];
  summary?: Record<string, any>;
  [key: string]: unknown;
}

export interface SyncRun {
  child: ChildProcess;
  lines: SyncLine[];
  /** Resolves with the first line `match` accepts (one already read included); rejects if the sync ends first. */
  line(match: (line: SyncLine) => boolean): Promise<SyncLine>;
  /** Its exit: status (null when killed), the signal, everything written to stderr. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  summary(): Record<string, any> | undefined;
}

/**
 * Starts `wolkvox-mcp sync <args>` with `env` (over the test's own state directory); `shell`, when given, is a
 * `sh -c` script run first that ends by exec-ing the bin ("$@"), e.g. `ulimit -f 64; exec "$@"`.
 */
export function startSync(args: string[], env: Record<string, string>, shell?: string): SyncRun {
  const command = [process.execPath, BIN, 'sync', '--log-level', 'warn', ...args];
  const child = shell
    ? spawn('sh', ['-c', shell, 'sh', ...command], { env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(command[0]!, command.slice(1), { env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: SyncLine[] = [];
  const waiting: { match: (line: SyncLine) => boolean; resolve: (line: SyncLine) => void }[] = [];
  let pending = '';
  let stderr = '';
  child.stderr!.on('data', (chunk) => {
    stderr += String(chunk);
  });
  child.stdout!.on('data', (chunk) => {
    pending += String(chunk);
    const parts = pending.split('\n');
    pending = parts.pop()!;
    for (const text of parts) {
      if (!text.trim()) continue;
      const line = JSON.parse(text) as SyncLine;
      lines.push(line);
      for (const wait of [...waiting]) {
        if (!wait.match(line)) continue;
        waiting.splice(waiting.indexOf(wait), 1);
        wait.resolve(line);
      }
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>(
    (resolve) => child.on('close', (code, signal) => resolve({ code, signal, stderr })),
  );
  return {
    child,
    lines,
    exited,
    line(match) {
      const seen = lines.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        waiting.push({ match, resolve });
        void exited.then(({ code, signal, stderr: err }) =>
          reject(new Error(`the sync ended (${code ?? signal}) before the line awaited: ${err}`)),
        );
      });
    },
    summary: () => lines.find((line) => line.summary)?.summary,
  };
}

/** Runs a sync to its end: its lines, summary, exit status and stderr. */
export async function syncToEnd(args: string[], env: Record<string, string>, shell?: string) {
  const run = startSync(args, env, shell);
  const exit = await run.exited;
  return { ...exit, lines: run.lines, summary: run.summary() };
}

/** Every file under `dir`, relative, sorted. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

/**
 * The store's day files under `root`, by `report/day`: each day's rows as one digest (count and md5 of the rows as
 * text, in order), read by DuckDB; only days with their record (stored days).
 */
export async function storeDigests(root: string): Promise<Record<string, string>> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const digests: Record<string, string> = {};
  try {
    for (const file of filesUnder(root)) {
      const day = /report=([^/]+)\/params=[^/]+\/day=(\d{4}-\d{2}-\d{2})\.json$/.exec(file);
      if (!day) continue;
      // The record names the day's file (named by its content).
      const record = JSON.parse(readFileSync(join(root, file), 'utf8')) as { file: string };
      const parquet = join(root, dirname(file), record.file);
      const reader = await connection.runAndReadAll(
        `SELECT count(*)::VARCHAR || ' ' || md5(coalesce(string_agg(t::VARCHAR, '\n' ORDER BY t::VARCHAR), '')) FROM read_parquet('${parquet.replaceAll("'", "''")}', hive_partitioning = false) AS t`,
      );
      digests[`${day[1]}/${day[2]}`] = String(reader.getRows()[0]![0]);
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return digests;
}
