import type { FastifyReply } from 'fastify';
import type { FaultSpec } from '../types.js';
import type { CallNote } from './call-notes.js';
import { JSON_TYPE } from './send.js';

/**
 * The transport faults: a connection reset, or a body cut in half. Both take the reply out of Fastify's hands
 * (hijack), since no well-formed response must leave. True when the fault was one of these.
 */
export function sabotage(
  reply: FastifyReply,
  fault: FaultSpec,
  status: number,
  body: Buffer,
  note: CallNote,
): boolean {
  if (fault.kind === 'reset') {
    reply.hijack();
    const socket = reply.request.raw.socket as
      | (typeof reply.request.raw.socket & { resetAndDestroy?: () => void })
      | null;
    note.journal?.(0);
    // A TCP reset where the platform supports it: the client sees ECONNRESET mid-call.
    if (socket && typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
    else reply.raw.destroy();
    return true;
  }
  if (fault.kind === 'truncate') {
    reply.hijack();
    const half = body.subarray(0, Math.floor(body.length / 2));
    note.bytes = half.length;
    // Chunked and ended cleanly: the HTTP exchange completes, the JSON does not.
    note.journal?.(status);
    reply.raw.writeHead(status, { 'content-type': JSON_TYPE });
    reply.raw.end(half);
    return true;
  }
  return false;
}
