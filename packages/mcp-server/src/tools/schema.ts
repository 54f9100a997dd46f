/**
 * JSON Schemas of tool inputs and outputs, built from the registry. No anyOf/oneOf anywhere in an input schema:
 * some clients and models cannot use them, so every property has one plain type.
 */
import type { AnyReport, ParamSpec } from '@wolkvox-mcp/contracts';
import { z } from 'zod';
import { DEFAULT_LIMIT, MAX_LIMIT } from '../answers/answer.js';
import { firstClause } from './text.js';
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

/**
 * A parameter as a report tool's input property: the first clause of its description, and its example unless an
 * enum already shows the values. The full text stays in the report's schema resource (paramSchema).
 */
export function paramProperty(param: ParamSpec): JsonSchema {
  const { description: _full, examples, ...schema } = paramSchema(param);
  return {
    ...schema,
    description: firstClause(param.description, PARAM_DESCRIPTION_CHARS),
    ...(schema.enum ? {} : { examples }),
  };
}

const PARAM_DESCRIPTION_CHARS = 90;

/** `from`/`to`; `historical` says they apply to historical reports only (run_report serves both kinds). */
export function windowSchemas(timeZone: string, historical = false): Record<string, JsonSchema> {
  return {
    from: {
      type: 'string',
      description: `${historical ? 'Historical reports only. ' : ''}Start: 2025-02-03, 2025-02-03T08:00:00 or yesterday, today-7; ${timeZone} time`,
    },
    to: { type: 'string', description: "End, inclusive (default: end of from's day)" },
  };
}

export function windowProperties(report: AnyReport, timeZone: string): Record<string, JsonSchema> {
  return report.window ? windowSchemas(timeZone) : {};
}

/**
 * `limit`, `offset`, `cursor`, `fields`, `filter`, `group_by`, in as few bytes as say what they are: they are
 * repeated in every report tool, and the server instructions and run_report explain them once in full. The
 * report's columns are enumerated once, on `fields`; the others name columns the same way (and are checked).
 */
export function answerControlProperties(columns?: readonly string[]): Record<string, JsonSchema> {
  return {
    limit: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT },
    offset: { type: 'integer', minimum: 0 },
    cursor: { type: 'string', description: 'next_cursor of the last answer: its next page' },
    fields: {
      type: 'array',
      items: columns ? { type: 'string', enum: [...columns] } : { type: 'string' },
      description: 'Columns to show; with group_by, those to sum',
    },
    filter: {
      type: 'object',
      additionalProperties: { type: 'string' },
      description: '{column: exact value}',
    },
    group_by: {
      type: 'array',
      items: { type: 'string' },
      description: 'Columns: one row per group with count and sums',
    },
  };
}

const integer = { type: 'integer' };
const text = { type: 'string' };

/**
 * The structured content of every report answer (report tools and run_report), shared by all of them. It names
 * the keys a program reads and pages by (source is `wolkvox` or `emulator`); the answer also carries title,
 * time_zone, fetched_at, from_cache, requests, offset, limit, shown, next_offset and notes (allowed: no
 * additionalProperties), left out here because this schema is repeated in tools/list for every report tool.
 */
export const ANSWER_OUTPUT_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    report: text,
    source: text,
    window: { type: ['object', 'null'] },
    totals: {
      type: 'object',
      properties: { rows: integer, matched: integer, groups: { type: ['integer', 'null'] } },
    },
    columns: { type: 'array', items: text },
    rows: { type: 'array', items: { type: 'object' } },
    has_more: { type: 'boolean' },
    next_cursor: { type: ['string', 'null'] },
  },
  required: ['report', 'source', 'totals', 'rows', 'has_more', 'next_cursor'],
};
