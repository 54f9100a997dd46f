import type { FastifyReply } from 'fastify';
import type { WolkvoxError } from '../envelope.js';
import { noteFor } from './call-notes.js';

export const JSON_TYPE = 'application/json; charset=utf-8';

/** Sends serialized envelope bytes with the status that equals their `code`. */
export function sendBody(
  reply: FastifyReply,
  status: number,
  body: Buffer | string,
  headers: Record<string, string> = {},
) {
  const note = noteFor(reply.request.raw);
  note.bytes = Buffer.byteLength(body);
  return reply.code(status).headers(headers).type(JSON_TYPE).send(body);
}

export function sendError(reply: FastifyReply, error: WolkvoxError) {
  return sendBody(reply, error.status, JSON.stringify(error.body()), error.headers);
}
