import { describe, expect, it } from 'vitest';
import {
  dayCount,
  emptyTable,
  enter,
  type LeaseEntry,
  leave,
  promote,
  reap,
  renew,
  type Self,
} from '../../src/coordination/lease-table.js';

const SELF: Self = { pid: 100, host: 'here', instance: 'me' };
const TTL = 5_000;
const entry = (id: string, over: Partial<LeaseEntry> = {}): LeaseEntry => ({
  id,
  pid: 200,
  host: 'here',
  instance: 'other',
  expires: 10_000,
  ...over,
});

describe('the lease table', () => {
  it('grants at once while slots are free, then queues tickets and hands slots out in ticket order', () => {
    const table = emptyTable();
    expect(enter(table, entry('a'), 2, 0, TTL, 'd1')).toBe(true);
    expect(enter(table, entry('b'), 2, 0, TTL, 'd1')).toBe(true);
    expect(enter(table, entry('c'), 2, 0, TTL, 'd1')).toBe(false);
    expect(enter(table, entry('d'), 2, 0, TTL, 'd1')).toBe(false);
    expect(table.queue.map((e) => e.id)).toEqual(['c', 'd']);
    leave(table, 'b');
    promote(table, 2, 1_000, TTL, 'd1');
    expect(table.holders.map((e) => e.id)).toEqual(['a', 'c']);
    // A promoted ticket's lease runs from its grant.
    expect(table.holders[1]!.expires).toBe(1_000 + TTL);
    expect(table.queue.map((e) => e.id)).toEqual(['d']);
    // Three grants, three calls of the day.
    expect(table.quota).toEqual({ day: 'd1', used: 3 });
  });

  it('never lets a newcomer pass a waiting ticket, even when a slot is free', () => {
    const table = emptyTable();
    table.holders.push(entry('a'));
    table.queue.push(entry('waiting'));
    expect(enter(table, entry('late'), 2, 0, TTL, 'd1')).toBe(false);
    expect(table.holders.map((e) => e.id)).toEqual(['a', 'waiting']);
  });

  it('drops the entries of dead, hung and earlier same-pid processes, keeps live and remote ones', () => {
    const table = emptyTable();
    table.holders.push(
      entry('dead', { pid: 201 }),
      entry('hung', { pid: 202, expires: 99 }),
      entry('earlier-me', { pid: 100, instance: 'before' }),
      entry('me', { pid: 100, instance: 'me' }),
      entry('live', { pid: 203 }),
      entry('remote', { pid: 201, host: 'elsewhere' }),
    );
    const alive = (pid: number) => pid !== 201;
    expect(reap(table, 100, SELF, alive)).toBe(3);
    expect(table.holders.map((e) => e.id)).toEqual(['me', 'live', 'remote']);
  });

  it('renews only the given entries, and starts the count afresh on a new day', () => {
    const table = emptyTable();
    table.holders.push(entry('a', { expires: 1 }), entry('b', { expires: 1 }));
    renew(table, new Set(['b']), 9);
    expect(table.holders.map((e) => e.expires)).toEqual([1, 9]);
    dayCount(table, 'd1').used = 7;
    expect(dayCount(table, 'd1').used).toBe(7);
    expect(dayCount(table, 'd2')).toEqual({ day: 'd2', used: 0 });
  });
});
