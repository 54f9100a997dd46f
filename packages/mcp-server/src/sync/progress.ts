/**
 * How `wolkvox-mcp sync` tells its progress on its output stream: on a terminal, one line redrawn in place (a bar of
 * the days done of the days to fetch, rows, requests, the quota used, the time left); otherwise one JSON line per
 * piece stored, for programs. Either way the summary ends it as one JSON line.
 */

/** Where a sync stands, as the bar draws it. */
export interface SyncState {
  /** Days this run has to fetch (the range's days not stored when it started). */
  total: number;
  /** Of those, days dealt with: stored, stored by another sync meanwhile, or given up. */
  done: number;
  rows: number;
  requests: number;
  /** The token's calls today and its daily quota, as the latest answer told. */
  quota?: { used: number; limit?: number };
  /** Milliseconds since the run started fetching. */
  elapsedMs: number;
}

const FILLED = '█';
const EMPTY = '░';

/** `1h 02m`, `3m 05s`, `12s`: short enough for a status line. */
export function shortDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m ${String(s).padStart(2, '0')}s`;
  return `${s}s`;
}

const count = (n: number) => n.toLocaleString('en-US');

/**
 * The status line for `state`, at most `columns` characters: the bar takes what the figures leave (at least 10
 * cells; on a terminal too narrow for that, the figures alone, cut to fit). The time left is the pace so far over
 * the days left, once a day is done.
 */
export function renderBar(state: SyncState, columns: number): string {
  const { total, done } = state;
  const share = total > 0 ? Math.min(1, done / total) : 1;
  const figures = [
    `${count(done)}/${count(total)} days`,
    `${count(state.rows)} rows`,
    `${count(state.requests)} requests`,
  ];
  if (state.quota) {
    const { used, limit } = state.quota;
    figures.push(
      limit
        ? `quota ${count(used)}/${count(limit)} (${Math.round((used / limit) * 100)}%)`
        : `quota ${count(used)} used`,
    );
  }
  if (done >= total) figures.push(`done in ${shortDuration(state.elapsedMs)}`);
  else if (done > 0) figures.push(`ETA ${shortDuration((state.elapsedMs / done) * (total - done))}`);
  else figures.push('ETA …');
  const text = ` ${String(Math.floor(share * 100)).padStart(3)}%  ${figures.join('  ')}`;
  const width = columns - text.length;
  if (width < 10) return text.trimStart().slice(0, Math.max(0, columns));
  const cells = Math.min(width, 40);
  const filled = Math.floor(share * cells);
  return `${FILLED.repeat(filled)}${EMPTY.repeat(cells - filled)}${text}`;
}

/** What a sync tells while it runs. */
export interface SyncReporter {
  /** One piece is finished: its line (JSON for programs) and where the sync stands. */
  piece(line: Record<string, unknown>, state: SyncState): void;
  /** Where the sync stands, between pieces (the terminal's clock). */
  tick(state: SyncState): void;
  /** Any other line (the mirror's): printed whole. */
  line(value: Record<string, unknown>): void;
  /** The summary: the last line. */
  finish(summary: Record<string, unknown>): void;
}

/** The output a reporter writes to: a TTY stream says so and how wide it is. */
export interface ReportStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

const json = (value: Record<string, unknown>) => `${JSON.stringify(value)}\n`;

/** JSON lines, one per piece and one for the summary: what a program reads. */
export function jsonReporter(stream: ReportStream): SyncReporter {
  return {
    piece: (line) => stream.write(json(line)),
    tick: () => undefined,
    line: (value) => stream.write(json(value)),
    finish: (summary) => stream.write(json({ summary })),
  };
}

/** Moves to the line's start and clears it: the bar is redrawn in place. */
const CLEAR = '\r\x1b[2K';

/**
 * The bar, redrawn in place on each change; a piece that could not be stored, and any other line, is printed above
 * it whole, and the summary is printed below the bar's last state.
 */
export function terminalReporter(stream: ReportStream): SyncReporter {
  // A pseudo-terminal without a size says 0 columns.
  const columns = () => Math.max(20, (stream.columns || 80) - 1);
  const draw = (state: SyncState) => stream.write(`${CLEAR}${renderBar(state, columns())}`);
  let last: SyncState | undefined;
  return {
    piece(line, state) {
      if (line.not_stored) stream.write(`${CLEAR}${JSON.stringify(line)}\n`);
      last = state;
      draw(state);
    },
    tick(state) {
      last = state;
      draw(state);
    },
    line(value) {
      stream.write(`${CLEAR}${JSON.stringify(value)}\n`);
      if (last) draw(last);
    },
    finish(summary) {
      stream.write(`${last ? '\n' : ''}${json({ summary })}`);
    },
  };
}

/** The bar on a terminal, JSON lines elsewhere. */
export function reporterFor(stream: ReportStream): SyncReporter {
  return stream.isTTY ? terminalReporter(stream) : jsonReporter(stream);
}
