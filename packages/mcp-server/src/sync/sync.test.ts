/** The sync's own flags are taken out of the command line (either spelling); the rest is the server's. */
import { describe, expect, it } from 'vitest';
import { readSyncArgs, splitSyncArgs } from './sync.js';

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
