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
import { formatTimestamp, startOfDay, type WallTime, wallTimeAt } from '../time.js';
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

/**
 * The wire's window names, told in the caller's terms: wolkvox's refusals (and the emulator's problems) name the
 * wire parameters, a caller wrote `from`/`to`.
 */
export const CALLER_NAMES: Readonly<Record<string, string>> = { date_ini: 'from', date_end: 'to' };

const FROM_DESCRIPTION = 'Start of the window';
const TO_DESCRIPTION =
  "End of the window, inclusive (default: the end of from's day or range; of today for from today-N)";

const problem = (rule: string, hint?: string): ProblemParams =>
  hint === undefined ? { rule } : { rule, hint };

/** Adds a problem as a zod issue that does not stop the other checks: every problem is reported at once. */
function addProblem(ctx: z.RefinementCtx<unknown>, path: PropertyKey[], params: ProblemParams): void {
  ctx.addIssue({ code: 'custom', path, message: issueMessage(params), params, continue: true });
}

const FROM_REQUIRED = 'is required: the start of the window, e.g. 2025-02-03';

/** The rule a missing required field breaks: `from`, or a parameter with what it is and an example. */
function requiredRule(report: AnyReport, name: string): string {
  const param = report.params[name];
  return param ? `is required: ${param.description} (e.g. ${JSON.stringify(param.example)})` : FROM_REQUIRED;
}

/** The longest value of the date grammar is an ISO date-time with nanoseconds and an offset (35 characters). */
export const MAX_DATE_CHARS = 40;

/**
 * One edge of the window: a string of the date grammar, read into what it covers. A value the grammar refuses
 * reads as null (and a problem), so that "given but unreadable" stays apart from "not given".
 */
function dateSchema(context: CalendarContext, required: boolean) {
  const text = z
    .string({
      error: (issue) => (issue.input === undefined ? FROM_REQUIRED : 'expected a string'),
    })
    // No date of the grammar comes near this: a longer value is refused before it is read (or echoed).
    .max(MAX_DATE_CHARS, { error: `is longer than ${MAX_DATE_CHARS} characters` });
  return (required ? text : text.optional()).transform((value, ctx): DateReading | null | undefined => {
    if (value === undefined) return undefined;
    const reading = readDate(value, context);
    if (!isDateRefusal(reading)) return reading;
    addProblem(ctx as z.RefinementCtx<unknown>, [], problem(reading.rule, reading.hint));
    return null;
  });
}

/** No parameter of the registry (ids, codes, telephone numbers) comes near this. */
export const MAX_PARAM_CHARS = 64;

/** A string parameter with a bound on its length (enums are bounded by their values already). */
function boundedParam(schema: z.ZodType<string>): z.ZodType<string> {
  return schema instanceof z.ZodString
    ? schema.max(MAX_PARAM_CHARS, { error: `is longer than ${MAX_PARAM_CHARS} characters` })
    : schema;
}

/**
 * Parameters are text on the wire, but callers (assistants above all) often send an id as a JSON number
 * (`campaign_id: 2021`). A whole number is read as its decimal text, which the parameter's own rules then judge
 * (`-5` or `7` for an enum are refused as any such text would be); other values are left for the rules to refuse.
 * With `missing`, a required parameter left out is refused with that rule here, before the parameter's own rules
 * (whose message for a missing value would say what type they expected, not what the parameter is).
 * The JSON Schema stays the parameter's own (zod describes a preprocessed schema by the schema it feeds).
 */
export function wholeNumbersAsText<T extends z.ZodType>(schema: T, missing?: string) {
  return z.preprocess((value, ctx) => {
    if (value === undefined && missing !== undefined) {
      ctx.addIssue({ code: 'custom', message: issueMessage({ rule: missing }), params: { rule: missing } });
    }
    return typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  }, schema);
}

const listsValues = new WeakMap<ParamSpec, boolean>();

/**
 * Whether the parameter takes a list of values (its JSON Schema then lists them, and needs no example). Kept per
 * parameter: the client builds a caller schema for every call.
 */
function enumerated(param: ParamSpec): boolean {
  let lists = listsValues.get(param);
  if (lists === undefined) {
    lists = 'enum' in z.toJSONSchema(param.schema, { io: 'input', unrepresentable: 'any' });
    listsValues.set(param, lists);
  }
  return lists;
}

/**
 * A report parameter as a caller's field: its own rules, "is required" named when it is missing, its meaning and
 * (unless it lists its values) an example. The meaning and example sit on the schema whole numbers feed: JSON
 * Schema shows no examples of a preprocessed schema itself.
 */
function paramSchema(report: AnyReport, name: string, param: ParamSpec, required: boolean) {
  const own = boundedParam(param.schema);
  const checked = required ? own : own.optional();
  const shown = enumerated(param)
    ? checked.describe(param.description)
    : checked.meta({ description: param.description, examples: [param.example] });
  return wholeNumbersAsText(shown, required ? requiredRule(report, name) : undefined).describe(
    param.description,
  );
}

/** The fields a report requires of a caller: `from` when windowed, and its required parameters. */
function requiredFieldNames(report: AnyReport): string[] {
  const params = Object.entries(report.params).filter(([, param]) => param.required);
  return [...(report.window ? ['from'] : []), ...params.map(([name]) => name)];
}

/**
 * The shape of a caller's request: from/to for a windowed report, then the report's params. `optional` makes
 * every field optional, for a caller that completes a request otherwise (an MCP paging cursor carries it) and
 * checks the required names itself with `requireFields`.
 */
export function callerRequestShape(
  report: AnyReport,
  context: CalendarContext,
  options: { optional?: boolean } = {},
): Record<string, z.ZodType> {
  const required = !options.optional;
  const shape: Record<string, z.ZodType> = {};
  if (report.window) {
    shape.from = dateSchema(context, required).describe(
      `${FROM_DESCRIPTION}: ${DATE_GRAMMAR_HINT}; ${context.timeZone} time`,
    );
    shape.to = dateSchema(context, false).describe(TO_DESCRIPTION);
  }
  for (const [name, param] of Object.entries(report.params)) {
    shape[name] = paramSchema(report, name, param, required && param.required);
  }
  return shape;
}

/** Adds "is required" for every required field absent from a caller's (optional-field) request. */
export function requireFields(
  report: AnyReport,
  fields: Record<string, unknown>,
  ctx: z.RefinementCtx,
): void {
  for (const name of requiredFieldNames(report)) {
    if (fields[name] === undefined) addProblem(ctx, [name], problem(requiredRule(report, name)));
  }
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

/** Where a window given by `from` alone ends: its range's end, today's end for `today-N`, else its day's end. */
function defaultEnd(from: DateReading, context: CalendarContext): WallTime {
  if (from.kind === 'range') return from.end;
  if (from.since) {
    const today = startOfDay(wallTimeAt(context.now?.() ?? Date.now(), context.timeZone));
    return today + DAY_MS - 1000;
  }
  return startOfDay(from.start) + DAY_MS - 1000;
}

/**
 * The window of a caller's read fields: `to` defaults to the end of from's day (of from's range; of today when from
 * is `today-N`); the window
 * must be in order and no longer than `maxDays`. A refusal is a problem of `to`. Undefined when from is unread.
 */
export function windowOf(
  from: DateReading | undefined,
  to: DateReading | undefined,
  context: RequestContext,
): WallWindow | ProblemParams | undefined {
  if (from === undefined) return undefined;
  const end = to?.end ?? defaultEnd(from, context);
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
/** A read date, or undefined when it was not given or could not be read. */
const readingOf = (value: unknown): DateReading | undefined => (isReading(value) ? value : undefined);

/** How a caller schema reads its window: the check it refines with and the checked request it hands on. */
export interface RequestReader {
  /** A refinement: a window out of order or too long is a problem of `to`. */
  checkWindow(fields: Record<string, unknown>, ctx: z.RefinementCtx): void;
  /** The checked request of parsed fields: the window in wall time (null when absent or refused), the params. */
  checkedRequest(fields: Record<string, unknown>): CheckedRequest;
}

/**
 * The window of a caller's read fields is worked out once per parse: the check and the checked request of the
 * same fields share it (a schema may check the window, then hand the request on, then compare it with a cursor).
 */
export function requestReader(report: AnyReport, context: RequestContext): RequestReader {
  const windows = new WeakMap<object, WallWindow | ProblemParams | undefined>();
  const windowOfFields = (fields: Record<string, unknown>) => {
    if (!report.window) return undefined;
    if (windows.has(fields)) return windows.get(fields);
    const window = windowOf(readingOf(fields.from), readingOf(fields.to), context);
    windows.set(fields, window);
    return window;
  };
  return {
    checkWindow(fields, ctx) {
      const window = windowOfFields(fields);
      if (window !== undefined && 'rule' in window) addProblem(ctx, ['to'], window);
    },
    checkedRequest(fields) {
      const window = windowOfFields(fields);
      const params: Record<string, string> = {};
      for (const name of Object.keys(report.params)) {
        if (typeof fields[name] === 'string') params[name] = fields[name];
      }
      return { window: window !== undefined && !('rule' in window) ? window : null, params };
    },
  };
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
  const reader = requestReader(report, context);
  return z
    .looseObject(shape)
    .meta({ additionalProperties: false })
    .check(alwaysRefine(refuseUnknownNames(report, names)), alwaysRefine(reader.checkWindow))
    .transform(reader.checkedRequest) as never;
}
