import { setMaxListeners } from 'node:events';
import { WolkvoxRequestError } from '../errors.js';

/** Why the call's own deadline timer aborted it (told apart from the caller's abort and a sibling's failure). */
class DeadlinePassed extends Error {}

/** One signal for every piece of a call: the caller's abort, the call's deadline, or a piece that failed for good. */
export interface CallSignal {
  readonly signal: AbortSignal;
  /** Stops every piece still queued, in flight or waiting to retry. */
  abort(reason: unknown): void;
  /** Whether it was the call's own deadline that stopped it. */
  deadlinePassed(): boolean;
  /** Lets go of the deadline timer and of the caller's signal. */
  dispose(): void;
}

/** The call's total deadline: the call's option, else the client's; a positive whole number of ms, or none. */
export function callDeadline(deadlineMs: number | undefined, report: string): number | undefined {
  if (deadlineMs !== undefined && !(Number.isInteger(deadlineMs) && deadlineMs >= 1)) {
    throw new WolkvoxRequestError([{ field: 'deadlineMs', rule: 'must be an integer >= 1' }], { report });
  }
  return deadlineMs;
}

/**
 * The signal of one call, aborted by the caller's signal or when `deadlineMs` passes (in flight, queued or in a
 * backoff wait alike).
 */
export function callSignal(caller: AbortSignal | undefined, deadlineMs: number | undefined): CallSignal {
  const run = new AbortController();
  // Every queued or in-flight piece listens to it (and removes its listener when done): many listeners is normal.
  setMaxListeners(0, run.signal);
  const onCallerAbort = () => run.abort(caller!.reason);
  caller?.addEventListener('abort', onCallerAbort, { once: true });
  const timer =
    deadlineMs === undefined ? undefined : setTimeout(() => run.abort(new DeadlinePassed()), deadlineMs);
  return {
    signal: run.signal,
    abort: (reason) => run.abort(reason),
    deadlinePassed: () => run.signal.reason instanceof DeadlinePassed,
    dispose() {
      clearTimeout(timer);
      caller?.removeEventListener('abort', onCallerAbort);
    },
  };
}
