/**
 * `wolkvox-mcp sync`: fills the store of closed days ahead of questions, and optionally mirrors it as plain files
 * for other tools. The same machinery as query_reports (tools/query-reports/stored-days.ts): the days already
 * stored are skipped, a run of missing days is fetched as the platform's windows and written whole, so a sync
 * killed at any moment (kill -9) loses at most the runs in flight and the next one resumes where it stopped.
 * Reports grouped over their window (agent_1) are fetched one day at a time. It prints one JSON line per fetch
 * (progress) and one summary line, on stdout.
 *
 *   wolkvox-mcp sync --reports cdr_1,agent_1 --from 2025-01-01 --to yesterday [--max-quota 30%]
 *                    [--out DIR --format parquet|csv]   plus the server's own flags (token, --data-dir, ...)
 */
import { copyFile, mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type AnyReport,
  callerRequestSchema,
  DAY_MS,
  getReport,
  type WallWindow,
} from '@wolkvox-mcp/contracts';
import { z } from 'zod';
import { openBackend } from '../backend/connect.js';
import type { ServerConfig } from '../config.js';
import type { Logger } from '../logging/logger.js';
import { QUERY_LIMITS } from '../query/limits.js';
import { QueryPool } from '../query/pool.js';
import { ResultCache } from '../results/cache.js';
import { DayStore, type DayStoreOptions } from '../store/day-store.js';
import { dayColumn } from '../store/days.js';
import { paramsHash } from '../store/layout.js';
import { callContext } from '../tools/common/report-call.js';
import type { FetchedReport, RunnerDeps } from '../tools/common/run.js';
import type { ToolContext } from '../tools/common/types.js';
import type { QueryFetch } from '../tools/query-reports/fetch.js';
import { fetchPlans, planFetches, readableFiles, storeRuns } from '../tools/query-reports/stored-days.js';

/** The sync's own flags, read before the server's (which read the rest). */
export const SYNC_FLAGS = ['reports', 'from', 'to', 'max-quota', 'out', 'format'] as const;

const SYNC_ARGS = z.object({
  reports: z
    .string({ error: 'is required: report ids, comma-separated (cdr_1,agent_1)' })
    .transform((text, ctx) => {
      const ids = text
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean);
      const reports: AnyReport[] = [];
      for (const id of ids) {
        const report = getReport(id);
        if (!report?.window) {
          ctx.addIssue({
            code: 'custom',
            message: `${id} is not a historical report (list_reports has the ids)`,
          });
        } else reports.push(report);
      }
      if (reports.length === 0) ctx.addIssue({ code: 'custom', message: 'names no report' });
      return reports;
    }),
  from: z.string({ error: 'is required: the first day (2025-01-01, or a relative day)' }),
  to: z.string().default('yesterday'),
  'max-quota': z
    .string()
    .regex(/^(100|[1-9]?\d)%$/, { error: 'must be a share of the daily quota, 1% to 100%' })
    .transform((text) => Number(text.slice(0, -1)) / 100)
    .optional(),
  out: z.string().optional(),
  format: z.enum(['parquet', 'csv'], { error: 'must be parquet or csv' }).default('parquet'),
});

export type SyncArgs = z.output<typeof SYNC_ARGS>;

/** The sync's flags out of `argv`, and what is left for the server's configuration. */
export function splitSyncArgs(argv: readonly string[]): { sync: Record<string, string>; rest: string[] } {
  const sync: Record<string, string> = {};
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') ? arg.slice(2).split(/=(.*)/s, 2) : [undefined, undefined];
    if (flag && (SYNC_FLAGS as readonly string[]).includes(flag)) {
      if (inline === undefined) i += 1;
      sync[flag] = inline ?? argv[i] ?? '';
    } else rest.push(arg);
  }
  return { sync, rest };
}

/** Problems with the sync's flags, each naming the flag and the rule. */
export function readSyncArgs(values: Record<string, string>): SyncArgs | string[] {
  const parsed = SYNC_ARGS.safeParse(values);
  if (parsed.success) return parsed.data;
  return parsed.error.issues.map((issue) => `--${String(issue.path[0] ?? 'reports')} ${issue.message}`);
}

export interface SyncSummary {
  days: number;
  stored: number;
  rows: number;
  requests: number;
  bytes: number;
  /** Why it stopped before the end (the quota share), when it did. */
  stopped?: string;
}

/** One JSON line on `write`. */
const line = (write: (text: string) => void, value: Record<string, unknown>) =>
  write(`${JSON.stringify(value)}\n`);

/** The day windows of a window: every whole day it holds, one window each. */
function dayWindows(window: WallWindow): WallWindow[] {
  const days: WallWindow[] = [];
  for (let start = window.start; start + DAY_MS - 1000 <= window.end; start += DAY_MS) {
    days.push({ start, end: start + DAY_MS - 1000 });
  }
  return days;
}

export async function runSync(
  args: SyncArgs,
  config: ServerConfig,
  store: DayStoreOptions,
  logger: Logger,
  write: (text: string) => void,
): Promise<SyncSummary> {
  const backend = await openBackend(config.wolkvox, config.timeZone, logger);
  const pool = new QueryPool(QUERY_LIMITS);
  const days = new DayStore(store);
  const deps: RunnerDeps = {
    source: backend.source,
    sourceKind: backend.kind,
    cache: new ResultCache<FetchedReport>({ maxBytes: 64 * 1024 * 1024 }),
    logger,
    callDeadlineMs: 3_600_000,
    store: days,
  };
  const summary: SyncSummary = { days: 0, stored: 0, rows: 0, requests: 0, bytes: 0 };
  const signal = new AbortController().signal;
  const context: ToolContext = { signal };
  const partitions = new Map<string, string>();
  try {
    const requestContext = { ...callContext(deps), maxDays: Number.POSITIVE_INFINITY };
    work: for (const report of args.reports) {
      const request = callerRequestSchema(report, requestContext).parse({ from: args.from, to: args.to });
      partitions.set(report.id, paramsHash(request.params));
      // A grouped report's day is its one-day window; other reports are cut into days from one window.
      const windows = dayColumn(report) ? [request.window!] : dayWindows(request.window!);
      const fetches: QueryFetch[] = windows.map((window) => ({
        report,
        request: { window, params: request.params },
        table: report.id,
      }));
      for (const plan of await planFetches(deps, days, fetches)) {
        // Only closed days: a partial day or today is no part of a sync.
        plan.memory = [];
        summary.days += plan.stored.length + plan.runs.reduce((sum, run) => sum + run.days.length, 0);
        if (plan.runs.length === 0) continue;
        const [fetched] = await fetchPlans(deps, [plan], context);
        const lease = await pool.acquire(signal);
        try {
          const readable = readableFiles(days, [plan]);
          if (readable) await lease.process.reset(signal, undefined, readable);
          const before = plan.stored.length;
          const left = await storeRuns(deps, days, lease.process, fetched!, signal);
          const requests = fetched!.runs.reduce(
            (sum, run) => sum + (run.fromCache ? 0 : run.value.requests),
            0,
          );
          const added = plan.stored.slice(before);
          summary.stored += added.length;
          summary.rows += added.reduce((sum, day) => sum + day.record.rows, 0);
          summary.bytes += added.reduce((sum, day) => sum + day.record.bytes, 0);
          summary.requests += requests;
          line(write, {
            report: report.id,
            from: plan.runs[0]!.days[0],
            to: plan.runs.at(-1)!.days.at(-1),
            stored: added.length,
            rows: added.reduce((sum, day) => sum + day.record.rows, 0),
            requests,
            ...(left.length ? { not_stored: plan.warnings } : {}),
          });
          const quota = fetched!.runs.at(-1)?.value.quota;
          if (
            args['max-quota'] !== undefined &&
            quota?.limit &&
            quota.used >= quota.limit * args['max-quota']
          ) {
            summary.stopped = `the token used ${quota.used} of its ${quota.limit} calls today, past the ${Math.round(args['max-quota'] * 100)}% this sync may use; run it again tomorrow to go on`;
            break work;
          }
        } finally {
          lease.release('loaded');
        }
      }
    }
    await days.evict();
    if (args.out) await mirror(days, args, partitions, write);
  } finally {
    pool.close();
    await backend.close();
  }
  line(write, { summary });
  return summary;
}

/**
 * The stored days of the synced reports as plain files: `<out>/<report>/<report>_<day>.parquet` (or `.csv`), stable
 * names, each written aside and renamed, so a loader pointed at the folder never reads half a file.
 */
async function mirror(
  store: DayStore,
  args: SyncArgs,
  partitions: ReadonlyMap<string, string>,
  write: (text: string) => void,
): Promise<void> {
  const out = args.out!;
  const csv = args.format === 'csv' ? await csvWriter() : undefined;
  let files = 0;
  try {
    for (const report of args.reports) {
      const dir = join(out, report.id);
      await mkdir(dir, { recursive: true });
      const params = partitions.get(report.id) ?? 'none';
      const { found } = await store.lookup(report.id, params, await store.days(report.id, params));
      for (const stored of found) {
        const target = join(dir, `${report.id}_${stored.day}.${args.format}`);
        const work = `${target}.partial`;
        if (csv) await csv(stored.file, work);
        else await copyFile(stored.file, work);
        await rename(work, target);
        files += 1;
      }
    }
  } finally {
    await csv?.close();
  }
  line(write, { mirror: out, format: args.format, files });
}

/** DuckDB in this process (a command, not the server) writes a day file as CSV. */
async function csvWriter() {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;
  const write = async (from: string, to: string) => {
    await connection.run(
      `COPY (SELECT * FROM read_parquet(${literal(from)}, hive_partitioning = false)) TO ${literal(to)} (FORMAT csv, HEADER)`,
    );
  };
  write.close = async () => {
    connection.closeSync();
    instance.closeSync();
  };
  return write;
}
