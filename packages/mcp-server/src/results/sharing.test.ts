import { describe, expect, it } from 'vitest';
import { sharingNotes } from './sharing.js';

describe('notes on the shared limits', () => {
  it('says nothing while the quota is not low and nothing was degraded', () => {
    expect(sharingNotes({})).toEqual([]);
    expect(
      sharingNotes({
        quota: { day: '2025-06-02', used: 10, counted: 'machine', limit: 1000, remaining: 990, low: false },
      }),
    ).toEqual([]);
  });

  it('tells how much of the quota is left when it runs low, and where it was counted', () => {
    const [note] = sharingNotes({
      quota: { day: '2025-06-02', used: 950, counted: 'redis', limit: 1000, remaining: 50, low: true },
    });
    expect(note).toBe(
      "The token's daily quota is running low: 50 of 1,000 calls left today (2025-06-02, counted by every replica " +
        "sharing Redis); it resets at the tenant's midnight. Prefer narrower windows and reuse results already fetched.",
    );
  });

  it("says the platform refused the quota when the limit is only known from wolkvox's refusal", () => {
    expect(sharingNotes({ quota: { day: '2025-06-02', used: 7, counted: 'machine', low: true } })[0]).toMatch(
      /^wolkvox refused a call for the token's daily quota today \(2025-06-02\)/,
    );
  });

  it('passes on why the limits were shared less widely, as given', () => {
    expect(
      sharingNotes({
        warnings: [
          'Redis (redis://10.0.0.5:6379) is unreachable: x; the budget was shared by this machine only',
        ],
      }),
    ).toEqual([
      'Shared limits: Redis (redis://10.0.0.5:6379) is unreachable: x; the budget was shared by this machine only.',
    ]);
  });

  it("writes this machine's paths as <path> and bounds a warning", () => {
    const [note, long] = sharingNotes({
      warnings: [
        "the state directory cannot be used (ENOTDIR: not a directory, mkdir '/home/ana/.cache/wolkvox-mcp/budget'): the budget was kept within this process",
        'w'.repeat(100_000),
      ],
    });
    expect(note).toBe(
      "Shared limits: the state directory cannot be used (ENOTDIR: not a directory, mkdir '<path>'): the budget was kept within this process.",
    );
    expect(long).toMatch(/^Shared limits: w{1000}… \(cut: 100000 characters\)\.$/);
  });
});
