import { z } from 'zod';
import { CLOCK_RANGE, MAX_ADVANCE_MS, toMillis } from '../clock.js';
import { EmulatorRefusal } from '../envelope.js';

/**
 * What the control API (`/__mock/`) accepts, as zod schemas: every body, query and path parameter is checked here
 * before it reaches the emulator, so nothing an operator or a fuzzer posts can leave the emulator unable to serve
 * reports. Fault rules keep their own schema (faults/fault-rule.ts), shared with the in-process control.
 */

/** Longer than any ISO 8601 instant or report id, short enough that an error quoting one stays small. */
const MAX_TEXT = 64;

function isClockInstant(text: string): boolean {
  try {
    const ms = toMillis(text);
    return ms >= CLOCK_RANGE.from && ms < CLOCK_RANGE.to;
  } catch {
    return false;
  }
}

const instant = z
  .string()
  .min(1)
  .max(MAX_TEXT)
  .refine(isClockInstant, { message: `must be an ISO 8601 instant from ${CLOCK_RANGE.label}` });

export const clockBodySchema = z
  .strictObject({
    set: instant.optional(),
    /** Older name of `set`. */
    now: instant.optional(),
    advanceMs: z
      .number()
      .finite()
      .min(-MAX_ADVANCE_MS, { message: `must be at least -${MAX_ADVANCE_MS} (10 years back)` })
      .max(MAX_ADVANCE_MS, { message: `must be at most ${MAX_ADVANCE_MS} (10 years ahead)` })
      .optional(),
    /** true freezes where the clock is (or at `set`); an instant freezes there. */
    freeze: z.union([z.boolean(), instant]).optional(),
  })
  .refine((body) => body.set === undefined || body.now === undefined, {
    message: 'give set or now, not both',
    path: ['now'],
  });

/** Bounded by the registry's size with room to spare; each id is checked against the registry afterwards. */
export const disabledReportsBodySchema = z.strictObject({
  reports: z.array(z.string().min(1).max(MAX_TEXT)).max(1000),
});

/** Routes that take no input: no body at all, or an empty JSON object. */
export const emptyBodySchema = z.strictObject({}).optional();

/** No control route reads a query string: an unknown parameter is refused rather than silently ignored. */
export const emptyQuerySchema = z.strictObject({});

export const faultIdParamsSchema = z.strictObject({ id: z.string().min(1).max(MAX_TEXT) });

/** The control API's 400, in the envelope, naming each field and the rule it broke. */
export function controlRefusal(detail: string): EmulatorRefusal {
  return new EmulatorRefusal(400, 'BAD REQUEST', 'INVALID CONTROL REQUEST', detail);
}

/** `value` checked against `schema`; a 400 naming `where` (body, query, params), each field and its rule. */
export function parseControlInput<T extends z.ZodType>(
  schema: T,
  value: unknown,
  where: string,
): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw controlRefusal(
    parsed.error.issues
      .map((issue) => `${[where, ...issue.path.map(String)].join('.')}: ${issue.message}`)
      .join('; '),
  );
}
