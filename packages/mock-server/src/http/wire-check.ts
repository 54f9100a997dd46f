import {
  type AnyReport,
  type CheckedRequest,
  DAY_MS,
  describeProblems,
  type Problem,
  problemsFromIssues,
  type WindowTooLongParams,
  windowTooLongOf,
  wireRequestSchema,
} from '@wolkvox-mcp/contracts';
import type { z } from 'zod';
import { EmulatorRefusal } from '../envelope.js';

/**
 * A call's parameters checked against its report's wire schema (the contracts' `requestSchema`, window length
 * included): the emulator's one reading of a query. Its output is the checked request, the window already in wall
 * time, which the answer is computed from. wolkvox answers a window that is too long with an error of its own, and
 * every other problem with `SOME PARAMETERS ARE REQUIRED`; the window issue is told apart by its `params.limit`,
 * not by its text.
 */

type WireSchema = z.ZodType<CheckedRequest, Record<string, string>>;

export type WireCheck =
  | { ok: true; request: CheckedRequest }
  | { ok: false; problems: Problem[]; windowTooLong?: undefined }
  | { ok: false; problems: []; windowTooLong: WindowTooLongParams };

/**
 * The wire schemas of one emulator. `limits.maxWindowDays` can only narrow a report's own window: where it is
 * narrower, the report's schema is built again with the configured limit.
 */
export class WireSchemas {
  private readonly narrowed = new Map<string, WireSchema>();

  constructor(private readonly maxWindowDays: number) {}

  of(report: AnyReport): WireSchema {
    if (!report.window || report.window.maxDays <= this.maxWindowDays) return report.requestSchema;
    let schema = this.narrowed.get(report.id);
    if (!schema) {
      schema = wireRequestSchema(report, this.maxWindowDays);
      this.narrowed.set(report.id, schema);
    }
    return schema;
  }
}

/**
 * One problem per parameter: a repeated parameter is left out of validation, so zod then also calls it missing;
 * the first reason is the true one.
 */
function firstPerParameter(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => !seen.has(problem.field) && seen.add(problem.field));
}

/**
 * Checks the query (without `api`) against `schema`. A parameter given twice is a problem of its own, since
 * wolkvox's PHP would silently keep one of them. A window that is too long is reported only when nothing else is
 * wrong (the platform checks parameters first).
 */
export function checkWire(schema: WireSchema, query: Readonly<Record<string, string | string[]>>): WireCheck {
  const input: Record<string, string> = {};
  const problems: Problem[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (key === 'api') continue;
    if (Array.isArray(value)) problems.push({ field: key, rule: 'was given more than once' });
    else input[key] = value;
  }
  const parsed = schema.safeParse(input);
  if (parsed.success && problems.length === 0) return { ok: true, request: parsed.data };
  const issues = parsed.success ? [] : parsed.error.issues;
  const others = issues.filter((issue) => windowTooLongOf(issue) === undefined);
  problems.push(...problemsFromIssues(others, input));
  if (problems.length > 0) return { ok: false, problems: firstPerParameter(problems) };
  // The schema checks one limit: the narrowest that applies.
  const windowTooLong = issues.map(windowTooLongOf).find((limit) => limit !== undefined)!;
  return { ok: false, problems: [], windowTooLong };
}

/**
 * The refusal wolkvox answers a failed check with: its own message, and the emulator's problems (as a list, and as
 * the `detail` line of what and why).
 */
export function refusalOf(report: AnyReport, check: Extract<WireCheck, { ok: false }>): EmulatorRefusal {
  const window = check.windowTooLong;
  if (window === undefined) {
    return EmulatorRefusal.of('MISSING_PARAMETERS', describeProblems(check.problems), {
      problems: check.problems,
    });
  }
  const span = (window.spanMs / DAY_MS).toFixed(2);
  return EmulatorRefusal.of(
    'WINDOW_TOO_LONG',
    `the window spans ${span} days; ${report.api} allows at most ${window.maxDays}`,
    { problems: [{ field: 'date_end', rule: window.rule, hint: window.hint }] },
  );
}
