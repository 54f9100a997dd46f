import { setMaxListeners } from 'node:events';
import type { Dispatcher } from 'undici';
import type { ClientConfig } from './config.js';
import type { Coordinator } from './coordination/coordinator.js';
import type { ClosedDayCache } from './coordination/result-cache/index.js';
import {
  countEnvelope,
  ENVELOPE_RULES,
  type EnvelopeDrift,
  emptyDrift,
  examineRows,
  hasDrift,
  mergeDrift,
  type ReportDrift,
} from './drift.js';
import {
  type WindowLabel,
  WolkvoxAbortError,
  WolkvoxDeadlineError,
  WolkvoxLimitError,
  WolkvoxQuotaError,
  WolkvoxRequestError,
  WolkvoxValidationError,
} from './errors.js';
import type { TokenGate } from './limiter.js';
import type { ReportPlan } from './request.js';
import { BUSY_WITHOUT_DEADLINE_MS, backoffDelay, busyDelay, sleep } from './retry.js';
import { callReport } from './transport.js';
import type { QuotaState, ReportOptions, ReportResult } from './types.js';
import { bisectWindow, splitWindow, type WallWindow, windowLabel, windowParams } from './windows.js';

export interface FetchContext {
  config: ClientConfig;
  dispatcher: Dispatcher;
  /** The token's process-wide concurrency gate. */
  gate: TokenGate;
  /** The token's budget and daily count shared beyond the process (machine, Redis), behind the gate. */
  coordinator: Coordinator;
  /** Where pieces of closed days are kept and reused; absent: every piece is fetched. */
  closedDays?: ClosedDayCache;
}

/** Why the call's own deadline timer aborted it (told apart from the caller's abort and a sibling's failure). */
class DeadlinePassed extends Error {}

/** What one window finally gave: rows that are complete for it, or a reason to narrow it. */
type Narrow = { kind: 'narrow'; why: string; status?: number; wolkvoxMsg?: string };
type WindowAnswer = { kind: 'rows'; rows: unknown[]; envelope?: EnvelopeDrift } | Narrow;
/** A window's rows as returned, and how they drifted from the contract. */
interface PieceRows {
  rows: Record<string, unknown>[];
  drift: ReportDrift;
  /** Windows it took (more than 1 when it was halved at the row cap). */
  windows: number;
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
  const { config, gate, coordinator } = context;
  const { report } = plan;
  const strict = options.strict ?? config.strict;
  const { logger } = config;
  const abortError = (reason?: unknown) => new WolkvoxAbortError(report.id, reason);
  if (options.signal?.aborted) throw abortError(options.signal.reason);
  const deadlineMs = options.deadlineMs ?? config.deadlineMs;
  if (deadlineMs !== undefined && !(Number.isInteger(deadlineMs) && deadlineMs >= 1)) {
    throw new WolkvoxRequestError([{ field: 'deadlineMs', rule: 'must be an integer >= 1' }], {
      report: report.id,
    });
  }

  // One signal for the whole call: the caller's abort, or our own when a piece fails for good.
  const run = new AbortController();
  // Every queued or in-flight piece listens to it (and removes its listener when done): many listeners is normal.
  setMaxListeners(0, run.signal);
  const onCallerAbort = () => run.abort(options.signal!.reason);
  options.signal?.addEventListener('abort', onCallerAbort, { once: true });
  // The total deadline aborts everything of the call, in flight, queued or in a backoff wait.
  const deadlineTimer =
    deadlineMs === undefined ? undefined : setTimeout(() => run.abort(new DeadlinePassed()), deadlineMs);

  const { closedDays } = context;
  // With a closed-day cache, the piece running into today is cut at today's start so its closed part is kept.
  const pieces: (WallWindow | null)[] = plan.window
    ? (closedDays?.cut(splitWindow(plan.window, report.window!.maxDays)) ??
      splitWindow(plan.window, report.window!.maxDays))
    : [null];
  let requests = 0;
  let windowsDone = 0;
  let windowsTotal = pieces.length;
  let rowCount = 0;
  /** Windows answered from the closed-day cache. */
  let cachedWindows = 0;
  // Concurrency refusals caused by other users of the token: when the first and the latest came, for the answer.
  let busyFirstAt: number | undefined;
  let busyLastAt = 0;
  let lastFailure: string | undefined;
  let lastFailureBusy = false;
  // The daily count as of this call's latest request, and why any request was shared less widely than configured.
  let quota: QuotaState | undefined;
  const warnings = new Set<string>();
  /** Busy until now when the latest failure was a refusal for concurrency, else until that latest refusal. */
  const busyMs = () =>
    busyFirstAt === undefined
      ? undefined
      : Math.round((lastFailureBusy ? performance.now() : busyLastAt) - busyFirstAt);

  const progress = () => {
    if (!options.onProgress) return;
    try {
      options.onProgress({ report: report.id, windowsDone, windowsTotal, rows: rowCount });
    } catch (error) {
      // A faulty progress callback must not lose the caller a result they are otherwise getting.
      logger.warn?.({ report: report.id, err: String(error) }, 'onProgress threw; ignored');
    }
  };

  /** One piece with retries: the gate is held only for the HTTP call, never during a backoff wait. */
  const fetchOnce = async (
    piece: WallWindow | null,
    label: WindowLabel | undefined,
  ): Promise<WindowAnswer> => {
    const query = piece ? { ...plan.params, ...windowParams(piece) } : plan.params;
    // Retries spent on failures (bounded by config.retries), and waits for a token kept busy by others (bounded
    // by the deadline): counted apart, so riding out someone else's load never uses up the retries.
    let attempt = 0;
    let busyAttempts = 0;
    for (;;) {
      let release: () => void;
      try {
        release = await gate.acquire(run.signal);
      } catch (reason) {
        throw abortError(reason);
      }
      // The process's gate first (it keeps this process's callers in order), then the machine's or Redis's slot.
      let slot: Awaited<ReturnType<Coordinator['acquire']>>;
      try {
        slot = await coordinator.acquire(run.signal);
      } catch (reason) {
        release();
        throw abortError(reason);
      }
      if (slot.quota && (quota === undefined || slot.quota.used >= quota.used)) quota = slot.quota;
      if (slot.kind === 'exhausted') {
        release();
        throw new WolkvoxQuotaError(
          `${report.id}${label ? ` ${label.from} - ${label.to}` : ''}: the token's daily quota is used up ` +
            `(wolkvox refused a call for it earlier today); it resets at ${slot.resetsAt.toISOString()}`,
          slot.resetsAt,
          { report: report.id, ...(label ? { window: label } : {}) },
        );
      }
      if (slot.warning) warnings.add(slot.warning);
      requests++;
      const started = performance.now();
      let result: Awaited<ReturnType<typeof callReport>>;
      try {
        result = await callReport({ ...context, report, query, window: label, signal: run.signal });
      } finally {
        slot.release();
        release();
      }
      const { answer } = result;
      logger.debug?.(
        {
          report: report.id,
          window: label,
          attempt,
          status: result.status,
          outcome: answer.kind,
          rows: answer.kind === 'rows' ? answer.rows.length : undefined,
          bytes: result.bytes,
          ms: Math.round(performance.now() - started),
        },
        'wolkvox call',
      );
      switch (answer.kind) {
        case 'rows':
          return answer;
        case 'empty':
          return answer.envelope
            ? { kind: 'rows', rows: [], envelope: answer.envelope }
            : { kind: 'rows', rows: [] };
        case 'too-large':
          return { kind: 'narrow', why: 'the result is over the size limit', ...pick(answer) };
        case 'too-long':
          return { kind: 'narrow', why: 'the server allows a shorter window', ...pick(answer) };
        case 'failed': {
          const { error } = answer;
          // Every process sharing the count stops calling until the reset, instead of each being refused.
          if (error instanceof WolkvoxQuotaError) await coordinator.quotaExhausted(error.resetsAt);
          if (!error.transient) {
            error.attempts = attempt + busyAttempts + 1;
            throw error;
          }
          lastFailure = error.message;
          lastFailureBusy = error.code === 'CONCURRENCY';
          let delayMs: number;
          if (error.code === 'CONCURRENCY') {
            // Someone else (another program, a cron job) holds the token's slots: our own gate cannot see them.
            // Ride it out with growing waits while the deadline allows, without spending the retries.
            const now = performance.now();
            busyFirstAt ??= now;
            busyLastAt = now;
            if (deadlineMs === undefined && now - busyFirstAt >= BUSY_WITHOUT_DEADLINE_MS) {
              error.attempts = attempt + busyAttempts + 1;
              error.message += ` (the token was busy with other programs for ${Math.round((now - busyFirstAt) / 1000)} s)`;
              throw error;
            }
            delayMs = busyDelay(busyAttempts, config.retryBaseDelayMs);
            busyAttempts++;
          } else {
            if (attempt >= config.retries) {
              error.attempts = attempt + busyAttempts + 1;
              error.message += ` (gave up after ${attempt + busyAttempts + 1} attempts)`;
              throw error;
            }
            const jitter = backoffDelay(attempt, config.retryBaseDelayMs, config.retryMaxDelayMs);
            delayMs =
              answer.retryAfterMs === undefined
                ? jitter
                : Math.max(jitter, Math.min(answer.retryAfterMs, config.retryMaxDelayMs));
            attempt++;
          }
          logger.warn?.(
            {
              report: report.id,
              window: label,
              attempt,
              busyAttempts,
              retries: config.retries,
              delayMs,
              code: error.code,
              status: error.status,
            },
            `retrying after ${error.code}`,
          );
          try {
            await sleep(delayMs, run.signal);
          } catch (reason) {
            throw abortError(reason);
          }
        }
      }
    }
  };

  /** A piece in full: its rows, or (when it had to be narrowed) the rows of its halves in order. */
  const fetchPiece = async (piece: WallWindow | null): Promise<PieceRows> => {
    const label = piece ? windowLabel(piece) : undefined;
    const answer = await fetchOnce(piece, label);
    if (answer.kind === 'narrow') return fetchHalves(piece, label, answer);
    if (answer.rows.length >= config.maxRecordsPerCall) {
      // At the cap the platform may have cut the window short: only a narrower window can prove it complete.
      const why = `${answer.rows.length} rows reached the per-call cap of ${config.maxRecordsPerCall}`;
      return fetchHalves(piece, label, { kind: 'narrow', why });
    }
    const { rows, drift, issues } = examineRows(report, answer.rows);
    if (answer.envelope) countEnvelope(drift, answer.envelope);
    if (strict && hasDrift(drift)) {
      const envelope = answer.envelope
        ? [
            {
              field: answer.envelope === 'bare-404' ? '(body)' : 'data',
              message: ENVELOPE_RULES[answer.envelope],
            },
          ]
        : [];
      throw new WolkvoxValidationError(report.id, [...envelope, ...issues], label ? { window: label } : {});
    }
    windowsDone += 1;
    rowCount += rows.length;
    progress();
    return { rows, drift, windows: 1 };
  };

  const fetchHalves = async (
    piece: WallWindow | null,
    label: WindowLabel | undefined,
    narrow: Narrow,
  ): Promise<PieceRows> => {
    const halves = piece ? bisectWindow(piece) : undefined;
    if (!halves) {
      // Never hand back a window that may be cut short: this is the one limit the client cannot hide.
      throw new WolkvoxLimitError(
        'ROW_LIMIT',
        `${report.id}${label ? ` ${label.from} - ${label.to}` : ''}: ${narrow.why} and ` +
          (piece ? 'a single second cannot be split' : 'a report without a window cannot be split') +
          '; the complete result cannot be fetched',
        {
          report: report.id,
          ...(label ? { window: label } : {}),
          ...pick(narrow),
        },
      );
    }
    windowsTotal += 1;
    logger.debug?.({ report: report.id, window: label, reason: narrow.why }, 'splitting window');
    progress();
    const [first, second] = await Promise.all(halves.map(fetchPiece));
    mergeDrift(first!.drift, second!.drift);
    return {
      rows: first!.rows.concat(second!.rows),
      drift: first!.drift,
      windows: first!.windows + second!.windows,
    };
  };

  /**
   * A piece of a closed day comes from the closed-day cache when it was kept (by this or another process),
   * counted as the windows it took when fetched; otherwise it is fetched and kept. In strict mode a kept piece
   * that drifted is fetched again, so the validation error names the rows and fields exactly as a fetch does.
   */
  const fetchOrReuse = async (piece: WallWindow | null): Promise<PieceRows> => {
    const slot = piece && closedDays?.slot(report.id, piece, { ...plan.params, ...windowParams(piece) });
    if (!slot) return fetchPiece(piece);
    const kept = await slot.read();
    if (run.signal.aborted) throw abortError(run.signal.reason);
    if (kept && !(strict && hasDrift(kept.drift))) {
      windowsTotal += kept.windows - 1;
      windowsDone += kept.windows;
      cachedWindows += kept.windows;
      rowCount += kept.rows.length;
      progress();
      return kept;
    }
    const fetched = await fetchPiece(piece);
    slot.keep(fetched);
    return fetched;
  };

  try {
    progress();
    const parts = await Promise.all(pieces.map(fetchOrReuse));
    const rows = ([] as Record<string, unknown>[]).concat(...parts.map((part) => part.rows));
    const drift = emptyDrift();
    for (const part of parts) mergeDrift(drift, part.drift);
    logger.debug?.(
      { report: report.id, rows: rows.length, windows: windowsTotal, requests },
      'report complete',
    );
    const facts = {
      report: report.id,
      window: plan.window ? windowLabel(plan.window) : null,
      windows: windowsTotal,
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
    if (run.signal.reason instanceof DeadlinePassed) {
      const busy = busyMs();
      throw new WolkvoxDeadlineError(report.id, {
        deadlineMs: deadlineMs!,
        windowsDone,
        windowsTotal,
        requests,
        ...(busy === undefined ? {} : { busyMs: busy }),
        ...(lastFailure ? { lastFailure } : {}),
      });
    }
    // Stop every other piece (in flight or queued) of this call: its result is lost anyway.
    run.abort(error);
    if (options.signal?.aborted) throw abortError(options.signal.reason);
    throw error;
  } finally {
    clearTimeout(deadlineTimer);
    options.signal?.removeEventListener('abort', onCallerAbort);
  }
}

function pick(answer: { status?: number; wolkvoxMsg?: string }): { status?: number; wolkvoxMsg?: string } {
  return {
    ...(answer.status === undefined ? {} : { status: answer.status }),
    ...(answer.wolkvoxMsg ? { wolkvoxMsg: answer.wolkvoxMsg } : {}),
  };
}
