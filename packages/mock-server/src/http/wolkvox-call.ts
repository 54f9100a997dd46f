import type { Family } from '@wolkvox-mcp/contracts';
import type { FastifyRequest } from 'fastify';
import type { TokenBook } from '../limits/token-book.js';

/**
 * What one call to a wolkvox endpoint has established so far, carried on the request (`request.wolkvox`) from
 * the moment it arrives to its journal entry: the family and report, the token's label, the concurrency slot it
 * holds, the fault it suffers, and what it was answered. Only requests to the wolkvox surface carry one; the
 * control API's requests do not (the decoration lives in the report routes' scope).
 */
export class WolkvoxCall {
  /** When the request arrived: the journal's `durationMs` runs from here. */
  readonly startedAt = performance.now();
  family?: Family;
  /** The report's api, or what the caller sent as `api` until it names one. */
  api?: string;
  /** The token's label, never the token. */
  token?: string;
  rows?: number;
  bytes?: number;
  /** The injected fault this call suffers, described for the journal. */
  fault?: string;
  private slot?: { book: TokenBook; token: string };

  /** @param at the emulator clock's instant when the request arrived (ISO), so entries line up with the data. */
  constructor(readonly at: string) {}

  /** Notes the concurrency slot the call took, to be given back by `release`. */
  hold(book: TokenBook, token: string): void {
    this.slot = { book, token };
  }

  /** Gives back the call's concurrency slot, if it holds one; later calls do nothing. */
  release(): void {
    if (!this.slot) return;
    this.slot.book.release(this.slot.token);
    this.slot = undefined;
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The wolkvox call this request is; null outside the report routes' scope (the control API). */
    wolkvox: WolkvoxCall | null;
  }
}

/** The call of a request in the report routes' scope, where an onRequest hook always sets one. */
export function callOf(request: FastifyRequest): WolkvoxCall {
  if (!request.wolkvox) throw new Error('no wolkvox call on a request outside the report routes');
  return request.wolkvox;
}
