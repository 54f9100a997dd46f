import type { FastifyReply } from 'fastify';

/**
 * The transport faults. A reset takes the reply out of Fastify's hands (hijack), since no response at all must
 * leave; the journal sees the call end without an answer (status 0). A truncated body is sent like any answer,
 * only cut in half: the HTTP exchange completes, the JSON does not.
 */

/** Resets the connection mid-call: a TCP reset where the platform supports it, so the client sees ECONNRESET. */
export function resetConnection(reply: FastifyReply): void {
  reply.hijack();
  const socket = reply.request.raw.socket as
    | (typeof reply.request.raw.socket & { resetAndDestroy?: () => void })
    | null;
  if (socket && typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
  else reply.raw.destroy();
}

/** The first half of a body's bytes. */
export function halfOf(body: Buffer): Buffer {
  return body.subarray(0, Math.floor(body.length / 2));
}
