/**
 * A report call's arguments as one zod schema: the contracts' request vocabulary for the report (from/to in the
 * one date grammar, the report's own parameters) and the controls. It is the tool's only parser and its
 * JSON Schema is the tool's input schema. A paging cursor stands for the whole request, so the request's fields are
 * optional in the schema and required here unless a cursor is given.
 */
import {
  type AnyReport,
  alwaysRefine,
  type CheckedRequest,
  callerRequestShape,
  type ParamSpec,
  type RequestContext,
  type RequestReader,
  refuseUnknownNames,
  requestReader,
  requireFields,
} from '@wolkvox-mcp/contracts';
import { z } from 'zod';
import { type ReportSource, requestText } from '../../backend/source.js';
import type { Aggregates } from '../../results/aggregate.js';
import type { Controls } from '../../results/controls.js';
import { type CursorState, cursorControls, cursorTimeRefusal } from '../../results/cursor.js';
import type { Filter } from '../../results/filter.js';
import { checkControls, controlShape } from './controls.js';
import type { ExportControl } from './export-control.js';
import { seeingPrototypeNames } from './prototype-names.js';
import { firstClause } from './text.js';

/** The longest window one tool call may cover; longer ones would spend much of a day's quota at once. */
const MAX_WINDOW_DAYS_PER_CALL = 366;

export interface ReportCall {
  report: AnyReport;
  /** The window in tenant wall time and the report's parameters, checked here once: the source takes it as is. */
  request: CheckedRequest;
  controls: Controls;
  /** The cursor the call continues, if any. */
  cursor?: CursorState;
  /** Every row of the result written to a file (run_report's `format`), instead of a page. */
  export?: ExportControl;
}

/** What run_report and the report tools read relative dates against: the source's clock and zone. */
export interface CallContext {
  timeZone: string;
  now?: () => Date;
}

/** Relative dates in a call resolve on the source's clock (the embedded emulator's own) and time zone. */
export function callContext({ source }: { source: ReportSource }): CallContext {
  return { timeZone: source.timeZone, now: () => source.now?.() ?? new Date() };
}

/** A report tool's `prepare`: the source's clock read again before relative dates are (ToolDefinition). */
export function readClock({ source }: { source: ReportSource }): () => Promise<void> {
  return () => source.syncClock?.() ?? Promise.resolve();
}

const PARAM_DESCRIPTION_CHARS = 90;

/**
 * A report field in as few bytes as say what it is: tools/list repeats it in every report tool, and the full
 * text stays in wolkvox://reports/{id} (and the date grammar in the server instructions).
 */
function briefly(name: string, schema: z.ZodType, param: ParamSpec | undefined, timeZone: string): z.ZodType {
  if (name === 'from') {
    return schema.describe(
      `Start: 2025-02-03, 2025-02-03T08:00, yesterday, today-7, last_week, last_30_days…; ${timeZone} time. Required unless cursor`,
    );
  }
  if (name === 'to')
    return schema.describe("End, inclusive (default: end of from's day or range; today for today-N)");
  // The contracts' parameter field already shows its example (or its values).
  return param ? schema.describe(firstClause(param.description, PARAM_DESCRIPTION_CHARS)) : schema;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

type Fields = Record<string, unknown>;
type ReplayResult = { success: true; data: CheckedRequest } | { success: false; error: z.ZodError };

/** Controls as the arguments write them: what `controlsOf` reads back. */
function controlArguments(controls: Controls): Fields {
  return {
    offset: controls.offset,
    ...(controls.limit !== undefined ? { limit: controls.limit } : {}),
    ...(controls.fields ? { fields: controls.fields } : {}),
    ...(controls.filter ? { filter: controls.filter } : {}),
    ...(controls.groupBy ? { group_by: controls.groupBy } : {}),
    ...(controls.aggregate ? { aggregate: controls.aggregate } : {}),
    ...(controls.orderBy ? { order_by: controls.orderBy } : {}),
    ...(controls.top !== undefined ? { top: controls.top } : {}),
  };
}

/** A cursor's query as the arguments that would ask it: checked by the same schema as arguments, nothing laxer. */
function cursorArguments(cursor: CursorState): Fields {
  return { ...cursor.request, ...controlArguments(cursorControls(cursor)) };
}

/**
 * A cursor fixes the query: it must page this report, still be within its time (on the source's clock, `now`), and
 * anything else given must agree with it.
 */
function cursorAgrees(
  report: AnyReport,
  reader: RequestReader,
  replay: (cursor: CursorState) => ReplayResult,
  now: () => Date,
) {
  return (fields: Fields, ctx: z.RefinementCtx): void => {
    const cursor = fields.cursor as CursorState | null | undefined;
    if (!cursor) return;
    if (cursor.report !== report.id) {
      ctx.addIssue({
        code: 'custom',
        path: ['cursor'],
        // run_report is listed whatever the toolsets: the report's own tool may not be.
        message: `this cursor pages report ${cursor.report}, not ${report.id}; call run_report with it`,
        continue: true,
      });
      return;
    }
    const late = cursorTimeRefusal(cursor, now().getTime());
    if (late) {
      ctx.addIssue({ code: 'custom', path: ['cursor'], message: late.rule, continue: true });
      return;
    }
    const replayed = replay(cursor);
    if (!replayed.success) {
      const [first] = replayed.error.issues;
      ctx.addIssue({
        code: 'custom',
        path: ['cursor'],
        message:
          `carries a query that arguments would be refused for (${first?.path.join('.') || 'query'}: ${first?.message}); ` +
          'ask again without cursor',
        continue: true,
      });
      return;
    }
    const request = requestText(reader.checkedRequest(fields));
    const given: [string, unknown, unknown][] = [
      ['offset', fields.offset, cursor.offset],
      ['fields', fields.fields && [...new Set(fields.fields as string[])], cursor.fields],
      ['filter', fields.filter, cursor.filter],
      ['group_by', fields.group_by && [...new Set(fields.group_by as string[])], cursor.groupBy],
      ['aggregate', fields.aggregate, cursor.aggregate],
      ['order_by', fields.order_by, cursor.orderBy],
      ['top', fields.top, cursor.top],
      // Only what the caller wrote counts: a `to` derived from `from` is not a disagreement.
      ...Object.keys(request)
        .filter((name) => fields[name] !== undefined)
        .map((name): [string, unknown, unknown] => [name, request[name], cursor.request[name]]),
    ];
    for (const [name, value, expected] of given) {
      if (value !== undefined && !sameJson(value, expected)) {
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: `differs from the cursor's query (${JSON.stringify(expected ?? null)}); drop the cursor to ask something new`,
          continue: true,
        });
      }
    }
  };
}

/** The controls of parsed arguments. */
function controlsOf(fields: Fields, offset: number, limit: number | undefined): Controls {
  const columns = fields.fields as string[] | undefined;
  const filter = fields.filter as Filter | undefined;
  const groupBy = fields.group_by as string[] | undefined;
  const aggregate = fields.aggregate as Aggregates | undefined;
  const orderBy = fields.order_by as string[] | undefined;
  const top = fields.top as number | undefined;
  return {
    offset,
    ...(limit !== undefined ? { limit } : {}),
    // `fields: []` with group_by asks for the count alone (no sums); without group_by it shows every column.
    ...(columns && (columns.length || groupBy?.length) ? { fields: [...new Set(columns)] } : {}),
    ...(filter && Object.keys(filter).length ? { filter } : {}),
    ...(groupBy?.length ? { groupBy: [...new Set(groupBy)] } : {}),
    ...(aggregate ? { aggregate } : {}),
    ...(orderBy?.length ? { orderBy } : {}),
    ...(top !== undefined ? { top } : {}),
  };
}

/**
 * The checked call: a fresh query, or the cursor's with only `limit` changed (its request as the cursor's check
 * read it).
 */
function toCall(
  report: AnyReport,
  fields: Fields,
  reader: RequestReader,
  cursorRequest: (cursor: CursorState) => CheckedRequest,
): ReportCall {
  const cursor = fields.cursor as CursorState | undefined;
  const limit = fields.limit as number | undefined;
  if (cursor) {
    const controls = { ...cursorControls(cursor), limit: limit ?? cursor.limit };
    return { report, cursor, request: cursorRequest(cursor), controls };
  }
  return {
    report,
    request: reader.checkedRequest(fields),
    controls: controlsOf(fields, (fields.offset as number | undefined) ?? 0, limit),
  };
}

/** The input schema and only parser of a call to `report` through the tool named `tool`. */
export function reportCallSchema(report: AnyReport, call: CallContext, tool: string): z.ZodType<ReportCall> {
  const context: RequestContext = { ...call, maxDays: MAX_WINDOW_DAYS_PER_CALL };
  const reader = requestReader(report, context);
  const request = callerRequestShape(report, context, { optional: true });
  const shape: Record<string, z.ZodType> = {};
  for (const [name, schema] of Object.entries(request)) {
    shape[name] = briefly(name, schema, report.params[name], call.timeZone);
  }
  const columns = Object.keys(report.fields);
  Object.assign(shape, controlShape(columns));
  // The arguments' own schema without the cursor: what a cursor carries must pass it as if it were arguments.
  const { cursor: _cursor, ...argumentShape } = shape;
  const argumentsSchema = z.looseObject(argumentShape).check(
    alwaysRefine((fields: Fields, ctx) => requireFields(report, fields, ctx)),
    alwaysRefine(refuseUnknownNames(report, Object.keys(argumentShape), tool)),
    alwaysRefine(reader.checkWindow),
    alwaysRefine(checkControls(report.fields, context)),
  );
  // A cursor's request as its check read it, for the call that pages by the cursor.
  const replayed = new WeakMap<CursorState, CheckedRequest>();
  const replay = (cursor: CursorState): ReplayResult => {
    const checked = argumentsSchema.safeParse(cursorArguments(cursor));
    if (!checked.success) return checked;
    const data = reader.checkedRequest(checked.data);
    replayed.set(cursor, data);
    return { success: true, data };
  };
  return seeingPrototypeNames(
    z
      .looseObject(shape)
      .meta({ additionalProperties: false })
      // Missing fields first, as the contracts' own schema reports them (a required field fails before any check of
      // the whole request): the client and the tools name the same field first.
      .check(
        alwaysRefine((fields: Fields, ctx) => {
          if (fields.cursor === undefined) requireFields(report, fields, ctx);
        }),
        alwaysRefine(refuseUnknownNames(report, Object.keys(shape), tool)),
        alwaysRefine(reader.checkWindow),
        alwaysRefine(checkControls(report.fields, context)),
        alwaysRefine(cursorAgrees(report, reader, replay, call.now ?? (() => new Date()))),
      )
      // Past every check: a cursor's replay succeeded, so its request was read.
      .transform((fields) => toCall(report, fields, reader, (cursor) => replayed.get(cursor)!)),
  ) as never;
}
