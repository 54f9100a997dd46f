/**
 * Progress while a tool call waits for wolkvox: every finished window, and a heartbeat every few seconds in
 * between, so a caller that resets its timeout on progress keeps waiting while wolkvox is slow, and a person sees
 * what the call is doing. Progress values only grow (MCP requires it): a heartbeat adds a shrinking fraction to
 * the windows done, never reaching the next whole window.
 */
import type { ToolProgress } from './types.js';

/** Between heartbeats: often enough for clients whose timeout resets on progress, rarely enough to stay quiet. */
export const HEARTBEAT_MS = 5_000;

/** A tenth of the deadline, at most HEARTBEAT_MS: a short deadline still gets a few heartbeats before it passes. */
export function heartbeatFor(deadlineMs: number): number {
  return Math.min(HEARTBEAT_MS, Math.max(50, Math.floor(deadlineMs / 10)));
}

export interface WaitProgress {
  /** The fetch's own count of windows answered and known, and of rows received. */
  windows(done: number, total: number, rows: number): void;
  /** Stops the heartbeat; call it whatever the outcome. */
  stop(): void;
}

export function startWaitProgress(
  report: string,
  send: ((update: ToolProgress) => void) | undefined,
  deadlineMs: number,
  heartbeatMs: number = heartbeatFor(deadlineMs),
): WaitProgress {
  if (!send) return { windows: () => {}, stop: () => {} };
  const started = performance.now();
  let done = 0;
  let total: number | undefined;
  let beats = 0;

  const heartbeat = setInterval(() => {
    beats += 1;
    const seconds = Math.round((performance.now() - started) / 1000);
    const counted = total === undefined ? '' : `: ${done} of ${total} windows`;
    send({
      progress: done + 1 - 1 / (beats + 1),
      ...(total === undefined ? {} : { total }),
      message: `waiting for wolkvox${counted} (${report}, ${seconds} s of at most ${Math.round(deadlineMs / 1000)} s)`,
    });
  }, heartbeatMs);
  // A pending heartbeat never keeps the process alive on its own.
  heartbeat.unref();

  return {
    windows(windowsDone, windowsTotal, rows) {
      done = windowsDone;
      total = windowsTotal;
      beats = 0;
      // A single-window fetch says nothing per window: its heartbeat is the news.
      if (windowsTotal < 2) return;
      send({
        progress: windowsDone,
        total: windowsTotal,
        message: `${report}: ${windowsDone} of ${windowsTotal} windows, ${rows} rows so far`,
      });
    },
    stop() {
      clearInterval(heartbeat);
    },
  };
}
