/**
 * Charts checked by their pixels: the PNG is decoded and the bars found by their colour, their heights in
 * proportion to the rows' values, in the rows' order; a stack's segments in their series' colours; a heat map's
 * cells darker where the value is larger; text drawn (the shipped font); and every image within the byte bound at
 * 800 px.
 */
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import type { ChartColumn, ChartInput, ChartRow } from './chart.js';
import { MAX_PNG_BYTES, rasterize, renderChart } from './render.js';
import { chartSpec, type VegaLiteSpec } from './spec.js';

const TITLE = { what: 'act_3', when: '2025-02-03', zone: 'America/Bogota' };
/** Vega's first colours (tableau10): the first series, the second. */
const BLUE = [0x4c, 0x78, 0xa8];
const ORANGE = [0xf5, 0x85, 0x18];

function specOf(input: Omit<ChartInput, 'title'>): VegaLiteSpec {
  const outcome = chartSpec({ ...input, title: TITLE });
  if (!('chart' in outcome)) throw new Error(JSON.stringify(outcome));
  return outcome.chart.spec;
}

interface Image {
  width: number;
  height: number;
  at(x: number, y: number): number[];
}

function decode(png: Buffer): Image {
  const image = PNG.sync.read(png);
  return {
    width: image.width,
    height: image.height,
    at: (x, y) => {
      const i = (y * image.width + x) * 4;
      return [image.data[i]!, image.data[i + 1]!, image.data[i + 2]!];
    },
  };
}

const near = (pixel: number[], colour: number[]) =>
  pixel.every((value, i) => Math.abs(value - colour[i]!) <= 6);

/** Runs of `colour` along row y: [start, end) in x. */
function runs(image: Image, y: number, colour: number[]): [number, number][] {
  const found: [number, number][] = [];
  let start = -1;
  for (let x = 0; x <= image.width; x++) {
    const inside = x < image.width && near(image.at(x, y), colour);
    if (inside && start < 0) start = x;
    if (!inside && start >= 0) {
      found.push([start, x]);
      start = -1;
    }
  }
  return found;
}

/** The lowest row holding `colour`: the bars' base. */
function baseOf(image: Image, colour: number[]): number {
  for (let y = image.height - 1; y >= 0; y--) if (runs(image, y, colour).length) return y;
  throw new Error('no pixel of that colour');
}

/** How far `colour` goes up from the base at column x. */
function heightAt(image: Image, x: number, base: number, colour: number[]): number {
  let y = base;
  while (y >= 0 && near(image.at(x, y), colour)) y--;
  return base - y;
}

const CALLS: ChartColumn[] = [
  { name: 'agent', role: 'category' },
  { name: 'calls', role: 'number', additive: true },
  { name: 'transfers', role: 'number', additive: true },
];

describe('a bar chart, read back from its pixels', () => {
  const rows: ChartRow[] = [
    { agent: 'Ana', calls: 40, transfers: 10 },
    { agent: 'Luis', calls: 10, transfers: 30 },
    { agent: 'Marta', calls: 25, transfers: 5 },
    { agent: 'Pedro', calls: 35, transfers: 20 },
  ];

  it("has one bar per row, in the rows' order, heights in proportion to the values", async () => {
    const { png, width, height } = await renderChart(
      specOf({ rows, columns: CALLS, request: { kind: 'bar' } }),
    );
    const image = decode(png!);
    expect([image.width, image.height]).toEqual([800, 450]);
    expect([width, height]).toEqual([800, 450]);
    const base = baseOf(image, BLUE);
    const bars = runs(image, base, BLUE);
    expect(bars).toHaveLength(rows.length);
    const heights = bars.map(([start, end]) => heightAt(image, Math.floor((start + end) / 2), base, BLUE));
    const unit = heights[0]! / 40;
    // Within two pixels of the value's height (the axis is linear from zero).
    rows.forEach((row, i) => {
      expect(Math.abs(heights[i]! - (row.calls as number) * unit)).toBeLessThanOrEqual(2);
    });
    expect(unit * 40).toBeGreaterThan(200);
  });

  it('stacks series in their colours, each segment as tall as its value', async () => {
    const spec = specOf({
      rows,
      columns: CALLS,
      request: { kind: 'stacked_bar', y: ['calls', 'transfers'] },
    });
    const image = decode((await renderChart(spec)).png!);
    // Vega stacks the series in descending order of their names from the base (so that the legend, top to
    // bottom, reads as the stack does): transfers, then calls on top.
    const base = baseOf(image, ORANGE);
    const bars = runs(image, base, ORANGE);
    expect(bars).toHaveLength(rows.length);
    const centres = bars.map(([start, end]) => Math.floor((start + end) / 2));
    const transfers = centres.map((x) => heightAt(image, x, base, ORANGE));
    // Above each orange segment (past at most one blended pixel at the seam), the blue one.
    const calls = centres.map((x, i) => {
      const seam = base - transfers[i]!;
      const start = near(image.at(x, seam), BLUE) ? seam : seam - 1;
      return heightAt(image, x, start, BLUE) + (seam - start);
    });
    const unit = (calls[0]! + transfers[0]!) / 50;
    rows.forEach((row, i) => {
      expect(Math.abs(calls[i]! - (row.calls as number) * unit)).toBeLessThanOrEqual(2);
      expect(Math.abs(transfers[i]! - (row.transfers as number) * unit)).toBeLessThanOrEqual(2);
    });
  });

  it('draws its text with the shipped font (a chart without text would be lighter)', async () => {
    const spec = specOf({ rows, columns: CALLS, request: { kind: 'bar' } });
    const { svg } = await renderChart(spec);
    const plain = await rasterize(svg.replace(/<text[\s\S]*?<\/text>/g, ''), 800);
    const full = await rasterize(svg, 800);
    // The title's dark pixels: present with text, absent without.
    const dark = (png: Buffer) => {
      const image = decode(png);
      let n = 0;
      for (let y = 0; y < 30; y++) for (let x = 0; x < 400; x++) if (image.at(x, y)[0]! < 80) n++;
      return n;
    };
    expect(dark(full.png)).toBeGreaterThan(200);
    expect(dark(plain.png)).toBe(0);
  });
});

describe('a heat map, read back from its pixels', () => {
  it('colours a larger value darker', async () => {
    const rows: ChartRow[] = [];
    for (let day = 1; day <= 7; day++) {
      for (let hour = 0; hour < 24; hour++) {
        rows.push({
          bucket: `2025020${day}${String(hour).padStart(2, '0')}`,
          calls: hour === 12 ? 100 : hour,
        });
      }
    }
    const spec = specOf({
      rows,
      columns: [
        { name: 'bucket', role: 'time' },
        { name: 'calls', role: 'number', additive: true },
      ],
      request: { kind: 'heatmap' },
    });
    const { png, width } = await renderChart(spec);
    expect(width).toBe(800);
    const image = decode(png!);
    // Along the middle row of the map: the widest run of blue-tinted pixels is the map's row of 24 cells (the
    // legend's gradient is narrower), each cell's colour sampled at its centre.
    const y = Math.floor(image.height / 2);
    const tinted = (x: number) => {
      const [r, , b] = image.at(x, y);
      return b! - r! > 8;
    };
    let row: [number, number] = [0, 0];
    for (let x = 0, start = -1; x <= image.width; x++) {
      const inside = x < image.width && tinted(x);
      if (inside && start < 0) start = x;
      if (!inside && start >= 0) {
        if (x - start > row[1] - row[0]) row = [start, x];
        start = -1;
      }
    }
    const cell = (row[1] - row[0]) / 24;
    expect(cell).toBeGreaterThan(15);
    const luminance = Array.from({ length: 24 }, (_, hour) =>
      image.at(Math.floor(row[0] + cell * (hour + 0.5)), y).reduce((sum, v) => sum + v, 0),
    );
    // Values 0..23 but noon at 100: noon darkest; through the morning each hour darker than the one before.
    expect(luminance.indexOf(Math.min(...luminance))).toBe(12);
    for (let hour = 1; hour < 12; hour++) expect(luminance[hour]!).toBeLessThan(luminance[hour - 1]!);
  });
});

describe('the image bound', () => {
  it('keeps the busiest charts within MAX_PNG_BYTES, at 800 px or a little less', async () => {
    const names = Array.from({ length: 60 }, (_, i) => `Agente número ${i} de la campaña`);
    const bars = specOf({
      rows: names.map((agent, i) => ({ agent, calls: (i * 37) % 100, transfers: i })),
      columns: CALLS,
      request: { kind: 'stacked_bar', y: ['calls', 'transfers'] },
    });
    const series = Array.from({ length: 10 }, (_, s) => `skill ${s}`);
    const lines = specOf({
      rows: series.flatMap((skill, s) =>
        Array.from({ length: 50 }, (_, i) => ({
          minute: `2025-02-03 ${String(i % 24).padStart(2, '0')}:${String(i).padStart(2, '0')}:00`,
          skill,
          calls: (i * (s + 3)) % 41,
        })),
      ),
      columns: [
        { name: 'minute', role: 'time' },
        { name: 'skill', role: 'category' },
        { name: 'calls', role: 'number', additive: true },
      ],
      request: { kind: 'line', series: 'skill' },
    });
    // Sixty long labels stay smooth at 800 px; ten series of 50 crossing points step down to crisp shapes.
    const stacked = await renderChart(bars);
    expect(stacked.png!.length).toBeLessThanOrEqual(MAX_PNG_BYTES);
    expect(stacked.width).toBe(800);
    const crossing = await renderChart(lines);
    expect(crossing.png!.length).toBeLessThanOrEqual(MAX_PNG_BYTES);
    expect(crossing.width).toBeGreaterThanOrEqual(640);
  });
});
