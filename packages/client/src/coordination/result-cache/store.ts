/** Where kept pieces live: the machine's disk (cacache) or a Redis shared by several machines. */
export interface PieceStore {
  /** `disk` or `redis`, for logs. */
  readonly name: string;
  /**
   * The bytes kept under `key`, or undefined when there are none. Content that fails its integrity check is
   * removed and reported as a `CorruptEntry`; any other failure (permissions, a full disk) is thrown as is.
   */
  read(key: string): Promise<Buffer | undefined>;
  write(key: string, bytes: Buffer): Promise<void>;
  /**
   * Forgets `key`. Its bytes go too (they are bad for any key holding them), unless `keepContent` says they are
   * another key's good entry that `key` was pointed at: a store that shares bytes between keys keeps them then.
   */
  drop(key: string, options?: { keepContent?: boolean }): Promise<void>;
  close(): Promise<void>;
}

/** A kept entry whose bytes are damaged (truncated, overwritten): already removed, to be fetched again. */
export class CorruptEntry extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'CorruptEntry';
  }
}
