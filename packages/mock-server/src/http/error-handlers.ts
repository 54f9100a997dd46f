import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorForStatus, reasonOf, WolkvoxError } from '../envelope.js';
import { sendError } from './send.js';

/**
 * Every answer leaves in wolkvox's envelope: unknown paths, framework errors (bad URL, unsupported body) and
 * anything unexpected. Fastify's default `{statusCode, error, message}` JSON never reaches a client.
 */

function fromError(error: unknown): WolkvoxError {
  if (error instanceof WolkvoxError) return error;
  const status = (error as { statusCode?: unknown }).statusCode;
  const message = error instanceof Error ? error.message : String(error);
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new WolkvoxError(status, reasonOf(status), reasonOf(status), message);
  }
  return errorForStatus(500, 'the emulator failed; see its log');
}

export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const wolkvox = fromError(error);
  if (wolkvox.status >= 500) request.log.error({ err: error }, 'emulator error');
  return sendError(reply, wolkvox);
}

export function registerErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) =>
    sendError(
      reply,
      new WolkvoxError(
        404,
        'NOT FOUND',
        'THE REQUESTED URL DOES NOT EXIST',
        `${request.method} ${request.url.split('?')[0]}`,
      ),
    ),
  );
}

/** Bytes of a complete HTTP response in the envelope, for errors Node's parser raises before Fastify runs. */
export function rawErrorResponse(status: number, detail: string): string {
  const body = JSON.stringify(new WolkvoxError(status, reasonOf(status), reasonOf(status), detail).body());
  return (
    `HTTP/1.1 ${status} ${reasonOf(status)}\r\nContent-Type: application/json; charset=utf-8\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
  );
}
