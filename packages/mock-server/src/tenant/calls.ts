import type { WallTime } from '@wolkvox-mcp/contracts';
import { Random, weightedPicker } from '../prng.js';
import { type AgentTimeline, INBOUND_KINDS } from './agent-timeline.js';
import { dayFactor, hourWeights, isAgentHour, type Weekday } from './calendar.js';
import type { Agent, Campaign, Cast, Customer, RoutingPoint, Skill, TypeCode } from './cast.js';
import { ConnIds, voiceConversationId } from './conn-id.js';
import { type DialPlans, dialPlansOf, markCampaignLists } from './dialler.js';
import { type ClosedSeat, closeSeat, Floor, type Seat, spansOf } from './floor.js';
import type { MenuOption } from './profile.js';
import type { CallRecord } from './records.js';
import { hourStamp } from './wall-format.js';

/**
 * A day of calls and of the agents who handled them. The mix follows the profile (a mid-size Colombian operation
 * by default: about half inbound through the IVR, a quarter predictive with answering-machine detection, the rest
 * manual outbound, internal calls, transfers and conferences). Outside agent hours only the IVR answers. Calls are
 * drawn in arrival order, then handed to the floor (floor.ts) in the order they need an agent: queued callers wait
 * for the first agent of their skill to get free (or hang up), predictive answers go to a free agent of the
 * campaign's skill (or are dropped), and agents place their own calls when they are free.
 */

export interface CallContext {
  cast: Cast;
  volume: number;
  /** Memoised per cast: the skills and campaigns calls are drawn from. */
  pickInboundSkill: (rng: Random) => Skill;
  predictive: readonly Campaign[];
  manual: readonly Campaign[];
  /** Arrival hour pickers per weekday. */
  pickHour: ((rng: Random) => number)[];
  pickKind: (rng: Random) => Kind;
  pickPredictiveResult: (rng: Random) => string;
  pickManualResult: (rng: Random) => string;
  pickSelfService: (rng: Random) => MenuOption;
  pickAfterHours: (rng: Random) => MenuOption;
  /** How the dialler runs each campaign (IVR bot, strategy label, the day's list). */
  dialPlans: DialPlans;
  connIds: ConnIds;
}

type Kind = 'inbound' | 'out_pre' | 'outbound_ma' | 'internal' | 'transfer' | 'conference';

export function callContext(cast: Cast, volume: number, timeZone: string): CallContext {
  const { profile } = cast;
  const mix = profile.callMix;
  return {
    cast,
    volume,
    connIds: new ConnIds(cast.pbx, timeZone),
    pickInboundSkill: weightedPicker(
      cast.skills.filter((s) => s.inboundWeight > 0).map((s) => [s, s.inboundWeight] as const),
    ),
    dialPlans: dialPlansOf(cast),
    predictive: cast.campaigns.filter((c) => c.mode === 'predictive'),
    manual: cast.campaigns.filter((c) => c.mode === 'manual'),
    pickHour: ([0, 1, 2, 3, 4, 5, 6] as const).map((weekday) =>
      weightedPicker(hourWeights(profile, weekday).map((weight, hour) => [hour, weight] as const)),
    ),
    pickKind: weightedPicker<Kind>([
      ['inbound', mix.inbound],
      ['out_pre', cast.campaigns.some((c) => c.mode === 'predictive') ? mix.predictive : 0],
      ['outbound_ma', mix.manual],
      ['internal', mix.internal],
      ['transfer', mix.transfer],
      ['conference', mix.conference],
    ]),
    pickPredictiveResult: weightedPicker(profile.predictiveResults),
    pickManualResult: weightedPicker(profile.manualResults),
    pickSelfService: weightedPicker(profile.ivrMenu.selfService),
    pickAfterHours: weightedPicker(profile.ivrMenu.afterHours),
  };
}

const pickInternalKind = weightedPicker([
  ['internal call', 0.5],
  ['internal call_inb', 0.3],
  ['internal call_que', 0.2],
]);

const pickAgentHangUp = weightedPicker([
  ['customer', 0.5],
  ['agent', 0.45],
  ['system', 0.05],
]);

const logNormalMean = (median: number, spread: number) => median * Math.exp((spread * spread) / 2);

function clampSeconds(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.round(value)));
}

function destinyOf(telephone: string): string {
  return telephone.startsWith('3') ? 'COLOMBIA MOVIL' : 'COLOMBIA FIJO';
}

/**
 * How a drawn call gets its agent: `queue` waits in its skill's queue for the first agent free (up to its
 * patience), `connect` needs an agent of the skill free the moment the customer answers (a predictive call),
 * `place` is placed by an agent free (Ready) at that moment, the one idle longest; with nobody free it is not placed.
 */
type Need = 'queue' | 'connect' | 'place';

interface Draft {
  /** Arrival order: the tie-break and the record's place before the floor moves its date. */
  index: number;
  /** Arrival (inbound), or when the call is wanted (placed and connected calls: it starts once an agent rings it). */
  date: WallTime;
  need: Need | undefined;
  /** The skill whose agents take it; undefined: any agent. */
  poolSkill: string | undefined;
  /** Seconds a queued caller waits before hanging up. */
  patience: number;
  type_interaction: string;
  result: string;
  handled_by: CallRecord['handled_by'];
  via_ivr: CallRecord['via_ivr'];
  ivr_seconds: number;
  routing_point_id: string;
  agent: Agent | undefined;
  skill_id: string;
  customer: Customer | undefined;
  campaign_id: string;
  telephone: string;
  destiny: string;
  queue_seconds: number;
  talk_seconds: number;
  hang_up: string;
  amd_result: string;
  amd_file: string;
  menu: MenuOption | undefined;
  code1: TypeCode | undefined;
  code2: TypeCode | undefined;
  comments: string;
  hold: number;
  mute: number;
  holdMutes: number;
  /** A call no agent got free to place: it never happened. */
  dropped: boolean;
}

function blankDraft(index: number, date: WallTime): Draft {
  return {
    index,
    date,
    need: undefined,
    poolSkill: undefined,
    patience: 0,
    type_interaction: '',
    result: '',
    handled_by: 'none',
    via_ivr: 'no',
    ivr_seconds: 0,
    routing_point_id: '',
    agent: undefined,
    skill_id: '',
    customer: undefined,
    campaign_id: '',
    telephone: '',
    destiny: '',
    queue_seconds: 0,
    talk_seconds: 0,
    hang_up: '',
    amd_result: '',
    amd_file: '',
    menu: undefined,
    code1: undefined,
    code2: undefined,
    comments: '',
    hold: 0,
    mute: 0,
    holdMutes: 0,
    dropped: false,
  };
}

function inbound(ctx: CallContext, rng: Random, draft: Draft, open: boolean): void {
  const { cast } = ctx;
  const { profile } = cast;
  const skill = ctx.pickInboundSkill(rng);
  // Outside agent hours the IVR answers with its after-hours menu (voice mail, self-service); a caller who
  // dialled a skill's line directly rings a queue nobody is logged into yet, and hangs up.
  const viaIvr = rng.chance(profile.inbound.viaIvr);
  const rp = open ? skill.routingPoint : cast.afterHours;
  const [ivrMedian, ivrSpread] = profile.handling.ivrSeconds;
  const ivrSeconds = viaIvr ? clampSeconds(rng.logNormal(ivrMedian, ivrSpread), 8, 600) : 0;
  const customer = rng.chance(0.85) ? rng.pick(cast.customers) : undefined;
  const telephone = customer ? customer.telephone : `3${rng.int(100_000_000, 999_999_999)}`;
  const selfService = viaIvr && (!open || rng.chance(profile.inbound.selfService));
  const [patienceMedian, patienceSpread] = profile.service.patience;
  const [talkMedian, talkSpread] = profile.handling.talk.inbound;
  draft.type_interaction = 'inbound';
  draft.via_ivr = viaIvr ? 'yes' : 'no';
  draft.ivr_seconds = ivrSeconds;
  draft.routing_point_id = viaIvr ? rp.rp_id : '';
  draft.customer = customer;
  draft.telephone = telephone;
  draft.destiny = viaIvr ? rp.name : cast.mainLine;
  if (selfService) {
    const menu = profile.ivrMenu;
    draft.menu = rng.chance(menu.noInputShare)
      ? menu.noInput
      : open
        ? ctx.pickSelfService(rng)
        : ctx.pickAfterHours(rng);
    draft.result = 'answer';
    draft.handled_by = 'ivr';
    draft.hang_up = rng.chance(0.3) ? 'system' : 'customer';
    return;
  }
  draft.menu = viaIvr ? profile.ivrMenu.toAgent : undefined;
  draft.skill_id = skill.skill_id;
  draft.need = 'queue';
  draft.poolSkill = skill.skill_id;
  draft.patience = clampSeconds(rng.logNormal(patienceMedian, patienceSpread), 5, 1800);
  draft.talk_seconds = clampSeconds(rng.logNormal(talkMedian, talkSpread), 20, 3600);
}

function predictive(ctx: CallContext, rng: Random, draft: Draft): void {
  const campaign = rng.pick(ctx.predictive);
  const customer = rng.pick(ctx.cast.customers);
  const result = ctx.pickPredictiveResult(rng);
  const bot = ctx.dialPlans.get(campaign.campaign_id)?.bot;
  draft.type_interaction = 'out_pre';
  draft.result = result;
  draft.skill_id = campaign.skill_id;
  draft.customer = customer;
  draft.campaign_id = campaign.campaign_id;
  draft.telephone = customer.telephone;
  draft.destiny = destinyOf(customer.telephone);
  if (bot && result === 'answer') {
    botCall(ctx, rng, draft, bot);
    return;
  }
  const machine = result === 'answer machine';
  draft.amd_result = result === 'answer' ? 'human' : machine ? 'machine' : '';
  draft.amd_file = machine ? rng.pick(campaign.amd_files) : '';
  if (result === 'answer') {
    const [median, spread] = ctx.cast.profile.handling.talk.predictive;
    draft.need = 'connect';
    draft.poolSkill = campaign.skill_id;
    draft.talk_seconds = clampSeconds(rng.logNormal(median, spread), 15, 3600);
    return;
  }
  draft.talk_seconds = machine ? rng.int(18, 35) : 0;
  draft.hang_up = 'system';
}

/**
 * An IVR-bot campaign's answered call: AMD heard a person and the dialler put the call through to the bot's
 * routing point, which handled it with no agent (so diagram_1 lists it with campaign_3's conn_id).
 */
function botCall(ctx: CallContext, rng: Random, draft: Draft, bot: RoutingPoint): void {
  draft.handled_by = 'ivr';
  draft.via_ivr = 'yes';
  draft.ivr_seconds = clampSeconds(rng.logNormal(70, 0.5), 10, 600);
  draft.routing_point_id = bot.rp_id;
  draft.menu = ctx.pickSelfService(rng);
  draft.destiny = bot.name;
  draft.hang_up = rng.chance(0.5) ? 'customer' : 'system';
  draft.amd_result = 'human';
}

/** A call an agent places (manual outbound, internal, transfer, conference): the agent is chosen by the floor. */
function agentCall(ctx: CallContext, rng: Random, draft: Draft, kind: Kind): void {
  const { cast } = ctx;
  const { talk } = cast.profile.handling;
  draft.need = 'place';
  draft.handled_by = 'agent';
  if (kind === 'internal') {
    const other = rng.pick(cast.agents);
    const answered = rng.chance(0.85);
    draft.type_interaction = pickInternalKind(rng);
    draft.result = answered ? 'answer' : 'no answer';
    draft.telephone = other.agent_id;
    draft.destiny = 'INTERNAL';
    draft.talk_seconds = answered
      ? clampSeconds(rng.logNormal(talk.internal[0], talk.internal[1]), 5, 1200)
      : 0;
    draft.hang_up = rng.chance(0.6) ? 'agent' : 'customer';
    return;
  }
  const customer = rng.pick(cast.customers);
  const manual = kind === 'outbound_ma';
  const campaign = manual && ctx.manual.length > 0 && rng.chance(0.7) ? rng.pick(ctx.manual) : undefined;
  const result = manual ? ctx.pickManualResult(rng) : 'answer';
  const [median, spread] = kind === 'conference' ? talk.conference : talk.manual;
  draft.type_interaction = kind;
  draft.result = result;
  draft.customer = customer;
  draft.campaign_id = campaign ? campaign.campaign_id : '';
  draft.poolSkill = campaign?.skill_id;
  draft.skill_id = campaign ? campaign.skill_id : '';
  draft.telephone = customer.telephone;
  draft.destiny = destinyOf(customer.telephone);
  draft.talk_seconds = result === 'answer' ? clampSeconds(rng.logNormal(median, spread), 10, 3600) : 0;
  draft.hang_up = result === 'answer' ? pickAgentHangUp(rng) : 'system';
}

/** Type codes the agent sets in wrap-up: a first-group code (or TIMEOUTACW), sometimes a second-group one. */
function typify(cast: Cast, rng: Random, draft: Draft): void {
  const shares = cast.profile.typeCodes.shares;
  if (rng.chance(shares.timeoutAcw)) {
    draft.code1 = cast.timeoutAcw;
    return;
  }
  draft.code1 = rng.pick(cast.codes1);
  draft.code2 = cast.codes2.length > 0 && rng.chance(shares.second) ? rng.pick(cast.codes2) : undefined;
  draft.comments = rng.chance(shares.comment) ? rng.pick(cast.comments) : '';
}

/** Hands the day's calls to the floor in the order they need an agent. */
function staff(ctx: CallContext, rng: Random, floor: Floor, drafts: readonly Draft[]): void {
  const { cast } = ctx;
  const { ringSeconds, acwSeconds } = cast.profile.handling;
  const wanted = drafts.filter((draft) => draft.need !== undefined);
  const needAt = (draft: Draft) =>
    draft.need === 'queue' ? draft.date + draft.ivr_seconds * 1000 : draft.date;
  wanted.sort((a, b) => needAt(a) - needAt(b) || a.index - b.index);
  for (const draft of wanted) {
    const at = needAt(draft);
    const pool = floor.pool(draft.poolSkill);
    const ring = rng.int(ringSeconds[0], ringSeconds[1]);
    let taken: { seat: Seat; at: number } | undefined;
    if (draft.need === 'queue') {
      taken = floor.soonest(pool, at);
      if (!taken || taken.at - at > draft.patience * 1000) {
        // Nobody got free in time: the caller hung up in queue.
        draft.result = 'abandon';
        draft.handled_by = 'none';
        draft.queue_seconds = draft.patience;
        draft.hang_up = 'customer';
        draft.talk_seconds = 0;
        continue;
      }
      draft.queue_seconds = (taken.at - at) / 1000 + ring;
      draft.result = 'answer';
    } else {
      // Placed and connected calls ring at the agent first: the agent is taken `ring` seconds before they start,
      // and only an agent free then (Ready) takes one: queued callers come first, agents dial when idle.
      const from = at - ring * 1000;
      taken = floor.soonest(pool, from);
      if (!taken || taken.at > from) {
        if (draft.need === 'place' || !rng.chance(ctx.cast.profile.dialler.dropShare)) {
          // An agent places a call only when free, and the dialler paces its dialling to the agents it expects
          // free: a call nobody was there for was not placed at all.
          draft.dropped = true;
          continue;
        }
        // A person answered and nobody was free: the dialler drops the call (wolkvox counts it as abandoned).
        draft.result = 'abandon';
        draft.handled_by = 'none';
        draft.need = undefined;
        draft.talk_seconds = 0;
        draft.hang_up = 'customer';
        continue;
      }
    }
    const seat = taken.seat;
    if (draft.need !== 'queue') draft.date = taken.at + ring * 1000;
    draft.agent = seat.agent;
    draft.handled_by = 'agent';
    draft.hang_up ||= pickAgentHangUp(rng);
    typify(cast, rng, draft);
    const acw =
      draft.code1 === cast.timeoutAcw
        ? acwSeconds[1]
        : rng.int(acwSeconds[0], Math.max(acwSeconds[0], acwSeconds[1] - 1));
    if (!draft.skill_id) draft.skill_id = rng.pick(seat.agent.skills);
    floor.take(seat, taken.at, {
      ring,
      talk: draft.talk_seconds,
      acw,
      talkState: INBOUND_KINDS.has(draft.type_interaction) ? 'inbound' : 'outbound',
    });
    if (draft.talk_seconds > 0 && rng.chance(0.3)) {
      draft.hold = rng.int(10, 120);
      draft.holdMutes++;
    }
    if (draft.talk_seconds > 0 && rng.chance(0.15)) {
      draft.mute = rng.int(5, 40);
      draft.holdMutes++;
    }
  }
}

/**
 * A blended floor: agents work their campaigns' lists in the Ready stretches the inbound traffic leaves them
 * (preview calls, `outbound_ma`), each after a pause, as long as the call fits before their next call or break and
 * the floor is open. The calls the floor handed out stay where they are, and no Ready stretch grows.
 */
function fillIdle(
  ctx: CallContext,
  rng: Random,
  floor: Floor,
  drafts: Draft[],
  day: WallTime,
  weekday: Weekday,
): void {
  const { cast } = ctx;
  const { profile } = cast;
  const [pause, pauseSpread] = profile.blend.pauseBeforeDial;
  const [talkMedian, talkSpread] = profile.handling.talk.manual;
  const { ringSeconds, acwSeconds } = profile.handling;
  // Calls the idle time would hold (a pause, then a call answered about half the time), thinned to the cap.
  let ready = 0;
  for (const seat of floor.seats) for (const [from, to] of Floor.gaps(seat)) ready += to - from;
  const perCall =
    (pause * 1.4 + ringSeconds[1] + logNormalMean(talkMedian, talkSpread) * 0.6 + acwSeconds[1] / 2) * 1000;
  const cap = profile.blend.maxShare * ctx.volume * dayFactor(profile, weekday);
  const keep = ready > 0 ? Math.min(1, cap / (ready / perCall)) : 0;
  for (const seat of floor.seats) {
    const own = ctx.manual.filter((campaign) => seat.agent.skills.includes(campaign.skill_id));
    const campaigns = own.length > 0 ? own : ctx.manual;
    for (const [from, to] of Floor.gaps(seat)) {
      let at = from;
      for (;;) {
        at += Math.round(rng.logNormal(pause, pauseSpread)) * 1000;
        if (!isAgentHour(profile, weekday, Math.floor((at - day) / HOUR_MS))) break;
        const result = ctx.pickManualResult(rng);
        const answered = result === 'answer';
        // An unanswered call rings until the carrier gives up; an answered one a few seconds.
        const ring = answered ? rng.int(ringSeconds[0], ringSeconds[1]) : rng.int(15, 35);
        const talk = answered ? clampSeconds(rng.logNormal(talkMedian, talkSpread), 10, 3600) : 0;
        const draft = blankDraft(drafts.length, at + ring * 1000);
        typify(cast, rng, draft);
        const acw =
          draft.code1 === cast.timeoutAcw
            ? acwSeconds[1]
            : rng.int(acwSeconds[0], Math.max(acwSeconds[0], acwSeconds[1] - 1));
        const end = at + (ring + talk + acw) * 1000;
        // The call (dated when it connects) falls in agent hours and ends before the agent's next span.
        if (end > to || !isAgentHour(profile, weekday, Math.floor((at + ring * 1000 - day) / HOUR_MS))) break;
        if (!rng.chance(keep)) {
          at = end;
          continue;
        }
        const campaign = campaigns.length > 0 && rng.chance(0.8) ? rng.pick(campaigns) : undefined;
        const customer = rng.pick(cast.customers);
        draft.type_interaction = 'outbound_ma';
        draft.result = result;
        draft.handled_by = 'agent';
        draft.agent = seat.agent;
        draft.skill_id = campaign ? campaign.skill_id : (seat.agent.skills[0] ?? '');
        draft.customer = customer;
        draft.campaign_id = campaign ? campaign.campaign_id : '';
        draft.telephone = customer.telephone;
        draft.destiny = destinyOf(customer.telephone);
        draft.talk_seconds = talk;
        draft.hang_up = answered ? pickAgentHangUp(rng) : 'system';
        if (talk > 0 && rng.chance(0.3)) {
          draft.hold = rng.int(10, 120);
          draft.holdMutes++;
        }
        floor.fill(seat, at, { ring, talk, acw, talkState: 'outbound' });
        drafts.push(draft);
        at = end;
      }
    }
  }
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

function toRecord(cast: Cast, draft: Draft, conn_id: string, date_hour: string): CallRecord {
  const agent = draft.agent;
  const typed = draft.handled_by === 'agent' ? draft.code1 : undefined;
  return {
    conn_id,
    // The voice-bot conversation of an IVR call (diagram_15's five-part connect_id).
    voice_conn_id: draft.via_ivr === 'yes' ? voiceConversationId(conn_id) : '',
    date: draft.date,
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
    hold_seconds: draft.hold,
    mute_seconds: draft.mute,
    hold_mute_count: draft.holdMutes,
    cost:
      draft.type_interaction === 'out_pre' || draft.type_interaction === 'outbound_ma'
        ? Math.ceil(draft.talk_seconds / 60) * cast.profile.costPerMinute
        : 0,
    hang_up: draft.hang_up,
    amd_result: draft.amd_result,
    amd_file: draft.amd_file,
    cod_act: typed ? typed.code : '',
    description_cod_act: typed ? typed.description : '',
    cod_act_2: typed && draft.code2 ? draft.code2.code : '',
    description_cod_act_2: typed && draft.code2 ? draft.code2.description : '',
    comments: typed ? draft.comments : '',
    cod_act_groups: typed ? (draft.code2 ? GROUPS_12 : GROUPS_1) : NO_GROUPS,
    // `yes` when the first-group code is flagged HIT (real-time hits_last_hour, campaigns' hits).
    hit: typed?.hit ? 'yes' : 'no',
    channel: 'voice',
    menu_option: draft.menu ? draft.menu.code : '',
    menu_description: draft.menu ? draft.menu.description : '',
    ivr_result: draft.via_ivr === 'yes' ? (draft.skill_id ? 'ok' : 'hung up') : '',
    dial_result: draft.type_interaction === 'out_pre' ? (DIAL_RESULTS[draft.result] ?? draft.result) : '',
  };
}

const HOUR_MS = 3_600_000;

/** A day of calls and the floor that handled them (its seats' timelines are read from it when asked for). */
export interface CallDay {
  calls: CallRecord[];
  seats: readonly ClosedSeat[];
}

/**
 * The calls of one day, sorted by date then conn_id, and the timeline of every agent who worked it. conn_ids are
 * the platform's four parts: the agent (or IVR / dialler) extension, the tenant's PBX digits, the unix epoch of the
 * call's start and a sequence that counts the tenant's calls from a per-day start.
 */
export function generateCalls(
  ctx: CallContext,
  rng: Random,
  day: WallTime,
  dayKey: string,
  weekday: Weekday,
): CallDay {
  const { cast } = ctx;
  const count = Math.round(ctx.volume * dayFactor(cast.profile, weekday) * (0.92 + 0.16 * rng.next()));
  const pickHour = ctx.pickHour[weekday]!;
  const offsets = new Float64Array(count);
  for (let i = 0; i < count; i++) offsets[i] = pickHour(rng) * HOUR_MS + rng.int(0, 3599) * 1000;
  offsets.sort();
  const firstSequence = rng.int(10_000, 59_999);
  // The floor draws its own plan (logins, breaks) so the calls' draws do not depend on the headcount.
  const floor = new Floor(cast, day, weekday, new Random(mixForFloor(rng)));

  const drafts: Draft[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const offset = offsets[i]!;
    const draft = blankDraft(i, day + offset);
    const open = isAgentHour(cast.profile, weekday, Math.floor(offset / HOUR_MS));
    const kind: Kind = open ? ctx.pickKind(rng) : 'inbound';
    if (kind === 'inbound') inbound(ctx, rng, draft, open);
    else if (kind === 'out_pre') predictive(ctx, rng, draft);
    else agentCall(ctx, rng, draft, kind);
    drafts[i] = draft;
  }
  staff(ctx, rng, floor, drafts);
  floor.close();
  fillIdle(ctx, rng, floor, drafts, day, weekday);

  const kept = drafts.filter((draft) => !draft.dropped);
  kept.sort((a, b) => a.date - b.date || a.index - b.index);
  // One `YYYYMMDDHH` string per hour, shared by the hour's records rather than rebuilt for each.
  const hourStamps = Array.from({ length: 24 }, (_, hour) => hourStamp(dayKey, hour));
  const calls: CallRecord[] = new Array(kept.length);
  for (let i = 0; i < kept.length; i++) {
    const draft = kept[i]!;
    const hour = Math.min(23, Math.floor((draft.date - day) / HOUR_MS));
    const connId = ctx.connIds.build(extensionOf(cast, draft), draft.date, firstSequence + i);
    calls[i] = toRecord(cast, draft, connId, hourStamps[hour]!);
  }
  // Calls of the same second keep the view engine's order (date, then conn_id).
  calls.sort((a, b) => a.date - b.date || (a.conn_id < b.conn_id ? -1 : a.conn_id > b.conn_id ? 1 : 0));
  markCampaignLists(ctx.dialPlans, calls, rng, day);
  return { calls, seats: floor.seats.map(closeSeat) };
}

/** A seed for the floor's own generator, drawn from the day's. */
function mixForFloor(rng: Random): number {
  return Math.floor(rng.next() * 4294967296);
}

/**
 * Each seat's timeline, with the calls its agent handled (by date): built when an agent report or the real-time
 * floor first reads the day, not by every call report.
 */
export function timelinesOf(seats: readonly ClosedSeat[], calls: readonly CallRecord[]): AgentTimeline[] {
  const byAgent = new Map<string, AgentTimeline>();
  for (const seat of seats) {
    byAgent.set(seat.agent.agent_id, {
      agent: seat.agent,
      calls: [],
      login: seat.login,
      logout: seat.logout,
      spans: spansOf(seat),
    });
  }
  for (const call of calls) {
    if (call.handled_by === 'agent') byAgent.get(call.agent_id)?.calls.push(call);
  }
  return [...byAgent.values()].sort((a, b) => (a.agent.agent_id < b.agent.agent_id ? -1 : 1));
}
