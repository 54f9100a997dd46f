/**
 * A report tool's arguments through its one zod schema (the contracts' request vocabulary plus the answer
 * controls): every problem names the argument and the rule, and says what to send instead.
 */
import { type AnyReport, getReport, type Problem, problemsFromIssues } from '@wolkvox-mcp/contracts';
import { describe, expect, it } from 'vitest';
import { requestText } from '../../backend/source.js';
import { CURSOR_MAX_AGE_MS, type CursorState, encodeCursor } from '../../results/cursor.js';
import { reportCallSchema } from './report-call.js';

const act3 = getReport('act_3')!;
const campaign7 = getReport('campaign_7')!;
const realtime = getReport('calls_last_10')!;
// Monday 3 February 2025, 10:00 in Bogota.
const NOW = Date.parse('2025-02-03T15:00:00Z');
const context = { timeZone: 'America/Bogota', now: () => new Date(NOW) };
/** A result fetched five minutes ago, on the context's clock. */
const FETCHED_AT = NOW - 5 * 60_000;

function parse(report: AnyReport, args: unknown) {
  return reportCallSchema(report, context, `wolkvox_${report.id}`).safeParse(args);
}

/** The checked request of a call as text, as wolkvox writes its dates. */
function requestOf(report: AnyReport, args: unknown) {
  const parsed = parse(report, args);
  if (!parsed.success) throw new Error(`expected a call: ${parsed.error.message}`);
  return requestText(parsed.data.request);
}

function problems(report: AnyReport, args: Record<string, unknown>): Problem[] {
  const parsed = parse(report, args);
  if (parsed.success) throw new Error('expected problems');
  return problemsFromIssues(parsed.error.issues, args);
}

describe('a report call', () => {
  it('resolves the window to wall time, to defaulting to the end of from’s day', () => {
    expect(parse(act3, { from: '2025-02-03t08:00' }).data).toMatchObject({
      request: {
        window: { start: Date.UTC(2025, 1, 3, 8), end: Date.UTC(2025, 1, 3, 23, 59, 59) },
        params: {},
      },
      // No limit given: the answer shows the whole result when it fits, else a first page.
      controls: { offset: 0 },
    });
    expect(requestOf(act3, { from: 'last_week' })).toEqual({ from: '20250127000000', to: '20250202235959' });
  });

  it("requires from for windowed reports and the report's required parameters", () => {
    const found = problems(campaign7, {});
    expect(found.map((p) => p.field).sort()).toEqual(['campaign_id', 'from']);
    expect(found.find((p) => p.field === 'campaign_id')?.rule).toContain('"all"');
  });

  it('names the date grammar in the hint', () => {
    const [problem] = problems(act3, { from: 'last week' });
    expect(problem).toMatchObject({ field: 'from', rule: 'is not a date this grammar reads' });
    expect(problem!.hint).toContain('2025-02-03');
  });

  it('refuses a window that ends before it starts, or spans more than a year', () => {
    expect(problems(act3, { from: '2025-02-03', to: '2025-02-01' })).toMatchObject([{ field: 'to' }]);
    expect(problems(act3, { from: '2023-01-01', to: '2025-01-01' })[0]).toMatchObject({
      field: 'to',
      hint: 'narrow it',
    });
  });

  it('lists the valid columns for an unknown field, filter or group_by', () => {
    const found = problems(act3, {
      from: '2025-02-03',
      fields: ['agent'],
      filter: { nope: 'x' },
      group_by: ['who'],
    });
    expect(found.map((p) => p.field)).toEqual(['fields.0', 'filter.nope', 'group_by.0']);
    for (const problem of found) expect(problem.rule).toContain('agent_name');
  });

  it('takes fields as an array of column names only', () => {
    expect(problems(act3, { from: '2025-02-03', fields: 'agent_name' })).toMatchObject([
      { field: 'fields', rule: 'expected an array of column names' },
    ]);
  });

  it('checks the report parameters with their own rules, and refuses unknown names naming the others', () => {
    expect(problems(act3, { from: '2025-02-03', cod_act: 'cod_act9' })[0]?.rule).toContain('cod_act1');
    const [unknown] = problems(act3, { from: '2025-02-03', date: 'x' });
    expect(unknown).toMatchObject({ field: 'date' });
    expect(unknown!.rule).toContain('from, to, cod_act, limit');
  });

  it('refuses a window for a real-time report', () => {
    expect(problems(realtime, { from: '2025-02-03' })[0]?.rule).toContain('takes no window');
  });

  it('bounds limit and offset', () => {
    const found = problems(act3, { from: '2025-02-03', limit: 501, offset: -1 });
    expect(found.map((p) => p.field)).toEqual(['limit', 'offset']);
  });

  it('lets a cursor fix the query, allowing only a new limit', () => {
    const cursor = encodeCursor({
      report: 'act_3',
      request: { from: '20250203000000', to: '20250205235959' },
      offset: 40,
      limit: 20,
      groupBy: ['agent_name'],
      fetchedAt: FETCHED_AT,
    });
    expect(parse(act3, { cursor, from: '2025-02-03', limit: 50 }).data).toMatchObject({
      controls: { offset: 40, limit: 50, groupBy: ['agent_name'] },
    });
    // The cursor's request, read once by its check, is what the call hands on.
    expect(requestOf(act3, { cursor })).toEqual({ from: '20250203000000', to: '20250205235959' });
    expect(problems(act3, { cursor, from: '2025-02-04' })[0]?.field).toBe('from');
    expect(problems(campaign7, { cursor })[0]?.rule).toContain('pages report act_3');
    expect(problems(act3, { cursor: 'garbage' })).toMatchObject([{ field: 'cursor' }]);
  });

  it("lets a cursor page for a day after its result was fetched, on the source's clock, and not before it", () => {
    const at = (fetchedAt: number) =>
      encodeCursor({
        report: 'act_3',
        request: { from: '20250203000000', to: '20250203235959' },
        offset: 20,
        limit: 20,
        fetchedAt,
      } satisfies CursorState);
    expect(parse(act3, { cursor: at(NOW - CURSOR_MAX_AGE_MS) }).success).toBe(true);
    expect(problems(act3, { cursor: at(NOW - CURSOR_MAX_AGE_MS - 1_000) })).toEqual([
      {
        field: 'cursor',
        rule: 'has expired: a cursor pages for 24 h after its result was fetched; ask again without cursor (the same arguments as the first call) for a fresh one',
      },
    ]);
    // A replica's clock a little ahead is no fault; a fetch time hours ahead is no fetch this server saw.
    expect(parse(act3, { cursor: at(NOW + 60_000) }).success).toBe(true);
    expect(problems(act3, { cursor: at(NOW + 3_600_000) })[0]).toMatchObject({
      field: 'cursor',
      rule: expect.stringMatching(
        /^carries a fetch time ahead of this server's clock; ask again without cursor/,
      ),
    });
  });

  it('has an input JSON Schema of plain properties, columns enumerated once', () => {
    const json = reportCallSchema(act3, context, 'wolkvox_act_3')['~standard'].jsonSchema.input({
      target: 'draft-2020-12',
    }) as { properties: Record<string, Record<string, unknown>>; additionalProperties: boolean };
    expect(JSON.stringify(json)).not.toMatch(/anyOf|oneOf|allOf|\$ref/);
    expect(json.additionalProperties).toBe(false);
    expect(Object.keys(json.properties)).toEqual([
      'from',
      'to',
      'cod_act',
      'limit',
      'offset',
      'cursor',
      'fields',
      'filter',
      'group_by',
      'aggregate',
      'order_by',
      'top',
    ]);
    expect(json.properties.fields).toMatchObject({
      type: 'array',
      items: { enum: Object.keys(act3.fields) },
    });
    expect(json.properties.group_by).toMatchObject({ type: 'array', items: { type: 'string' } });
  });
});
