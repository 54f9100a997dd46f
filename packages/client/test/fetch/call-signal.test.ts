import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WolkvoxRequestError } from '../../src/errors.js';
import { callDeadline, callSignal } from '../../src/fetch/call-signal.js';

describe('callSignal', () => {
  // The deadline is a timer: the tests move a fake clock past it instead of waiting.
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("aborts when the call's deadline passes, and says so", () => {
    const run = callSignal(undefined, 5_000);
    vi.advanceTimersByTime(4_999);
    expect(run.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(run.signal.aborted).toBe(true);
    expect(run.deadlinePassed()).toBe(true);
    run.dispose();
  });

  it("aborts with the caller's reason, which is not the deadline", () => {
    const caller = new AbortController();
    const run = callSignal(caller.signal, 60_000);
    caller.abort('stop');
    expect(run.signal.reason).toBe('stop');
    expect(run.deadlinePassed()).toBe(false);
    run.dispose();
  });

  it('aborts for a piece that failed for good, and lets go of the timer and the caller on dispose', () => {
    const caller = new AbortController();
    const run = callSignal(caller.signal, 5_000);
    run.abort(new Error('piece failed'));
    expect(run.deadlinePassed()).toBe(false);

    const later = callSignal(caller.signal, 5_000);
    later.dispose();
    caller.abort('after dispose');
    vi.advanceTimersByTime(10_000);
    expect(later.signal.aborted).toBe(false);
  });
});

describe('callDeadline', () => {
  it('takes none or a positive whole number of ms; anything else is a request error naming deadlineMs', () => {
    expect(callDeadline(undefined, 'act_3')).toBeUndefined();
    expect(callDeadline(1, 'act_3')).toBe(1);
    for (const bad of [0, -5, 1.5, Number.NaN]) {
      expect(() => callDeadline(bad, 'act_3')).toThrow(WolkvoxRequestError);
    }
    expect(() => callDeadline(0, 'act_3')).toThrow(/deadlineMs must be an integer >= 1/);
  });
});
