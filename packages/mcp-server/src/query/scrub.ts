/**
 * No path of the server's machine in an answer. The query process runs in the filesystem's root with an empty
 * environment, so DuckDB's settings (`allowed_directories`, `temp_directory`, `secret_directory`, ...) name nothing
 * of the server; what could still carry one (a cell, a column name, an error message) is scrubbed of the server's
 * own directories before it leaves the query process: each is written `<path>`.
 */

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Replaces each of `paths` (whole path segments only) with `<path>`; the identity when none is long enough. */
export function pathScrubber(paths: readonly string[]): (text: string) => string {
  // The root itself ("/", "C:\") names nothing; longer paths first, so a directory inside another goes whole.
  const kept = [...new Set(paths.map((path) => path.replace(/[\\/]+$/, '')))]
    .filter((path) => path.length > 3)
    .sort((a, b) => b.length - a.length);
  if (kept.length === 0) return (text) => text;
  const pattern = new RegExp(`(?<![\\w.-])(?:${kept.map(escapeRegExp).join('|')})(?![\\w.-])`, 'g');
  return (text) => (text.length < 4 ? text : text.replace(pattern, '<path>'));
}
