import type { FieldMap, FieldSpec } from './fields.js';
import type { ParamMap } from './params.js';
import type { ParamsOf, Report, RowOf } from './report.js';
import { campaign_7 } from './reports/campaigns.js';
import { chat_9 } from './reports/chat.js';
import { diagram_1_2 } from './reports/ivr.js';
import { calls_last_10 } from './reports/realtime.js';
import { act_3 } from './reports/typification.js';

/**
 * The registry: one entry per report, keyed by its id. This object is the single source of truth: emulator
 * routes, client types, MCP tools and the OpenAPI document are all derived from it.
 */
export const REPORTS = {
  act_3,
  diagram_1_2,
  campaign_7,
  chat_9,
  calls_last_10,
} as const;

export type ReportId = keyof typeof REPORTS;
export type AnyReport = Report<FieldMap, ParamMap>;

/** The rows a report returns, typed from its fields. */
export type ReportRow<Id extends ReportId> =
  (typeof REPORTS)[Id] extends Report<infer F, ParamMap> ? RowOf<F> : never;

/** A report's own parameters (not the window) as a caller passes them. */
export type ReportParams<Id extends ReportId> =
  (typeof REPORTS)[Id] extends Report<FieldMap, infer P> ? ParamsOf<P> : never;

export const REPORT_IDS = Object.keys(REPORTS) as ReportId[];

export function listReports(): AnyReport[] {
  return Object.values(REPORTS) as AnyReport[];
}

export function isReportId(id: string): id is ReportId {
  return Object.hasOwn(REPORTS, id);
}

export function getReport(id: string): AnyReport | undefined {
  return isReportId(id) ? (REPORTS[id] as AnyReport) : undefined;
}

/** The report a family serves under an `api` value (what a wolkvox URL names). */
export function findReportByApi(family: string, api: string): AnyReport | undefined {
  return listReports().find((report) => report.family === family && report.api === api);
}

export function fieldsOf(report: AnyReport): [string, FieldSpec][] {
  return Object.entries(report.fields);
}
