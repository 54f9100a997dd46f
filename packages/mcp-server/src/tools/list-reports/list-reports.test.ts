/**
 * list_reports: search by keyword (English or Spanish, accents folded), toolset or category; each entry says how
 * to call the report; exact names rank first; browsing outlines the toolsets.
 */
import { type AnyReport, getReport, listReports, TOOLSETS } from '@wolkvox-mcp/contracts';
import { describe, expect, it } from 'vitest';
import { NO_SIGNAL, parseArgs, SURVEY } from '../../../test/fixtures.js';
import { DEFAULT_SELECTION, isListedBy, type ToolSelection } from '../../catalog/toolsets.js';
import { MAX_TEXT_CHARS } from '../../results/budget.js';
import { listReportsTool } from './tool.js';

function finder(reports: readonly AnyReport[] = listReports(), selection: ToolSelection = DEFAULT_SELECTION) {
  return listReportsTool(reports, isListedBy(selection), MAX_TEXT_CHARS);
}

/** The structured content of a search. */
async function search(list: ReturnType<typeof finder>, args: Record<string, unknown>) {
  const parsed = parseArgs(list, args);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return (await list.run(parsed.value, { signal: NO_SIGNAL })).structured as Record<string, any>;
}

describe('list_reports', () => {
  const list = finder(listReports(), ['ivr']);

  it('searches by keyword in English or Spanish, accents folded', async () => {
    expect((await search(list, { query: 'transfers', limit: 100 })).reports.map((r: any) => r.id)).toContain(
      'chat_9',
    );
    expect((await search(list, { query: 'detalle código tipificación' })).reports[0].id).toBe('act_3');
    expect((await search(list, { query: 'DETALLE CODIGO TIPIFICACION' })).reports[0].id).toBe('act_3');
  });

  it('filters by toolset and says which tools are listed', async () => {
    const ivr = listReports().filter((report) => report.toolset === 'ivr');
    const found = await search(list, { toolset: 'ivr', limit: 100 });
    expect(found.total).toBe(ivr.length);
    expect(found.reports.map((r: any) => [r.id, r.listed, r.tool])).toEqual(
      ivr.map((report) => [report.id, true, `wolkvox_${report.id}`]),
    );
    const chat = await search(list, { toolset: 'chat', query: 'chat_9' });
    expect(chat.reports[0]).toMatchObject({ id: 'chat_9', listed: false });
  });

  it('gives what a call needs: params with required-ness, field names, and the tool to use', async () => {
    const found = await search(list, { query: 'campaign_7' });
    expect(found.reports[0]).toMatchObject({
      id: 'campaign_7',
      listed: false,
      params: [{ name: 'campaign_id', required: true }],
      fields: Object.keys(getReport('campaign_7')!.fields),
    });
    const text = (await list.run({ query: 'campaign_7', limit: 1, offset: 0 }, { signal: NO_SIGNAL })).text;
    expect(text).toContain('campaign_7: ');
    expect(text).toContain('run_report {"report": "campaign_7"}');
    expect(text).toContain('params: campaign_id*');
    expect(text).toContain(`fields: ${Object.keys(getReport('campaign_7')!.fields).join(', ')}`);
  });

  it('ranks the report named exactly first, by id or tool name', async () => {
    // A report titled after act_3 comes before it in the registry (same words, same weight): the exact id wins.
    const extended = finder([{ ...SURVEY, title: 'Surveys of act_3 calls' } as AnyReport, ...listReports()]);
    for (const query of ['act_3', 'wolkvox_act_3', 'ACT_3']) {
      expect((await search(extended, { query })).reports[0].id, query).toBe('act_3');
    }
  });

  it('matches whole words or their start, not text inside a word', async () => {
    const transfers = {
      ...SURVEY,
      title: 'Llamadas transferidas',
      titleEs: undefined,
      description: 'Cada llamada transferida.',
      questions: [],
      category: 'Transfers',
      params: {},
      fields: { score: SURVEY.fields.score! },
    } as unknown as AnyReport;
    const only = finder([transfers]);
    const total = async (query: string) => (await search(only, { query })).total;
    expect(await total('id')).toBe(0); // inside "transferidas" only
    expect(await total('transfer')).toBe(1);
    expect(await total('llamadas')).toBe(1);
    expect(await total('SCORES')).toBe(1);
  });

  it('ranks by meaning: rare words and titles weigh more, only hits near the best are answered, each with why', async () => {
    const aht = await search(list, { query: 'average handle time agent' });
    expect(aht.reports[0].id).toBe('agent_1'); // its questions say "AHT"
    expect(aht.reports[0].matched).toEqual([
      'average (questions)',
      'handle (questions)',
      'time (title)',
      'agent (title)',
    ]);
    const talk = await search(list, { query: 'talk time per campaign', limit: 100 });
    // Most reports mention a time; those about campaigns lead and the rest are counted, not listed.
    expect(talk.total).toBeLessThan(listReports().length / 4);
    expect(talk.weaker).toBeGreaterThan(0);
    for (const report of talk.reports.slice(0, 3)) expect(report.matched.join()).toMatch(/campaign/);
    const lastTen = await search(list, { query: 'what happened in the last 10 minutes' });
    expect(lastTen.reports[0].id).toBe('calls_last_10');
  });

  it('reads a misspelt word as its nearest in the catalog, and says so', async () => {
    const found = await search(list, { query: 'agnet logout' });
    expect(found.corrected).toEqual([{ from: 'agnet', to: 'agent' }]);
    expect(found.reports[0].id).toBe('agent_7');
    const text = (await list.run({ query: 'trasnfers', limit: 1, offset: 0 }, { signal: NO_SIGNAL })).text;
    expect(text).toContain('read "trasnfers" as "transfers"');
    const none = (await list.run({ query: 'xyzzyqq', limit: 10, offset: 0 }, { signal: NO_SIGNAL })).text;
    expect(none).toContain('Nothing matched: try other words');
  });

  it('outlines the toolsets when browsing, not when searching', async () => {
    const browsing = await search(list, {});
    expect(browsing.toolsets).toContainEqual({
      name: 'ivr',
      description: TOOLSETS.ivr,
      reports: listReports().filter((report) => report.toolset === 'ivr').length,
    });
    expect((await search(list, { query: 'ivr' })).toolsets).toBeUndefined();
  });

  it('refuses an unknown toolset naming the valid ones', () => {
    const parsed = parseArgs(list, { toolset: 'sales' });
    expect(parsed.ok).toBe(false);
    expect(JSON.stringify(parsed)).toContain('agents, skills, calls');
  });
});
