/**
 * A lease per piece of a sync, so that syncs run at once on one data directory fetch each piece once between them:
 * `<data>/.leases/<key>.lock`, created exclusively (O_EXCL) by the sync that fetches the piece and removed when
 * the piece is stored. It holds its owner's host and process id: a lease whose owner is gone (killed, kill -9) is
 * taken over, as is one older than STALE_MS whatever its owner. The lease saves requests, never correctness: the
 * store writes every day whole or not at all, so two syncs that both fetched a day (a lease taken over from the
 * living, a lease folder that cannot be written) store the same rows.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

export const LEASES_DIR = '.leases';
/** A lease older than this is taken over even when its owner may live (another host, a hung sync). */
const STALE_MS = 3_600_000;
/** A lease without its owner yet is being written; past this it never will be. */
const UNWRITTEN_MS = 10_000;

export interface PieceLease {
  release(): Promise<void>;
}

const codeOf = (error: unknown) => (error as { code?: string }).code;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it lives, as another user's.
    return codeOf(error) === 'EPERM';
  }
}

export class PieceLeases {
  private readonly dir: string;
  private readonly host = hostname();

  constructor(root: string) {
    this.dir = join(root, LEASES_DIR);
  }

  private pathOf(key: string): string {
    return join(this.dir, `${key.replace(/[^A-Za-z0-9._=-]+/g, '_')}.lock`);
  }

  /**
   * The piece's lease, or undefined while another living sync holds it. A folder that cannot be written gives a
   * lease that holds nothing (the piece is fetched, as without leases).
   */
  async tryTake(key: string): Promise<PieceLease | undefined> {
    const path = this.pathOf(key);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      try {
        await mkdir(this.dir, { recursive: true });
        const handle = await open(path, 'wx');
        try {
          await handle.writeFile(JSON.stringify({ host: this.host, pid: process.pid }));
        } finally {
          await handle.close();
        }
        return { release: () => rm(path, { force: true }).catch(() => undefined) };
      } catch (error) {
        if (codeOf(error) !== 'EEXIST') return { release: async () => undefined };
      }
      if (!(await this.stale(path))) return undefined;
      // Moved aside, then removed: of two syncs taking over one lease, only one moves it.
      const aside = `${path}.${randomBytes(6).toString('hex')}.stale`;
      await rename(path, aside).then(
        () => rm(aside, { force: true }),
        () => undefined,
      );
    }
    return undefined;
  }

  /** Waits for the piece's lease (polling while another sync holds it); rejects once `signal` aborts. */
  async take(key: string, signal: AbortSignal, pollMs = 100): Promise<PieceLease> {
    for (;;) {
      signal.throwIfAborted();
      const lease = await this.tryTake(key);
      if (lease) return lease;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  private async stale(path: string): Promise<boolean> {
    const info = await stat(path).catch(() => undefined);
    if (!info) return true;
    const age = Date.now() - info.mtimeMs;
    if (age > STALE_MS) return true;
    let owner: { host?: unknown; pid?: unknown };
    try {
      owner = JSON.parse(await readFile(path, 'utf8'));
    } catch {
      return age > UNWRITTEN_MS;
    }
    return owner.host === this.host && typeof owner.pid === 'number' && !alive(owner.pid);
  }

  /** Removes the leases whose owners are gone (a sync killed while it held them). Never throws. */
  async sweep(): Promise<void> {
    for (const name of await readdir(this.dir).catch(() => [] as string[])) {
      const path = join(this.dir, name);
      if (name.endsWith('.lock') && (await this.stale(path)))
        await rm(path, { force: true }).catch(() => undefined);
    }
  }
}
