/**
 * Charts as an assistant asks for them, through the SDK client against the emulator: the image beside the text,
 * the Vega-Lite spec in structured content, its data checked against the raw rows the client fetches for the same
 * window (every row of the result, not the page shown), the title's what, when and zone, the chart's words about
 * what it leaves out, and the refusals that name the argument.
 */
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PNG_BYTES } from '../../src/charts/render.js';
import { MAX_REPLY_CHARS, replyChars } from '../../src/results/budget.js';
import { type EmulatedSession, emulatedSession, structured, textOf } from '../helpers.js';

type Row = Record<string, string>;
type Content = { type: string; text?: string; data?: string; mimeType?: string }[];

let session: EmulatedSession;

// Wednesday 5 February 2025, 10:00 in Bogota, frozen: yesterday is Tuesday 4 February.
beforeAll(async () => {
  session = await emulatedSession({ emulator: { now: '2025-02-05T15:00:00Z' }, frozen: true });
});
afterAll(() => session?.close());

const call = (name: string, args: Record<string, unknown>) =>
  session.client.callTool({ name, arguments: args });

/** The rows the client fetches for the same request: what the charts are checked against. */
const raw = async (id: string, request: Record<string, string>) =>
  (await session.wolkvox.reportById(id, request as never, {})).rows as Row[];

function imageOf(result: unknown): { png: Buffer; width: number; height: number } {
  const images = ((result as { content: Content }).content ?? []).filter((item) => item.type === 'image');
  expect(images).toHaveLength(1);
  expect(images[0]!.mimeType).toBe('image/png');
  const png = Buffer.from(images[0]!.data!, 'base64');
  const decoded = PNG.sync.read(png);
  return { png, width: decoded.width, height: decoded.height };
}

const chartOf = (result: unknown) =>
  structured(result).chart as {
    kind: string;
    columns: Record<string, unknown>;
    fields: Record<string, string>;
    notes: string[];
    spec: { data: { values: Record<string, unknown>[] }; title: { text: string; subtitle: string[] } };
  };

describe('run_report with a chart', () => {
  it('draws the IVR by hour yesterday as bars: one per row, the image beside the text', async () => {
    const result = await call('run_report', {
      report: 'diagram_1_2',
      from: 'yesterday',
      chart: { kind: 'bar' },
    });
    const rows = await raw('diagram_1_2', { from: '2025-02-04' });
    expect(rows.length).toBeGreaterThan(5);
    const chart = chartOf(result);
    expect(chart.columns).toEqual({ x: 'date', y: ['calls'] });
    // The rows in time order, as the wire sends them: YYYYMMDDHH, calls a count.
    const expected = rows
      .map((row) => ({ date: row.date, calls: Number(row.calls) }))
      .sort((a, b) => a.date!.localeCompare(b.date!));
    expect(chart.spec.data.values).toEqual(expected);
    expect(chart.spec.title.text).toBe('calls by date — diagram_1_2 "IVR calls and minutes by hour"');
    expect(chart.spec.title.subtitle[0]).toBe('2025-02-04 00:00:00 to 2025-02-04 23:59:59 (America/Bogota)');
    expect(chart.spec.title.subtitle[1]).toBe(`every row of the result: ${expected.length} marks`);
    const image = imageOf(result);
    expect([image.width, image.height]).toEqual([800, 450]);
    expect(image.png.length).toBeLessThanOrEqual(MAX_PNG_BYTES);
    expect(textOf(result)).toContain('Chart (bar, calls by date): it draws every row of the result.');
  });

  it('draws last week as a heat map of hour x day, every hour of every day', async () => {
    const result = await call('run_report', {
      report: 'diagram_1_2',
      from: 'last_week',
      chart: { kind: 'heatmap', y: 'ivr_minutes' },
    });
    const rows = await raw('diagram_1_2', { from: '2025-01-27', to: '2025-02-02' });
    const chart = chartOf(result);
    const expected = rows
      .map((row) => ({
        day: `${row.date!.slice(0, 4)}-${row.date!.slice(4, 6)}-${row.date!.slice(6, 8)}`,
        hour: Number(row.date!.slice(8)),
        ivr_minutes: Number(row.ivr_minutes),
      }))
      .sort((a, b) => a.day.localeCompare(b.day) || a.hour - b.hour);
    expect(new Set(expected.map((cell) => cell.day)).size).toBe(7);
    expect(chart.spec.data.values).toEqual(expected);
    expect(chart.spec.title.text).toContain('ivr_minutes by hour and day');
    expect(imageOf(result).width).toBe(800);
  });

  it('draws every group of the result, not the page the text shows', async () => {
    const result = await call('run_report', {
      report: 'chat_1',
      from: 'yesterday',
      group_by: ['agent_name'],
      order_by: ['count desc', 'agent_name'],
      limit: 2,
      chart: { kind: 'bar' },
    });
    const body = structured(result);
    expect(body.shown).toBe(2);
    const groups = body.totals.groups as number;
    expect(groups).toBeGreaterThan(2);
    const rows = await raw('chat_1', { from: '2025-02-04' });
    const counts = new Map<string, number>();
    for (const row of rows) counts.set(row.agent_name!, (counts.get(row.agent_name!) ?? 0) + 1);
    const chart = chartOf(result);
    expect(chart.columns).toEqual({ x: 'agent_name', y: ['count'] });
    const values = chart.spec.data.values;
    expect(values).toHaveLength(groups);
    expect(new Map(values.map((value) => [value.agent_name, value.count]))).toEqual(counts);
    // In the result's order: count descending.
    expect(values.map((value) => value.count)).toEqual([...counts.values()].sort((a, b) => b - a));
    expect(replyChars({ text: textOf(result), structured: body })).toBeLessThanOrEqual(MAX_REPLY_CHARS);
  });

  it('says there is no chart when rows would share a mark, and answers the rows', async () => {
    const result = await call('run_report', {
      report: 'chat_1',
      from: 'yesterday',
      chart: { kind: 'bar', x: 'agent_name', y: ['chat_duration'] },
    });
    expect((result as { isError?: boolean }).isError).toBeFalsy();
    expect(structured(result).chart).toBeUndefined();
    expect(textOf(result)).toMatch(/Note: No chart: \d+ rows share agent_name with another row/);
    expect((result as { content: Content }).content.filter((item) => item.type === 'image')).toEqual([]);
  });

  it('refuses columns the result lacks and kinds it does not draw, naming the argument', async () => {
    const unknown = await call('run_report', {
      report: 'diagram_1_2',
      from: 'yesterday',
      chart: { kind: 'line', x: 'hora' },
    });
    expect(unknown.isError).toBe(true);
    expect(textOf(unknown)).toBe(
      "run_report: chart.x: unknown column; this result's columns: date, calls, ivr_minutes. Nothing was charted; " +
        'the result is kept in memory, so asking again with columns it has costs no wolkvox request.',
    );
    const pie = await call('run_report', {
      report: 'diagram_1_2',
      from: 'yesterday',
      chart: { kind: 'pie' },
    });
    expect(pie.isError).toBe(true);
    expect(textOf(pie)).toContain('chart.kind');
    expect(textOf(pie)).toContain('expected one of bar, stacked_bar, line, heatmap');
  });
});

describe('query_reports with a chart', () => {
  it('draws the rows of the SQL result, titled by the tables, their window and the zone', async () => {
    const result = await call('query_reports', {
      fetches: [{ report: 'diagram_1_2', from: 'yesterday', as: 'ivr' }],
      sql: 'SELECT hour(date) AS hour, calls, ivr_minutes FROM ivr ORDER BY 1',
      chart: { kind: 'line', y: ['calls', 'ivr_minutes'] },
    });
    const rows = await raw('diagram_1_2', { from: '2025-02-04' });
    const chart = chartOf(result);
    expect(chart.fields).toEqual({ x: 'hour', y: 'value', series: 'measure' });
    const byHour = rows
      .map((row) => ({
        hour: Number(row.date!.slice(8)),
        calls: Number(row.calls),
        minutes: Number(row.ivr_minutes),
      }))
      .sort((a, b) => a.hour - b.hour);
    expect(chart.spec.data.values).toEqual(
      byHour.flatMap((row) => [
        { hour: row.hour, measure: 'calls', value: row.calls },
        { hour: row.hour, measure: 'ivr_minutes', value: row.minutes },
      ]),
    );
    expect(chart.spec.title.text).toBe('calls, ivr_minutes by hour — query over ivr (diagram_1_2)');
    expect(chart.spec.title.subtitle[0]).toBe('2025-02-04 00:00:00 to 2025-02-04 23:59:59 (America/Bogota)');
    expect(imageOf(result).width).toBe(800);
  });

  it('names a column the result lacks, and asks again for nothing', async () => {
    const result = await call('query_reports', {
      fetches: [{ report: 'diagram_1_2', from: 'yesterday' }],
      sql: 'SELECT count(*) AS n FROM diagram_1_2',
      chart: { kind: 'bar', y: ['calls'] },
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("query_reports: chart.y.0: unknown column; this result's columns: n.");
  });
});
