/**
 * JSON Schemas of tool inputs and outputs, built from the registry. No anyOf/oneOf anywhere in an input schema:
 * some clients and models cannot use them, so every property has one plain type.
 */
import type { AnyReport, ParamSpec } from '@wolkvox-mcp/contracts';
import { z } from 'zod';
import { DEFAULT_LIMIT, MAX_LIMIT } from '../answers/answer.js';
import type { JsonSchema } from './types.js';

const COMPOSITION_KEYS = ['anyOf', 'oneOf', 'allOf', 'not', '$ref'];

/** Whether a schema (at any depth) uses a composition keyword or a reference. */
export function hasComposition(schema: unknown): boolean {
  if (Array.isArray(schema)) return schema.some(hasComposition);
  if (typeof schema !== 'object' || schema === null) return false;
  return Object.entries(schema).some(
    ([key, value]) => COMPOSITION_KEYS.includes(key) || hasComposition(value),
  );
}

/**
 * The JSON Schema of a report parameter: its zod schema's JSON form when that is one plain string schema,
 * otherwise `{type: "string"}` (the parameter is still checked against its zod schema when called).
 */
export function paramSchema(param: ParamSpec): JsonSchema {
  let converted: JsonSchema = { type: 'string' };
  try {
    const { $schema: _drop, ...rest } = z.toJSONSchema(param.schema, {
      io: 'input',
      unrepresentable: 'any',
    }) as JsonSchema;
    if (rest.type === 'string' && !hasComposition(rest)) converted = rest;
  } catch {
    // Not representable: the plain string schema stands.
  }
  return { ...converted, description: param.description, examples: [param.example] };
}

export function windowProperties(report: AnyReport, timeZone: string): Record<string, JsonSchema> {
  if (!report.window) return {};
  return {
    from: {
      type: 'string',
      description: `Window start: date (2025-02-03) or date-time (2025-02-03T08:00:00), ${timeZone} wall time.`,
    },
    to: {
      type: 'string',
      description:
        'Window end, inclusive, same format; a bare date is the end of that day. Default: end of the day of from.',
    },
  };
}

/** `limit`, `offset`, `cursor`, `fields`, `filter`, `group_by`; with the report's columns when known. */
export function answerControlProperties(columns?: readonly string[]): Record<string, JsonSchema> {
  const column: JsonSchema = columns ? { type: 'string', enum: [...columns] } : { type: 'string' };
  return {
    limit: {
      type: 'integer',
      minimum: 1,
      maximum: MAX_LIMIT,
      default: DEFAULT_LIMIT,
      description: `Rows (or groups) to show; totals are exact whatever the limit.`,
    },
    offset: {
      type: 'integer',
      minimum: 0,
      default: 0,
      description: 'Rows (or groups) to skip, paging through the same result.',
    },
    cursor: {
      type: 'string',
      description:
        'next_cursor of a previous answer: the next page of the same result. Fixes the query but `limit`.',
    },
    fields: {
      type: 'array',
      items: column,
      uniqueItems: true,
      description: 'Columns to show (default: all). With group_by: which numeric fields to sum.',
    },
    filter: {
      type: 'object',
      additionalProperties: { type: 'string' },
      description: 'Keep rows whose column equals the value exactly, e.g. {"agent_id": "1001"}.',
    },
    group_by: {
      type: 'array',
      items: column,
      minItems: 1,
      uniqueItems: true,
      description:
        'Columns to group by: one row per group with `count` and sums of numeric fields (sum_<field>; ' +
        'durations as sum_<field>_seconds), largest count first.',
    },
  };
}

/** The structured content of every report answer (report tools and run_report). */
export const ANSWER_OUTPUT_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    report: { type: 'string' },
    title: { type: 'string' },
    source: { type: 'string', enum: ['wolkvox', 'emulator'] },
    time_zone: { type: 'string' },
    window: {
      type: ['object', 'null'],
      properties: { from: { type: 'string' }, to: { type: 'string' } },
      required: ['from', 'to'],
      description: 'Window covered (tenant wall time); null for real-time reports.',
    },
    fetched_at: { type: 'string' },
    from_cache: { type: 'boolean' },
    requests: { type: 'integer' },
    totals: {
      type: 'object',
      properties: {
        rows: { type: 'integer' },
        matched: { type: 'integer' },
        groups: { type: ['integer', 'null'] },
      },
      required: ['rows', 'matched', 'groups'],
      description: 'Exact: rows fetched, rows after the filter, groups.',
    },
    offset: { type: 'integer' },
    limit: { type: 'integer' },
    shown: { type: 'integer' },
    has_more: { type: 'boolean' },
    next_offset: { type: ['integer', 'null'] },
    next_cursor: { type: ['string', 'null'] },
    columns: { type: 'array', items: { type: 'string' } },
    rows: { type: 'array', items: { type: 'object' } },
    notes: { type: 'array', items: { type: 'string' } },
  },
  required: [
    'report',
    'title',
    'source',
    'time_zone',
    'window',
    'fetched_at',
    'from_cache',
    'requests',
    'totals',
    'offset',
    'limit',
    'shown',
    'has_more',
    'next_offset',
    'next_cursor',
    'columns',
    'rows',
    'notes',
  ],
};
