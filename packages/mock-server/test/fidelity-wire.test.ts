import {
  type AnyReport,
  defineReport,
  FIELD_KINDS,
  type FieldKind,
  type FieldMap,
  field,
  listReports,
  meansAll,
  WOLKVOX_ERRORS,
} from '@wolkvox-mcp/contracts';
import { BUSY_MONDAY, dayParams, everyReport, sampleQuery } from '@wolkvox-mcp/test-support/requests';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCli } from '../src/config/cli.js';
import { buildMockApp } from '../src/index.js';
import { Tenant } from '../src/tenant/store.js';
import { ViewEngine } from '../src/views/engine.js';
import { formatValue, MISSING_MARKERS } from '../src/views/format.js';
import { act3, type CallResult, call, mockApp, NOW } from './helpers.js';

/**
 * The real platform's wire conventions, as running code against it saw them (issue 10): the success envelope's
 * `code` is the string "200" on every report, `all` is accepted in any case, every value is a string (never
 * null; missing values are "", "-", "--" or "00:00:00"), percentages read "34.64 %" / "15,233.33 %", decimals
 * keep the precision they have, and a report the tenant's server does not have answers 404 like an empty window.
 */

const WINDOW = dayParams(BUSY_MONDAY);

/**
 * Every report of the registry, asked once for the busy Monday with its documented required parameters (an agent
 * of the tenant for agent_id: the documented example need not be anyone there); real time at NOW, Wednesday 15:30.
 */
const answers = new Map<string, CallResult>();

beforeAll(async () => {
  const { app, control } = await buildMockApp({});
  try {
    control.freezeClock(NOW);
    const agentId = control.tenant().agents[0]!.agent_id;
    for (const report of listReports()) {
      answers.set(report.id, await call(app, report.family, sampleQuery(report, BUSY_MONDAY, { agentId })));
    }
  } finally {
    await app.close();
  }
}, 120_000);

/** The rows of an answer: `data` is one object for info_server, a list otherwise. */
function rowsOf(report: AnyReport, result: CallResult): Record<string, unknown>[] {
  const data = result.body.data as unknown;
  return (report.rows.shape === 'object' ? [data] : data) as Record<string, unknown>[];
}

/** Where a value breaks "strings only": a path for each null, number, boolean or other non-string leaf. */
function nonStrings(value: unknown, path: string): string[] {
  if (typeof value === 'string') return [];
  if (Array.isArray(value)) return value.flatMap((item, i) => nonStrings(item, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => nonStrings(item, `${path}.${key}`));
  }
  return [`${path} = ${JSON.stringify(value)}`];
}

/** Each value of a field map in the rows, with its kind (nested items included). */
function* valuesByKind(
  fields: FieldMap,
  rows: readonly Record<string, unknown>[],
  path: string,
): Generator<{ kind: FieldKind; value: string; where: string }> {
  for (const row of rows) {
    for (const [name, spec] of Object.entries(fields)) {
      const value = row[name];
      if (Array.isArray(value)) {
        yield* valuesByKind(spec.items ?? {}, value as Record<string, unknown>[], `${path}.${name}`);
      } else if (typeof value === 'string') {
        yield { kind: spec.kind, value, where: `${path}.${name}` };
      }
    }
  }
}

/**
 * The wire grammar of each kind the emulator formats, its missing marker included. Kinds not listed are text of
 * their own (names, codes, enum values), which records carry as the platform spells it.
 */
const GRAMMAR: Partial<Record<FieldKind, RegExp>> = {
  timestamp: /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d|-)$/,
  compact_timestamp: /^(\d{14}|-)$/,
  day: /^(\d{4}-\d\d-\d\d|-)$/,
  hour_bucket: /^(\d{10}|-)$/,
  hour_of_day: /^(\d|1\d|2[0-3]|-)$/,
  duration: /^\d{2,}:[0-5]\d:[0-5]\d$/,
  seconds: /^(\d+|--)$/,
  count: /^(\d+|--)$/,
  minutes: /^(\d+\.\d\d|--)$/,
  // At most three places and never a trailing zero after the point: "2.887", "61.4", "12".
  number: /^(-?\d+(\.\d{0,2}[1-9])?|--)$/,
  // Two places with a comma every three digits, or exactly "0 %".
  percent: /^((\d{1,3}(,\d{3})*\.\d\d|0) %|--)$/,
};

describe('every registry report', () => {
  it.each(everyReport())('%s is served and its answer satisfies the contract', (id, report) => {
    const result = answers.get(id)!;
    expect(result.status).toBe(200);
    report.responseSchema.parse(result.body);
    const rows = rowsOf(report, result);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(Object.keys(row)).toEqual(Object.keys(report.fields));
  });
});

describe('envelope: code is the string "200" on every report', () => {
  it('answers {code: "200", error: null, msg: "<N> records were found", data} for each registry report', () => {
    expect(answers.size).toBe(listReports().length);
    for (const report of listReports()) {
      const result = answers.get(report.id)!;
      expect(result.status, report.id).toBe(200);
      expect(Object.keys(result.body), report.id).toEqual(['code', 'error', 'msg', 'data']);
      expect(result.body.code, report.id).toBe('200');
      expect(result.body.error, report.id).toBeNull();
      expect(result.body.msg, report.id).toBe(`${rowsOf(report, result).length} records were found`);
      // The raw bytes too: a string code, quoted, as consumers compare `code == '200'`.
      expect(result.raw.startsWith('{"code":"200","error":null,'), report.id).toBe(true);
    }
  });

  it('keeps a numeric code on error envelopes, with the HTTP status equal to it', async () => {
    const { app } = await mockApp();
    const missing = await call(app, 'reports_manager', { api: 'act_3' });
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe(400);
  });
});

describe('values: strings only, never null', () => {
  it('sends no null, number or boolean anywhere in data, nested lists and objects included', () => {
    for (const report of listReports()) {
      const result = answers.get(report.id)!;
      expect(nonStrings(result.body.data, report.id)).toEqual([]);
    }
  });

  it("formats every value in its kind's wire grammar, missing markers included", () => {
    const broken: string[] = [];
    const seen = new Set<FieldKind>();
    let threePlaces = 0;
    for (const report of listReports()) {
      const result = answers.get(report.id)!;
      for (const { kind, value, where } of valuesByKind(report.fields, rowsOf(report, result), report.id)) {
        const grammar = GRAMMAR[kind];
        if (!grammar) continue;
        seen.add(kind);
        if (kind === 'number' && /\.\d{3}$/.test(value)) threePlaces++;
        if (!grammar.test(value)) broken.push(`${where} (${kind}) = ${JSON.stringify(value)}`);
      }
    }
    expect(broken.slice(0, 10)).toEqual([]);
    // The catalog exercises every formatted kind, so no grammar above is dead.
    expect([...seen].sort()).toEqual(Object.keys(GRAMMAR).sort());
    // Measured numbers keep their precision on the wire: not all cut to two places.
    expect(threePlaces).toBeGreaterThan(0);
  });

  it('formats percentages as wolkvox: "34.64 %", "15,233.33 %" past 999, "0 %" for nothing', () => {
    expect(formatValue('percent', 34.6421)).toBe('34.64 %');
    expect(formatValue('percent', 15_233.333)).toBe('15,233.33 %');
    expect(formatValue('percent', 1_234_567.891)).toBe('1,234,567.89 %');
    expect(formatValue('percent', 999.999)).toBe('1,000.00 %');
    expect(formatValue('percent', 100)).toBe('100.00 %');
    expect(formatValue('percent', 0)).toBe('0 %');
  });

  it('formats measured numbers with the precision they have: "2.887", "61.4", never a forced ".00"', () => {
    expect(formatValue('number', 2.8871)).toBe('2.887');
    expect(formatValue('number', 61.4)).toBe('61.4');
    expect(formatValue('number', 61.400000001)).toBe('61.4');
    expect(formatValue('number', 12)).toBe('12');
    expect(formatValue('number', 0.0004)).toBe('0');
  });

  it("sends each kind's missing marker for a value the platform does not have, never null", () => {
    const expected: Partial<Record<FieldKind, string>> = {
      timestamp: '-',
      compact_timestamp: '-',
      day: '-',
      hour_bucket: '-',
      duration: '00:00:00',
      count: '--',
      percent: '--',
      number: '--',
      text: '',
      agent_id: '',
    };
    for (const [kind, marker] of Object.entries(expected)) {
      expect(formatValue(kind as FieldKind, null), kind).toBe(marker);
      expect(formatValue(kind as FieldKind, Number.NaN), kind).toBe(marker);
    }
    // Every kind has a marker, and each is one of the four the platform uses.
    for (const kind of Object.keys(FIELD_KINDS) as FieldKind[]) {
      expect(['', '-', '--', '00:00:00'], kind).toContain(MISSING_MARKERS[kind]);
    }
  });

  it('sends "-" for the first login of nobody: a min or max over no value is missing, not 1970', () => {
    // agent_1's login/logout are the min/max of a timestamp; where no record holds one, wolkvox sends "-".
    // The voicemail attributes exist on no record: cast past the typed bindings, which would refuse them.
    const nowhere = (attribute: string) => attribute as never;
    const sessions = defineReport({
      api: 'test_sessions',
      family: 'reports_manager',
      toolset: 'agents',
      category: 'Test',
      title: 'Synthetic sessions',
      description: 'First and last voicemail per agent: no call has one.',
      questions: [],
      params: {},
      fields: {
        agent_id: field('agent_id', 'agent'),
        first: field('timestamp', 'invented: first voicemail', { from: { min: nowhere('voicemail_at') } }),
        last: field('timestamp', 'invented: last voicemail', { from: { max: nowhere('voicemail_at') } }),
        longest: field('duration', 'invented: longest voicemail', {
          from: { max: nowhere('voicemail_seconds') },
        }),
        calls: field('count', 'calls', { from: { count: true } }),
      },
      rows: { entity: 'calls', where: { handled_by: 'agent' }, groupBy: ['agent_id'] },
      sources: ['test'],
    });
    const rows = new ViewEngine(new Tenant(1, 1500, 4)).run(
      sessions as AnyReport,
      sessions.requestSchema.parse(WINDOW),
      Date.UTC(2025, 1, 5),
    ).rows as Record<string, string>[];
    expect(rows.length).toBeGreaterThan(3);
    for (const row of rows) {
      expect(row).toMatchObject({ first: '-', last: '-', longest: '00:00:00' });
      expect(Number(row.calls)).toBeGreaterThan(0);
    }
  });
});

/** Reports whose parameter takes `all` as a numeric-id-or-all selector (campaign_id, skill_id). */
function selectorReports() {
  return listReports().flatMap((report) =>
    Object.entries(report.params)
      .filter(([name, spec]) => ['campaign_id', 'skill_id'].includes(name) && spec.filter?.all === 'all')
      .map(([name]) => ({ report, name })),
  );
}

describe('parameters: all in any case', () => {
  it('treats ALL, All and all alike for campaign_id and skill_id on every report that takes them', async () => {
    const { app } = await mockApp();
    const selectors = selectorReports();
    expect(selectors.map(({ name }) => name)).toEqual(expect.arrayContaining(['campaign_id', 'skill_id']));
    for (const { report, name } of selectors) {
      const base = { ...sampleQuery(report), [name]: 'all' };
      const lower = await call(app, report.family, base);
      for (const spelling of ['ALL', 'All', 'aLl']) {
        const other = await call(app, report.family, { ...base, [name]: spelling });
        expect(other.status, `${report.id} ${name}=${spelling}`).toBe(lower.status);
        expect(other.raw, `${report.id} ${name}=${spelling}`).toBe(lower.raw);
      }
    }
  });

  it('still filters by a numeric id, and refuses what is neither an id nor all', async () => {
    const { app } = await mockApp();
    const all = await call(app, 'reports_manager', { api: 'campaign_7', ...WINDOW, campaign_id: 'ALL' });
    expect(all.status).toBe(200);
    const campaigns = new Set(all.body.data!.map((row) => row.campaign_id));
    expect(campaigns.size).toBeGreaterThan(1);
    const one = [...campaigns][0]!;
    const narrowed = await call(app, 'reports_manager', { api: 'campaign_7', ...WINDOW, campaign_id: one });
    expect(narrowed.body.data!.every((row) => row.campaign_id === one)).toBe(true);
    expect(narrowed.body.data!.length).toBeLessThan(all.body.data!.length);
    const typo = await call(app, 'reports_manager', { api: 'campaign_7', ...WINDOW, campaign_id: 'alll' });
    expect(typo.status).toBe(400);
    expect(typo.body.detail).toMatch(/^campaign_id: /);
    expect(meansAll({ all: 'all' }, 'ALL')).toBe(true);
    expect(meansAll(undefined, 'all')).toBe(false);
  });
});

describe('empty: 404 Validate dates entered', () => {
  const NOT_FOUND = {
    code: 404,
    error: 'NOT FOUND',
    msg: WOLKVOX_ERRORS.EMPTY_WINDOW.msg,
    data: null,
  };

  it('answers 404 for a window without records', async () => {
    const { app } = await mockApp();
    const sunday = await call(app, 'reports_manager', act3('20250202000000', '20250202235959'));
    expect(sunday.status).toBe(404);
    expect(sunday.body).toMatchObject(NOT_FOUND);
  });

  it('answers 404 for a report not enabled on the tenant’s server, after checking its parameters', async () => {
    const { app } = await mockApp({ disabledReports: ['chat_1', 'info_agents'] });
    const chat = await call(app, 'reports_manager', { api: 'chat_1', ...WINDOW });
    expect(chat.status).toBe(404);
    expect(chat.body).toMatchObject(NOT_FOUND);
    expect(chat.body.detail).toContain('not enabled');
    const lookup = await call(app, 'information', { api: 'agents' });
    expect(lookup.status).toBe(404);
    // A bad request is still a bad request; other reports still answer.
    const bad = await call(app, 'reports_manager', { api: 'chat_1', date_ini: WINDOW.date_ini });
    expect(bad.status).toBe(400);
    expect((await call(app, 'reports_manager', act3(WINDOW.date_ini, WINDOW.date_end))).status).toBe(200);
  });

  it('is switched per tenant at run time through the control API', async () => {
    const { app, control } = await mockApp();
    const url = '/__mock/disabled-reports';
    expect(JSON.parse((await app.inject({ url })).body)).toEqual({ reports: [] });
    const put = await app.inject({ method: 'PUT', url, payload: { reports: ['act_3'] } });
    expect(put.statusCode).toBe(200);
    expect(JSON.parse(put.body)).toEqual({ reports: ['act_3'] });
    expect(control.tenant().disabledReports).toEqual(['act_3']);
    const window = act3(WINDOW.date_ini, WINDOW.date_end);
    expect((await call(app, 'reports_manager', window)).status).toBe(404);

    const unknown = await app.inject({ method: 'PUT', url, payload: { reports: ['act_99'] } });
    expect(unknown.statusCode).toBe(400);
    expect(JSON.parse(unknown.body)).toMatchObject({ code: 400, detail: 'unknown report id: act_99' });
    expect(control.tenant().disabledReports).toEqual(['act_3']); // a refused change changes nothing

    control.setDisabledReports([]);
    expect((await call(app, 'reports_manager', window)).status).toBe(200);
  });

  it('is an option and a repeatable --disable-report flag, both checked against the registry', async () => {
    await expect(buildMockApp({ disabledReports: ['chat_99'] })).rejects.toThrow(
      /unknown report id: chat_99/,
    );
    const parsed = parseCli(['--disable-report', 'chat_1', '--disable-report', 'info_agents']);
    expect(parsed).toMatchObject({ kind: 'run', options: { disabledReports: ['chat_1', 'info_agents'] } });
    expect(() => parseCli(['--disable-report', 'chat_99'])).toThrow(/unknown report id: chat_99/);
    const { app } = await mockApp(
      parsed.kind === 'run' ? { disabledReports: parsed.options.disabledReports } : {},
    );
    expect((await call(app, 'information', { api: 'agents' })).status).toBe(404);
  });
});
