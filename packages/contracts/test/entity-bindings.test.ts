import { describe, expect, it } from 'vitest';
import { defineReport, field, listReports, PARAMS, type ReportSpec } from '../src/index.js';
import { undeclaredBindings } from './bindings.js';

/** An entry's parts that do not matter here. */
const base = {
  family: 'reports_manager',
  toolset: 'calls',
  category: 'Test',
  title: 'Probe',
  description: 'probe',
  questions: [],
  sources: [],
  params: {},
} as const satisfies Partial<ReportSpec>;

/**
 * Misspelt bindings. Each `@ts-expect-error` fails `tsc` (the contracts typecheck) the day the typo compiles; the
 * runtime test below checks the same entries are caught by the registry-wide check.
 */
const typos = {
  entity: defineReport({
    ...base,
    api: 'typo_entity',
    fields: {},
    // @ts-expect-error agent_dayy is not an entity
    rows: { entity: 'agent_dayy' },
  }),
  sum: defineReport({
    ...base,
    api: 'typo_sum',
    // @ts-expect-error agent days store aux_seconds, not aux_secs
    fields: { aux_time: field('duration', 'Auxiliary time', { from: { sum: 'aux_secs' } }) },
    rows: { entity: 'agent_days', groupBy: ['agent_id'] },
  }),
  otherEntity: defineReport({
    ...base,
    api: 'typo_other_entity',
    // @ts-expect-error talk_seconds is an attribute of calls, not of agent days
    fields: { talk: field('duration', 'Talk time', { from: 'talk_seconds' }) },
    rows: { entity: 'agent_days' },
  }),
  groupBy: defineReport({
    ...base,
    api: 'typo_group_by',
    fields: {},
    // @ts-expect-error agent_idd is not an attribute
    rows: { entity: 'calls', groupBy: ['agent_idd'] },
  }),
  where: defineReport({
    ...base,
    api: 'typo_where',
    fields: {},
    // @ts-expect-error type_interactions is not an attribute
    rows: { entity: 'calls', where: { type_interactions: 'inbound' } },
  }),
  filter: defineReport({
    ...base,
    api: 'typo_filter',
    // @ts-expect-error agent_aux records name no campaign: campaign_id cannot filter them
    params: { campaign_id: PARAMS.campaign_id() },
    fields: {},
    rows: { entity: 'agent_aux' },
  }),
};

describe('emulator bindings', () => {
  it("name, in every registry entry, attributes its entity declares (contracts' tenant.ts)", () => {
    const problems = listReports().flatMap((report) =>
      undeclaredBindings(report).map((problem) => `${report.id} ${problem}`),
    );
    expect(problems).toEqual([]);
  });

  it('a misspelt entity or attribute is caught, wherever it is bound', () => {
    expect(
      Object.fromEntries(Object.entries(typos).map(([name, r]) => [name, undeclaredBindings(r)])),
    ).toEqual({
      entity: ['rows.entity agent_dayy'],
      sum: ['fields.aux_time.from.sum: aux_secs'],
      otherEntity: ['fields.talk.from: talk_seconds'],
      groupBy: ['rows.groupBy: agent_idd'],
      where: ['rows.where: type_interactions'],
      filter: ['params.campaign_id.filter: campaign_id'],
    });
  });
});
