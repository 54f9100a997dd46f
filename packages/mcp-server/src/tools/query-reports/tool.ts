/**
 * `query_reports`: questions across reports answered exactly in one call. It fetches each report named in
 * `fetches` (through the same client and result cache as every report tool), loads each into a typed SQL table
 * (`reportTable` in query/table.ts: columns, types and meanings from the registry) and runs one read-only
 * SELECT over them on embedded DuckDB (src/query/). The answer is the result's exact row count and as many rows
 * as fit.
 *
 * Each fetch is checked by the contracts' caller request schema of its report (the same rules as run_report:
 * the date grammar, the report's own parameters, at most 366 days), and the SQL is checked by DuckDB's parser
 * before anything is fetched.
 */

import {
  type AnyReport,
  callerRequestSchema,
  MAX_DATE_CHARS,
  type RequestContext,
} from '@wolkvox-mcp/contracts';
import { z } from 'zod';
import { explainFailure } from '../../backend/errors.js';
import { QUERY_REPORTS, reportNames } from '../../catalog/names.js';
import { TABLES_URI } from '../../catalog/tables.js';
import type { ChartRequest } from '../../charts/chart.js';
import { FORMATS } from '../../exports/formats.js';
import { loadTable } from '../../query/batches.js';
import type { ReferencedNames } from '../../query/columns.js';
import type { QueryOutcome } from '../../query/engine.js';
import { QueryFailure } from '../../query/errors.js';
import { MAX_SQL_CHARS, QUERY_LIMITS, type QueryLimits, resultBudget } from '../../query/limits.js';
import { type QueryLease, QueryPool } from '../../query/pool.js';
import type { QueryProcess } from '../../query/process.js';
import { type ReportTable, reportTable } from '../../query/table.js';
import type { Cached } from '../../results/cache.js';
import type { ReplyAttachment } from '../../results/reply.js';
import type { DayStore } from '../../store/day-store.js';
import {
  CHART_CONTROL,
  CHART_VIEW_URI,
  type ChartState,
  chartAttachment,
  chartRefusal,
  withChartImage,
} from '../common/chart.js';
import { boundedString, MAX_NAME_CHARS, quietlyBoundedString, reportParams } from '../common/controls.js';
import { ExportPlaceError, rowsProgress, type WrittenExport, writeExport } from '../common/export.js';
import { EXPORT_NAMES, EXPORT_SHAPE, type ExportControl, takeExport } from '../common/export-control.js';
import { exportFailure } from '../common/export-failure.js';
import { seeingPrototypeNames } from '../common/prototype-names.js';
import { callContext, readClock } from '../common/report-call.js';
import type { FetchedReport, RunnerDeps } from '../common/run.js';
import { READ_ONLY_ANNOTATIONS, type ToolDefinition, type ToolReply } from '../common/types.js';
import { queryChartData, queryChartTitle } from './chart.js';
import { FetchFailure, type QueryFetch } from './fetch.js';
import { type LoadedTable, queryExportReply, queryReply } from './reply.js';
import {
  codeOf,
  combinedResult,
  type FetchedPlan,
  type FetchPlan,
  fetchPlans,
  persistFolder,
  persistRuns,
  planFetches,
  readableFiles,
} from './stored-days.js';

/** Reports one query may load: enough to join a few, few enough that one call cannot spend a day's quota. */
export const MAX_FETCHES = 6;
/** The longest window one fetch may cover, as for run_report. */
const MAX_WINDOW_DAYS = 366;
/** A table name is a plain SQL identifier, so that it needs no quoting. */
const TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export interface QueryCall {
  fetches: QueryFetch[];
  sql: string;
  chart?: ChartRequest;
  /** Every row of the result written to a file (`format`), instead of the rows that fit. */
  export?: ExportControl;
}

type Issue = { path: PropertyKey[]; message: string };

const FETCH_NAMES = ['report', 'from', 'to', 'params', 'as'];
/** query_reports' own arguments, as its unknown-argument rule lists them. */
const NAMES = ['fetches', 'sql', 'chart', ...EXPORT_NAMES];

const FETCH = z
  .looseObject({
    report: boundedString(
      MAX_NAME_CHARS,
      'is required: a report id such as agent_1 (list_reports finds them)',
    ),
    from: quietlyBoundedString(MAX_DATE_CHARS)
      .optional()
      .describe('Historical reports: start, as in run_report'),
    to: quietlyBoundedString(MAX_DATE_CHARS).optional().describe('End, inclusive'),
    params: reportParams().describe("The report's own parameters"),
    as: z
      .string({ error: 'expected a table name' })
      .regex(TABLE_NAME, {
        error: 'expected a table name: a letter or _, then letters, digits or _ (63 at most)',
      })
      .optional()
      .describe('Table name (default: the report id)'),
  })
  .meta({ additionalProperties: false });

/**
 * `limits` bound every query (tests inject small ones); `pool` holds the server's query processes, at most
 * `limits.concurrentQueries` of them (query/pool.ts).
 */
export function queryReportsTool(
  reports: readonly AnyReport[],
  deps: RunnerDeps,
  limits: QueryLimits = QUERY_LIMITS,
  pool: QueryPool = new QueryPool(limits),
): ToolDefinition<QueryCall> {
  const names = reportNames(reports);
  const context: RequestContext = { ...callContext(deps), maxDays: MAX_WINDOW_DAYS };
  const schemas = new Map<AnyReport, ReturnType<typeof callerRequestSchema>>();
  const requestSchema = (report: AnyReport) => {
    let schema = schemas.get(report);
    if (!schema) {
      schema = callerRequestSchema(report, context);
      schemas.set(report, schema);
    }
    return schema;
  };

  /** One fetch checked against its report; its problems named under `fetches.<i>`. */
  const checkFetch = (
    value: Record<string, unknown>,
    index: number,
    issues: Issue[],
  ): QueryFetch | undefined => {
    const at = (...path: PropertyKey[]) => ['fetches', index, ...path];
    for (const name of Object.keys(value)) {
      if (!FETCH_NAMES.includes(name)) {
        issues.push({
          path: at(name),
          message: `unknown argument; a fetch takes ${FETCH_NAMES.join(', ')} (a report's own parameters go in params)`,
        });
      }
    }
    const id = value.report as string;
    // As run_report takes it: an id in any case, its tool name (list_reports shows it) or a title.
    const report = names.find(id);
    if (!report) {
      const near = names.near(id);
      issues.push({
        path: at('report'),
        message:
          `unknown report ${JSON.stringify(id.slice(0, MAX_NAME_CHARS))}; ` +
          `${near.length ? `did you mean ${near.join(', ')}? ` : ''}list_reports searches all ${names.ids.length} reports`,
      });
      return undefined;
    }
    const params = (value.params as Record<string, string> | undefined) ?? {};
    // from/to may come in params too, as run_report takes them.
    const fields = { ...params, from: value.from ?? params.from, to: value.to ?? params.to };
    const parsed = requestSchema(report).safeParse(fields);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const [first, ...rest] = issue.path;
        const name = String(first);
        const inParams = first !== undefined && name !== 'from' && name !== 'to';
        issues.push({
          path: inParams ? at('params', name, ...rest) : at(...issue.path),
          message: issue.message,
        });
      }
      return undefined;
    }
    return {
      report,
      request: parsed.data,
      table: (value.as as string | undefined) ?? report.id,
    };
  };

  const input = z
    .looseObject({
      fetches: z
        .array(FETCH, { error: 'expected an array of fetches: [{"report": "agent_1", "from": "yesterday"}]' })
        .min(1, { error: 'name at least one report to fetch' })
        .max(MAX_FETCHES, { error: `names more than ${MAX_FETCHES} fetches` })
        .describe(`Reports to load, one table each (at most ${MAX_FETCHES})`),
      sql: boundedString(MAX_SQL_CHARS, 'is required: one SELECT over the fetched tables').describe(
        'One SELECT (DuckDB SQL) over the tables',
      ),
      chart: CHART_CONTROL,
      ...EXPORT_SHAPE,
    })
    .meta({ additionalProperties: false })
    .transform((value, ctx): QueryCall => {
      const issues: Issue[] = [];
      for (const name of Object.keys(value)) {
        if (!NAMES.includes(name)) {
          issues.push({
            path: [name],
            message: `unknown argument; query_reports takes ${NAMES.join(', ')}`,
          });
        }
      }
      const { control } = takeExport(value, ctx);
      const fetches: QueryFetch[] = [];
      value.fetches.forEach((item, index) => {
        const fetch = checkFetch(item as Record<string, unknown>, index, issues);
        if (!fetch) return;
        const earlier = fetches.findIndex((other) => other.table.toLowerCase() === fetch.table.toLowerCase());
        if (earlier >= 0) {
          issues.push({
            path: ['fetches', index, 'as'],
            message: `table ${fetch.table} is already loaded by fetch ${earlier}; give this fetch its own "as"`,
          });
          return;
        }
        fetches.push(fetch);
      });
      for (const issue of issues) ctx.addIssue({ code: 'custom', ...issue });
      if (issues.length) return z.NEVER as never;
      return {
        fetches,
        sql: value.sql,
        ...(value.chart ? { chart: value.chart } : {}),
        ...(control ? { export: control } : {}),
      };
    });

  return {
    name: QUERY_REPORTS,
    title: 'SQL over wolkvox reports',
    description:
      'Answers questions across reports exactly: fetches each report (fetches: report, from/to, params, as) ' +
      'into a typed table named by its id (or as), then runs one read-only SELECT (DuckDB SQL) over them, e.g. ' +
      'AHT per agent next to transfers by joining agent_1 and agent_13 on agent_id. Durations are <field>_s ' +
      `seconds, percentages numbers, times TIMESTAMP; columns per table: ${TABLES_URI}/{report}. ` +
      'Returns the exact row count and the rows that fit; aggregate in SQL rather than fetching rows; chart draws ' +
      'it (format: a file of every row).',
    input: seeingPrototypeNames(input) as never,
    prepare: readClock(deps),
    outputSchema: QUERY_OUTPUT_SCHEMA,
    annotations: READ_ONLY_ANNOTATIONS,
    ui: { resourceUri: CHART_VIEW_URI },
    run: (call, toolContext) => runQuery(deps, call, toolContext, limits, pool),
  };
}

const QUERY_OUTPUT_SCHEMA = {
  type: 'object',
  properties: {
    tables: { type: 'array', items: { type: 'object' } },
    columns: { type: 'array', items: { type: 'object' } },
    rows: { type: 'array', items: { type: 'object' } },
    totals: { type: 'object' },
    has_more: { type: 'boolean' },
  },
  required: ['tables', 'columns', 'rows', 'totals', 'has_more'],
};

/** The columns of a table a statement reads (all of them when it cannot be told); at least one, for count(*). */
function tableFor(fetch: QueryFetch, extra: readonly string[], names: ReferencedNames): ReportTable {
  const table = reportTable(fetch.report, fetch.table, extra);
  if (names === 'all') return table;
  const columns = table.columns.filter((column) => names.has(column.name.toLowerCase()));
  return { ...table, columns: columns.length ? columns : table.columns.slice(0, 1) };
}

/**
 * Loads every fetch into the query process (the columns `names` says): its fetched rows into a table, and where the
 * store holds days of it, a view of that name over the day files and those rows. Then `finish` runs the statement
 * (its kept rows, or the whole result into a file).
 */
async function loadAnd<T>(
  process: QueryProcess,
  fetched: readonly MemoryParts[],
  names: ReferencedNames,
  signal: AbortSignal,
  finish: () => Promise<T>,
): Promise<{ tables: LoadedTable[]; outcome: T }> {
  const tables: LoadedTable[] = [];
  for (const { plan, parts } of fetched) {
    const { fetch } = plan;
    const { result, fromCache, rows } = combinedResult(fetch.report, plan, parts);
    const extra = Object.keys(result.drift?.extra ?? {});
    const table = tableFor(fetch, extra, names);
    const files = plan.stored.map((day) => day.file);
    const memory = files.length > 0 ? { ...table, name: `${MEMORY_PREFIX}${fetch.table}` } : table;
    const loaded = await loadTable(process, memory, rows, signal);
    if (files.length > 0) {
      await process.createStoredView(
        { name: fetch.table, columns: table.columns.map(({ name, type }) => ({ name, type })) },
        files,
        memory.name,
        signal,
      );
    }
    const storedRows = plan.stored.reduce((sum, day) => sum + day.record.rows, 0);
    tables.push({
      table: fetch.table,
      report: fetch.report.id,
      result,
      fromCache,
      unreadable: loaded.unreadable,
      ...(files.length > 0 ? { stored: { days: files.length, rows: storedRows } } : {}),
      notes: plan.warnings,
    });
  }
  return { tables, outcome: await finish() };
}

/** Which clock the fetches' relative dates were read on, when it is an emulator's set elsewhere. */
const clockNotes = (deps: RunnerDeps) => [deps.source.clockNote?.()].filter((note) => note !== undefined);

/** What a refused chart adds: asking again is cheap. */
const KEPT =
  'the reports are kept in memory, so asking again with columns the result has costs no wolkvox request.';

/** Results too large for an answer (not for a file): an exported one is drawn without a chart, saying why. */
const UNANSWERABLE: ReadonlySet<QueryFailure['kind']> = new Set(['too_many_rows', 'too_wide']);

/** The rows of a fetch held in memory: its memory windows and the runs the store could not keep. */
interface MemoryParts {
  plan: FetchPlan;
  parts: Cached<FetchedReport>[];
}

/** A table of fetched rows that a view joins to stored days is named so (the view takes the fetch's name). */
const MEMORY_PREFIX = '__memory_';

const isBinderError = (error: unknown) =>
  error instanceof QueryFailure && error.kind === 'sql' && /^Binder Error/i.test(error.message);

/** Answers the query, then draws its chart (if any) once the query process is back in the pool. */
async function runQuery(
  deps: RunnerDeps,
  call: QueryCall,
  context: Parameters<ToolDefinition['run']>[1],
  limits: QueryLimits,
  pool: QueryPool,
): Promise<ToolReply> {
  const { reply, chart } = await answerQuery(deps, call, context, limits, pool);
  return withChartImage(reply, chart);
}

async function answerQuery(
  deps: RunnerDeps,
  call: QueryCall,
  context: Parameters<ToolDefinition['run']>[1],
  limits: QueryLimits,
  pool: QueryPool,
): Promise<{ reply: ToolReply; chart?: ChartState }> {
  const started = performance.now();
  const { signal } = context;
  const { exports, store } = deps;
  let lease: QueryLease | undefined;
  /** The query's links to the stored days it reads (store/day-store.ts): removed once it is answered. */
  let pins: string | undefined;
  /** Fetched days to write into the store once the answer is out, and the work folder they are written in. */
  let storing: { fetched: FetchedPlan[]; work: string } | undefined;
  // The process last used, for the log when it ended on its own.
  let used: QueryProcess | undefined;
  try {
    // The statement is checked before anything is fetched: a refused one costs no wolkvox request. A check only
    // parses, so its process goes back to the pool as it is (unless it was killed), for this query's load most
    // likely.
    const checking = await pool.acquire(signal);
    used = checking.process;
    let names: ReferencedNames;
    try {
      names = await checking.process.checkStatement(call.sql, signal);
    } finally {
      checking.release('parsed');
    }
    // Each fetch's closed days the store holds are read in place (pinned: neither eviction nor another process's
    // replacing them takes them from this query); only the rest is fetched. A store that cannot be written is
    // read unpinned.
    pins = store ? await store.workFolder().catch(() => undefined) : undefined;
    const plans = await planFetches(deps, store, call.fetches, pins);
    const fetched = await fetchPlans(deps, plans, context);
    // Loading and running hold the memory: that part waits for a process (fetching did not).
    lease = await pool.acquire(signal);
    const { process } = lease;
    used = process;
    // The store's files this query reads, and no other, readable to its database.
    const readable = store ? readableFiles(store, plans) : undefined;
    if (readable) await process.reset(signal, undefined, readable);
    // The days fetched for the store are answered from memory like the rest, and written after the answer: the
    // first question costs what it costs without a store.
    const work = store ? await persistFolder(store, plans) : undefined;
    if (work) storing = { fetched, work };
    const inMemory: MemoryParts[] = fetched.map((item) => ({
      plan: item.plan,
      parts: [...item.runs, ...item.memory],
    }));
    const loaded = async <T>(finish: () => Promise<T>) => {
      try {
        return await loadAnd(process, inMemory, names, signal, finish);
      } catch (error) {
        // A column the parse tree did not show is missing from the tables: run again with every column, so that
        // the caller hears DuckDB's own answer about the whole tables.
        if (names === 'all' || !isBinderError(error)) throw error;
        await process.reset(signal, undefined, readable);
        return loadAnd(process, inMemory, 'all', signal, finish);
      }
    };
    const charting: { outcome?: ChartState } = {};
    const chartOf = (outcome: QueryOutcome, tables: readonly LoadedTable[]) =>
      call.chart
        ? chartAttachment(
            {
              ...queryChartData(outcome),
              request: call.chart,
              title: queryChartTitle(tables, deps.source.timeZone),
            },
            charting,
          )
        : undefined;
    if (call.export) {
      if (!exports) return { reply: exportFailure(QUERY_REPORTS, undefined) };
      const control = call.export;
      const name = `query_${call.fetches.map((fetch) => fetch.table).join('_')}.${FORMATS[control.format].extension}`;
      let tables: LoadedTable[] = [];
      let attachment: ReplyAttachment | undefined;
      if (call.chart) {
        // The chart reads the rows the query keeps, as it does without format, and is checked before the file is
        // written (a chart asked for wrongly leaves no file); a result too large for an answer is still exported.
        const ran = await loaded(() =>
          process.run(call.sql, resultBudget(limits), signal).catch((error: unknown) => {
            if (error instanceof QueryFailure && UNANSWERABLE.has(error.kind)) return error;
            throw error;
          }),
        );
        tables = ran.tables;
        attachment =
          ran.outcome instanceof QueryFailure
            ? { structured: {}, notes: [`No chart: ${ran.outcome.message}.`] }
            : chartOf(ran.outcome, tables);
        const refusal = chartRefusal(QUERY_REPORTS, charting.outcome, KEPT);
        if (refusal) return { reply: refusal };
      }
      const written: WrittenExport = await writeExport(
        exports,
        control,
        name,
        deps.source.timeZone,
        (request) =>
          call.chart
            ? // The tables are loaded already, and the statement ran over them.
              process.export(call.sql, request, signal, rowsProgress(context))
            : loaded(() => process.export(call.sql, request, signal, rowsProgress(context))).then((done) => {
                tables = done.tables;
                return done.outcome;
              }),
      );
      deps.logger.info(
        {
          tool: QUERY_REPORTS,
          reports: call.fetches.map((fetch) => fetch.report.id),
          rows: written.record.rows,
          format: control.format,
          ms: Math.round(performance.now() - started),
        },
        'query exported',
      );
      const reply = queryExportReply({
        tables,
        written,
        source: deps.sourceKind,
        timeZone: deps.source.timeZone,
        notes: clockNotes(deps),
        ...(attachment ? { attachment } : {}),
      });
      return { reply, chart: charting.outcome };
    }
    const { tables, outcome } = await loaded(() => process.run(call.sql, resultBudget(limits), signal));
    const attachment = chartOf(outcome, tables);
    const refusal = chartRefusal(QUERY_REPORTS, charting.outcome, KEPT);
    if (refusal) return { reply: refusal };
    const answer = queryReply({
      tables,
      outcome,
      source: deps.sourceKind,
      timeZone: deps.source.timeZone,
      pageRows: limits.keepRows,
      maxCellChars: limits.maxCellChars,
      notes: clockNotes(deps),
      ...(attachment ? { attachment } : {}),
      sql: call.sql,
    });
    deps.logger.info(
      {
        tool: QUERY_REPORTS,
        reports: call.fetches.map((fetch) => fetch.report.id),
        rows: outcome.total,
        ms: Math.round(performance.now() - started),
      },
      'query answered',
    );
    return { reply: answer, chart: charting.outcome };
  } catch (error) {
    const fileFailure =
      error instanceof ExportPlaceError || (error instanceof QueryFailure && error.kind === 'too_large');
    if (fileFailure) return { reply: exportFailure(QUERY_REPORTS, error, deps.logger) };
    const text = failureText(error, deps);
    const kind = error instanceof QueryFailure ? error.kind : 'fetch';
    // How a query process ended on its own is the operator's to read (its last words may name this machine's
    // paths, so never the caller's).
    const lastWords = kind === 'crashed' || kind === 'unavailable' ? used?.lastWords : undefined;
    deps.logger.warn(
      {
        tool: QUERY_REPORTS,
        kind,
        ms: Math.round(performance.now() - started),
        ...(lastWords ? { lastWords } : {}),
      },
      'query failed',
    );
    return { reply: { text, isError: true } };
  } finally {
    if (pins && store) await store.discard(pins);
    if (store && storing && lease?.process.alive) {
      store.track(persistAfter(deps, store, lease, storing));
    } else {
      lease?.release('loaded');
      if (store && storing) await store.discard(storing.work);
    }
  }
}

/**
 * Writes a query's fetched days into the store on its process, after its answer (store.track keeps the work until
 * it ends: a later lookup and the server's shutdown wait for it), then gives the process back and brings the store
 * within its bound.
 */
async function persistAfter(
  deps: RunnerDeps,
  store: DayStore,
  lease: QueryLease,
  storing: { fetched: FetchedPlan[]; work: string },
): Promise<void> {
  try {
    await persistRuns(
      deps,
      store,
      lease.process,
      storing.fetched,
      storing.work,
      new AbortController().signal,
    );
  } catch (error) {
    deps.logger.warn({ err: error }, 'store: the fetched days could not be written');
    store.reportLate(`store: days fetched by an earlier question could not be stored (${codeOf(error)})`);
  } finally {
    lease.release('loaded');
    await store.discard(storing.work);
    await store.evict().catch((error: unknown) => deps.logger.warn({ err: error }, 'store: eviction failed'));
  }
}

function failureText(error: unknown, deps: RunnerDeps): string {
  if (error instanceof QueryFailure) {
    return (
      `${QUERY_REPORTS}: sql: ${error.message}\n` +
      `Nothing was answered; fix it and ask again (tables and columns: ${TABLES_URI}/{report}).`
    );
  }
  if (error instanceof FetchFailure) {
    const failure = explainFailure(error.cause, {
      report: error.report,
      tool: QUERY_REPORTS,
      timeZone: deps.source.timeZone,
    });
    return `fetches.${error.index} (${error.report}): ${failure.text} The query did not run.`;
  }
  throw error;
}
