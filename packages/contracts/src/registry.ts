import type { FieldMap } from './fields.js';
import type { ParamMap } from './params.js';
import type { ParamsOf, Report, RowOf } from './report.js';
import { AGENT_REPORTS } from './reports/agents.js';
import { CAMPAIGN_REPORTS } from './reports/campaigns.js';
import { CDR_REPORTS } from './reports/cdr.js';
import { CHAT_REPORTS } from './reports/chat.js';
import { INFORMATION_REPORTS } from './reports/information.js';
import { IVR_REPORTS } from './reports/ivr.js';
import { QUALITY_REPORTS } from './reports/quality.js';
import { REALTIME_REPORTS } from './reports/realtime.js';
import { SKILL_REPORTS } from './reports/skills.js';
import { SPEECH_REPORTS } from './reports/speech.js';
import { TYPIFICATION_REPORTS } from './reports/typification.js';

/**
 * The registry: one entry per report, keyed by its id. This object is the single source of truth: emulator
 * routes, client types, MCP tools and the OpenAPI document are all derived from it.
 */
export const REPORTS = {
  ...AGENT_REPORTS,
  ...SKILL_REPORTS,
  ...CDR_REPORTS,
  ...TYPIFICATION_REPORTS,
  ...IVR_REPORTS,
  ...QUALITY_REPORTS,
  ...CAMPAIGN_REPORTS,
  ...CHAT_REPORTS,
  ...SPEECH_REPORTS,
  ...REALTIME_REPORTS,
  ...INFORMATION_REPORTS,
} as const;

export type ReportId = keyof typeof REPORTS;
export type AnyReport = Report<FieldMap, ParamMap>;

/** The rows a report returns, typed from its fields. */
export type ReportRow<Id extends ReportId> =
  (typeof REPORTS)[Id] extends Report<infer F, ParamMap> ? RowOf<F> : never;

/** A report's own parameters (not the window) as a caller passes them. */
export type ReportParams<Id extends ReportId> =
  (typeof REPORTS)[Id] extends Report<FieldMap, infer P> ? ParamsOf<P> : never;

export function listReports(): AnyReport[] {
  return Object.values(REPORTS) as AnyReport[];
}

function isReportId(id: string): id is ReportId {
  return Object.hasOwn(REPORTS, id);
}

export function getReport(id: string): AnyReport | undefined {
  return isReportId(id) ? (REPORTS[id] as AnyReport) : undefined;
}

/** The report a family serves under an `api` value (what a wolkvox URL names). */
export function findReportByApi(family: string, api: string): AnyReport | undefined {
  return listReports().find((report) => report.family === family && report.api === api);
}
