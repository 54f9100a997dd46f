import { type AnyReport, defineReport, field, parseDuration } from '@wolkvox-mcp/contracts';
import { describe, expect, it } from 'vitest';
import { Tenant } from '../src/tenant/store.js';
import { ViewEngine } from '../src/views/engine.js';
import { wirePercent } from './helpers.js';

/**
 * The aggregate vocabulary of the registry (count/sum/avg/min/max/distinct/ratio with their own where, share, numeric
 * ranges, derived calendar attributes, nested grouped lists), each checked against a plain computation over the
 * detail rows of the same records. The reports are defined here: no emulator code knows them.
 */

const tenant = new Tenant(7, 1500, 8);
const engine = new ViewEngine(tenant);
const window = {
  window: { start: Date.UTC(2025, 1, 3), end: Date.UTC(2025, 1, 4, 23, 59, 59) },
  params: {},
};
const now = Date.UTC(2025, 1, 6, 12);

const base = {
  family: 'reports_manager',
  toolset: 'skills',
  category: 'Test',
  description: 'A report defined by the test to exercise the view engine.',
  questions: ['test'],
  params: {},
  sources: [],
} as const;

const inboundDetail = defineReport({
  ...base,
  api: 'test_inbound_detail',
  title: 'Inbound detail',
  fields: {
    conn_id: field('conn_id', 'call'),
    skill_id: field('skill_id', 'skill'),
    agent_id: field('agent_id', 'agent'),
    result: field('text', 'result'),
    queue_seconds: field('seconds', 'queue wait'),
    talk_seconds: field('seconds', 'talk'),
    day: field('day', 'day', { from: 'date_day' }),
    hour: field('hour_of_day', 'hour', { from: 'hour_of_day' }),
  },
  rows: { entity: 'calls', where: { type_interaction: 'inbound' } },
});

const perSkill = defineReport({
  ...base,
  api: 'test_per_skill',
  title: 'Per skill',
  fields: {
    skill_id: field('skill_id', 'skill'),
    calls: field('count', 'inbound calls', { from: { count: true } }),
    answered: field('count', 'answered', { from: { count: true, where: { result: 'answer' } } }),
    abandoned: field('count', 'abandoned', { from: { count: true, where: { result: 'abandon' } } }),
    quick: field('count', 'answered within 20 s', {
      from: { count: true, where: { result: 'answer', queue_seconds: { lte: 20 } } },
    }),
    service_level_20: field('percent', 'answered within 20 s among answered', {
      from: { share: { queue_seconds: { lte: 20 } }, of: { result: 'answer' } },
    }),
    asa: field('seconds', 'average wait of answered', {
      from: { avg: 'queue_seconds', where: { result: 'answer' } },
    }),
    talk_to_wait: field('percent', 'talk time over queue time among answered calls', {
      from: { ratio: 'talk_seconds', per: 'queue_seconds', where: { result: 'answer' } },
    }),
    longest_wait: field('seconds', 'longest wait', { from: { max: 'queue_seconds' } }),
    shortest_talk: field('seconds', 'shortest talk of answered', {
      from: { min: 'talk_seconds', where: { result: 'answer' } },
    }),
    talk: field('duration', 'talk time', { from: { sum: 'talk_seconds' } }),
    agents: field('count', 'distinct agents', {
      from: { distinct: 'agent_id', where: { result: 'answer' } },
    }),
    by_hour: field('list', 'per hour', {
      groupBy: ['hour_of_day'],
      items: {
        hour: field('hour_of_day', 'hour', { from: 'hour_of_day' }),
        calls: field('count', 'calls', { from: { count: true } }),
      },
    }),
  },
  rows: { entity: 'calls', where: { type_interaction: 'inbound' }, groupBy: ['skill_id'] },
});

const perDay = defineReport({
  ...base,
  api: 'test_per_day',
  title: 'Per day',
  fields: {
    day: field('day', 'day', { from: 'date_day' }),
    calls: field('count', 'inbound calls', { from: { count: true } }),
  },
  rows: { entity: 'calls', where: { type_interaction: 'inbound' }, groupBy: ['date_day'] },
});

const perResult = defineReport({
  ...base,
  api: 'test_per_result',
  title: 'Per result',
  fields: {
    result: field('text', 'result'),
    calls: field('count', 'calls', { from: { count: true } }),
    percent: field('percent', 'share of all inbound calls', { from: { shareOfTotal: true } }),
    by_skill: field('list', 'per skill', {
      groupBy: ['skill_id'],
      items: {
        skill_id: field('skill_id', 'skill'),
        calls: field('count', 'calls', { from: { count: true } }),
        percent: field('percent', "share of the result's calls", { from: { shareOfTotal: true } }),
      },
    }),
  },
  rows: { entity: 'calls', where: { type_interaction: 'inbound' }, groupBy: ['result'] },
});

const run = (report: AnyReport) => engine.run(report, window, now).rows as Record<string, any>[];

describe('aggregate fields', () => {
  const detail = run(inboundDetail as AnyReport);
  const skills = run(perSkill as AnyReport);

  it('has data to aggregate', () => {
    expect(detail.length).toBeGreaterThan(500);
    expect(skills.length).toBeGreaterThan(1);
  });

  it('counts, sums, averages, extremes and distinct values per group agree with the detail rows', () => {
    for (const row of skills) {
      const calls = detail.filter((r) => r.skill_id === row.skill_id);
      const answered = calls.filter((r) => r.result === 'answer');
      const waits = answered.map((r) => Number(r.queue_seconds));
      expect(Number(row.calls)).toBe(calls.length);
      expect(Number(row.answered)).toBe(answered.length);
      expect(Number(row.abandoned)).toBe(calls.filter((r) => r.result === 'abandon').length);
      expect(Number(row.quick)).toBe(waits.filter((w) => w <= 20).length);
      const level = answered.length ? (100 * waits.filter((w) => w <= 20).length) / answered.length : 0;
      expect(row.service_level_20).toBe(wirePercent(level));
      const asa = answered.length ? waits.reduce((a, b) => a + b, 0) / answered.length : 0;
      expect(Number(row.asa)).toBe(Math.round(asa));
      const talkOfAnswered = answered.reduce((sum, r) => sum + Number(r.talk_seconds), 0);
      const waitOfAnswered = waits.reduce((a, b) => a + b, 0);
      const ratio = waitOfAnswered ? (100 * talkOfAnswered) / waitOfAnswered : 0;
      expect(row.talk_to_wait).toBe(wirePercent(ratio));
      expect(Number(row.longest_wait)).toBe(Math.max(...calls.map((r) => Number(r.queue_seconds))));
      expect(Number(row.shortest_talk)).toBe(Math.min(...answered.map((r) => Number(r.talk_seconds))));
      expect(parseDuration(row.talk)).toBe(calls.reduce((sum, r) => sum + Number(r.talk_seconds), 0));
      expect(Number(row.agents)).toBe(new Set(answered.map((r) => r.agent_id)).size);
    }
  });

  it('groups nested lists by their own attributes within the row', () => {
    for (const row of skills) {
      const calls = detail.filter((r) => r.skill_id === row.skill_id);
      const items = row.by_hour as { hour: string; calls: string }[];
      expect(items.reduce((sum, item) => sum + Number(item.calls), 0)).toBe(calls.length);
      for (const item of items) {
        expect(Number(item.calls)).toBe(calls.filter((r) => r.hour === item.hour).length);
      }
    }
  });

  it("gives each group's share of the report (and of its parent row for nested items)", () => {
    const results = run(perResult as AnyReport);
    const pct = (text: string) => Number(text.replace(' %', ''));
    expect(results.length).toBeGreaterThan(1);
    for (const row of results) {
      expect(row.percent).toBe(wirePercent((100 * Number(row.calls)) / detail.length));
      const items = row.by_skill as { calls: string; percent: string }[];
      for (const item of items) {
        expect(item.percent).toBe(wirePercent((100 * Number(item.calls)) / Number(row.calls)));
      }
      expect(items.reduce((sum, item) => sum + pct(item.percent), 0)).toBeCloseTo(100, 0);
    }
    expect(results.reduce((sum, row) => sum + pct(row.percent as string), 0)).toBeCloseTo(100, 0);
  });

  it('groups by derived calendar attributes', () => {
    const days = run(perDay as AnyReport);
    expect(days.map((row) => row.day)).toEqual(['2025-02-03', '2025-02-04']);
    for (const row of days) expect(Number(row.calls)).toBe(detail.filter((r) => r.day === row.day).length);
  });
});
