import type { AnyReport } from '@wolkvox-mcp/contracts';
import type { Dispatcher } from 'undici';
import type { ClientConfig } from '../config.js';
import type { Coordinator } from '../coordination/coordinator.js';
import { type WindowLabel, WolkvoxAbortError, WolkvoxQuotaError } from '../errors.js';
import type { TokenGate } from '../limiter.js';
import { type CallResult, callReport } from '../transport.js';
import type { CallProgress } from './progress.js';

/** What every HTTP call of a client goes through: its connections, the token's gate and the shared budget. */
export interface CallChannel {
  config: ClientConfig;
  dispatcher: Dispatcher;
  /** The token's process-wide concurrency gate. */
  gate: TokenGate;
  /** The token's budget and daily count shared beyond the process (machine, Redis), behind the gate. */
  coordinator: Coordinator;
}

/**
 * One HTTP call of a window: through the process's gate first (it keeps this process's callers in order), then
 * the machine's or Redis's slot; both are held only for the call, never during a backoff wait. A day whose quota
 * was spent fails at once, without a request. Rejects only with WolkvoxAbortError or WolkvoxQuotaError; `ms` is
 * the HTTP call's own time.
 */
export async function callThroughGate(
  channel: CallChannel,
  report: AnyReport,
  query: Record<string, string>,
  label: WindowLabel | undefined,
  signal: AbortSignal,
  progress: CallProgress,
): Promise<CallResult & { ms: number }> {
  const { gate, coordinator } = channel;
  let release: () => void;
  try {
    release = await gate.acquire(signal);
  } catch (reason) {
    throw new WolkvoxAbortError(report.id, reason);
  }
  let slot: Awaited<ReturnType<Coordinator['acquire']>>;
  try {
    slot = await coordinator.acquire(signal);
  } catch (reason) {
    release();
    throw new WolkvoxAbortError(report.id, reason);
  }
  if (slot.kind === 'exhausted') {
    progress.budgetSaid(slot.quota, undefined);
    release();
    throw new WolkvoxQuotaError(
      `${report.id}${label ? ` ${label.from} - ${label.to}` : ''}: the token's daily quota is used up ` +
        `(wolkvox refused a call for it earlier today); it resets at ${slot.resetsAt.toISOString()}`,
      slot.resetsAt,
      { report: report.id, ...(label ? { window: label } : {}) },
    );
  }
  progress.budgetSaid(slot.quota, slot.warning);
  progress.requestSent();
  const started = performance.now();
  try {
    const result = await callReport({ ...channel, report, query, window: label, signal });
    return { ...result, ms: Math.round(performance.now() - started) };
  } finally {
    slot.release();
    release();
  }
}
