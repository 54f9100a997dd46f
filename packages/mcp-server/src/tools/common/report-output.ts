/**
 * The JSON Schema of every report reply's structured content (report tools and run_report). Input schemas are not
 * written here: they are zod's JSON Schema of each tool's parser (report-call.ts, controls.ts).
 */
import type { JsonSchema } from './types.js';

const integer = { type: 'integer' };
const text = { type: 'string' };

/**
 * The structured content of every report reply (report tools and run_report), shared by all of them. It names
 * the keys a program reads and pages by (source is `wolkvox` or `emulator`); the reply also carries title,
 * time_zone, fetched_at, from_cache, requests, offset, limit, shown, next_offset and notes, as_of and age_seconds
 * for real-time reports and drift when the rows drifted (allowed: no additionalProperties), left out here because
 * this schema is repeated in tools/list for every report tool.
 */
export const REPORT_OUTPUT_SCHEMA: JsonSchema = {
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
