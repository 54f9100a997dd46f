import type { AnyReport } from '@wolkvox-mcp/contracts';
import { type WindowLabel, WolkvoxAbortError, WolkvoxQuotaError } from '../errors.js';
import { sleep } from '../retry.js';
import { type WallWindow, windowParams } from '../windows.js';
import { type RetryRules, WindowAttempts } from './attempts.js';
import type { TransientFailures } from './failures.js';
import { type CallChannel, callThroughGate } from './one-call.js';
import type { CallProgress } from './progress.js';
import { statusOf, type WindowAnswer } from './types.js';

/** One call's way to wolkvox, and what it keeps count of. */
export interface WindowCall {
  channel: CallChannel;
  report: AnyReport;
  /** The report's own wire parameters; a window adds its dates. */
  params: Record<string, string>;
  signal: AbortSignal;
  progress: CallProgress;
  failures: TransientFailures;
  rules: RetryRules;
}

/**
 * One window, asked until it answers: rows (an empty window is no rows), a reason to narrow it (over the size
 * limit, or a window longer than the server takes), or a failure thrown once it cannot be retried away.
 */
export async function fetchWindow(
  call: WindowCall,
  piece: WallWindow | null,
  label: WindowLabel | undefined,
): Promise<WindowAnswer> {
  const { channel, report, signal } = call;
  const { logger } = channel.config;
  const query = piece ? { ...call.params, ...windowParams(piece) } : call.params;
  const attempts = new WindowAttempts(call.rules, call.failures);
  for (;;) {
    const result = await callThroughGate(channel, report, query, label, signal, call.progress);
    const { answer } = result;
    logger.debug?.(
      {
        report: report.id,
        window: label,
        attempt: attempts.retries,
        status: result.status,
        outcome: answer.kind,
        rows: answer.kind === 'rows' ? answer.rows.length : undefined,
        bytes: result.bytes,
        ms: result.ms,
      },
      'wolkvox call',
    );
    switch (answer.kind) {
      case 'rows':
        return answer;
      case 'empty':
        return answer.envelope
          ? { kind: 'rows', rows: [], envelope: answer.envelope }
          : { kind: 'rows', rows: [] };
      case 'too-large':
        return { kind: 'narrow', why: 'the result is over the size limit', ...statusOf(answer) };
      case 'too-long':
        return { kind: 'narrow', why: 'the server allows a shorter window', ...statusOf(answer) };
      case 'failed': {
        const { error } = answer;
        // Every process sharing the count stops calling until the reset, instead of each being refused.
        if (error instanceof WolkvoxQuotaError) await channel.coordinator.quotaExhausted(error.resetsAt);
        if (!error.transient) throw attempts.final(error);
        const delayMs = attempts.waitAfter(error, answer.retryAfterMs, performance.now());
        logger.warn?.(
          {
            report: report.id,
            window: label,
            attempt: attempts.retries,
            busyAttempts: attempts.busyWaits,
            retries: call.rules.retries,
            delayMs,
            code: error.code,
            status: error.status,
          },
          `retrying after ${error.code}`,
        );
        try {
          await sleep(delayMs, signal);
        } catch (reason) {
          throw new WolkvoxAbortError(report.id, reason);
        }
      }
    }
  }
}
