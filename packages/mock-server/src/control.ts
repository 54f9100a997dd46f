import { describeProblems, getReport, wireRequestSchema } from '@wolkvox-mcp/contracts';
import { checkReportIds, tenantOptions } from './config/options.js';
import type { Emulator } from './emulator.js';
import { checkWire } from './http/wire-check.js';
import { checkScenario, readScenario, ScenarioError } from './scenario/load.js';
import type { MockControl, ScenarioState, TenantSummary } from './types.js';

/** The in-process control surface; the `/__mock/` routes call the same methods. */
export function createControl(emulator: Emulator): MockControl {
  return {
    journal: () => emulator.journal.list(),
    waitForJournal: (count, timeoutMs = 10_000) => emulator.journal.whenHolds(count, timeoutMs),
    stats: () => emulator.tokens.stats(emulator.today()),
    statsFor: (token) => emulator.tokens.statsFor(token, emulator.today()),
    tokenLabel: (token) => emulator.tokens.label(token),
    reset: () => emulator.reset(),
    now: () => emulator.clock.now(),
    setClock: (at) => emulator.clock.set(at),
    advanceClock: (ms) => emulator.clock.advance(ms),
    freezeClock: (at) => emulator.clock.freeze(at),
    injectFault: (rule) => emulator.faults.add(rule),
    clearFaults: () => emulator.faults.clear(),
    setDisabledReports(reportIds) {
      // Checked before anything changes: a bad id leaves the set as it was.
      const ids = checkReportIds(reportIds);
      emulator.disabledReports.clear();
      for (const id of ids) emulator.disabledReports.add(id);
    },
    rows(reportId, params) {
      const report = getReport(reportId);
      if (!report) throw new RangeError(`unknown report: ${reportId}`);
      // The view before limits: a window longer than a call may ask for is read whole.
      const check = checkWire(wireRequestSchema(report, Number.POSITIVE_INFINITY), params);
      if (!check.ok) {
        throw new RangeError(`invalid parameters for ${reportId}: ${describeProblems(check.problems)}`);
      }
      // Nested (`list`) fields hold arrays of items; every other field is a string, as the public type says.
      return emulator.engine.run(report, check.request, emulator.clock.wallNow()).rows as Record<
        string,
        string
      >[];
    },
    tenant: () => tenantSummary(emulator),
    scenario: () => scenarioState(emulator),
    setScenario(source, origin = 'scenario') {
      // Checked whole before anything changes: a refused scenario leaves the running tenant as it was.
      const reading =
        typeof source === 'string' ? readScenario(source, origin) : checkScenario(source, origin);
      if (!reading.ok) throw new ScenarioError(reading.problems);
      emulator.setTenant(tenantOptions(emulator.options.given, reading.scenario, reading.profile));
      return scenarioState(emulator);
    },
  };
}

/** The scenario the running tenant was made from, and what it made. */
export function scenarioState(emulator: Emulator): ScenarioState {
  const { cast } = emulator.tenant;
  const { scenario, volume, dailyQuota } = emulator.options;
  return {
    scenario: scenario ?? null,
    tenant: {
      agents: cast.agents.length,
      skills: cast.skills.map(({ skill_id, name, channel }) => ({ skill_id, name, channel })),
      campaigns: cast.campaigns.map(({ campaign_id, name }) => ({ campaign_id, name })),
      volume,
      dailyQuota,
    },
  };
}

export function tenantSummary(emulator: Emulator): TenantSummary {
  const { cast } = emulator.tenant;
  return {
    agents: cast.agents.map(({ agent_id, agent_name, agent_dni, skills }) => ({
      agent_id,
      agent_name,
      agent_dni,
      skills: [...skills],
    })),
    skills: cast.skills.map(({ skill_id, name, channel }) => ({ skill_id, name, channel })),
    campaigns: cast.campaigns.map(({ campaign_id, name, mode, skill_id, amd_files }) => ({
      campaign_id,
      name,
      mode,
      skill_id,
      amd_files: [...amd_files],
    })),
    typeCodes: [...cast.codes1, cast.timeoutAcw, ...cast.codes2].map(({ group, code, description }) => ({
      group,
      cod_act: code,
      description,
    })),
    routingPoints: cast.routingPoints.map(({ rp_id, name }) => ({ rp_id, name })),
    timeZone: emulator.options.timeZone,
    seed: emulator.options.seed,
    disabledReports: [...emulator.disabledReports].sort(),
  };
}
