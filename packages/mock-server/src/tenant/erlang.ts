/**
 * Erlang C, the queueing model workforce planning sizes inbound queues with: callers arrive at random (Poisson),
 * wait in one queue for the first of `agents` free agents, and are handled for an exponentially distributed time.
 * `load` is the offered traffic in erlangs (calls per hour x handle seconds / 3600).
 */

/** The probability that a caller has to wait (Erlang C), for `agents` agents and `load` erlangs. */
export function erlangC(agents: number, load: number): number {
  if (load <= 0) return 0;
  if (agents <= load) return 1;
  // Erlang B by its recurrence (stable for any size), then C from B.
  let b = 1;
  for (let n = 1; n <= agents; n++) b = (load * b) / (n + load * b);
  const occupancy = load / agents;
  return b / (1 - occupancy + occupancy * b);
}

/** The share of callers answered within `seconds` with `agents` agents. */
export function serviceLevel(agents: number, load: number, handleSeconds: number, seconds: number): number {
  if (load <= 0) return 1;
  if (agents <= load) return 0;
  return 1 - erlangC(agents, load) * Math.exp((-(agents - load) * seconds) / handleSeconds);
}

/**
 * The fewest agents that answer `level` of `callsPerHour` calls of `handleSeconds` within `seconds`: the
 * "agents needed" of a workforce report (no shrinkage: agents on the phones). Zero calls need no agent.
 */
export function agentsNeeded(
  callsPerHour: number,
  handleSeconds: number,
  seconds: number,
  level: number,
): number {
  if (callsPerHour <= 0 || handleSeconds <= 0) return 0;
  const load = (callsPerHour * handleSeconds) / 3600;
  let agents = Math.max(1, Math.ceil(load));
  while (serviceLevel(agents, load, handleSeconds, seconds) < level) agents++;
  return agents;
}
