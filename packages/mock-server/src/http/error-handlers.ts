import type { FastifyReply, FastifyRequest } from 'fastify';
import { EmulatorRefusal, errorForStatus, reasonOf } from '../envelope.js';
import { sendError } from './send.js';

/**
 * Every answer leaves in wolkvox's envelope: unknown paths, framework errors (bad URL, unsupported body) and
 * anything unexpected. Fastify's default `{statusCode, error, message}` JSON never reaches a client.
 */

function fromError(error: unknown): EmulatorRefusal {
  if (error instanceof EmulatorRefusal) return error;
  const status = (error as { statusCode?: unknown }).statusCode;
  const message = error instanceof Error ? error.message : String(error);
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new EmulatorRefusal(status, reasonOf(status), reasonOf(status), message);
  }
  return errorForStatus(500, 'the emulator failed; see its log');
}

export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const wolkvox = fromError(error);
  if (wolkvox.status >= 500) request.log.error({ err: error }, 'emulator error');
  return sendError(reply, wolkvox);
}

/** The envelope 404 for a path that is not one of wolkvox's (or the control API's). */
export function sendNotFound(request: FastifyRequest, reply: FastifyReply) {
  return sendError(
    reply,
    new EmulatorRefusal(
      404,
      'NOT FOUND',
      'THE REQUESTED URL DOES NOT EXIST',
      `${request.method} ${request.url.split('?')[0]}`,
    ),
  );
}

/** Bytes of a complete HTTP response in the envelope, for errors Node's parser raises before Fastify runs. */
export function rawErrorResponse(status: number, detail: string): string {
  const body = JSON.stringify(new EmulatorRefusal(status, reasonOf(status), reasonOf(status), detail).body());
  return (
    `HTTP/1.1 ${status} ${reasonOf(status)}\r\nContent-Type: application/json; charset=utf-8\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
  );
}
