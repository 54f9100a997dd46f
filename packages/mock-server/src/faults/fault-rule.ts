import { z } from 'zod';

/**
 * What a test may inject, as one zod schema: the in-process control (`injectFault`) and the control API
 * (`POST /__mock/faults`) both check rules with it, and the public `FaultRule` and `FaultSpec` types are read off
 * it, so the three can never disagree.
 */

const FAULT_KINDS = ['status', 'delay', 'reset', 'truncate', 'concurrency', 'drift'] as const;
const HTTP_STATUS = 'must be an HTTP status (200-599)';
/** A delay is one timer: past Node's longest timer (~24.8 days) it would fire at once instead of stalling. */
const MAX_DELAY_MS = 2_147_483_647;
const MILLISECONDS = `must be a number of milliseconds from 0 to ${MAX_DELAY_MS}`;
/** Longer than any report id, family or token, short enough that an error quoting one stays small. */
const MAX_MATCH_TEXT = 256;
const TIMES = 'must be a positive integer';
const PROBABILITY = 'must be in (0, 1]';
/** Fields a drift names: more than any report has. */
const MAX_DRIFT_FIELDS = 100;
const FIELD_NAME = z.string().min(1).max(MAX_MATCH_TEXT);
const FIELD_VALUE = z.union([z.string().max(MAX_MATCH_TEXT), z.number(), z.boolean(), z.null()]);
const fieldMap = <T extends z.ZodType>(value: T) =>
  z.record(FIELD_NAME, value).refine((map) => Object.keys(map).length <= MAX_DRIFT_FIELDS, {
    error: `names more than ${MAX_DRIFT_FIELDS} fields`,
  });

export const faultSpecSchema = z.discriminatedUnion(
  'kind',
  [
    /** Answer this status in the envelope instead of the report. */
    z.object({
      kind: z.literal('status'),
      status: z.int({ error: HTTP_STATUS }).min(200, { error: HTTP_STATUS }).max(599, { error: HTTP_STATUS }),
    }),
    /** Wait this long first (counts towards the call's time limit). */
    z.object({
      kind: z.literal('delay'),
      ms: z
        .number({ error: MILLISECONDS })
        .nonnegative({ error: MILLISECONDS })
        .max(MAX_DELAY_MS, { error: MILLISECONDS }),
    }),
    /** Reset the connection mid-call. */
    z.object({ kind: z.literal('reset') }),
    /** Send half the body's bytes and end cleanly. */
    z.object({ kind: z.literal('truncate') }),
    /** Refuse as if the token's concurrent requests were exhausted. */
    z.object({ kind: z.literal('concurrency') }),
    /**
     * Answer rows that differ from the contract, as a real tenant's may: fields dropped, renamed, added, or holding
     * a value of another format (`"set": {"talk_time": "125"}` where the registry says HH:MM:SS). What `doctor`
     * exists to find.
     */
    z.object({
      kind: z.literal('drift'),
      drop: z.array(FIELD_NAME).max(MAX_DRIFT_FIELDS).optional(),
      rename: fieldMap(FIELD_NAME).optional(),
      add: fieldMap(FIELD_VALUE).optional(),
      set: fieldMap(FIELD_VALUE).optional(),
    }),
  ],
  { error: `must be one of ${FAULT_KINDS.join(', ')}` },
);

export const faultRuleSchema = z.strictObject({
  fault: faultSpecSchema,
  /** Matching requests that suffer the fault; default 1. */
  times: z.int({ error: TIMES }).min(1, { error: TIMES }).optional(),
  /** Chance (0..1] that a matching request suffers it, drawn from the tenant seed; default 1. */
  probability: z
    .number({ error: PROBABILITY })
    .gt(0, { error: PROBABILITY })
    .max(1, { error: PROBABILITY })
    .optional(),
  /** Which requests it hits; a token may be given raw or as its label. */
  match: z
    .strictObject({
      api: z.string().max(MAX_MATCH_TEXT).optional(),
      family: z.string().max(MAX_MATCH_TEXT).optional(),
      token: z.string().max(MAX_MATCH_TEXT).optional(),
    })
    .optional(),
});

export type FaultSpec = z.infer<typeof faultSpecSchema>;
export type FaultRule = z.input<typeof faultRuleSchema>;

/** The rule, checked; a RangeError naming each thing wrong otherwise. */
export function parseFaultRule(rule: unknown): z.infer<typeof faultRuleSchema> {
  const parsed = faultRuleSchema.safeParse(rule);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'rule'}: ${issue.message}`);
  throw new RangeError(problems.join('; '));
}
