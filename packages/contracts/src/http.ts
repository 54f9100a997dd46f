/**
 * The `Host` header as HTTP/1.1 defines it (RFC 9112 §3.2, RFC 3986 §3.2.2): `host [":" port]`, where host is a
 * name or IPv4 address, or an IPv6 address in brackets. Anything else (credentials `evil@localhost`, a path, an
 * unclosed `[::1`, an empty value) must be answered 400. Both servers check it first: the emulator in its envelope,
 * the MCP server as a JSON-RPC error (the SDK's allow-list compares only the host name it parses out, so a
 * malformed value passed it and then broke building the request URL). One rule, here, for both, imported as
 * `@wolkvox-mcp/contracts/http`.
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

/**
 * The response header the emulator carries its clock in, on every answer: an ISO 8601 instant. wolkvox sends none.
 * A program that reads relative dates ("yesterday", "last_7_days") against an emulator started on another day
 * (`wolkvox-mock --now ...`) reads them on the emulator's calendar by it; the MCP server does.
 */
export const EMULATOR_CLOCK_HEADER = 'wolkvox-mock-now';
