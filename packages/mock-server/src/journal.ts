import type { JournalEntry } from './types.js';

/**
 * What the emulator was asked and what it answered, newest last. Bounded (oldest entries drop) so a long-running
 * emulator keeps flat memory; tokens appear only as labels.
 */
export class Journal {
  private entries: JournalEntry[] = [];
  private nextId = 1;
  /** Callers waiting for the journal to hold a number of entries (`whenHolds`). */
  private readonly waiting = new Set<{ count: number; done: () => void }>();

  constructor(private readonly capacity = 5000) {}

  record(entry: Omit<JournalEntry, 'id'>): JournalEntry {
    const full: JournalEntry = { id: this.nextId++, ...entry };
    this.entries.push(full);
    // Trim in batches so a busy emulator does not shift the array on every request.
    if (this.entries.length > this.capacity * 1.1) this.entries = this.entries.slice(-this.capacity);
    for (const waiter of this.waiting) if (this.entries.length >= waiter.count) waiter.done();
    return full;
  }

  /**
   * The journal once it holds `count` entries; refused after `timeoutMs` with what it held. An answered call is
   * written before its bytes leave, so a caller that read its answer finds it at once; a call its client gave up
   * on (a timeout, an abort, a reset) is written when the emulator notices the client left, just after.
   */
  whenHolds(count: number, timeoutMs: number): Promise<JournalEntry[]> {
    if (this.entries.length >= count) return Promise.resolve(this.list());
    return new Promise((resolve, reject) => {
      const waiter = {
        count,
        done: () => {
          this.waiting.delete(waiter);
          clearTimeout(timer);
          resolve(this.list());
        },
      };
      const timer = setTimeout(() => {
        this.waiting.delete(waiter);
        const statuses = this.entries.map((entry) => entry.status).join(', ');
        reject(new Error(`the journal holds ${this.entries.length} entries, expected ${count}: ${statuses}`));
      }, timeoutMs);
      this.waiting.add(waiter);
    });
  }

  list(): JournalEntry[] {
    return this.entries.slice(-this.capacity);
  }

  clear(): void {
    this.entries = [];
  }
}
