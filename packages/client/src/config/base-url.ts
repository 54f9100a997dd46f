/**
 * The one rule for where wolkvox requests go (`baseUrl` here, `--base-url` / WOLKVOX_BASE_URL in the MCP server):
 * an absolute http(s) URL without a query, a fragment or credentials (the token travels in a header, never in a
 * URL). Published on its own (`@wolkvox-mcp/client/base-url`) so that a configuration can be checked without
 * loading the client.
 */

/** A base URL split as requests use it, or the rule it breaks. */
export type BaseUrlReading = { ok: true; origin: string; basePath: string } | { ok: false; rule: string };

export function readBaseUrl(value: unknown): BaseUrlReading {
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    return { ok: false, rule: 'must be an absolute http(s) URL' };
  }
  if (url.search || url.hash || url.username || url.password) {
    return { ok: false, rule: 'must not carry a query, fragment or credentials' };
  }
  // The family's path is appended to it, so a trailing slash would double.
  return { ok: true, origin: url.origin, basePath: url.pathname.replace(/\/+$/, '') };
}
