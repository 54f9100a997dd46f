import { describe, expect, it } from 'vitest';
import { resolveOptions } from '../src/config/options.js';
import { Emulator } from '../src/emulator.js';
import type { MockServerOptions } from '../src/index.js';
import { act3, call, mockApp, rowsOf } from './helpers.js';

/** A Monday of the seeded tenant, as the tenant's store reads it (a wall-clock instant). */
const DAY = Date.UTC(2025, 1, 3);

type Query = [family: 'reports_manager' | 'real_time', params: Record<string, string>];

const QUERIES: Query[] = [
  ['reports_manager', act3('20250120000000', '20250131235959')],
  ['reports_manager', act3('20250203000000', '20250203235959', { cod_act: 'cod_act2' })],
  ['reports_manager', { api: 'diagram_1_2', date_ini: '20250201000000', date_end: '20250204235959' }],
  [
    'reports_manager',
    { api: 'campaign_7', campaign_id: 'all', date_ini: '20250127000000', date_end: '20250204235959' },
  ],
  ['reports_manager', { api: 'chat_9', date_ini: '20250110000000', date_end: '20250125235959' }],
  ['real_time', { api: 'calls_last_10' }],
];

/** Bodies from an emulator that draws its tenant afresh (shared days would answer the later calls from the first). */
async function bodies(order: number[], seed: number | string = 1) {
  const { app } = await mockApp({ seed, cache: { shared: false } });
  const out = new Map<number, string>();
  for (const index of order) {
    const [family, params] = QUERIES[index]!;
    const result = await call(app, family, params);
    expect(result.status).toBe(200);
    out.set(index, result.raw);
  }
  return out;
}

describe('determinism', () => {
  it('gives byte-identical bodies for the same seed and query, whatever the order of queries', async () => {
    const forward = await bodies([0, 1, 2, 3, 4, 5]);
    const backward = await bodies([5, 4, 3, 2, 1, 0]);
    const shuffled = await bodies([3, 0, 5, 1, 4, 2]);
    for (const index of forward.keys()) {
      expect(backward.get(index), `query ${index}`).toBe(forward.get(index));
      expect(shuffled.get(index), `query ${index}`).toBe(forward.get(index));
    }
  });

  it('gives another tenant for another seed, and the same one for the same string seed', async () => {
    const one = await bodies([1], 'tenant-a');
    const same = await bodies([1], 'tenant-a');
    const other = await bodies([1], 'tenant-b');
    expect(same.get(1)).toBe(one.get(1));
    expect(other.get(1)).not.toBe(one.get(1));
  });

  it('agrees row for row on overlapping windows', async () => {
    const { control } = await mockApp();
    const wide = rowsOf(control, 'act_3', { date_ini: '20250127000000', date_end: '20250131235959' });
    const left = rowsOf(control, 'act_3', { date_ini: '20250127000000', date_end: '20250129120000' });
    const right = rowsOf(control, 'act_3', { date_ini: '20250129120001', date_end: '20250131235959' });
    expect([...left, ...right]).toEqual(wide);
    const middle = rowsOf(control, 'act_3', { date_ini: '20250128083000', date_end: '20250130170000' });
    const inWide = wide.filter(
      (row) => row.date >= '2025-01-28 08:30:00' && row.date <= '2025-01-30 17:00:00',
    );
    expect(middle).toEqual(inWide);
  });

  it('orders rows by date then conn_id, with unique conn_ids', async () => {
    const { control } = await mockApp();
    const rows = rowsOf(control, 'act_3', { date_ini: '20250127000000', date_end: '20250131235959' });
    const ids = new Set(rows.map((row) => row.conn_id));
    expect(ids.size).toBe(rows.length);
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [rows[i - 1]!, rows[i]!];
      expect(a.date < b.date || (a.date === b.date && a.conn_id < b.conn_id)).toBe(true);
    }
  });

  it('shares a tenant’s drawn days between emulators of the same tenant, and not with another', async () => {
    const tenant = (options: MockServerOptions) => new Emulator(resolveOptions(options)).tenant;
    const first = tenant({});
    expect(tenant({})).toBe(first);
    expect(tenant({ seed: 2 })).not.toBe(first);
    expect(tenant({ volume: 300 })).not.toBe(first);
    const own = tenant({ cache: { shared: false } });
    expect(own).not.toBe(first);
    // Drawn afresh, the same day all the same.
    expect(own.records('calls', DAY)).toEqual(first.records('calls', DAY));
    expect(tenant({}).records('calls', DAY)).toBe(first.records('calls', DAY));
  });

  it('keeps a running clock from changing a past window', async () => {
    const { app, control } = await mockApp({ now: '2025-02-05T15:30:00-05:00' }, null);
    const before = await call(app, 'reports_manager', act3('20250203000000', '20250203235959'));
    control.advanceClock(3 * 86_400_000);
    const after = await call(app, 'reports_manager', act3('20250203000000', '20250203235959'));
    expect(after.raw).toBe(before.raw);
  });

  it('grows a window that reaches now as the clock advances, without changing what was already there', async () => {
    const { app, control } = await mockApp();
    const params = act3('20250205000000', '20250205235959');
    const early = await call(app, 'reports_manager', params);
    control.advanceClock(60 * 60_000);
    const later = await call(app, 'reports_manager', params);
    expect(later.body.data!.length).toBeGreaterThan(early.body.data!.length);
    expect(later.body.data!.slice(0, early.body.data!.length)).toEqual(early.body.data);
    expect(later.body.data!.at(-1)!.date <= '2025-02-05 16:30:00').toBe(true);
    // And going back in time gives the earlier answer again.
    control.advanceClock(-60 * 60_000);
    expect((await call(app, 'reports_manager', params)).raw).toBe(early.raw);
  });
});
