/**
 * What the unit tests beside the tools share: a tool's arguments read by its zod schema (its only parser), a
 * source that answers every report with synthetic rows and records what it was asked, a synthetic registry entry
 * and the dependencies a report call runs with.
 */
import {
  type AnyReport,
  defineReport,
  field,
  listReports,
  PARAMS,
  problemsFromIssues,
} from '@wolkvox-mcp/contracts';
import { z } from 'zod';
import { type ReportSource, requestText } from '../src/backend/source.js';
import { DEFAULT_CALL_DEADLINE_MS } from '../src/config.js';
import { silentLogger } from '../src/logging/logger.js';
import { ResultCache } from '../src/results/cache.js';
import type { FetchedReport, RunnerDeps } from '../src/tools/common/run.js';
import type { JsonSchema, ToolDefinition } from '../src/tools/common/types.js';

/** A tool's arguments through its zod schema; problems as field and message, as a caller reads them. */
export function parseArgs<A>(definition: ToolDefinition<A>, args: unknown) {
  const parsed = definition.input.safeParse(args);
  if (parsed.success) return { ok: true as const, value: parsed.data };
  const problems = problemsFromIssues(parsed.error.issues, args).map((p) => ({
    field: p.field,
    message: p.hint ? `${p.rule} (${p.hint})` : p.rule,
  }));
  return { ok: false as const, problems };
}

/** A tool's input JSON Schema as tools/list carries it: zod's own, without `$schema`. */
export function inputSchemaOf(definition: ToolDefinition<unknown>): JsonSchema {
  const { $schema: _drop, ...schema } = z.toJSONSchema(definition.input, {
    io: 'input',
    target: 'draft-2020-12',
  }) as JsonSchema;
  return schema;
}

/** A synthetic report that is in no registry: what a new registry entry becomes. */
export const SURVEY = defineReport({
  api: 'survey_9',
  family: 'reports_manager',
  toolset: 'quality',
  category: 'Surveys',
  title: 'Survey answers (synthetic)',
  description: 'One row per answered post-call survey question.',
  questions: ['How did customers rate us yesterday?'],
  params: { skill_id: PARAMS.skill_id(false) },
  fields: {
    conn_id: field('conn_id', 'Call id'),
    score: field('number', 'The score the customer gave'),
  },
  rows: { entity: 'calls' },
  sources: ['test'],
}) as unknown as AnyReport;

/**
 * A source that answers every report with `count` synthetic rows built from its fields. It records each checked
 * request it is handed as text (`from`/`to` as wolkvox writes them), as a cursor carries it.
 */
export function syntheticSource(count = 3): ReportSource & { calls: { id: string; request: unknown }[] } {
  const calls: { id: string; request: unknown }[] = [];
  return {
    timeZone: 'America/Bogota',
    calls,
    async report(id, request) {
      calls.push({ id, request: requestText(request) });
      const report = listReports().find((r) => r.id === id) ?? SURVEY;
      const rows = Array.from({ length: count }, (_, i) =>
        Object.fromEntries(Object.keys(report.fields).map((name) => [name, `${name}-${i}`])),
      );
      return { report: id, rows, window: null, windows: 1, requests: 1 };
    },
  };
}

/** What a report call runs with, as the service gives it: a fresh result cache, no logs. */
export function runnerDeps(source: ReportSource): RunnerDeps {
  return {
    source,
    sourceKind: 'wolkvox',
    cache: new ResultCache<FetchedReport>(),
    logger: silentLogger(),
    callDeadlineMs: DEFAULT_CALL_DEADLINE_MS,
  };
}

export const NO_SIGNAL: AbortSignal = new AbortController().signal;
