/** Agents: agent_*. */
export const AGENT_REPORTS = {} as const;
// Entries are added with defineReport (see ../report.ts) and listed here.
