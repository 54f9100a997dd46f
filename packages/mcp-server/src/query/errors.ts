/**
 * Why a query was not answered, in terms an assistant can act on: which rule a statement broke, which limit stopped
 * it, or DuckDB's own message trimmed to its first lines and without file paths.
 */
export type QueryFailureKind =
  | 'parse'
  | 'refused'
  | 'sql'
  | 'timeout'
  | 'memory'
  | 'too_many_rows'
  | 'too_wide'
  /** An export's file would pass the bound of the exports kept on the machine. */
  | 'too_large'
  | 'cancelled'
  /** The query process ended for another reason than a limit. */
  | 'crashed'
  /** No query process could be started (an incomplete installation). */
  | 'unavailable';

export class QueryFailure extends Error {
  override readonly name = 'QueryFailure';
  constructor(
    readonly kind: QueryFailureKind,
    message: string,
  ) {
    super(message);
  }
}

/** DuckDB messages are kept to this many characters: its hints are short, its plans and stacks are not. */
const MAX_MESSAGE_CHARS = 600;

/**
 * DuckDB's message for a caller: no "Failed to extract statements:" wrapper, no absolute paths (a refused file
 * access would name a path of this machine), bounded.
 */
export function trimDuckDbMessage(message: string): string {
  const text = message
    .replace(/^Failed to (?:extract statements|prepare statement):\s*/i, '')
    .replace(/(?<=^|[\s"'(])(?:\/[\w.@+*-]+)+\/?/g, '<path>')
    .trim();
  return text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS - 1)}…` : text;
}

/** What to change when a query needs more memory than it may have. */
export const MEMORY_ADVICE = 'aggregate earlier, select fewer or shorter values, or narrow the window';

/** A failure of DuckDB while binding or running a statement, by its error class. */
export function classifyDuckDbError(error: unknown): QueryFailure {
  const message = error instanceof Error ? error.message : String(error);
  if (/^INTERRUPT Error/i.test(message) || /Interrupted!/.test(message)) {
    return new QueryFailure('cancelled', 'the query was interrupted');
  }
  if (/Out of Memory Error/i.test(message)) {
    return new QueryFailure(
      'memory',
      `the query needed more memory than a query may use; ${MEMORY_ADVICE} (${trimDuckDbMessage(message).split('\n')[0]})`,
    );
  }
  if (/^Permission Error/i.test(message)) {
    return new QueryFailure(
      'refused',
      `reads no files, network or extensions: only the tables of the fetches (${trimDuckDbMessage(message).split('\n')[0]})`,
    );
  }
  return new QueryFailure('sql', trimDuckDbMessage(message));
}
