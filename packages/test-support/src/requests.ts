/**
 * Sample requests for every registry report, built from the registry alone: the documented example of each
 * parameter and a one-day window for windowed reports. The same request on both sides of the client: the wire
 * query the emulator reads (`sampleQuery`) and what a caller passes to `client.report()` or a tool
 * (`sampleRequest`).
 */
import { type AnyReport, listReports } from '@wolkvox-mcp/contracts';

/** A Monday the simulated tenant is busy on (before every emulator clock the tests use). */
export const BUSY_MONDAY = '2025-02-03';

export interface SampleOptions {
  /** Every documented parameter, optional filters included; default only the required ones. */
  all?: boolean;
  /**
   * An agent of the tenant, for `agent_id`: the documented example need not be anyone there. Without it the
   * example is sent.
   */
  agentId?: string;
}

/** A one-day window (`YYYY-MM-DD`) as the wire's parameters, from 00:00:00 to 23:59:59. */
export function dayParams(day: string): { date_ini: string; date_end: string } {
  const compact = day.replaceAll('-', '');
  return { date_ini: `${compact}000000`, date_end: `${compact}235959` };
}

/** The documented example of each of the report's parameters (the required ones unless `all`). */
export function exampleParams(report: AnyReport, options: SampleOptions = {}): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [name, spec] of Object.entries(report.params)) {
    if (!spec.required && !options.all) continue;
    params[name] = name === 'agent_id' && options.agentId !== undefined ? options.agentId : spec.example;
  }
  return params;
}

/**
 * The wire query of a sample call: `api`, the window of `day` for a windowed report (one day: every report
 * allows it), and the example parameters.
 */
export function sampleQuery(
  report: AnyReport,
  day: string = BUSY_MONDAY,
  options: SampleOptions = {},
): Record<string, string> {
  return { api: report.api, ...(report.window ? dayParams(day) : {}), ...exampleParams(report, options) };
}

/**
 * The same call as a caller asks for it: `from`/`to` of `day` for a windowed report (real-time reports and most
 * look-ups take none), and the example parameters.
 */
export function sampleRequest(
  report: AnyReport,
  day: string = BUSY_MONDAY,
  options: SampleOptions = {},
): Record<string, string> {
  return { ...(report.window ? { from: day, to: day } : {}), ...exampleParams(report, options) };
}

/** Every registry report as `[id, report]`, for `it.each`. */
export function everyReport(): (readonly [string, AnyReport])[] {
  return listReports().map((report) => [report.id, report] as const);
}
