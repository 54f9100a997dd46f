/**
 * The one rule for where wolkvox requests go (`baseUrl` here, `--base-url` / WOLKVOX_BASE_URL in the MCP server):
 * an absolute http(s) URL without a query, a fragment or credentials (the token travels in a header, never in a
 * URL). Published on its own (`@wolkvox-mcp/client/base-url`) so that a configuration can be checked without
 * loading the client. A rule never quotes the URL: one refused for carrying credentials would print them.
 */
import { z } from 'zod';

/** A base URL as given, and split as requests use it. */
export interface BaseUrl {
  url: string;
  /** scheme://host:port, for the dispatcher. */
  origin: string;
  /** The path prefix (usually empty), put before the family's path. */
  basePath: string;
}

const ABSOLUTE = 'must be an absolute http(s) URL';

export const baseUrlSchema = z.string({ error: ABSOLUTE }).transform((value, ctx): BaseUrl => {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    ctx.addIssue({ code: 'custom', message: ABSOLUTE });
    return z.NEVER;
  }
  if (url.search || url.hash || url.username || url.password) {
    ctx.addIssue({ code: 'custom', message: 'must not carry a query, fragment or credentials' });
    return z.NEVER;
  }
  // The family's path is appended to it, so a trailing slash would double.
  return { url: value, origin: url.origin, basePath: url.pathname.replace(/\/+$/, '') };
});

/** A base URL split as requests use it, or the rule it breaks. */
export type BaseUrlReading = ({ ok: true } & BaseUrl) | { ok: false; rule: string };

export function readBaseUrl(value: unknown): BaseUrlReading {
  const reading = baseUrlSchema.safeParse(value);
  return reading.success
    ? { ok: true, ...reading.data }
    : { ok: false, rule: reading.error.issues[0]!.message };
}
