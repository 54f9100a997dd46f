/**
 * JSON parsing of a response body held in one Buffer, without ever holding the whole body as a string.
 *
 * Decoding a 60,000-row body into one string costs as much as the body again, or twice as much when any row holds
 * a non-ASCII character (V8 then stores every character in two bytes), and the string must live until JSON.parse
 * has built every row. Instead, one pass over the bytes finds the rows array (`data` of the envelope, or a bare
 * top-level array) and the commas between its rows; the envelope is parsed with an empty array in its place, and the
 * rows in batches of about `batchBytes`, each batch decoded, parsed and dropped. Peak memory is then the Buffer,
 * the rows built so far and one batch. The result is exactly JSON.parse's, and anything JSON.parse refuses
 * is refused too (each piece is parsed by JSON.parse itself).
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

export interface ParseBodyOptions {
  /** Bytes of rows decoded and parsed at a time. Default 1 MiB. */
  batchBytes?: number;
  /**
   * Bodies smaller than this are parsed in one go. The scan costs about 40% more CPU than JSON.parse alone, which
   * only pays for itself where the body's string would be large. Default 8 MiB.
   */
  minBytes?: number;
}

interface RowsArray {
  /** Index of the array's `[`. */
  open: number;
  /** Index of its matching `]`. */
  close: number;
  /** Commas chosen as batch boundaries: between rows, at the array's own depth. */
  cuts: number[];
}

/**
 * Finds the rows array and its batch boundaries in one pass: the top-level array itself, or the value of the
 * top-level object's `data` key. Undefined when there is none; malformed JSON is left for JSON.parse to report.
 */
function findRowsArray(body: Buffer, batchBytes: number): RowsArray | undefined {
  let start = 0;
  while (start < body.length && body[start]! <= 0x20) start++;
  const top = body[start];
  if (top !== OPEN_OBJECT && top !== OPEN_ARRAY) return undefined;
  const envelope = top === OPEN_OBJECT;
  // Depth of the rows array's own commas (inside it): 1 for a bare array, 2 for the envelope's `data`.
  const rowsDepth = envelope ? 2 : 1;

  let found: RowsArray | undefined;
  let current: RowsArray | undefined;
  let depth = 0;
  let expectingKey = false;
  let key = '';
  let lastCut = start;

  for (let i = start; i < body.length; i++) {
    const byte = body[i]!;
    switch (byte) {
      case QUOTE: {
        // Most of a body is string content: jump to the closing quote instead of walking every byte.
        const end = closingQuote(body, i);
        if (end === -1) return undefined; // cut short: JSON.parse will say so
        if (envelope && depth === 1 && expectingKey) {
          // Compared as raw bytes: an escaped spelling of "data" is simply not batched.
          key = body.toString('latin1', i + 1, end);
          expectingKey = false;
        }
        i = end;
        break;
      }
      case OPEN_OBJECT:
      case OPEN_ARRAY:
        if (byte === OPEN_ARRAY && (envelope ? depth === 1 && key === 'data' : depth === 0)) {
          current = { open: i, close: -1, cuts: [] };
          lastCut = i;
        }
        depth++;
        if (envelope && depth === 1) expectingKey = true;
        break;
      case CLOSE_OBJECT:
      case CLOSE_ARRAY:
        if (current && depth === rowsDepth && byte === CLOSE_ARRAY) {
          current.close = i;
          // A repeated key: JSON.parse keeps the last value, so the last `data` array is the one.
          found = current;
          current = undefined;
        }
        depth--;
        break;
      case COMMA:
        if (envelope && depth === 1) {
          expectingKey = true;
          key = '';
        }
        if (current && depth === rowsDepth && i - lastCut >= batchBytes) {
          current.cuts.push(i);
          lastCut = i;
        }
        break;
    }
  }
  return found;
}

/** Index of the quote closing the string opened at `open` (one preceded by an even run of backslashes), or -1. */
function closingQuote(body: Buffer, open: number): number {
  let at = open;
  for (;;) {
    at = body.indexOf(QUOTE, at + 1);
    if (at === -1) return -1;
    let backslashes = 0;
    while (body[at - 1 - backslashes] === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return at;
  }
}

/** Parses a JSON body: the same value JSON.parse would give for its text, and a SyntaxError whenever it would throw. */
export function parseJsonBody(body: Buffer, options: ParseBodyOptions = {}): unknown {
  const { batchBytes = 1 << 20, minBytes = 8 << 20 } = options;
  const rows = body.length >= minBytes ? findRowsArray(body, batchBytes) : undefined;
  if (!rows) return JSON.parse(body.toString('utf8'));

  // Everything but the rows, with an empty array in their place: JSON.parse checks the structure around them.
  const shell = JSON.parse(
    `${body.toString('utf8', 0, rows.open)}[]${body.toString('utf8', rows.close + 1)}`,
  ) as unknown[] | { data: unknown[] };
  const parsed: unknown[] = [];
  let from = rows.open + 1;
  for (const to of [...rows.cuts, rows.close]) {
    const batch = JSON.parse(`[${body.toString('utf8', from, to)}]`) as unknown[];
    // Between two cut commas there must be a row: `[1,,2]` cut at both commas must fail as JSON.parse fails.
    if (batch.length === 0 && rows.cuts.length > 0) throw new SyntaxError('Unexpected "," in JSON array');
    for (const row of batch) parsed.push(row);
    from = to + 1;
  }
  if (Array.isArray(shell)) return parsed;
  shell.data = parsed;
  return shell;
}
