/**
 * The fetches of one query: each report through the same source and result cache as the report tools (same cache
 * key, so a report already fetched by run_report is reused, and concurrent identical requests share one fetch),
 * with every platform limit the client applies and within the call's deadline. They run side by side (the client
 * keeps to wolkvox's requests in flight per token) and report progress as one: windows done of windows known.
 */
import type { AnyReport, CheckedRequest } from '@wolkvox-mcp/contracts';
import type { Cached } from '../../results/cache.js';
import { isFreshRealTime } from '../../results/freshness.js';
import { type FetchedReport, fetchedReport, fetchKey, type RunnerDeps } from '../common/run.js';
import type { ToolContext } from '../common/types.js';
import { startWaitProgress } from '../common/wait-progress.js';

export interface QueryFetch {
  report: AnyReport;
  /** Checked by the call's schema: handed to the source as it is. */
  request: CheckedRequest;
  /** The SQL table the rows load into. */
  table: string;
  /** Days the store keeps: the client's closed-day cache is not asked to keep them too. */
  storing?: true;
}

/** A fetch that failed: which one, and the client's error (explained as a report call's would be). */
export class FetchFailure extends Error {
  override readonly name = 'FetchFailure';
  constructor(
    readonly index: number,
    readonly report: string,
    override readonly cause: unknown,
  ) {
    super(`fetch ${index} (${report}) failed`);
  }
}

/**
 * Every fetch's result, in order; rejects with the first failure as a FetchFailure and withdraws the others (a
 * query never runs on a partial set). `callerIndex` names the caller's fetch a failed one belongs to (the store
 * divides a caller's fetch into several).
 */
export async function fetchAll(
  deps: RunnerDeps,
  fetches: readonly QueryFetch[],
  context: ToolContext,
  callerIndex: (index: number) => number = (index) => index,
): Promise<Cached<FetchedReport>[]> {
  const label = fetches.map((item) => item.report.id).join(', ');
  // Fetch times are on the source's clock (the embedded emulator's own, or the system's), as for report tools.
  const clock = () => deps.source.now?.().getTime() ?? Date.now();
  const waiting = startWaitProgress(label, context.progress, deps.callDeadlineMs);
  const progress = fetches.map(() => ({ done: 0, total: 1, rows: 0 }));
  const report = () => {
    const sum = (pick: (item: (typeof progress)[number]) => number) =>
      progress.reduce((total, item) => total + pick(item), 0);
    waiting.windows(
      sum((item) => item.done),
      sum((item) => item.total),
      sum((item) => item.rows),
    );
  };
  // One caller withdrawn withdraws its siblings too: their results would answer nothing.
  const controller = new AbortController();
  const onAbort = () => controller.abort(context.signal.reason);
  context.signal.addEventListener('abort', onAbort, { once: true });
  try {
    return await Promise.all(
      fetches.map((item, index) =>
        deps.cache
          .getOrFetch(
            fetchKey(item.report, item.request),
            async (signal): Promise<FetchedReport> => {
              const result = await deps.source.report(item.report.id, item.request, {
                signal,
                deadlineMs: deps.callDeadlineMs,
                ...(item.storing ? { keepClosedDays: false } : {}),
                onProgress: (update) => {
                  progress[index] = {
                    done: update.windowsDone,
                    total: update.windowsTotal,
                    rows: update.rows,
                  };
                  report();
                },
              });
              return fetchedReport(item.report, result, clock());
            },
            controller.signal,
            // Real-time results are reused for a minute at most, as by the report tools.
            item.report.family === 'real_time'
              ? (kept) => isFreshRealTime(kept.fetchedAt, clock())
              : undefined,
          )
          .catch((error: unknown) => {
            controller.abort(error);
            throw new FetchFailure(callerIndex(index), item.report.id, error);
          }),
      ),
    );
  } finally {
    context.signal.removeEventListener('abort', onAbort);
    waiting.stop();
  }
}
