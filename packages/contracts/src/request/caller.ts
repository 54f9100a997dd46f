/**
 * What a caller asks of one report, as a zod schema: the window in the date grammar and the report's own
 * parameters with their rules. The client validates with it, and the MCP tools' input schemas are its JSON Schema
 * (every property one plain type). Its output is the checked request: the window in tenant wall time and the
 * wire values of the parameters.
 */
import { z } from 'zod';
import { DAY_MS } from '../limits.js';
import type { ParamSpec } from '../params.js';
import type { AnyReport } from '../registry.js';
import { formatTimestamp, startOfDay, type WallTime } from '../time.js';
import {
  type CalendarContext,
  DATE_GRAMMAR_HINT,
  type DateReading,
  isDateRefusal,
  readDate,
} from './dates.js';
import { issueMessage, type ProblemParams } from './problem.js';

/** A window in tenant wall time, to the second, both ends inclusive. */
export interface WallWindow {
  start: WallTime;
  end: WallTime;
}

/** A request checked against its report: the window (null for a report on "now") and the parameters' values. */
export interface CheckedRequest {
  window: WallWindow | null;
  params: Record<string, string>;
}

export interface RequestContext extends CalendarContext {
  /**
   * The longest window one call may span, in days; unlimited when absent. The client splits any window into the
   * platform's own windows, so it sets none; the MCP server sets one so that one call cannot spend a day's quota.
   */
  maxDays?: number;
}

/** The two names of the window in a caller's request, and the wire's names for them. */
export const WINDOW_FIELDS = { from: 'date_ini', to: 'date_end' } as const;
/** The wire's window names, told in the caller's terms. */
export const CALLER_NAMES: Readonly<Record<string, string>> = { date_ini: 'from', date_end: 'to' };

export const FROM_DESCRIPTION = 'Start of the window';
export const TO_DESCRIPTION =
  "End of the window, inclusive (default: the end of from's day, or of from's range)";

const problem = (rule: string, hint?: string): ProblemParams =>
  hint === undefined ? { rule } : { rule, hint };

/** Adds a problem as a zod issue that does not stop the other checks: every problem is reported at once. */
function addProblem(ctx: z.RefinementCtx<unknown>, path: PropertyKey[], params: ProblemParams): void {
  ctx.addIssue({ code: 'custom', path, message: issueMessage(params), params, continue: true });
}

/** A schema that reports "is required" when the value is missing, and otherwise keeps the schema's own rules. */
function requiredWith<T extends z.ZodType>(schema: T, rule: string): T {
  const def = schema._zod.def;
  const own = def.error;
  return schema.clone({
    ...def,
    error: (issue: never) => ((issue as { input?: unknown }).input === undefined ? rule : own?.(issue)),
  } as never) as T;
}

/** One edge of the window: a string of the date grammar, read into what it covers. */
export function dateSchema(context: CalendarContext, required: boolean) {
  const text = z.string({
    error: (issue) =>
      issue.input === undefined
        ? 'is required: the start of the window, e.g. 2025-02-03'
        : 'expected a string',
  });
  const edge = (required ? text : text.optional()).transform((value, ctx): DateReading | undefined => {
    if (value === undefined) return undefined;
    const reading = readDate(value, context);
    if (!isDateRefusal(reading)) return reading;
    addProblem(ctx as z.RefinementCtx<unknown>, [], problem(reading.rule, reading.hint));
    return undefined;
  });
  return edge;
}

/** A report parameter as a caller's field: its own rules, "is required" named when it is missing. */
export function paramSchema(param: ParamSpec) {
  const described = param.schema.describe(param.description);
  return param.required
    ? requiredWith(described, `is required: ${param.description} (e.g. ${JSON.stringify(param.example)})`)
    : described.optional();
}

/** The fields a caller may name for a report, in the order tools list them. */
export function callerFieldNames(report: AnyReport): string[] {
  return [...(report.window ? ['from', 'to'] : []), ...Object.keys(report.params)];
}

/** The shape of a caller's request: from/to for a windowed report (from required), then the report's params. */
export function callerRequestShape(
  report: AnyReport,
  context: CalendarContext,
  options: { fromRequired?: boolean } = {},
): Record<string, z.ZodType> {
  const shape: Record<string, z.ZodType> = {};
  if (report.window) {
    shape.from = dateSchema(context, options.fromRequired ?? true).describe(
      `${FROM_DESCRIPTION}: ${DATE_GRAMMAR_HINT}; ${context.timeZone} time`,
    );
    shape.to = dateSchema(context, false).describe(TO_DESCRIPTION);
  }
  for (const [name, param] of Object.entries(report.params)) shape[name] = paramSchema(param);
  return shape;
}

/**
 * Refuses every name the shape does not take, each as its own problem naming the names it does take; `from`/`to`
 * on a report about "now" get a problem of their own. Used on a loose object, so the other fields are still checked.
 */
export function refuseUnknownNames(report: AnyReport, accepted: readonly string[], label = report.id) {
  return (value: Record<string, unknown>, ctx: z.RefinementCtx): void => {
    for (const name of Object.keys(value)) {
      if (accepted.includes(name) || value[name] === undefined) continue;
      if (!report.window && (name === 'from' || name === 'to')) {
        addProblem(
          ctx,
          [name],
          problem(`is not accepted: ${report.id} reports on "now" and takes no window`),
        );
        continue;
      }
      const takes = accepted.length ? `it takes ${accepted.join(', ')}` : 'it takes none';
      addProblem(ctx, [name], problem(`is not a parameter of ${label} (${takes})`));
    }
  };
}

/**
 * The window of a caller's read fields: `to` defaults to the end of from's day (or of from's range); the window
 * must be in order and no longer than `maxDays`. A refusal is a problem of `to`. Undefined when from is unread.
 */
export function windowOf(
  from: DateReading | undefined,
  to: DateReading | undefined,
  context: RequestContext,
): WallWindow | ProblemParams | undefined {
  if (from === undefined) return undefined;
  const end = to?.end ?? (from.kind === 'range' ? from.end : startOfDay(from.start) + DAY_MS - 1000);
  if (end < from.start) return problem(`must not be before from (${formatTimestamp(from.start)})`);
  const days = (end - from.start) / DAY_MS;
  if (context.maxDays !== undefined && days > context.maxDays) {
    return problem(
      `the window spans ${Math.ceil(days)} days; one call covers at most ${context.maxDays}`,
      'narrow it',
    );
  }
  return { start: from.start, end };
}

/**
 * A refinement that runs even when a field failed with an aborting issue (a missing value, a wrong type): a caller
 * hears every problem of a request at once.
 */
export function alwaysRefine<T>(refine: (value: T, ctx: z.RefinementCtx<T>) => void) {
  return z.superRefine(refine, { when: () => true });
}

const isReading = (value: unknown): value is DateReading =>
  typeof value === 'object' && value !== null && 'kind' in value;
const readingOf = (value: unknown): DateReading | undefined => (isReading(value) ? value : undefined);

/** Checks the window of a caller's read fields (a refinement: problems are added, nothing is returned). */
export function checkWindow(report: AnyReport, context: RequestContext) {
  return (fields: Record<string, unknown>, ctx: z.RefinementCtx): void => {
    if (!report.window) return;
    const window = windowOf(readingOf(fields.from), readingOf(fields.to), context);
    if (window !== undefined && 'rule' in window) addProblem(ctx, ['to'], window);
  };
}

/** Splits a caller's parsed fields into the checked request. */
export function checkedRequest(
  report: AnyReport,
  fields: Record<string, unknown>,
  context: RequestContext,
): CheckedRequest {
  const window = report.window ? windowOf(readingOf(fields.from), readingOf(fields.to), context) : undefined;
  const params: Record<string, string> = {};
  for (const name of Object.keys(report.params)) {
    if (typeof fields[name] === 'string') params[name] = fields[name];
  }
  return { window: window !== undefined && !('rule' in window) ? window : null, params };
}

/**
 * The schema of what a caller asks of `report`: a strict object (unknown names refused, naming the names it
 * takes) whose output is the checked request. Relative dates resolve against the context's clock and zone.
 */
export function callerRequestSchema(
  report: AnyReport,
  context: RequestContext,
): z.ZodType<CheckedRequest, Record<string, unknown>> {
  const shape = callerRequestShape(report, context);
  const names = Object.keys(shape);
  return z
    .looseObject(shape)
    .meta({ additionalProperties: false })
    .check(alwaysRefine(refuseUnknownNames(report, names)), alwaysRefine(checkWindow(report, context)))
    .transform((fields) => checkedRequest(report, fields, context)) as never;
}
