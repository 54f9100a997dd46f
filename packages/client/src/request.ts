import {
  type AnyReport,
  type CalendarContext,
  type CheckedRequest,
  callerRequestSchema,
  getReport,
  listReports,
  type Problem,
  problemsFromIssues,
  type WallWindow,
} from '@wolkvox-mcp/contracts';
import { WolkvoxRequestError } from './errors.js';

/** A checked request: the report, its window (null for real-time reports) and its own wire parameters. */
export interface ReportPlan extends CheckedRequest {
  report: AnyReport;
}

/** The registry's report of an id; an unknown id is the request's problem, naming the ids there are. */
function reportOf(id: string): AnyReport {
  const report = typeof id === 'string' ? getReport(id) : undefined;
  if (report) return report;
  const known = listReports()
    .map((r) => r.id)
    .join(', ');
  throw new WolkvoxRequestError([
    { field: 'report', rule: `"${String(id)}" is not a known report (${known})` },
  ]);
}

/**
 * A `Date` is an instant: it is handed to the contracts' date grammar as ISO-8601 with `Z`, which reads it on the
 * tenant's clock. An invalid Date stays a value the grammar refuses, so the problem names the field.
 */
function asGrammar(value: unknown): unknown {
  if (!(value instanceof Date)) return value;
  return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
}

/**
 * Checks a caller's request before anything is sent, with the contracts' caller schema of the report: the window
 * in the one date grammar (relative days on the tenant's calendar), the report's own parameters, no unknown names.
 * All problems are reported together.
 */
export function planReport(id: string, request: unknown, calendar: CalendarContext): ReportPlan {
  const report = reportOf(id);
  if (request === null || typeof request !== 'object' || Array.isArray(request)) {
    throw new WolkvoxRequestError([{ field: 'request', rule: 'must be an object' }], { report: report.id });
  }
  const input: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(request)) {
    if (value !== undefined) input[name] = name === 'from' || name === 'to' ? asGrammar(value) : value;
  }
  // No per-call limit here: the client splits a window of any length into the platform's own windows.
  const checked = callerRequestSchema(report, calendar).safeParse(input);
  if (!checked.success) {
    throw new WolkvoxRequestError(problemsFromIssues(checked.error.issues, input), { report: report.id });
  }
  return { report, ...checked.data };
}

const isWallTime = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value % 1000 === 0;

/** What keeps a window from being one the client can split: whole seconds, in order. */
function windowProblem(window: WallWindow): Problem | undefined {
  if (!isWallTime(window.start) || !isWallTime(window.end)) {
    return { field: 'window', rule: 'must hold wall times in whole seconds (start and end)' };
  }
  if (window.end < window.start) return { field: 'window', rule: 'must not end before it starts' };
  return undefined;
}

/**
 * Takes a request already checked by the contracts' caller schema (the MCP server's tools check theirs so): the
 * dates are not read again. Only what the type cannot promise is looked at, so that a wrong one fails as a
 * request error rather than deep inside the fetch: a window where the report has one (and none where it has not),
 * in order, and text values for the report's own parameters.
 */
export function planChecked(id: string, request: CheckedRequest): ReportPlan {
  const report = reportOf(id);
  const { window, params } = request;
  const problems: Problem[] = [];
  if (report.window && !window)
    problems.push({ field: 'window', rule: `is required: ${report.id} is windowed` });
  if (!report.window && window)
    problems.push({ field: 'window', rule: `must be null: ${report.id} reports on "now"` });
  const broken = window && windowProblem(window);
  if (broken) problems.push(broken);
  for (const [name, value] of Object.entries(params ?? {})) {
    if (!Object.hasOwn(report.params, name))
      problems.push({ field: `params.${name}`, rule: `is not a parameter of ${report.id}` });
    else if (typeof value !== 'string') problems.push({ field: `params.${name}`, rule: 'must be text' });
  }
  if (problems.length > 0) throw new WolkvoxRequestError(problems, { report: report.id });
  return { report, window, params };
}
