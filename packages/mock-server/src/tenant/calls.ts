import type { WallTime } from '@wolkvox-mcp/contracts';
import { type Random, weightedPicker } from '../prng.js';
import { RESERVE_MS } from './agent-timeline.js';
import { dayFactor, hourWeights, isAgentHour, type Weekday } from './calendar.js';
import type { Agent, Campaign, Cast, Customer, RoutingPoint, Skill } from './cast.js';
import { ConnIds, voiceConversationId } from './conn-id.js';
import { type DialPlans, dialPlansOf, markCampaignLists } from './dialler.js';
import type { CallRecord } from './records.js';
import type { Roster } from './roster.js';
import { hourStamp } from './wall-format.js';

/**
 * A day of calls. The mix follows a mid-size Colombian operation: about half inbound through the IVR, a quarter
 * predictive (with answering-machine detection), the rest manual outbound, internal calls, transfers and
 * conferences. Outside agent hours only the IVR answers.
 */

export interface CallContext {
  cast: Cast;
  roster: Roster;
  volume: number;
  /** Memoised per cast: the skills and campaigns calls are drawn from. */
  pickInboundSkill: (rng: Random) => Skill;
  predictive: readonly Campaign[];
  manual: readonly Campaign[];
  /** Arrival hour pickers per weekday. */
  pickHour: ((rng: Random) => number)[];
  /** How the dialler runs each campaign (IVR bot, strategy label, the day's list). */
  dialPlans: DialPlans;
  connIds: ConnIds;
}

export function callContext(cast: Cast, roster: Roster, volume: number, timeZone: string): CallContext {
  return {
    cast,
    roster,
    volume,
    connIds: new ConnIds(cast.pbx, timeZone),
    pickInboundSkill: weightedPicker(
      cast.skills.filter((s) => s.inboundWeight > 0).map((s) => [s, s.inboundWeight] as const),
    ),
    dialPlans: dialPlansOf(cast),
    predictive: cast.campaigns.filter((c) => c.mode === 'predictive'),
    manual: cast.campaigns.filter((c) => c.mode === 'manual'),
    pickHour: ([0, 1, 2, 3, 4, 5, 6] as const).map((weekday) =>
      weightedPicker(hourWeights(weekday).map((weight, hour) => [hour, weight] as const)),
    ),
  };
}

type Kind = 'inbound' | 'out_pre' | 'outbound_ma' | 'internal' | 'transfer' | 'conference';

const pickKind = weightedPicker<Kind>([
  ['inbound', 0.52],
  ['out_pre', 0.24],
  ['outbound_ma', 0.12],
  ['internal', 0.05],
  ['transfer', 0.04],
  ['conference', 0.03],
]);

const pickInternalKind = weightedPicker([
  ['internal call', 0.5],
  ['internal call_inb', 0.3],
  ['internal call_que', 0.2],
]);

/** What becomes of an inbound caller while agents are on the floor. */
const pickFateViaIvr = weightedPicker([
  ['agent', 0.72],
  ['ivr', 0.14],
  ['abandon', 0.14],
] as const);
const pickFateDirect = weightedPicker([
  ['agent', 0.72],
  ['abandon', 0.14],
] as const);

/** Predictive outcomes; `answer` is AMD "human" (connected to an agent), `answer machine` is AMD "machine". */
const pickPredictiveResult = weightedPicker([
  ['answer', 0.38],
  ['answer machine', 0.22],
  ['no answer', 0.2],
  ['busy', 0.08],
  ['failed', 0.05],
  ['congestion', 0.03],
  ['chanunavail', 0.04],
]);

const pickManualResult = weightedPicker([
  ['answer', 0.6],
  ['no answer', 0.22],
  ['busy', 0.1],
  ['failed', 0.05],
  ['chanunavail', 0.03],
]);

const pickAgentHangUp = weightedPicker([
  ['customer', 0.5],
  ['agent', 0.45],
  ['system', 0.05],
]);

function clampSeconds(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.round(value)));
}

function destinyOf(telephone: string): string {
  return telephone.startsWith('3') ? 'COLOMBIA MOVIL' : 'COLOMBIA FIJO';
}

/**
 * Who is taken while a day's calls are drawn in order: each agent's call ends (plus room for its wrap-up and the
 * next ring) at `busyUntil`, and `at` is the current call's wall time. Agents take one call at a time.
 */
interface Floor {
  at: WallTime;
  busyUntil: Map<string, number>;
}

interface Draft {
  type_interaction: string;
  result: string;
  handled_by: CallRecord['handled_by'];
  via_ivr: CallRecord['via_ivr'];
  ivr_seconds: number;
  routing_point_id: string;
  agent?: Agent | undefined;
  skill_id: string;
  customer?: Customer | undefined;
  campaign_id: string;
  telephone: string;
  destiny: string;
  queue_seconds: number;
  talk_seconds: number;
  hang_up: string;
  amd_result: string;
  amd_file: string;
}

function inbound(
  ctx: CallContext,
  rng: Random,
  floor: Floor,
  weekday: Weekday,
  hour: number,
  open: boolean,
): Draft {
  const { cast } = ctx;
  const skill = ctx.pickInboundSkill(rng);
  const viaIvr = rng.chance(0.93);
  const rp = open
    ? skill.name === 'Cobranza'
      ? cast.routingPoints[1]!
      : cast.routingPoints[0]!
    : cast.routingPoints[2]!;
  const ivrSeconds = viaIvr ? clampSeconds(rng.logNormal(55, 0.5), 8, 600) : 0;
  const customer = rng.chance(0.85) ? rng.pick(cast.customers) : undefined;
  const telephone = customer ? customer.telephone : `3${rng.int(100_000_000, 999_999_999)}`;
  const agent = open
    ? ctx.roster.pickFree(rng, skill.skill_id, weekday, hour, floor.at, floor.busyUntil)
    : undefined;
  // The caller's fate: an agent, the IVR alone (self-service, or the only option when the floor is closed), or
  // hanging up while waiting (always, when the floor is open but every agent of the skill is on a call).
  const fate = agent
    ? (viaIvr ? pickFateViaIvr : pickFateDirect)(rng)
    : !open && viaIvr && rng.chance(0.8)
      ? 'ivr'
      : 'abandon';
  const queueSeconds =
    fate === 'ivr' ? 0 : clampSeconds(rng.logNormal(fate === 'abandon' ? 70 : 25, 0.8), 1, 1200);
  const talkSeconds = fate === 'agent' ? clampSeconds(rng.logNormal(240, 0.6), 20, 3600) : 0;
  return {
    type_interaction: 'inbound',
    result: fate === 'abandon' ? 'abandon' : 'answer',
    handled_by: fate === 'agent' ? 'agent' : fate === 'ivr' ? 'ivr' : 'none',
    via_ivr: viaIvr ? 'yes' : 'no',
    ivr_seconds: ivrSeconds,
    routing_point_id: viaIvr ? rp.rp_id : '',
    agent: fate === 'agent' ? agent : undefined,
    skill_id: fate === 'ivr' ? '' : skill.skill_id,
    customer,
    campaign_id: '',
    telephone,
    destiny: viaIvr ? rp.name : cast.mainLine,
    queue_seconds: queueSeconds,
    talk_seconds: talkSeconds,
    hang_up:
      fate === 'agent' ? pickAgentHangUp(rng) : fate === 'ivr' && rng.chance(0.3) ? 'system' : 'customer',
    amd_result: '',
    amd_file: '',
  };
}

function predictive(ctx: CallContext, rng: Random, floor: Floor, weekday: Weekday, hour: number): Draft {
  const campaign = rng.pick(ctx.predictive);
  const customer = rng.pick(ctx.cast.customers);
  let result: string = pickPredictiveResult(rng);
  const bot = ctx.dialPlans.get(campaign.campaign_id)?.bot;
  if (bot && result === 'answer') return botCall(rng, campaign, customer, bot);
  const agent =
    result === 'answer'
      ? ctx.roster.pickFree(rng, campaign.skill_id, weekday, hour, floor.at, floor.busyUntil)
      : undefined;
  // A human answered but nobody was free: the dialler drops the call (wolkvox counts it as abandoned).
  if (result === 'answer' && !agent) result = 'abandon';
  const human = result === 'answer' || result === 'abandon';
  const machine = result === 'answer machine';
  return {
    type_interaction: 'out_pre',
    result,
    handled_by: agent ? 'agent' : 'none',
    via_ivr: 'no',
    ivr_seconds: 0,
    routing_point_id: '',
    agent,
    skill_id: campaign.skill_id,
    customer,
    campaign_id: campaign.campaign_id,
    telephone: customer.telephone,
    destiny: destinyOf(customer.telephone),
    queue_seconds: 0,
    talk_seconds: agent ? clampSeconds(rng.logNormal(180, 0.7), 15, 3600) : machine ? rng.int(18, 35) : 0,
    hang_up: agent ? pickAgentHangUp(rng) : human ? 'customer' : 'system',
    amd_result: human ? 'human' : machine ? 'machine' : '',
    amd_file: machine ? rng.pick(campaign.amd_files) : '',
  };
}

/**
 * An IVR-bot campaign's answered call: AMD heard a person and the dialler put the call through to the bot's
 * routing point, which handled it with no agent (so diagram_1 lists it with campaign_3's conn_id).
 */
function botCall(rng: Random, campaign: Campaign, customer: Customer, bot: RoutingPoint): Draft {
  return {
    type_interaction: 'out_pre',
    result: 'answer',
    handled_by: 'ivr',
    via_ivr: 'yes',
    ivr_seconds: clampSeconds(rng.logNormal(70, 0.5), 10, 600),
    routing_point_id: bot.rp_id,
    agent: undefined,
    skill_id: campaign.skill_id,
    customer,
    campaign_id: campaign.campaign_id,
    telephone: customer.telephone,
    destiny: bot.name,
    queue_seconds: 0,
    talk_seconds: 0,
    hang_up: rng.chance(0.5) ? 'customer' : 'system',
    amd_result: 'human',
    amd_file: '',
  };
}

function agentCall(
  ctx: CallContext,
  rng: Random,
  floor: Floor,
  kind: Kind,
  weekday: Weekday,
  hour: number,
): Draft | undefined {
  const { cast } = ctx;
  const agent = ctx.roster.pickFree(rng, undefined, weekday, hour, floor.at, floor.busyUntil);
  if (!agent) return undefined;
  const skill_id = rng.pick(agent.skills);
  if (kind === 'internal') {
    const other = rng.pick(cast.agents);
    const answered = rng.chance(0.85);
    return {
      type_interaction: pickInternalKind(rng),
      result: answered ? 'answer' : 'no answer',
      handled_by: 'agent',
      via_ivr: 'no',
      ivr_seconds: 0,
      routing_point_id: '',
      agent,
      skill_id,
      customer: undefined,
      campaign_id: '',
      telephone: other.agent_id,
      destiny: 'INTERNAL',
      queue_seconds: 0,
      talk_seconds: answered ? clampSeconds(rng.logNormal(60, 0.6), 5, 1200) : 0,
      hang_up: rng.chance(0.6) ? 'agent' : 'customer',
      amd_result: '',
      amd_file: '',
    };
  }
  const customer = rng.pick(cast.customers);
  const manual = kind === 'outbound_ma';
  const campaign = manual && rng.chance(0.7) ? rng.pick(ctx.manual) : undefined;
  const result = manual ? pickManualResult(rng) : 'answer';
  return {
    type_interaction: kind,
    result,
    handled_by: 'agent',
    via_ivr: 'no',
    ivr_seconds: 0,
    routing_point_id: '',
    agent,
    skill_id: campaign ? campaign.skill_id : skill_id,
    customer,
    campaign_id: campaign ? campaign.campaign_id : '',
    telephone: customer.telephone,
    destiny: destinyOf(customer.telephone),
    queue_seconds: 0,
    talk_seconds:
      result === 'answer' ? clampSeconds(rng.logNormal(kind === 'conference' ? 420 : 200, 0.6), 10, 3600) : 0,
    hang_up: result === 'answer' ? pickAgentHangUp(rng) : 'system',
    amd_result: '',
    amd_file: '',
  };
}

/** Type codes the agent sets in wrap-up: a first-group code (or TIMEOUTACW), sometimes a second-group one. */
function typify(cast: Cast, rng: Random) {
  if (rng.chance(0.04)) {
    return { code1: cast.timeoutAcw, code2: undefined, comments: '' };
  }
  const code1 = rng.pick(cast.codes1);
  const code2 = rng.chance(0.35) ? rng.pick(cast.codes2) : undefined;
  return { code1, code2, comments: rng.chance(0.6) ? rng.pick(cast.comments) : '' };
}

/** Skill names by id, once per cast: calls carry `skill_name` for the skill and CDR reports. */
const skillNames = new WeakMap<Cast, Map<string, string>>();
function skillNameOf(cast: Cast, skillId: string): string {
  let names = skillNames.get(cast);
  if (!names) {
    names = new Map(cast.skills.map((skill) => [skill.skill_id, skill.name]));
    skillNames.set(cast, names);
  }
  return names.get(skillId) ?? '';
}

/** Telephone usage cost (COP) per started minute of an outbound call; inbound and internal calls cost nothing. */
const COST_PER_MINUTE = 40;

/** IVR menu options (PULSE: none pressed), drawn from the IVR time so no random draw is added. */
const MENU_OPTIONS = ['1', '2', '3', '4', '9', 'PULSE'] as const;
/** Dialler results as the campaign reports spell them (campaign_1/3/4 write no-answer, answer-machine). */
const DIAL_RESULTS: Record<string, string> = { 'no answer': 'no-answer', 'answer machine': 'answer-machine' };

const GROUPS_1 = Object.freeze(['cod_act1']);
const GROUPS_12 = Object.freeze(['cod_act1', 'cod_act2']);
const NO_GROUPS = Object.freeze([] as string[]);

/** The extension a call's conn_id starts with: its agent's, else the IVR's or the dialler's. */
function extensionOf(cast: Cast, draft: Draft): string {
  if (draft.agent) return draft.agent.agent_id;
  return draft.type_interaction === 'out_pre' ? cast.extensions.dialler : cast.extensions.ivr;
}

function toRecord(
  cast: Cast,
  rng: Random,
  draft: Draft,
  conn_id: string,
  date: WallTime,
  date_hour: string,
): CallRecord {
  const typed = draft.handled_by === 'agent' ? typify(cast, rng) : undefined;
  const agent = draft.agent;
  return {
    conn_id,
    // The voice-bot conversation of an IVR call (diagram_15's five-part connect_id).
    voice_conn_id: draft.via_ivr === 'yes' ? voiceConversationId(conn_id) : '',
    date,
    date_hour,
    type_interaction: draft.type_interaction,
    result: draft.result,
    handled_by: draft.handled_by,
    via_ivr: draft.via_ivr,
    ivr_seconds: draft.ivr_seconds,
    routing_point_id: draft.routing_point_id,
    agent_id: agent ? agent.agent_id : '',
    agent_name: agent ? agent.agent_name : '',
    agent_dni: agent ? agent.agent_dni : '',
    skill_id: draft.skill_id,
    skill_name: skillNameOf(cast, draft.skill_id),
    customer_id: draft.customer ? draft.customer.customer_id : '',
    campaign_id: draft.campaign_id,
    telephone: draft.telephone,
    destiny: draft.destiny,
    time: draft.ivr_seconds + draft.queue_seconds + draft.talk_seconds,
    queue_seconds: draft.queue_seconds,
    talk_seconds: draft.talk_seconds,
    cost:
      draft.type_interaction === 'out_pre' || draft.type_interaction === 'outbound_ma'
        ? Math.ceil(draft.talk_seconds / 60) * COST_PER_MINUTE
        : 0,
    hang_up: draft.hang_up,
    amd_result: draft.amd_result,
    amd_file: draft.amd_file,
    cod_act: typed ? typed.code1.code : '',
    description_cod_act: typed ? typed.code1.description : '',
    cod_act_2: typed?.code2 ? typed.code2.code : '',
    description_cod_act_2: typed?.code2 ? typed.code2.description : '',
    comments: typed ? typed.comments : '',
    cod_act_groups: typed ? (typed.code2 ? GROUPS_12 : GROUPS_1) : NO_GROUPS,
    // `yes` when the first-group code is flagged HIT (real-time hits_last_hour, campaigns' hits).
    hit: typed?.code1.hit ? 'yes' : 'no',
    channel: 'voice',
    menu_option: draft.via_ivr === 'yes' ? MENU_OPTIONS[draft.ivr_seconds % MENU_OPTIONS.length]! : '',
    ivr_result: draft.via_ivr === 'yes' ? (draft.skill_id ? 'ok' : 'hung up') : '',
    dial_result: draft.type_interaction === 'out_pre' ? (DIAL_RESULTS[draft.result] ?? draft.result) : '',
  };
}

const HOUR_MS = 3_600_000;

/**
 * The calls of one day, sorted by date then conn_id. conn_ids are the platform's four parts: the agent (or IVR /
 * dialler) extension, the tenant's PBX digits, the unix epoch of the call's start and a sequence that counts the
 * tenant's calls from a per-day start.
 */
export function generateCalls(
  ctx: CallContext,
  rng: Random,
  day: WallTime,
  dayKey: string,
  weekday: Weekday,
): CallRecord[] {
  const count = Math.round(ctx.volume * dayFactor(weekday) * (0.92 + 0.16 * rng.next()));
  const pickHour = ctx.pickHour[weekday]!;
  const offsets = new Float64Array(count);
  for (let i = 0; i < count; i++) offsets[i] = pickHour(rng) * HOUR_MS + rng.int(0, 3599) * 1000;
  offsets.sort();

  // One `YYYYMMDDHH` string per hour, shared by the hour's records rather than rebuilt for each.
  const hourStamps = Array.from({ length: 24 }, (_, hour) => hourStamp(dayKey, hour));
  const firstSequence = rng.int(10_000, 59_999);
  const floor: Floor = { at: day, busyUntil: new Map() };
  const calls: CallRecord[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const offset = offsets[i]!;
    const date = day + offset;
    const hour = Math.floor(offset / HOUR_MS);
    const open = isAgentHour(weekday, hour);
    const kind: Kind = open ? pickKind(rng) : 'inbound';
    floor.at = date;
    const draft =
      (kind === 'inbound'
        ? inbound(ctx, rng, floor, weekday, hour, open)
        : kind === 'out_pre'
          ? predictive(ctx, rng, floor, weekday, hour)
          : agentCall(ctx, rng, floor, kind, weekday, hour)) ?? inbound(ctx, rng, floor, weekday, hour, open);
    if (draft.agent) {
      const end = date + (draft.ivr_seconds + draft.queue_seconds + draft.talk_seconds) * 1000;
      floor.busyUntil.set(draft.agent.agent_id, end + RESERVE_MS);
    }
    const connId = ctx.connIds.build(extensionOf(ctx.cast, draft), date, firstSequence + i);
    calls[i] = toRecord(ctx.cast, rng, draft, connId, date, hourStamps[hour]!);
  }
  // Calls of the same second keep the view engine's order (date, then conn_id).
  calls.sort((a, b) => a.date - b.date || (a.conn_id < b.conn_id ? -1 : a.conn_id > b.conn_id ? 1 : 0));
  markCampaignLists(ctx.dialPlans, calls, rng, day);
  return calls;
}
