/**
 * What is kept for a closed piece, and its bytes. The rows as the fetch returned them (after the contract check:
 * non-object items already left out), the drift they showed and how many windows the piece took (a piece split
 * at the row cap took several), so that a kept piece gives exactly the answer a fetch of it gives.
 *
 * The bytes (an entry's body, which seal.ts binds to its key and the token) are gzip-compressed JSON,
 * `{"windows":n,"drift":{...},"data":[rows]}`: report rows compress ~10x, and a gunzip costs far less than the
 * JSON.parse that follows. A 60,000-row piece is ~30 MB of JSON: its rows are
 * serialized in batches into buffers when the piece is kept (at once, so later changes to the caller's rows cannot
 * reach the entry), then compressed as a stream; reading back, the decompressed buffer is parsed as one JSON text,
 * as a wolkvox answer is. Whatever is read back is checked against one schema: an entry that does not decompress,
 * parse or have the right shape is refused here and dropped by the cache, never answered.
 */
import { Readable } from 'node:stream';
import { buffer as collect } from 'node:stream/consumers';
import { promisify } from 'node:util';
import { createGzip, gunzip } from 'node:zlib';
import { z } from 'zod';
import type { ReportDrift } from '../../drift.js';

const gunzipAsync = promisify(gunzip);

/** Rows serialized at a time: a few hundred kilobytes of JSON. */
const BATCH_ROWS = 1_000;

export interface KeptPiece {
  rows: Record<string, unknown>[];
  drift: ReportDrift;
  /** Windows the piece was fetched as (1, or more when it came back at the row cap and was halved). */
  windows: number;
}

const count = z.int().min(0);
const kind = z.enum(['string', 'number', 'boolean', 'null', 'array', 'object']);
const isRow = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The entry as stored. Rows are checked as objects only (their fields were checked when fetched), in one pass. */
const storedPieceSchema = z.strictObject({
  windows: z.int().min(1),
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
  data: z.custom<Record<string, unknown>[]>(
    (value) => Array.isArray(value) && value.every(isRow),
    'expected an array of row objects',
  ),
});

/**
 * The piece's JSON in chunks, serialized now: the caller may change its rows once they are returned, and what is
 * kept must be what was fetched.
 */
function serialize(piece: KeptPiece): Buffer[] {
  const chunks = [Buffer.from(`{"windows":${piece.windows},"drift":${JSON.stringify(piece.drift)},"data":[`)];
  for (let from = 0; from < piece.rows.length; from += BATCH_ROWS) {
    const batch = JSON.stringify(piece.rows.slice(from, from + BATCH_ROWS));
    chunks.push(Buffer.from(`${from > 0 ? ',' : ''}${batch.slice(1, -1)}`, 'utf8'));
  }
  chunks.push(Buffer.from(']}'));
  return chunks;
}

/** The bytes to keep for a piece: its JSON is taken at once, compressed in the background. */
export function encodePiece(piece: KeptPiece): Promise<Buffer> {
  const chunks = serialize(piece);
  // Each chunk is let go once the compressor has taken it.
  function* drain(): Generator<Buffer> {
    for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) yield chunk;
  }
  return collect(Readable.from(drain(), { objectMode: false }).pipe(createGzip({ level: 1 })));
}

/** The piece the bytes hold; throws (with the reason) when they are not a whole, well-formed entry. */
export async function decodePiece(bytes: Buffer): Promise<KeptPiece> {
  const json = await gunzipAsync(bytes);
  const parsed = storedPieceSchema.safeParse(JSON.parse(json.toString('utf8')));
  if (!parsed.success) throw new Error(`wrong shape: ${z.prettifyError(parsed.error).slice(0, 200)}`);
  const { windows, drift, data } = parsed.data;
  return { rows: data, drift, windows };
}
