import type { FastifyInstance } from 'fastify';
import type { Clock } from '../clock.js';
import type { Journal } from '../journal.js';
import { type CallNote, noteFor, peekNote } from './call-notes.js';

/** Control routes are the test's own conversation with the emulator, not traffic to journal. */
const CONTROL_PREFIX = '/__mock/';

/**
 * One journal entry per request (control routes aside), written when the answer is handed to Node, before its
 * bytes reach the client: a caller that has read a response always finds it in the journal. Hijacked answers
 * (reset, truncated) are written by the fault itself; a request that never got an answer (its client left) is
 * written when its connection closes, with status 0.
 */
export function registerJournal(app: FastifyInstance, journal: Journal, clock: Clock): void {
  const write = (note: CallNote, method: string, url: string, status: number) => {
    if (note.journaled || note.startedAt === undefined) return;
    note.journaled = true;
    journal.record({
      at: note.at ?? clock.now().toISOString(),
      method,
      url,
      ...(note.family !== undefined && { family: note.family }),
      ...(note.api !== undefined && { api: note.api }),
      ...(note.token !== undefined && { token: note.token }),
      status,
      ...(note.rows !== undefined && { rows: note.rows }),
      ...(note.bytes !== undefined && { bytes: note.bytes }),
      durationMs: Math.round((performance.now() - note.startedAt) * 100) / 100,
      ...(note.fault !== undefined && { fault: note.fault }),
    });
  };

  app.addHook('onRequest', (request, reply, done) => {
    if (request.url.startsWith(CONTROL_PREFIX)) return done();
    const note = noteFor(request.raw);
    note.startedAt = performance.now();
    // The emulator's clock, not the host's: entries line up with the data the call saw.
    note.at = clock.now().toISOString();
    note.journal = (status) => write(note, request.method, request.url, status);
    reply.raw.once('close', () =>
      write(note, request.method, request.url, reply.raw.headersSent ? reply.raw.statusCode : 0),
    );
    done();
  });

  app.addHook('onSend', (request, reply, payload, done) => {
    const note = peekNote(request.raw);
    if (note?.journal) {
      if (note.bytes === undefined && (typeof payload === 'string' || Buffer.isBuffer(payload))) {
        note.bytes = Buffer.byteLength(payload);
      }
      note.journal(reply.statusCode);
    }
    done(null, payload);
  });
}
