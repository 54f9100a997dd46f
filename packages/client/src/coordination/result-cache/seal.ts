/**
 * A kept entry bound to the request it answers and to the token that fetched it. A store only maps keys to bytes:
 * whoever can write to it (the shared Redis, the state directory) can point a key at other bytes, another day's
 * intact entry or rows of their own. So the bytes say which request they answer, and carry a MAC that only a
 * holder of the token can make; an entry is answered only when both hold for the key it was read under.
 *
 * Layout: `WVCD`, the entry version (one byte), the MAC (32 bytes), the key's length (4 bytes, big-endian), the key
 * (UTF-8), then the body (the compressed piece). The MAC is HMAC-SHA256, keyed with a key derived from the token
 * (`ENTRY_MAC_PURPOSE`), over every byte of the entry but its own. Every replica of a tenant holds the token and
 * so reads what any of them kept; a writer without it cannot make an entry that is read.
 *
 * The checks run before anything is decompressed or parsed, so that bytes nobody with the token wrote never reach
 * the decoder.
 */
import { createHmac, type KeyObject, timingSafeEqual } from 'node:crypto';
import { ENTRY_VERSION } from './key.js';

/** The purpose the MAC key is derived for (Credential.derivedKey): another purpose gives an unrelated key. */
export const ENTRY_MAC_PURPOSE = `wolkvox-mcp closed-day cache entry v${ENTRY_VERSION}`;

const MAGIC = Buffer.from('WVCD', 'latin1');
const MAC_BYTES = 32;
const MAC_AT = MAGIC.length + 1;
const KEY_LENGTH_AT = MAC_AT + MAC_BYTES;
const KEY_AT = KEY_LENGTH_AT + 4;

/** Why an entry was refused, for the log and the call's warnings. */
export type RefusedBecause =
  /** Not an entry of this version: written by an older client, or not by a client at all. */
  | 'unsealed'
  /** A whole entry, but of another request (another window, report, parameters, server or token). */
  | 'other-request'
  /** It names this request, but its MAC was not made with this token's key: planted or altered. */
  | 'unauthenticated';

/** An entry that may not be answered: the cache drops it and fetches the piece again. */
export class RefusedEntry extends Error {
  constructor(
    readonly because: RefusedBecause,
    reason: string,
  ) {
    super(reason);
    this.name = 'RefusedEntry';
  }
}

function mac(macKey: KeyObject, entry: Buffer): Buffer {
  return createHmac('sha256', macKey)
    .update(entry.subarray(0, MAC_AT))
    .update(entry.subarray(KEY_LENGTH_AT))
    .digest();
}

/** The bytes to store for `body` under `key`. */
export function seal(key: string, body: Buffer, macKey: KeyObject): Buffer {
  const keyBytes = Buffer.from(key, 'utf8');
  const entry = Buffer.allocUnsafe(KEY_AT + keyBytes.length + body.length);
  MAGIC.copy(entry, 0);
  entry.writeUInt8(ENTRY_VERSION, MAGIC.length);
  entry.writeUInt32BE(keyBytes.length, KEY_LENGTH_AT);
  keyBytes.copy(entry, KEY_AT);
  body.copy(entry, KEY_AT + keyBytes.length);
  mac(macKey, entry).copy(entry, MAC_AT);
  return entry;
}

/** The body of an entry read under `key`; throws a RefusedEntry when it is not this request's, made with this token. */
export function unseal(entry: Buffer, key: string, macKey: KeyObject): Buffer {
  if (entry.length < KEY_AT || !entry.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new RefusedEntry('unsealed', 'not a sealed entry');
  }
  const version = entry.readUInt8(MAGIC.length);
  if (version !== ENTRY_VERSION) {
    throw new RefusedEntry('unsealed', `entry version ${version}, not ${ENTRY_VERSION}`);
  }
  const keyLength = entry.readUInt32BE(KEY_LENGTH_AT);
  if (keyLength > entry.length - KEY_AT) throw new RefusedEntry('unsealed', 'the entry is cut short');
  // The key first: another request's entry is refused as such, whatever token made it.
  if (!entry.subarray(KEY_AT, KEY_AT + keyLength).equals(Buffer.from(key, 'utf8'))) {
    throw new RefusedEntry('other-request', 'the entry names another request');
  }
  if (!timingSafeEqual(entry.subarray(MAC_AT, KEY_LENGTH_AT), mac(macKey, entry))) {
    throw new RefusedEntry('unauthenticated', 'the entry’s MAC was not made with this token');
  }
  return entry.subarray(KEY_AT + keyLength);
}
