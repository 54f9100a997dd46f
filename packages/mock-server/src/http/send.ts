import type { FastifyReply } from 'fastify';
import type { EmulatorRefusal } from '../envelope.js';

export const JSON_TYPE = 'application/json; charset=utf-8';

/** Sends serialized envelope bytes with the status that equals their `code`. */
export function sendBody(
  reply: FastifyReply,
  status: number,
  body: Buffer | string,
  headers: Record<string, string> = {},
) {
  return reply.code(status).headers(headers).type(JSON_TYPE).send(body);
}

export function sendError(reply: FastifyReply, error: EmulatorRefusal) {
  return sendBody(reply, error.status, JSON.stringify(error.body()), error.headers);
}
