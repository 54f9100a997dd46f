import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Clock } from '../clock.js';
import type { Journal } from '../journal.js';
import { WolkvoxCall } from './wolkvox-call.js';

/**
 * Every request to the scope these hooks are added to is a wolkvox call (`request.wolkvox`) and gets one journal
 * entry. The hooks live in the report routes' scope, so the control API is left out by encapsulation.
 *
 * The entry is written once: on `onSend`, when the answer is handed to Node and before its bytes reach the client
 * (so a caller that has read an answer always finds it in the journal; `onResponse` comes too late for a large
 * body), or on `onRequestAbort`, with status 0, for a call that never got an answer (its client left, or a fault
 * reset the connection). A call takes one of the two ways, never both.
 */
export function journalCalls(scope: FastifyInstance, journal: Journal, clock: Clock): void {
  const write = (request: FastifyRequest, status: number) => {
    const call = request.wolkvox;
    if (!call) return;
    journal.record({
      at: call.at,
      method: request.method,
      url: request.url,
      ...(call.family !== undefined && { family: call.family }),
      ...(call.api !== undefined && { api: call.api }),
      ...(call.token !== undefined && { token: call.token }),
      status,
      ...(call.rows !== undefined && { rows: call.rows }),
      ...(call.bytes !== undefined && { bytes: call.bytes }),
      durationMs: Math.round((performance.now() - call.startedAt) * 100) / 100,
      ...(call.fault !== undefined && { fault: call.fault }),
    });
  };

  scope.decorateRequest('wolkvox', null);
  scope.addHook('onRequest', (request, _reply, done) => {
    // The emulator's clock, not the host's: entries line up with the data the call saw.
    request.wolkvox = new WolkvoxCall(clock.now().toISOString());
    done();
  });
  scope.addHook('onSend', (request, reply, payload, done) => {
    const call = request.wolkvox;
    if (call && typeof payload === 'string') call.bytes = Buffer.byteLength(payload);
    else if (call && Buffer.isBuffer(payload)) call.bytes = payload.length;
    write(request, reply.statusCode);
    done(null, payload);
  });
  scope.addHook('onRequestAbort', (request, done) => {
    // A client that left frees its slot at once, not when the call's waits end.
    request.wolkvox?.release();
    write(request, 0);
    done();
  });
}
