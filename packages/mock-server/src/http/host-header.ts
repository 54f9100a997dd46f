import { hostHeaderProblem } from '@wolkvox-mcp/contracts/http';
import type { FastifyRequest } from 'fastify';
import { EmulatorRefusal } from '../envelope.js';

/**
 * The `Host` header as HTTP/1.1 defines it (RFC 9112 §3.2, RFC 3986 §3.2.2): `host [":" port]`, where host is a
 * name or IPv4 address, or an IPv6 address in brackets. A request without one, or with anything else (credentials
 * `evil@localhost`, a path, an unclosed `[::1`, an empty value), must be answered 400 (RFC 9112 §3.2). Node refuses
 * a missing Host itself, with an empty body; the emulator lets it through (`requireHostHeader: false`) so that this
 * check answers it in the envelope like every other refusal. The rule itself is contracts' `hostHeaderProblem`, which the MCP server uses too.
 */

/** An onRequest hook: a malformed Host is refused 400 in the envelope, before any route (and the journal) runs. */
export async function checkHostHeader(request: FastifyRequest): Promise<void> {
  // HTTP/1.0 predates Host: only 1.1 requires it (as Node does when it checks).
  if (request.headers.host === undefined && request.raw.httpVersion === '1.0') return;
  const problem = hostHeaderProblem(request.headers.host);
  if (problem !== undefined) throw new EmulatorRefusal(400, 'BAD REQUEST', 'BAD REQUEST', problem);
}
