import {
  type AnyReport,
  DAY_MS,
  describeProblems,
  type Problem,
  problemsFromIssues,
  type WindowTooLongParams,
  windowLengthCheck,
  windowTooLongOf,
} from '@wolkvox-mcp/contracts';
import type { z } from 'zod';
import { EmulatorRefusal } from '../envelope.js';

/**
 * A call's parameters checked against its report's wire schema (the contracts' `requestSchema`, window length
 * included). wolkvox answers a window that is too long with an error of its own, and every other problem with
 * `SOME PARAMETERS ARE REQUIRED`; the window issue is told apart by its `params.limit`, not by its text.
 */

export type WireCheck =
  | { ok: true; params: Record<string, string> }
  | { ok: false; problems: Problem[]; windowTooLong?: undefined }
  | {
      ok: false;
      problems: [];
      windowTooLong: WindowTooLongParams;
      /** The parameters, valid but for the window's length (what `control.rows`, which applies no limit, reads). */
      params: Record<string, string>;
    };

/**
 * The wire schemas of one emulator. `limits.maxWindowDays` can only narrow a report's own window: where it is
 * narrower, the report's schema gets the same window check again with the configured limit.
 */
export class WireSchemas {
  private readonly narrowed = new Map<string, z.ZodType<Record<string, string>>>();

  constructor(private readonly maxWindowDays: number) {}

  of(report: AnyReport): z.ZodType<Record<string, string>> {
    if (!report.window || report.window.maxDays <= this.maxWindowDays) return report.requestSchema;
    let schema = this.narrowed.get(report.id);
    if (!schema) {
      schema = report.requestSchema.superRefine(windowLengthCheck(this.maxWindowDays));
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

function takes(report: AnyReport, name: string): boolean {
  if (name === 'date_ini' || name === 'date_end') return report.window !== null;
  return Object.hasOwn(report.params, name);
}

/**
 * Checks the query (without `api`) against `schema`. A parameter given twice is a problem of its own, since
 * wolkvox's PHP would silently keep one of them. A window that is too long is reported only when nothing else is
 * wrong (the platform checks parameters first), with the narrowest limit it breaks.
 */
export function checkWire(
  report: AnyReport,
  schema: z.ZodType<Record<string, string>>,
  query: Readonly<Record<string, string | string[]>>,
): WireCheck {
  const input: Record<string, string> = {};
  const problems: Problem[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (key === 'api') continue;
    if (Array.isArray(value)) problems.push({ field: key, rule: 'was given more than once' });
    else input[key] = value;
  }
  const parsed = schema.safeParse(input);
  if (parsed.success && problems.length === 0) return { ok: true, params: parsed.data };
  const issues = parsed.success ? [] : parsed.error.issues;
  const others = issues.filter((issue) => windowTooLongOf(issue) === undefined);
  problems.push(...problemsFromIssues(others, input));
  if (problems.length > 0) return { ok: false, problems: firstPerParameter(problems) };
  const windows = issues.map(windowTooLongOf).filter((limit) => limit !== undefined);
  const narrowest = windows.reduce((a, b) => (b.maxDays < a.maxDays ? b : a));
  // Valid but for the window: the parameters the report takes, as the schema would have kept them.
  const params = Object.fromEntries(Object.entries(input).filter(([name]) => takes(report, name)));
  return { ok: false, problems: [], windowTooLong: narrowest, params };
}

/** The refusal wolkvox answers a failed check with: its own message, and the emulator's detail of what and why. */
export function refusalOf(report: AnyReport, check: Extract<WireCheck, { ok: false }>): EmulatorRefusal {
  const window = check.windowTooLong;
  if (window === undefined) return EmulatorRefusal.of('MISSING_PARAMETERS', describeProblems(check.problems));
  const span = (window.spanMs / DAY_MS).toFixed(2);
  return EmulatorRefusal.of(
    'WINDOW_TOO_LONG',
    `the window spans ${span} days; ${report.api} allows at most ${window.maxDays}`,
  );
}
