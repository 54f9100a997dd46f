/**
 * @wolkvox-mcp/mock-server: a Fastify emulator of the wolkvox report APIs over a seeded simulated contact center.
 * Every report in the contracts registry is served from its registry entry alone.
 */
export { buildMockApp } from './app.js';
export { MockOptionsError } from './config/options.js';
export { tokenLabel } from './limits/token-book.js';
export { ScenarioError, type ScenarioProblem } from './scenario/load.js';
export { startMockServer } from './server.js';
export {
  type CacheOptions,
  type CastAgent,
  type CastCampaign,
  type CastSkill,
  type CastTypeCode,
  DEMO_TOKEN,
  type FaultRule,
  type FaultSpec,
  type JournalEntry,
  type MockControl,
  type MockLimits,
  type MockServer,
  type MockServerOptions,
  type ScenarioState,
  type TenantSummary,
  type TokenStats,
} from './types.js';
