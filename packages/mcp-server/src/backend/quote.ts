/**
 * What a reply may quote of text it did not write: wolkvox's messages, the client's errors and warnings (which may
 * name this machine's state directory), a name a caller sent. Each is cut to a bound, saying how long it was, and
 * written without a path of this machine.
 */

/** `text` cut to `limit` characters, saying how long it was. */
export function cutText(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit)}… (cut: ${text.length} characters)`;
}

/**
 * Absolute paths (two segments or more, after a space, a quote, a bracket or the start; `C:\...`; `~/...`), written
 * `<path>`. A URL's path does not start after a space, so `https://host/api/...` is left as it is.
 */
const PATHS = /(?<=^|[\s"'`(=[])(?:(?:\/[^\s/"'`()<>,;[\]]+){2,}\/?|[A-Za-z]:\\[^\s"'`<>|]*|~\/[^\s"'`<>]*)/g;

/** `text` without a path of this machine: an error of the file system names the file it failed on. */
export function withoutPaths(text: string): string {
  return text.replace(PATHS, '<path>');
}

/** Text from outside as a reply quotes it: without paths, cut to `limit`. */
export function quoted(text: string, limit: number): string {
  return cutText(withoutPaths(text), limit);
}
