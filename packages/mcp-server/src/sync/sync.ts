/**
 * `wolkvox-mcp sync`: fills the store of closed days ahead of questions, and optionally mirrors it as plain files
 * for other tools. The same machinery as query_reports (tools/query-reports/stored-days.ts): the days already
 * stored are skipped, and the missing ones are fetched in pieces of at most the report's longest window (31 days:
 * as few requests as one long fetch), each written whole as soon as it arrives, so a sync killed at any moment
 * (kill -9) loses at most its pieces in flight and the next one resumes where it stopped. Reports grouped over
 * their window (agent_1) are fetched one day at a time. Pieces run as many at once as wolkvox answers a token's
 * requests at once; a lease per piece (lease.ts) lets syncs run at once on one data directory fetch each piece once
 * between them. Progress goes to stdout: a bar on a terminal, one JSON line per piece otherwise (progress.ts); the
 * summary is the last line. A store that cannot be written stops the sync with what it kept, whole.
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
  LIMITS,
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
import { FetchFailure, type QueryFetch } from '../tools/query-reports/fetch.js';
import {
  type FetchPlan,
  fetchPlans,
  planFetches,
  readableFiles,
  storeRuns,
} from '../tools/query-reports/stored-days.js';
import { type PieceLease, PieceLeases } from './lease.js';
import type { SyncReporter, SyncState } from './progress.js';

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
  /** Days in the range, over every report (stored before or now). */
  days: number;
  /** Days this run stored. */
  stored: number;
  rows: number;
  requests: number;
  bytes: number;
  /** Why it stopped before the end on purpose (its share of the quota), when it did. */
  stopped?: string;
  /** Why it could not go on (the store cannot be written, a fetch failed): the days stored are whole. */
  failed?: string;
  /** Days fetched that could not be stored. */
  not_stored?: number;
}

/** The day windows of a window: every whole day it holds, one window each. */
function dayWindows(window: WallWindow): WallWindow[] {
  const days: WallWindow[] = [];
  for (let start = window.start; start + DAY_MS - 1000 <= window.end; start += DAY_MS) {
    days.push({ start, end: start + DAY_MS - 1000 });
  }
  return days;
}

/**
 * One piece of a sync: a run of missing days of one report, at most the report's longest window (one request
 * unless the row cap halves it), fetched and stored on its own, so that a sync killed loses at most its pieces
 * in flight.
 */
export interface Piece {
  report: AnyReport;
  fetch: QueryFetch;
  /** Its days' folder (the report's parameter hash). */
  params: string;
  days: string[];
}

/** A run of days cut into pieces of at most `maxDays` days, each its own fetch. */
function piecesOf(plan: FetchPlan, maxDays: number): Piece[] {
  const pieces: Piece[] = [];
  for (const run of plan.runs) {
    for (let at = 0; at < run.days.length; at += maxDays) {
      const days = run.days.slice(at, at + maxDays);
      const start = run.window.start + at * DAY_MS;
      const window = { start, end: start + days.length * DAY_MS - 1000 };
      pieces.push({
        report: plan.fetch.report,
        fetch: { ...plan.fetch, request: { window, params: plan.fetch.request.params } },
        params: plan.params,
        days,
      });
    }
  }
  return pieces;
}

/**
 * A piece expected past the row cap, when its report's days so far held `dayRows` rows on average, cut to the days
 * that fit one request with a tenth of the cap to spare, and the rest; the piece as it is when it is expected
 * within the cap or nothing is known yet. A window past the row cap would be answered cut short, then halved until
 * each half fits, each time a request.
 */
export function fitPiece(piece: Piece, dayRows: number | undefined): [Piece, Piece?] {
  // A piece expected within the cap stays whole: cutting it would cost a request for sure, the cap only maybe.
  if (!dayRows || piece.days.length * dayRows <= LIMITS.maxRecordsPerCall) return [piece];
  const days = Math.max(1, Math.floor((LIMITS.maxRecordsPerCall * 0.9) / dayRows));
  const { window } = piece.fetch.request;
  const cut = window!.start + days * DAY_MS;
  const part = (start: number, end: number, list: string[]): Piece => ({
    ...piece,
    fetch: { ...piece.fetch, request: { ...piece.fetch.request, window: { start, end } } },
    days: list,
  });
  return [
    part(window!.start, cut - 1000, piece.days.slice(0, days)),
    part(cut, window!.end, piece.days.slice(days)),
  ];
}

const messageOf = (error: unknown): string => {
  const cause = error instanceof FetchFailure ? error.cause : error;
  return cause instanceof Error ? cause.message : String(cause);
};

export async function runSync(
  args: SyncArgs,
  config: ServerConfig,
  store: DayStoreOptions,
  logger: Logger,
  reporter: SyncReporter,
): Promise<SyncSummary> {
  const backend = await openBackend(config.wolkvox, config.timeZone, logger);
  const pool = new QueryPool(QUERY_LIMITS);
  const days = new DayStore(store);
  const leases = new PieceLeases(store.root);
  const deps: RunnerDeps = {
    source: backend.source,
    sourceKind: backend.kind,
    cache: new ResultCache<FetchedReport>({ maxBytes: 64 * 1024 * 1024 }),
    logger,
    callDeadlineMs: 3_600_000,
    store: days,
  };
  const summary: SyncSummary = { days: 0, stored: 0, rows: 0, requests: 0, bytes: 0 };
  const stopping = new AbortController();
  const context: ToolContext = { signal: stopping.signal };
  const partitions = new Map<string, string>();
  const share = args['max-quota'];
  const started = performance.now();
  const state: SyncState = { total: 0, done: 0, rows: 0, requests: 0, elapsedMs: 0 };
  const now = () => ({ ...state, elapsedMs: performance.now() - started });
  let inFlight = 0;
  /** Pieces taken whose calls the quota wolkvox last reported does not count yet (one call each). */
  let uncounted = 0;
  /** Whether another piece may start within the quota share: the calls used and one per piece not counted yet. */
  const withinShare = () =>
    share === undefined ||
    !state.quota?.limit ||
    state.quota.used + uncounted < state.quota.limit * share ||
    (state.quota.used === 0 && uncounted === 0);
  const stop = (why: { stopped?: string; failed?: string }) => {
    if (!summary.stopped && !summary.failed) Object.assign(summary, why);
  };

  /** The rows and days of each report stored so far, to size the next pieces under the row cap. */
  const seen = new Map<string, { rows: number; days: number }>();
  /** The next piece, cut to fit one request (the rest back at the queue's head). */
  const fitted = (piece: Piece | undefined, queue: Piece[]): Piece | undefined => {
    if (!piece) return undefined;
    const so = seen.get(piece.report.id);
    const [head, rest] = fitPiece(piece, so && so.rows / so.days);
    if (rest) queue.unshift(rest);
    return head;
  };

  /** Fetches and stores the days of a piece still missing (another sync may have stored them meanwhile). */
  const runPiece = async (piece: Piece, counted: () => void) => {
    const [plan] = await planFetches(deps, days, [piece.fetch]);
    plan!.memory = [];
    const missing = plan!.runs.reduce((sum, run) => sum + run.days.length, 0);
    state.done += piece.days.length - missing;
    if (missing === 0) return;
    const [fetched] = await fetchPlans(deps, [plan!], context);
    const requests = fetched!.runs.reduce((sum, run) => sum + (run.fromCache ? 0 : run.value.requests), 0);
    const quota = fetched!.runs.at(-1)?.value.quota;
    if (quota && (state.quota === undefined || quota.used >= state.quota.used)) state.quota = quota;
    counted();
    const lease = await pool.acquire(stopping.signal);
    let left: unknown[];
    const before = plan!.stored.length;
    try {
      const readable = readableFiles(days, [plan!]);
      if (readable) await lease.process.reset(stopping.signal, undefined, readable);
      left = await storeRuns(deps, days, lease.process, fetched!, stopping.signal);
    } finally {
      lease.release('loaded');
    }
    const added = plan!.stored.slice(before);
    const rows = added.reduce((sum, day) => sum + day.record.rows, 0);
    summary.stored += added.length;
    summary.rows += rows;
    summary.bytes += added.reduce((sum, day) => sum + day.record.bytes, 0);
    summary.requests += requests;
    state.done += missing;
    if (added.length > 0) {
      const so = seen.get(piece.report.id) ?? { rows: 0, days: 0 };
      seen.set(piece.report.id, { rows: so.rows + rows, days: so.days + added.length });
    }
    state.rows += rows;
    state.requests += requests;
    const lost = missing - added.length;
    if (lost > 0) summary.not_stored = (summary.not_stored ?? 0) + lost;
    reporter.piece(
      {
        report: piece.report.id,
        from: piece.days[0],
        to: piece.days.at(-1),
        stored: added.length,
        rows,
        requests,
        ...(left.length ? { not_stored: plan!.warnings } : {}),
      },
      now(),
    );
    // A store that cannot be written would only spend the quota on days it drops: the sync stops there.
    if (left.length) {
      stop({
        failed: `the store could not keep ${lost} day(s) of ${piece.report.id} from ${piece.days[0]} (${plan!.warnings.join('; ') || 'see the log'}); the ${summary.stored} day(s) stored are whole, and the next run fetches the rest`,
      });
    }
  };

  /** Takes pieces in order; a piece another sync holds waits for the end, then for its lease. */
  const worker = async (queue: Piece[], held: Piece[]) => {
    for (;;) {
      if (summary.stopped || summary.failed) return;
      if (!withinShare()) {
        // Said once the pieces in flight are done, and only when some are left.
        if (inFlight === 0 && queue.length + held.length > 0) {
          const quota = state.quota!;
          stop({
            stopped: `the token used ${quota.used} of its ${quota.limit} calls today, past the ${Math.round(share! * 100)}% this sync may use; run it again tomorrow to go on`,
          });
        }
        return;
      }
      // The place is taken before anything is awaited: the other worker's check above counts it at once.
      inFlight += 1;
      uncounted += 1;
      let pending = true;
      const counted = () => {
        if (pending) uncounted -= 1;
        pending = false;
      };
      try {
        let piece = fitted(queue.shift(), queue);
        let pieceLease: PieceLease | undefined;
        if (piece) {
          pieceLease = await leases.tryTake(leaseKey(days, piece));
          if (!pieceLease) {
            held.push(piece);
            continue;
          }
        } else {
          piece = held.shift();
          if (!piece) return;
          pieceLease = await leases.take(leaseKey(days, piece), stopping.signal);
        }
        try {
          await runPiece(piece, counted);
        } catch (error) {
          if (!stopping.signal.aborted) {
            stop({
              failed: `fetching ${piece.report.id} ${piece.days[0]} to ${piece.days.at(-1)} failed: ${messageOf(error)}; the ${summary.stored} day(s) stored are whole, and the next run fetches the rest`,
            });
          }
        } finally {
          await pieceLease.release();
        }
      } finally {
        counted();
        inFlight -= 1;
      }
    }
  };

  const ticking = setInterval(() => reporter.tick(now()), 1000);
  ticking.unref();
  try {
    const requestContext = { ...callContext(deps), maxDays: Number.POSITIVE_INFINITY };
    const queue: Piece[] = [];
    for (const report of args.reports) {
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
        queue.push(...piecesOf(plan, report.window?.maxDays ?? LIMITS.maxWindowDays));
      }
    }
    state.total = queue.reduce((sum, piece) => sum + piece.days.length, 0);
    if (state.total > 0) reporter.tick(now());
    const held: Piece[] = [];
    // As many pieces at once as wolkvox answers requests at once for a token.
    await Promise.all(Array.from({ length: LIMITS.maxConcurrentPerToken }, () => worker(queue, held)));
    await days.evict();
    await leases.sweep();
    if (args.out && !summary.failed) reporter.line(await mirror(days, args, partitions));
  } finally {
    clearInterval(ticking);
    stopping.abort();
    pool.close();
    await backend.close();
  }
  reporter.finish({ ...summary });
  return summary;
}

/** A piece's lease: its scope, report, parameters and first day. */
const leaseKey = (store: DayStore, piece: Piece) =>
  `${store.scope.tenant}_${store.scope.token}_${piece.report.id}_${piece.params}_${piece.days[0]}`;

/**
 * The stored days of the synced reports as plain files: `<out>/<report>/<report>_<day>.parquet` (or `.csv`), stable
 * names, each written aside and renamed, so a loader pointed at the folder never reads half a file.
 */
async function mirror(
  store: DayStore,
  args: SyncArgs,
  partitions: ReadonlyMap<string, string>,
): Promise<Record<string, unknown>> {
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
  return { mirror: out, format: args.format, files };
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
