/**
 * The controls, the MCP server's own vocabulary: `limit`, `offset`, `cursor`, `fields`, `filter`,
 * `group_by`, `aggregate`, `order_by`, `top`. They shape the reply to a fetched report and never reach wolkvox.
 * One zod shape, like the request vocabulary it sits next to in every report tool's input: it parses each control
 * into the one form it is written back in (a cursor carries that form, and it must parse again the same way), and
 * its JSON Schema is zod's own.
 *
 * The controls run on plain rows in JavaScript, not on the SQL engine the query tool uses: a report call answers
 * from rows already in memory, a few filters, sorts and sums over them cost milliseconds, and loading DuckDB
 * (tens of megabytes of native code) for them would put that cost on every plain report call; the engine is
 * loaded lazily for SQL only.
 */

import {
  type CalendarContext,
  type FieldMap,
  MAX_PARAM_CHARS,
  wholeNumbersAsText,
} from '@wolkvox-mcp/contracts';
import { z } from 'zod';
import { AGGREGATE_OPS, type Aggregates, aggregateRule, groupedColumns } from '../../results/aggregate.js';
import { DEFAULT_LIMIT, MAX_LIMIT } from '../../results/controls.js';
import { type CursorState, isCursorRefusal, MAX_CURSOR_CHARS, readCursor } from '../../results/cursor.js';
import {
  type Condition,
  compileFilter,
  FILTER_OPERATORS,
  type FilterOperator,
  type FilterScalar,
} from '../../results/filter.js';
import { orderText, readOrderKey } from '../../results/order.js';
import { callerKey } from './prototype-names.js';

/**
 * The controls explained once per session (the server's instructions), so that each tool's schema can stay brief:
 * tools/list repeats the schema in every listed report tool.
 */
export const CONTROLS_GUIDE =
  `Answers carry exact totals and the rows that fit (all of them when they fit the answer, else \`limit\`, default ${DEFAULT_LIMIT}, ` +
  `max ${MAX_LIMIT}); next_cursor (or offset) gives the next page. \`fields\` picks columns. \`filter\` keeps rows: ` +
  '{"col": "value"}, {"col": ["a","b"]} (any of them) or {"col": {">=": 60, "<": 300}}, operators =, >, >=, <, <=, ' +
  'contains, in; text ignores case and accents; durations compare as seconds or HH:MM:SS, dates take the from/to ' +
  'grammar; a filter that matches nothing names the values nearest it. `group_by` gives one row per group with ' +
  'count and the sums of the fields that add up (never percentages or averages; `fields` picks them); `aggregate` {"avg": [...], "min": [...], "max": [...], "sum": [...]} ' +
  'computes those instead (per group, or over all rows without group_by; durations in seconds). `order_by` ' +
  '["count desc", "agent_name"] sorts (numbers as numbers, dates in time order), `top` keeps the first N (and says who ties at the cut). ' +
  'Real-time answers say how old they are; wolkvox suggests polling them at most every 5 minutes.';

/**
 * Input sizes: no control needs more, and a bound in the schema refuses a megabyte string before any work is
 * done on it (and before any message could echo it).
 */
export const MAX_NAME_CHARS = 64;
export const MAX_VALUE_CHARS = 200;
export const MAX_ITEMS = 100;
/** `top` keeps at most this many rows: more than any report returns in a year's call. */
export const MAX_TOP = 1_000_000;

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

const LIMIT = wholeNumber(1, MAX_LIMIT)
  .optional()
  .describe(`Rows per page (default: all that fit, else ${DEFAULT_LIMIT})`);
const OFFSET = wholeNumber(0).optional();
/** A name the caller wrote, quoted for a message: cut short, so that no message echoes a huge input. */
export function quoteName(key: string): string {
  const name = callerKey(key);
  return JSON.stringify(name.length > MAX_NAME_CHARS ? `${name.slice(0, MAX_NAME_CHARS)}…` : name);
}

/** A string of at most `max` characters; the refusal names the bound, never the value. */
export function boundedString(max: number, error = 'expected a string') {
  return z.string({ error }).max(max, { error: `is longer than ${max} characters` });
}

/**
 * The same bound left out of the JSON Schema: for array items, record keys and values and the cursor, repeated in
 * every report tool of tools/list (kept under 12 KB by default) and never near the bound in honest use.
 */
export function quietlyBoundedString(max: number, error = 'expected a string') {
  return z.string({ error }).refine((text) => text.length <= max, {
    error: `is longer than ${max} characters`,
    abort: true,
  });
}

/** A report's own parameters as a tool takes them (run_report, query_reports' fetches): names to values, bounded. */
export function reportParams() {
  return z
    .record(quietlyBoundedString(MAX_NAME_CHARS), wholeNumbersAsText(quietlyBoundedString(MAX_PARAM_CHARS)), {
      error: "expected an object of the report's parameters",
    })
    .refine((params) => Object.keys(params).length <= MAX_ITEMS, {
      error: `names more than ${MAX_ITEMS} parameters`,
    })
    .optional();
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
const COLUMN_NAME = quietlyBoundedString(MAX_NAME_CHARS, 'expected a column name (a string)');
const FIELDS_DESCRIPTION = 'Columns to show; with group_by, those to sum';
const GROUP_BY_DESCRIPTION = 'One row per group: count, and sums or aggregate';
const ARRAY_ERROR = 'expected an array of column names';

const OPERATORS_TEXT = FILTER_OPERATORS.join(', ');
const CONDITION_ERROR =
  'expected a value, a list of values (any of them), or {operator: value} with operators ' + OPERATORS_TEXT;

/** A filter operand: text (bounded, never echoed) or a finite number; else the rule it breaks. */
function readScalar(value: unknown): { value: FilterScalar } | { problem: string } {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? { value } : { problem: 'expected a finite number' };
  }
  if (typeof value === 'string') {
    return value.length > MAX_VALUE_CHARS
      ? { problem: `is longer than ${MAX_VALUE_CHARS} characters` }
      : { value };
  }
  return { problem: 'expected text or a number' };
}

type Ctx = z.RefinementCtx;

function readList(value: unknown, ctx: Ctx, path: (string | number)[]): FilterScalar[] | undefined {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_ITEMS) {
    ctx.addIssue({ code: 'custom', path, message: `expected a list of 1 to ${MAX_ITEMS} values` });
    return undefined;
  }
  const items: FilterScalar[] = [];
  value.forEach((item, index) => {
    const read = readScalar(item);
    if ('problem' in read) ctx.addIssue({ code: 'custom', path: [...path, index], message: read.problem });
    else items.push(read.value);
  });
  return items.length === value.length ? items : undefined;
}

/**
 * One column's condition in its one written form: a value is `{"=": value}`, a list `{"in": [...]}`, an object
 * names operators. What each operator means for the column's kind is checked with the report's fields
 * (`checkControls`).
 */
function readCondition(value: unknown, ctx: Ctx): Condition {
  if (Array.isArray(value)) {
    const list = readList(value, ctx, []);
    return list ? { in: list } : {};
  }
  if (typeof value !== 'object' || value === null) {
    const read = readScalar(value);
    if ('value' in read) return { '=': read.value };
    ctx.addIssue({ code: 'custom', message: typeof value === 'string' ? read.problem : CONDITION_ERROR });
    return {};
  }
  const condition: Condition = {};
  const entries = Object.entries(value);
  if (entries.length === 0) ctx.addIssue({ code: 'custom', message: CONDITION_ERROR });
  for (const [op, operand] of entries.slice(0, MAX_ITEMS)) {
    if (!(FILTER_OPERATORS as readonly string[]).includes(op)) {
      ctx.addIssue({
        code: 'custom',
        path: [op.slice(0, MAX_NAME_CHARS)],
        message: `unknown operator; operators: ${OPERATORS_TEXT}`,
      });
      continue;
    }
    if (op === 'in') {
      const list = readList(operand, ctx, [op]);
      if (list) condition.in = list;
      continue;
    }
    const read = readScalar(operand);
    if ('problem' in read) {
      ctx.addIssue({ code: 'custom', path: [op], message: read.problem });
      continue;
    }
    condition[op as Exclude<FilterOperator, 'in'>] = read.value;
  }
  return condition;
}

const FILTER = z
  .record(quietlyBoundedString(MAX_NAME_CHARS), z.unknown().transform(readCondition), {
    error: 'expected an object of column -> condition, e.g. {"type_interaction": "inbound"}',
  })
  .refine((filter) => Object.keys(filter).length <= MAX_ITEMS, {
    error: `names more than ${MAX_ITEMS} columns`,
  })
  .optional()
  .describe('{col: value|[values]|{op: value}}; ops =,>,>=,<,<=,contains,in; text ignores case');

const ORDER_BY = z
  .array(orderKeyText(), { error: 'expected an array such as ["count desc", "agent_name"]' })
  .refine((keys) => keys.length <= MAX_ITEMS, { error: `names more than ${MAX_ITEMS} columns` })
  .optional()
  .describe('["count desc","agent_name"]');

/** One `order_by` key, written back as `<column> asc|desc`. */
function orderKeyText() {
  return quietlyBoundedString(MAX_NAME_CHARS + 5, 'expected "<column>" or "<column> desc"').transform(
    (text, ctx) => {
      const key = readOrderKey(text);
      if (key) return orderText(key);
      ctx.addIssue({ code: 'custom', message: 'expected "<column>", "<column> asc" or "<column> desc"' });
      return z.NEVER;
    },
  );
}

const TOP = wholeNumber(1, MAX_TOP).optional().describe('First N only, after order_by');

const AGGREGATE_LIST = z
  .array(COLUMN_NAME, { error: ARRAY_ERROR })
  .refine((names) => names.length <= MAX_ITEMS, { error: `names more than ${MAX_ITEMS} columns` })
  .optional();
/**
 * Behind `z.unknown()` in the JSON Schema: the four lists would repeat ~200 bytes in every listed report tool,
 * and the description says the same; the strict object still parses every call.
 */
const AGGREGATE = z
  .unknown()
  .pipe(
    z
      .strictObject(
        { sum: AGGREGATE_LIST, avg: AGGREGATE_LIST, min: AGGREGATE_LIST, max: AGGREGATE_LIST },
        {
          error: (issue) =>
            issue.code === 'unrecognized_keys'
              ? `takes ${AGGREGATE_OPS.join(', ')}, each a list of columns`
              : 'expected an object such as {"avg": ["talk_time"], "max": ["talk_time"]}',
        },
      )
      .transform((value): Aggregates => {
        const aggregates: Aggregates = {};
        for (const op of AGGREGATE_OPS) {
          const names = value[op];
          if (names?.length) aggregates[op] = [...new Set(names)];
        }
        return aggregates;
      }),
  )
  .optional()
  .describe('{"avg"|"min"|"max"|"sum": [cols]}, per group or over all rows');

/**
 * The zod shape of the controls; `columns` are the report's (absent for run_report, which checks them with
 * the report's own shape). Columns are arrays of names; `fields` enumerates the report's in the JSON Schema, the
 * others name them the same way (checked by `checkControls`) without repeating the list in tools/list. What does
 * not depend on the columns is built once: a server listing every report tool builds a hundred of these.
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
    aggregate: AGGREGATE,
    order_by: ORDER_BY,
    top: TOP,
  };
}

type Fields = Record<string, unknown>;

const isList = (value: unknown): value is string[] => Array.isArray(value);

/**
 * The controls checked against the report's fields: every column named exists, every filter operator suits its
 * column's kind, every aggregate its field's, and `order_by` names a column of the reply (with group_by or
 * aggregate: the keys, count and the aggregates' columns). Each problem names the field and the rule.
 */
export function checkControls(fields: FieldMap, calendar: CalendarContext) {
  const columns = Object.keys(fields);
  const rule = `unknown column; valid columns: ${listing(columns)}`;
  const known = (name: unknown): name is string => typeof name === 'string' && Object.hasOwn(fields, name);
  return (value: Fields, ctx: z.RefinementCtx): void => {
    const add = (path: PropertyKey[], message: string) =>
      ctx.addIssue({ code: 'custom', path, message, continue: true });
    const filter = value.filter;
    if (filter && typeof filter === 'object') {
      for (const name of Object.keys(filter)) if (!known(name)) add(['filter', name], rule);
      for (const problem of compileFilter(filter as Record<string, Condition>, fields, calendar).problems) {
        add(['filter', ...problem.path], problem.rule);
      }
    }
    const groupBy = isList(value.group_by) ? value.group_by : [];
    groupBy.forEach((name, index) => {
      if (!known(name)) add(['group_by', index], rule);
    });
    const aggregate = value.aggregate as Aggregates | undefined;
    for (const op of AGGREGATE_OPS) {
      (aggregate?.[op] ?? []).forEach((name, index) => {
        const refused = known(name) ? aggregateRule(op, fields[name]) : rule;
        if (refused) add(['aggregate', op, index], refused);
      });
    }
    if (aggregate && isList(value.fields) && value.fields.length) {
      add(['fields'], 'does not apply with aggregate, which names the columns it computes; leave fields out');
    }
    if (!isList(value.order_by)) return;
    const grouped = groupBy.length > 0 || aggregate !== undefined;
    const sumFields = isList(value.fields) ? value.fields : undefined;
    const valid =
      grouped && groupBy.every(known)
        ? groupedColumns(fields, groupBy, aggregate, sumFields)
        : grouped
          ? undefined
          : columns;
    if (!valid) return;
    value.order_by.forEach((text, index) => {
      const key = readOrderKey(text);
      if (key && !valid.includes(key.column)) {
        add(['order_by', index], `unknown column; this answer's columns: ${listing(valid)}`);
      }
    });
  };
}
