import { z } from 'zod';
import { problemSchema } from './request/problem.js';

/**
 * wolkvox's response envelope: `{ code, error, msg, data }`.
 *
 * On the wire `code` is the string "200" on success, on every report running code has seen (skill_4, diagram_9,
 * agent_15/16, diagram_15; consumers test `code == '200'`): that is what the emulator sends (`SUCCESS_CODE`).
 * The documentation reads otherwise: integer 200 in most examples, "200" in 24 newer ones, "0" in information
 * `activity_codes` and "" on some older pages (FACTS.md section 4). Running code beats the docs for what is sent;
 * the docs still say what a client may meet, so both spellings are accepted everywhere.
 */
const envelopeCodeSchema = z
  .union([z.number().int(), z.string().regex(/^\d+$/)])
  .describe('HTTP status echoed by wolkvox: the string "200" on success (older docs show the number 200)');

/** The success `code` as wolkvox sends it: a string. */
export const SUCCESS_CODE = '200';

function envelopeCodeValue(code: number | string): number {
  return typeof code === 'number' ? code : Number.parseInt(code, 10);
}

/** True when the envelope's `code` means success (200, "200", or the information family's "0"). */
export function isSuccessCode(code: number | string): boolean {
  const value = envelopeCodeValue(code);
  return value === 200 || value === 0;
}

const envelopeBaseSchema = z.object({
  code: envelopeCodeSchema,
  error: z.string().nullable().describe('null on success; the error class (e.g. "BAD REQUEST") otherwise'),
  msg: z.string().describe('"<N> records were found" on success; the error message otherwise'),
});

/** A successful report envelope whose `data` is validated by `data`. */
export function envelopeSchema<T extends z.ZodType>(data: T) {
  return envelopeBaseSchema.extend({ data });
}

/**
 * An error envelope, as every documented error is sent. `detail` and `problems` are the emulator's additions,
 * after wolkvox's own keys: `detail` says in one line which parameter or limit failed and why; `problems` lists the
 * same problems whole on refusals of the request's parameters (`SOME PARAMETERS ARE REQUIRED`, the window's
 * length), so that a rule or hint holding `;` or `:` reads back as it was written.
 */
export const errorEnvelopeSchema = envelopeBaseSchema.extend({
  error: z.string(),
  data: z.unknown().optional(),
  detail: z.string().optional().describe('Emulator only: which parameter failed and why'),
  problems: z
    .array(problemSchema)
    .optional()
    .describe("Emulator only: the request's problems, each whole (field, rule, hint)"),
});

export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;

/** The success message wolkvox sends with `count` rows. */
export function recordsFoundMessage(count: number): string {
  return `${count} records were found`;
}
