import type { TenantProfile } from './profile.js';

/**
 * What the profile's traffic means on average, for planning (staffing.ts) and for the workforce figures reports
 * derive (skill_5's agents needed): the expected seconds of a handled inbound call and the share of inbound calls
 * that queue for an agent.
 */

/** The mean of a log-normal given its median and spread. */
const logNormalMean = ([median, spread]: readonly [number, number]) =>
  median * Math.exp((spread * spread) / 2);

const middle = ([min, max]: readonly [number, number]) => (min + max) / 2;

export function expectedSeconds(profile: TenantProfile) {
  const { talk, ringSeconds, acwSeconds } = profile.handling;
  return {
    /** Ring, talk and wrap-up of an inbound call: the agent's time per answered call. */
    inboundHandle: middle(ringSeconds) + logNormalMean(talk.inbound) + middle(acwSeconds),
  };
}

/** Share of the inbound calls (open hours) that enter a skill's queue: not served by the IVR alone. */
export function inboundQueuedShare(profile: TenantProfile): number {
  const { viaIvr, selfService } = profile.inbound;
  return viaIvr * (1 - selfService) + (1 - viaIvr);
}
