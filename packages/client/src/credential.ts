import { createHash } from 'node:crypto';
import { inspect } from 'node:util';

const secrets = new WeakMap<Credential, string>();

/**
 * The wolkvox token, wrapped so that it cannot leak by accident: it is not a property of any object (a WeakMap
 * holds it), and the wrapper prints as its fingerprint in `inspect`, `JSON.stringify` and string conversions.
 * The only way to read it is `headerValue()`, called once per request when building the headers.
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
