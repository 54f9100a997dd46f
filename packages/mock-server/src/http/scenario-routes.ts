import type { Problem } from '@wolkvox-mcp/contracts';
import type { FastifyPluginAsync } from 'fastify';
import { EmulatorRefusal } from '../envelope.js';
import { formatProblem, ScenarioError } from '../scenario/load.js';
import type { MockControl } from '../types.js';
import { controlRefusal } from './control-input.js';

/**
 * `/__mock/scenario`: the running emulator's scenario, read and set. The body is read as text, YAML or JSON alike
 * (JSON is YAML), so a problem is placed at its line and column in what was sent, as a scenario file's would be;
 * the scenario's own zod schema checks it (scenario/schema.ts), nothing here. Registered in its own scope: its
 * text parsers do not change how the other control routes read JSON.
 */

/** Media types a scenario is sent as; anything else is refused with 415 before the handler. */
const SCENARIO_TYPES = [
  'application/json',
  'application/yaml',
  'application/x-yaml',
  'text/yaml',
  'text/x-yaml',
  'text/plain',
];

const NO_SCENARIO = 'must be a scenario, YAML or JSON ({} is the seeded default tenant)';

/** The 400 of a refused scenario: every problem in `detail` as `body:line:column: field: rule`, and as a list. */
function scenarioRefusal(error: ScenarioError): EmulatorRefusal {
  const problems: Problem[] = error.problems.map(({ field, rule, line, column }) => ({
    field: field || 'body',
    rule,
    ...(line > 0 ? { hint: `line ${line}, column ${column}` } : {}),
  }));
  return new EmulatorRefusal(
    400,
    'BAD REQUEST',
    'INVALID CONTROL REQUEST',
    error.problems.map(formatProblem).join('; '),
    { problems },
  );
}

export const scenarioRoutes: FastifyPluginAsync<{ control: MockControl }> = async (app, { control }) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(SCENARIO_TYPES, { parseAs: 'string' }, (_request, body, done) => done(null, body));

  app.get(
    '/scenario',
    { config: { does: 'the scenario the tenant was made from, and its summary' } },
    async () => control.scenario(),
  );
  const sets = 'replaces the tenant: a scenario as the body, YAML or JSON (as a --scenario file)';
  app.put('/scenario', { config: { does: sets } }, async (request) => {
    const text = typeof request.body === 'string' ? request.body : '';
    if (text.trim() === '') throw controlRefusal(`body: ${NO_SCENARIO}`);
    try {
      return control.setScenario(text, 'body');
    } catch (error) {
      if (error instanceof ScenarioError) throw scenarioRefusal(error);
      throw error;
    }
  });
};
