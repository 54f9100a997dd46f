/**
 * The answer controls, the MCP server's own vocabulary: `limit`, `offset`, `cursor`, `fields`, `filter`,
 * `group_by`. They shape the answer of a fetched report (a page, columns, exact-match filter, groups) and never
 * reach wolkvox. A zod shape, like the request vocabulary they sit next to in every report tool's input.
 */
import { z } from 'zod';
import { DEFAULT_LIMIT, MAX_LIMIT } from '../answers/answer.js';
import { type CursorState, decodeCursor } from '../answers/cursor.js';

export const CONTROL_NAMES = ['limit', 'offset', 'cursor', 'fields', 'filter', 'group_by'] as const;

/** A whole number in a range, every way of missing it told by one message an assistant can act on. */
export function wholeNumber(min: number, max?: number) {
  const error =
    max === undefined
      ? `expected a whole number, ${min} or more`
      : `expected a whole number from ${min} to ${max}`;
  const number = z.number({ error }).int({ error }).min(min, { error });
  return max === undefined ? number : number.max(max, { error });
}

const listing = (values: readonly string[]) => (values.length ? values.join(', ') : '(none)');

/** A column name: one of the report's, when they are known here (run_report checks them once it knows the report). */
function column(columns: readonly string[] | undefined, enumerate: boolean) {
  if (!columns) return z.string({ error: 'expected a column name (a string)' });
  const error = `unknown column; valid columns: ${listing(columns)}`;
  // `fields` enumerates the columns in the JSON Schema; the others name them the same way and are checked alike,
  // without repeating the list in tools/list.
  if (enumerate) return z.enum(columns as [string, ...string[]], { error });
  return z
    .string({ error: 'expected a column name (a string)' })
    .refine((name) => columns.includes(name), { error });
}

/**
 * The zod shape of the answer controls; `columns` are the report's (absent for run_report, which checks them with
 * the report's own shape). `fields` and `group_by` are arrays of column names and nothing else.
 */
export function controlShape(columns?: readonly string[]) {
  return {
    limit: wholeNumber(1, MAX_LIMIT).optional().meta({ default: DEFAULT_LIMIT }),
    offset: wholeNumber(0).optional(),
    cursor: z
      .string({ error: 'expected next_cursor of an earlier answer (a string)' })
      .transform((text, ctx): CursorState | null => {
        const cursor = decodeCursor(text);
        if (cursor) return cursor;
        ctx.addIssue({
          code: 'custom',
          message: 'not a cursor from this server; pass next_cursor exactly as it came',
          continue: true,
        });
        return null;
      })
      .optional()
      .describe('next_cursor of the last answer: its next page'),
    fields: z
      .array(column(columns, true), { error: 'expected an array of column names' })
      .optional()
      .describe('Columns to show; with group_by, those to sum'),
    filter: z
      .record(z.string(), z.string({ error: 'expected the exact value as a string' }), {
        error: 'expected an object of column -> exact value, e.g. {"agent_id": "1001"}',
      })
      .superRefine((filter, ctx) => {
        if (!columns) return;
        for (const name of Object.keys(filter)) {
          if (!columns.includes(name)) {
            ctx.addIssue({
              code: 'custom',
              path: [name],
              message: `unknown column; valid columns: ${listing(columns)}`,
            });
          }
        }
      })
      .optional()
      .describe('{column: exact value}'),
    group_by: z
      .array(column(columns, false), { error: 'expected an array of column names' })
      .min(1, { error: 'name at least one column' })
      .optional()
      .describe('Columns: one row per group with count and sums'),
  };
}
