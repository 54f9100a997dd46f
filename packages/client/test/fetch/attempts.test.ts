import { describe, expect, it } from 'vitest';
import { WolkvoxHttpError } from '../../src/errors.js';
import { WindowAttempts } from '../../src/fetch/attempts.js';
import { TransientFailures } from '../../src/fetch/failures.js';
import { BUSY_MAX_DELAY_MS, BUSY_WITHOUT_DEADLINE_MS } from '../../src/retry.js';

const rules = { retries: 2, retryBaseDelayMs: 100, retryMaxDelayMs: 1_000, deadline: true };
const busy = () => new WolkvoxHttpError('CONCURRENCY', 'busy', { transient: true });
const down = () => new WolkvoxHttpError('HTTP_503', 'down', { transient: true });
/** The largest draw: every wait at its ceiling. */
const top = () => 0.999_999;

function thrown(run: () => unknown): WolkvoxHttpError {
  try {
    run();
  } catch (error) {
    return error as WolkvoxHttpError;
  }
  throw new Error('expected a throw');
}

describe('WindowAttempts', () => {
  it('retries a failure `retries` times with growing backoff, then throws it saying how many calls it took', () => {
    const attempts = new WindowAttempts(rules, new TransientFailures(), top);
    expect(attempts.waitAfter(down(), undefined, 0)).toBe(99);
    expect(attempts.waitAfter(down(), undefined, 0)).toBe(199);
    const error = thrown(() => attempts.waitAfter(down(), undefined, 0));
    expect(error.message).toBe('down (gave up after 3 attempts)');
    expect(error.attempts).toBe(3);
  });

  it('waits at least a Retry-After, within the longest wait', () => {
    const attempts = new WindowAttempts(rules, new TransientFailures(), () => 0);
    expect(attempts.waitAfter(down(), 500, 0)).toBe(500);
    expect(attempts.waitAfter(down(), 60_000, 0)).toBe(1_000);
  });

  it('rides out a busy token without spending the retries, each wait longer up to the cap', () => {
    const attempts = new WindowAttempts({ ...rules, retries: 0 }, new TransientFailures(), top);
    const waits = Array.from({ length: 8 }, () => attempts.waitAfter(busy(), undefined, 0));
    expect(waits[0]).toBe(99);
    expect(waits).toEqual([...waits].sort((a, b) => a - b));
    expect(Math.max(...waits)).toBe(BUSY_MAX_DELAY_MS - 1);
    expect(attempts.retries).toBe(0);
    // The retries are still there for a failure of another kind... none were allowed here.
    expect(thrown(() => attempts.waitAfter(down(), undefined, 0)).attempts).toBe(9);
  });

  it('without a deadline, gives up on a busy token after a minute, saying for how long it was busy', () => {
    const attempts = new WindowAttempts({ ...rules, deadline: false }, new TransientFailures(), top);
    attempts.waitAfter(busy(), undefined, 1_000);
    attempts.waitAfter(busy(), undefined, 1_000 + BUSY_WITHOUT_DEADLINE_MS - 1);
    const error = thrown(() => attempts.waitAfter(busy(), undefined, 1_000 + BUSY_WITHOUT_DEADLINE_MS));
    expect(error.message).toBe('busy (the token was busy with other programs for 60 s)');
    expect(error.attempts).toBe(3);
  });

  it('with a deadline, keeps riding it out (the deadline stops the call)', () => {
    const attempts = new WindowAttempts(rules, new TransientFailures(), top);
    expect(attempts.waitAfter(busy(), undefined, 0)).toBeGreaterThan(0);
    expect(attempts.waitAfter(busy(), undefined, 10 * BUSY_WITHOUT_DEADLINE_MS)).toBeGreaterThan(0);
  });

  it('marks a failure it does not retry as taken in the calls made so far', () => {
    const attempts = new WindowAttempts(rules, new TransientFailures(), top);
    attempts.waitAfter(down(), undefined, 0);
    const refused = new WolkvoxHttpError('HTTP_400', 'bad');
    expect(attempts.final(refused).attempts).toBe(2);
  });
});
