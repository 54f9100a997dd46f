import { describe, expect, it } from 'vitest';
import { WolkvoxHttpError } from '../../src/errors.js';
import { TransientFailures } from '../../src/fetch/failures.js';

const busy = () => new WolkvoxHttpError('CONCURRENCY', 'busy', { transient: true });
const down = () => new WolkvoxHttpError('HTTP_503', 'down', { transient: true });

describe('TransientFailures', () => {
  it('knows nothing of a busy token before a refusal for concurrency', () => {
    const failures = new TransientFailures();
    failures.record(down(), 100);
    expect(failures.busyMs(500)).toBeUndefined();
    expect(failures.busyFor(500)).toBe(0);
    expect(failures.last).toBe('down');
  });

  it('counts busy time from the first refusal: to now while refused, to the latest refusal after another failure', () => {
    const failures = new TransientFailures();
    failures.record(busy(), 1_000);
    failures.record(busy(), 3_000);
    expect(failures.busyMs(4_000)).toBe(3_000);
    expect(failures.busyFor(4_000)).toBe(3_000);
    failures.record(down(), 5_000);
    expect(failures.busyMs(9_000)).toBe(2_000);
    expect(failures.last).toBe('down');
  });
});
