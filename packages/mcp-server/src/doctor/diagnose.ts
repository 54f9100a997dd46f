/**
 * `doctor`: asks a tenant's wolkvox for each report once (one recent day for the reports with a window, the
 * current state for the others) and says where its answers differ from the registry: documented fields missing or
 * null, values of another JSON type, fields the registry does not list, values that do not read as their kind
 * (formats.ts), envelopes read past the contract. Field names, row counts and value shapes only: no row value, no
 * code or name a tenant chose, no token. This is how someone with a tenant tells where the registry (and the
 * emulator built from it) is wrong.
 */
import type { ReportDrift, WolkvoxClient } from '@wolkvox-mcp/client';
import type { AnyReport } from '@wolkvox-mcp/contracts';
import { explainFailure } from '../backend/errors.js';
import { cutText } from '../backend/quote.js';
import { type FormatFinding, formatFindings } from './formats.js';

export interface DoctorOptions {
  reports: readonly AnyReport[];
  /** The day asked of the windowed reports, `YYYY-MM-DD` on the tenant's calendar. */
  day: string;
  /**
   * Values for required parameters by name (`campaign_id=12`, `cod_act=cod_act2`); without one, the report's `all`
   * where it has one, else the registry's documented example.
   */
  params: Readonly<Record<string, string>>;
  /** wolkvox requests this run may make at most; the reports past it are told as not asked. */
  maxRequests: number;
  timeZone: string;
  /** Told after each report: how far the run is. */
  onProgress?: (done: number, total: number, finding: ReportFinding) => void;
  signal?: AbortSignal;
}

export type FindingStatus = 'matches' | 'drift' | 'empty' | 'failed' | 'skipped';

export interface ReportFinding {
  report: string;
  status: FindingStatus;
  /** The window asked, or null for a report without one. */
  window: { from: string; to: string } | null;
  rows: number;
  requests: number;
  /** Why it failed or was skipped (the explanation a tool would give: never a token). */
  reason?: string;
  drift?: {
    missing: Record<string, number>;
    nulls: Record<string, number>;
    unexpectedType: ReportDrift['unexpectedType'];
    extra: ReportDrift['extra'];
    envelope: ReportDrift['envelope'];
  };
  formats?: Record<string, FormatFinding>;
}

export interface DoctorReport {
  day: string;
  timeZone: string;
  requests: number;
  summary: Record<FindingStatus, number>;
  reports: ReportFinding[];
}

/** The request doctor sends a report: its window and a value for each required parameter. */
function requestFor(report: AnyReport, options: DoctorOptions): Record<string, string> {
  const request: Record<string, string> = report.window ? { from: options.day, to: options.day } : {};
  for (const [name, spec] of Object.entries(report.params)) {
    if (spec.required) request[name] = options.params[name] ?? spec.filter?.all ?? spec.example;
  }
  return request;
}

const isEmpty = (record: object) => Object.keys(record).length === 0;

function findingOf(
  report: AnyReport,
  window: ReportFinding['window'],
  result: { rows: Record<string, unknown>[]; requests: number; drift?: ReportDrift },
): ReportFinding {
  const base = { report: report.id, window, rows: result.rows.length, requests: result.requests };
  const formats = formatFindings(result.rows, report.fields);
  const drift = result.drift;
  const drifted =
    drift !== undefined &&
    !(
      isEmpty(drift.missing) &&
      isEmpty(drift.nulls) &&
      isEmpty(drift.unexpectedType) &&
      isEmpty(drift.extra) &&
      isEmpty(drift.envelope)
    );
  if (!drifted && isEmpty(formats)) {
    return { ...base, status: result.rows.length ? 'matches' : 'empty' };
  }
  return {
    ...base,
    status: 'drift',
    ...(drifted
      ? {
          drift: {
            missing: drift.missing,
            nulls: drift.nulls,
            unexpectedType: drift.unexpectedType,
            extra: drift.extra,
            envelope: drift.envelope,
          },
        }
      : {}),
    ...(isEmpty(formats) ? {} : { formats }),
  };
}

export async function diagnose(client: WolkvoxClient, options: DoctorOptions): Promise<DoctorReport> {
  const findings: ReportFinding[] = [];
  let requests = 0;
  for (const report of options.reports) {
    options.signal?.throwIfAborted();
    const window = report.window ? { from: options.day, to: options.day } : null;
    let finding: ReportFinding;
    if (requests >= options.maxRequests) {
      finding = {
        report: report.id,
        status: 'skipped',
        window,
        rows: 0,
        requests: 0,
        reason: `not asked: the run's ${options.maxRequests} requests were spent (--max-requests)`,
      };
    } else {
      try {
        const result = await client.reportById(report.id, requestFor(report, options) as never, {
          ...(options.signal ? { signal: options.signal } : {}),
        });
        requests += result.requests;
        finding = findingOf(report, window, result as never);
      } catch (error) {
        const explained = explainFailure(error, {
          report: report.id,
          tool: 'doctor',
          timeZone: options.timeZone,
        });
        requests += 1;
        finding = {
          report: report.id,
          status: 'failed',
          window,
          rows: 0,
          requests: 1,
          reason: cutText(explained.text, 500),
        };
      }
    }
    findings.push(finding);
    options.onProgress?.(findings.length, options.reports.length, finding);
  }
  const summary: Record<FindingStatus, number> = { matches: 0, drift: 0, empty: 0, failed: 0, skipped: 0 };
  for (const finding of findings) summary[finding.status] += 1;
  return { day: options.day, timeZone: options.timeZone, requests, summary, reports: findings };
}
