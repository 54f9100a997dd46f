/**
 * The emulator as the tests of other packages start it: in this process, on 127.0.0.1 and a port it picks, and
 * read through its journal (what it was asked, in the order it answered).
 */
import {
  type JournalEntry,
  type MockServer,
  type MockServerOptions,
  startMockServer,
} from '@wolkvox-mcp/mock-server';

/** The emulator in this process on 127.0.0.1 and a free port; the caller closes it. */
export function startEmulator(options: MockServerOptions = {}): Promise<MockServer> {
  return startMockServer({ host: '127.0.0.1', port: 0, ...options });
}

/**
 * The journal once it holds `count` entries. An answered call is written before its bytes leave, so a caller that
 * read its answer finds it at once; a call its client gave up on (a timeout, an abort, a reset) is written when
 * the emulator notices the client left, which may be just after the client moved on. Fails after `timeoutMs`
 * with what the journal held.
 */
export async function journalOf(
  emulator: Pick<MockServer, 'control'>,
  count: number,
  timeoutMs = 10_000,
): Promise<JournalEntry[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const journal = emulator.control.journal();
    if (journal.length >= count) return journal;
    if (Date.now() > deadline) {
      throw new Error(
        `the journal holds ${journal.length} entries, expected ${count}: ${journal.map((e) => e.status).join(', ')}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
