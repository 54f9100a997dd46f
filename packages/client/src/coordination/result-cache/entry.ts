/**
 * What is kept for a closed piece, and its bytes. The rows as the fetch returned them (after the contract check:
 * non-object items already left out), the drift they showed and how many windows the piece took (a piece split
 * at the row cap took several), so that a kept piece gives exactly the answer a fetch of it gives.
 *
 * Bytes are JSON, gzip-compressed when large (report rows compress ~10x, and a gunzip costs far less than the
 * JSON.parse that follows). Whatever is read back is checked against one schema: an entry that does not parse,
 * does not decompress or has the wrong shape is refused here and dropped by the cache, never answered.
 */
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { z } from 'zod';
import type { ReportDrift } from '../../drift.js';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** Below this, compressing saves too little to be worth a round trip to the thread pool. */
const COMPRESS_FROM_BYTES = 16 * 1024;
const GZIP_MAGIC = [0x1f, 0x8b] as const;

export interface KeptPiece {
  rows: Record<string, unknown>[];
  drift: ReportDrift;
  /** Windows the piece was fetched as (1, or more when it came back at the row cap and was halved). */
  windows: number;
}

const count = z.int().min(0);
const kind = z.enum(['string', 'number', 'boolean', 'null', 'array', 'object']);

const isRow = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);
/**
 * Rows are JSON objects as wolkvox sent them, checked as objects only (their fields were checked when fetched),
 * in one pass: an element schema per row would cost more than the JSON.parse that made them.
 */
const rows = z.custom<Record<string, unknown>[]>(
  (value) => Array.isArray(value) && value.every(isRow),
  'expected an array of row objects',
);

const keptPieceSchema = z.strictObject({
  rows,
  drift: z.strictObject({
    rows: count,
    missing: z.record(z.string(), count),
    nulls: z.record(z.string(), count),
    unexpectedType: z.record(z.string(), z.strictObject({ rows: count, received: kind })),
    extra: z.record(z.string(), z.strictObject({ rows: count, kind })),
    envelope: z.partialRecord(
      z.enum(['data-object', 'data-list', 'data-missing', 'bare-404', 'non-object-rows']),
      count,
    ),
  }),
  windows: z.int().min(1),
}) satisfies z.ZodType<KeptPiece>;

export async function encodePiece(piece: KeptPiece): Promise<Buffer> {
  const json = Buffer.from(JSON.stringify(piece), 'utf8');
  return json.length < COMPRESS_FROM_BYTES ? json : gzipAsync(json, { level: 1 });
}

/** The piece the bytes hold; throws (with the reason) when they are not a whole, well-formed entry. */
export async function decodePiece(bytes: Buffer): Promise<KeptPiece> {
  const compressed = bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];
  const json = compressed ? await gunzipAsync(bytes) : bytes;
  const parsed = keptPieceSchema.safeParse(JSON.parse(json.toString('utf8')));
  if (!parsed.success) throw new Error(`wrong shape: ${z.prettifyError(parsed.error).slice(0, 200)}`);
  return parsed.data;
}
