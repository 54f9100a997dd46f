import { type AnyReport, checkRequest, getReport, listReports } from '@wolkvox-mcp/contracts';
import { type Problem, WolkvoxRequestError } from './errors.js';
import { toWallTime, type WallWindow, windowParams } from './windows.js';

/** A checked request: the report, its window (null for real-time reports) and its own wire parameters. */
export interface ReportPlan {
  report: AnyReport;
  window: WallWindow | null;
  params: Record<string, string>;
}

// The wire names of the window, told to the caller by the names they used.
const CALLER_NAME: Record<string, string> = { date_ini: 'from', date_end: 'to' };

/**
 * Checks a caller's request before anything is sent: the report exists, the window is readable and in order,
 * and the report's own parameters pass its request schema. All problems are reported together.
 */
export function planReport(id: string, request: unknown, timeZone: string): ReportPlan {
  const report = typeof id === 'string' ? getReport(id) : undefined;
  if (!report) {
    const known = listReports()
      .map((r) => r.id)
      .join(', ');
    throw new WolkvoxRequestError([
      { parameter: 'report', rule: `"${String(id)}" is not a known report (${known})` },
    ]);
  }
  if (request === null || typeof request !== 'object' || Array.isArray(request)) {
    throw new WolkvoxRequestError([{ parameter: 'request', rule: 'must be an object' }], {
      report: report.id,
    });
  }

  const problems: Problem[] = [];
  const { from, to, ...rest } = request as Record<string, unknown>;
  const params: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(rest)) {
    if (value === undefined) continue;
    // The request schema would silently drop a misspelt parameter; a caller wants to hear about it.
    if (!Object.hasOwn(report.params, name)) {
      const accepted = Object.keys(report.params);
      problems.push({
        parameter: name,
        rule: `is not a parameter of ${report.id} (${accepted.length ? `it takes ${accepted.join(', ')}` : 'it takes none'})`,
      });
      continue;
    }
    params[name] = value;
  }

  let window: WallWindow | null = null;
  if (report.window) {
    const start = readEdge(from, 'from', 'start', timeZone, problems);
    const end = readEdge(to, 'to', 'end', timeZone, problems);
    if (start !== undefined && end !== undefined) {
      if (end < start) problems.push({ parameter: 'to', rule: 'must not be before from' });
      else window = { start, end };
    }
  } else {
    for (const [name, value] of [
      ['from', from],
      ['to', to],
    ] as const) {
      if (value !== undefined) {
        problems.push({
          parameter: name,
          rule: `is not accepted: ${report.id} reports on "now" and takes no window`,
        });
      }
    }
  }

  // Misspelt names were set aside above, so every problem here is about a value (or a missing one).
  const check = checkRequest(report, window ? { ...params, ...windowParams(window) } : params);
  if (!check.ok) {
    for (const problem of check.problems) {
      const windowName = CALLER_NAME[problem.parameter];
      // A window that could not be read is already reported, in the caller's terms.
      if (windowName !== undefined && (window === null || problems.some((p) => p.parameter === windowName))) {
        continue;
      }
      problems.push({ parameter: windowName ?? problem.parameter, rule: problem.rule });
    }
  }
  if (problems.length > 0) throw new WolkvoxRequestError(problems, { report: report.id });

  return { report, window, params: params as Record<string, string> };
}

function readEdge(
  value: unknown,
  parameter: 'from' | 'to',
  edge: 'start' | 'end',
  timeZone: string,
  problems: Problem[],
): number | undefined {
  if (value === undefined || value === null || value === '') {
    problems.push({ parameter, rule: 'is required for this report (a date or date-time)' });
    return undefined;
  }
  try {
    return toWallTime(value as Date | string, timeZone, edge, parameter);
  } catch (error) {
    if (error instanceof WolkvoxRequestError) {
      problems.push(...error.problems);
      return undefined;
    }
    throw error;
  }
}
