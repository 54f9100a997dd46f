import type { ClosedDayCache } from '../coordination/result-cache/index.js';
import { emptyDrift, hasDrift, mergeDrift } from '../drift.js';
import { WolkvoxAbortError, WolkvoxDeadlineError } from '../errors.js';
import type { ReportPlan } from '../request.js';
import type { ReportOptions, ReportResult } from '../types.js';
import { callPieces, windowLabel, windowParams } from '../windows.js';
import { fetchComplete } from './bisect.js';
import { callDeadline, callSignal } from './call-signal.js';
import { examineWindow } from './examine.js';
import { TransientFailures } from './failures.js';
import type { CallChannel } from './one-call.js';
import { CallProgress } from './progress.js';
import { fetchOrReuse } from './reuse.js';
import { fetchWindow } from './window.js';

export interface FetchContext extends CallChannel {
  /** Where pieces of closed days are kept and reused; absent: every piece is fetched. */
  closedDays?: ClosedDayCache;
}

/**
 * Fetches a checked report request in full. The window is split into the report's `maxDays` pieces; every
 * piece goes through the token's gate (so at most `maxConcurrent` calls are in flight per token) with retries
 * for transient failures; a piece that comes back at the row cap, or is refused for size, is halved until every
 * part is complete. Pieces are merged in window order, their drift from the contract too (strict mode fails on
 * it instead). The first failure that cannot be retried away cancels every other piece of the call and is
 * thrown: a result is whole or there is none.
 */
export async function fetchReport(
  context: FetchContext,
  plan: ReportPlan,
  options: ReportOptions = {},
): Promise<ReportResult<Record<string, unknown>>> {
  const { config, closedDays } = context;
  const { report } = plan;
  const { logger } = config;
  const strict = options.strict ?? config.strict;
  if (options.signal?.aborted) throw new WolkvoxAbortError(report.id, options.signal.reason);
  const deadlineMs = callDeadline(options.deadlineMs ?? config.deadlineMs, report.id);

  const run = callSignal(options.signal, deadlineMs);
  const pieces = callPieces(
    plan.window,
    report.window?.maxDays ?? Number.POSITIVE_INFINITY,
    closedDays && ((all) => closedDays.cut(all)),
  );
  const progress = new CallProgress(report.id, pieces.length, options.onProgress, logger);
  const failures = new TransientFailures();
  const call = {
    channel: context,
    report,
    params: plan.params,
    signal: run.signal,
    progress,
    failures,
    rules: { ...config, deadline: deadlineMs !== undefined },
  };
  const fetchPiece = (piece: Parameters<typeof fetchComplete>[0]) =>
    fetchComplete(piece, {
      report: report.id,
      maxRecordsPerCall: config.maxRecordsPerCall,
      fetch: (window, label) => fetchWindow(call, window, label),
      complete: (answer, label) => {
        const { rows, drift } = examineWindow(report, answer, strict, label);
        progress.windowDone(rows.length);
        return { rows, drift, windows: 1 };
      },
      halving: (label, why) => {
        logger.debug?.({ report: report.id, window: label, reason: why }, 'splitting window');
        progress.windowSplit();
      },
    });

  try {
    progress.tell();
    const parts = await Promise.all(
      pieces.map((piece) =>
        fetchOrReuse(piece, {
          report: report.id,
          slot: (window) => closedDays?.slot(report.id, window, { ...plan.params, ...windowParams(window) }),
          fetch: fetchPiece,
          signal: run.signal,
          strict,
          // Redis is the replicas' shared copy, not this machine's: it keeps what the caller keeps itself too.
          keep: options.keepClosedDays !== false || closedDays?.store === 'redis',
          reused: (kept) => progress.windowsReused(kept.windows, kept.rows.length),
          warn: (warning) => progress.cacheSaid(warning),
        }),
      ),
    );
    const rows = ([] as Record<string, unknown>[]).concat(...parts.map((part) => part.rows));
    const drift = emptyDrift();
    for (const part of parts) mergeDrift(drift, part.drift);
    const { windowsTotal: windows, requests, cachedWindows, quota, warnings } = progress;
    logger.debug?.({ report: report.id, rows: rows.length, windows, requests }, 'report complete');
    const facts = {
      report: report.id,
      window: plan.window ? windowLabel(plan.window) : null,
      windows,
      requests,
      ...(cachedWindows > 0 ? { cachedWindows } : {}),
      complete: true as const,
      ...(quota ? { quota } : {}),
      ...(warnings.size > 0 ? { warnings: [...warnings] } : {}),
    };
    if (!hasDrift(drift)) return { ...facts, rows };
    // Field names and counts only: the drift never holds a value.
    logger.warn?.(
      { report: report.id, drift },
      'the answer differs from the report contract; rows kept as sent',
    );
    return { ...facts, rows, drift };
  } catch (error) {
    if (run.deadlinePassed()) {
      const busyMs = failures.busyMs(performance.now());
      throw new WolkvoxDeadlineError(report.id, {
        deadlineMs: deadlineMs!,
        windowsDone: progress.windowsDone,
        windowsTotal: progress.windowsTotal,
        requests: progress.requests,
        ...(busyMs === undefined ? {} : { busyMs }),
        ...(failures.last ? { lastFailure: failures.last } : {}),
      });
    }
    // Stop every other piece (in flight or queued) of this call: its result is lost anyway.
    run.abort(error);
    if (options.signal?.aborted) throw new WolkvoxAbortError(report.id, options.signal.reason);
    throw error;
  } finally {
    run.dispose();
  }
}
