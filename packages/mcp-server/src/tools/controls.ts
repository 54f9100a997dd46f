/**
 * The answer controls, the MCP server's own vocabulary: `limit`, `offset`, `cursor`, `fields`, `filter`,
 * `group_by`. They shape the answer of a fetched report (a page, columns, exact-match filter, groups) and never
 * reach wolkvox. A zod shape, like the request vocabulary they sit next to in every report tool's input.
 */
import { z } from 'zod';
import { DEFAULT_LIMIT, MAX_LIMIT } from '../answers/answer.js';
import { type CursorState, isCursorRefusal, MAX_CURSOR_CHARS, readCursor } from '../answers/cursor.js';

/**
 * Input sizes: no control needs more, and a bound in the schema refuses a megabyte string before any work is
 * done on it (and before any message could echo it).
 */
export const MAX_NAME_CHARS = 64;
export const MAX_VALUE_CHARS = 200;
export const MAX_ITEMS = 100;

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
/** A name the caller wrote, quoted for a message: cut short, so that no message echoes a huge input. */
export function quoteName(name: string): string {
  return JSON.stringify(name.length > MAX_NAME_CHARS ? `${name.slice(0, MAX_NAME_CHARS)}…` : name);
}

/** A string of at most `max` characters; the refusal names the bound, never the value. */
export function boundedString(max: number, error = 'expected a string') {
  return z.string({ error }).max(max, { error: `is longer than ${max} characters` });
}

/**
 * The same bound left out of the JSON Schema: for array items, record keys and values and the cursor, repeated in
 * every report tool of tools/list (kept under 8 KB by default) and never near the bound in honest use.
 */
export function quietlyBoundedString(max: number, error = 'expected a string') {
  return z.string({ error }).refine((text) => text.length <= max, {
    error: `is longer than ${max} characters`,
    abort: true,
  });
}

export const CURSOR_TEXT = quietlyBoundedString(
  MAX_CURSOR_CHARS,
  'expected next_cursor of an earlier answer (a string)',
);
const CURSOR = CURSOR_TEXT.transform((text, ctx): CursorState | null => {
  const cursor = readCursor(text);
  if (!isCursorRefusal(cursor)) return cursor;
  ctx.addIssue({ code: 'custom', message: cursor.rule, continue: true });
  return null;
})
  .optional()
  .describe('next_cursor of the last answer: its next page');
const FILTER = z
  .record(
    quietlyBoundedString(MAX_NAME_CHARS),
    quietlyBoundedString(MAX_VALUE_CHARS, 'expected the exact value as a string'),
    {
      error: 'expected an object of column -> exact value, e.g. {"agent_id": "1001"}',
    },
  )
  .refine((filter) => Object.keys(filter).length <= MAX_ITEMS, {
    error: `names more than ${MAX_ITEMS} columns`,
  })
  .optional()
  .describe('{column: exact value}');
const COLUMN_NAME = quietlyBoundedString(MAX_NAME_CHARS, 'expected a column name (a string)');
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
    fields: z
      .array(column, { error: ARRAY_ERROR })
      .max(MAX_ITEMS, { error: `names more than ${MAX_ITEMS} columns` })
      .optional()
      .describe(FIELDS_DESCRIPTION),
    filter: FILTER,
    group_by: z
      .array(COLUMN_NAME, { error: ARRAY_ERROR })
      .min(1, { error: 'name at least one column' })
      .max(MAX_ITEMS, { error: `names more than ${MAX_ITEMS} columns` })
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
