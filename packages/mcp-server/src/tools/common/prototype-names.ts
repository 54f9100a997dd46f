/**
 * `__proto__` as a name the caller wrote (an argument, a filter column, a parameter, a fetch's key): an unknown
 * name like any other, refused by the same check with the same words. JSON gives it as an own key, but zod, to
 * keep a parsed object's prototype its own, leaves every `__proto__` key out of what it parses: `filter:
 * {"__proto__": ...}` would be read as no filter at all, and every row answered. So before a tool's schema parses
 * the arguments, each `__proto__` key is renamed to PROTOTYPE_KEY, which no column, parameter or argument has: the
 * checks refuse it as the unknown name it is, and the refusal (issues.ts) names it `__proto__` again. Names that are
 * ordinary keys on the wire (`constructor`, `toString`...) need nothing: the checks look names up as own keys.
 */
import { z } from 'zod';

/** What `__proto__` is called while it is parsed: no name of a column, parameter or argument. */
export const PROTOTYPE_KEY = '\u0000__proto__';

/** How a key reads in a refusal: `__proto__` again. */
export function callerKey<T>(key: T): T {
  return (key === PROTOTYPE_KEY ? '__proto__' : key) as T;
}

/** `value` with every `__proto__` key at any depth renamed PROTOTYPE_KEY; the same value when it holds none. */
export function withPrototypeKeysRenamed(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const items = value.map(withPrototypeKeysRenamed);
    return items.some((item, index) => item !== value[index]) ? items : value;
  }
  let changed = false;
  const entries = Object.entries(value).map(([key, item]): [string, unknown] => {
    const renamedItem = withPrototypeKeysRenamed(item);
    if (key === '__proto__' || renamedItem !== item) changed = true;
    return [key === '__proto__' ? PROTOTYPE_KEY : key, renamedItem];
  });
  return changed ? Object.fromEntries(entries) : value;
}

/**
 * A tool's input schema that sees `__proto__` keys (renamed, see above); its JSON Schema is the schema's own
 * (zod shows the schema after a preprocess step).
 */
export function seeingPrototypeNames<T extends z.ZodType>(schema: T) {
  return z.preprocess(withPrototypeKeysRenamed, schema);
}
