/**
 * The key of a kept piece: where it was asked (origin and path prefix), with which token (its one-way fingerprint,
 * never the token), which report, and the exact request as sent (every wire parameter, in a canonical order). Two
 * calls share a kept piece only when wolkvox would have been asked the very same thing.
 */
import { createHash } from 'node:crypto';

/**
 * Bumped when what is kept changes shape, so an older entry is never read as a newer one: it is under another key
 * (never found, left to eviction or expiry) and, read under this one, refused by its header (seal.ts).
 */
export const ENTRY_VERSION = 2;

export interface PieceIdentity {
  /** `scheme://host:port` and the base URL's path prefix. */
  server: string;
  /** The Credential's fingerprint (a truncated SHA-256 of the token). */
  tokenFingerprint: string;
  report: string;
  /** The wire parameters of the piece: the report's own and the window's `date_ini` / `date_end`. */
  query: Readonly<Record<string, string>>;
}

/** `k=v&...` with names sorted and both sides percent-encoded: one spelling for one request. */
export function canonicalQuery(query: Readonly<Record<string, string>>): string {
  return Object.keys(query)
    .sort()
    .map((name) => `${encodeURIComponent(name)}=${encodeURIComponent(query[name]!)}`)
    .join('&');
}

/**
 * The cache key: readable in the disk cache's own index (it holds nothing secret), hashed for Redis's key, and
 * written whole into every entry, which is answered only under it (seal.ts).
 */
export function pieceKey(identity: PieceIdentity): string {
  return [
    `wolkvox-closed-day/v${ENTRY_VERSION}`,
    identity.server,
    identity.tokenFingerprint,
    identity.report,
    canonicalQuery(identity.query),
  ].join(' ');
}

/** A short fixed-length form of a key, for stores that bound key sizes or where keys are visible to others. */
export function hashedKey(key: string): string {
  return createHash('sha256').update(key).digest('base64url');
}
