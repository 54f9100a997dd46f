/**
 * Running one report call: fetch through the result cache (paging never refetches), then shape the reply.
 * Failures become replies that say what to change; nothing here throws at the protocol layer.
 */
import { type AnyReport, type CheckedRequest, formatTimestamp, wallTimeAt } from '@wolkvox-mcp/contracts';
import { explainFailure } from '../../backend/errors.js';
import { type ReportResult, type ReportSource, requestText } from '../../backend/source.js';
import type { ChartRequest } from '../../charts/chart.js';
import type { Logger } from '../../logging/logger.js';
import type { ResultCache } from '../../results/cache.js';
import { encodeCursor, MAX_CURSOR_CHARS } from '../../results/cursor.js';
import { describeFilter } from '../../results/filter.js';
import { isFreshRealTime, type PollLog, pollingNote } from '../../results/freshness.js';
import { type FetchedResult, reportReply, type ShapedRows, shapeResult } from '../../results/reply.js';
import type { DayStore } from '../../store/day-store.js';
import { type ChartState, chartAttachment, chartRefusal, reportChartData, withChartImage } from './chart.js';
import { type ExportDeps, exportReportRows } from './export.js';
import { exportFailure } from './export-failure.js';
import { reportExportReply } from './export-reply.js';
import type { ReportCall } from './report-call.js';
import type { ToolContext, ToolReply } from './types.js';
import { startWaitProgress } from './wait-progress.js';

/** What a refused chart adds: asking again is cheap. */
const KEPT = 'the result is kept in memory, so asking again with columns it has costs no wolkvox request.';

export interface FetchedReport extends FetchedResult {
  report: string;
}

export interface RunnerDeps {
  source: ReportSource;
  sourceKind: 'wolkvox' | 'emulator';
  cache: ResultCache<FetchedReport>;
  logger: Logger;
  /** Total time of one fetch from wolkvox, retries and waits included (config callDeadlineMs). */
  callDeadlineMs: number;
  /** When each real-time request last went to wolkvox, for the polling note; no note without it. */
  polls?: PollLog;
  /** Where `format` writes files of whole results; absent: exports are refused, saying why. */
  exports?: ExportDeps;
  /** The store of closed days query_reports reads in place and fills (store/); absent: every day is fetched. */
  store?: DayStore;
}

/**
 * What a fetch keeps for its replies (and the result cache): the rows and how they were fetched, with what the
 * client says besides (drift, the day's quota, shared-limit warnings). One builder for report tools and queries,
 * so neither drops what the other says.
 */
export function fetchedReport(report: AnyReport, result: ReportResult, fetchedAt: number): FetchedReport {
  return {
    report: report.id,
    rows: result.rows,
    window: result.window,
    windows: result.windows,
    requests: result.requests,
    ...(result.cachedWindows ? { cachedWindows: result.cachedWindows } : {}),
    fetchedAt,
    ...(result.drift ? { drift: result.drift } : {}),
    ...(result.quota ? { quota: result.quota } : {}),
    ...(result.warnings ? { warnings: result.warnings } : {}),
  };
}

/** The cache key of a fetch: the report and exactly what was asked of wolkvox. */
export function fetchKey(report: AnyReport, request: CheckedRequest): string {
  const entries = Object.entries(requestText(request))
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([report.id, entries]);
}

/**
 * Answers one checked call. `pagingArgs` are the arguments the next-page hint names besides the cursor (the
 * report id, for run_report); `chart` draws every row of the shaped result beside the page, or beside the file of
 * an export (`call.export`), which holds every row of that same shaped result.
 */
export async function runReportCall(
  deps: RunnerDeps,
  call: ReportCall,
  tool: string,
  context: ToolContext,
  pagingArgs: Record<string, string> = {},
  chart?: ChartRequest,
): Promise<ToolReply> {
  const { report, request, controls, cursor } = call;
  const started = performance.now();
  // Fetch times and ages are on the source's clock: the embedded emulator's own, or the system's.
  const clock = () => deps.source.now?.().getTime() ?? Date.now();
  const realTime = report.family === 'real_time';
  const key = fetchKey(report, request);
  // Heartbeats for as long as this call waits, whether it runs the fetch or joined one already running.
  const waiting = startWaitProgress(report.id, context.progress, deps.callDeadlineMs);
  const fetch = async (signal: AbortSignal): Promise<FetchedReport> => {
    const result = await deps.source.report(report.id, request, {
      signal,
      // Below the caller's own timeout, so the caller hears why it failed rather than timing out unanswered.
      deadlineMs: deps.callDeadlineMs,
      onProgress: (progress) => waiting.windows(progress.windowsDone, progress.windowsTotal, progress.rows),
    });
    return fetchedReport(report, result, clock());
  };

  try {
    const {
      value: result,
      fromCache,
      kept,
    } = await deps.cache.getOrFetch(
      key,
      fetch,
      context.signal,
      realTime ? (kept) => isFreshRealTime(kept.fetchedAt, clock()) : undefined,
    );
    // Which clock the call's relative dates and fetch time were read on, when it is an emulator's set elsewhere.
    const notes: string[] = [deps.source.clockNote?.()].filter((note) => note !== undefined);
    if (realTime && deps.polls) {
      const since = fromCache
        ? cursor
          ? undefined
          : deps.polls.since(key, clock())
        : deps.polls.record(key, result.fetchedAt);
      if (since !== undefined) notes.push(pollingNote(since, !fromCache));
    }
    if (cursor && cursor.fetchedAt !== result.fetchedAt) {
      // Another replica, or a result that left memory. Closed days read back from the closed-day cache are the rows
      // the earlier pages came from; anything fetched from wolkvox again may have moved.
      notes.push(
        result.cachedWindows === result.windows
          ? "The result this cursor paged through was not in this server's memory; it was read again from the " +
              'closed-day cache (closed days do not change), without asking wolkvox.'
          : `The result this cursor paged through was not in this server's memory, so it was fetched again at ${new Date(result.fetchedAt).toISOString()}; ` +
              'its totals may differ from earlier pages.',
      );
    }
    const charting: { outcome?: ChartState } = {};
    const title = {
      what: `${report.id} "${report.title}"${controls.filter ? `, ${describeFilter(controls.filter)}` : ''}`,
      when: result.window
        ? `${result.window.from} to ${result.window.to}`
        : `as of ${formatTimestamp(wallTimeAt(result.fetchedAt, deps.source.timeZone))}`,
      zone: deps.source.timeZone,
    };
    const attach = chart
      ? (shaped: ShapedRows) =>
          chartAttachment({ ...reportChartData(shaped, report.fields), request: chart, title }, charting)
      : undefined;
    if (call.export) {
      if (!deps.exports) return exportFailure(tool, undefined);
      const calendar = { timeZone: deps.source.timeZone, now: () => new Date(clock()) };
      const shaped = shapeResult({ report, result, controls }, calendar);
      // The chart is drawn from the rows the file holds, and checked before the file is written: a chart asked
      // for wrongly leaves no file behind.
      const attachment = attach?.(shaped);
      const refusal = chartRefusal(tool, charting.outcome, KEPT);
      if (refusal) return refusal;
      const input = { report, result, controls, control: call.export, shaped };
      const exported = await exportReportRows(deps.exports, input, calendar, context).catch(
        (error: unknown) => ({ error }),
      );
      if ('error' in exported) return exportFailure(tool, exported.error, deps.logger);
      deps.logger.info(
        {
          tool,
          report: report.id,
          rows: exported.written.record.rows,
          format: call.export.format,
          fromCache,
        },
        'report exported',
      );
      const answer = reportExportReply({
        report,
        result,
        fromCache,
        controls,
        shaped,
        ...exported,
        source: deps.sourceKind,
        timeZone: deps.source.timeZone,
        paged: Boolean(cursor) || controls.offset > 0 || controls.limit !== undefined,
        notes,
        ...(attachment ? { attachment } : {}),
      });
      return await withChartImage(answer, charting.outcome);
    }
    const reply = reportReply({
      ...(attach ? { attach } : {}),
      report,
      tool,
      pagingArgs,
      result,
      fromCache,
      kept,
      controls,
      timeZone: deps.source.timeZone,
      now: () => new Date(clock()),
      source: deps.sourceKind,
      notes,
      cursorAt: (offset, limit) => {
        const next = encodeCursor({
          ...controls,
          report: report.id,
          request: requestText(request),
          offset,
          limit,
          fetchedAt: result.fetchedAt,
        });
        // A cursor longer than any this server reads back would be refused: page by offset instead.
        return next.length <= MAX_CURSOR_CHARS ? next : null;
      },
    });
    deps.logger.info(
      {
        tool,
        report: report.id,
        window: result.window,
        rows: result.rows.length,
        shown: reply.structured.shown,
        fromCache,
        ms: Math.round(performance.now() - started),
      },
      'report answered',
    );
    const refusal = chartRefusal(tool, charting.outcome, KEPT);
    if (refusal) return refusal;
    return await withChartImage({ text: reply.text, structured: reply.structured }, charting.outcome);
  } catch (error) {
    const failure = explainFailure(error, { report: report.id, tool, timeZone: deps.source.timeZone });
    const log = { tool, report: report.id, kind: failure.kind, ms: Math.round(performance.now() - started) };
    if (failure.kind === 'unexpected') deps.logger.error({ ...log, err: error }, 'report failed');
    else deps.logger.warn(log, `report failed: ${failure.kind}`);
    return { text: failure.text, isError: true };
  } finally {
    waiting.stop();
  }
}
