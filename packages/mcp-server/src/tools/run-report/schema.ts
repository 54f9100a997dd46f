/**
 * run_report's arguments: the report id, `from`/`to`, the report's own parameters in `params`, and the same
 * controls as the report tools. Once the report is known, the call is parsed by that report's own call schema
 * (tools/common/report-call.ts), so run_report and the report's own tool accept and refuse the same things.
 */
import { type AnyReport, MAX_DATE_CHARS } from '@wolkvox-mcp/contracts';
import { z } from 'zod';
import { reportNames } from '../../catalog/names.js';
import type { ChartRequest } from '../../charts/chart.js';
import { isCursorRefusal, readCursor } from '../../results/cursor.js';
import { CHART_CONTROL } from '../common/chart.js';
import {
  boundedString,
  CURSOR_TEXT,
  controlShape,
  MAX_NAME_CHARS,
  quietlyBoundedString,
  reportParams,
} from '../common/controls.js';
import { EXPORT_SHAPE, takeExport } from '../common/export-control.js';
import { seeingPrototypeNames } from '../common/prototype-names.js';
import { type CallContext, type ReportCall, reportCallSchema } from '../common/report-call.js';

type Issue = z.core.$ZodIssue;

/** A run_report call: the report's own call, and the chart of its result when one is asked for. */
export interface RunReportCall extends ReportCall {
  chart?: ChartRequest;
}

/**
 * run_report's input schema and only parser: the report named (or the one a cursor pages), then that report's own
 * call schema over the rest, its problems named as run_report's arguments name them. `chart`, `format` and `bom` are
 * run_report's own (the report tools do not take them), so they are read here and not by the report's call schema.
 */
export function runReportInput(
  reports: readonly AnyReport[],
  context: CallContext,
): z.ZodType<RunReportCall> {
  // An id in any case, the tool name list_reports shows in its `tool` column, or a report's title.
  const reportsNamed = reportNames(reports);
  const callSchemas = new Map<AnyReport, z.ZodType<ReportCall>>();
  const callSchema = (report: AnyReport) => {
    let schema = callSchemas.get(report);
    if (!schema) {
      // Unknown names are told against the report's own parameters.
      schema = reportCallSchema(report, context, report.id);
      callSchemas.set(report, schema);
    }
    return schema;
  };

  const shape = {
    report: boundedString(MAX_NAME_CHARS, 'is required: a report id such as act_3 (list_reports finds them)')
      .optional()
      .describe('Report id, e.g. act_3 (list_reports finds it)'),
    from: quietlyBoundedString(MAX_DATE_CHARS)
      .optional()
      .describe(
        `Historical reports only. Start: 2025-02-03, 2025-02-03T08:00, yesterday, last_week…; ${context.timeZone} time`,
      ),
    to: quietlyBoundedString(MAX_DATE_CHARS)
      .optional()
      .describe("End, inclusive (default: end of from's day or range; today for today-N)"),
    params: reportParams().describe('The report\'s own parameters, e.g. {"campaign_id": "all"}'),
    ...controlShape(),
    // Kept as given: the report's own call schema decodes and checks it, once the report is known.
    cursor: CURSOR_TEXT.optional().describe('next_cursor of the last answer: its next page'),
    chart: CHART_CONTROL,
    ...EXPORT_SHAPE,
  };
  const names = Object.keys(shape);

  /** The report named, or by the cursor: a cursor alone pages on. */
  const reportOf = (value: Record<string, unknown>, ctx: z.RefinementCtx): AnyReport | undefined => {
    const cursor = typeof value.cursor === 'string' ? readCursor(value.cursor) : undefined;
    if (value.report === undefined && cursor && isCursorRefusal(cursor)) {
      ctx.addIssue({ code: 'custom', path: ['cursor'], message: cursor.rule });
      return undefined;
    }
    const id =
      (value.report as string | undefined) ??
      (cursor && !isCursorRefusal(cursor) ? cursor.report : undefined);
    if (id === undefined || id === '') {
      ctx.addIssue({
        code: 'custom',
        path: ['report'],
        message: 'is required: a report id such as act_3 (list_reports finds them)',
      });
      return undefined;
    }
    const report = reportsNamed.find(id);
    if (report) return report;
    const near = reportsNamed.near(id);
    ctx.addIssue({
      code: 'custom',
      path: ['report'],
      message:
        `unknown report ${JSON.stringify(id)}; ${near.length ? `did you mean ${near.join(', ')}? ` : ''}` +
        `list_reports searches all ${reportsNamed.ids.length} reports by keyword`,
    });
    return undefined;
  };

  /** The report's own call schema parses the call; its problems keep their names (params under `params.`). */
  const input = z
    .looseObject(shape)
    .meta({ additionalProperties: false })
    .superRefine((value, ctx) => {
      for (const name of Object.keys(value)) {
        if (!names.includes(name)) {
          ctx.addIssue({
            code: 'custom',
            path: [name],
            message: `unknown argument; run_report takes: ${names.join(', ')} (a report's own parameters go in params)`,
          });
        }
      }
    })
    .transform((value, ctx) => {
      const report = reportOf(value, ctx);
      if (!report) return z.NEVER;
      const { control, rest: others } = takeExport(value, ctx);
      const { report: _id, params, chart, ...rest } = others;
      const own = (params ?? {}) as Record<string, unknown>;
      const call: Record<string, unknown> = { ...own, ...rest };
      // from/to are accepted in params too, where they must agree with the top-level ones.
      for (const name of ['from', 'to'] as const) {
        if (own[name] !== undefined && rest[name] !== undefined && own[name] !== rest[name]) {
          ctx.addIssue({
            code: 'custom',
            path: ['params', name],
            message: `disagrees with the top-level ${name}; give it once`,
          });
          return z.NEVER;
        }
      }
      const parsed = callSchema(report).safeParse(call);
      if (parsed.success) {
        return { ...parsed.data, ...(chart ? { chart } : {}), ...(control ? { export: control } : {}) };
      }
      for (const issue of parsed.error.issues) ctx.addIssue(inRunReport(issue, report, own));
      return z.NEVER;
    });

  return seeingPrototypeNames(input) as never;
}

/**
 * An issue of the report's own schema as run_report names it: the report's parameters live in `params`, and a
 * parameter given at the top level is told to move there.
 */
function inRunReport(issue: Issue, report: AnyReport, own: Record<string, unknown>) {
  const [first, ...rest] = issue.path;
  const name = String(first);
  const isParam = Object.hasOwn(report.params, name) || (first !== undefined && Object.hasOwn(own, name));
  const path = isParam && name !== 'from' && name !== 'to' ? ['params', name, ...rest] : issue.path;
  return {
    code: 'custom' as const,
    path: path as PropertyKey[],
    message: issue.message,
    params: issueParams(issue),
  };
}

function issueParams(issue: Issue): Record<string, unknown> | undefined {
  return (issue as { params?: Record<string, unknown> }).params;
}
