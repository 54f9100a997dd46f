/**
 * The view's drawing, without a browser: one element per datum of the spec (read back by `data-datum`), heights
 * in proportion to values, series switched off left out, a heat map's cells at their hour and day.
 */
import { describe, expect, it } from 'vitest';
import { chartSpec } from '../charts/spec.js';
import { drawChart, ticks, type ViewChart } from './draw.js';

const TITLE = { what: 'act_3', when: '2025-02-03', zone: 'America/Bogota' };

function viewChart(input: Parameters<typeof chartSpec>[0]): ViewChart {
  const outcome = chartSpec(input);
  if (!('chart' in outcome)) throw new Error(JSON.stringify(outcome));
  return outcome.chart as unknown as ViewChart;
}

const marksOf = (svg: string) =>
  [...svg.matchAll(/<(rect|circle) ([^>]*)data-datum="(\d+)"/g)].map((match) => {
    const height = / height="([\d.]+)"/.exec(match[2]!)?.[1];
    return {
      element: match[1],
      height: height === undefined ? undefined : Number(height),
      datum: Number(match[3]),
    };
  });

const rows = [
  { hour: '2025-02-03 08:00:00', calls: 10, chats: 5 },
  { hour: '2025-02-03 09:00:00', calls: 40, chats: 20 },
  { hour: '2025-02-03 10:00:00', calls: 20, chats: 0 },
];
const columns = [
  { name: 'hour', role: 'time' as const },
  { name: 'calls', role: 'number' as const, additive: true },
  { name: 'chats', role: 'number' as const, additive: true },
];

describe('the view draws the spec', () => {
  it('one bar per datum, as tall as its value, labelled by the time of day', () => {
    const chart = viewChart({ rows, columns, request: { kind: 'bar' }, title: TITLE });
    const svg = drawChart(chart, { width: 600, height: 300 });
    const marks = marksOf(svg);
    expect(marks.map((mark) => mark.datum)).toEqual([0, 1, 2]);
    expect(marks[1]!.height! / marks[0]!.height!).toBeCloseTo(4, 1);
    expect(svg).toContain('>08:00:00</text>');
    expect(svg).not.toContain('>2025-02-03 08:00:00</text>');
  });

  it('leaves out a series switched off, and draws lines as points', () => {
    const chart = viewChart({
      rows,
      columns,
      request: { kind: 'stacked_bar', y: ['calls', 'chats'] },
      title: TITLE,
    });
    expect(marksOf(drawChart(chart, { width: 600, height: 300 }))).toHaveLength(6);
    const calls = marksOf(drawChart(chart, { width: 600, height: 300 }, new Set(['chats'])));
    expect(calls.map((mark) => mark.datum)).toEqual([0, 2, 4]);
    const line = viewChart({ rows, columns, request: { kind: 'line', y: ['calls', 'chats'] }, title: TITLE });
    expect(marksOf(drawChart(line, { width: 600, height: 300 })).map((mark) => mark.element)).toEqual(
      Array(6).fill('circle'),
    );
  });

  it('places heat map cells at their hour and day', () => {
    const chart = viewChart({
      rows: [
        { bucket: '2025020308', n: 1 },
        { bucket: '2025020409', n: 2 },
      ],
      columns: [
        { name: 'bucket', role: 'time' },
        { name: 'n', role: 'number', additive: true },
      ],
      request: { kind: 'heatmap' },
      title: TITLE,
    });
    const svg = drawChart(chart, { width: 640, height: 300 });
    const cells = [...svg.matchAll(/<rect class="mark" x="([\d.]+)" y="([\d.]+)"[^>]*data-datum="(\d+)"/g)];
    expect(cells).toHaveLength(2);
    // Hour 9 one column right of hour 8; the second day one row down.
    expect(Number(cells[1]![1]) - Number(cells[0]![1])).toBeCloseTo((640 - 64 - 16) / 24, 0);
    expect(Number(cells[1]![2])).toBeGreaterThan(Number(cells[0]![2]));
  });

  it('ticks the y axis at 1, 2 or 5 times a power of ten', () => {
    expect(ticks(40)).toEqual([0, 10, 20, 30, 40]);
    expect(ticks(93)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(ticks(0)).toEqual([0]);
  });
});
