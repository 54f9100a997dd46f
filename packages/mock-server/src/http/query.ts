/**
 * The query string as PHP-ish endpoints see it, parsed so that nothing a client sends can throw: malformed
 * percent-escapes are kept literally, `+` is a space, a key given twice becomes a list (which the wire check,
 * wire-check.ts, reports as "was given more than once"), and keys like `__proto__` are plain keys.
 */

export type Query = Record<string, string | string[]>;

function decode(text: string): string {
  const spaced = text.includes('+') ? text.replaceAll('+', ' ') : text;
  if (!spaced.includes('%')) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    // Decode the well-formed escapes and keep the rest as written, as PHP's urldecode does.
    return spaced.replace(/(%[0-9a-fA-F]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

export function parseQuery(text: string): Query {
  const query: Query = Object.create(null);
  if (!text) return query;
  for (const part of text.split('&')) {
    if (part === '') continue;
    const equals = part.indexOf('=');
    const key = decode(equals === -1 ? part : part.slice(0, equals));
    const value = equals === -1 ? '' : decode(part.slice(equals + 1));
    const previous = query[key];
    if (previous === undefined) query[key] = value;
    else if (Array.isArray(previous)) previous.push(value);
    else query[key] = [previous, value];
  }
  return query;
}
