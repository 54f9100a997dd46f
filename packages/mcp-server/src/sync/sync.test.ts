/**
 * The sync's own flags are taken out of the command line (either spelling), the rest is the server's; a piece is cut
 * to the days that fit one request.
 */
import { DAY_MS, getReport } from '@wolkvox-mcp/contracts';
import { describe, expect, it } from 'vitest';
import { fitPiece, type Piece, readSyncArgs, splitSyncArgs } from './sync.js';

describe('splitSyncArgs', () => {
  it('takes --flag value and --flag=value, and leaves the server its own', () => {
    expect(
      splitSyncArgs(['--reports', 'cdr_1,agent_1', '--from=2025-01-01', '--data-dir', '/srv/d', '--out=/o']),
    ).toEqual({
      sync: { reports: 'cdr_1,agent_1', from: '2025-01-01', out: '/o' },
      rest: ['--data-dir', '/srv/d'],
    });
  });
});

describe('readSyncArgs', () => {
  it('reads the reports, the window (to: yesterday by default), the quota share and the format', () => {
    const args = readSyncArgs({ reports: 'cdr_1, agent_1', from: '2025-01-01', 'max-quota': '30%' });
    expect(Array.isArray(args)).toBe(false);
    if (Array.isArray(args)) return;
    expect(args.reports.map((report) => report.id)).toEqual(['cdr_1', 'agent_1']);
    expect(args).toMatchObject({ from: '2025-01-01', to: 'yesterday', 'max-quota': 0.3, format: 'parquet' });
  });

  it('names each flag and its rule', () => {
    expect(readSyncArgs({ reports: 'cdr_1', from: 'x', format: 'xlsx', 'max-quota': '0.3' })).toEqual([
      '--max-quota must be a share of the daily quota, 1% to 100%',
      '--format must be parquet or csv',
    ]);
  });
});

describe('fitPiece', () => {
  const report = getReport('cdr_1')!;
  const start = Date.UTC(2025, 0, 1);
  const days = Array.from({ length: 31 }, (_, at) =>
    new Date(start + at * DAY_MS).toISOString().slice(0, 10),
  );
  const piece: Piece = {
    report,
    fetch: {
      report,
      request: { window: { start, end: start + 31 * DAY_MS - 1000 }, params: {} },
      table: 'cdr_1',
    },
    params: 'none',
    days,
  };

  it('keeps a piece whole until a day of its report was seen, or when its days are expected within the cap', () => {
    expect(fitPiece(piece, undefined)).toEqual([piece]);
    // 31 days of 1,900 rows on average: 58,900, within the 60,000-row cap.
    expect(fitPiece(piece, 1_900)).toEqual([piece]);
  });

  it('cuts one expected past the cap to the days that fit 90% of it, the windows meeting to the second', () => {
    // 54,000 / 7,000 rows: 7 days, then the 24 others.
    const [head, rest] = fitPiece(piece, 7_000);
    expect(head.days).toEqual(days.slice(0, 7));
    expect(rest!.days).toEqual(days.slice(7));
    expect(head.fetch.request.window).toEqual({ start, end: start + 7 * DAY_MS - 1000 });
    expect(rest!.fetch.request.window).toEqual({
      start: start + 7 * DAY_MS,
      end: start + 31 * DAY_MS - 1000,
    });
    // Days past the cap are still one day a piece.
    expect(fitPiece(piece, 90_000)[0].days).toEqual([days[0]]);
  });
});
