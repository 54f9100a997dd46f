import { describe, expect, it } from 'vitest';
import { Clock } from '../src/clock.js';
import { resolveOptions } from '../src/config/options.js';
import { parseQuery } from '../src/http/query.js';
import { nextMidnight } from '../src/limits/quota-day.js';
import { hashString, Random, randomFor, weightedPicker } from '../src/prng.js';
import { formatValue, timestampLabel } from '../src/views/format.js';

describe('query parsing', () => {
  it('decodes, keeps repeats as lists and never throws on malformed escapes', () => {
    const query = parseQuery(
      'api=act_3&date_ini=2025&date_ini=2026&bad=%E0%A4%A&pct=%&plus=a+b&flag&%C3%B1=%C3%A1',
    );
    expect(query.api).toBe('act_3');
    expect(query.date_ini).toEqual(['2025', '2026']);
    expect(query.bad).toBe('%E0%A4%A');
    expect(query.pct).toBe('%');
    expect(query.plus).toBe('a b');
    expect(query.flag).toBe('');
    expect(query.ñ).toBe('á');
  });

  it('treats __proto__ as a plain key', () => {
    const query = parseQuery('__proto__=x&constructor=y');
    expect(Object.getPrototypeOf(query)).toBeNull();
    expect(Object.entries(query)).toEqual([
      ['__proto__', 'x'],
      ['constructor', 'y'],
    ]);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('clock', () => {
  it('runs from its start with real time, and stops when frozen', () => {
    let real = 1_000;
    const clock = new Clock('America/Bogota', '2025-02-03T10:00:00Z', () => real);
    real += 5_000;
    expect(clock.now().toISOString()).toBe('2025-02-03T10:00:05.000Z');
    clock.freeze();
    real += 60_000;
    expect(clock.now().toISOString()).toBe('2025-02-03T10:00:05.000Z');
    clock.set('2025-02-03T12:00:00Z');
    real += 1_000;
    expect(clock.now().toISOString()).toBe('2025-02-03T12:00:01.000Z');
    // Wall time is Bogotá's (UTC-5), read as naive milliseconds.
    expect(clock.wallNow()).toBe(Date.UTC(2025, 1, 3, 7, 0, 1));
  });
});

describe('tenant midnight', () => {
  it('is the next wall-clock midnight of the zone, across daylight-saving changes', () => {
    expect(nextMidnight(Date.UTC(2025, 1, 5, 23, 59, 58), 'America/Bogota').toISOString()).toBe(
      '2025-02-06T05:00:00.000Z',
    );
    // New York moves to EDT on 9 March 2025: midnight of the 10th is 04:00 UTC, of the 9th 05:00 UTC.
    expect(nextMidnight(Date.UTC(2025, 2, 9, 12), 'America/New_York').toISOString()).toBe(
      '2025-03-10T04:00:00.000Z',
    );
    expect(nextMidnight(Date.UTC(2025, 2, 8, 12), 'America/New_York').toISOString()).toBe(
      '2025-03-09T05:00:00.000Z',
    );
  });
});

describe('seeded randomness', () => {
  it('derives the same stream from the same keys and another from other keys', () => {
    const a = randomFor(1, 'calls', 20_000);
    const b = randomFor(1, 'calls', 20_000);
    const c = randomFor(1, 'calls', 20_001);
    const draw = (rng: Random) => Array.from({ length: 5 }, () => rng.next());
    const first = draw(a);
    expect(draw(b)).toEqual(first);
    expect(draw(c)).not.toEqual(first);
    expect(hashString('act_3')).not.toBe(hashString('act_4'));
  });

  it('draws within bounds and by weight', () => {
    const rng = new Random(3);
    const pick = weightedPicker([
      ['rare', 1],
      ['common', 9],
    ] as const);
    let common = 0;
    for (let i = 0; i < 10_000; i++) {
      const n = rng.int(5, 7);
      expect(n).toBeGreaterThanOrEqual(5);
      expect(n).toBeLessThanOrEqual(7);
      if (pick(rng) === 'common') common++;
    }
    expect(common).toBeGreaterThan(8_500);
    expect(common).toBeLessThan(9_500);
    expect(rng.digits(15)).toMatch(/^[1-9]\d{14}$/);
  });
});

describe('formats by field kind', () => {
  it('formats raw record values as wolkvox sends them', () => {
    const wall = Date.UTC(2025, 1, 3, 7, 5, 9);
    expect(timestampLabel(wall)).toBe('2025-02-03 07:05:09');
    expect(formatValue('timestamp', wall)).toBe('2025-02-03 07:05:09');
    expect(formatValue('day', wall)).toBe('2025-02-03');
    expect(formatValue('hour_bucket', wall)).toBe('2025020307');
    expect(formatValue('hour_of_day', wall)).toBe('7');
    expect(formatValue('duration', 3_725)).toBe('01:02:05');
    expect(formatValue('minutes', 125)).toBe('2.08');
    expect(formatValue('seconds', 12.6)).toBe('13');
    expect(formatValue('count', 7)).toBe('7');
    expect(formatValue('percent', 34.642)).toBe('34.64 %');
    expect(formatValue('text', ['cod_act1', 'cod_act2'])).toBe('cod_act1,cod_act2');
    expect(formatValue('code', undefined)).toBe('');
  });
});

describe('options', () => {
  it('applies defaults and refuses nonsense', () => {
    const options = resolveOptions();
    expect(options).toMatchObject({
      host: '127.0.0.1',
      port: 0,
      seed: 1,
      tokens: ['wolkvox-demo-token'],
      // The licenses info_services reports (the default tenant's 21 agents) x 1000.
      dailyQuota: 21_000,
      latencyMs: 0,
      timeZone: 'America/Bogota',
      volume: 1500,
      rowCap: 'truncate',
      limits: {
        maxRecordsPerCall: 60_000,
        maxWindowDays: 31,
        maxConcurrentPerToken: 2,
        callTimeoutMs: 60_000,
      },
    });
    expect(() => resolveOptions({ timeZone: 'Mars/Olympus' })).toThrow(/time zone/);
    expect(() => resolveOptions({ tokens: [] })).toThrow(/tokens/);
    expect(() => resolveOptions({ limits: { maxRecordsPerCall: 0 } })).toThrow(/maxRecordsPerCall/);
    expect(() => resolveOptions({ latencyMs: -1 })).toThrow(/latencyMs/);
    expect(resolveOptions({ seed: 'acme' }).seed).toBe(hashString('acme'));
  });
});
