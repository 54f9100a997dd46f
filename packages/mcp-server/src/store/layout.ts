/**
 * Where the store keeps a closed day (README "Store of closed days"), a Hive-style layout that other tools read as
 * it is (`read_parquet('<data>/<tenant>/<token>/report=cdr_1/**')`, pandas' `read_parquet` on a `report=` folder):
 *
 *   <data>/<tenant>/<token fingerprint>/report=<id>/params=<hash>/day=YYYY-MM-DD.<sha256 16>.parquet
 *   <data>/<tenant>/<token fingerprint>/report=<id>/params=<hash>/day=YYYY-MM-DD.json   (its record: the file's
 *                                                                      name, rows, bytes, sha256; read first)
 *
 * The tenant is where wolkvox is (its server name, or the base URL's host), the token's fingerprint its SHA-256's
 * first 16 hex digits (as the client's): two tokens of one tenant never share files. `params` is the hash of the
 * report's own wire parameters (every day of one request shares it; none: `params=none`). Work files are written
 * in `<data>/.incoming/<random>/` and renamed into place: a day file appears whole or not at all. A day file is
 * named by its content, so a day written again is a new file beside the old one: the record, renamed over the old
 * one in one step, says which is the day's, and a reader holding the old record still finds the old file (removed
 * just after; a reader that misses it reads the record again).
 */
import { createHash, createSecretKey, hkdfSync, type KeyObject } from 'node:crypto';
import { join } from 'node:path';

/** What identifies whose rows a store folder holds. */
export interface StoreScope {
  /** Where wolkvox is: a file-name-safe label (`storeTenant`). */
  tenant: string;
  /** The token's fingerprint (16 hex digits), or `demo` for the embedded emulator. */
  token: string;
}

export const INCOMING_DIR = '.incoming';

const SAFE = /[^A-Za-z0-9._-]+/g;

/** A label safe as one path segment: letters, digits, `.`, `_` and `-` (anything else becomes `_`). */
export function safeSegment(text: string): string {
  const cleaned = text.replace(SAFE, '_').replace(/^\.+/, '_');
  return cleaned.slice(0, 80) || '_';
}

/** The tenant segment of wolkvox at `serverOrUrl` (a server name, or a base URL: its host and port). */
export function storeTenant(serverOrUrl: string): string {
  try {
    const url = new URL(serverOrUrl);
    return safeSegment(url.host + url.pathname.replace(/\/+$/, ''));
  } catch {
    return safeSegment(serverOrUrl);
  }
}

/** The token's fingerprint as the client writes it (credential.ts): never the token. */
export function tokenFingerprint(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 16);
}

/** What the key that seals day records is derived for (HKDF from the token, as the client derives its own keys). */
export const RECORD_KEY_PURPOSE = 'wolkvox-mcp store day record v1';

/**
 * The key a token's day records are sealed with (day-store.ts): only a holder of the token can make a record the
 * store reads under it.
 */
export function recordKey(token: string): KeyObject {
  return createSecretKey(Buffer.from(hkdfSync('sha256', token, '', RECORD_KEY_PURPOSE, 32)));
}

/** The hash of a report's own wire parameters (sorted by name); `none` when there are none. */
export function paramsHash(params: Readonly<Record<string, string>>): string {
  const entries = Object.entries(params)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (entries.length === 0) return 'none';
  return createHash('sha256').update(JSON.stringify(entries)).digest('hex').slice(0, 16);
}

/** The folder of one scope: every file the query engine may read for it is inside. */
export function scopeDir(root: string, scope: StoreScope): string {
  return join(root, safeSegment(scope.tenant), safeSegment(scope.token));
}

/** The folder of one report and parameter set in a scope. */
export function partitionDir(root: string, scope: StoreScope, report: string, params: string): string {
  return join(scopeDir(root, scope), `report=${safeSegment(report)}`, `params=${safeSegment(params)}`);
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A day's record, for `day` (YYYY-MM-DD): it names the day's file. */
export function recordPath(dir: string, day: string): string {
  if (!DAY.test(day)) throw new RangeError(`not a day: ${day}`);
  return join(dir, `day=${day}.json`);
}

/** The name of a day's file with content `sha256` (hex): two writings of a day never share a name unless equal. */
export function dayFileName(day: string, sha256: string): string {
  if (!DAY.test(day)) throw new RangeError(`not a day: ${day}`);
  return `day=${day}.${sha256.slice(0, 16)}.parquet`;
}

/** What a record may name: a day file in its own folder, never a path elsewhere. */
export const DAY_FILE_NAME = /^day=\d{4}-\d{2}-\d{2}\.[0-9a-f]{16}\.parquet$/;

/** A record's name in a partition folder: its day, or undefined for any other file. */
export const recordDay = (name: string): string | undefined =>
  /^day=(\d{4}-\d{2}-\d{2})\.json$/.exec(name)?.[1];
