/**
 * The server's content, independent of any MCP SDK: the tools (list_reports and run_report, plus one per report
 * the toolset selection lists), the resources and the prompts, all built from the registry, sharing one result
 * cache. The SDK layer (src/sdk/) only registers what this returns.
 */
import { type AnyReport, listReports } from '@wolkvox-mcp/contracts';
import { MAX_TEXT_CHARS } from './answers/answer.js';
import { type CacheOptions, ResultCache } from './answers/cache.js';
import { PollLog } from './answers/freshness.js';
import type { ReportSource } from './backend/source.js';
import { buildPrompts, type PromptDefinition } from './catalog/prompts.js';
import {
  buildResources,
  type ResourceDefinition,
  type ResourceTemplateDefinition,
} from './catalog/resources.js';
import { buildTableResources } from './catalog/tables.js';
import { DEFAULT_CALL_DEADLINE_MS } from './config.js';
import { type Logger, scrubber, silentLogger } from './logger.js';
import type { QueryLimits } from './query/limits.js';
import { listReportsTool } from './tools/list-reports.js';
import { queryReportsTool } from './tools/query-reports.js';
import { callContext, reportTool } from './tools/report-tools.js';
import type { FetchedReport, RunnerDeps } from './tools/run.js';
import { runReportTool } from './tools/run-report.js';
import { DEFAULT_SELECTION, isListedBy, type ToolSelection } from './tools/toolsets.js';
import type { ToolAnswer, ToolContext, ToolDefinition } from './tools/types.js';

export interface WolkvoxServiceOptions {
  /** Where rows come from: a `@wolkvox-mcp/client` client, or anything with the same `report()`. */
  source: ReportSource;
  /** Said in every answer, so simulated data is never mistaken for the tenant's. Default `wolkvox`. */
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
  /** Values scrubbed from every answer (tokens), in case an error message were ever to carry one. */
  secrets?: readonly (string | undefined)[];
  /** The bounds of query_reports' queries (QUERY_LIMITS by default; tests give small ones). */
  queryLimits?: QueryLimits;
}

export interface WolkvoxService {
  readonly tools: readonly ToolDefinition<unknown>[];
  readonly resources: readonly ResourceDefinition[];
  readonly resourceTemplates: readonly ResourceTemplateDefinition[];
  readonly prompts: readonly PromptDefinition[];
  readonly cache: ResultCache<FetchedReport>;
  readonly reports: readonly AnyReport[];
  readonly timeZone: string;
  readonly sourceKind: 'wolkvox' | 'emulator';
}

/** Wraps a tool so that its answers are scrubbed of secrets and it never throws. */
function guarded<A>(
  tool: ToolDefinition<A>,
  scrub: (text: string) => string,
  logger: Logger,
): ToolDefinition<A> {
  return {
    ...tool,
    run: async (args: A, context: ToolContext): Promise<ToolAnswer> => {
      let answer: ToolAnswer;
      try {
        answer = await tool.run(args, context);
      } catch (error) {
        logger.error({ tool: tool.name, err: error }, 'tool failed');
        answer = {
          text: `${tool.name} failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`,
          isError: true,
        };
      }
      const text = scrub(answer.text);
      if (text === answer.text) return answer;
      return {
        ...answer,
        text,
        ...(answer.structured ? { structured: JSON.parse(scrub(JSON.stringify(answer.structured))) } : {}),
      };
    },
  };
}

export function createWolkvoxService(options: WolkvoxServiceOptions): WolkvoxService {
  const logger = options.logger ?? silentLogger();
  const reports = options.reports ?? listReports();
  const isListed = isListedBy(options.toolsets ?? DEFAULT_SELECTION);
  const cache = new ResultCache<FetchedReport>(options.cache);
  const deps: RunnerDeps = {
    source: options.source,
    sourceKind: options.sourceKind ?? 'wolkvox',
    cache,
    logger,
    callDeadlineMs: options.callDeadlineMs ?? DEFAULT_CALL_DEADLINE_MS,
    polls: new PollLog(),
  };
  const scrub = scrubber(options.secrets ?? []);
  const definitions: ToolDefinition<unknown>[] = [
    listReportsTool(reports, isListed, MAX_TEXT_CHARS),
    runReportTool(reports, deps),
    queryReportsTool(reports, deps, options.queryLimits),
    ...reports.filter(isListed).map((report) => reportTool(report, deps)),
  ];
  const tools = definitions.map((tool) => guarded(tool, scrub, logger));
  const { resources, templates } = buildResources(reports, isListed);
  const tables = buildTableResources(reports);
  return {
    tools,
    resources: [...resources, ...tables.resources],
    resourceTemplates: [...templates, ...tables.templates],
    prompts: buildPrompts(reports, isListed, callContext(options)),
    cache,
    reports,
    timeZone: options.source.timeZone,
    sourceKind: deps.sourceKind,
  };
}
