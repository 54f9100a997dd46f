import { z } from 'zod';

/**
 * wolkvox's response envelope: `{ code, error, msg, data }`.
 * `code` arrives as the number 200 on older reports and as the string "200" on newer ones (catalog section 4);
 * information look-ups even send "0" for success. Both spellings are accepted everywhere.
 */
export const envelopeCodeSchema = z
  .union([z.number().int(), z.string().regex(/^\d+$/)])
  .describe('HTTP status echoed by wolkvox; a number on older reports, a string on newer ones');

export function envelopeCodeValue(code: number | string): number {
  return typeof code === 'number' ? code : Number.parseInt(code, 10);
}

/** True when the envelope's `code` means success (200, "200", or the information family's "0"). */
export function isSuccessCode(code: number | string): boolean {
  const value = envelopeCodeValue(code);
  return value === 200 || value === 0;
}

export const envelopeBaseSchema = z.object({
  code: envelopeCodeSchema,
  error: z.string().nullable().describe('null on success; the error class (e.g. "BAD REQUEST") otherwise'),
  msg: z.string().describe('"<N> records were found" on success; the error message otherwise'),
});

/** A successful report envelope whose `data` is validated by `data`. */
export function envelopeSchema<T extends z.ZodType>(data: T) {
  return envelopeBaseSchema.extend({ data });
}

/** An error envelope, as every documented error is sent. `detail` is the emulator's addition naming the field. */
export const errorEnvelopeSchema = envelopeBaseSchema.extend({
  error: z.string(),
  data: z.unknown().optional(),
  detail: z.string().optional().describe('Emulator only: which parameter failed and why'),
});

export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;

/** The success message wolkvox sends with `count` rows. */
export function recordsFoundMessage(count: number): string {
  return `${count} records were found`;
}
