import { describe, expect, it } from 'vitest';
import {
  callerRequestSchema,
  formatTimestamp,
  getReport,
  problemsFromIssues,
  type RequestContext,
  readDate,
} from '../src/index.js';

// Wednesday 2025-03-05 10:30 in Bogota (UTC-5): 15:30 UTC.
const context: RequestContext = { timeZone: 'America/Bogota', now: () => Date.parse('2025-03-05T15:30:00Z') };
const act3 = getReport('act_3')!;
const campaign7 = getReport('campaign_7')!;
const realtime = getReport('calls_last_10')!;

function span(text: string): string {
  const reading = readDate(text, context);
  if ('rule' in reading) return `refused: ${reading.rule}`;
  return `${reading.kind} ${formatTimestamp(reading.start)} .. ${formatTimestamp(reading.end)}`;
}

function check(report: typeof act3, input: Record<string, unknown>, extra: Partial<RequestContext> = {}) {
  const parsed = callerRequestSchema(report, { ...context, ...extra }).safeParse(input);
  if (parsed.success) return parsed.data;
  return problemsFromIssues(parsed.error.issues, input).map((p) => `${p.field}: ${p.rule}`);
}

describe('the date grammar', () => {
  it.each([
    ['2025-02-03', 'day 2025-02-03 00:00:00 .. 2025-02-03 23:59:59'],
    ['2025-02-03T08:00', 'moment 2025-02-03 08:00:00 .. 2025-02-03 08:00:00'],
    ['2025-02-03t08:00:59.999', 'moment 2025-02-03 08:00:59 .. 2025-02-03 08:00:59'],
    ['2025-02-03 08:00:00', 'moment 2025-02-03 08:00:00 .. 2025-02-03 08:00:00'],
    ['2025-02-03T13:00:00Z', 'moment 2025-02-03 08:00:00 .. 2025-02-03 08:00:00'],
    ['2025-02-03T10:00:00-0300', 'moment 2025-02-03 08:00:00 .. 2025-02-03 08:00:00'],
    ['20250203080000', 'moment 2025-02-03 08:00:00 .. 2025-02-03 08:00:00'],
    ['today', 'day 2025-03-05 00:00:00 .. 2025-03-05 23:59:59'],
    ['YESTERDAY', 'day 2025-03-04 00:00:00 .. 2025-03-04 23:59:59'],
    ['today-366', 'day 2024-03-04 00:00:00 .. 2024-03-04 23:59:59'],
    ['this_week', 'range 2025-03-03 00:00:00 .. 2025-03-05 23:59:59'],
    ['last_week', 'range 2025-02-24 00:00:00 .. 2025-03-02 23:59:59'],
    ['this_month', 'range 2025-03-01 00:00:00 .. 2025-03-05 23:59:59'],
    ['last_month', 'range 2025-02-01 00:00:00 .. 2025-02-28 23:59:59'],
    ['last_7_days', 'range 2025-02-26 00:00:00 .. 2025-03-04 23:59:59'],
  ])('reads %s', (text, expected) => expect(span(text)).toBe(expected));

  it.each([
    ['2025-02-31', /not a real calendar date/],
    ['2025-02-03T24:00', /not a real calendar date/],
    ['20250231000000', /not a real calendar date/],
    ['today-400', /at most 366/],
    ['last_0_days', /N from 1 to 366/],
    ['03/02/2025', /not a date this grammar reads/],
    ['2025-02-03T08:00+19:00', /beyond \+-18:00/],
  ])('refuses %s', (text, rule) => expect(span(text)).toMatch(rule));
});

describe('callerRequestSchema', () => {
  it('defaults to to the end of the day of from, or of its range', () => {
    const day = check(act3, { from: '2025-02-03T08:00' });
    expect(day).toEqual({
      window: { start: Date.UTC(2025, 1, 3, 8), end: Date.UTC(2025, 1, 3, 23, 59, 59) },
      params: {},
    });
    expect(check(act3, { from: 'last_month' })).toMatchObject({
      window: { start: Date.UTC(2025, 1, 1), end: Date.UTC(2025, 1, 28, 23, 59, 59) },
    });
    // A range given as `to` means its end.
    expect(check(act3, { from: '2025-01-01', to: 'last_month' })).toMatchObject({
      window: { end: Date.UTC(2025, 1, 28, 23, 59, 59) },
    });
  });

  it('reads from today-N alone as "since": through the end of today; with to, as its day', () => {
    expect(check(act3, { from: 'today-7' })).toMatchObject({
      window: { start: Date.UTC(2025, 1, 26), end: Date.UTC(2025, 2, 5, 23, 59, 59) },
    });
    expect(check(act3, { from: 'today-7', to: 'today-7' })).toMatchObject({
      window: { start: Date.UTC(2025, 1, 26), end: Date.UTC(2025, 1, 26, 23, 59, 59) },
    });
    // The day words keep their one day.
    expect(check(act3, { from: 'yesterday' })).toMatchObject({
      window: { start: Date.UTC(2025, 2, 4), end: Date.UTC(2025, 2, 4, 23, 59, 59) },
    });
  });

  it('reports every problem at once, in the caller’s names', () => {
    expect(check(campaign7, { to: '2025-02-30', campain_id: 'all' })).toEqual([
      'from: is required: the start of the window, e.g. 2025-02-03',
      expect.stringMatching(/^to: is not a real calendar date/),
      // What the parameter is and an example, not the type its own rules expect.
      expect.stringMatching(/^campaign_id: is required: .+ \(e\.g\. "[^"]+"\)$/),
      'campain_id: is not a parameter of campaign_7 (it takes from, to, campaign_id)',
    ]);
  });

  it('refuses a window out of order or longer than the per-call limit', () => {
    expect(check(act3, { from: '2025-02-03', to: '2025-02-02' })).toEqual([
      'to: must not be before from (2025-02-03 00:00:00)',
    ]);
    expect(check(act3, { from: '2024-01-01', to: '2025-02-01' }, { maxDays: 366 })).toEqual([
      'to: the window spans 398 days; one call covers at most 366',
    ]);
    expect(check(act3, { from: '2024-01-01', to: '2025-02-01' })).toMatchObject({ params: {} });
  });

  it('refuses a window on a report about now, and keeps params as the wire takes them', () => {
    expect(check(realtime, { from: 'today' })).toEqual([
      'from: is not accepted: calls_last_10 reports on "now" and takes no window',
    ]);
    expect(check(campaign7, { from: 'today', campaign_id: 'ALL' })).toMatchObject({
      params: { campaign_id: 'ALL' },
    });
  });

  it('reads a whole number sent for a text parameter as its digits, and judges it by the parameter’s rules', () => {
    expect(check(campaign7, { from: 'today', campaign_id: 2021 })).toMatchObject({
      params: { campaign_id: '2021' },
    });
    expect(check(campaign7, { from: 'today', campaign_id: -5 })).toEqual([
      expect.stringMatching(/^campaign_id: /),
    ]);
    expect(check(campaign7, { from: 'today', campaign_id: 20.5 })).toEqual([
      'campaign_id: Invalid input: expected string, received number',
    ]);
    expect(check(campaign7, { from: 'today', campaign_id: true })).toEqual([
      'campaign_id: Invalid input: expected string, received boolean',
    ]);
  });

  it('has a JSON Schema of plain typed properties and no unknown names', () => {
    const json = callerRequestSchema(campaign7, context)['~standard'].jsonSchema.input({
      target: 'draft-2020-12',
    }) as { properties: Record<string, { type: string }>; required: string[]; additionalProperties: boolean };
    expect(Object.entries(json.properties).map(([name, p]) => [name, p.type])).toEqual([
      ['from', 'string'],
      ['to', 'string'],
      ['campaign_id', 'string'],
    ]);
    expect(json.required).toEqual(['from', 'campaign_id']);
    expect(json.additionalProperties).toBe(false);
    expect(JSON.stringify(json)).not.toMatch(/anyOf|oneOf/);
  });
});
