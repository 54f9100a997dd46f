/**
 * query_reports over the store of closed days (store/): each fetch's whole closed days are read in place from the
 * store's Parquet files (pinned for the query), the days it lacks are fetched (a run of consecutive days as one
 * window), answered from memory, and written to the store once the answer is out (`persistRuns`), and the rest of
 * the window (a partial day, today) is fetched and loaded in memory as without a store. Whatever goes wrong with
 * the store (unwritable, damaged, a count that does not add up) leaves those rows in memory only, with a warning
 * or a log line: never a wrong answer, never a slower first one.
 */
import { join } from 'node:path';
import {
  type AnyReport,
  formatTimestamp,
  startOfDay,
  type WallWindow,
  wallTimeAt,
} from '@wolkvox-mcp/contracts';
import { loadTable } from '../../query/batches.js';
import type { QueryProcess } from '../../query/process.js';
import type { StoreFiles } from '../../query/protocol.js';
import { reportTable } from '../../query/table.js';
import type { Cached } from '../../results/cache.js';
import type { DayStore, StoredDay } from '../../store/day-store.js';
import { dayColumn, dayRuns, planDays } from '../../store/days.js';
import { paramsHash } from '../../store/layout.js';
import type { FetchedReport, RunnerDeps } from '../common/run.js';
import type { ToolContext } from '../common/types.js';
import { fetchAll, type QueryFetch } from './fetch.js';

/** One fetch of a query, divided between the store and memory. */
export interface FetchPlan {
  fetch: QueryFetch;
  /** The report's parameter hash (its store folder). */
  params: string;
  /** The column each row's day is read from; undefined: rows grouped over the window (one day per fetch). */
  dayColumn: string | undefined;
  /** Days read in place. */
  stored: StoredDay[];
  /** Runs of days the store lacks: fetched, then written to it. */
  runs: { window: WallWindow; days: string[] }[];
  /** What is fetched into memory: the windows around the stored days, or the whole request. */
  memory: QueryFetch[];
  /** Store problems met, for the answer's notes. */
  warnings: string[];
}

/** A fetch as it is: nothing from the store. */
const inMemory = (fetch: QueryFetch): FetchPlan => ({
  fetch,
  params: '',
  dayColumn: undefined,
  stored: [],
  runs: [],
  memory: [fetch],
  warnings: [],
});

/**
 * Each fetch's plan: which days the store holds (checked, and linked into `pins`, a work folder of the query's,
 * when one could be made), which it lacks, what goes to memory.
 */
export async function planFetches(
  deps: RunnerDeps,
  store: DayStore | undefined,
  fetches: readonly QueryFetch[],
  pins?: string,
): Promise<FetchPlan[]> {
  const now = deps.source.now?.().getTime() ?? Date.now();
  const todayStart = startOfDay(wallTimeAt(now, deps.source.timeZone));
  const plans: FetchPlan[] = [];
  for (const fetch of fetches) {
    const { report, request } = fetch;
    if (!store || !request.window || report.family === 'real_time') {
      plans.push(inMemory(fetch));
      continue;
    }
    const column = dayColumn(report);
    const days = planDays(request.window, todayStart, column !== undefined);
    if (days.days.length === 0) {
      plans.push(inMemory(fetch));
      continue;
    }
    const params = paramsHash(request.params);
    const lookup = await store.lookup(
      report.id,
      params,
      days.days.map((item) => item.day),
      pins,
    );
    const missing = new Set(lookup.missing);
    const sub = (window: WallWindow): QueryFetch => ({
      report,
      request: { window, params: request.params },
      table: fetch.table,
    });
    plans.push({
      fetch,
      params,
      dayColumn: column,
      stored: lookup.found,
      runs: dayRuns(days.days.filter((item) => missing.has(item.day))),
      memory: days.memory.map(sub),
      warnings: lookup.warnings,
    });
  }
  return plans;
}

/** The fetched results of a plan: its runs' and its memory windows', in order. */
export interface FetchedPlan {
  plan: FetchPlan;
  runs: Cached<FetchedReport>[];
  memory: Cached<FetchedReport>[];
}

/** Every run and memory window of every plan fetched at once (fetchAll: one progress, shared failures). */
export async function fetchPlans(
  deps: RunnerDeps,
  plans: readonly FetchPlan[],
  context: ToolContext,
): Promise<FetchedPlan[]> {
  // The store keeps these days: the client's closed-day cache keeps no second copy of them.
  const runFetch = (plan: FetchPlan, window: WallWindow): QueryFetch => ({
    report: plan.fetch.report,
    request: { window, params: plan.fetch.request.params },
    table: plan.fetch.table,
    storing: true,
  });
  const all = plans.flatMap((plan) => [
    ...plan.runs.map((run) => runFetch(plan, run.window)),
    ...plan.memory,
  ]);
  const results = await fetchAll(deps, all, context, (index) => indexOfFetch(plans, index));
  let at = 0;
  return plans.map((plan) => {
    const runs = results.slice(at, at + plan.runs.length);
    at += plan.runs.length;
    const memory = results.slice(at, at + plan.memory.length);
    at += plan.memory.length;
    return { plan, runs, memory };
  });
}

/** Which of the caller's fetches the `index`th sub-fetch belongs to (a failure names the caller's). */
function indexOfFetch(plans: readonly FetchPlan[], index: number): number {
  let left = index;
  for (const [at, plan] of plans.entries()) {
    const count = plan.runs.length + plan.memory.length;
    if (left < count) return at;
    left -= count;
  }
  return plans.length - 1;
}

/** The files a query's database may read: the stored days it reads (their pins), no other. */
export function readableFiles(store: DayStore, plans: readonly FetchPlan[]): StoreFiles | undefined {
  const files = plans.flatMap((plan) => plan.stored.map((day) => day.file));
  return files.length > 0 ? { files, root: store.root } : undefined;
}

/** The table a run is loaded into to be written as day files (dropped after). */
const STORE_TABLE = '__store_days';

/** An error as a warning names it: its code (ENOSPC, EFBIG), else its message. */
export const codeOf = (error: unknown) =>
  (error as { code?: string }).code ?? (error instanceof Error ? error.message : String(error));

/**
 * What a report's days the store could not keep are told as: in their own answer (they were answered from memory),
 * or, written after that answer was out, in the next one.
 */
export function notStoredWarning(reportId: string, code: string, late = false): string {
  return late
    ? `store: days of ${reportId} could not be stored (${code}) after an earlier answer; they are fetched again when asked`
    : `store: days of ${reportId} could not be stored (${code}); they were answered from what was fetched`;
}

/** Who is told that days could not be stored: by default the plan's answer. */
export type NotStored = (reportId: string, code: string) => void;

/**
 * Writes each fetched run into the store through the query process, and adds its days to the plan's stored days.
 * A run that cannot be stored (a drifted answer, values that do not read, an unwritable store, counts that do
 * not add up) stays in memory: it is returned, and `told` (the plan's warnings unless given) says why. The day
 * files are written in `work` when given (the caller removes it), else in a work folder of their own.
 */
export async function storeRuns(
  deps: RunnerDeps,
  store: DayStore,
  process: QueryProcess,
  fetched: FetchedPlan,
  signal: AbortSignal,
  given?: string,
  told?: NotStored,
): Promise<Cached<FetchedReport>[]> {
  const { plan } = fetched;
  const tell: NotStored = told ?? ((reportId, code) => plan.warnings.push(notStoredWarning(reportId, code)));
  const report = plan.fetch.report;
  const left: Cached<FetchedReport>[] = [];
  let work = given;
  try {
    for (const [index, run] of plan.runs.entries()) {
      const result = fetched.runs[index]!;
      const { rows, drift } = result.value;
      // Drift and unreadable values are told with the answer: such a run is answered from memory, not kept.
      if (drift) {
        left.push(result);
        continue;
      }
      try {
        work ??= await store.workFolder();
        const loaded = await loadTable(process, reportTable(report, STORE_TABLE), rows, signal);
        const folder = work;
        const days = run.days.map((day) => ({ day, path: join(folder, `${day}.parquet`) }));
        if (Object.keys(loaded.unreadable).length > 0) {
          await process.writeDays(STORE_TABLE, plan.dayColumn, work, [], signal);
          left.push(result);
          continue;
        }
        const counts = await process.writeDays(STORE_TABLE, plan.dayColumn, work, days, signal);
        const written = counts.reduce((sum, count) => sum + count, 0);
        if (written !== rows.length) {
          deps.logger.warn(
            { report: report.id, rows: rows.length, written },
            'store: the rows of a run did not all fall in its days; answered from memory, not stored',
          );
          left.push(result);
          continue;
        }
        // Added to the plan once every day is in place: a run half committed is answered from memory whole.
        const committed: StoredDay[] = [];
        for (const [at, day] of days.entries()) {
          committed.push(
            await store.commit(report.id, plan.params, { ...day, rows: counts[at]! }, result.value.fetchedAt),
          );
        }
        plan.stored.push(...committed);
      } catch (error) {
        if (signal.aborted) throw error;
        // The query process's own failures (killed, cancelled) are the query's; the store's are only a warning.
        if (!process.alive) throw error;
        const code = codeOf(error);
        deps.logger.warn(
          { report: report.id, code },
          'store: days could not be stored; answered from memory',
        );
        tell(report.id, code);
        left.push(result);
      }
    }
  } finally {
    if (work && !given) await store.discard(work);
  }
  plan.stored.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  return left;
}

/**
 * Writes the fetched runs of every plan into the store through the query process (`storeRuns`, in `work`), once
 * their answer is out: the process's database is replaced first (the answer's tables are done with). What cannot
 * be stored was answered already: the store says it in the next answer (`reportLate`). The query process's
 * failures (killed, timed out) end it.
 */
export async function persistRuns(
  deps: RunnerDeps,
  store: DayStore,
  process: QueryProcess,
  fetched: readonly FetchedPlan[],
  work: string,
  signal: AbortSignal,
): Promise<void> {
  await process.reset(signal);
  const told: NotStored = (reportId, code) => store.reportLate(notStoredWarning(reportId, code, true));
  for (const item of fetched) {
    if (item.plan.runs.length > 0) await storeRuns(deps, store, process, item, signal, work, told);
  }
}

/**
 * The work folder a query's fetched runs are written in, or undefined when there is nothing to store or the store
 * cannot be written: then each plan with runs says so in the answer (its rows are answered from memory anyway).
 */
export async function persistFolder(
  store: DayStore,
  plans: readonly FetchPlan[],
): Promise<string | undefined> {
  const storing = plans.filter((plan) => plan.runs.length > 0);
  if (storing.length === 0) return undefined;
  try {
    return await store.workFolder();
  } catch (error) {
    const code = codeOf(error);
    for (const plan of storing) {
      plan.warnings.push(notStoredWarning(plan.fetch.report.id, code));
    }
    return undefined;
  }
}

/**
 * What a plan's table was loaded from, as the answer tells it: the request's window, every row (stored and
 * fetched), the requests made (none for a stored day) and the fetch's other facts.
 */
export function combinedResult(
  report: AnyReport,
  plan: FetchPlan,
  parts: readonly Cached<FetchedReport>[],
): { result: FetchedReport; fromCache: boolean; rows: FetchedReport['rows'] } {
  // A fetch the store had no part in is answered with its result as it is.
  const [only] = parts;
  if (plan.stored.length === 0 && parts.length === 1 && only) {
    return { result: only.value, fromCache: only.fromCache, rows: only.value.rows };
  }
  const { window } = plan.fetch.request;
  const rows = parts.flatMap((part) => part.value.rows);
  const warnings = [...new Set(parts.flatMap((part) => part.value.warnings ?? []))];
  const fetchedAt = Math.min(
    ...parts.map((part) => part.value.fetchedAt),
    ...plan.stored.map((day) => day.record.fetchedAt),
  );
  const drift = parts.find((part) => part.value.drift)?.value.drift;
  const quota = [...parts].reverse().find((part) => part.value.quota)?.value.quota;
  const cachedWindows = parts.reduce((sum, part) => sum + (part.value.cachedWindows ?? 0), 0);
  const result: FetchedReport = {
    report: report.id,
    rows,
    window: window ? { from: formatTimestamp(window.start), to: formatTimestamp(window.end) } : null,
    windows: parts.reduce((sum, part) => sum + part.value.windows, 0),
    requests: parts.reduce((sum, part) => sum + part.value.requests, 0),
    ...(cachedWindows ? { cachedWindows } : {}),
    fetchedAt: Number.isFinite(fetchedAt) ? fetchedAt : Date.now(),
    ...(drift ? { drift } : {}),
    ...(quota ? { quota } : {}),
    ...(warnings.length ? { warnings } : {}),
  };
  return { result, fromCache: parts.length > 0 && parts.every((part) => part.fromCache), rows };
}
