import { z } from 'zod';
import { envelopeSchema } from './envelope.js';
import { FAMILIES, type Family } from './families.js';
import { type FieldMap, type FieldSpec, fieldShape, type Where } from './fields.js';
import { DAY_MS, LIMITS } from './limits.js';
import { type ParamMap, type WireDate, wolkvoxDateSchema } from './params.js';
import type { CheckedRequest } from './request/caller.js';
import type { AttributeOf, Entity } from './tenant.js';

/** The MCP toolsets a report belongs to: one per area an operations team asks about. */
export const TOOLSETS = {
  agents: 'Agent states, times, logins, transfers and conferences',
  skills: 'Skills (queues): calls, service level, abandonment, workforce',
  calls: 'Call detail records, telephone usage, SMS, e-mail and typification (type) codes',
  ivr: 'IVR, routing points, bots, surveys, ASR/TTS/NLP',
  campaigns: 'Outbound campaigns: dialled records, results, AMD, preview, WhatsApp campaigns',
  chat: 'Chats and digital interactions: conversations, transfers, channels, WhatsApp billing',
  quality: 'Quality evaluations per agent, attribute and analyst',
  speech: 'Speech analytics and the wvx Copilot (Mr. Wizard)',
  realtime: 'What is happening now: last minutes, agents, skills, campaigns, chats',
  info: 'Look-ups: agents, skills, campaigns, type codes, routing points, token quota',
} as const;

export type Toolset = keyof typeof TOOLSETS;

/**
 * How the emulator builds a report's rows from its simulated tenant: a view over one record set.
 * This is data, not code, so that a new report over existing records needs no emulator change. The entity and the
 * attributes are types (tenant.ts): a misspelt one fails to compile.
 */
export interface RowsSpec<E extends Entity = Entity, A extends string = AttributeOf<E>> {
  /** The record set of the simulated tenant (e.g. `calls`, `transfers`). */
  entity: E;
  /** Keep records whose attribute equals the value, is one of the values, or falls in a numeric range. */
  where?: Where<A>;
  /** Aggregate: one row per distinct combination of these attributes (fields read `{count}`/`{sum}`). */
  groupBy?: readonly A[];
  /**
   * Windowed reports: the date attribute the window and the clock apply to, when it is not the record's `date`
   * (chat_1 selects chats by when they closed, `date_close`, while `date` is when they opened).
   */
  windowBy?: A;
  /** Grouped reports: keep only groups with at least one record matching this (hours an agent worked). */
  groupsWith?: Where<A>;
  /** Real-time: records from the last N minutes of the emulator's clock instead of a window. */
  lastMinutes?: number;
  /** `object`: `data` is one object (the first row), not a list (real-time info_server). */
  shape?: 'rows' | 'object';
  /** Detail reports the platform lists newest first (audit_log); rows otherwise come oldest first. */
  order?: 'oldest-first' | 'newest-first';
}

export interface ReportWindow {
  /** Longest window one call may ask for, in days. */
  maxDays: number;
  /** Report-specific advice on the size of a window (diagram_9 asks to narrow past 6,000 rows). */
  advice?: string;
}

export interface ReportSpec<
  F extends FieldMap = FieldMap,
  P extends ParamMap = ParamMap,
  E extends Entity = Entity,
> {
  /** The `api` query value. */
  api: string;
  /** Registry key; the `api` unless two families share it (information look-ups). */
  id?: string;
  family: Family;
  toolset: Toolset;
  /** wolkvox's own catalogue category. */
  category: string;
  title: string;
  /** The title wolkvox gives the report in its Spanish documentation, as people search by it. */
  titleEs?: string;
  /** What the report holds and which questions it answers, for an assistant choosing a tool. */
  description: string;
  /** Questions this report answers, in an operations person's words. */
  questions: readonly string[];
  params: P;
  fields: F;
  /**
   * Window limits; historical families default to 31 days. Real-time reports take no window; a look-up that takes
   * date_ini/date_end (audit_log) declares one, so that it is windowed like any historical report.
   */
  window?: ReportWindow;
  rows: RowsSpec<E>;
  /** Where the contract comes from (seed page, catalogue, Postman item). */
  sources: readonly string[];
  /** Conflicts between sources and the reading chosen. */
  notes?: readonly string[];
}

export interface Report<F extends FieldMap = FieldMap, P extends ParamMap = ParamMap>
  extends Omit<ReportSpec<F, P>, 'window' | 'id'> {
  id: string;
  /** The family's endpoint path. */
  path: string;
  /** Window limits, or null for reports that describe "now". */
  window: ReportWindow | null;
  /**
   * Wire parameters (without `api`): `date_ini`/`date_end` for windowed reports plus the report's own, checked
   * against the report's window limit. Its output is the checked request: the window read once into wall time,
   * and the report's own parameters (see `wireRequestSchema`).
   */
  requestSchema: z.ZodType<CheckedRequest, Record<string, string>>;
  /** One row; extra fields are kept (wolkvox adds columns over time). */
  rowSchema: z.ZodType<RowOf<F>>;
  /** The whole success envelope. */
  responseSchema: z.ZodType<{ code: number | string; error: string | null; msg: string; data: RowOf<F>[] }>;
}

/** A field's value: a string, or nested items for `list` / `object` fields. */
export type FieldValue<S extends FieldSpec> = S extends { kind: 'list' }
  ? Record<string, unknown>[]
  : S extends { kind: 'object' }
    ? Record<string, unknown>
    : string;

/** A row of a report: every documented field (a string, or nested items), plus whatever else the platform sends. */
export type RowOf<F extends FieldMap> = { [K in keyof F]: FieldValue<F[K]> } & Record<string, unknown>;

type RequiredKeys<P extends ParamMap> = {
  [K in keyof P]: P[K]['required'] extends true ? K : never;
}[keyof P];
type OptionalKeys<P extends ParamMap> = Exclude<keyof P, RequiredKeys<P>>;

/** A report's own parameters as a caller passes them. */
export type ParamsOf<P extends ParamMap> = { [K in RequiredKeys<P>]: z.infer<P[K]['schema']> } & {
  [K in OptionalKeys<P>]?: z.infer<P[K]['schema']>;
};

const DATE_INI_DESCRIPTION = 'Window start, tenant wall time, YYYYmmddHHiiss (e.g. 20250201000000).';
const DATE_END_DESCRIPTION = 'Window end (inclusive), tenant wall time, YYYYmmddHHiiss; not before date_ini.';

/**
 * The `params.limit` of the issue a wire window longer than allowed raises. The emulator recognises it by this
 * (not by its text) to answer wolkvox's own `THE DATE RANGE EXCEEDS THE ALLOWED DAYS PER QUERY`.
 */
export const WINDOW_TOO_LONG = 'window-too-long';

/** What a window-too-long issue carries in `params`: the problem's parts and the figures behind them. */
export interface WindowTooLongParams {
  limit: typeof WINDOW_TOO_LONG;
  rule: string;
  hint: string;
  /** The longest window allowed, in days. */
  maxDays: number;
  /** How long the window asked for is, in milliseconds (date_end - date_ini). */
  spanMs: number;
}

type WireFields = Record<string, WireDate | string | undefined>;

const wireDate = (value: WireFields, name: 'date_ini' | 'date_end') => value[name] as WireDate | undefined;

/**
 * A wire check: `date_end` at most `maxDays` whole days after `date_ini` (31 days to the second pass, one second
 * more does not). Dates that do not read are left to the date schemas.
 */
function windowLengthCheck(maxDays: number) {
  return (value: WireFields, ctx: z.RefinementCtx<WireFields>): void => {
    const from = wireDate(value, 'date_ini')?.at;
    const to = wireDate(value, 'date_end')?.at;
    if (from === undefined || to === undefined || to - from <= maxDays * DAY_MS) return;
    const params: WindowTooLongParams = {
      limit: WINDOW_TOO_LONG,
      rule: `is more than ${maxDays} days after date_ini`,
      hint: `one call covers at most ${maxDays} days; split the window`,
      maxDays,
      spanMs: to - from,
    };
    ctx.addIssue({
      code: 'custom',
      path: ['date_end'],
      input: wireDate(value, 'date_end')?.text,
      message: `${params.rule} (${params.hint})`,
      params,
    });
  };
}

/**
 * The wire schema of a report's request with a window limit of `maxDays` (unlimited: Infinity). Each report's
 * `requestSchema` is this with its own `window.maxDays`; the emulator builds it with a narrower configured limit,
 * and with none to read a whole view. The dates are read once (`wolkvoxDateSchema`); the order check compares
 * their text, digit by digit, so a reversed window is named even when one of its dates is not real.
 */
export function wireRequestSchema(
  report: { params: ParamMap; window: ReportWindow | null },
  maxDays: number,
): z.ZodType<CheckedRequest, Record<string, string>> {
  const shape: Record<string, z.ZodType> = {};
  if (report.window) {
    shape.date_ini = wolkvoxDateSchema.describe(DATE_INI_DESCRIPTION);
    shape.date_end = wolkvoxDateSchema.describe(DATE_END_DESCRIPTION);
  }
  for (const [name, param] of Object.entries(report.params)) {
    shape[name] = param.required
      ? param.schema.describe(param.description)
      : param.schema.optional().describe(param.description);
  }
  const fields = z.object(shape) as unknown as z.ZodType<WireFields, Record<string, string>>;
  if (!report.window) {
    return fields.transform((params) => ({ window: null, params: params as Record<string, string> }));
  }
  return fields
    .refine(
      (value) => (wireDate(value, 'date_end')?.text ?? '') >= (wireDate(value, 'date_ini')?.text ?? ''),
      { error: 'must not be before date_ini', path: ['date_end'] },
    )
    .superRefine(windowLengthCheck(maxDays))
    .transform(({ date_ini, date_end, ...params }) => ({
      // Past every check: both dates were read.
      window: { start: (date_ini as WireDate).at!, end: (date_end as WireDate).at! },
      params: params as Record<string, string>,
    }));
}

/** The window-too-long figures of a zod issue, or undefined when the issue is about something else. */
export function windowTooLongOf(issue: z.core.$ZodIssue): WindowTooLongParams | undefined {
  const params = (issue as { params?: Partial<WindowTooLongParams> }).params;
  return params?.limit === WINDOW_TOO_LONG ? (params as WindowTooLongParams) : undefined;
}

/**
 * Builds the derived schemas of one registry entry. Everything downstream reads these. The entity is inferred from
 * `rows.entity`, and the fields' and parameters' bindings must name that entity's attributes.
 */
export function defineReport<
  const E extends Entity,
  const F extends FieldMap<AttributeOf<E>>,
  const P extends ParamMap<AttributeOf<E>>,
>(spec: ReportSpec<F, P, E>): Report<F, P> {
  const family = FAMILIES[spec.family];
  const window = family.windowed || spec.window ? (spec.window ?? { maxDays: LIMITS.maxWindowDays }) : null;

  // The zod schemas are built on first use: a process that only describes reports (the MCP server serving
  // tools/list at start-up) never pays for the schemas of the whole registry.
  let requestSchema: z.ZodType<CheckedRequest, Record<string, string>> | undefined;
  let rowSchema: z.ZodType | undefined;
  let responseSchema: z.ZodType | undefined;
  const row = () =>
    (rowSchema ??= z.looseObject(fieldShape(spec.fields)).describe(`One row of ${spec.api}: ${spec.title}`));

  return {
    ...spec,
    id: spec.id ?? spec.api,
    path: family.path,
    window,
    get requestSchema() {
      requestSchema ??= wireRequestSchema({ params: spec.params, window }, window?.maxDays ?? Infinity);
      return requestSchema;
    },
    get rowSchema() {
      return row() as never;
    },
    get responseSchema() {
      responseSchema ??= envelopeSchema(spec.rows.shape === 'object' ? row() : z.array(row()));
      return responseSchema as never;
    },
  };
}
