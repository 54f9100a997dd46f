import { DAY_MS, type WallTime } from '@wolkvox-mcp/contracts';
import type { Random } from '../prng.js';
import type { Campaign, Cast, RoutingPoint } from './cast.js';
import type { CallRecord } from './records.js';

/**
 * How the dialler runs each campaign of the cast, and how far each predictive campaign's list has got. The
 * real-time campaigns report reads the list's progress from the calls (`campaign_records`, `campaign_clean`,
 * `campaign_status`, `campaign_label`); the information look-up shows the dial mode; diagram_1 and campaign_3
 * share the calls of an IVR-bot campaign.
 */
export interface DialPlan {
  campaign: Campaign;
  /** information campaigns' `dial_mode`. */
  dialMode: string;
  /** The real-time campaigns label: "<id> - <name>", plus " - Strategy (...)" for a strategy campaign. */
  label: string;
  /** An IVR-bot campaign: the routing point the dialler puts an answered call through to, with no agent. */
  bot?: RoutingPoint;
}

export type DialPlans = ReadonlyMap<string, DialPlan>;

/** The per-phone split a strategy campaign dials by, as the real-time label shows it. */
const STRATEGY = 'Strategy (phone1: 70% | phone2: 30%)';

/**
 * The cast's campaigns as the dialler runs them: the second predictive campaign dials by strategy, the last one
 * (when there are several, so agents keep predictive work) is an IVR bot whose answered calls go to the main
 * routing point's voice bot, the rest dial on autopilot; manual (preview) campaigns ring the first phone for 60
 * seconds.
 */
export function dialPlansOf(cast: Cast): DialPlans {
  const plans = new Map<string, DialPlan>();
  const last = cast.campaigns.filter((campaign) => campaign.mode === 'predictive').length - 1;
  let predictive = 0;
  for (const campaign of cast.campaigns) {
    const base = `${campaign.campaign_id} - ${campaign.name}`;
    if (campaign.mode === 'manual') {
      plans.set(campaign.campaign_id, { campaign, dialMode: 'phone1 - ring: 60(seg)', label: base });
      continue;
    }
    const rank = predictive++;
    const bot = rank === last && rank > 0 ? cast.routingPoints[0] : undefined;
    plans.set(campaign.campaign_id, {
      campaign,
      dialMode: rank === 1 ? 'strategy' : 'autopilot',
      label: rank === 1 ? `${base} - ${STRATEGY}` : base,
      ...(bot ? { bot } : {}),
    });
  }
  return plans;
}

/**
 * Each predictive campaign's list for the day, marked on its dialled calls in date order: `campaign_records`
 * loaded, `campaign_clean` not yet dialled after that call. One campaign a day (taking turns) has a list short
 * enough to run out: its clean reaches 0 while the dialler keeps retrying (dial >= records), and its status stays
 * `started`, as on the platform. The others load more records than they dial. Draws come after the day's calls,
 * so they change no call.
 */
export function markCampaignLists(
  plans: DialPlans,
  calls: readonly CallRecord[],
  rng: Random,
  day: WallTime,
): void {
  const dialled = new Map<string, number>();
  for (const call of calls) {
    if (call.type_interaction === 'out_pre')
      dialled.set(call.campaign_id, (dialled.get(call.campaign_id) ?? 0) + 1);
  }
  const predictive = [...plans.values()].filter((plan) => plan.campaign.mode === 'predictive');
  const finishing =
    predictive[Math.floor(day / DAY_MS) % Math.max(1, predictive.length)]?.campaign.campaign_id;
  const loaded = new Map<string, number>();
  for (const plan of predictive) {
    const id = plan.campaign.campaign_id;
    const share = id === finishing ? 0.45 + 0.25 * rng.next() : 1.1 + 0.5 * rng.next();
    loaded.set(id, Math.max(1, Math.round((dialled.get(id) ?? 0) * share)));
  }
  const done = new Map<string, number>();
  for (const call of calls) {
    const records = loaded.get(call.campaign_id);
    if (call.type_interaction !== 'out_pre' || records === undefined) {
      // Present on every call, empty where it does not apply, like every other call attribute.
      call.campaign_records = '';
      call.campaign_clean = '';
      call.campaign_status = '';
      call.campaign_label = '';
      continue;
    }
    const attempts = (done.get(call.campaign_id) ?? 0) + 1;
    done.set(call.campaign_id, attempts);
    call.campaign_records = records;
    call.campaign_clean = Math.max(0, records - attempts);
    call.campaign_status = 'started';
    call.campaign_label = plans.get(call.campaign_id)!.label;
  }
}
