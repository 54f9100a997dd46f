/**
 * Charts checked by their marks: the spec's data are the result's rows, one value per mark, every row drawn or
 * the chart says which; columns are chosen sensibly from the kind alone; what cannot be drawn is told.
 */
import { describe, expect, it } from 'vitest';
import { CHART_LIMITS, type ChartColumn, type ChartInput, type ChartRow } from './chart.js';
import { type BuiltChart, chartSpec, MAX_DATA_CHARS } from './spec.js';

const TITLE = { what: 'act_3 "Calls by hour"', when: '2025-02-03', zone: 'America/Bogota' };

const HOURLY: ChartColumn[] = [
  { name: 'hour', role: 'time' },
  { name: 'skill', role: 'category' },
  { name: 'service_level', role: 'number', unit: '%' },
  { name: 'calls', role: 'number', additive: true },
  { name: 'talk_time', role: 'number', additive: true, unit: 'seconds' },
];

const hourRows = (day = '2025-02-03'): ChartRow[] =>
  Array.from({ length: 24 }, (_, h) => ({
    hour: `${day} ${String(h).padStart(2, '0')}:00:00`,
    skill: 'ventas',
    service_level: 80 + (h % 5),
    calls: 10 + h,
    talk_time: 100 * h,
  }));

function built(input: Partial<ChartInput> & Pick<ChartInput, 'request'>): BuiltChart {
  const outcome = chartSpec({ rows: hourRows(), columns: HOURLY, title: TITLE, ...input });
  if (!('chart' in outcome)) throw new Error(JSON.stringify(outcome));
  return outcome.chart;
}

const dataOf = (chart: BuiltChart) => (chart.spec.data as { values: unknown[] }).values;

describe('a chart from the kind alone', () => {
  it('draws x = the first time column and y = the first additive number, one mark per row', () => {
    const chart = built({ request: { kind: 'bar' } });
    expect(chart.columns).toEqual({ x: 'hour', y: ['calls'] });
    expect(dataOf(chart)).toEqual(hourRows().map((row) => ({ hour: row.hour, calls: row.calls })));
    expect(chart.values).toBe(dataOf(chart));
    expect(chart.notes).toEqual([]);
    const title = chart.spec.title as { text: string; subtitle: string[] };
    expect(title.text).toBe('calls by hour — act_3 "Calls by hour"');
    expect(title.subtitle).toEqual(['2025-02-03 (America/Bogota)', 'every row of the result: 24 marks']);
  });

  it('labels one day of times by their time, and the day once in the axis title', () => {
    const x = built({ request: { kind: 'line' } }).spec.encoding as { x: { title: string; axis: unknown } };
    expect(x.x.title).toBe('hour (2025-02-03)');
    expect(x.x.axis).toMatchObject({ labelExpr: 'slice(datum.label, 11)' });
  });

  it('stacks by the next category, and takes the columns named', () => {
    const stacked = built({ request: { kind: 'stacked_bar' } });
    expect(stacked.columns).toEqual({ x: 'hour', y: ['calls'], series: 'skill' });
    const named = built({ request: { kind: 'line', x: 'hour', y: ['service_level'] } });
    expect(dataOf(named)).toEqual(
      hourRows().map((row) => ({ hour: row.hour, service_level: row.service_level })),
    );
    expect((named.spec.encoding as { y: { title: string } }).y.title).toBe('service_level (%)');
  });

  it('draws several y columns as series of their own, every value a mark', () => {
    const chart = built({ request: { kind: 'stacked_bar', y: ['calls', 'talk_time'] } });
    expect(chart.fields).toEqual({ x: 'hour', y: 'value', series: 'measure' });
    expect(dataOf(chart)).toEqual(
      hourRows().flatMap((row) => [
        { hour: row.hour, measure: 'calls', value: row.calls },
        { hour: row.hour, measure: 'talk_time', value: row.talk_time },
      ]),
    );
    // Units differ: the axis names none.
    expect((chart.spec.encoding as { y: { title: string } }).y.title).toBe('value');
  });

  it('groups bars side by side for `bar` with a series, and stacks only `stacked_bar`', () => {
    const rows = ['ventas', 'soporte'].flatMap((skill) =>
      hourRows()
        .slice(0, 3)
        .map((row) => ({ ...row, skill })),
    );
    const bar = built({ rows, request: { kind: 'bar', series: 'skill' } });
    const encoding = bar.spec.encoding as Record<string, { stack?: unknown; field?: string }>;
    expect(encoding.xOffset?.field).toBe('skill');
    expect(encoding.y?.stack).toBeNull();
    expect(dataOf(bar)).toHaveLength(6);
    const stacked = built({ rows, request: { kind: 'stacked_bar', series: 'skill' } });
    expect((stacked.spec.encoding as Record<string, { stack?: unknown }>).y?.stack).toBe('zero');
  });
});

describe('a heat map of hour x day', () => {
  const week: ChartRow[] = [];
  for (let day = 1; day <= 7; day++) {
    for (let hour = 0; hour < 24; hour++) {
      week.push({ bucket: `2025020${day}${String(hour).padStart(2, '0')}`, calls: day * 100 + hour });
    }
  }
  const columns: ChartColumn[] = [
    { name: 'bucket', role: 'time' },
    { name: 'calls', role: 'number', additive: true },
  ];

  it('reads day and hour from an hour bucket: 7 x 24 cells, one per row', () => {
    const chart = built({ rows: week, columns, request: { kind: 'heatmap' } });
    expect(chart.fields).toEqual({ x: 'hour', y: 'calls', series: 'day' });
    expect(dataOf(chart)).toEqual(
      week.map((row) => ({
        day: `2025-02-0${String(row.bucket).slice(7, 8)}`,
        hour: Number(String(row.bucket).slice(8)),
        calls: row.calls,
      })),
    );
  });

  it('takes an hour column with a day column beside it', () => {
    const rows = [
      { date: '2025-02-04', hour: 9, calls: 3 },
      { date: '2025-02-03', hour: 9, calls: 5 },
      { date: '2025-02-03', hour: 10, calls: 7 },
    ];
    const chart = built({
      rows,
      columns: [
        { name: 'date', role: 'time' },
        { name: 'hour', role: 'hour' },
        { name: 'calls', role: 'number', additive: true },
      ],
      request: { kind: 'heatmap' },
    });
    expect(chart.columns).toEqual({ x: 'hour', y: ['calls'], series: 'date' });
    // Days in time order, hours across.
    expect(dataOf(chart)).toEqual([
      { day: '2025-02-03', hour: 9, calls: 5 },
      { day: '2025-02-03', hour: 10, calls: 7 },
      { day: '2025-02-04', hour: 9, calls: 3 },
    ]);
  });

  it('is not drawn when two rows fall in one cell: the answer says to group them', () => {
    const outcome = chartSpec({
      rows: [...week.slice(0, 2), { bucket: '2025020100', calls: 1 }],
      columns,
      request: { kind: 'heatmap' },
      title: TITLE,
    });
    expect(outcome).toEqual({
      unchartable: expect.stringContaining(
        '2 rows fall on the same day and hour as another row (e.g. 2025-02-01 00:00)',
      ),
    });
  });
});

describe('what a chart leaves out, it says', () => {
  it('draws the first bars past its limit, in the result order, and says so', () => {
    const rows = Array.from({ length: 75 }, (_, i) => ({ agent: `agent ${75 - i}`, calls: 75 - i }));
    const chart = built({
      rows,
      columns: [
        { name: 'agent', role: 'category' },
        { name: 'calls', role: 'number', additive: true },
      ],
      request: { kind: 'bar' },
    });
    expect(dataOf(chart)).toEqual(rows.slice(0, CHART_LIMITS.barCategories));
    expect(chart.notes).toEqual([
      `the first ${CHART_LIMITS.barCategories} of 75 agent values (in the result's order)`,
    ]);
    expect((chart.spec.title as { subtitle: string[] }).subtitle[1]).toBe(
      `${CHART_LIMITS.barCategories} marks: the first ${CHART_LIMITS.barCategories} of 75 agent values (in the result's order)`,
    );
  });

  it('says when the rows are the first of a larger result, and which values are missing', () => {
    const rows = hourRows().map((row, index) => (index === 3 ? { ...row, calls: null } : row));
    const chart = built({ rows, resultRows: 900, request: { kind: 'line' } });
    expect(chart.notes).toEqual([
      "the first 24 rows of the result's 900",
      '1 value of calls missing, not drawn',
    ]);
    expect(dataOf(chart)).toHaveLength(23);
  });

  it('keeps its data within MAX_DATA_CHARS: a month of hours draws its first days, and says why', () => {
    const rows: ChartRow[] = [];
    for (let day = 1; day <= 31; day++) {
      for (let hour = 0; hour < 24; hour++) {
        rows.push({
          hour: `2025-01-${String(day).padStart(2, '0')} ${String(hour).padStart(2, '0')}:00:00`,
          calls: 1000 + hour,
        });
      }
    }
    const chart = built({ rows, request: { kind: 'heatmap', x: 'hour', y: ['calls'] }, columns: HOURLY });
    const values = dataOf(chart);
    expect(JSON.stringify(values).length).toBeLessThanOrEqual(MAX_DATA_CHARS);
    const days = new Set(values.map((value) => (value as { day: string }).day));
    expect(days.size).toBeLessThan(31);
    // Whole days, the first ones, every hour of each.
    expect(values).toHaveLength(days.size * 24);
    expect([...days][0]).toBe('2025-01-01');
    expect(chart.notes).toEqual([
      `the first ${days.size} of 31 days (a chart carries at most 24,000 characters of data)`,
    ]);
  });

  it('never sums two rows into one bar', () => {
    const rows = [...hourRows().slice(0, 2), hourRows()[0]!];
    const outcome = chartSpec({ rows, columns: HOURLY, title: TITLE, request: { kind: 'bar' } });
    expect(outcome).toEqual({
      unchartable: expect.stringMatching(
        /^2 rows share hour with another row \(e\.g\. "2025-02-03 00:00:00"\).*group the rows by hour/,
      ),
    });
  });
});

describe('columns a result cannot draw are refused by name', () => {
  const problems = (request: ChartInput['request']) => {
    const outcome = chartSpec({ rows: hourRows(), columns: HOURLY, title: TITLE, request });
    return 'problems' in outcome ? outcome.problems : outcome;
  };

  it('names the argument and the rule', () => {
    expect(problems({ kind: 'bar', x: 'nope' })).toEqual([
      {
        path: ['chart', 'x'],
        rule: "unknown column; this result's columns: hour, skill, service_level, calls, talk_time",
      },
    ]);
    expect(problems({ kind: 'bar', y: ['calls', 'skill'] })).toEqual([
      { path: ['chart', 'y', '1'], rule: 'takes a numeric column; skill is text' },
    ]);
    expect(problems({ kind: 'line', y: ['calls', 'talk_time'], series: 'skill' })).toEqual([
      { path: ['chart', 'series'], rule: 'does not apply with several y columns (each is a series)' },
    ]);
    const textOnly = chartSpec({
      rows: [{ agent: 'a' }],
      columns: [{ name: 'agent', role: 'category' }],
      title: TITLE,
      request: { kind: 'bar' },
    });
    expect(textOnly).toEqual({
      problems: [{ path: ['chart', 'y'], rule: 'no numeric column in this result to draw; name y' }],
    });
  });
});
