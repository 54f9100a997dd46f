import type { FastifyInstance } from 'fastify';
import type { Clock } from '../clock.js';
import type { Journal } from '../journal.js';
import { peekNote } from './call-notes.js';

/** Control routes are the test's own conversation with the emulator, not traffic to journal. */
const CONTROL_PREFIX = '/__mock/';

/**
 * One journal entry per request (control routes aside), written when the response closes: after a normal send, a hijacked truncated
 * body, or a reset connection (status 0, since nothing was sent).
 */
export function registerJournal(app: FastifyInstance, journal: Journal, clock: Clock): void {
  app.addHook('onRequest', (request, reply, done) => {
    if (request.url.startsWith(CONTROL_PREFIX)) return done();
    const started = performance.now();
    // The emulator's clock, not the host's: entries line up with the data the call saw.
    const at = clock.now().toISOString();
    reply.raw.once('close', () => {
      const note = peekNote(request.raw);
      journal.record({
        at,
        method: request.method,
        url: request.url,
        ...(note?.family !== undefined && { family: note.family }),
        ...(note?.api !== undefined && { api: note.api }),
        ...(note?.token !== undefined && { token: note.token }),
        status: reply.raw.headersSent ? reply.raw.statusCode : 0,
        ...(note?.rows !== undefined && { rows: note.rows }),
        ...(note?.bytes !== undefined && { bytes: note.bytes }),
        durationMs: Math.round((performance.now() - started) * 100) / 100,
        ...(note?.fault !== undefined && { fault: note.fault }),
      });
    });
    done();
  });
}
