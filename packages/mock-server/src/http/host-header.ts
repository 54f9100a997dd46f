import type { FastifyRequest } from 'fastify';
import { EmulatorRefusal } from '../envelope.js';

/**
 * The `Host` header as HTTP/1.1 defines it (RFC 9112 §3.2, RFC 3986 §3.2.2): `host [":" port]`, where host is a
 * name or IPv4 address, or an IPv6 address in brackets. A request without one, or with anything else (credentials
 * `evil@localhost`, a path, an unclosed `[::1`, an empty value), must be answered 400 (RFC 9112 §3.2). Node refuses
 * a missing Host itself, with an empty body; the emulator lets it through (`requireHostHeader: false`) so that this
 * check answers it in the envelope like every other refusal. The MCP server has the same check (sdk/host-header.ts).
 */

/** The longest DNS name (RFC 1035), plus room for a port. */
const MAX_HOST_LENGTH = 253 + ':65535'.length;
const NAME_OR_IPV4 = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_.])?$/;
const IPV6 = /^\[[0-9A-Fa-f:.]+\]$/;

/** Why `host` is not a valid Host header value, or undefined when it is one. */
export function hostHeaderProblem(host: string | string[] | undefined): string | undefined {
  if (host === undefined) return 'the Host header is required';
  if (Array.isArray(host)) return 'exactly one Host header is allowed';
  if (host.length === 0) return 'the Host header is empty';
  if (host.length > MAX_HOST_LENGTH) return `the Host header is longer than ${MAX_HOST_LENGTH} characters`;
  const hasPort = !host.endsWith(']') && /:\d*$/.test(host);
  const name = hasPort ? host.slice(0, host.lastIndexOf(':')) : host;
  if (hasPort) {
    const digits = host.slice(host.lastIndexOf(':') + 1);
    if (digits.length === 0 || digits.length > 5 || Number(digits) > 65535) {
      return 'the Host header port must be a number from 0 to 65535';
    }
  }
  if (!NAME_OR_IPV4.test(name) && !IPV6.test(name)) {
    return 'the Host header must be host[:port] (a name, an IPv4 address or a bracketed IPv6 address)';
  }
  return undefined;
}

/** An onRequest hook: a malformed Host is refused 400 in the envelope, before any route (and the journal) runs. */
export async function checkHostHeader(request: FastifyRequest): Promise<void> {
  // HTTP/1.0 predates Host: only 1.1 requires it (as Node does when it checks).
  if (request.headers.host === undefined && request.raw.httpVersion === '1.0') return;
  const problem = hostHeaderProblem(request.headers.host);
  if (problem !== undefined) throw new EmulatorRefusal(400, 'BAD REQUEST', 'BAD REQUEST', problem);
}
