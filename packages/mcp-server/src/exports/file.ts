/**
 * The file an export's text is written to, bounded: writes are awaited one after another (a batch is in memory
 * while it is written, never the whole file), and a file that would grow past its bound stops with a
 * `TooLargeError` before the bytes that would cross it are written.
 */
import { type FileHandle, open } from 'node:fs/promises';

export class TooLargeError extends Error {
  override readonly name = 'TooLargeError';
  constructor(readonly maxBytes: number) {
    super(`the file would be larger than ${maxBytes} bytes`);
  }
}

export class BoundedFile {
  private bytes = 0;

  private constructor(
    private readonly handle: FileHandle,
    private readonly maxBytes: number,
  ) {}

  /** Creates the file (it must not exist yet). */
  static async create(path: string, maxBytes: number): Promise<BoundedFile> {
    return new BoundedFile(await open(path, 'wx'), maxBytes);
  }

  get size(): number {
    return this.bytes;
  }

  async write(text: string | Uint8Array): Promise<void> {
    const data = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
    if (this.bytes + data.length > this.maxBytes) throw new TooLargeError(this.maxBytes);
    this.bytes += data.length;
    await this.handle.write(data);
  }

  async close(): Promise<number> {
    await this.handle.close();
    return this.bytes;
  }

  /** Lets go of the file without finishing it (the caller removes it). */
  async abandon(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }
}
