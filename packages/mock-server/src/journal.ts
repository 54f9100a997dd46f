import type { JournalEntry } from './types.js';

/**
 * What the emulator was asked and what it answered, newest last. Bounded (oldest entries drop) so a long-running
 * emulator keeps flat memory; tokens appear only as labels.
 */
export class Journal {
  private entries: JournalEntry[] = [];
  private nextId = 1;

  constructor(private readonly capacity = 5000) {}

  record(entry: Omit<JournalEntry, 'id'>): JournalEntry {
    const full: JournalEntry = { id: this.nextId++, ...entry };
    this.entries.push(full);
    // Trim in batches so a busy emulator does not shift the array on every request.
    if (this.entries.length > this.capacity * 1.1) this.entries = this.entries.slice(-this.capacity);
    return full;
  }

  list(): JournalEntry[] {
    return this.entries.slice(-this.capacity);
  }

  clear(): void {
    this.entries = [];
  }
}
