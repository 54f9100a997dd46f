/** The sync's status line: the bar and its figures fit the terminal's width; JSON lines elsewhere. */
import { describe, expect, it } from 'vitest';
import {
  jsonReporter,
  renderBar,
  reporterFor,
  type SyncState,
  shortDuration,
  terminalReporter,
} from './progress.js';

const state = (over: Partial<SyncState> = {}): SyncState => ({
  total: 365,
  done: 73,
  rows: 86_293,
  requests: 3,
  quota: { used: 3, limit: 120 },
  elapsedMs: 20_000,
  ...over,
});

function sink(isTTY: boolean, columns?: number) {
  const written: string[] = [];
  return { stream: { isTTY, columns, write: (text: string) => written.push(text) }, written };
}

describe('renderBar', () => {
  it('draws the share done as a bar, then days, rows, requests, quota and the time left at the pace so far', () => {
    const line = renderBar(state(), 120);
    // 73 of 365 days: 20% of 40 cells.
    expect(line).toBe(
      `${'█'.repeat(8)}${'░'.repeat(32)}  20%  73/365 days  86,293 rows  3 requests  quota 3/120 (3%)  ETA 1m 20s`,
    );
    expect(line.length).toBeLessThanOrEqual(120);
  });

  it('gives the bar what the figures leave on a narrow terminal, and only the figures when less than 10 cells', () => {
    const narrow = renderBar(state(), 100);
    expect(narrow.length).toBe(100);
    expect(narrow).toMatch(/^█+░+ {2}20% {2}73\/365 days/);
    const tiny = renderBar(state(), 40);
    expect(tiny).toBe('20%  73/365 days  86,293 rows  3 request');
    expect(tiny).not.toContain('█');
  });

  it('says the time taken once done, an unknown time left before the first day, and a quota without a limit', () => {
    expect(renderBar(state({ done: 365, elapsedMs: 3_725_000 }), 200)).toMatch(/100% .* done in 1h 02m$/);
    expect(renderBar(state({ done: 0, quota: undefined }), 200)).toMatch(/ {3}0% {2}0\/365 days .* ETA …$/);
    expect(renderBar(state({ quota: { used: 7 } }), 200)).toContain('quota 7 used');
  });
});

describe('shortDuration', () => {
  it('reads hours and minutes, minutes and seconds, or seconds', () => {
    expect([
      shortDuration(0),
      shortDuration(59_400),
      shortDuration(185_000),
      shortDuration(7_260_000),
    ]).toEqual(['0s', '59s', '3m 05s', '2h 01m']);
  });
});

describe('reporters', () => {
  it('a terminal gets the bar redrawn in place, lines above it, and the summary below it', () => {
    const { stream, written } = sink(true, 100);
    const reporter = reporterFor(stream);
    reporter.tick(state({ done: 0 }));
    reporter.piece({ report: 'cdr_1', stored: 31 }, state({ done: 31 }));
    reporter.piece({ report: 'cdr_1', not_stored: ['store: EFBIG'] }, state({ done: 62 }));
    reporter.finish({ days: 365 });
    expect(written[0]).toMatch(/^\r\x1b\[2K░+ {3}0% {2}0\/365 days/);
    expect(written[1]).toMatch(/^\r\x1b\[2K█+░+ {3}8% {2}31\/365 days/);
    // A piece that could not be stored is printed whole, above the bar.
    expect(written[2]).toBe('\r\x1b[2K{"report":"cdr_1","not_stored":["store: EFBIG"]}\n');
    expect(written[3]).toMatch(/^\r\x1b\[2K█+░+ {2}16% {2}62\/365 days/);
    expect(written.at(-1)).toBe('\n{"summary":{"days":365}}\n');
    expect(terminalReporter(stream)).toBeDefined();
  });

  it('anything else gets one JSON line per piece and the summary, and no bar', () => {
    const { stream, written } = sink(false);
    const reporter = reporterFor(stream);
    reporter.tick(state());
    reporter.piece({ report: 'cdr_1', stored: 31 }, state());
    reporter.line({ mirror: '/o', files: 2 });
    reporter.finish({ days: 365 });
    expect(written).toEqual([
      '{"report":"cdr_1","stored":31}\n',
      '{"mirror":"/o","files":2}\n',
      '{"summary":{"days":365}}\n',
    ]);
    expect(jsonReporter(stream)).toBeDefined();
  });
});
