import {
  type AnyReport,
  type CalendarContext,
  callerRequestSchema,
  getReport,
  listReports,
  problemsFromIssues,
  type WallWindow,
} from '@wolkvox-mcp/contracts';
import { WolkvoxRequestError } from './errors.js';

/** A checked request: the report, its window (null for real-time reports) and its own wire parameters. */
export interface ReportPlan {
  report: AnyReport;
  window: WallWindow | null;
  params: Record<string, string>;
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
  const report = typeof id === 'string' ? getReport(id) : undefined;
  if (!report) {
    const known = listReports()
      .map((r) => r.id)
      .join(', ');
    throw new WolkvoxRequestError([
      { field: 'report', rule: `"${String(id)}" is not a known report (${known})` },
    ]);
  }
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
