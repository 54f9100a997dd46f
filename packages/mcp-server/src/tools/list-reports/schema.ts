/**
 * list_reports' arguments (one zod schema, the only parser; its JSON Schema is the tool's input schema) and the
 * JSON Schema of its structured content.
 */
import type { Toolset } from '@wolkvox-mcp/contracts';
import { z } from 'zod';
import { TOOLSET_NAMES } from '../../catalog/toolsets.js';
import {
  boundedString,
  MAX_VALUE_CHARS,
  quietlyBoundedString,
  quoteName,
  wholeNumber,
} from '../common/controls.js';
import type { JsonSchema } from '../common/types.js';

const DEFAULT_LIST_LIMIT = 10;
const MAX_LIST_LIMIT = 100;

export interface ListReportsArgs {
  query?: string;
  toolset?: Toolset;
  category?: string;
  limit: number;
  offset: number;
}

/** The arguments: every one optional; an unknown name is refused naming those it takes. */
export const LIST_REPORTS_INPUT = z
  .strictObject(
    {
      query: boundedString(MAX_VALUE_CHARS)
        .optional()
        .describe('Keywords or an id, e.g. "transfers", "IVR hour", "tipificación"'),
      toolset: z
        .enum(TOOLSET_NAMES, { error: `unknown toolset; valid toolsets: ${TOOLSET_NAMES.join(', ')}` })
        .optional(),
      category: quietlyBoundedString(MAX_VALUE_CHARS).optional().describe('Text of the wolkvox category'),
      limit: wholeNumber(1, MAX_LIST_LIMIT).default(DEFAULT_LIST_LIMIT),
      offset: wholeNumber(0).default(0),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `unknown argument(s) ${issue.keys.slice(0, 5).map(quoteName).join(', ')}; list_reports takes: query, toolset, category, limit, offset`
          : undefined,
    },
  )
  .transform(
    (args): ListReportsArgs => ({
      ...(args.query ? { query: args.query } : {}),
      ...(args.toolset ? { toolset: args.toolset } : {}),
      ...(args.category ? { category: args.category } : {}),
      limit: args.limit,
      offset: args.offset,
    }),
  );

const string = { type: 'string' };

/** The keys a program reads by; entries also carry title, title_es, toolset, category and questions. */
export const LIST_REPORTS_OUTPUT: JsonSchema = {
  type: 'object',
  properties: {
    total: { type: 'integer' },
    next_offset: { type: ['integer', 'null'] },
    reports: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: string,
          tool: string,
          listed: { type: 'boolean' },
          window_max_days: { type: ['integer', 'null'] },
          params: { type: 'array' },
          fields: { type: 'array' },
        },
      },
    },
  },
  required: ['total', 'next_offset', 'reports'],
};
