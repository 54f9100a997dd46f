/**
 * The emulator's options as a program gives them (`startMockServer`, `buildMockApp`): read against one zod rule
 * each (every problem at once, in one MockOptionsError naming the option and the rule), then resolved with every
 * default applied, so the rest of the emulator never guesses.
 */
import { DEFAULT_TIME_ZONE, getReport, isValidTimeZone, LIMITS, type Problem } from '@wolkvox-mcp/contracts';
import { z } from 'zod';
import { hashString } from '../prng.js';
import { formatProblem, loadScenario } from '../scenario/load.js';
import type { Scenario } from '../scenario/schema.js';
import { agentsFor } from '../tenant/cast.js';
import { DEFAULT_PROFILE, DEFAULT_VOLUME, MAX_VOLUME, type TenantProfile } from '../tenant/profile.js';
import { type CacheOptions, DEMO_TOKEN, type MockLimits, type MockServerOptions } from '../types.js';

/** The options with every default applied and checked once. */
export interface ResolvedOptions {
  host: string;
  port: number;
  /** The seed as a 32-bit number (strings are hashed). */
  seed: number;
  tokens: string[];
  dailyQuota: number;
  latencyMs: number;
  timeZone: string;
  now: Date | string | number | undefined;
  volume: number;
  limits: MockLimits;
  rowCap: 'truncate' | 'refuse';
  logger: boolean;
  cache: CacheOptions;
  /** Registry ids of the reports the tenant's server does not have (checked to be registry ids). */
  disabledReports: string[];
  /** The tenant: the seeded default, or what a scenario made of it. */
  profile: TenantProfile;
  /** The scenario the tenant was made from, as checked; undefined for the seeded default. */
  scenario: Scenario | undefined;
  /** The options given that win over any scenario's figures (`volume`, `dailyQuota`). */
  given: GivenFigures;
}

export type GivenFigures = Pick<MockServerOptions, 'volume' | 'dailyQuota'>;

/** The part of the options a scenario decides. */
export type TenantOptions = Pick<ResolvedOptions, 'profile' | 'scenario' | 'volume' | 'dailyQuota'>;

/**
 * The tenant a scenario makes (the seeded default without one): its profile, and its volume and quota unless the
 * options give them. The same rule at start and when the control API sets a scenario on a running emulator.
 */
export function tenantOptions(
  given: GivenFigures,
  scenario?: Scenario,
  profile?: TenantProfile,
): TenantOptions {
  const tenant = profile ?? DEFAULT_PROFILE;
  const volume = given.volume ?? scenario?.volume ?? DEFAULT_VOLUME;
  return {
    profile: tenant,
    scenario,
    volume,
    dailyQuota: given.dailyQuota ?? defaultDailyQuota(volume, tenant),
  };
}

export const DEFAULT_HOST = '127.0.0.1';
export { DEFAULT_VOLUME, MAX_VOLUME };
/** A busier tenant employs more agents (agentsFor), hence more licenses and a larger quota. */
export const defaultDailyQuota = (volume: number, profile: TenantProfile = DEFAULT_PROFILE) =>
  agentsFor(volume, profile) * LIMITS.dailyCallsPerLicense;

/** Options refused: each problem names the option and the rule it breaks. */
export class MockOptionsError extends RangeError {
  readonly problems: Problem[];
  constructor(problems: Problem[]) {
    super(`invalid emulator options: ${problems.map((p) => `${p.field} ${p.rule}`).join('; ')}`);
    this.name = 'MockOptionsError';
    this.problems = problems;
  }
}

/** The seed as the generators want it: numbers are used as they are, strings hashed. */
export function seedNumber(seed: number | string): number {
  if (typeof seed === 'number' && Number.isInteger(seed)) return seed >>> 0;
  return hashString(String(seed));
}

function unknownReportIds(ids: readonly string[]): string[] {
  return ids.filter((id) => getReport(id) === undefined);
}

/** Checks report ids before anything changes: a misspelt id would silently disable nothing. */
export function checkReportIds(ids: readonly string[]): string[] {
  const unknown = unknownReportIds(ids);
  if (unknown.length > 0) throw new RangeError(`unknown report id: ${unknown.join(', ')}`);
  return [...new Set(ids)];
}

const POSITIVE = 'must be a positive number';
const NON_NEGATIVE = 'must be a non-negative number';
const positive = (rule = POSITIVE) => z.number({ error: rule }).positive({ error: rule });
const nonNegative = (rule = NON_NEGATIVE) => z.number({ error: rule }).nonnegative({ error: rule });
const wholePositive = (rule: string) => z.int({ error: rule }).positive({ error: rule });
const HOST = 'must be a host name or address';
const PORT = 'must be a port number (0-65535)';
const TOKENS = 'must hold at least one non-empty token';
const VOLUME = `must be a number of calls a day from 0 to ${MAX_VOLUME.toLocaleString('en-US')}`;
const SCENARIO = 'must be the path of a scenario file (YAML or JSON)';

/** One rule per option; every option may be left out. */
export const OPTIONS_SCHEMA = z
  .object({
    host: z.string({ error: HOST }).min(1, { error: HOST }),
    port: z.int({ error: PORT }).min(0, { error: PORT }).max(65_535, { error: PORT }),
    seed: z.union([z.number(), z.string()], { error: 'must be a number or a string' }),
    tokens: z.array(z.string().min(1, { error: TOKENS }), { error: TOKENS }).min(1, { error: TOKENS }),
    dailyQuota: nonNegative(),
    latencyMs: nonNegative(),
    timeZone: z
      .string({ error: 'must be an IANA time zone like America/Bogota' })
      .refine(isValidTimeZone, { error: 'must be an IANA time zone like America/Bogota' }),
    now: z.union([z.date(), z.string(), z.number()], {
      error: 'must be a Date, an ISO-8601 string or epoch milliseconds',
    }),
    volume: nonNegative(VOLUME).max(MAX_VOLUME, { error: VOLUME }),
    limits: z
      .object({
        maxRecordsPerCall: positive(),
        maxResultBytes: positive(),
        callTimeoutMs: positive(),
        maxConcurrentPerToken: positive(),
        maxWindowDays: positive(),
      })
      .partial(),
    rowCap: z.enum(['truncate', 'refuse'], { error: 'must be truncate or refuse' }),
    logger: z.boolean({ error: 'must be true or false' }),
    cache: z
      .object({
        days: wholePositive('must be a positive whole number of days'),
        bodyBytes: wholePositive('must be a positive whole number of bytes'),
        shared: z.boolean({ error: 'must be true or false' }),
      })
      .partial(),
    disabledReports: z
      .array(z.string(), { error: 'must be a list of report ids' })
      .superRefine((ids, ctx) => {
        const unknown = unknownReportIds(ids);
        if (unknown.length)
          ctx.addIssue({ code: 'custom', message: `has an unknown report id: ${unknown.join(', ')}` });
      }),
    // Read here, so a scenario's problems (each with its line) are the option's like any other rule broken.
    scenario: z
      .string({ error: SCENARIO })
      .min(1, { error: SCENARIO })
      .transform((path, ctx) => {
        const reading = loadScenario(path);
        if (reading.ok) return reading;
        ctx.addIssue({ code: 'custom', message: reading.problems.map(formatProblem).join('; ') });
        return z.NEVER;
      }),
  })
  .partial();

export type CheckedOptions = z.output<typeof OPTIONS_SCHEMA>;

export type OptionsReading = { ok: true; options: CheckedOptions } | { ok: false; problems: Problem[] };

/** The parse step: every option against its rule, one problem per option (the first rule it breaks). */
export function readOptions(options: MockServerOptions): OptionsReading {
  const reading = OPTIONS_SCHEMA.safeParse(options);
  if (reading.success) return { ok: true, options: reading.data };
  const problems = new Map<string, Problem>();
  for (const issue of reading.error.issues) {
    const field = issue.path.join('.') || 'options';
    if (!problems.has(field)) problems.set(field, { field, rule: issue.message });
  }
  return { ok: false, problems: [...problems.values()] };
}

/** The resolve step: every default applied, the seed made a number, repeated tokens and ids dropped. */
export function applyDefaults(options: CheckedOptions): ResolvedOptions {
  const given: GivenFigures = { volume: options.volume, dailyQuota: options.dailyQuota };
  const tenant = tenantOptions(given, options.scenario?.scenario, options.scenario?.profile);
  const limits = options.limits ?? {};
  return {
    host: options.host ?? DEFAULT_HOST,
    port: options.port ?? 0,
    seed: seedNumber(options.seed ?? 1),
    tokens: [...new Set(options.tokens ?? [DEMO_TOKEN])],
    latencyMs: options.latencyMs ?? 0,
    timeZone: options.timeZone ?? DEFAULT_TIME_ZONE,
    now: options.now,
    limits: {
      maxRecordsPerCall: limits.maxRecordsPerCall ?? LIMITS.maxRecordsPerCall,
      maxResultBytes: limits.maxResultBytes ?? LIMITS.maxResultBytes,
      callTimeoutMs: limits.callTimeoutMs ?? LIMITS.callTimeoutMs,
      maxConcurrentPerToken: limits.maxConcurrentPerToken ?? LIMITS.maxConcurrentPerToken,
      maxWindowDays: limits.maxWindowDays ?? LIMITS.maxWindowDays,
    },
    rowCap: options.rowCap ?? 'truncate',
    logger: options.logger ?? false,
    cache: {
      days: options.cache?.days ?? 62,
      bodyBytes: options.cache?.bodyBytes ?? 64 * 1024 * 1024,
      shared: options.cache?.shared ?? true,
    },
    disabledReports: [...new Set(options.disabledReports ?? [])],
    ...tenant,
    given,
  };
}

export function resolveOptions(options: MockServerOptions = {}): ResolvedOptions {
  const reading = readOptions(options);
  if (!reading.ok) throw new MockOptionsError(reading.problems);
  return applyDefaults(reading.options);
}
