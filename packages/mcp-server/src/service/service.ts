/**
 * The server's content, independent of any MCP SDK: the tools (list_reports, run_report and query_reports, plus
 * one per report the toolset selection lists), the resources and the prompts, all built from the registry, sharing
 * one result cache. The SDK layer (src/sdk/) only registers what this returns.
 */
import { type AnyReport, listReports } from '@wolkvox-mcp/contracts';
import type { ReportSource } from '../backend/source.js';
import { type ExportResourceDefinition, exportResource } from '../catalog/exports.js';
import { buildPrompts, type PromptDefinition } from '../catalog/prompts.js';
import {
  buildResources,
  type ResourceDefinition,
  type ResourceTemplateDefinition,
} from '../catalog/resources.js';
import { type StoreResourceDefinition, storeResource } from '../catalog/store.js';
import { buildTableResources } from '../catalog/tables.js';
import { DEFAULT_SELECTION, isListedBy, type ToolSelection } from '../catalog/toolsets.js';
import { chartViewResource } from '../catalog/view.js';
import { DEFAULT_CALL_DEADLINE_MS } from '../config.js';
import { ExportStore, type ExportStoreOptions } from '../exports/store.js';
import { type Logger, scrubber, silentLogger } from '../logging/logger.js';
import { QUERY_LIMITS, type QueryLimits } from '../query/limits.js';
import { QueryPool } from '../query/pool.js';
import { MAX_TEXT_CHARS } from '../results/budget.js';
import { type CacheOptions, ResultCache } from '../results/cache.js';
import { PollLog } from '../results/freshness.js';
import { DayStore, type DayStoreOptions } from '../store/day-store.js';
import { callContext } from '../tools/common/report-call.js';
import type { FetchedReport, RunnerDeps } from '../tools/common/run.js';
import type { ToolDefinition } from '../tools/common/types.js';
import { listReportsTool } from '../tools/list-reports/tool.js';
import { queryReportsTool } from '../tools/query-reports/tool.js';
import { reportTool } from '../tools/report-tools/tool.js';
import { runReportTool } from '../tools/run-report/tool.js';
import { guarded } from './guard.js';

export interface WolkvoxServiceOptions {
  /** Where rows come from: a `@wolkvox-mcp/client` client, or anything with the same `report()`. */
  source: ReportSource;
  /** Said in every reply, so simulated data is never mistaken for the tenant's. Default `wolkvox`. */
  sourceKind?: 'wolkvox' | 'emulator';
  /**
   * Which report tools are listed: toolsets, `default` (a few most-asked reports; the default) or `all`.
   * list_reports and run_report are always listed and serve every report either way.
   */
  toolsets?: ToolSelection;
  /** The reports to serve; the whole registry by default. */
  reports?: readonly AnyReport[];
  cache?: CacheOptions;
  /** Total time of one report call's wolkvox fetch; DEFAULT_CALL_DEADLINE_MS when absent. */
  callDeadlineMs?: number;
  logger?: Logger;
  /** Values scrubbed from every reply (tokens), in case an error message were ever to carry one. */
  secrets?: readonly (string | undefined)[];
  /** The bounds of query_reports' queries and of exports (QUERY_LIMITS by default; tests give small ones). */
  queryLimits?: QueryLimits;
  /**
   * Where `format` keeps files of whole results (exports/store.ts), and whether answers may say their path on this
   * machine (stdio); absent: `format` is refused, saying so.
   */
  exports?: ExportStoreOptions & { showPaths?: boolean };
  /**
   * The store of closed days query_reports reads in place and fills (store/): where it is, whose rows it holds,
   * its bound; absent: every day is fetched, as without a store.
   */
  store?: DayStoreOptions;
}

export interface WolkvoxService {
  readonly tools: readonly ToolDefinition<unknown>[];
  readonly resources: readonly ResourceDefinition[];
  readonly resourceTemplates: readonly ResourceTemplateDefinition[];
  readonly prompts: readonly PromptDefinition[];
  /** `wolkvox://exports/{id}`, when the server keeps exports. */
  readonly exportResource?: ExportResourceDefinition;
  /** `wolkvox://store`: what the store of closed days holds (or that there is none). */
  readonly storeResource: StoreResourceDefinition;
  /** Resolves once the days queries fetched are written into the store (a shutdown waits for it). */
  settled(): Promise<void>;
  readonly cache: ResultCache<FetchedReport>;
  readonly reports: readonly AnyReport[];
  readonly timeZone: string;
  readonly sourceKind: 'wolkvox' | 'emulator';
}

export function createWolkvoxService(options: WolkvoxServiceOptions): WolkvoxService {
  const logger = options.logger ?? silentLogger();
  const reports = options.reports ?? listReports();
  const isListed = isListedBy(options.toolsets ?? DEFAULT_SELECTION);
  const cache = new ResultCache<FetchedReport>(options.cache);
  const limits = options.queryLimits ?? QUERY_LIMITS;
  // One set of query processes for queries and exports: together they stay within its bound.
  const pool = new QueryPool(limits);
  const { showPaths = false, ...storeOptions } = options.exports ?? { root: '', scope: '' };
  const store = options.exports ? new ExportStore(storeOptions) : undefined;
  const days = options.store ? new DayStore(options.store) : undefined;
  const deps: RunnerDeps = {
    source: options.source,
    sourceKind: options.sourceKind ?? 'wolkvox',
    cache,
    logger,
    callDeadlineMs: options.callDeadlineMs ?? DEFAULT_CALL_DEADLINE_MS,
    polls: new PollLog(),
    ...(store ? { exports: { store, pool, limits, showPaths } } : {}),
    ...(days ? { store: days } : {}),
  };
  const scrub = scrubber(options.secrets ?? []);
  const definitions: ToolDefinition<unknown>[] = [
    listReportsTool(reports, isListed, MAX_TEXT_CHARS),
    runReportTool(reports, deps),
    queryReportsTool(reports, deps, limits, pool),
    ...reports.filter(isListed).map((report) => reportTool(report, deps)),
  ];
  const tools = definitions.map((tool) => guarded(tool, scrub, logger));
  const { resources, templates } = buildResources(reports, isListed);
  const tables = buildTableResources(reports);
  return {
    tools,
    resources: [...resources, ...tables.resources, chartViewResource()],
    resourceTemplates: [...templates, ...tables.templates],
    prompts: buildPrompts(reports, isListed, callContext(options)),
    ...(store ? { exportResource: exportResource(store, showPaths) } : {}),
    storeResource: storeResource(days),
    settled: async () => days?.settled(),
    cache,
    reports,
    timeZone: options.source.timeZone,
    sourceKind: deps.sourceKind,
  };
}
