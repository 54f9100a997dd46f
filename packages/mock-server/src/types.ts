import type { FastifyInstance } from 'fastify';
import type { FaultRule } from './faults/fault-rule.js';

export type { FaultRule, FaultSpec } from './faults/fault-rule.js';

/** The public vocabulary of the emulator: what a test or another package sees. */

export const DEMO_TOKEN = 'wolkvox-demo-token';

export interface MockLimits {
  /** Rows one call returns before the row cap applies (platform: 60,000). */
  maxRecordsPerCall: number;
  /** Largest body one call sends (platform: 256 MB). */
  maxResultBytes: number;
  /** Time a call may take, latency and injected delays included (platform: 60 s). */
  callTimeoutMs: number;
  /** Requests in flight at once on one token (platform: 2). */
  maxConcurrentPerToken: number;
  /** Days a window may span for reports that use the platform default (platform: 31). */
  maxWindowDays: number;
}

export interface MockServerOptions {
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** Port; default 0 (any free port) in process. */
  port?: number;
  /** Seed of the simulated tenant; the same seed gives the same contact center and the same rows. Default 1. */
  seed?: number | string;
  /** Tokens the tenant accepts; default [DEMO_TOKEN]. */
  tokens?: string[];
  /** Calls per token per tenant day; default the tenant's licenses (its agents) x 1000: 21,000 at volume 1,500. */
  dailyQuota?: number;
  /** Milliseconds added to every wolkvox call; default 0. */
  latencyMs?: number;
  /** The tenant's IANA time zone; wall times and midnight follow it. Default America/Bogota. */
  timeZone?: string;
  /** Start the clock here (it then runs with real time); default real now. Within 2000-2100 UTC (CLOCK_RANGE). */
  now?: Date | string | number;
  /** Calls on an ordinary weekday; default the scenario's, else 1,500. */
  volume?: number;
  limits?: Partial<MockLimits>;
  /** What to do with more rows than `maxRecordsPerCall`: send exactly the cap (default) or refuse with 413. */
  rowCap?: 'truncate' | 'refuse';
  /** Fastify logging (never logs tokens); default false. */
  logger?: boolean;
  /** Memory bounds of the caches (additions to the brief's API). */
  cache?: Partial<CacheOptions>;
  /**
   * Registry ids of reports not enabled on this tenant's server: they answer 404 `Validate dates entered`, as
   * wolkvox does for a report the server does not have (chat_7 on some servers). Default none.
   */
  disabledReports?: string[];
  /**
   * A scenario file (YAML or JSON) that describes the tenant: agents, skills, campaigns and lists, codes, IVR
   * menu, routing points, hours, shifts, volume, service target. What it leaves out keeps the seeded default.
   */
  scenario?: string;
}

export interface CacheOptions {
  /** Simulated days kept in memory. */
  days: number;
  /** Bytes of serialized responses kept for repeated queries. */
  bodyBytes: number;
  /**
   * Whether emulators of the same tenant (seed, volume, zone, scenario, days kept) in this process share its drawn
   * days (default true: a day is drawn once per process). False draws its own, as a test of determinism needs.
   */
  shared: boolean;
}

export interface JournalEntry {
  id: number;
  at: string;
  method: string;
  /** Path and query. */
  url: string;
  family?: string;
  api?: string;
  /** The token's label (`tok_` + 8 hex of its sha256), never the token. */
  token?: string;
  status: number;
  rows?: number;
  bytes?: number;
  durationMs: number;
  /** The injected fault this request suffered, if any. */
  fault?: string;
}

export interface TokenStats {
  /** The token's label, never the token. */
  token: string;
  requests: number;
  inFlight: number;
  maxInFlight: number;
  rejectedConcurrency: number;
  quotaUsed: number;
  quotaRemaining: number;
}

export interface CastAgent {
  agent_id: string;
  agent_name: string;
  agent_dni: string;
  /** Skill ids the agent takes (addition to the brief's API). */
  skills: string[];
}

export interface CastSkill {
  skill_id: string;
  name: string;
  /** `voice` queues take calls; `digital` ones e-mail, chat and WhatsApp (addition). */
  channel: 'voice' | 'digital';
}

export interface CastCampaign {
  campaign_id: string;
  name: string;
  /** `predictive` campaigns dial out_pre calls with AMD; `manual` ones are dialled by agents (addition). */
  mode: 'predictive' | 'manual';
  skill_id: string;
  /** Voice files AMD leaves on answering machines (addition). */
  amd_files: string[];
}

export interface CastTypeCode {
  /** `cod_act1` (first group, with TIMEOUTACW) or `cod_act2`. */
  group: 'cod_act1' | 'cod_act2';
  cod_act: string;
  description: string;
}

export interface TenantSummary {
  agents: CastAgent[];
  skills: CastSkill[];
  campaigns: CastCampaign[];
  typeCodes: CastTypeCode[];
  /** IVR routing points (addition). */
  routingPoints: { rp_id: string; name: string }[];
  /** The tenant's time zone and seed (addition). */
  timeZone: string;
  seed: number;
  /** Reports not enabled on this tenant's server, by registry id (addition). */
  disabledReports: string[];
}

/** The scenario a running emulator's tenant was made from, and a summary of that tenant (addition). */
export interface ScenarioState {
  /** The scenario as checked (trimmed texts, what it sets), or null for the seeded default. */
  scenario: Record<string, unknown> | null;
  tenant: {
    agents: number;
    skills: CastSkill[];
    campaigns: Pick<CastCampaign, 'campaign_id' | 'name'>[];
    /** Calls on an ordinary weekday: the `volume` option when given, else the scenario's, else 1,500. */
    volume: number;
    /** Calls per token per day: the `dailyQuota` option when given, else the tenant's licenses x 1000. */
    dailyQuota: number;
  };
}

export interface MockControl {
  journal(): JournalEntry[];
  /**
   * The journal once it holds `count` entries (since the last reset), for a test to wait on the emulator rather
   * than on a timer; rejects after `timeoutMs` (default 10 s) with the statuses it held. A call its client gave up
   * on is written when the emulator notices the client left, which may be just after the client moved on.
   */
  waitForJournal(count: number, timeoutMs?: number): Promise<JournalEntry[]>;
  stats(): TokenStats[];
  /** Stats of one token, by the raw token. */
  statsFor(token: string): TokenStats | undefined;
  tokenLabel(token: string): string;
  /** Clears the journal, stats, quotas and faults. */
  reset(): void;
  now(): Date;
  /** The clock continues from there. Every clock move stays within 2000-2100 UTC: a RangeError otherwise. */
  setClock(at: Date | string | number): void;
  /** At most 10 years either way (MAX_ADVANCE_MS). */
  advanceClock(ms: number): void;
  /** The clock stops (tests of real-time reports). */
  freezeClock(at?: Date | string | number): void;
  /** Returns the rule's id. */
  injectFault(rule: FaultRule): string;
  clearFaults(): void;
  /** Replaces the reports not enabled on this tenant's server (registry ids); `[]` enables every report. */
  setDisabledReports(reportIds: readonly string[]): void;
  /** The view engine directly: what a call would return before the row cap and limits. */
  rows(reportId: string, params: Record<string, string>): Record<string, string>[];
  tenant(): TenantSummary;
  scenario(): ScenarioState;
  /**
   * Makes the tenant a scenario describes, replacing the running one (every cached day and answer dropped); the
   * clock, tokens, faults and journal stay. `source` is the scenario's text (YAML or JSON) or its value; one the
   * schema refuses throws a ScenarioError naming every problem (`origin:line:column: field: rule`, no line for a
   * value) and changes nothing.
   */
  setScenario(source: string | Record<string, unknown>, origin?: string): ScenarioState;
}

export interface MockServer {
  url: string;
  control: MockControl;
  close(): Promise<void>;
  app: FastifyInstance;
}
