import { createHash, createSecretKey, hkdfSync, type KeyObject } from 'node:crypto';
import { inspect } from 'node:util';

const secrets = new WeakMap<Credential, string>();

/**
 * The wolkvox token, wrapped so that it cannot leak by accident: it is not a property of any object (a WeakMap
 * holds it), and the wrapper prints as its fingerprint in `inspect`, `JSON.stringify` and string conversions.
 * The only way to read it is `headerValue()`, called once per request when building the headers; `derivedKey()`
 * gives a secret of the token's for one purpose without giving the token.
 */
export class Credential {
  /** A short one-way digest: identifies the token (e.g. to share a concurrency budget) without revealing it. */
  readonly fingerprint: string;

  constructor(token: string) {
    this.fingerprint = createHash('sha256').update(token).digest('hex').slice(0, 16);
    secrets.set(this, token);
  }

  headerValue(): string {
    return secrets.get(this)!;
  }

  /**
   * A 256-bit secret key for one purpose (HKDF-SHA256 of the token, the purpose as its info): whoever holds the
   * token derives the same key, and neither the key nor anything made with it gives the token back. A KeyObject,
   * so that it prints without its bytes.
   */
  derivedKey(purpose: string): KeyObject {
    return createSecretKey(Buffer.from(hkdfSync('sha256', secrets.get(this)!, '', purpose, 32)));
  }

  toJSON(): string {
    return `[token ${this.fingerprint}]`;
  }

  toString(): string {
    return this.toJSON();
  }

  [inspect.custom](): string {
    return this.toJSON();
  }
}
