import type { AnyReport, CheckedRequest, WallTime } from '@wolkvox-mcp/contracts';
import { LRUCache } from 'lru-cache';
import { EmulatorRefusal, successBody } from './envelope.js';
import type { MockLimits } from './types.js';
import type { RequestRecords, ViewEngine } from './views/engine.js';

/**
 * A report call's answer, serialized once: the envelope bytes and their status. Answers are cached per canonical
 * query (family, api, window, sorted parameters) and reused while the clock stays inside the view's validity interval,
 * so a repeated 60,000-row call costs a lookup, and a window that reaches "now" is recomputed only when a record
 * actually enters (or, in real time, leaves) it.
 */
export interface Answer {
  status: number;
  body: Buffer;
  /** Rows sent (after the cap), for the journal. */
  rows: number;
  validFrom: WallTime;
  validUntil: WallTime;
}

export interface AnswerPolicy {
  limits: Pick<MockLimits, 'maxRecordsPerCall' | 'maxResultBytes'>;
  rowCap: 'truncate' | 'refuse';
}

function canonicalKey(report: AnyReport, { window, params }: CheckedRequest): string {
  const parts = Object.keys(params)
    .sort()
    .map((name) => `${name}=${params[name]}`);
  const span = window ? `${window.start}-${window.end}` : '';
  return `${report.family}|${report.api}|${span}|${parts.join('&')}`;
}

function errorAnswer(error: EmulatorRefusal, validFrom: WallTime, validUntil: WallTime): Answer {
  return {
    status: error.status,
    body: Buffer.from(JSON.stringify(error.body())),
    rows: 0,
    validFrom,
    validUntil,
  };
}

export class Answers {
  private readonly cache: LRUCache<string, Answer>;

  constructor(
    private readonly engine: ViewEngine,
    private readonly policy: AnswerPolicy,
    cacheBytes: number,
  ) {
    // Bounded by bytes: one 60,000-row body is ~25 MB, so the default keeps a handful of big answers hot. An
    // answer larger than the whole budget is not kept (it would evict everything and still not fit). lru-cache
    // reads a size of 0 as "unbounded", so a budget below one byte still keeps nothing rather than everything.
    const budget = Math.max(1, Math.floor(cacheBytes));
    this.cache = new LRUCache({ max: 10_000, maxSize: budget, maxEntrySize: budget });
  }

  answer(report: AnyReport, request: CheckedRequest, now: WallTime, own?: RequestRecords): Answer {
    // An answer built from the request's own records (token_info) is about this call only: never cached.
    if (own?.[report.rows.entity]) return this.compute(report, request, now, own);
    const key = canonicalKey(report, request);
    const cached = this.cache.get(key);
    if (cached && now >= cached.validFrom && now < cached.validUntil) return cached;
    const fresh = this.compute(report, request, now);
    this.cache.set(key, fresh, { size: fresh.body.length + key.length });
    return fresh;
  }

  private compute(report: AnyReport, request: CheckedRequest, now: WallTime, own?: RequestRecords): Answer {
    const { limits, rowCap } = this.policy;
    // No more than `cap` rows are ever formatted: refusing needs only the count, truncating the first `cap`.
    const cap = limits.maxRecordsPerCall;
    const view = this.engine.run(report, request, now, cap, own);
    const { validFrom, validUntil, total, rows } = view;
    if (total === 0) {
      // Observed platform behaviour: an empty result is a 404, not an empty list.
      return errorAnswer(
        EmulatorRefusal.of('EMPTY_WINDOW', 'no records in the requested window'),
        validFrom,
        validUntil,
      );
    }
    if (total > cap && rowCap === 'refuse') {
      const detail = `${total} records exceed the limit of ${cap} per call`;
      return errorAnswer(EmulatorRefusal.of('RESULT_TOO_LARGE', detail), validFrom, validUntil);
    }
    // Within the cap, or truncated to exactly the cap: the platform's documented maximum, which lets a client
    // detect it (rows === cap) and split the window.
    const body = Buffer.from(successBody(rows, report.rows.shape));
    if (body.length > limits.maxResultBytes) {
      const detail = `the result is ${body.length} bytes; the limit is ${limits.maxResultBytes}`;
      return errorAnswer(EmulatorRefusal.of('RESULT_TOO_LARGE', detail), validFrom, validUntil);
    }
    return { status: 200, body, rows: rows.length, validFrom, validUntil };
  }
}
