/**
 * The source's clock: what "today", "yesterday" and "last_7_days" resolve against (the contracts' request reader
 * takes it as `now`), and what fetch times, ages and cursors are measured on. It is this machine's for wolkvox. An
 * emulator has a clock of its own, which may be set to another day (`wolkvox-mock --now`, `--emulator-now`, or
 * moved through its control API): relative dates then follow the emulator's calendar, and answers say so.
 *
 * - the embedded emulator's clock is read directly, and before the emulator is open (it starts on the first report
 *   call) it is where `--emulator-now` set it, running since the server started;
 * - an emulator at WOLKVOX_BASE_URL says its clock in a response header on every answer (contracts'
 *   EMULATOR_CLOCK_HEADER): asked for before each call that reads arguments, with no token and no quota spent. A
 *   base URL that answers without that header is wolkvox (or a proxy to it): never asked again, this machine's
 *   clock. A server number always means wolkvox, and is never asked.
 */
import { formatDay, formatTimestamp, wallTimeAt } from '@wolkvox-mcp/contracts';
import { EMULATOR_CLOCK_HEADER } from '@wolkvox-mcp/contracts/http';

/** How long asking an emulator's clock may take; an emulator answers in milliseconds. */
export const CLOCK_PROBE_TIMEOUT_MS = 2_000;
/** An emulator's clock within this of this machine's is not worth a note in every answer. */
const SAME_CLOCK_MS = 60_000;
/** The control route asked: any emulator path answers with the header; this one is cheap and never journaled. */
const PROBE_PATH = '/__mock/clock';

export interface SourceClock {
  /** The clock's instant now. */
  now(): Date;
  /** Reads an emulator's clock again (it may have moved); never rejects. */
  sync(): Promise<void>;
  /** Which clock answers were read on, in the tenant's zone, when it is not this machine's; else undefined. */
  note(timeZone: string): string | undefined;
}

/** The note answers carry when `now` (an emulator's clock) is not this machine's. */
function clockNote(name: string, now: number, machineNow: number, timeZone: string): string | undefined {
  if (Math.abs(now - machineNow) < SAME_CLOCK_MS) return undefined;
  return (
    `Clock: ${name}, at ${formatTimestamp(wallTimeAt(now, timeZone))} (${timeZone}); this machine's says ` +
    `${formatDay(wallTimeAt(machineNow, timeZone))}. Relative dates (today, yesterday, last_7_days...) and fetch ` +
    'times follow the emulator.'
  );
}

/** This machine's clock: wolkvox's (its requests carry no clock). */
export function machineClock(machineNow: () => number = Date.now): SourceClock {
  return { now: () => new Date(machineNow()), sync: async () => undefined, note: () => undefined };
}

/**
 * The embedded emulator's clock: where `start` set it (ms; absent: this machine's), running since this clock was
 * made, until `attach` hands it the emulator's own (which tests and demos may move through its control).
 */
export function embeddedClock(
  start: number | undefined,
  machineNow: () => number = Date.now,
): SourceClock & { attach(read: () => Date): void } {
  const offset = start === undefined ? 0 : start - machineNow();
  let read: (() => Date) | undefined;
  const now = () => read?.() ?? new Date(machineNow() + offset);
  return {
    now,
    sync: async () => undefined,
    note: (timeZone) => clockNote("the embedded emulator's", now().getTime(), machineNow(), timeZone),
    attach: (emulatorNow) => {
      read = emulatorNow;
    },
  };
}

/**
 * The clock of whatever answers at `baseUrl`: an emulator's, learned from its header (and kept as an offset from
 * this machine's between readings), or this machine's once the base URL answers without one.
 */
export function baseUrlClock(
  baseUrl: string,
  options: { machineNow?: () => number; fetch?: typeof fetch; onProbeError?: (error: unknown) => void } = {},
): SourceClock & { readonly kind: 'unknown' | 'emulator' | 'wolkvox' } {
  const machineNow = options.machineNow ?? Date.now;
  const get = options.fetch ?? fetch;
  const url = `${baseUrl.replace(/\/+$/, '')}${PROBE_PATH}`;
  let kind: 'unknown' | 'emulator' | 'wolkvox' = 'unknown';
  let offset = 0;
  const now = () => new Date(machineNow() + offset);
  return {
    get kind() {
      return kind;
    },
    now,
    async sync() {
      if (kind === 'wolkvox') return;
      try {
        const asked = machineNow();
        const response = await get(url, { signal: AbortSignal.timeout(CLOCK_PROBE_TIMEOUT_MS) });
        await response.body?.cancel();
        const said = Date.parse(response.headers.get(EMULATOR_CLOCK_HEADER) ?? '');
        if (!Number.isFinite(said)) {
          kind = 'wolkvox';
          offset = 0;
          return;
        }
        kind = 'emulator';
        // The header was written between asking and hearing: its middle is the best guess of when.
        offset = said - (asked + machineNow()) / 2;
      } catch (error) {
        // Not reachable now: the report call will say why; the clock stays as last read.
        options.onProbeError?.(error);
      }
    },
    note: (timeZone) =>
      kind === 'emulator'
        ? clockNote("the emulator's at WOLKVOX_BASE_URL", now().getTime(), machineNow(), timeZone)
        : undefined,
  };
}
