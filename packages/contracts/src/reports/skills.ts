/** Skills and service level: skill_*. */
export const SKILL_REPORTS = {} as const;
// Entries are added with defineReport (see ../report.ts) and listed here.
