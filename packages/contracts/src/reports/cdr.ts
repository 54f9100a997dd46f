/** Call detail records and usage: cdr_*. */
export const CDR_REPORTS = {} as const;
// Entries are added with defineReport (see ../report.ts) and listed here.
