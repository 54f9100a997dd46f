/** Quality evaluations: quality_*. */
export const QUALITY_REPORTS = {} as const;
// Entries are added with defineReport (see ../report.ts) and listed here.
