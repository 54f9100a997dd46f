/** Speech analytics and the wvx Copilot: speech_*, wizard_*. */
export const SPEECH_REPORTS = {} as const;
// Entries are added with defineReport (see ../report.ts) and listed here.
