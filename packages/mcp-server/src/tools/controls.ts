/**
 * The answer controls, the MCP server's own vocabulary: `limit`, `offset`, `cursor`, `fields`, `filter`,
 * `group_by`. They shape the answer of a fetched report (a page, columns, exact-match filter, groups) and never
 * reach wolkvox. A zod shape, like the request vocabulary they sit next to in every report tool's input.
 */
import { z } from 'zod';
import { DEFAULT_LIMIT, MAX_LIMIT } from '../answers/answer.js';
import { type CursorState, decodeCursor } from '../answers/cursor.js';

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

const LIMIT = wholeNumber(1, MAX_LIMIT).optional().meta({ default: DEFAULT_LIMIT });
const OFFSET = wholeNumber(0).optional();
const CURSOR = z
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
  .describe('next_cursor of the last answer: its next page');
const FILTER = z
  .record(z.string(), z.string({ error: 'expected the exact value as a string' }), {
    error: 'expected an object of column -> exact value, e.g. {"agent_id": "1001"}',
  })
  .optional()
  .describe('{column: exact value}');
const COLUMN_NAME = z.string({ error: 'expected a column name (a string)' });
const FIELDS_DESCRIPTION = 'Columns to show; with group_by, those to sum';
const GROUP_BY_DESCRIPTION = 'Columns: one row per group with count and sums';
const ARRAY_ERROR = 'expected an array of column names';

/**
 * The zod shape of the answer controls; `columns` are the report's (absent for run_report, which checks them with
 * the report's own shape). `fields` and `group_by` are arrays of column names and nothing else; `fields`
 * enumerates the columns in the JSON Schema, the others name them the same way (checked by `checkColumns`)
 * without repeating the list in tools/list. What does not depend on the columns is built once: a server listing
 * every report tool builds a hundred of these.
 */
export function controlShape(columns?: readonly string[]) {
  const column = columns
    ? z.enum(columns as [string, ...string[]], {
        error: `unknown column; valid columns: ${listing(columns)}`,
      })
    : COLUMN_NAME;
  return {
    limit: LIMIT,
    offset: OFFSET,
    cursor: CURSOR,
    fields: z.array(column, { error: ARRAY_ERROR }).optional().describe(FIELDS_DESCRIPTION),
    filter: FILTER,
    group_by: z
      .array(COLUMN_NAME, { error: ARRAY_ERROR })
      .min(1, { error: 'name at least one column' })
      .optional()
      .describe(GROUP_BY_DESCRIPTION),
  };
}

/** `filter` and `group_by` name the report's columns: a refinement of the whole call, naming each unknown one. */
export function checkColumns(columns: readonly string[]) {
  const rule = `unknown column; valid columns: ${listing(columns)}`;
  return (fields: Record<string, unknown>, ctx: z.RefinementCtx): void => {
    const filter = fields.filter;
    if (filter && typeof filter === 'object') {
      for (const name of Object.keys(filter)) {
        if (!columns.includes(name)) ctx.addIssue({ code: 'custom', path: ['filter', name], message: rule });
      }
    }
    const groupBy = fields.group_by;
    if (Array.isArray(groupBy)) {
      groupBy.forEach((name, index) => {
        if (typeof name === 'string' && !columns.includes(name)) {
          ctx.addIssue({ code: 'custom', path: ['group_by', index], message: rule });
        }
      });
    }
  };
}
